#!/usr/bin/env node
// The request pipeline without sockets: src/http/pipeline.ts's handler called with a parsed
// request and a reply that only counts bytes, on an in-memory Eddy. Shows what Eddy costs per
// request beyond HTTP framing and the socket write (compare with the harness's CPU µs/request).
// Usage: npm run build && node bench/pipeline.mjs [--ms 1500] [--rounds 5] [--ops GetItem,PutItem,UpdateItem,Query10,BatchWrite25]
//        [--keys sequential|random] [--concurrency 32]
//        [--engine heap|sqlite-memory] [--items 1000] (the in-memory engine: heap is --in-memory's, sqlite-memory the one before it)
import { readFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const dist = (p) => import(pathToFileURL(`${ROOT}dist/src/${p}`).href);
const args = process.argv.slice(2);
const opt = (name, dflt) => (args.includes(name) ? args[args.indexOf(name) + 1] : dflt);
const MS = Number(opt('--ms', '1500'));
const ROUNDS = Number(opt('--rounds', '5'));
const ITEMS = Number(opt('--items', '1000'));
const OPS = opt('--ops', 'GetItem,PutItem,UpdateItem,Query10,BatchWrite25').split(',');
// New items' keys (PutItem, BatchWrite25): 'sequential' (b-0, b-1, ... from 4096 bodies used in
// turn, so replacements after the first pass) or 'random' (fresh random keys in every request, a
// growing table, as the harness's wrk scripts make).
const KEYS = opt('--keys', 'sequential');
// Requests handed to the pipeline at once before waiting for their replies.
const CONCURRENCY = Number(opt('--concurrency', '32'));

const { startEddy } = await dist('index.js');
const { createPipeline } = await dist('http/pipeline.js');
const { defaultTargets } = await dist('server/targets.js');
const { compileModel } = await dist('protocol/shape-validate.js');
const { RequestIdGenerator } = await dist('shared/ids.js');
const { releaseReplyBuffer } = await dist('protocol/reply-buffers.js');

const ENGINE = opt('--engine', 'heap');
const engine = ENGINE === 'sqlite-memory' ? (await dist('storage/embedded/sqlite-engine.js')).openSqliteEngine({}) : undefined;
const eddy = await startEddy({ port: 0, inMemory: true, logLevel: 'error', ...(engine ? { engine } : {}) });
const targets = new Map(Object.entries(defaultTargets()).map(([k, reg]) => [k, { operations: reg.operations, validate: compileModel(reg.model) }]));
const pipeline = createPipeline({ services: eddy.services, targets, ids: new RequestIdGenerator() });

const AUTH = 'AWS4-HMAC-SHA256 Credential=bench/20261202/us-east-1/dynamodb/aws4_request, SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature=0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef';
const payload = 'x'.repeat(1000);
function call(op, body, bytes = Buffer.from(body)) {
  return new Promise((resolve, reject) => {
    const req = {
      method: 'POST',
      url: '/',
      headers: {
        host: '127.0.0.1:8000', 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': `DynamoDB_20120810.${op}`,
        'x-amz-date': '20261202T120000Z', authorization: AUTH, 'content-length': String(bytes.length),
      },
    };
    // Like the HTTP front end, hand a reply's bytes back once "written": without it every Query
    // reply is cut from fresh memory, and its page faults looked like 30% of Query10's time.
    const reply = {
      sent: false,
      send(status, _h, b) {
        this.sent = true;
        if (status !== 200) return reject(new Error(`${op} ${status} ${b}`));
        const length = typeof b === 'string' ? b.length : b?.length ?? 0;
        if (Buffer.isBuffer(b)) releaseReplyBuffer(b);
        resolve(length);
      },
      destroy() {},
    };
    pipeline(req, reply, bytes);
  });
}
const table = (name, sk) => JSON.stringify({
  TableName: name, BillingMode: 'PAY_PER_REQUEST',
  AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }, ...(sk ? [{ AttributeName: 'sk', AttributeType: 'S' }] : [])],
  KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }, ...(sk ? [{ AttributeName: 'sk', KeyType: 'RANGE' }] : [])],
});
await call('CreateTable', table('main'));
await call('CreateTable', table('query', true));
for (let i = 0; i < ITEMS; i++) await call('PutItem', JSON.stringify({ TableName: 'main', Item: { pk: { S: `item-${i}` }, n: { N: String(i) }, data: { S: payload } } }));
for (let p = 0; p < 50; p++) for (let j = 0; j < 10; j++) await call('PutItem', JSON.stringify({ TableName: 'query', Item: { pk: { S: `p-${p}` }, sk: { S: `s-${j}` }, n: { N: String(j) }, data: { S: payload } } }));

/** The main thread's own CPU time in µs (Linux: /proc/self/task/PID/stat, 10 ms ticks), or NaN. */
function mainThreadMicros() {
  try {
    const fields = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10_000; // utime, stime (fields 14 and 15)
  } catch {
    return Number.NaN;
  }
}
let seq = 0;
// Random keys are 12 hex digits after this marker, rewritten in each request's copy of its body.
const MARK = '~~';
const newKey = (prefix) => (KEYS === 'random' ? `${prefix}-${MARK}${'0'.repeat(12)}` : `${prefix}-${seq++}`);
const HEX = Buffer.from('0123456789abcdef');
/** The offsets of the random keys' digits in a body. */
function keySpots(body) {
  const spots = [];
  for (let i = body.indexOf(MARK); i >= 0; i = body.indexOf(MARK, i + 1)) spots.push(i + MARK.length);
  return spots;
}
/** A fresh copy of a body, with new random digits in its keys (as a socket's read is a fresh buffer). */
function freshBody(bytes, spots) {
  const copy = Buffer.allocUnsafe(bytes.length); // Buffer.from(buffer) would copy byte by byte
  bytes.copy(copy);
  for (const at of spots) {
    let r = Math.random() * 2 ** 48;
    for (let d = 11; d >= 0; d--, r /= 16) copy[at + d] = HEX[Math.floor(r) & 15];
  }
  return copy;
}
const bodies = {
  GetItem: () => JSON.stringify({ TableName: 'main', Key: { pk: { S: `item-${Math.floor(Math.random() * ITEMS)}` } } }),
  PutItem: () => JSON.stringify({ TableName: 'main', Item: { pk: { S: newKey('new') }, n: { N: String(seq) }, data: { S: payload } } }),
  UpdateItem: () => JSON.stringify({ TableName: 'main', Key: { pk: { S: `c-${seq++ % 100}` } }, UpdateExpression: 'ADD #c :one', ExpressionAttributeNames: { '#c': 'c' }, ExpressionAttributeValues: { ':one': { N: '1' } } }),
  BatchWrite25: () => JSON.stringify({ RequestItems: { main: Array.from({ length: 25 }, () => ({ PutRequest: { Item: { pk: { S: newKey('b') }, n: { N: String(seq) }, data: { S: payload } } } })) } }),
  Query10: () => JSON.stringify({ TableName: 'query', KeyConditionExpression: 'pk = :p', ExpressionAttributeValues: { ':p': { S: `p-${seq++ % 50}` } } }),
};
for (const op of OPS) {
  const target = op === 'Query10' ? 'Query' : op === 'BatchWrite25' ? 'BatchWriteItem' : op;
  const make = bodies[op];
  const pre = Array.from({ length: 4096 }, () => { // request bodies built outside the timed loop
    const body = make();
    return { body, bytes: Buffer.from(body), spots: keySpots(body) };
  });
  const send = (b) => call(target, b.body, freshBody(b.bytes, b.spots));
  const results = [];
  for (let r = 0; r < ROUNDS; r++) {
    let n = 0;
    const t0 = performance.now();
    const use0 = process.resourceUsage();
    const main0 = mainThreadMicros();
    while (performance.now() - t0 < MS) {
      const batch = [];
      for (let k = 0; k < CONCURRENCY; k++) batch.push(send(pre[(n + k) & 4095]));
      await Promise.all(batch);
      n += CONCURRENCY;
    }
    const use = process.resourceUsage();
    const main = (mainThreadMicros() - main0) / n;
    const user = (use.userCPUTime - use0.userCPUTime) / n;
    const system = (use.systemCPUTime - use0.systemCPUTime) / n;
    results.push({ cpu: user + system, user, system, faults: (use.minorPageFault - use0.minorPageFault) / n, main });
  }
  results.sort((a, b) => a.cpu - b.cpu);
  const median = results[Math.floor(results.length / 2)];
  console.log(
    `${op.padEnd(11)} CPU µs/request: min ${results[0].cpu.toFixed(1)}  median ${median.cpu.toFixed(1)}` +
      ` (user ${median.user.toFixed(1)}, system ${median.system.toFixed(1)}, main thread ${median.main.toFixed(1)}, page faults ${median.faults.toFixed(2)})`,
  );
}
await eddy.stop();
