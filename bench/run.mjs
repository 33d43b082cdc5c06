#!/usr/bin/env node
// Eddy benchmark harness: every server started one after the other in one run, load from a
// separate process (wrk, or autocannon), medians of rounds, ratios within the run.
// Usage: npm run bench [-- --quick] [--servers a,b] [--workloads a,b] [--tool wrk|autocannon]
//        [--items N] [--no-in-process]        (see bench/README.md)
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { installCleanupHandlers, makeTempDir } from './lib/processes.mjs';
import { serverSpecs } from './lib/servers.mjs';
import { benchServer, interleavedColdStarts } from './lib/measure.mjs';
import { buildReport } from './lib/report.mjs';
import { ensureWrk } from './lib/load-wrk.mjs';
import { WORKLOADS } from './lib/workloads.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const argv = process.argv.slice(2);
const flag = (name) => argv.includes(name);
const opt = (name) => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
};

const quick = flag('--quick');
const PROFILES = {
  // ~1 minute: a smoke run that exercises every path.
  quick: { items: 10_000, coldStarts: 3, scanRounds: 1, warmupSeconds: 1, seconds: 1, rounds: 1, seconds1: 1, rounds1: 1, connections: [32], inProcessSeconds: 1, inProcessRounds: 1 },
  // < ~6 minutes for the five default servers.
  full: { items: 100_000, coldStarts: 5, scanRounds: 2, warmupSeconds: 1, seconds: 2, rounds: 3, seconds1: 1, rounds1: 2, connections: [1, 32], inProcessSeconds: 1, inProcessRounds: 3 },
};
const cfg = {
  ...PROFILES[quick ? 'quick' : 'full'],
  profile: quick ? 'quick' : 'full',
  workloads: (opt('--workloads') ?? WORKLOADS.map((w) => w.name).join(',')).split(','),
};
if (opt('--items')) cfg.items = Number(opt('--items'));
if (opt('--rounds')) cfg.rounds = Number(opt('--rounds'));
if (opt('--seconds')) cfg.seconds = Number(opt('--seconds'));
if (opt('--connections')) cfg.connections = opt('--connections').split(',').map(Number);

const log = (msg) => console.log(msg);

function runInProcess(impl) {
  const args = [fileURLToPath(new URL('./in-process.mjs', import.meta.url)),
    impl, String(cfg.inProcessSeconds), String(cfg.inProcessRounds), 'GetItem,PutItem,UpdateItem,Query10'];
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (c) => (out += c));
    child.stderr.on('data', (c) => (out += c));
    const timer = setTimeout(() => child.kill('SIGKILL'), 120_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      const lines = out.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l));
      if (code !== 0 && lines.length === 0) lines.push({ impl, workload: 'GetItem', status: 'failed', reason: out.slice(-300) });
      for (const l of lines) log(`  in-process ${impl} ${l.workload}: ${l.opsPerSec ? `${l.opsPerSec.toFixed(0)} ops/s (rounds ${l.rounds.join('/')})` : `${l.status} ${l.reason ?? ''}`}`);
      resolve(lines);
    });
  });
}

async function main() {
  if (opt('--report')) {
    // Re-prints the tables of a saved run: node bench/run.mjs --report bench/results/<file>.json
    const { readFileSync } = await import('node:fs');
    log(buildReport(JSON.parse(readFileSync(opt('--report'), 'utf8'))).text);
    return;
  }
  installCleanupHandlers();
  const started = Date.now();
  cfg.tool = opt('--tool') ?? (ensureWrk(log) ? 'wrk' : 'autocannon');
  cfg.scriptDir = makeTempDir('scripts');
  const cpuProfDir = flag('--cpu-prof') ? fileURLToPath(new URL('./results/profiles/', import.meta.url)) : undefined;
  if (cpuProfDir) log(`Eddy runs under --cpu-prof: profiles in ${cpuProfDir} (summarize with node bench/profile-summary.mjs FILE)`);
  const specs = serverSpecs({ scanItems: cfg.items, dynamoDbLocalJar: process.env.DYNAMODB_LOCAL_JAR, cpuProfDir });
  const only = opt('--servers')?.split(',');
  const chosen = specs.filter((s) => (only ? only.includes(s.name) : !s.optional));
  log(`Eddy bench (${cfg.profile}): ${cfg.items} items, load by ${cfg.tool}, connections ${cfg.connections.join('/')}, ` +
    `${os.cpus().length} CPUs (${os.cpus()[0]?.model ?? '?'}), Node ${process.version}`);
  if (chosen.some((s) => s.group === 'eddy') && !flag('--no-build')) {
    // bin/eddy runs dist/: build it from the current sources (tsc emits even with type errors).
    log('building dist/ (npm run build; --no-build to skip)');
    spawnSync(process.execPath, [fileURLToPath(new URL('../node_modules/typescript/bin/tsc', import.meta.url)), '-p', 'tsconfig.json'], { cwd: ROOT, stdio: 'ignore', timeout: 180_000 });
    // bin/eddy prefers the one-file bundle (dist/eddy.cjs and its code cache): rebuild them too, or a stale bundle is measured.
    spawnSync(process.execPath, [fileURLToPath(new URL('../scripts/bundle.mjs', import.meta.url))], { cwd: ROOT, stdio: 'ignore', timeout: 180_000 });
  }
  const results = [];
  const skipped = [];
  const runnable = [];
  for (const spec of chosen) {
    const available = spec.available();
    if (available === true) runnable.push(spec);
    else {
      log(`\n== ${spec.name}: skipped (${available})`);
      skipped.push({ name: spec.name, reason: available });
    }
  }
  log(`\n== cold starts (${cfg.coldStarts} launches each, servers in turn)`);
  const coldStarts = await interleavedColdStarts(runnable, cfg.coldStarts, log);
  for (const spec of runnable) {
    log(`\n== ${spec.name}`);
    try {
      results.push(await benchServer(spec, cfg, log, coldStarts.get(spec.name)));
    } catch (err) {
      log(`  FAILED: ${err.message}`);
      skipped.push({ name: spec.name, reason: err.message.split('\n')[0] });
    }
  }
  const inProcess = [];
  if (!flag('--no-in-process')) {
    log('\n== in-process API (no HTTP)');
    for (const impl of ['eddy', 'dynalite']) inProcess.push(...(await runInProcess(impl)));
  }
  const run = {
    date: new Date().toISOString(),
    machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model, memGB: Math.round(os.totalmem() / 2 ** 30), node: process.version },
    cfg: { ...cfg, scriptDir: undefined },
    results,
    skipped,
    inProcess,
    seconds: (Date.now() - started) / 1000,
  };
  // The raw results are written first, so that a report bug never loses a run.
  mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
  const file = fileURLToPath(new URL(`./results/bench-${cfg.profile}-${run.date.replace(/[:.]/g, '-')}.json`, import.meta.url));
  writeFileSync(file, JSON.stringify(run, null, 2));
  const report = buildReport(run);
  run.targets = report.targets;
  writeFileSync(file, JSON.stringify(run, null, 2));
  log(`\n${report.text}`);
  if (skipped.length) log(`\nSkipped: ${skipped.map((s) => `${s.name} (${s.reason})`).join('; ')}`);
  log(`\nWrote ${file} (${run.seconds.toFixed(0)} s)`);
}

main().then(() => process.exit(0), (err) => {
  console.error(err);
  process.exit(1);
});
