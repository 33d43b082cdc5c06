#!/usr/bin/env node
// The in-process API without HTTP: the same operations called as functions, 32 in flight, in this
// process only. Usage: node bench/in-process.mjs <eddy|dynalite> <seconds> <rounds> <workload,...>
// Prints one JSON line per workload: { impl, workload, opsPerSec, rounds } or { status }.
import { randomBytes } from 'node:crypto';
import { loadAdapter } from './lib/in-process-adapters.mjs';
import { TABLES, QUERY_PARTITIONS, QUERY_ITEMS_PER_PARTITION, createTableInput, mainItem, queryItem, randomPayload } from './lib/data.mjs';
import { WORKLOADS } from './lib/workloads.mjs';

const [impl = 'dynalite', secondsArg = '2', roundsArg = '3', list = 'GetItem,PutItem,UpdateItem'] = process.argv.slice(2);
const CONCURRENCY = 32;
const ITEMS = 10_000;

const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];

async function timed(api, workload, ctx, ms) {
  let done = 0;
  let errors = 0;
  const end = performance.now() + ms;
  const t0 = performance.now();
  await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
    while (performance.now() < end) {
      try { await api.call(workload.op, workload.body(ctx)); done++; } catch { errors++; }
    }
  }));
  return { opsPerSec: done / ((performance.now() - t0) / 1000), errors };
}

async function main() {
  const api = await loadAdapter(impl);
  if (typeof api === 'string') {
    for (const w of list.split(',')) console.log(JSON.stringify({ impl, workload: w, status: 'n/a', reason: api }));
    return;
  }
  try {
    for (const [key, name] of Object.entries(TABLES)) await api.call('CreateTable', createTableInput(name, key === 'query'));
    await api.waitActive?.(Object.values(TABLES));
    for (let b = 0; b < ITEMS / 25; b++) {
      const puts = Array.from({ length: 25 }, (_, i) => ({ PutRequest: { Item: mainItem(b * 25 + i) } }));
      await api.call('BatchWriteItem', { RequestItems: { [TABLES.main]: puts } });
    }
    for (let p = 0; p < QUERY_PARTITIONS; p++) {
      const puts = Array.from({ length: QUERY_ITEMS_PER_PARTITION }, (_, j) => ({ PutRequest: { Item: queryItem(p, j) } }));
      await api.call('BatchWriteItem', { RequestItems: { [TABLES.query]: puts } });
    }
    const ctx = { items: ITEMS, nonce: randomBytes(4).toString('hex'), payload: randomPayload() };
    for (const name of list.split(',')) {
      const workload = WORKLOADS.find((w) => w.name === name);
      if (!workload) continue;
      const probe = workload.body(ctx);
      const bad = workload.validate(await api.call(workload.op, probe), probe);
      if (bad) { console.log(JSON.stringify({ impl, workload: name, status: 'failed', reason: bad })); continue; }
      await timed(api, workload, ctx, 500); // warm-up
      const rounds = [];
      for (let r = 0; r < Number(roundsArg); r++) rounds.push(await timed(api, workload, ctx, Number(secondsArg) * 1000));
      console.log(JSON.stringify({ impl, workload: name, opsPerSec: median(rounds.map((x) => x.opsPerSec)), rounds: rounds.map((x) => Math.round(x.opsPerSec)), errors: rounds.reduce((a, x) => a + x.errors, 0) }));
    }
  } finally {
    await api.close?.();
  }
}

main().then(() => process.exit(0), (err) => { console.error(err); process.exit(1); });
