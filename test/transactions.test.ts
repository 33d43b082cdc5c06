import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  CreateTableCommand,
  GetItemCommand,
  PutItemCommand,
  TransactGetItemsCommand,
  TransactWriteItemsCommand,
  UpdateItemCommand,
  type TransactWriteItem,
} from '@aws-sdk/client-dynamodb';
import { startTestEddy, uniqueName, type TestEddy } from './helpers/eddy.js';

let t: TestEddy;
let accounts: string;

before(async () => {
  t = await startTestEddy();
  accounts = uniqueName('tx');
  await t.client.send(
    new CreateTableCommand({
      TableName: accounts,
      KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
      AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
      BillingMode: 'PAY_PER_REQUEST',
    }),
  );
});

after(async () => {
  await t.stop();
});

async function balance(id: string): Promise<number> {
  const out = await t.client.send(new GetItemCommand({ TableName: accounts, Key: { id: { S: id } }, ConsistentRead: true }));
  return Number(out.Item?.balance?.N ?? 'NaN');
}

function transfer(from: string, to: string, amount: number): TransactWriteItem[] {
  return [
    {
      Update: {
        TableName: accounts,
        Key: { id: { S: from } },
        UpdateExpression: 'SET balance = balance - :a',
        ConditionExpression: 'balance >= :a',
        ExpressionAttributeValues: { ':a': { N: String(amount) } },
      },
    },
    {
      Update: {
        TableName: accounts,
        Key: { id: { S: to } },
        UpdateExpression: 'SET balance = balance + :a',
        ExpressionAttributeValues: { ':a': { N: String(amount) } },
      },
    },
  ];
}

describe('TransactWriteItems', () => {
  it('applies all actions or none, with cancellation reasons in request order', async () => {
    await t.client.send(new PutItemCommand({ TableName: accounts, Item: { id: { S: 'A' }, balance: { N: '100' } } }));
    await t.client.send(new PutItemCommand({ TableName: accounts, Item: { id: { S: 'B' }, balance: { N: '0' } } }));
    await t.client.send(new TransactWriteItemsCommand({ TransactItems: transfer('A', 'B', 30) }));
    assert.equal(await balance('A'), 70);
    assert.equal(await balance('B'), 30);

    await assert.rejects(
      t.client.send(
        new TransactWriteItemsCommand({
          TransactItems: [
            { Put: { TableName: accounts, Item: { id: { S: 'C' }, balance: { N: '1' } } } },
            {
              ConditionCheck: {
                TableName: accounts,
                Key: { id: { S: 'A' } },
                ConditionExpression: 'balance > :big',
                ExpressionAttributeValues: { ':big': { N: '1000' } },
                ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
              },
            },
          ],
        }),
      ),
      (e: Error & { name: string; CancellationReasons?: { Code?: string; Item?: unknown }[] }) => {
        assert.equal(e.name, 'TransactionCanceledException');
        assert.equal(e.message, 'Transaction cancelled, please refer cancellation reasons for specific reasons [None, ConditionalCheckFailed]');
        assert.deepEqual(e.CancellationReasons?.map((r) => r.Code), ['None', 'ConditionalCheckFailed']);
        assert.deepEqual(e.CancellationReasons?.[1]?.Item, { id: { S: 'A' }, balance: { N: '70' } });
        return true;
      },
    );
    const c = await t.client.send(new GetItemCommand({ TableName: accounts, Key: { id: { S: 'C' } } }));
    assert.equal(c.Item, undefined, 'the put of a cancelled transaction must not be visible');
  });

  it('rejects two actions on one item', async () => {
    await assert.rejects(
      t.client.send(
        new TransactWriteItemsCommand({
          TransactItems: [
            { Put: { TableName: accounts, Item: { id: { S: 'D' } } } },
            { Delete: { TableName: accounts, Key: { id: { S: 'D' } } } },
          ],
        }),
      ),
      (e: Error & { name: string }) => {
        assert.equal(e.name, 'ValidationException');
        assert.equal(e.message, 'Transaction request cannot include multiple operations on one item');
        return true;
      },
    );
  });

  it('is idempotent per ClientRequestToken and refuses a changed request under the same token', async () => {
    await t.client.send(new PutItemCommand({ TableName: accounts, Item: { id: { S: 'idem' }, n: { N: '0' } } }));
    const inc: TransactWriteItem[] = [
      { Update: { TableName: accounts, Key: { id: { S: 'idem' } }, UpdateExpression: 'ADD n :one', ExpressionAttributeValues: { ':one': { N: '1' } } } },
    ];
    await t.client.send(new TransactWriteItemsCommand({ TransactItems: inc, ClientRequestToken: 'token-1' }));
    await t.client.send(new TransactWriteItemsCommand({ TransactItems: inc, ClientRequestToken: 'token-1' }));
    const out = await t.client.send(new GetItemCommand({ TableName: accounts, Key: { id: { S: 'idem' } } }));
    assert.equal(out.Item?.n?.N, '1');
    await assert.rejects(
      t.client.send(
        new TransactWriteItemsCommand({
          TransactItems: [{ Delete: { TableName: accounts, Key: { id: { S: 'idem' } } } }],
          ClientRequestToken: 'token-1',
        }),
      ),
      (e: Error & { name: string }) => e.name === 'IdempotentParameterMismatchException',
    );
  });

  it('charges two write units per item', async () => {
    const out = await t.client.send(
      new TransactWriteItemsCommand({
        TransactItems: [{ Put: { TableName: accounts, Item: { id: { S: 'cap' } } } }],
        ReturnConsumedCapacity: 'TOTAL',
      }),
    );
    assert.deepEqual(out.ConsumedCapacity, [{ TableName: accounts, CapacityUnits: 2, WriteCapacityUnits: 2 }]);
  });

  it('keeps the total balance under concurrent conditional transfers', async () => {
    const ids = ['w0', 'w1', 'w2', 'w3', 'w4'];
    for (const id of ids) await t.client.send(new PutItemCommand({ TableName: accounts, Item: { id: { S: id }, balance: { N: '50' } } }));
    let ok = 0;
    let cancelled = 0;
    await Promise.all(
      Array.from({ length: 200 }, async (_, i) => {
        const from = ids[i % 5] as string;
        const to = ids[(i * 7 + 3) % 5] as string;
        if (from === to) return;
        try {
          await t.client.send(new TransactWriteItemsCommand({ TransactItems: transfer(from, to, 1 + (i % 17)) }));
          ok++;
        } catch (e) {
          if ((e as Error).name !== 'TransactionCanceledException') throw e;
          cancelled++;
        }
      }),
    );
    let total = 0;
    for (const id of ids) {
      const b = await balance(id);
      assert.ok(b >= 0, `negative balance ${b}`);
      total += b;
    }
    assert.equal(total, 250);
    assert.ok(ok > 0);
    assert.ok(ok + cancelled > 0);
  });
});

describe('TransactGetItems', () => {
  it('reads items in request order, missing items as empty responses', async () => {
    await t.client.send(
      new UpdateItemCommand({ TableName: accounts, Key: { id: { S: 'g1' } }, UpdateExpression: 'SET v = :v', ExpressionAttributeValues: { ':v': { S: 'one' } } }),
    );
    const out = await t.client.send(
      new TransactGetItemsCommand({
        TransactItems: [
          { Get: { TableName: accounts, Key: { id: { S: 'missing' } } } },
          { Get: { TableName: accounts, Key: { id: { S: 'g1' } }, ProjectionExpression: 'v' } },
        ],
        ReturnConsumedCapacity: 'TOTAL',
      }),
    );
    assert.deepEqual(out.Responses, [{}, { Item: { v: { S: 'one' } } }]);
    assert.deepEqual(out.ConsumedCapacity, [{ TableName: accounts, CapacityUnits: 4, ReadCapacityUnits: 4 }]);
  });
});
