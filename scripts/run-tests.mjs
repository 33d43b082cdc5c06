#!/usr/bin/env node
/**
 * `npm test`: runs every test/**\/*.test.ts with node:test (Node 20 has no globs in --test),
 * then prints one line `N passed, N failed` and exits non-zero on any failure.
 * First makes sure the AWS CLI exists for test/cli-smoke.test.ts (installs Debian's awscli when
 * running as root); without it that test skips and says why.
 */
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(fileURLToPath(new URL('.', import.meta.url)), '..');
const filters = process.argv.slice(2);

function findTests(dir) {
  const out = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (name === 'node_modules' || name.startsWith('.')) continue;
    if (statSync(p).isDirectory()) out.push(...findTests(p));
    else if (name.endsWith('.test.ts')) out.push(relative(root, p));
  }
  return out;
}

function ensureAwsCli() {
  if (spawnSync('aws', ['--version'], { stdio: 'ignore' }).status === 0) return;
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) {
    console.log('note: aws CLI not found and not root; the CLI smoke test will skip');
    return;
  }
  console.log('aws CLI not found; installing Debian awscli…');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const upd = spawnSync('apt-get', ['update'], { stdio: 'ignore', env });
  const inst = upd.status === 0 ? spawnSync('apt-get', ['install', '-y', 'awscli'], { stdio: 'ignore', env }) : upd;
  if (inst.status !== 0) console.log('note: could not install awscli; the CLI smoke test will skip');
}

const files = findTests(join(root, 'test'))
  .filter((f) => filters.length === 0 || filters.some((x) => f.includes(x)))
  .sort();
if (files.length === 0) {
  console.log('0 passed, 0 failed');
  process.exit(filters.length ? 1 : 0);
}
if (files.some((f) => f.includes('cli-'))) ensureAwsCli();

/**
 * Runs test files in one node:test process; resolves with the counts from its spec summary
 * ("ℹ pass N" / "ℹ fail N" / "ℹ cancelled N", the last counted as failed).
 */
function runPass(label, passFiles, env) {
  console.log(`\n=== ${label}: ${passFiles.length} files ===`);
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', '--test', '--test-force-exit', '--test-concurrency=2', '--test-reporter=spec', '--test-reporter-destination=stdout', ...passFiles],
      { cwd: root, stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, ...env } },
    );
    let tail = '';
    // The spec reporter's closing "failing tests:" section, kept to be printed again at the very
    // end (CI shows the end of the output; a later pass would push it out of view).
    let failures = '';
    let inFailures = false;
    child.stdout.on('data', (chunk) => {
      process.stdout.write(chunk);
      const text = chunk.toString('utf8');
      if (!inFailures) {
        tail = (tail + text).slice(-8192);
        const at = tail.indexOf('failing tests:');
        if (at >= 0) {
          // The summary ("ℹ pass N") comes just before this section.
          inFailures = true;
          failures = tail.slice(at);
          tail = tail.slice(0, at);
        }
      } else if (failures.length < 200_000) {
        failures += text;
      }
    });
    child.on('close', (code, signal) => {
      const num = (key) => {
        const m = [...tail.matchAll(new RegExp(`^\\S*\\s*${key} (\\d+)\\s*$`, 'gm'))].pop();
        return m ? Number(m[1]) : undefined;
      };
      const passed = num('pass');
      // A test cancelled (its timeout fired, or its file ended first) did not pass: node:test counts
      // it apart from "fail", and the line CI reads must not say 0 failed for it.
      const failed = num('fail') === undefined ? undefined : (num('fail') ?? 0) + (num('cancelled') ?? 0);
      if (passed === undefined || failed === undefined) {
        console.log(`${label}: the test runner exited with ${signal ?? code} before its summary`);
        resolve({ passed: passed ?? 0, failed: (failed ?? 0) + 1, ok: false });
        return;
      }
      console.log(`${label}: ${passed} passed, ${failed} failed`);
      resolve({ passed, failed, ok: code === 0 && failed === 0, label, failures: failed > 0 ? failures : '' });
    });
  });
}

/**
 * The type check of the sources and the tests (tsconfig.test.json): node:test runs the tests
 * through tsx, which strips types without checking them. Counted as one test.
 */
function typeCheck() {
  console.log('\n=== type check: tsc -p tsconfig.test.json ===');
  const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
  const r = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.test.json'], { cwd: root, encoding: 'utf8' });
  const output = `${r.stdout ?? ''}${r.stderr ?? ''}`.trim();
  if (r.status === 0) {
    console.log('type check: 1 passed, 0 failed');
    return { passed: 1, failed: 0, ok: true, label: 'type check', failures: '' };
  }
  console.log(`${output}\ntype check: 0 passed, 1 failed`);
  return { passed: 0, failed: 1, ok: false, label: 'type check', failures: output || `tsc exited with ${r.status ?? r.signal}` };
}

// Pass 1: everything; test servers keep their data in memory (the heap engine). Passes 2 to 4:
// the API tests again with every test server storing its data in PostgreSQL, then in an SQLite
// file, then in the log engine's segment files (test/helpers/eddy.ts honours EDDY_TEST_ENGINE), so
// the DynamoDB API is verified on every engine.
const results = filters.length === 0 ? [typeCheck()] : [];
results.push(await runPass('main (servers in memory)', files, {}));
const apiFiles = files.filter((f) => /startTestEddy\(/.test(readFileSync(join(root, f), 'utf8')) && !f.includes('cli-'));
if (apiFiles.length > 0 && process.env.EDDY_SKIP_POSTGRES_PASS !== '1') {
  results.push(await runPass('PostgreSQL engine', apiFiles, { EDDY_TEST_ENGINE: 'postgres' }));
}
if (apiFiles.length > 0 && process.env.EDDY_SKIP_SQLITE_PASS !== '1') {
  results.push(await runPass('SQLite file engine', apiFiles, { EDDY_TEST_ENGINE: 'sqlite' }));
}
if (apiFiles.length > 0 && process.env.EDDY_SKIP_LOG_PASS !== '1') {
  results.push(await runPass('log file engine', apiFiles, { EDDY_TEST_ENGINE: 'log' }));
}
for (const r of results) {
  if (!r.failures) continue;
  // Stack frames inside node itself say nothing about the failure; keep the rest, bounded.
  const lines = r.failures.split('\n').filter((l) => !/^\s+at .*\(node:/.test(l) && !/^\s+at node:/.test(l));
  console.log(`\n=== ${r.label}: failures again ===\n${lines.slice(0, 400).join('\n')}`);
}
const passed = results.reduce((n, r) => n + r.passed, 0);
const failed = results.reduce((n, r) => n + r.failed, 0);
console.log(`${passed} passed, ${failed} failed`);
process.exit(results.every((r) => r.ok) ? 0 : 1);
