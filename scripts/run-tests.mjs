#!/usr/bin/env node
/**
 * `npm test`: runs every test/**\/*.test.ts with node:test (Node 20 has no globs in --test),
 * then prints one line `N passed, N failed` and exits non-zero on any failure.
 * First makes sure the AWS CLI exists for test/cli-smoke.test.ts (installs Debian's awscli when
 * running as root); without it that test skips and says why.
 */
import { spawn, spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
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

const child = spawn(
  process.execPath,
  ['--import', 'tsx', '--test', '--test-concurrency=2', '--test-reporter=spec', '--test-reporter-destination=stdout', ...files],
  { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] },
);
let tail = '';
child.stdout.on('data', (chunk) => {
  process.stdout.write(chunk);
  tail = (tail + chunk.toString('utf8')).slice(-8192);
});
child.on('close', (code, signal) => {
  // The spec reporter ends with "ℹ pass N" / "ℹ fail N" (TAP: "# pass N").
  const num = (key) => {
    const m = [...tail.matchAll(new RegExp(`^\\S*\\s*${key} (\\d+)\\s*$`, 'gm'))].pop();
    return m ? Number(m[1]) : undefined;
  };
  const passed = num('pass');
  const failed = num('fail');
  if (passed === undefined || failed === undefined) {
    console.log(`0 passed, 1 failed (test runner exited with ${signal ?? code} before its summary)`);
    process.exit(1);
  }
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed > 0 || code !== 0 ? 1 : 0);
});
