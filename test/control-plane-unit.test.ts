import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ManualClock } from '../src/shared/clock.js';
import { openSqliteEngine } from '../src/storage/embedded/sqlite-engine.js';
import { TableManager } from '../src/dynamodb/tables/catalog.js';
import { ExpressionCache } from '../src/dynamodb/expressions/index.js';
import { isDynamoError, type DynamoError } from '../src/protocol/errors.js';
import type { EddyConfig, Logger, OperationHandler, RequestContext, Services } from '../src/server/context.js';
import { handler as createTable } from '../src/dynamodb/operations/create-table.js';
import { handler as describeTable } from '../src/dynamodb/operations/describe-table.js';
import { handler as deleteTable } from '../src/dynamodb/operations/delete-table.js';
import { handler as updateTable } from '../src/dynamodb/operations/update-table.js';
import { handler as updateTimeToLive } from '../src/dynamodb/operations/update-time-to-live.js';
import { handler as describeTimeToLive } from '../src/dynamodb/operations/describe-time-to-live.js';
import type { StorageEngine } from '../src/storage/engine.js';

// Imported one by one (not through the registry) so this file runs while other operations are in progress.
const dynamodbOperations: Record<string, OperationHandler> = {
  CreateTable: createTable, DescribeTable: describeTable, DeleteTable: deleteTable, UpdateTable: updateTable,
  UpdateTimeToLive: updateTimeToLive, DescribeTimeToLive: describeTimeToLive,
};

/** Operation handlers called directly (no HTTP) on a ManualClock: the catalog and status machine. */

const silent: Logger = { level: 'error', debug() {}, info() {}, warn() {}, error() {} };

interface Harness {
  clock: ManualClock;
  engine: StorageEngine;
  tables: TableManager;
  call(op: string, input: Record<string, unknown>): Promise<Record<string, unknown>>;
  fails(op: string, input: Record<string, unknown>): Promise<DynamoError>;
  /** Lets the async work of fired timers finish. */
  settle(): Promise<void>;
  close(): Promise<void>;
}

async function harness(delayMs = 1000, engine: StorageEngine = openSqliteEngine({})): Promise<Harness> {
  const clock = new ManualClock(Date.UTC(2026, 0, 1));
  const config: EddyConfig = {
    host: '127.0.0.1', port: 0, inMemory: true, sharedDb: false, tableStatusDelayMs: delayMs, ttlSweepIntervalMs: 60000,
  };
  const tables = new TableManager({ engine, clock, config, logger: silent });
  await tables.start();
  const services: Services = { config, clock, logger: silent, engine, tables, expressions: new ExpressionCache(), onStop() {} };
  const ctx = (operation: string): RequestContext => ({
    services, requestId: 'r', account: '123456789012', region: 'us-east-1', accessKeyId: 'AKID',
    namespace: 'AKID:us-east-1', operation,
  });
  const handler = (op: string): OperationHandler => {
    const h = dynamodbOperations[op];
    if (!h) throw new Error(`no handler ${op}`);
    return h;
  };
  return {
    clock, engine, tables,
    call: async (op, input) => (await handler(op)(ctx(op), input)) as Record<string, unknown>,
    fails: async (op, input) => {
      try {
        await handler(op)(ctx(op), input);
      } catch (e) {
        if (isDynamoError(e)) return e;
        throw e;
      }
      throw new Error(`${op} did not fail`);
    },
    settle: () => new Promise((r) => setTimeout(r, 20)),
    close: async () => {
      await tables.stop();
      await engine.close();
    },
  };
}

const simple = (name: string, extra: Record<string, unknown> = {}) => ({
  TableName: name,
  BillingMode: 'PAY_PER_REQUEST',
  KeySchema: [{ AttributeName: 'p', KeyType: 'HASH' }],
  AttributeDefinitions: [{ AttributeName: 'p', AttributeType: 'S' }],
  ...extra,
});

const table = (r: Record<string, unknown>) => r.Table as Record<string, unknown>;

test('CREATING until the clock passes the delay, then ACTIVE', async () => {
  const h = await harness(5000);
  try {
    const created = await h.call('CreateTable', simple('t1'));
    assert.equal((created.TableDescription as Record<string, unknown>).TableStatus, 'CREATING');
    assert.equal(table(await h.call('DescribeTable', { TableName: 't1' })).TableStatus, 'CREATING');
    h.clock.advance(4999);
    await h.settle();
    assert.equal(table(await h.call('DescribeTable', { TableName: 't1' })).TableStatus, 'CREATING');
    h.clock.advance(1);
    await h.settle();
    assert.equal(table(await h.call('DescribeTable', { TableName: 't1' })).TableStatus, 'ACTIVE');
    const arn = 'arn:aws:dynamodb:us-east-1:123456789012:table/t1';
    assert.equal(table(await h.call('DescribeTable', { TableName: arn })).TableName, 't1');
    const other = await h.fails('DescribeTable', { TableName: 'arn:aws:dynamodb:eu-west-1:123456789012:table/t1' });
    // Another region's ARN is refused as such (live DynamoDB, October 2026: ack-api-quirks DDB-TABLE-011).
    assert.equal(other.code, 'ValidationException');
    assert.equal(other.message, "1 validation error detected: Invalid AWS region in 'arn:aws:dynamodb:eu-west-1:123456789012:table/t1'");
  } finally {
    await h.close();
  }
});

test('a restart resumes the transition; DELETING then gone', async () => {
  const engine = openSqliteEngine({});
  const h = await harness(5000, engine);
  await h.call('CreateTable', simple('t2'));
  await h.tables.stop();
  // A second manager on the same storage (as another node, or after a restart).
  const h2 = await harness(5000, engine);
  assert.equal(table(await h2.call('DescribeTable', { TableName: 't2' })).TableStatus, 'CREATING');
  h2.clock.advance(5000); // start() scheduled the pending transition
  await h2.settle();
  assert.equal(table(await h2.call('DescribeTable', { TableName: 't2' })).TableStatus, 'ACTIVE');
  const del = await h2.call('DeleteTable', { TableName: 't2' });
  const d = del.TableDescription as Record<string, unknown>;
  assert.equal(d.TableStatus, 'DELETING');
  assert.equal(d.KeySchema, undefined);
  assert.equal(table(await h2.call('DescribeTable', { TableName: 't2' })).TableStatus, 'DELETING');
  h2.clock.advance(5000);
  await h2.settle();
  const e = await h2.fails('DescribeTable', { TableName: 't2' });
  assert.equal(e.code, 'ResourceNotFoundException');
  assert.equal(e.message, 'Requested resource not found: Table: t2 not found');
  await h2.close();
});

test('duplicate names: being created, then already exists', async () => {
  const h = await harness(1000);
  try {
    await h.call('CreateTable', simple('dup'));
    let e = await h.fails('CreateTable', simple('dup'));
    assert.equal(e.code, 'ResourceInUseException');
    assert.equal(e.message, 'Attempt to change a resource which is still in use: Table is being created: dup');
    h.clock.advance(1000);
    e = await h.fails('CreateTable', simple('dup'));
    assert.equal(e.message, 'Table already exists: dup');
  } finally {
    await h.close();
  }
});

test('DeleteTable refusals: CREATING, UPDATING, deletion protection', async () => {
  const h = await harness(1000);
  try {
    await h.call('CreateTable', simple('d1', { DeletionProtectionEnabled: true }));
    let e = await h.fails('DeleteTable', { TableName: 'd1' });
    assert.equal(e.message, 'Attempt to change a resource which is still in use: Table is being created: d1');
    h.clock.advance(1000);
    e = await h.fails('DeleteTable', { TableName: 'd1' });
    assert.equal(e.code, 'ValidationException');
    assert.equal(e.message, 'Resource cannot be deleted as it is currently protected against deletion. Disable deletion protection first.');
    const upd = await h.call('UpdateTable', { TableName: 'd1', DeletionProtectionEnabled: false });
    assert.equal((upd.TableDescription as Record<string, unknown>).TableStatus, 'ACTIVE');
    await h.call('UpdateTable', { TableName: 'd1', StreamSpecification: { StreamEnabled: true, StreamViewType: 'KEYS_ONLY' } });
    e = await h.fails('DeleteTable', { TableName: 'd1' });
    // Recorded from DynamoDB (ack-api-quirks DDB-TABLE-002/119): a stream toggle has its own text.
    assert.equal(e.message, 'Attempt to change a resource which is still in use: Cannot delete table while stream is being enabled/disabled.');
  } finally {
    await h.close();
  }
});

test('UpdateTable throughput: old values until ACTIVE, then new ones with LastIncreaseDateTime', async () => {
  const h = await harness(1000);
  try {
    await h.call('CreateTable', { ...simple('u1'), BillingMode: 'PROVISIONED', ProvisionedThroughput: { ReadCapacityUnits: 5, WriteCapacityUnits: 5 } });
    h.clock.advance(1000);
    let e = await h.fails('UpdateTable', { TableName: 'u1', ProvisionedThroughput: { ReadCapacityUnits: 5, WriteCapacityUnits: 5 } });
    assert.match(e.message, /^The provisioned throughput for the table will not change\. The requested value equals the current value\. Current ReadCapacityUnits provisioned for the table: 5\. Requested ReadCapacityUnits: 5\./);
    const r = await h.call('UpdateTable', { TableName: 'u1', ProvisionedThroughput: { ReadCapacityUnits: 10, WriteCapacityUnits: 5 } });
    const d = r.TableDescription as Record<string, Record<string, unknown>>;
    assert.equal(d.TableStatus as unknown, 'UPDATING');
    assert.equal(d.ProvisionedThroughput?.ReadCapacityUnits, 5);
    e = await h.fails('UpdateTable', { TableName: 'u1', ProvisionedThroughput: { ReadCapacityUnits: 11, WriteCapacityUnits: 5 } });
    assert.equal(e.code, 'ResourceInUseException');
    h.clock.advance(1000);
    await h.settle();
    const pt = table(await h.call('DescribeTable', { TableName: 'u1' })).ProvisionedThroughput as Record<string, unknown>;
    assert.equal(pt.ReadCapacityUnits, 10);
    assert.equal(pt.LastIncreaseDateTime, h.clock.now() / 1000);
    await h.call('UpdateTable', { TableName: 'u1', ProvisionedThroughput: { ReadCapacityUnits: 4, WriteCapacityUnits: 5 } });
    h.clock.advance(1000);
    const pt2 = table(await h.call('DescribeTable', { TableName: 'u1' })).ProvisionedThroughput as Record<string, unknown>;
    assert.equal(pt2.NumberOfDecreasesToday, 1);
    assert.equal(pt2.ReadCapacityUnits, 4);
  } finally {
    await h.close();
  }
});

test('streams: enable, re-enable refused, disable keeps the latest ARN', async () => {
  const h = await harness(0);
  try {
    await h.call('CreateTable', simple('s1', { StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_IMAGE' } }));
    const d = table(await h.call('DescribeTable', { TableName: 's1' }));
    assert.deepEqual(d.StreamSpecification, { StreamEnabled: true, StreamViewType: 'NEW_IMAGE' });
    assert.equal(d.LatestStreamLabel, new Date(h.clock.now()).toISOString().slice(0, -1));
    assert.equal(d.LatestStreamArn, `${String(d.TableArn)}/stream/${String(d.LatestStreamLabel)}`);
    let e = await h.fails('UpdateTable', { TableName: 's1', StreamSpecification: { StreamEnabled: true, StreamViewType: 'KEYS_ONLY' } });
    assert.equal(e.message, 'Table already has an enabled stream: TableName: s1');
    await h.call('UpdateTable', { TableName: 's1', StreamSpecification: { StreamEnabled: false } });
    const after = table(await h.call('DescribeTable', { TableName: 's1' }));
    assert.equal(after.StreamSpecification, undefined);
    assert.equal(after.LatestStreamArn, d.LatestStreamArn);
    e = await h.fails('UpdateTable', { TableName: 's1', StreamSpecification: { StreamEnabled: false } });
    assert.equal(e.message, 'Table has no stream to disable: TableName: s1');
  } finally {
    await h.close();
  }
});

test('TTL: DISABLED by default, enable, already enabled, other attribute, disable', async () => {
  const h = await harness(0);
  try {
    await h.call('CreateTable', simple('ttl1'));
    assert.deepEqual(await h.call('DescribeTimeToLive', { TableName: 'ttl1' }), { TimeToLiveDescription: { TimeToLiveStatus: 'DISABLED' } });
    const spec = { AttributeName: 'exp', Enabled: true };
    assert.deepEqual(await h.call('UpdateTimeToLive', { TableName: 'ttl1', TimeToLiveSpecification: spec }), { TimeToLiveSpecification: spec });
    assert.deepEqual(await h.call('DescribeTimeToLive', { TableName: 'ttl1' }), {
      TimeToLiveDescription: { TimeToLiveStatus: 'ENABLED', AttributeName: 'exp' },
    });
    let e = await h.fails('UpdateTimeToLive', { TableName: 'ttl1', TimeToLiveSpecification: spec });
    assert.equal(e.message, 'TimeToLive is already enabled');
    e = await h.fails('UpdateTimeToLive', { TableName: 'ttl1', TimeToLiveSpecification: { AttributeName: 'x', Enabled: true } });
    assert.equal(e.message, 'TimeToLive is active on a different AttributeName: current AttributeName is exp');
    await h.call('UpdateTimeToLive', { TableName: 'ttl1', TimeToLiveSpecification: { AttributeName: 'exp', Enabled: false } });
    e = await h.fails('UpdateTimeToLive', { TableName: 'ttl1', TimeToLiveSpecification: { AttributeName: 'exp', Enabled: false } });
    assert.equal(e.message, 'TimeToLive is already disabled');
  } finally {
    await h.close();
  }
});
