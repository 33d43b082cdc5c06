import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  CreateTableCommand,
  DeleteItemCommand,
  GetItemCommand,
  PutItemCommand,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import { startTestEddy, uniqueName, type TestEddy } from './helpers/eddy.js';
import { expectError } from './helpers/expect.js';

let t: TestEddy;
let hashTable: string;
let rangeTable: string;

before(async () => {
  t = await startTestEddy();
  hashTable = uniqueName('items-hash');
  rangeTable = uniqueName('items-range');
  await t.client.send(
    new CreateTableCommand({
      TableName: hashTable,
      KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
      AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
      BillingMode: 'PAY_PER_REQUEST',
    }),
  );
  await t.client.send(
    new CreateTableCommand({
      TableName: rangeTable,
      KeySchema: [
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ],
      AttributeDefinitions: [
        { AttributeName: 'pk', AttributeType: 'S' },
        { AttributeName: 'sk', AttributeType: 'N' },
      ],
      ProvisionedThroughput: { ReadCapacityUnits: 5, WriteCapacityUnits: 5 },
    }),
  );
});

after(async () => {
  await t.stop();
});

describe('PutItem / GetItem', () => {
  it('round-trips every attribute type, with numbers normalized', async () => {
    const item = {
      id: { S: 'all-types' },
      s: { S: '' },
      n: { N: '0012.500' },
      b: { B: new Uint8Array([1, 2, 3]) },
      bool: { BOOL: true },
      nul: { NULL: true },
      m: { M: { inner: { S: 'x' }, deep: { L: [{ N: '1' }, { S: 'y' }] } } },
      l: { L: [] },
      ss: { SS: ['a', 'b'] },
      ns: { NS: ['1', '2.50'] },
      bs: { BS: [new Uint8Array([9])] },
    };
    await t.client.send(new PutItemCommand({ TableName: hashTable, Item: item }));
    const out = await t.client.send(new GetItemCommand({ TableName: hashTable, Key: { id: { S: 'all-types' } } }));
    assert.equal(out.Item?.n?.N, '12.5');
    assert.deepEqual(out.Item?.b?.B, new Uint8Array([1, 2, 3]));
    assert.deepEqual(out.Item?.m, item.m);
    assert.deepEqual(new Set(out.Item?.ns?.NS), new Set(['1', '2.5']));
    assert.equal(out.Item?.s?.S, '');
    assert.deepEqual(out.Item?.l, { L: [] });
  });

  it('returns no Item for a missing key, and ALL_OLD on overwrite', async () => {
    const missing = await t.client.send(new GetItemCommand({ TableName: hashTable, Key: { id: { S: 'nope' } } }));
    assert.equal(missing.Item, undefined);
    await t.client.send(new PutItemCommand({ TableName: hashTable, Item: { id: { S: 'ow' }, v: { N: '1' } } }));
    const second = await t.client.send(
      new PutItemCommand({ TableName: hashTable, Item: { id: { S: 'ow' }, v: { N: '2' } }, ReturnValues: 'ALL_OLD' }),
    );
    assert.deepEqual(second.Attributes, { id: { S: 'ow' }, v: { N: '1' } });
  });

  it('projects with ProjectionExpression and AttributesToGet', async () => {
    await t.client.send(
      new PutItemCommand({ TableName: hashTable, Item: { id: { S: 'proj' }, a: { S: 'A' }, b: { M: { c: { N: '3' }, d: { N: '4' } } } } }),
    );
    const p1 = await t.client.send(
      new GetItemCommand({ TableName: hashTable, Key: { id: { S: 'proj' } }, ProjectionExpression: 'a, b.c' }),
    );
    assert.deepEqual(p1.Item, { a: { S: 'A' }, b: { M: { c: { N: '3' } } } });
    const p2 = await t.client.send(
      new GetItemCommand({ TableName: hashTable, Key: { id: { S: 'proj' } }, AttributesToGet: ['id'] }),
    );
    assert.deepEqual(p2.Item, { id: { S: 'proj' } });
  });

  it('rejects ReturnValues other than NONE/ALL_OLD on PutItem', async () => {
    await expectError(
      t.client.send(new PutItemCommand({ TableName: hashTable, Item: { id: { S: 'x' } }, ReturnValues: 'ALL_NEW' })),
      'ValidationException',
      '1 validation error detected: ReturnValues can only be ALL_OLD or NONE',
    );
  });

  it('checks key presence and types against the schema', async () => {
    await expectError(
      t.client.send(new PutItemCommand({ TableName: hashTable, Item: { other: { S: 'x' } } })),
      'ValidationException',
      'One or more parameter values were invalid: Missing the key id in the item',
    );
    await expectError(
      t.client.send(new PutItemCommand({ TableName: hashTable, Item: { id: { N: '1' } } })),
      'ValidationException',
      'One or more parameter values were invalid: Type mismatch for key id expected: S actual: N',
    );
    await expectError(
      t.client.send(new GetItemCommand({ TableName: hashTable, Key: { id: { S: 'a' }, extra: { S: 'b' } } })),
      'ValidationException',
      'The provided key element does not match the schema',
    );
  });

  it('rejects an unknown table with ResourceNotFoundException', async () => {
    await expectError(
      t.client.send(new GetItemCommand({ TableName: uniqueName('missing'), Key: { id: { S: 'a' } } })),
      'ResourceNotFoundException',
    );
  });

  it('rejects items over 400 KB', async () => {
    await expectError(
      t.client.send(new PutItemCommand({ TableName: hashTable, Item: { id: { S: 'big' }, v: { S: 'x'.repeat(409600) } } })),
      'ValidationException',
      'Item size has exceeded the maximum allowed size',
    );
  });

  it('reports consumed capacity: 1 KB write units, 4 KB read units halved when eventually consistent', async () => {
    const put = await t.client.send(
      new PutItemCommand({ TableName: hashTable, Item: { id: { S: 'cap' }, v: { S: 'x'.repeat(5000) } }, ReturnConsumedCapacity: 'TOTAL' }),
    );
    assert.deepEqual(put.ConsumedCapacity, { TableName: hashTable, CapacityUnits: 5 });
    const eventual = await t.client.send(
      new GetItemCommand({ TableName: hashTable, Key: { id: { S: 'cap' } }, ReturnConsumedCapacity: 'TOTAL' }),
    );
    assert.equal(eventual.ConsumedCapacity?.CapacityUnits, 1);
    const strong = await t.client.send(
      new GetItemCommand({ TableName: hashTable, Key: { id: { S: 'cap' } }, ConsistentRead: true, ReturnConsumedCapacity: 'INDEXES' }),
    );
    assert.equal(strong.ConsumedCapacity?.CapacityUnits, 2);
    assert.deepEqual(strong.ConsumedCapacity?.Table, { CapacityUnits: 2 });
  });
});

describe('conditional writes', () => {
  it('fails a put with attribute_not_exists on an existing item, returning the old item when asked', async () => {
    await t.client.send(new PutItemCommand({ TableName: hashTable, Item: { id: { S: 'cond' }, v: { N: '1' } } }));
    await assert.rejects(
      t.client.send(
        new PutItemCommand({
          TableName: hashTable,
          Item: { id: { S: 'cond' }, v: { N: '2' } },
          ConditionExpression: 'attribute_not_exists(id)',
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }),
      ),
      (e: Error & { name: string; Item?: unknown }) => {
        assert.equal(e.name, 'ConditionalCheckFailedException');
        assert.equal(e.message, 'The conditional request failed');
        assert.deepEqual(e.Item, { id: { S: 'cond' }, v: { N: '1' } });
        return true;
      },
    );
  });

  it('never loses an increment under concurrency', async () => {
    const n = 100;
    await Promise.all(
      Array.from({ length: n }, () =>
        t.client.send(
          new UpdateItemCommand({
            TableName: hashTable,
            Key: { id: { S: 'counter' } },
            UpdateExpression: 'ADD c :one',
            ExpressionAttributeValues: { ':one': { N: '1' } },
          }),
        ),
      ),
    );
    const out = await t.client.send(new GetItemCommand({ TableName: hashTable, Key: { id: { S: 'counter' } }, ConsistentRead: true }));
    assert.equal(out.Item?.c?.N, String(n));
  });

  it('serializes conditional increments: exactly one of many racing version checks wins', async () => {
    await t.client.send(new PutItemCommand({ TableName: hashTable, Item: { id: { S: 'ver' }, version: { N: '0' } } }));
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, () =>
        t.client.send(
          new UpdateItemCommand({
            TableName: hashTable,
            Key: { id: { S: 'ver' } },
            UpdateExpression: 'SET version = version + :one',
            ConditionExpression: 'version = :zero',
            ExpressionAttributeValues: { ':one': { N: '1' }, ':zero': { N: '0' } },
          }),
        ),
      ),
    );
    assert.equal(results.filter((r) => r.status === 'fulfilled').length, 1);
  });
});

describe('UpdateItem', () => {
  it('creates the item when missing and returns each ReturnValues kind', async () => {
    const key = { pk: { S: 'u' }, sk: { N: '1' } };
    const created = await t.client.send(
      new UpdateItemCommand({
        TableName: rangeTable,
        Key: key,
        UpdateExpression: 'SET a = :a, b = :b',
        ExpressionAttributeValues: { ':a': { S: 'A' }, ':b': { N: '1' } },
        ReturnValues: 'ALL_NEW',
      }),
    );
    assert.deepEqual(created.Attributes, { ...key, a: { S: 'A' }, b: { N: '1' } });
    const updatedOld = await t.client.send(
      new UpdateItemCommand({
        TableName: rangeTable,
        Key: key,
        UpdateExpression: 'SET b = b + :inc',
        ExpressionAttributeValues: { ':inc': { N: '2' } },
        ReturnValues: 'UPDATED_OLD',
      }),
    );
    assert.deepEqual(updatedOld.Attributes, { b: { N: '1' } });
    const updatedNew = await t.client.send(
      new UpdateItemCommand({
        TableName: rangeTable,
        Key: key,
        UpdateExpression: 'REMOVE a SET c = :c',
        ExpressionAttributeValues: { ':c': { SS: ['x'] } },
        ReturnValues: 'UPDATED_NEW',
      }),
    );
    assert.deepEqual(updatedNew.Attributes, { c: { SS: ['x'] } });
    const allOld = await t.client.send(
      new UpdateItemCommand({ TableName: rangeTable, Key: key, UpdateExpression: 'DELETE c :c', ExpressionAttributeValues: { ':c': { SS: ['x'] } }, ReturnValues: 'ALL_OLD' }),
    );
    assert.deepEqual(allOld.Attributes, { ...key, b: { N: '3' }, c: { SS: ['x'] } });
    const final = await t.client.send(new GetItemCommand({ TableName: rangeTable, Key: key }));
    assert.deepEqual(final.Item, { ...key, b: { N: '3' } });
  });

  it('refuses to update a key attribute', async () => {
    await expectError(
      t.client.send(
        new UpdateItemCommand({
          TableName: rangeTable,
          Key: { pk: { S: 'u' }, sk: { N: '1' } },
          UpdateExpression: 'SET pk = :v',
          ExpressionAttributeValues: { ':v': { S: 'other' } },
        }),
      ),
      'ValidationException',
      'One or more parameter values were invalid: Cannot update attribute pk. This attribute is part of the key',
    );
  });

  it('supports legacy AttributeUpdates', async () => {
    const key = { pk: { S: 'legacy' }, sk: { N: '1' } };
    const out = await t.client.send(
      new UpdateItemCommand({
        TableName: rangeTable,
        Key: key,
        AttributeUpdates: { n: { Action: 'ADD', Value: { N: '5' } }, s: { Action: 'PUT', Value: { S: 'v' } } },
        ReturnValues: 'ALL_NEW',
      }),
    );
    assert.deepEqual(out.Attributes, { ...key, n: { N: '5' }, s: { S: 'v' } });
  });
});

describe('DeleteItem', () => {
  it('deletes and returns ALL_OLD; a condition on a missing item fails', async () => {
    await t.client.send(new PutItemCommand({ TableName: hashTable, Item: { id: { S: 'del' }, v: { S: 'gone' } } }));
    const out = await t.client.send(new DeleteItemCommand({ TableName: hashTable, Key: { id: { S: 'del' } }, ReturnValues: 'ALL_OLD' }));
    assert.deepEqual(out.Attributes, { id: { S: 'del' }, v: { S: 'gone' } });
    const again = await t.client.send(new GetItemCommand({ TableName: hashTable, Key: { id: { S: 'del' } } }));
    assert.equal(again.Item, undefined);
    await expectError(
      t.client.send(new DeleteItemCommand({ TableName: hashTable, Key: { id: { S: 'del' } }, ConditionExpression: 'attribute_exists(id)' })),
      'ConditionalCheckFailedException',
    );
  });
});
