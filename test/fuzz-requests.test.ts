import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { fuzz, operations, type FuzzFinding } from '../scripts/fuzz-requests.mjs';
import { startEddy, type Eddy } from '../src/server/start.js';
import { rawRequest, signedHeaders } from './helpers/eddy.js';

// A bounded run of scripts/fuzz-requests.mjs against an in-memory server: a fixed seed, a few
// thousand mutated requests over every operation of the API models and PartiQL. No reply may be an
// unrecorded 500, non-JSON, or slower than the bound, and the server must still answer afterwards.
// (The server is started directly, in memory, so the engine passes of scripts/run-tests.mjs skip it.)

const SEED = 20261204;
const COUNT = 2500;

let eddy: Eddy;

before(async () => {
  eddy = await startEddy({ port: 0, inMemory: true, logLevel: 'error' });
});

after(async () => eddy.stop());

test(`${COUNT} mutated requests (seed ${SEED}): no 500, no non-JSON reply, no hang`, { timeout: 60_000 }, async () => {
  const started = Date.now();
  const result = await fuzz({ endpoint: eddy.endpoint, seed: SEED, count: COUNT, batch: 8, slowMs: 5000 });
  const seconds = (Date.now() - started) / 1000;
  const show = (f: FuzzFinding): string => `#${f.index} ${f.op} ${f.problems.join(', ')}: ${f.reply ?? ''} <= ${f.request ?? ''}`;
  assert.deepEqual(result.findings.map(show), []);
  assert.equal(result.sent, COUNT);
  assert.equal(result.aliveFailures, 0);
  // Every operation of the models was sent at least once.
  for (const op of operations()) assert.ok((result.byOp[op] ?? 0) > 0, `${op} was never sent`);
  const res = await rawRequest(eddy.endpoint, {
    headers: { 'Content-Type': 'application/x-amz-json-1.0', 'X-Amz-Target': 'DynamoDB_20120810.ListTables', ...signedHeaders('AKIDEXAMPLE') },
    body: '{}',
  });
  assert.equal(res.status, 200, res.body);
  assert.ok(Array.isArray(res.json.TableNames));
  console.log(`fuzz: ${result.sent} requests in ${seconds.toFixed(1)} s; statuses ${JSON.stringify(result.statuses)}`);
});
