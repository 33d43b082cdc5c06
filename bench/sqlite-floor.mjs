#!/usr/bin/env node
// The storage floor of two workloads: what SQLite alone costs, with Eddy's schema and statements
// and nothing else (no HTTP, no JSON, no validation), in memory, on a table of 100k 1 KB rows with
// random 16-byte keys.
//   - BatchWrite25: 25 reads + upserts of new rows in one transaction.
//   - Query10: one 10-row key range (rows of one partition, inserted at random times).
// Compare with the bare server's whole cost per request (npm run bench) to see what is left for
// the rest of Eddy. Usage: node bench/sqlite-floor.mjs [--rounds 5]
import { createRequire } from 'node:module';
import { randomBytes } from 'node:crypto';

const require = createRequire(import.meta.url);
const Database = require('better-sqlite3');
const args = process.argv.slice(2);
const ROUNDS = Number(args.includes('--rounds') ? args[args.indexOf('--rounds') + 1] : 5);

const db = new Database(':memory:');
db.pragma('page_size = 16384');
db.pragma('cache_size = -65536');
db.exec('CREATE TABLE kv (id INTEGER PRIMARY KEY, space INTEGER NOT NULL, k BLOB NOT NULL, v TEXT NOT NULL); CREATE UNIQUE INDEX kv_key ON kv (space, k);');
const put = db.prepare('INSERT INTO kv (space, k, v) VALUES (?, ?, ?) ON CONFLICT (space, k) DO UPDATE SET v = excluded.v');
const get = db.prepare('SELECT v FROM kv WHERE space = ? AND k = ?').pluck();
const range = db.prepare('SELECT v FROM kv WHERE space = ? AND k >= ? AND k < ? ORDER BY k LIMIT ?').pluck();
const begin = db.prepare('BEGIN');
const commit = db.prepare('COMMIT');
const values = Array.from({ length: 200 }, () => JSON.stringify({ pk: { S: 'x' }, data: { S: randomBytes(750).toString('base64') } }));

// 100k rows, with 500 partitions of 10 sort keys among them, in random order.
const rows = [];
for (let i = 0; i < 95_000; i++) rows.push(randomBytes(16));
const partitions = Array.from({ length: 500 }, () => randomBytes(12));
for (const p of partitions) for (let j = 0; j < 10; j++) rows.push(Buffer.concat([p, Buffer.from([0, 0, 0, j])]));
rows.sort(() => Math.random() - 0.5);
db.transaction(() => rows.forEach((k, i) => put.run(1, k, values[i % 200])))();

const median = (xs) => xs.slice().sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const cpu = (fn, n) => {
  const c0 = process.cpuUsage();
  fn();
  const c = process.cpuUsage(c0);
  return (c.user + c.system) / n;
};

const batch = [];
const query = [];
for (let r = 0; r < ROUNDS; r++) {
  const keys = Array.from({ length: 25 * 1000 }, () => randomBytes(16));
  batch.push(cpu(() => {
    for (let b = 0; b < 1000; b++) {
      begin.run();
      for (let i = 0; i < 25; i++) {
        const k = keys[b * 25 + i];
        get.get(1, k);
        put.run(1, k, values[(b + i) % 200]);
      }
      commit.run();
    }
  }, 1000));
  query.push(cpu(() => {
    for (let i = 0; i < 20_000; i++) {
      const p = partitions[i % 500];
      const end = Buffer.from(p);
      end[end.length - 1]++;
      range.all(1, p, end, 101);
    }
  }, 20_000));
}
console.log(`BatchWrite25 storage floor: median ${median(batch).toFixed(0)} µs CPU per 25 rows (rounds: ${batch.map((x) => x.toFixed(0)).join(', ')})`);
console.log(`Query10 storage floor:      median ${median(query).toFixed(1)} µs CPU per 10-row range (rounds: ${query.map((x) => x.toFixed(1)).join(', ')})`);
