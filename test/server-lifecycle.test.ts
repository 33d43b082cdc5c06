import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { ListTablesCommand } from '@aws-sdk/client-dynamodb';
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

  it('stores data durably under dataDir', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'eddy-'));
    try {
      const eddy = await startEddy({ port: 0, dataDir: dir, logLevel: 'error' });
      await eddy.stop();
      assert.ok(existsSync(join(dir, 'eddy.sqlite')));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
