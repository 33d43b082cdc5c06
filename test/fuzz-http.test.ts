import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { fuzzHttp, type HttpFuzzFinding } from '../scripts/fuzz-http.mjs';
import { startEddy, type Eddy } from '../src/server/start.js';

// A bounded run of scripts/fuzz-http.mjs against an in-memory server: a fixed seed, a few hundred
// raw-socket cases (split and pipelined heads, garbage between requests, bad framing, abrupt and
// half closes) each compared with a plain node:http server, and the never-reading-client check
// (the server runs in this process, so the test's own RSS stands in for the server's). The server
// is started directly, in memory, so the engine passes of scripts/run-tests.mjs skip it.

const SEED = 20261205;
const COUNT = 240;

let eddy: Eddy;

before(async () => {
  eddy = await startEddy({ port: 0, inMemory: true, logLevel: 'error' });
});

after(async () => eddy.stop());

test(`${COUNT} raw HTTP cases (seed ${SEED}): framed as node:http frames them, no 500, server alive`, { timeout: 90_000 }, async () => {
  const result = await fuzzHttp({ endpoint: eddy.endpoint, seed: SEED, count: COUNT, concurrency: 6, rss: () => process.memoryUsage().rss });
  const show = (f: HttpFuzzFinding): string => `#${f.index} ${f.kind}: ${f.problems.join('; ')} <= ${JSON.stringify(f.request?.slice(0, 300))}`;
  assert.deepEqual(result.findings.map(show), []);
  assert.equal(result.cases, COUNT);
  assert.equal(result.aliveFailures, 0);
  for (const kind of ['split', 'pipelined', 'slowHead', 'odd', 'oddMix', 'half', 'abort', 'idle']) {
    assert.ok((result.byKind[kind] ?? 0) > 0, `no ${kind} case ran`);
  }
  console.log(`fuzz-http: ${result.cases} cases in ${result.seconds.toFixed(1)} s; ${JSON.stringify(result.byKind)}`);
});
