import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { openSqliteEngine } from '../src/storage/embedded/sqlite-engine.js';
import type { StorageEngine } from '../src/storage/engine.js';
import { ManualClock } from '../src/shared/clock.js';
import type { RequestContext, Services } from '../src/server/context.js';
import type { StreamDef, TableDef } from '../src/dynamodb/tables/table-types.js';
import type { Item } from '../src/dynamodb/values/types.js';
import { changeRecordWrite } from '../src/streams/capture.js';
import { streamsOperations } from '../src/streams/operations/index.js';
import { runOnce } from '../src/streams/maintenance.js';
import { isDynamoError } from '../src/protocol/errors.js';

/** Streams against the storage engine directly, with a hand-made table and a manual clock. */
const REGION = 'us-east-1';
const ACCOUNT = '000000000000';
const T0 = Date.parse('2026-01-01T00:00:00.000Z');

function makeStream(table: string, label: string, viewType: StreamDef['viewType']): StreamDef {
  return { enabled: true, viewType, label, arn: `arn:aws:dynamodb:${REGION}:${ACCOUNT}:table/${table}/stream/${label}`, log: `stream/${table}-id/${label}` };
}

function makeTable(name: string, stream?: StreamDef): TableDef {
  return {
    id: `${name}-id`, tableId: 'uuid', namespace: 'ns', account: ACCOUNT, region: REGION, name,
    arn: `arn:aws:dynamodb:${REGION}:${ACCOUNT}:table/${name}`, space: `t/${name}`,
    key: { hash: { name: 'pk', type: 'S' }, range: { name: 'sk', type: 'N' } },
    attributeDefinitions: [], status: 'ACTIVE', createdAt: T0, billingMode: 'PAY_PER_REQUEST',
    provisioned: { read: 0, write: 0, decreasesToday: 0 }, stream, tableClass: 'STANDARD',
    deletionProtection: false, gsis: [], lsis: [], tags: {}, version: 1,
  };
}

interface Harness {
  engine: StorageEngine;
  clock: ManualClock;
  tables: Map<string, TableDef>;
  ctx: RequestContext;
  call(op: string, input: Record<string, unknown>): Promise<Record<string, unknown>>;
  write(table: TableDef, oldItem: Item | undefined, newItem: Item | undefined, service?: boolean): Promise<void>;
}

function harness(): Harness {
  const engine = openSqliteEngine({});
  const clock = new ManualClock(T0 + 1000);
  const tables = new Map<string, TableDef>();
  const services = {
    config: { host: '', port: 0, inMemory: true, sharedDb: false, tableStatusDelayMs: 0, ttlSweepIntervalMs: 1000 },
    clock,
    logger: { level: 'error', debug() {}, info() {}, warn() {}, error() {} },
    engine,
    tables: {
      find: async (_c: RequestContext, n: string) => tables.get(n),
      get: async (_c: RequestContext, n: string) => tables.get(n) as TableDef,
      list: async () => [...tables.values()].sort((a, b) => a.name.localeCompare(b.name)),
    },
    onStop() {},
  } as unknown as Services;
  const ctx: RequestContext = { services, requestId: 'r', account: ACCOUNT, region: REGION, accessKeyId: 'AK', namespace: 'ns', operation: 'x' };
  return {
    engine, clock, tables, ctx,
    call: async (op, input) => (await (streamsOperations[op] as NonNullable<(typeof streamsOperations)[string]>)(ctx, input)) as Record<string, unknown>,
    write: async (table, oldItem, newItem, service) => {
      const w = changeRecordWrite(table, oldItem, newItem, { now: clock.now(), service });
      await engine.atomic({ reads: [], apply: () => ({ writes: w ? [w] : [], result: undefined }) });
    },
  };
}

const item = (pk: string, sk: number, extra: Item = {}): Item => ({ pk: { S: pk }, sk: { N: String(sk) }, ...extra });

async function rejects(p: Promise<unknown>, code: string, message?: string | RegExp): Promise<void> {
  await assert.rejects(p, (e: unknown) => {
    assert.ok(isDynamoError(e), String(e));
    assert.equal(e.code, code);
    if (typeof message === 'string') assert.equal(e.message, message);
    else if (message) assert.match(e.message, message);
    return true;
  });
}

describe('changeRecordWrite', () => {
  const table = makeTable('cap', makeStream('cap', '2026-01-01T00:00:00.000', 'NEW_AND_OLD_IMAGES'));
  it('is undefined without an enabled stream or when nothing changed', () => {
    assert.equal(changeRecordWrite(makeTable('x'), undefined, item('a', 1), { now: 1 }), undefined);
    const disabled = makeTable('y', { ...makeStream('y', 'l', 'KEYS_ONLY'), enabled: false });
    assert.equal(changeRecordWrite(disabled, undefined, item('a', 1), { now: 1 }), undefined);
    assert.equal(changeRecordWrite(table, undefined, undefined, { now: 1 }), undefined);
    const a = item('a', 1, { s: { SS: ['x', 'y'] }, n: { N: '1' } });
    const b = item('a', 1, { n: { N: '1' }, s: { SS: ['y', 'x'] } });
    assert.equal(changeRecordWrite(table, a, b, { now: 1 }), undefined);
  });
  it('carries keys and the images of the view type', () => {
    const views: StreamDef['viewType'][] = ['KEYS_ONLY', 'NEW_IMAGE', 'OLD_IMAGE', 'NEW_AND_OLD_IMAGES'];
    for (const v of views) {
      const t = makeTable('v', makeStream('v', 'l', v));
      const w = changeRecordWrite(t, item('a', 1, { x: { S: 'old' } }), item('a', 1, { x: { S: 'new' } }), { now: 5, service: true });
      assert.ok(w && w.kind === 'append');
      const rec = JSON.parse(w.value) as Record<string, unknown>;
      assert.deepEqual(rec.k, { pk: { S: 'a' }, sk: { N: '1' } });
      assert.equal(rec.e, 'M');
      assert.equal(rec.u, 1);
      assert.equal('n' in rec, v === 'NEW_IMAGE' || v === 'NEW_AND_OLD_IMAGES');
      assert.equal('o' in rec, v === 'OLD_IMAGE' || v === 'NEW_AND_OLD_IMAGES');
    }
  });
});

describe('streams operations on the engine', () => {
  let h: Harness;
  let table: TableDef;
  let arn: string;
  before(() => {
    h = harness();
    table = makeTable('orders', makeStream('orders', '2026-01-01T00:00:00.000', 'NEW_AND_OLD_IMAGES'));
    h.tables.set('orders', table);
    arn = (table.stream as StreamDef).arn;
  });
  after(() => h.engine.close());

  it('lists, describes and reads INSERT / MODIFY / REMOVE in order', async () => {
    const list = await h.call('ListStreams', {});
    assert.deepEqual(list.Streams, [{ StreamArn: arn, TableName: 'orders', StreamLabel: '2026-01-01T00:00:00.000' }]);
    await h.write(table, undefined, item('a', 1, { v: { N: '1' } }));
    await h.write(table, item('a', 1, { v: { N: '1' } }), item('a', 1, { v: { N: '2' } }));
    await h.write(table, item('a', 1, { v: { N: '2' } }), undefined, true);
    const desc = (await h.call('DescribeStream', { StreamArn: arn })).StreamDescription as Record<string, unknown>;
    assert.equal(desc.StreamStatus, 'ENABLED');
    assert.deepEqual(desc.KeySchema, [{ AttributeName: 'pk', KeyType: 'HASH' }, { AttributeName: 'sk', KeyType: 'RANGE' }]);
    const shards = desc.Shards as { ShardId: string; SequenceNumberRange: Record<string, string> }[];
    assert.equal(shards.length, 1);
    const shard = shards[0]!;
    assert.match(shard.ShardId, /^shardId-\d{20}-[0-9a-f]{8}$/);
    assert.equal(shard.SequenceNumberRange.EndingSequenceNumber, undefined);
    const it1 = await h.call('GetShardIterator', { StreamArn: arn, ShardId: shard.ShardId, ShardIteratorType: 'TRIM_HORIZON' });
    const res = await h.call('GetRecords', { ShardIterator: it1.ShardIterator });
    const recs = res.Records as { eventName: string; dynamodb: Record<string, unknown>; userIdentity?: unknown }[];
    assert.deepEqual(recs.map((r) => r.eventName), ['INSERT', 'MODIFY', 'REMOVE']);
    assert.deepEqual(recs[1]!.dynamodb.OldImage, item('a', 1, { v: { N: '1' } }));
    assert.deepEqual(recs[2]!.userIdentity, { PrincipalId: 'dynamodb.amazonaws.com', Type: 'Service' });
    assert.equal(recs[0]!.dynamodb.ApproximateCreationDateTime, Math.floor(h.clock.now() / 1000));
    const seqs = recs.map((r) => BigInt(r.dynamodb.SequenceNumber as string));
    assert.ok(seqs[0]! < seqs[1]! && seqs[1]! < seqs[2]!);
    assert.ok(typeof res.NextShardIterator === 'string');
    // AT / AFTER sequence number
    const at = await h.call('GetShardIterator', { StreamArn: arn, ShardId: shard.ShardId, ShardIteratorType: 'AT_SEQUENCE_NUMBER', SequenceNumber: String(seqs[1]) });
    const r2 = await h.call('GetRecords', { ShardIterator: at.ShardIterator, Limit: 1 });
    assert.deepEqual((r2.Records as { eventName: string }[]).map((r) => r.eventName), ['MODIFY']);
    const aft = await h.call('GetShardIterator', { StreamArn: arn, ShardId: shard.ShardId, ShardIteratorType: 'AFTER_SEQUENCE_NUMBER', SequenceNumber: String(seqs[1]) });
    const r3 = await h.call('GetRecords', { ShardIterator: aft.ShardIterator });
    assert.deepEqual((r3.Records as { eventName: string }[]).map((r) => r.eventName), ['REMOVE']);
    // LATEST sees only later writes
    const latest = await h.call('GetShardIterator', { StreamArn: arn, ShardId: shard.ShardId, ShardIteratorType: 'LATEST' });
    assert.deepEqual((await h.call('GetRecords', { ShardIterator: latest.ShardIterator })).Records, []);
    await h.write(table, undefined, item('b', 2));
    const r4 = await h.call('GetRecords', { ShardIterator: latest.ShardIterator });
    assert.equal((r4.Records as unknown[]).length, 1);
  });

  it('rejects bad input with DynamoDB errors', async () => {
    await rejects(h.call('DescribeStream', { StreamArn: 'garbage-garbage-garbage-garbage-garbage' }), 'ValidationException', 'Invalid StreamArn');
    await rejects(h.call('DescribeStream', { StreamArn: `${arn}x` }), 'ResourceNotFoundException', `Requested resource not found: Stream: ${arn}x not found`);
    await rejects(h.call('GetShardIterator', { StreamArn: arn, ShardId: 'shardId-00000000000000000000-00000000', ShardIteratorType: 'LATEST' }), 'ResourceNotFoundException');
    await rejects(h.call('GetRecords', { ShardIterator: 'nonsense' }), 'ValidationException', 'Invalid ShardIterator');
    await rejects(h.call('GetRecords', { ShardIterator: 'x', Limit: 1001 }), 'ValidationException', /less than or equal to 1000/);
  });

  it('expires iterators after 15 minutes and trims after 24 hours', async () => {
    const shard = ((await h.call('DescribeStream', { StreamArn: arn })).StreamDescription as { Shards: { ShardId: string }[] }).Shards[0]!;
    const it1 = await h.call('GetShardIterator', { StreamArn: arn, ShardId: shard.ShardId, ShardIteratorType: 'TRIM_HORIZON' });
    h.clock.advance(15 * 60 * 1000 + 1);
    await rejects(h.call('GetRecords', { ShardIterator: it1.ShardIterator }), 'ExpiredIteratorException');
    const it2 = await h.call('GetShardIterator', { StreamArn: arn, ShardId: shard.ShardId, ShardIteratorType: 'TRIM_HORIZON' });
    h.clock.advance(24 * 60 * 60 * 1000);
    await rejects(h.call('GetRecords', { ShardIterator: it2.ShardIterator }), 'ExpiredIteratorException');
    // rollover happened lazily on DescribeStream (> 4 hours): old shard closed, child open
    const desc = (await h.call('DescribeStream', { StreamArn: arn })).StreamDescription as { Shards: { ShardId: string; ParentShardId?: string; SequenceNumberRange: Record<string, string> }[] };
    assert.equal(desc.Shards.length, 2);
    assert.equal(desc.Shards[1]!.ParentShardId, desc.Shards[0]!.ShardId);
    assert.ok(desc.Shards[0]!.SequenceNumberRange.EndingSequenceNumber);
    await h.write(table, undefined, item('c', 3));
    const th = await h.call('GetShardIterator', { StreamArn: arn, ShardId: desc.Shards[1]!.ShardId, ShardIteratorType: 'TRIM_HORIZON' });
    const recs = (await h.call('GetRecords', { ShardIterator: th.ShardIterator })).Records as { dynamodb: { Keys: Item } }[];
    assert.deepEqual(recs.map((r) => r.dynamodb.Keys.pk), [{ S: 'c' }]);
    // the old records are past the trim horizon
    const old = await h.call('GetShardIterator', { StreamArn: arn, ShardId: desc.Shards[0]!.ShardId, ShardIteratorType: 'TRIM_HORIZON' });
    const oldRes = await h.call('GetRecords', { ShardIterator: old.ShardIterator });
    assert.deepEqual(oldRes.Records, []);
    assert.equal(oldRes.NextShardIterator, undefined);
    await rejects(
      h.call('GetShardIterator', { StreamArn: arn, ShardId: desc.Shards[0]!.ShardId, ShardIteratorType: 'AT_SEQUENCE_NUMBER', SequenceNumber: '100000000000000000001' }),
      'TrimmedDataAccessException',
    );
    // maintenance physically trims; the closed shard disappears 24 h after closing
    await runOnce(h.ctx.services, 'node-a');
    const left = await h.engine.readLog((table.stream as StreamDef).log, 0, 100);
    assert.deepEqual(left.map((r) => 'x' in JSON.parse(r.value)), [true, false]); // the rollover marker, then 'c'
    h.clock.advance(24 * 60 * 60 * 1000 + 1);
    await runOnce(h.ctx.services, 'node-a');
    const d2 = (await h.call('DescribeStream', { StreamArn: arn })).StreamDescription as { Shards: { ShardId: string }[] };
    assert.ok(!d2.Shards.some((s) => s.ShardId === desc.Shards[0]!.ShardId));
  });

  it('closes the shard of a disabled stream; reading it ends without NextShardIterator', async () => {
    const s = makeStream('old', new Date(h.clock.now()).toISOString().replace('Z', ''), 'KEYS_ONLY');
    const t = makeTable('old', s);
    h.tables.set('old', t);
    await h.write(t, undefined, item('k', 1));
    const desc0 = (await h.call('DescribeStream', { StreamArn: s.arn })).StreamDescription as { Shards: { ShardId: string }[] };
    const shardId = desc0.Shards.at(-1)!.ShardId;
    const it1 = await h.call('GetShardIterator', { StreamArn: s.arn, ShardId: shardId, ShardIteratorType: 'TRIM_HORIZON' });
    h.tables.set('old', { ...t, stream: undefined, previousStreams: [{ ...s, enabled: false }] });
    const desc = (await h.call('DescribeStream', { StreamArn: s.arn })).StreamDescription as { StreamStatus: string; Shards: { SequenceNumberRange: Record<string, string> }[] };
    assert.equal(desc.StreamStatus, 'DISABLED');
    assert.ok(desc.Shards.every((x) => x.SequenceNumberRange.EndingSequenceNumber));
    const res = await h.call('GetRecords', { ShardIterator: it1.ShardIterator });
    assert.equal((res.Records as unknown[]).length, 1);
    assert.equal(res.NextShardIterator, undefined);
    // a write with a stale table definition after the close is not served from the closed shard
    const again = await h.call('GetShardIterator', { StreamArn: s.arn, ShardId: shardId, ShardIteratorType: 'TRIM_HORIZON' });
    await h.write(t, undefined, item('k', 2));
    assert.equal(((await h.call('GetRecords', { ShardIterator: again.ShardIterator })).Records as unknown[]).length, 1);
  });
});
