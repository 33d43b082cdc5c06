#!/usr/bin/env node
/**
 * Bundles the CLI into one CommonJS file, dist/eddy.cjs, after `tsc` has type-checked and emitted
 * dist/src, then writes a V8 code cache for it (dist/eddy.cjs.cache).
 *
 * Why one CommonJS file: loading ~150 small ES modules cost about half of Eddy's cold start, and
 * only a classic script can be compiled from a V8 code cache on Node 20 (`vm.Script` with
 * `cachedData`; Node 22's module compile cache does not exist here). With the cache, compiling the
 * bundle and the functions start-up runs costs ~1/5 of what it did (cold start 137 → 118 ms
 * median, bare node:http 117, docs/performance.md round six). `import()` of optional drivers
 * (pg) stays lazy: esbuild turns it into a `require` that runs on first use. better-sqlite3's
 * JavaScript is bundled (its ten small files cost ~8 ms to load); its native addon is loaded by path.
 *
 * The cache is made by running the bundle: `bin/eddy serve --in-memory` on a free port with
 * EDDY_WRITE_CODE_CACHE set, a few requests of the common kinds, then SIGTERM; bin/eddy writes the
 * cache as the process exits, so it holds the bytecode of every function those requests compiled.
 * A cache V8 rejects (another Node version or V8 flags) is ignored at start: Eddy then compiles as
 * it would without one. Failing to make the cache fails nothing; the build says so.
 */
import { build } from 'esbuild';
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { DynamoHttp } from '../bench/lib/dynamo-http.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
// Outputs of earlier layouts (an ES module entry and its chunks) would only mislead.
rmSync(`${root}/dist/chunks`, { recursive: true, force: true });
rmSync(`${root}/dist/eddy.mjs`, { force: true });
rmSync(`${root}/dist/eddy.mjs.map`, { force: true });
rmSync(`${root}/dist/eddy.cjs.cache`, { force: true });
await build({
  entryPoints: { eddy: `${root}/src/cli/main.ts` },
  outfile: `${root}/dist/eddy.cjs`,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: true,
  // Without whitespace V8 compiles the bundle ~30% faster; names stay readable in stack traces.
  minifyWhitespace: true,
  external: ['pg', 'pg-native'],
  // The sources are ES modules: `import.meta.url` becomes the bundle's own file URL.
  define: { 'import.meta.url': '__eddyBundleUrl' },
  banner: { js: "var __eddyBundleUrl = require('node:url').pathToFileURL(__filename).href;" },
  logLevel: 'warning',
});

try {
  await writeCodeCache();
} catch (err) {
  process.stderr.write(`bundle: no code cache written (Eddy starts without it, ~20 ms slower): ${err.message}\n`);
}

async function writeCodeCache() {
  const child = spawn(process.execPath, [`${root}/bin/eddy`, 'serve', '--in-memory', '--port', '0', '--log-level', 'error'], {
    env: { ...process.env, EDDY_WRITE_CODE_CACHE: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const port = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`no listening line within 20 s: ${output.slice(0, 500)}`));
    }, 20_000);
    const onData = (chunk) => {
      output += chunk;
      const m = /listening on http:\/\/[^:]+:(\d+)/.exec(output);
      if (m) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => reject(new Error(`exited with ${code}: ${output.slice(0, 500)}`)));
  });
  const table = 'code_cache_warmup';
  const key = { pk: { S: 'a' }, sk: { N: '1' } };
  const calls = [
    ['ListTables', {}],
    ['CreateTable', {
      TableName: table,
      AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }, { AttributeName: 'sk', AttributeType: 'N' }],
      KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }, { AttributeName: 'sk', KeyType: 'RANGE' }],
      BillingMode: 'PAY_PER_REQUEST',
    }],
    ['DescribeTable', { TableName: table }],
    ['PutItem', { TableName: table, Item: { ...key, n: { N: '1' }, s: { S: 'x' } } }],
    ['GetItem', { TableName: table, Key: key }],
    ['UpdateItem', { TableName: table, Key: key, UpdateExpression: 'ADD n :one', ExpressionAttributeValues: { ':one': { N: '1' } } }],
    ['Query', { TableName: table, KeyConditionExpression: 'pk = :p', ExpressionAttributeValues: { ':p': { S: 'a' } } }],
    ['Scan', { TableName: table }],
    ['BatchWriteItem', { RequestItems: { [table]: [{ PutRequest: { Item: { pk: { S: 'b' }, sk: { N: '2' } } } }] } }],
    ['TransactWriteItems', { TransactItems: [{ Put: { TableName: table, Item: { pk: { S: 'c' }, sk: { N: '3' } } } }] }],
    ['DeleteItem', { TableName: table, Key: key }],
  ];
  const client = new DynamoHttp(`http://127.0.0.1:${port}`);
  try {
    for (const [op, body] of calls) await client.call(op, body);
  } catch (err) {
    child.kill('SIGKILL');
    throw err;
  } finally {
    client.close();
  }
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  // A warm-up that does not stop must not hang the build (npm ci runs it).
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  const code = await exited;
  clearTimeout(timer);
  if (code !== 0) throw new Error(`warm-up server exited with ${code}: ${output.slice(0, 500)}`);
}
