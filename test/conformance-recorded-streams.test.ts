import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startTestEddy, uniqueName, type TestEddy } from './helpers/eddy.js';

/**
 * Answers of live DynamoDB recorded in LocalStack's AWS-validated stream snapshots
 * (tests/aws/services/dynamodbstreams/test_dynamodb_streams.snapshot.json): the table description
 * of an on-demand table with a NEW_AND_OLD_IMAGES stream, and the change record of a
 * transactional put of `{id: "test"}` (its SizeBytes was 12).
 */
let eddy: TestEddy;
const S = (op: string, body: unknown) => eddy.raw(`DynamoDBStreams_20120810.${op}`, body);

before(async () => {
  eddy = await startTestEddy();
});
after(async () => {
  await eddy.stop();
});

async function onDemandStreamTable(): Promise<{ name: string; arn: string }> {
  const name = uniqueName('rec');
  const r = await eddy.raw('CreateTable', {
    TableName: name,
    BillingMode: 'PAY_PER_REQUEST',
    KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
    AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
    StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' },
  });
  assert.equal(r.status, 200, r.body);
  return { name, arn: r.json.TableDescription.LatestStreamArn };
}

describe('recorded stream answers', () => {
  it('DescribeTable of an on-demand table with a stream', async () => {
    const { name } = await onDemandStreamTable();
    const r = await eddy.raw('DescribeTable', { TableName: name });
    assert.equal(r.status, 200, r.body);
    const t = r.json.Table;
    assert.equal(t.BillingModeSummary.BillingMode, 'PAY_PER_REQUEST');
    assert.equal(typeof t.BillingModeSummary.LastUpdateToPayPerRequestDateTime, 'number');
    assert.equal(t.DeletionProtectionEnabled, false);
    assert.equal(t.ItemCount, 0);
    assert.equal(t.TableSizeBytes, 0);
    assert.deepEqual(t.ProvisionedThroughput, { NumberOfDecreasesToday: 0, ReadCapacityUnits: 0, WriteCapacityUnits: 0 });
    assert.deepEqual(t.StreamSpecification, { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' });
    assert.equal(t.LatestStreamArn, `${t.TableArn}/stream/${t.LatestStreamLabel}`);
    assert.match(t.TableId, /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  });

  it('a transactional put of {id: "test"} gives one INSERT record of 12 bytes', async () => {
    const { name, arn } = await onDemandStreamTable();
    const w = await eddy.raw('TransactWriteItems', { TransactItems: [{ Put: { TableName: name, Item: { id: { S: 'test' } } } }] });
    assert.equal(w.status, 200, w.body);
    assert.deepEqual(w.json, {});
    const d = await S('DescribeStream', { StreamArn: arn });
    assert.equal(d.status, 200, d.body);
    const shardId: string = d.json.StreamDescription.Shards[0].ShardId;
    assert.match(shardId, /^shardId-[0-9]{20}-[a-zA-Z0-9]{1,36}$/);
    const iter = await S('GetShardIterator', { StreamArn: arn, ShardId: shardId, ShardIteratorType: 'TRIM_HORIZON' });
    assert.equal(iter.status, 200, iter.body);
    const g = await S('GetRecords', { ShardIterator: iter.json.ShardIterator });
    assert.equal(g.status, 200, g.body);
    assert.equal(g.json.Records.length, 1);
    const rec = g.json.Records[0];
    assert.equal(rec.eventName, 'INSERT');
    assert.equal(rec.eventSource, 'aws:dynamodb');
    assert.equal(rec.awsRegion, 'us-east-1');
    assert.deepEqual(rec.dynamodb.Keys, { id: { S: 'test' } });
    assert.deepEqual(rec.dynamodb.NewImage, { id: { S: 'test' } });
    assert.equal(rec.dynamodb.OldImage, undefined);
    assert.equal(rec.dynamodb.SizeBytes, 12);
  });
});
