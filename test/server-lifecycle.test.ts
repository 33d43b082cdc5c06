import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { CreateTableCommand, DynamoDBClient, GetItemCommand, ListTablesCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { startEddy } from '../src/index.js';
import type { RequestContext } from '../src/server/context.js';
import { rawRequest, startTestEddy } from './helpers/eddy.js';

describe('server lifecycle', () => {
  it('two servers run in one process, independently', async () => {
    const a = await startTestEddy();
    const b = await startTestEddy();
    try {
      assert.notEqual(a.endpoint, b.endpoint);
      assert.notEqual(a.eddy.services, b.eddy.services);
      assert.notEqual(a.eddy.services.engine, b.eddy.services.engine);
      const [ra, rb] = await Promise.all([a.client.send(new ListTablesCommand({})), b.client.send(new ListTablesCommand({}))]);
      assert.deepEqual(ra.TableNames, []);
      assert.deepEqual(rb.TableNames, []);
    } finally {
      await Promise.all([a.stop(), b.stop()]);
    }
  });

  it('stop() is idempotent and releases the port', async () => {
    const eddy = await startEddy({ port: 0, inMemory: true, logLevel: 'error' });
    const first = eddy.stop();
    const second = eddy.stop();
    assert.equal(first, second);
    await first;
    await eddy.stop();
    await assert.rejects(rawRequest(eddy.endpoint, { method: 'GET' }));
  });

  it('an unexpected error is a 500 InternalServerError and the server keeps serving', async () => {
    const lines: string[] = [];
    const t = await startTestEddy({
      logLevel: 'error',
      logSink: (l) => lines.push(l),
      operations: {
        Explode: async () => {
          throw new Error('kaboom');
        },
        Echo: async (ctx: RequestContext, input) => ({ namespace: ctx.namespace, account: ctx.account, region: ctx.region, input }),
      },
    });
    try {
      const res = await t.raw('Explode', {});
      assert.equal(res.status, 500);
      assert.deepEqual(res.json, { __type: 'com.amazonaws.dynamodb.v20120810#InternalServerError', message: 'Internal server error' });
      assert.ok(lines.some((l) => l.includes('kaboom')));
      const ok = await t.raw('Echo', { a: 1 });
      assert.equal(ok.status, 200);
      assert.deepEqual(ok.json, { namespace: 'AKIDTEST:us-east-1', account: '000000000000', region: 'us-east-1', input: { a: 1 } });
    } finally {
      await t.stop();
    }
  });

  it('namespaces by access key and region; 12-digit keys are accounts; sharedDb', async () => {
    const echo = async (ctx: RequestContext): Promise<unknown> => ({ namespace: ctx.namespace, account: ctx.account });
    const t = await startTestEddy({ operations: { Echo: echo } });
    const s = await startTestEddy({ sharedDb: true, operations: { Echo: echo } });
    try {
      const auth = 'AWS4-HMAC-SHA256 Credential=123456789012/20240101/eu-west-1/dynamodb/aws4_request, SignedHeaders=host, Signature=ab';
      const res = await t.raw('Echo', {}, { Authorization: auth });
      assert.deepEqual(res.json, { namespace: '123456789012:eu-west-1', account: '123456789012' });
      const shared = await s.raw('Echo', {}, { Authorization: auth });
      assert.deepEqual(shared.json, { namespace: 'shared', account: '123456789012' });
    } finally {
      await Promise.all([t.stop(), s.stop()]);
    }
  });

  it('logs one JSON line per request at debug level', async () => {
    const lines: string[] = [];
    const t = await startTestEddy({ logLevel: 'debug', logSink: (l) => lines.push(l) });
    try {
      await t.raw('ListTables', {});
      const entries = lines.map((l) => JSON.parse(l) as Record<string, unknown>).filter((e) => e.msg === 'request');
      assert.equal(entries.length, 1);
      assert.equal(entries[0]?.target, 'DynamoDB_20120810.ListTables');
      assert.equal(entries[0]?.status, 200);
    } finally {
      await t.stop();
    }
  });

  for (const engine of [undefined, 'sqlite'] as const) {
    it(`stores data under dataDir and finds it after a restart (${engine ?? 'default: log'} engine)`, async () => {
      const dir = mkdtempSync(join(tmpdir(), 'eddy-'));
      const client = (endpoint: string): DynamoDBClient =>
        new DynamoDBClient({ endpoint, region: 'us-east-1', credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'secret' }, maxAttempts: 1 });
      try {
        const first = await startEddy({ port: 0, dataDir: dir, logLevel: 'error', ...(engine ? { fileEngine: engine } : {}) });
        const c1 = client(first.endpoint);
        try {
          await c1.send(new CreateTableCommand({ TableName: 'items', BillingMode: 'PAY_PER_REQUEST', AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }], KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }] }));
          await c1.send(new PutItemCommand({ TableName: 'items', Item: { pk: { S: 'a' }, n: { N: '7' } } }));
        } finally {
          c1.destroy();
          await first.stop();
        }
        const files = readdirSync(dir);
        if (engine === 'sqlite') assert.ok(files.includes('eddy.sqlite'), files.join(', '));
        else assert.ok(files.some((f) => /^seg-\d{8}\.log$/.test(f)) && !files.includes('eddy.sqlite'), files.join(', '));
        // Reopened without naming the engine: a directory holding eddy.sqlite stays on SQLite.
        const second = await startEddy({ port: 0, dataDir: dir, logLevel: 'error' });
        const c2 = client(second.endpoint);
        try {
          const got = await c2.send(new GetItemCommand({ TableName: 'items', Key: { pk: { S: 'a' } } }));
          assert.deepEqual(got.Item, { pk: { S: 'a' }, n: { N: '7' } });
        } finally {
          c2.destroy();
          await second.stop();
        }
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  }
});
