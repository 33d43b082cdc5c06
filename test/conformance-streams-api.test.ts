import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startTestEddy, uniqueName, type TestEddy } from './helpers/eddy.js';

/**
 * DynamoDB Streams behaviour recorded from live DynamoDB (ScyllaDB alternator test_streams.py,
 * written to pass on AWS; the DynamoDB Streams API reference).
 */
let eddy: TestEddy;
const S = (op: string, body: unknown) => eddy.raw(`DynamoDBStreams_20120810.${op}`, body);

before(async () => {
  eddy = await startTestEddy();
});
after(async () => {
  await eddy.stop();
});

async function streamTable(viewType: string, withRange = true): Promise<{ name: string; arn: string }> {
  const name = uniqueName('str');
  const KeySchema = [{ AttributeName: 'p', KeyType: 'HASH' }];
  const AttributeDefinitions = [{ AttributeName: 'p', AttributeType: 'S' }];
  if (withRange) {
    KeySchema.push({ AttributeName: 'c', KeyType: 'RANGE' });
    AttributeDefinitions.push({ AttributeName: 'c', AttributeType: 'S' });
  }
  const r = await eddy.raw('CreateTable', {
    TableName: name,
    BillingMode: 'PAY_PER_REQUEST',
    KeySchema,
    AttributeDefinitions,
    StreamSpecification: { StreamEnabled: true, StreamViewType: viewType },
  });
  assert.equal(r.status, 200, r.body);
  return { name, arn: r.json.TableDescription.LatestStreamArn };
}

async function firstShard(arn: string): Promise<Record<string, any>> {
  const d = await S('DescribeStream', { StreamArn: arn });
  assert.equal(d.status, 200, d.body);
  return d.json.StreamDescription.Shards[0];
}

async function iterator(arn: string, type: string, seq?: string): Promise<string> {
  const shard = await firstShard(arn);
  const r = await S('GetShardIterator', { StreamArn: arn, ShardId: shard.ShardId, ShardIteratorType: type, ...(seq ? { SequenceNumber: seq } : {}) });
  assert.equal(r.status, 200, r.body);
  return r.json.ShardIterator;
}

async function readAll(arn: string): Promise<Record<string, any>[]> {
  const r = await S('GetRecords', { ShardIterator: await iterator(arn, 'TRIM_HORIZON') });
  assert.equal(r.status, 200, r.body);
  return r.json.Records;
}

function expectError(r: { status: number; json: any }, type: string, message?: string | RegExp): void {
  assert.equal(r.status, 400, JSON.stringify(r.json));
  assert.ok(String(r.json.__type).endsWith(`#${type}`), `type ${r.json.__type}`);
  if (typeof message === 'string') assert.equal(r.json.message, message);
  else if (message) assert.match(r.json.message, message);
}

const put = (table: string, item: Record<string, unknown>) => eddy.raw('PutItem', { TableName: table, Item: item });

describe('record format', () => {
  it('INSERT / MODIFY / REMOVE with NEW_AND_OLD_IMAGES; identical puts and deletes of absent items leave no record', async () => {
    const { name, arn } = await streamTable('NEW_AND_OLD_IMAGES');
    const key = { p: { S: 'k' }, c: { S: 'c' } };
    await put(name, { ...key, x: { N: '2' } });
    await put(name, { ...key, x: { N: '2' } }); // same item: no record
    await put(name, { ...key, y: { N: '3' } });
    await eddy.raw('DeleteItem', { TableName: name, Key: key });
    await eddy.raw('DeleteItem', { TableName: name, Key: key }); // absent: no record
    await eddy.raw('UpdateItem', { TableName: name, Key: key, UpdateExpression: 'SET b = :v', ExpressionAttributeValues: { ':v': { N: '4' } } });
    const recs = await readAll(arn);
    assert.deepEqual(
      recs.map((r) => r.eventName),
      ['INSERT', 'MODIFY', 'REMOVE', 'INSERT'],
    );
    for (const r of recs) {
      assert.equal(r.eventSource, 'aws:dynamodb');
      assert.equal(r.eventVersion, '1.1');
      assert.equal(r.awsRegion, 'us-east-1');
      assert.match(r.eventID, /^[0-9a-f]{32}$/);
      assert.deepEqual(r.dynamodb.Keys, key);
      assert.equal(r.dynamodb.StreamViewType, 'NEW_AND_OLD_IMAGES');
      assert.match(r.dynamodb.SequenceNumber, /^[0-9]+$/);
      assert.equal(typeof r.dynamodb.ApproximateCreationDateTime, 'number');
      assert.equal(typeof r.dynamodb.SizeBytes, 'number');
    }
    const [ins, mod, rem, ins2] = recs as [any, any, any, any];
    assert.ok(!('OldImage' in ins.dynamodb));
    assert.deepEqual(ins.dynamodb.NewImage, { ...key, x: { N: '2' } });
    assert.deepEqual(mod.dynamodb.OldImage, { ...key, x: { N: '2' } });
    assert.deepEqual(mod.dynamodb.NewImage, { ...key, y: { N: '3' } });
    assert.ok(!('NewImage' in rem.dynamodb));
    assert.deepEqual(rem.dynamodb.OldImage, { ...key, y: { N: '3' } });
    assert.deepEqual(ins2.dynamodb.NewImage, { ...key, b: { N: '4' } });
    // Sequence numbers grow as big integers.
    const seqs = recs.map((r) => BigInt(r.dynamodb.SequenceNumber));
    for (let i = 1; i < seqs.length; i++) assert.ok((seqs[i] as bigint) > (seqs[i - 1] as bigint));
  });

  it('KEYS_ONLY has no images; NEW_IMAGE keeps the key-only image of an emptied item; OLD_IMAGE of an empty item is its key', async () => {
    const keysOnly = await streamTable('KEYS_ONLY');
    await put(keysOnly.name, { p: { S: 'a' }, c: { S: 'b' }, x: { N: '1' } });
    const [k] = await readAll(keysOnly.arn);
    assert.ok(k && !('NewImage' in k.dynamodb) && !('OldImage' in k.dynamodb));

    const newImage = await streamTable('NEW_IMAGE');
    const key = { p: { S: 'a' }, c: { S: 'b' } };
    await eddy.raw('UpdateItem', { TableName: newImage.name, Key: key, UpdateExpression: 'SET x = :v', ExpressionAttributeValues: { ':v': { N: '2' } } });
    await eddy.raw('UpdateItem', { TableName: newImage.name, Key: key, UpdateExpression: 'REMOVE x' });
    await eddy.raw('DeleteItem', { TableName: newImage.name, Key: key });
    const n = await readAll(newImage.arn);
    assert.deepEqual(n.map((r) => r.eventName), ['INSERT', 'MODIFY', 'REMOVE']);
    assert.deepEqual(n[1]?.dynamodb.NewImage, key);
    assert.ok(!('OldImage' in (n[1]?.dynamodb ?? {})));
    assert.ok(!('NewImage' in (n[2]?.dynamodb ?? {})));

    const oldImage = await streamTable('OLD_IMAGE');
    await eddy.raw('UpdateItem', { TableName: oldImage.name, Key: key }); // creates an empty item
    await eddy.raw('UpdateItem', { TableName: oldImage.name, Key: key, UpdateExpression: 'SET y = :v', ExpressionAttributeValues: { ':v': { N: '3' } } });
    const o = await readAll(oldImage.arn);
    assert.deepEqual(o.map((r) => r.eventName), ['INSERT', 'MODIFY']);
    assert.ok(!('OldImage' in (o[0]?.dynamodb ?? {})));
    assert.deepEqual(o[1]?.dynamodb.OldImage, key);
    assert.ok(!('NewImage' in (o[1]?.dynamodb ?? {})));
  });
});

describe('iterators', () => {
  it('LATEST reads nothing yet, then exactly the next record; AT/AFTER_SEQUENCE_NUMBER and TRIM_HORIZON re-read', async () => {
    const { name, arn } = await streamTable('KEYS_ONLY', false);
    const latest = await S('GetRecords', { ShardIterator: await iterator(arn, 'LATEST') });
    assert.deepEqual(latest.json.Records, []);
    assert.ok(latest.json.NextShardIterator);
    await put(name, { p: { S: 'one' } });
    await put(name, { p: { S: 'two' } });
    const next = await S('GetRecords', { ShardIterator: latest.json.NextShardIterator });
    assert.equal(next.json.Records.length, 2);
    const [s1, s2] = next.json.Records.map((r: any) => r.dynamodb.SequenceNumber as string);
    const empty = await S('GetRecords', { ShardIterator: next.json.NextShardIterator });
    assert.deepEqual(empty.json.Records, []);
    assert.ok(empty.json.NextShardIterator);

    const at = await S('GetRecords', { ShardIterator: await iterator(arn, 'AT_SEQUENCE_NUMBER', s1) });
    assert.deepEqual(at.json.Records.map((r: any) => r.dynamodb.SequenceNumber), [s1, s2]);
    const afterSeq = await S('GetRecords', { ShardIterator: await iterator(arn, 'AFTER_SEQUENCE_NUMBER', s1) });
    assert.deepEqual(afterSeq.json.Records.map((r: any) => r.dynamodb.SequenceNumber), [s2]);
    const limited = await S('GetRecords', { ShardIterator: await iterator(arn, 'TRIM_HORIZON'), Limit: 1 });
    assert.deepEqual(limited.json.Records.map((r: any) => r.dynamodb.SequenceNumber), [s1]);

    // StartingSequenceNumber is decimal and AT_SEQUENCE_NUMBER from it reads everything.
    const shard = await firstShard(arn);
    assert.match(shard.SequenceNumberRange.StartingSequenceNumber, /^[0-9]+$/);
    const fromStart = await S('GetRecords', { ShardIterator: await iterator(arn, 'AT_SEQUENCE_NUMBER', shard.SequenceNumberRange.StartingSequenceNumber) });
    assert.equal(fromStart.json.Records.length, 2);
  });

  it('a disabled stream: DISABLED, closed shards, readable to the end without NextShardIterator', async () => {
    const { name, arn } = await streamTable('KEYS_ONLY', false);
    await put(name, { p: { S: 'x' } });
    const off = await eddy.raw('UpdateTable', { TableName: name, StreamSpecification: { StreamEnabled: false } });
    assert.equal(off.status, 200);
    const listed = await S('ListStreams', { TableName: name });
    assert.ok(listed.json.Streams.some((s: any) => s.StreamArn === arn));
    const d = (await S('DescribeStream', { StreamArn: arn })).json.StreamDescription;
    assert.equal(d.StreamStatus, 'DISABLED');
    assert.equal(d.StreamViewType, 'KEYS_ONLY');
    assert.equal(d.TableName, name);
    for (const s of d.Shards) assert.match(s.SequenceNumberRange.EndingSequenceNumber, /^[0-9]+$/);
    const r = await S('GetRecords', { ShardIterator: await iterator(arn, 'TRIM_HORIZON') });
    assert.equal(r.json.Records.length, 1);
    assert.ok(!('NextShardIterator' in r.json));
  });
});

describe('ListStreams and DescribeStream', () => {
  it('DescribeStream: status, view type, key schema, shards in lexical order, paging past the last shard', async () => {
    const { name, arn } = await streamTable('KEYS_ONLY');
    const d = (await S('DescribeStream', { StreamArn: arn })).json.StreamDescription;
    assert.equal(d.StreamArn, arn);
    assert.equal(d.StreamStatus, 'ENABLED');
    assert.equal(d.TableName, name);
    assert.equal(d.StreamLabel, arn.split('/stream/')[1]);
    assert.deepEqual(d.KeySchema, [
      { AttributeName: 'p', KeyType: 'HASH' },
      { AttributeName: 'c', KeyType: 'RANGE' },
    ]);
    assert.equal(typeof d.CreationRequestDateTime, 'number');
    const ids = d.Shards.map((s: any) => s.ShardId as string);
    assert.deepEqual([...ids].sort(), ids);
    for (const id of ids) assert.ok(id.length <= 65);
    const past = await S('DescribeStream', { StreamArn: arn, ExclusiveStartShardId: ids[ids.length - 1] });
    assert.deepEqual(past.json.StreamDescription.Shards, []);
    assert.ok(!('LastEvaluatedShardId' in past.json.StreamDescription));
    const bogus = await S('DescribeStream', { StreamArn: arn, ExclusiveStartShardId: 'zzzzzzzzzzzzzzzzzzzzzzzzsfasdgagadfadfgagkjsdfsfsdjfjks' });
    assert.deepEqual(bogus.json.StreamDescription.Shards, []);
  });

  it('ListStreams: empty for a table without a stream, Limit paging, ListStreams entry shape', async () => {
    const plain = uniqueName('str');
    await eddy.raw('CreateTable', {
      TableName: plain,
      BillingMode: 'PAY_PER_REQUEST',
      KeySchema: [{ AttributeName: 'p', KeyType: 'HASH' }],
      AttributeDefinitions: [{ AttributeName: 'p', AttributeType: 'S' }],
    });
    assert.deepEqual((await S('ListStreams', { TableName: plain })).json, { Streams: [] });
    const a = await streamTable('KEYS_ONLY');
    const b = await streamTable('KEYS_ONLY');
    const seen = new Set<string>();
    let start: string | undefined;
    let first = true;
    do {
      const r = await S('ListStreams', start ? { Limit: 1, ExclusiveStartStreamArn: start } : { Limit: 1 });
      assert.equal(r.json.Streams.length <= 1, true);
      if (first) assert.ok(r.json.LastEvaluatedStreamArn);
      first = false;
      for (const s of r.json.Streams) {
        assert.deepEqual(Object.keys(s).sort(), ['StreamArn', 'StreamLabel', 'TableName']);
        seen.add(s.TableName);
      }
      start = r.json.LastEvaluatedStreamArn;
    } while (start);
    assert.ok(seen.has(a.name) && seen.has(b.name));
  });
});

describe('errors', () => {
  it('Limit bounds: ListStreams 100, DescribeStream 100, GetRecords 1000', async () => {
    const { arn } = await streamTable('KEYS_ONLY');
    const it = await iterator(arn, 'LATEST');
    assert.equal((await S('GetRecords', { ShardIterator: it, Limit: 1000 })).status, 200);
    expectError(
      await S('GetRecords', { ShardIterator: it, Limit: 1001 }),
      'ValidationException',
      "1 validation error detected: Value '1001' at 'limit' failed to satisfy constraint: Member must have value less than or equal to 1000",
    );
    for (const bad of [0, -1]) {
      expectError(await S('GetRecords', { ShardIterator: it, Limit: bad }), 'ValidationException', /limit/);
    }
    expectError(
      await S('ListStreams', { Limit: 101 }),
      'ValidationException',
      "1 validation error detected: Value '101' at 'limit' failed to satisfy constraint: Member must have value less than or equal to 100",
    );
    expectError(await S('ListStreams', { Limit: 0 }), 'ValidationException', /limit/);
    expectError(await S('DescribeStream', { StreamArn: arn, Limit: 101 }), 'ValidationException', /limit/);
  });

  it('bad ARNs and iterators are ValidationExceptions; unknown shards are ResourceNotFound', async () => {
    const { arn } = await streamTable('KEYS_ONLY');
    const shard = await firstShard(arn);
    const seq = shard.SequenceNumberRange.StartingSequenceNumber;
    expectError(await S('DescribeStream', { StreamArn: 'sdfadfsdfnlfkajakfgjalksfgklasjklasdjfklasdfasdfgasf' }), 'ValidationException');
    expectError(
      await S('ListStreams', { ExclusiveStartStreamArn: 'kossaapaaasdafsdaasdasdasdasasdasfadfadfasdasdas' }),
      'ValidationException',
    );
    expectError(
      await S('GetShardIterator', { StreamArn: 'sdfadfsddafgdafsgjnadflkgnalngalsdfnlkasnlkasdfasdfasf', ShardId: shard.ShardId, ShardIteratorType: 'LATEST' }),
      'ValidationException',
    );
    expectError(
      await S('GetShardIterator', { StreamArn: arn, ShardId: 'semprinidfaasdasfsdvacsdcfsdsvsdvsdvsdvsdvsdv', ShardIteratorType: 'LATEST' }),
      'ResourceNotFoundException',
    );
    for (const type of ['AT_SEQUENCE_NUMBER', 'AFTER_SEQUENCE_NUMBER']) {
      expectError(await S('GetShardIterator', { StreamArn: arn, ShardId: shard.ShardId, ShardIteratorType: type }), 'ValidationException');
    }
    for (const type of ['TRIM_HORIZON', 'LATEST']) {
      expectError(
        await S('GetShardIterator', { StreamArn: arn, ShardId: shard.ShardId, ShardIteratorType: type, SequenceNumber: seq }),
        'ValidationException',
      );
    }
    expectError(
      await S('GetShardIterator', { StreamArn: arn, ShardId: shard.ShardId, ShardIteratorType: 'bulle', SequenceNumber: seq }),
      'ValidationException',
    );
    expectError(
      await S('GetShardIterator', { StreamArn: arn, ShardId: shard.ShardId, ShardIteratorType: 'LATEST', SequenceNumber: 'sdfsafglldfngjdafnasdflgnaldklkafdsgklnasdlv' }),
      'ValidationException',
    );
    expectError(await S('GetRecords', { ShardIterator: 'sdfsdfsgagaddafgagasgasgasdfasdfasdfasdfasdgasdasdgasdg', Limit: 1000 }), 'ValidationException');
  });
});
