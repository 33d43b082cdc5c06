import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import {
  CreateTableCommand,
  DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  TransactWriteItemsCommand,
  UpdateItemCommand,
  UpdateTimeToLiveCommand,
} from '@aws-sdk/client-dynamodb';
import { startEddy, type Eddy } from '../src/server/start.js';
import { openPostgresEngine } from '../src/storage/postgres/index.js';
import { readLease } from '../src/storage/leases.js';
import { startTestPostgres, type TestPostgres } from './helpers/postgres.js';
import { uniqueName } from './helpers/eddy.js';

/**
 * Two (then three) Eddy nodes on one PostgreSQL database behave as one service: linearizable
 * conditional writes and transactions across nodes, and background duties (the TTL sweeper lease)
 * taken over when the node holding them dies.
 */
let pg: TestPostgres;
let url: string;
const nodes: Eddy[] = [];
const children: ChildProcess[] = [];

function clientFor(endpoint: string): DynamoDBClient {
  return new DynamoDBClient({ endpoint, region: 'us-east-1', credentials: { accessKeyId: 'AKIDMULTI', secretAccessKey: 's' }, maxAttempts: 1 });
}

async function startChild(storage: string, ttlSweepIntervalMs: number): Promise<{ child: ChildProcess; endpoint: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/helpers/eddy-child.ts', JSON.stringify({ storage, ttlSweepIntervalMs })], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  children.push(child);
  const line = await new Promise<string>((resolve, reject) => {
    const rl = createInterface({ input: child.stdout as NodeJS.ReadableStream });
    rl.once('line', resolve);
    child.once('exit', (code) => reject(new Error(`child exited ${code}`)));
  });
  return { child, endpoint: (JSON.parse(line) as { endpoint: string }).endpoint };
}

before(async () => {
  pg = await startTestPostgres();
  url = pg.url;
});

after(async () => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  for (const n of nodes) await n.stop();
  await pg.stop();
});

/** Errors after which a write may or may not have been applied (the client cannot know). */
function outcomeUnknown(e: unknown): boolean {
  const name = (e as Error).name;
  return (e as { $retryable?: unknown }).$retryable !== undefined || name === 'InternalServerError' || name === 'ServiceUnavailable';
}

async function countAndTransfer(ca: DynamoDBClient, cb: DynamoDBClient): Promise<void> {
  const table = uniqueName('multi');
  await ca.send(
    new CreateTableCommand({
      TableName: table,
      KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
      AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
      BillingMode: 'PAY_PER_REQUEST',
    }),
  );
  // Node b sees the table node a created, at once.
  await cb.send(new PutItemCommand({ TableName: table, Item: { id: { S: 'counter' }, n: { N: '0' } } }));

  let acked = 0;
  const unknown: string[] = [];
  await Promise.all(
    Array.from({ length: 120 }, async (_, i) => {
      const c = i % 2 === 0 ? ca : cb;
      try {
        await c.send(
          new UpdateItemCommand({ TableName: table, Key: { id: { S: 'counter' } }, UpdateExpression: 'ADD n :one', ExpressionAttributeValues: { ':one': { N: '1' } } }),
        );
        acked++;
      } catch (e) {
        if (!outcomeUnknown(e)) throw e;
        unknown.push(`${(e as Error).name}: ${(e as Error).message}`);
      }
    }),
  );
  const counter = await ca.send(new GetItemCommand({ TableName: table, Key: { id: { S: 'counter' } }, ConsistentRead: true }));
  // Every acknowledged increment counts; one whose answer was an error may or may not have.
  const n = Number(counter.Item?.n?.N);
  assert.ok(n >= acked && n <= acked + unknown.length, `counter ${n}, acknowledged ${acked}, unknown outcome: ${unknown.join('; ')}`);
  assert.ok(acked >= 100, `acknowledged ${acked}; errors: ${unknown.join('; ')}`);

  const ids = ['x0', 'x1', 'x2', 'x3'];
  for (const id of ids) await ca.send(new PutItemCommand({ TableName: table, Item: { id: { S: id }, balance: { N: '100' } } }));
  await Promise.all(
    Array.from({ length: 80 }, async (_, i) => {
      const c = i % 2 === 0 ? ca : cb;
      const from = ids[i % 4] as string;
      const to = ids[(i + 1 + (i % 3)) % 4] as string;
      const amount = String(5 + (i % 40));
      try {
        await c.send(
          new TransactWriteItemsCommand({
            TransactItems: [
              { Update: { TableName: table, Key: { id: { S: from } }, UpdateExpression: 'SET balance = balance - :a', ConditionExpression: 'balance >= :a', ExpressionAttributeValues: { ':a': { N: amount } } } },
              { Update: { TableName: table, Key: { id: { S: to } }, UpdateExpression: 'SET balance = balance + :a', ExpressionAttributeValues: { ':a': { N: amount } } } },
            ],
          }),
        );
      } catch (e) {
        // Cancelled (a condition failed, or a conflict): nothing applied. An unknown outcome
        // still moves money atomically, so the total holds either way.
        if ((e as Error).name !== 'TransactionCanceledException' && !outcomeUnknown(e)) throw e;
      }
    }),
  );
  let total = 0;
  for (const id of ids) {
    const out = await cb.send(new GetItemCommand({ TableName: table, Key: { id: { S: id } }, ConsistentRead: true }));
    const bal = Number(out.Item?.balance?.N);
    assert.ok(bal >= 0, `${id} has ${bal}`);
    total += bal;
  }
  assert.equal(total, 400);
}

describe('several Eddy nodes on one PostgreSQL database', () => {
  it('counts every acknowledged increment and keeps balances under cross-node transfers', async () => {
    const a = await startEddy({ port: 0, storage: url, logLevel: 'warn' });
    const b = await startEddy({ port: 0, storage: url, logLevel: 'warn' });
    nodes.push(a, b);
    const ca = clientFor(a.endpoint);
    const cb = clientFor(b.endpoint);
    try {
      await countAndTransfer(ca, cb);
    } finally {
      ca.destroy();
      cb.destroy();
      // A clean stop hands the TTL lease back (the next test needs it free), pass or fail.
      await a.stop();
      await b.stop();
      nodes.splice(0, nodes.length);
    }
  });

  it('hands the TTL sweep over to another node when the lease holder is killed', async () => {
    const inspector = await openPostgresEngine({ url });
    try {
      const third = await startChild(url, 200);
      // Wait until the child holds the sweeper lease (it is the only node running now).
      let holder: string | undefined;
      for (let i = 0; i < 100 && holder === undefined; i++) {
        await new Promise((r) => setTimeout(r, 50));
        const lease = await readLease(inspector, 'ttl-sweeper');
        if (lease && lease.expiresAt > Date.now()) holder = lease.owner;
      }
      assert.ok(holder, 'the third node took the TTL lease');
      const c = clientFor(third.endpoint);
      const table = uniqueName('multi-ttl');
      await c.send(
        new CreateTableCommand({
          TableName: table,
          KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
          AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
          BillingMode: 'PAY_PER_REQUEST',
        }),
      );
      await c.send(new UpdateTimeToLiveCommand({ TableName: table, TimeToLiveSpecification: { Enabled: true, AttributeName: 'exp' } }));
      c.destroy();
      third.child.kill('SIGKILL');
      await new Promise((r) => third.child.once('exit', r));

      // A fast-sweeping survivor takes over once the dead node's lease expires.
      const survivor = await startEddy({ port: 0, storage: url, logLevel: 'warn', ttlSweepIntervalMs: 200 });
      nodes.push(survivor);
      const cs = clientFor(survivor.endpoint);
      await cs.send(new PutItemCommand({ TableName: table, Item: { id: { S: 'old' }, exp: { N: String(Math.floor(Date.now() / 1000) - 10) } } }));
      let gone = false;
      for (let i = 0; i < 100 && !gone; i++) {
        await new Promise((r) => setTimeout(r, 100));
        const out = await cs.send(new GetItemCommand({ TableName: table, Key: { id: { S: 'old' } }, ConsistentRead: true }));
        gone = out.Item === undefined;
      }
      assert.ok(gone, 'the expired item was swept after takeover');
      const lease = await readLease(inspector, 'ttl-sweeper');
      assert.notEqual(lease?.owner, holder);
      cs.destroy();
    } finally {
      await inspector.close();
    }
  });
});
