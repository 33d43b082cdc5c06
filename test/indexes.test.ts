import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  CreateTableCommand,
  DeleteItemCommand,
  PutItemCommand,
  QueryCommand,
  ScanCommand,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import { startTestEddy, uniqueName, type TestEddy } from './helpers/eddy.js';
import { expectError } from './helpers/expect.js';

let t: TestEddy;
let table: string;

before(async () => {
  t = await startTestEddy();
  table = uniqueName('idx');
  await t.client.send(
    new CreateTableCommand({
      TableName: table,
      KeySchema: [
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ],
      AttributeDefinitions: [
        { AttributeName: 'pk', AttributeType: 'S' },
        { AttributeName: 'sk', AttributeType: 'S' },
        { AttributeName: 'status', AttributeType: 'S' },
        { AttributeName: 'created', AttributeType: 'N' },
      ],
      BillingMode: 'PAY_PER_REQUEST',
      GlobalSecondaryIndexes: [
        {
          IndexName: 'by-status',
          KeySchema: [
            { AttributeName: 'status', KeyType: 'HASH' },
            { AttributeName: 'created', KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'KEYS_ONLY' },
        },
        {
          IndexName: 'by-status-all',
          KeySchema: [{ AttributeName: 'status', KeyType: 'HASH' }],
          Projection: { ProjectionType: 'ALL' },
        },
      ],
      LocalSecondaryIndexes: [
        {
          IndexName: 'by-created',
          KeySchema: [
            { AttributeName: 'pk', KeyType: 'HASH' },
            { AttributeName: 'created', KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'INCLUDE', NonKeyAttributes: ['title'] },
        },
      ],
    }),
  );
  for (let i = 0; i < 10; i++) {
    await t.client.send(
      new PutItemCommand({
        TableName: table,
        Item: {
          pk: { S: `user${i % 2}` },
          sk: { S: `order${i}` },
          status: { S: i % 3 === 0 ? 'open' : 'closed' },
          created: { N: String(100 - i) },
          title: { S: `t${i}` },
          secret: { S: 's' },
        },
      }),
    );
  }
  // Sparse: no status, so not in the GSIs.
  await t.client.send(new PutItemCommand({ TableName: table, Item: { pk: { S: 'user0' }, sk: { S: 'draft' }, created: { N: '1' } } }));
});

after(async () => {
  await t.stop();
});

describe('global secondary indexes', () => {
  it('queries a GSI in index sort order and returns only projected attributes', async () => {
    const out = await t.client.send(
      new QueryCommand({
        TableName: table,
        IndexName: 'by-status',
        KeyConditionExpression: '#s = :open',
        ExpressionAttributeNames: { '#s': 'status' },
        ExpressionAttributeValues: { ':open': { S: 'open' } },
      }),
    );
    assert.deepEqual(out.Items?.map((i) => i.created?.N), ['91', '94', '97', '100']);
    for (const item of out.Items ?? []) assert.deepEqual(Object.keys(item).sort(), ['created', 'pk', 'sk', 'status']);
  });

  it('keeps index rows in step with updates and deletes (and sparse items out)', async () => {
    await t.client.send(
      new UpdateItemCommand({
        TableName: table,
        Key: { pk: { S: 'user1' }, sk: { S: 'order1' } },
        UpdateExpression: 'SET #s = :open',
        ExpressionAttributeNames: { '#s': 'status' },
        ExpressionAttributeValues: { ':open': { S: 'open' } },
      }),
    );
    await t.client.send(new DeleteItemCommand({ TableName: table, Key: { pk: { S: 'user0' }, sk: { S: 'order0' } } }));
    const out = await t.client.send(
      new QueryCommand({
        TableName: table,
        IndexName: 'by-status-all',
        KeyConditionExpression: '#s = :open',
        ExpressionAttributeNames: { '#s': 'status' },
        ExpressionAttributeValues: { ':open': { S: 'open' } },
      }),
    );
    assert.deepEqual(out.Items?.map((i) => i.sk?.S).sort(), ['order1', 'order3', 'order6', 'order9']);
    const scan = await t.client.send(new ScanCommand({ TableName: table, IndexName: 'by-status-all' }));
    assert.equal(scan.Count, 10 - 1, 'deleted and sparse items are not in the index');
  });

  it('rejects consistent reads, non-projected attributes and ALL_ATTRIBUTES on a KEYS_ONLY GSI', async () => {
    const base = {
      TableName: table,
      IndexName: 'by-status',
      KeyConditionExpression: '#s = :open',
      ExpressionAttributeNames: { '#s': 'status' },
      ExpressionAttributeValues: { ':open': { S: 'open' } },
    };
    await expectError(
      t.client.send(new QueryCommand({ ...base, ConsistentRead: true })),
      'ValidationException',
      'Consistent reads are not supported on global secondary indexes',
    );
    await expectError(
      t.client.send(new QueryCommand({ ...base, Select: 'ALL_ATTRIBUTES' })),
      'ValidationException',
      'One or more parameter values were invalid: Select type ALL_ATTRIBUTES is not supported for global secondary index by-status because its projection type is not ALL',
    );
  });

  it('type-checks index key attributes on write', async () => {
    await expectError(
      t.client.send(new PutItemCommand({ TableName: table, Item: { pk: { S: 'x' }, sk: { S: 'y' }, status: { N: '1' } } })),
      'ValidationException',
      'One or more parameter values were invalid: Type mismatch for Index Key status Expected: S Actual: N IndexName: by-status',
    );
  });
});

describe('local secondary indexes', () => {
  it('queries an LSI in its sort order and fetches non-projected attributes from the table', async () => {
    const out = await t.client.send(
      new QueryCommand({
        TableName: table,
        IndexName: 'by-created',
        KeyConditionExpression: 'pk = :u AND created < :c',
        ExpressionAttributeValues: { ':u': { S: 'user1' }, ':c': { N: '96' } },
        ConsistentRead: true,
      }),
    );
    assert.deepEqual(out.Items?.map((i) => i.created?.N), ['91', '93', '95']);
    assert.equal(out.Items?.[0]?.secret, undefined, 'INCLUDE projection leaves other attributes out');
    const all = await t.client.send(
      new QueryCommand({
        TableName: table,
        IndexName: 'by-created',
        KeyConditionExpression: 'pk = :u AND created < :c',
        ExpressionAttributeValues: { ':u': { S: 'user1' }, ':c': { N: '96' } },
        Select: 'ALL_ATTRIBUTES',
      }),
    );
    assert.equal(all.Items?.[0]?.secret?.S, 's');
  });
});
