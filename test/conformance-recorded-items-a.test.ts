/**
 * Answers recorded on real DynamoDB (LocalStack's AWS-validated snapshots for test_dynamodb.py),
 * restated as our own checks: response shapes of item, PartiQL and stream calls.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { CreateTableCommand, ExecuteTransactionCommand, ScanCommand } from '@aws-sdk/client-dynamodb';
import { startTestEddy, uniqueName, type TestEddy } from './helpers/eddy.js';

interface StreamRecord {
  eventName: string;
  eventSource: string;
  eventVersion: string;
  dynamodb: { Keys: { Username: { S: string } }; SizeBytes: number; StreamViewType: string };
}

let t: TestEddy;
let users: string;

before(async () => {
  t = await startTestEddy();
  users = uniqueName('rec_users');
  await t.client.send(
    new CreateTableCommand({
      TableName: users,
      KeySchema: [{ AttributeName: 'Username', KeyType: 'HASH' }],
      AttributeDefinitions: [{ AttributeName: 'Username', AttributeType: 'S' }],
      ProvisionedThroughput: { ReadCapacityUnits: 5, WriteCapacityUnits: 5 },
    }),
  );
});

after(async () => t.stop());

test('ExecuteTransaction of writes answers an empty Responses list', async () => {
  const statements = [
    { Statement: `INSERT INTO "${users}" VALUE {'Username': 'tx-a'}` },
    { Statement: `INSERT INTO "${users}" VALUE {'Username': 'tx-b'}` },
  ];
  const r = await t.raw('ExecuteTransaction', { TransactStatements: statements });
  assert.equal(r.status, 200);
  assert.deepEqual(r.json, { Responses: [] });

  // The SDK sees the same empty list, and both rows are stored.
  const sdk = await t.client.send(
    new ExecuteTransactionCommand({ TransactStatements: [{ Statement: `UPDATE "${users}" SET Age = 3 WHERE Username = 'tx-a'` }] }),
  );
  assert.deepEqual(sdk.Responses, []);
  const scan = await t.client.send(new ScanCommand({ TableName: users }));
  assert.equal(scan.Count, 2);
});

test('ExecuteTransaction replayed with the same token still answers Responses: []', async () => {
  const body = { ClientRequestToken: 'rec-a-token', TransactStatements: [{ Statement: `UPDATE "${users}" SET n = 1 WHERE Username = 'tx-b'` }] };
  assert.deepEqual((await t.raw('ExecuteTransaction', body)).json, { Responses: [] });
  assert.deepEqual((await t.raw('ExecuteTransaction', body)).json, { Responses: [] });
});

test('KEYS_ONLY stream: item and PartiQL writes give key-only records with their sizes', async () => {
  const name = uniqueName('rec_keys_only');
  const created = await t.raw('CreateTable', {
    TableName: name,
    KeySchema: [{ AttributeName: 'Username', KeyType: 'HASH' }],
    AttributeDefinitions: [{ AttributeName: 'Username', AttributeType: 'S' }],
    ProvisionedThroughput: { ReadCapacityUnits: 5, WriteCapacityUnits: 5 },
    StreamSpecification: { StreamEnabled: true, StreamViewType: 'KEYS_ONLY' },
  });
  assert.equal(created.status, 200, created.body);
  const arn = created.json.TableDescription.LatestStreamArn as string;
  const fred = { Username: { S: 'Fred' } };
  await t.raw('PutItem', { TableName: name, Item: fred });
  await t.raw('PutItem', { TableName: name, Item: fred }); // identical rewrite: no record
  await t.raw('UpdateItem', { TableName: name, Key: fred, UpdateExpression: 'SET S = :r', ExpressionAttributeValues: { ':r': { S: 'Fred_Modified' } } });
  await t.raw('DeleteItem', { TableName: name, Key: fred });
  for (const Statement of [
    `INSERT INTO "${name}" VALUE {'Username': 'Alice'}`,
    `UPDATE "${name}" SET partiql = 1 WHERE Username = 'Alice'`,
    `DELETE FROM "${name}" WHERE Username = 'Alice'`,
  ]) {
    assert.equal((await t.raw('ExecuteStatement', { Statement })).status, 200);
  }

  const streams = (op: string, body: unknown) => t.raw(`DynamoDBStreams_20120810.${op}`, body);
  const described = (await streams('DescribeStream', { StreamArn: arn })).json.StreamDescription;
  assert.equal(described.StreamViewType, 'KEYS_ONLY');
  assert.equal(described.StreamStatus, 'ENABLED');
  const shard = described.Shards[0];
  assert.deepEqual(Object.keys(shard).sort(), ['SequenceNumberRange', 'ShardId']);
  const it = await streams('GetShardIterator', {
    StreamArn: arn,
    ShardId: shard.ShardId,
    ShardIteratorType: 'AT_SEQUENCE_NUMBER',
    SequenceNumber: shard.SequenceNumberRange.StartingSequenceNumber,
  });
  const records = (await streams('GetRecords', { ShardIterator: it.json.ShardIterator })).json.Records as StreamRecord[];
  const seen = records.map((r) => ({ name: r.eventName, user: r.dynamodb.Keys.Username.S, size: r.dynamodb.SizeBytes, fields: Object.keys(r.dynamodb).sort() }));
  const fields = ['ApproximateCreationDateTime', 'Keys', 'SequenceNumber', 'SizeBytes', 'StreamViewType'];
  assert.deepEqual(seen, [
    { name: 'INSERT', user: 'Fred', size: 12, fields },
    { name: 'MODIFY', user: 'Fred', size: 12, fields },
    { name: 'REMOVE', user: 'Fred', size: 12, fields },
    { name: 'INSERT', user: 'Alice', size: 13, fields },
    { name: 'MODIFY', user: 'Alice', size: 13, fields },
    { name: 'REMOVE', user: 'Alice', size: 13, fields },
  ]);
  for (const r of records) {
    assert.equal(r.eventSource, 'aws:dynamodb');
    assert.equal(r.eventVersion, '1.1');
    assert.equal(r.dynamodb.StreamViewType, 'KEYS_ONLY');
  }
});
