import { after, before, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import {
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  GetRecordsCommand,
  GetShardIteratorCommand,
  type _Record,
  type Shard,
} from '@aws-sdk/client-dynamodb-streams';
import {
  CreateTableCommand,
  DeleteItemCommand,
  PutItemCommand,
  ScanCommand,
  TransactWriteItemsCommand,
  UpdateItemCommand,
  type AttributeValue,
} from '@aws-sdk/client-dynamodb';
import { streamsOperations } from '../src/streams/operations/index.js';
import { startTestEddy, type TestEddy } from './helpers/eddy.js';

/**
 * A writer runs thousands of random puts, updates, deletes and transactions (with no-op writes and
 * failed conditions mixed in) while a reader follows the shard lineage through rollovers. Replaying
 * the records must reproduce the table exactly, and every record's OldImage must equal the replayed
 * item before it (nothing missed, nothing duplicated, per-key order kept).
 */
type Item = Record<string, AttributeValue>;
const OPS = 3000;
const WORKERS = 8;
const KEYS = 40;

let eddy: TestEddy;
let streams: DynamoDBStreamsClient;
before(async () => {
  eddy = await startTestEddy({ streamsOperations });
  eddy.eddy.services.config.streamShardRolloverMs = 250; // many rollovers during the run
  streams = new DynamoDBStreamsClient({ endpoint: eddy.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'secret' }, maxAttempts: 1 });
});
after(async () => {
  streams.destroy();
  await eddy.stop();
});

function rnd(n: number): number {
  return Math.floor(Math.random() * n);
}

const key = (i: number): Item => ({ pk: { S: `k${i}` }, sk: { N: String(i % 3) } });

async function writer(table: string, count: { n: number }): Promise<void> {
  const c = eddy.client;
  while (count.n < OPS) {
    count.n++;
    const k = rnd(KEYS);
    const op = rnd(10);
    try {
      if (op < 3) {
        await c.send(new PutItemCommand({ TableName: table, Item: { ...key(k), v: { N: String(rnd(5)) }, s: { SS: ['a', String(rnd(3))] } } }));
      } else if (op < 6) {
        const update = op % 2
          ? { UpdateExpression: 'ADD n :one SET v = :v', ExpressionAttributeValues: { ':one': { N: '1' }, ':v': { N: String(rnd(3)) } } }
          : { UpdateExpression: 'REMOVE v' };
        await c.send(new UpdateItemCommand({ TableName: table, Key: key(k), ...update }));
      } else if (op < 8) {
        await c.send(new DeleteItemCommand({ TableName: table, Key: key(k), ...(rnd(3) === 0 ? { ConditionExpression: 'attribute_exists(v)' } : {}) }));
      } else {
        const ks = [...new Set([k, rnd(KEYS), rnd(KEYS)])];
        await c.send(new TransactWriteItemsCommand({
          TransactItems: ks.map((i, j) =>
            j === 1
              ? { Delete: { TableName: table, Key: key(i) } }
              : { Put: { TableName: table, Item: { ...key(i), t: { S: `tx${rnd(4)}` } } } },
          ),
        }));
      }
    } catch (e) {
      const name = (e as Error).name;
      if (name !== 'ConditionalCheckFailedException' && name !== 'TransactionCanceledException' && name !== 'TransactionConflictException') throw e;
    }
  }
}

const ikey = (it: Item | undefined): string => JSON.stringify([it?.pk?.S, it?.sk?.N]);

async function reader(arn: string, done: () => boolean, sentinel: string): Promise<_Record[]> {
  const out: _Record[] = [];
  let shard = (await streams.send(new DescribeStreamCommand({ StreamArn: arn }))).StreamDescription?.Shards?.[0] as Shard;
  let it = (await streams.send(new GetShardIteratorCommand({ StreamArn: arn, ShardId: shard.ShardId, ShardIteratorType: 'TRIM_HORIZON' }))).ShardIterator;
  for (;;) {
    const r = await streams.send(new GetRecordsCommand({ ShardIterator: it, Limit: 1 + rnd(200) }));
    out.push(...(r.Records ?? []));
    if (done() && out.some((x) => x.dynamodb?.Keys?.pk?.S === sentinel)) return out;
    if (r.NextShardIterator) {
      it = r.NextShardIterator;
      if ((r.Records ?? []).length === 0) {
        // an idle open shard: DescribeStream lets a due rollover happen, as a real consumer's refresh would
        await streams.send(new DescribeStreamCommand({ StreamArn: arn }));
        await new Promise((res) => setImmediate(res));
      }
      continue;
    }
    // the shard is closed and fully read: go on with its child
    for (;;) {
      const kids = await streams.send(new DescribeStreamCommand({ StreamArn: arn, ShardFilter: { Type: 'CHILD_SHARDS', ShardId: shard.ShardId } }));
      const child = kids.StreamDescription?.Shards?.[0];
      if (child) {
        shard = child;
        break;
      }
      await new Promise((res) => setTimeout(res, 5));
    }
    it = (await streams.send(new GetShardIteratorCommand({ StreamArn: arn, ShardId: shard.ShardId, ShardIteratorType: 'TRIM_HORIZON' }))).ShardIterator;
  }
}

it('replaying the records of a random workload reproduces the table exactly', { timeout: 60_000 }, async () => {
  const table = `replay-${randomBytes(4).toString('hex')}`;
  const created = await eddy.client.send(new CreateTableCommand({
    TableName: table,
    KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }, { AttributeName: 'sk', KeyType: 'RANGE' }],
    AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }, { AttributeName: 'sk', AttributeType: 'N' }],
    BillingMode: 'PAY_PER_REQUEST',
    StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' },
  }));
  const arn = created.TableDescription?.LatestStreamArn as string;
  const count = { n: 0 };
  let finished = false;
  const reading = reader(arn, () => finished, 'sentinel');
  await Promise.all(Array.from({ length: WORKERS }, () => writer(table, count)));
  await eddy.client.send(new PutItemCommand({ TableName: table, Item: { pk: { S: 'sentinel' }, sk: { N: '0' } } }));
  finished = true;
  const records = await reading;

  const replay = new Map<string, Item>();
  const seen = new Set<string>();
  for (const r of records) {
    const d = r.dynamodb ?? {};
    assert.ok(!seen.has(r.eventID as string), 'duplicate eventID');
    seen.add(r.eventID as string);
    const k = ikey(d.Keys as Item);
    const before = replay.get(k);
    assert.deepEqual(d.OldImage as Item | undefined, before, `OldImage of ${k} at ${d.SequenceNumber}`);
    assert.equal(r.eventName, !before ? 'INSERT' : d.NewImage ? 'MODIFY' : 'REMOVE');
    if (d.NewImage) replay.set(k, d.NewImage as Item);
    else replay.delete(k);
  }
  const scanned = new Map<string, Item>();
  let start: Item | undefined;
  do {
    const s = await eddy.client.send(new ScanCommand({ TableName: table, ExclusiveStartKey: start }));
    for (const item of s.Items ?? []) scanned.set(ikey(item as Item), item as Item);
    start = s.LastEvaluatedKey as Item | undefined;
  } while (start);
  const norm = (m: Map<string, Item>): [string, unknown][] =>
    [...m.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, v]) => [k, JSON.parse(JSON.stringify(v, (_n, x: unknown) => (Array.isArray(x) ? [...x].sort() : x))) as unknown]);
  assert.deepEqual(norm(replay), norm(scanned));
  const shards = (await streams.send(new DescribeStreamCommand({ StreamArn: arn }))).StreamDescription?.Shards ?? [];
  assert.ok(shards.length > 1, `expected rollovers, got ${shards.length} shard(s)`);
  assert.ok(records.length > OPS / 3, `only ${records.length} records`);
});
