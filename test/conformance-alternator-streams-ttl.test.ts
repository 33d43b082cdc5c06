import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startTestEddy, uniqueName, type TestEddy } from './helpers/eddy.js';

/**
 * Streams and TTL corner cases found by running ScyllaDB's alternator test suite (written to
 * pass against live DynamoDB) against Eddy.
 */
let eddy: TestEddy;
const streamsCall = (op: string, body: unknown) => eddy.raw(`DynamoDBStreams_20120810.${op}`, body);

before(async () => {
  eddy = await startTestEddy();
});
after(async () => {
  await eddy.stop();
});

function expectValidation(r: { status: number; json: any }, message: string): void {
  assert.equal(r.status, 400, JSON.stringify(r.json));
  assert.ok(String(r.json.__type).endsWith('#ValidationException'), `type ${r.json.__type}`);
  assert.equal(r.json.message, message);
}

async function keysOnlyStream(): Promise<{ arn: string; shardId: string }> {
  const created = await eddy.raw('CreateTable', {
    TableName: uniqueName('alt'),
    BillingMode: 'PAY_PER_REQUEST',
    KeySchema: [{ AttributeName: 'p', KeyType: 'HASH' }],
    AttributeDefinitions: [{ AttributeName: 'p', AttributeType: 'S' }],
    StreamSpecification: { StreamEnabled: true, StreamViewType: 'KEYS_ONLY' },
  });
  assert.equal(created.status, 200, created.body);
  const arn: string = created.json.TableDescription.LatestStreamArn;
  const described = await streamsCall('DescribeStream', { StreamArn: arn });
  assert.equal(described.status, 200, described.body);
  return { arn, shardId: described.json.StreamDescription.Shards[0].ShardId };
}

describe('DescribeStream ShardFilter', () => {
  it('a shard with no children gives an empty shard list', async () => {
    const { arn, shardId } = await keysOnlyStream();
    const r = await streamsCall('DescribeStream', { StreamArn: arn, ShardFilter: { Type: 'CHILD_SHARDS', ShardId: shardId } });
    assert.equal(r.status, 200, r.body);
    assert.deepEqual(r.json.StreamDescription.Shards, []);
    assert.equal(r.json.StreamDescription.StreamStatus, 'ENABLED');
  });

  it('checks the ShardId length like any other ShardId member (28 to 65 characters)', async () => {
    const { arn } = await keysOnlyStream();
    expectValidation(
      await streamsCall('DescribeStream', { StreamArn: arn, ShardFilter: { Type: 'CHILD_SHARDS', ShardId: 'qwerty' } }),
      "1 validation error detected: Value 'qwerty' at 'shardFilter.shardId' failed to satisfy constraint: Member must have length greater than or equal to 28",
    );
    const tooLong = `shardId-${'9'.repeat(60)}`;
    expectValidation(
      await streamsCall('DescribeStream', { StreamArn: arn, ShardFilter: { Type: 'CHILD_SHARDS', ShardId: tooLong } }),
      `1 validation error detected: Value '${tooLong}' at 'shardFilter.shardId' failed to satisfy constraint: Member must have length less than or equal to 65`,
    );
  });

  it('reports a missing or unknown Type without leaking "undefined"', async () => {
    const { arn, shardId } = await keysOnlyStream();
    expectValidation(
      await streamsCall('DescribeStream', { StreamArn: arn, ShardFilter: { ShardId: shardId } }),
      "1 validation error detected: Value null at 'shardFilter.type' failed to satisfy constraint: Member must satisfy enum value set: [CHILD_SHARDS]",
    );
    expectValidation(
      await streamsCall('DescribeStream', { StreamArn: arn, ShardFilter: { Type: 'foo', ShardId: 'short' } }),
      "2 validation errors detected: Value 'foo' at 'shardFilter.type' failed to satisfy constraint: Member must satisfy enum value set: [CHILD_SHARDS]; " +
        "Value 'short' at 'shardFilter.shardId' failed to satisfy constraint: Member must have length greater than or equal to 28",
    );
  });

  it('still requires a ShardId with CHILD_SHARDS', async () => {
    const { arn } = await keysOnlyStream();
    expectValidation(
      await streamsCall('DescribeStream', { StreamArn: arn, ShardFilter: { Type: 'CHILD_SHARDS' } }),
      'ShardFilter.ShardId must be provided when ShardFilter.Type is CHILD_SHARDS',
    );
  });
});
