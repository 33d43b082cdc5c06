/**
 * `bin/eddy` as users run it: the built bundle (dist/eddy.cjs, made by `npm ci` / `npm run build`)
 * in its own process, loaded from its V8 code cache, driven with the AWS SDK, stopped with SIGTERM.
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { CreateTableCommand, DynamoDBClient, GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';

const root = fileURLToPath(new URL('..', import.meta.url));

async function runBin(args: string[]): Promise<{ stderr: () => string; endpoint: string; stop: () => Promise<number | null> }> {
  const child = spawn(process.execPath, [join(root, 'bin/eddy'), ...args], {
    env: { ...process.env, EDDY_CODE_CACHE_REPORT: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stderr.on('data', (c: Buffer) => (err += c.toString()));
  const endpoint = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no listening line in 20 s; stderr: ${err}`)), 20_000);
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /listening on (http:\/\/[0-9.]+:\d+)/.exec(out);
      if (m?.[1]) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    child.once('exit', (code) => reject(new Error(`exited with ${code}; stderr: ${err}`)));
  });
  return {
    endpoint,
    stderr: () => err,
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', (code) => resolve(code));
        child.kill('SIGTERM');
      }),
  };
}

for (const storage of ['memory', 'disk'] as const) {
  it(`bin/eddy (${storage}): starts from the bundle's code cache, serves the SDK, exits 0 on SIGTERM`, async () => {
    assert.ok(existsSync(join(root, 'dist/eddy.cjs')), 'dist/eddy.cjs exists (npm ci / npm run build make it)');
    const dir = mkdtempSync(join(tmpdir(), 'eddy-bin-'));
    const server = await runBin(['serve', '--port', '0', ...(storage === 'memory' ? ['--in-memory'] : ['--data', dir])]);
    try {
      assert.match(server.stderr(), /code cache accepted/);
      const client = new DynamoDBClient({
        endpoint: server.endpoint,
        region: 'us-east-1',
        credentials: { accessKeyId: 'AKIDBIN', secretAccessKey: 'secret' },
      });
      await client.send(new CreateTableCommand({
        TableName: 'bin_t',
        AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
        KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
        BillingMode: 'PAY_PER_REQUEST',
      }));
      await client.send(new PutItemCommand({ TableName: 'bin_t', Item: { pk: { S: 'a' }, v: { N: '7' } } }));
      const got = await client.send(new GetItemCommand({ TableName: 'bin_t', Key: { pk: { S: 'a' } } }));
      assert.deepEqual(got.Item, { pk: { S: 'a' }, v: { N: '7' } });
      client.destroy();
    } finally {
      const code = await server.stop();
      rmSync(dir, { recursive: true, force: true });
      assert.equal(code, 0, `exit code; stderr: ${server.stderr()}`);
    }
  });
}

it('bin/eddy --version prints the version in package.json (found from the bundle)', () => {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
  const run = spawnSync(process.execPath, [join(root, 'bin/eddy'), '--version'], { encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  assert.equal(run.stdout, `${pkg.version}\n`);
});
