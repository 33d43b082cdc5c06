import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import {
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  GetRecordsCommand,
  GetShardIteratorCommand,
  ListStreamsCommand,
  type _Record,
  type Shard,
} from '@aws-sdk/client-dynamodb-streams';
import { CreateTableCommand, DeleteItemCommand, PutItemCommand, UpdateItemCommand, UpdateTableCommand, type StreamViewType } from '@aws-sdk/client-dynamodb';
import { ManualClock } from '../src/shared/clock.js';
import { streamsOperations } from '../src/streams/operations/index.js';
import { startTestEddy, type TestEddy } from './helpers/eddy.js';

/** DynamoDB Streams through the unmodified @aws-sdk/client-dynamodb-streams against a real server. */
let eddy: TestEddy;
let streams: DynamoDBStreamsClient;
const clock = new ManualClock(Date.parse('2026-03-01T10:00:00.000Z'));

before(async () => {
  eddy = await startTestEddy({ clock, streamsOperations });
  streams = new DynamoDBStreamsClient({
    endpoint: eddy.endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'secret' },
    maxAttempts: 1,
  });
});
after(async () => {
  streams.destroy();
  await eddy.stop();
});

const name = (): string => `streams-${randomBytes(5).toString('hex')}`;

async function createTable(viewType: StreamViewType | undefined): Promise<{ table: string; arn: string | undefined }> {
  const table = name();
  const res = await eddy.client.send(
    new CreateTableCommand({
      TableName: table,
      KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
      AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
      BillingMode: 'PAY_PER_REQUEST',
      StreamSpecification: viewType ? { StreamEnabled: true, StreamViewType: viewType } : undefined,
    }),
  );
  return { table, arn: res.TableDescription?.LatestStreamArn };
}

async function shardsOf(arn: string): Promise<Shard[]> {
  const out: Shard[] = [];
  let start: string | undefined;
  do {
    const d = await streams.send(new DescribeStreamCommand({ StreamArn: arn, ExclusiveStartShardId: start, Limit: 1 }));
    out.push(...(d.StreamDescription?.Shards ?? []));
    start = d.StreamDescription?.LastEvaluatedShardId;
  } while (start);
  return out;
}

async function readAll(arn: string, shardId: string, type: 'TRIM_HORIZON' | 'LATEST' = 'TRIM_HORIZON'): Promise<{ records: _Record[]; next: string | undefined }> {
  let it = (await streams.send(new GetShardIteratorCommand({ StreamArn: arn, ShardId: shardId, ShardIteratorType: type }))).ShardIterator;
  const records: _Record[] = [];
  for (;;) {
    const r = await streams.send(new GetRecordsCommand({ ShardIterator: it }));
    records.push(...(r.Records ?? []));
    if (!r.NextShardIterator || (r.Records ?? []).length === 0) return { records, next: r.NextShardIterator };
    it = r.NextShardIterator;
  }
}

describe('records through the SDK', () => {
  for (const view of ['KEYS_ONLY', 'NEW_IMAGE', 'OLD_IMAGE', 'NEW_AND_OLD_IMAGES'] as const) {
    it(`${view}: INSERT, MODIFY, REMOVE with the right images; no record for no-op writes`, async () => {
      const { table, arn } = await createTable(view);
      assert.ok(arn);
      assert.match(arn, new RegExp(`^arn:aws:dynamodb:us-east-1:\\d{12}:table/${table}/stream/\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}$`));
      const c = eddy.client;
      await c.send(new PutItemCommand({ TableName: table, Item: { pk: { S: 'a' }, v: { N: '1' } } }));
      await c.send(new PutItemCommand({ TableName: table, Item: { pk: { S: 'a' }, v: { N: '1' } } })); // no change
      await c.send(new UpdateItemCommand({ TableName: table, Key: { pk: { S: 'a' } }, UpdateExpression: 'SET v = :v', ExpressionAttributeValues: { ':v': { N: '2' } } }));
      await c.send(new DeleteItemCommand({ TableName: table, Key: { pk: { S: 'a' } } }));
      await c.send(new DeleteItemCommand({ TableName: table, Key: { pk: { S: 'a' } } })); // nothing to delete
      const list = await streams.send(new ListStreamsCommand({ TableName: table }));
      assert.deepEqual(list.Streams?.map((s) => s.StreamArn), [arn]);
      const shards = await shardsOf(arn);
      assert.equal(shards.length, 1);
      const { records } = await readAll(arn, shards[0]?.ShardId as string);
      assert.deepEqual(records.map((r) => r.eventName), ['INSERT', 'MODIFY', 'REMOVE']);
      const wantNew = view === 'NEW_IMAGE' || view === 'NEW_AND_OLD_IMAGES';
      const wantOld = view === 'OLD_IMAGE' || view === 'NEW_AND_OLD_IMAGES';
      const [ins, mod, rem] = records as [_Record, _Record, _Record];
      for (const r of records) {
        assert.equal(r.eventVersion, '1.1');
        assert.equal(r.eventSource, 'aws:dynamodb');
        assert.equal(r.awsRegion, 'us-east-1');
        assert.match(r.eventID ?? '', /^[0-9a-f]{32}$/);
        assert.equal(r.dynamodb?.StreamViewType, view);
        assert.deepEqual(r.dynamodb?.Keys, { pk: { S: 'a' } });
        assert.match(r.dynamodb?.SequenceNumber ?? '', /^\d{21}$/);
        assert.equal(r.dynamodb?.ApproximateCreationDateTime?.getTime(), Math.floor(clock.now() / 1000) * 1000);
      }
      assert.deepEqual(ins.dynamodb?.NewImage, wantNew ? { pk: { S: 'a' }, v: { N: '1' } } : undefined);
      assert.equal(ins.dynamodb?.OldImage, undefined);
      assert.deepEqual(mod.dynamodb?.NewImage, wantNew ? { pk: { S: 'a' }, v: { N: '2' } } : undefined);
      assert.deepEqual(mod.dynamodb?.OldImage, wantOld ? { pk: { S: 'a' }, v: { N: '1' } } : undefined);
      assert.equal(rem.dynamodb?.NewImage, undefined);
      assert.deepEqual(rem.dynamodb?.OldImage, wantOld ? { pk: { S: 'a' }, v: { N: '2' } } : undefined);
      // SizeBytes counts the keys and the images carried: "pk"+"a" = 3, "v"+N(1) = 3
      assert.equal(ins.dynamodb?.SizeBytes, 3 + (wantNew ? 6 : 0));
    });
  }
});

describe('iterators, retention and shards', () => {
  it('iterators expire after 15 minutes; records are trimmed after 24 hours', async () => {
    const { table, arn } = await createTable('KEYS_ONLY');
    assert.ok(arn);
    await eddy.client.send(new PutItemCommand({ TableName: table, Item: { pk: { S: 'x' } } }));
    const [shard] = await shardsOf(arn);
    const it = await streams.send(new GetShardIteratorCommand({ StreamArn: arn, ShardId: shard?.ShardId, ShardIteratorType: 'TRIM_HORIZON' }));
    clock.advance(15 * 60 * 1000 + 1);
    await assert.rejects(streams.send(new GetRecordsCommand({ ShardIterator: it.ShardIterator })), { name: 'ExpiredIteratorException' });
    const seq = shard?.SequenceNumberRange?.StartingSequenceNumber;
    clock.advance(24 * 60 * 60 * 1000);
    await assert.rejects(
      streams.send(new GetShardIteratorCommand({ StreamArn: arn, ShardId: shard?.ShardId, ShardIteratorType: 'AT_SEQUENCE_NUMBER', SequenceNumber: seq })),
      { name: 'TrimmedDataAccessException' },
    );
    const { records } = await readAll(arn, shard?.ShardId as string);
    assert.deepEqual(records, []);
  });

  it('rolls shards over; a reader follows the parent to its end, then the child', async () => {
    const { table, arn } = await createTable('NEW_IMAGE');
    assert.ok(arn);
    const put = (v: number): Promise<unknown> => eddy.client.send(new PutItemCommand({ TableName: table, Item: { pk: { S: 'k' }, v: { N: String(v) } } }));
    await put(1);
    const [first] = await shardsOf(arn);
    let it = (await streams.send(new GetShardIteratorCommand({ StreamArn: arn, ShardId: first?.ShardId, ShardIteratorType: 'TRIM_HORIZON' }))).ShardIterator;
    await put(2);
    clock.advance(4 * 60 * 60 * 1000);
    const shards = await shardsOf(arn); // DescribeStream performs the due rollover
    assert.equal(shards.length, 2);
    const [parent, child] = shards as [Shard, Shard];
    assert.equal(child.ParentShardId, parent.ShardId);
    assert.ok((parent.ShardId as string) < (child.ShardId as string));
    assert.ok(parent.SequenceNumberRange?.EndingSequenceNumber);
    assert.equal(child.SequenceNumberRange?.EndingSequenceNumber, undefined);
    await put(3);
    // the old iterator is older than 15 minutes now: take a new one after the last record seen
    it = (await streams.send(new GetShardIteratorCommand({ StreamArn: arn, ShardId: parent.ShardId, ShardIteratorType: 'TRIM_HORIZON' }))).ShardIterator;
    const r = await streams.send(new GetRecordsCommand({ ShardIterator: it }));
    assert.deepEqual(r.Records?.map((x) => x.dynamodb?.NewImage?.v?.N), ['1', '2']);
    assert.equal(r.NextShardIterator, undefined);
    const kids = await streams.send(new DescribeStreamCommand({ StreamArn: arn, ShardFilter: { Type: 'CHILD_SHARDS', ShardId: parent.ShardId } }));
    assert.deepEqual(kids.StreamDescription?.Shards?.map((s) => s.ShardId), [child.ShardId]);
    const { records } = await readAll(arn, child.ShardId as string);
    assert.deepEqual(records.map((x) => x.dynamodb?.NewImage?.v?.N), ['3']);
    const seqs = [...(r.Records ?? []), ...records].map((x) => BigInt(x.dynamodb?.SequenceNumber ?? '0'));
    assert.ok(seqs.every((s, i) => i === 0 || (seqs[i - 1] as bigint) < s));
  });

  it('a new view type gives a new stream; the old one stays readable and is DISABLED', async () => {
    const { table, arn } = await createTable('KEYS_ONLY');
    assert.ok(arn);
    await eddy.client.send(new PutItemCommand({ TableName: table, Item: { pk: { S: 'before' } } }));
    await eddy.client.send(new UpdateTableCommand({ TableName: table, StreamSpecification: { StreamEnabled: false } }));
    clock.advance(1000);
    const upd = await eddy.client.send(new UpdateTableCommand({ TableName: table, StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_IMAGE' } }));
    const arn2 = upd.TableDescription?.LatestStreamArn;
    assert.ok(arn2 && arn2 !== arn);
    await eddy.client.send(new PutItemCommand({ TableName: table, Item: { pk: { S: 'after' } } }));
    const list = await streams.send(new ListStreamsCommand({ TableName: table }));
    assert.deepEqual(list.Streams?.map((s) => s.StreamArn).sort(), [arn, arn2].sort());
    const old = await streams.send(new DescribeStreamCommand({ StreamArn: arn }));
    assert.equal(old.StreamDescription?.StreamStatus, 'DISABLED');
    const oldShards = await shardsOf(arn);
    assert.ok(oldShards.every((s) => s.SequenceNumberRange?.EndingSequenceNumber));
    const a = await readAll(arn, oldShards[0]?.ShardId as string);
    assert.deepEqual(a.records.map((r) => r.dynamodb?.Keys?.pk?.S), ['before']);
    assert.equal(a.next, undefined);
    const [s2] = await shardsOf(arn2);
    const b = await readAll(arn2, s2?.ShardId as string);
    assert.deepEqual(b.records.map((r) => r.dynamodb?.Keys?.pk?.S), ['after']);
  });

  it('answers with DynamoDB errors', async () => {
    await assert.rejects(streams.send(new DescribeStreamCommand({ StreamArn: 'arn:aws:dynamodb:us-east-1:000000000000:table/nope/stream/2026-01-01T00:00:00.000' })), {
      name: 'ResourceNotFoundException',
    });
    await assert.rejects(streams.send(new GetRecordsCommand({ ShardIterator: 'not-an-iterator' })), { name: 'ValidationException' });
    await assert.rejects(streams.send(new ListStreamsCommand({ TableName: 'missing-table' })), { name: 'ResourceNotFoundException' });
  });
});
