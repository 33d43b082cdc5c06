import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startTestEddy, uniqueName, type TestEddy } from './helpers/eddy.js';

/**
 * Stream answers of live DynamoDB recorded in LocalStack's AWS-validated snapshots
 * (tests/aws/services/dynamodb/test_dynamodb.snapshot.json, recordings of 2023-10 to 2024-06).
 * Eddy already gave these answers when the snapshots were re-played (2026-12-05); this file keeps
 * the write sequences of transactions and batches, and the record sizes DynamoDB reported for them.
 */
let eddy: TestEddy;
const S = (op: string, body: unknown) => eddy.raw(`DynamoDBStreams_20120810.${op}`, body);

before(async () => {
  eddy = await startTestEddy();
});
after(async () => {
  await eddy.stop();
});

type Attr = Record<string, Record<string, string>>;
interface Rec {
  eventName: string;
  dynamodb: { Keys: Attr; OldImage?: Attr; NewImage?: Attr; SizeBytes: number; StreamViewType: string };
}

async function table(stream: boolean): Promise<{ name: string; arn: string }> {
  const name = uniqueName('lss');
  const r = await eddy.raw('CreateTable', {
    TableName: name,
    KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
    AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
    ProvisionedThroughput: { ReadCapacityUnits: 5, WriteCapacityUnits: 5 },
    ...(stream ? { StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' } } : {}),
  });
  assert.equal(r.status, 200, r.body);
  return { name, arn: r.json.TableDescription.LatestStreamArn };
}

async function records(arn: string): Promise<Rec[]> {
  const d = await S('DescribeStream', { StreamArn: arn });
  assert.equal(d.status, 200, d.body);
  const it = await S('GetShardIterator', {
    StreamArn: arn,
    ShardId: d.json.StreamDescription.Shards[0].ShardId,
    ShardIteratorType: 'TRIM_HORIZON',
  });
  const g = await S('GetRecords', { ShardIterator: it.json.ShardIterator });
  assert.equal(g.status, 200, g.body);
  return g.json.Records;
}

/** [event, key, old image, new image, size] — a compact form of each record. */
const brief = (rs: Rec[]) =>
  rs.map((r) => [r.eventName, r.dynamodb.Keys.id?.S, r.dynamodb.OldImage, r.dynamodb.NewImage, r.dynamodb.SizeBytes]);

async function ok(op: string, body: unknown): Promise<unknown> {
  const r = await eddy.raw(op, body);
  assert.equal(r.status, 200, r.body);
  return r.json;
}

const id = (v: string) => ({ id: { S: v } });
const setAttr1 = (name: string, key: string) => ({
  Update: {
    TableName: name,
    Key: id(key),
    UpdateExpression: 'SET attr1 = :v1',
    ExpressionAttributeValues: { ':v1': { S: 'value1' } },
  },
});

describe('LocalStack AWS-validated stream snapshots', () => {
  // LocalStack: TestDynamoDB::test_transact_write_items_streaming
  it('TransactWriteItems: an identical Put and a no-op Update leave no record; sizes as recorded', async () => {
    const { name, arn } = await table(true);
    await ok('PutItem', { TableName: name, Item: id('Fred') });
    const overwrite = await ok('TransactWriteItems', {
      TransactItems: [{ Put: { TableName: name, Item: id('Fred') } }, { Put: { TableName: name, Item: id('NewKey') } }],
    });
    assert.deepEqual(overwrite, {});
    await ok('TransactWriteItems', {
      TransactItems: [
        {
          Update: {
            TableName: name,
            Key: id('NewKey'),
            UpdateExpression: 'SET attr1 = :v1, attr2 = :v2',
            ExpressionAttributeValues: { ':v1': { S: 'value1' }, ':v2': { S: 'value2' } },
          },
        },
      ],
    });
    await ok('TransactWriteItems', { TransactItems: [setAttr1(name, 'NonExistentKey')] });
    await ok('TransactWriteItems', {
      TransactItems: [
        { Delete: { TableName: name, Key: id('NewKey') } },
        { Put: { TableName: name, Item: { ...id('Fred'), name: { S: 'Fred' } } } },
        setAttr1(name, 'NonExistentKey'),
      ],
    });
    const both = { ...id('NewKey'), attr1: { S: 'value1' }, attr2: { S: 'value2' } };
    assert.deepEqual(brief(await records(arn)), [
      ['INSERT', 'Fred', undefined, id('Fred'), 12],
      ['INSERT', 'NewKey', undefined, id('NewKey'), 16],
      ['MODIFY', 'NewKey', id('NewKey'), both, 46],
      ['INSERT', 'NonExistentKey', undefined, { ...id('NonExistentKey'), attr1: { S: 'value1' } }, 43],
      ['REMOVE', 'NewKey', both, undefined, 38],
      ['MODIFY', 'Fred', id('Fred'), { ...id('Fred'), name: { S: 'Fred' } }, 26],
    ]);
  });

  // LocalStack: TestDynamoDB::test_batch_write_items_streaming
  it('BatchWriteItem: an identical put leaves no record; delete and modify records as recorded', async () => {
    const { name, arn } = await table(true);
    await ok('PutItem', { TableName: name, Item: id('Fred') });
    const first = await ok('BatchWriteItem', {
      RequestItems: { [name]: [{ PutRequest: { Item: id('Fred') } }, { PutRequest: { Item: id('NewKey') } }] },
    });
    assert.deepEqual(first, { UnprocessedItems: {} });
    await ok('BatchWriteItem', {
      RequestItems: {
        [name]: [
          { DeleteRequest: { Key: id('NewKey') } },
          { PutRequest: { Item: { ...id('Fred'), name: { S: 'Fred' } } } },
        ],
      },
    });
    assert.deepEqual(brief(await records(arn)), [
      ['INSERT', 'Fred', undefined, id('Fred'), 12],
      ['INSERT', 'NewKey', undefined, id('NewKey'), 16],
      ['REMOVE', 'NewKey', id('NewKey'), undefined, 16],
      ['MODIFY', 'Fred', id('Fred'), { ...id('Fred'), name: { S: 'Fred' } }, 26],
    ]);
  });

  // LocalStack: TestDynamoDB::test_transact_write_items_streaming_for_different_tables
  it('a transaction over a table with a stream and one without records only the first', async () => {
    const withStream = await table(true);
    const without = await table(false);
    await ok('TransactWriteItems', {
      TransactItems: [
        { Put: { TableName: without.name, Item: id('Fred') } },
        { Put: { TableName: withStream.name, Item: id('Fred') } },
      ],
    });
    assert.deepEqual(brief(await records(withStream.arn)), [['INSERT', 'Fred', undefined, id('Fred'), 12]]);
  });

  // LocalStack: TestDynamoDB::test_dynamodb_stream_records_with_update_item
  it('UpdateItem: an update to the same values leaves no record', async () => {
    const { name, arn } = await table(true);
    const update = (a: string, b: string) =>
      ok('UpdateItem', {
        TableName: name,
        Key: id('my-item-id'),
        UpdateExpression: 'SET attr1 = :v1, attr2 = :v2',
        ExpressionAttributeValues: { ':v1': { S: a }, ':v2': { S: b } },
      });
    await update('value1', 'value2');
    await update('value1', 'value2');
    await update('value2', 'value3');
    const sizes = (await records(arn)).map((r) => [r.eventName, r.dynamodb.SizeBytes]);
    assert.deepEqual(sizes, [
      ['INSERT', 46],
      ['MODIFY', 80],
    ]);
  });
});
