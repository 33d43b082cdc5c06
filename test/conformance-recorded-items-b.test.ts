/**
 * Responses pinned to DynamoDB's recorded answers in LocalStack's AWS-validated DynamoDB snapshots
 * (tests/aws/services/dynamodb/test_dynamodb.snapshot.json): idempotent transactions, the error
 * body of a failed condition that returns the old item, and SSE descriptions.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestEddy, type TestEddy, uniqueName } from './helpers/eddy.js';

let t: TestEddy;
before(async () => {
  t = await startTestEddy();
});
after(async () => t.stop());

const S = (s: string) => ({ S: s });
const N = (n: string) => ({ N: n });

async function hashTable(extra: Record<string, unknown> = {}): Promise<{ name: string; created: Record<string, unknown> }> {
  const name = uniqueName('rec-b');
  const res = await t.raw('CreateTable', {
    TableName: name,
    KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
    AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
    ProvisionedThroughput: { ReadCapacityUnits: 5, WriteCapacityUnits: 5 },
    ...extra,
  });
  assert.equal(res.status, 200, res.body);
  return { name, created: res.json.TableDescription };
}

describe('TransactWriteItems idempotency', () => {
  it('a retry whose item lists the same attributes in another order is the same request', async () => {
    const name = uniqueName('rec-b');
    await t.raw('CreateTable', {
      TableName: name,
      KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }, { AttributeName: 'name', KeyType: 'RANGE' }],
      AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }, { AttributeName: 'name', AttributeType: 'S' }],
      ProvisionedThroughput: { ReadCapacityUnits: 5, WriteCapacityUnits: 5 },
    });
    const token = uniqueName('token');
    const first = await t.raw('TransactWriteItems', {
      ClientRequestToken: token,
      TransactItems: [{ Put: { TableName: name, Item: { id: S('id1'), name: S('name1') } } }],
    });
    assert.equal(first.status, 200, first.body);
    assert.deepEqual(first.json, {});
    const retry = await t.raw('TransactWriteItems', {
      ClientRequestToken: token,
      TransactItems: [{ Put: { Item: { name: S('name1'), id: S('id1') }, TableName: name } }],
    });
    assert.equal(retry.status, 200, retry.body);
    assert.deepEqual(retry.json, {});
    // A different value under the same token is still refused.
    const changed = await t.raw('TransactWriteItems', {
      ClientRequestToken: token,
      TransactItems: [{ Put: { TableName: name, Item: { id: S('id1'), name: S('name2') } } }],
    });
    assert.equal(changed.status, 400);
    assert.equal(changed.json.__type, 'com.amazonaws.dynamodb.v20120810#IdempotentParameterMismatchException');
  });
});

describe('ConditionalCheckFailedException with ReturnValuesOnConditionCheckFailure', () => {
  it('carries the old item and writes its message as "Message"', async () => {
    const { name } = await hashTable();
    const item = { id: S('456'), price: N('650'), product: S('sporting goods') };
    await t.raw('PutItem', { TableName: name, Item: item });
    const res = await t.raw('DeleteItem', {
      TableName: name,
      Key: { id: S('456') },
      ConditionExpression: 'price between :lo and :hi',
      ExpressionAttributeValues: { ':lo': N('500'), ':hi': N('600') },
      ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
    });
    assert.equal(res.status, 400);
    assert.deepEqual(res.json, {
      __type: 'com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException',
      Message: 'The conditional request failed',
      Item: item,
    });
  });

  it('without the old item the message stays "message"', async () => {
    const { name } = await hashTable();
    await t.raw('PutItem', { TableName: name, Item: { id: S('a'), price: N('650') } });
    const res = await t.raw('DeleteItem', {
      TableName: name,
      Key: { id: S('a') },
      ConditionExpression: 'price < :lo',
      ExpressionAttributeValues: { ':lo': N('500') },
    });
    assert.equal(res.status, 400);
    assert.deepEqual(res.json, {
      __type: 'com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException',
      message: 'The conditional request failed',
    });
  });
});

describe('SSE descriptions', () => {
  const KEY_ARN = /^arn:aws:kms:us-east-1:\d{12}:key\/[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

  it('the AWS-managed key is described by its key id, the same for every table', async () => {
    const a = await hashTable({ SSESpecification: { Enabled: true } });
    const b = await hashTable({ SSESpecification: { Enabled: true } });
    const sse = a.created.SSEDescription as Record<string, unknown>;
    assert.equal(sse.Status, 'ENABLED');
    assert.equal(sse.SSEType, 'KMS');
    assert.match(String(sse.KMSMasterKeyArn), KEY_ARN);
    assert.deepEqual(b.created.SSEDescription, sse);
  });

  it('turning SSE off answers the old key as UPDATING; later describes show none', async () => {
    const { name, created } = await hashTable({ SSESpecification: { Enabled: true } });
    const before = created.SSEDescription as Record<string, unknown>;
    const upd = await t.raw('UpdateTable', { TableName: name, SSESpecification: { Enabled: false } });
    assert.equal(upd.status, 200, upd.body);
    assert.deepEqual(upd.json.TableDescription.SSEDescription, {
      Status: 'UPDATING',
      SSEType: 'KMS',
      KMSMasterKeyArn: before.KMSMasterKeyArn,
    });
    const desc = await t.raw('DescribeTable', { TableName: name });
    assert.equal(desc.json.Table.SSEDescription, undefined);
    assert.equal(desc.json.Table.SSESpecification, undefined);
  });

  it('an update without SSESpecification keeps the description unchanged', async () => {
    const { name, created } = await hashTable({ SSESpecification: { Enabled: true } });
    const upd = await t.raw('UpdateTable', { TableName: name, ProvisionedThroughput: { ReadCapacityUnits: 6, WriteCapacityUnits: 6 } });
    assert.equal(upd.status, 200, upd.body);
    assert.deepEqual(upd.json.TableDescription.SSEDescription, created.SSEDescription);
  });
});

describe('stream shard starting sequence number', () => {
  const streams = (op: string, body: unknown) => t.raw(`DynamoDBStreams_20120810.${op}`, body);

  it('lies below the first record, and reading at or after it starts with that record', async () => {
    const { name, created } = await hashTable({ StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' } });
    const arn = String(created.LatestStreamArn);
    for (const v of ['value1', 'value2']) {
      await t.raw('UpdateItem', {
        TableName: name,
        Key: { id: S('my-item-id') },
        UpdateExpression: 'SET attr1 = :v',
        ExpressionAttributeValues: { ':v': S(v) },
      });
    }
    const shard = (await streams('DescribeStream', { StreamArn: arn })).json.StreamDescription.Shards[0];
    const start = String(shard.SequenceNumberRange.StartingSequenceNumber);
    for (const type of ['AT_SEQUENCE_NUMBER', 'AFTER_SEQUENCE_NUMBER']) {
      const it = await streams('GetShardIterator', { StreamArn: arn, ShardId: shard.ShardId, ShardIteratorType: type, SequenceNumber: start });
      assert.equal(it.status, 200, it.body);
      const got = await streams('GetRecords', { ShardIterator: it.json.ShardIterator });
      const records = got.json.Records as { eventName: string; dynamodb: { SequenceNumber: string } }[];
      assert.deepEqual(records.map((r) => r.eventName), ['INSERT', 'MODIFY'], type);
      for (const r of records) assert.ok(BigInt(r.dynamodb.SequenceNumber) > BigInt(start));
    }
  });
});
