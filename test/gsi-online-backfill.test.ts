import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  BatchWriteItemCommand,
  CreateTableCommand,
  DeleteItemCommand,
  DescribeTableCommand,
  PutItemCommand,
  QueryCommand,
  ScanCommand,
  UpdateItemCommand,
  UpdateTableCommand,
  waitUntilTableExists,
  type AttributeValue,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import { startTestEddy, uniqueName, type TestEddy } from './helpers/eddy.js';
import { TableManager } from '../src/dynamodb/tables/catalog.js';
import { openSqliteEngine } from '../src/storage/embedded/sqlite-engine.js';

type Item = Record<string, AttributeValue>;

function manager(t: TestEddy): TableManager {
  const m = t.eddy.services.tables;
  assert.ok(m instanceof TableManager);
  return m;
}

async function createBase(client: DynamoDBClient, name: string): Promise<void> {
  await client.send(
    new CreateTableCommand({
      TableName: name,
      KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
      AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
      BillingMode: 'PAY_PER_REQUEST',
    }),
  );
  await waitUntilTableExists({ client, maxWaitTime: 30, minDelay: 1 }, { TableName: name });
}

/** Item i: mostly indexable; every 13th lacks g (sparse), every 17th has g as a number and every 19th an empty g (key violations). */
function itemFor(i: number, salt = 0): Item {
  const item: Item = { pk: { S: `p${i}` }, s: { N: String((i * 7 + salt) % 1000) }, x: { S: `x${i}-${salt}` } };
  if (i % 17 === 0) item.g = { N: String(i) };
  else if (i % 19 === 0) item.g = { S: '' };
  else if (i % 13 !== 0) item.g = { S: `g${(i + salt) % 10}` };
  return item;
}

async function load(client: DynamoDBClient, table: string, n: number): Promise<void> {
  const batches: Item[][] = [];
  for (let i = 0; i < n; i += 25) batches.push(Array.from({ length: Math.min(25, n - i) }, (_, k) => itemFor(i + k)));
  for (let b = 0; b < batches.length; b += 8) {
    await Promise.all(
      batches.slice(b, b + 8).map((items) =>
        client.send(new BatchWriteItemCommand({ RequestItems: { [table]: items.map((Item) => ({ PutRequest: { Item } })) } })),
      ),
    );
  }
}

async function scanAll(client: DynamoDBClient, table: string, index?: string): Promise<Item[]> {
  const out: Item[] = [];
  let start: Record<string, AttributeValue> | undefined;
  do {
    const r = await client.send(new ScanCommand({ TableName: table, IndexName: index, ExclusiveStartKey: start }));
    out.push(...(r.Items ?? []));
    start = r.LastEvaluatedKey;
  } while (start);
  return out;
}

const byPk = (a: Item, b: Item): number => (a.pk?.S ?? '').localeCompare(b.pk?.S ?? '');

/** What the index must hold: every item whose g is a non-empty string, projected (INCLUDE x). */
function expectedIndex(items: Item[]): Item[] {
  return items
    .filter((it) => it.g?.S !== undefined && it.g.S !== '' && it.s?.N !== undefined)
    .map((it) => {
      const p: Item = { pk: it.pk as AttributeValue, g: it.g as AttributeValue, s: it.s as AttributeValue };
      if (it.x) p.x = it.x;
      return p;
    })
    .sort(byPk);
}

const CREATE_GIDX = {
  AttributeDefinitions: [
    { AttributeName: 'g', AttributeType: 'S' as const },
    { AttributeName: 's', AttributeType: 'N' as const },
  ],
  GlobalSecondaryIndexUpdates: [
    {
      Create: {
        IndexName: 'gidx',
        KeySchema: [
          { AttributeName: 'g', KeyType: 'HASH' as const },
          { AttributeName: 's', KeyType: 'RANGE' as const },
        ],
        Projection: { ProjectionType: 'INCLUDE' as const, NonKeyAttributes: ['x'] },
      },
    },
  ],
};

async function indexOf(client: DynamoDBClient, table: string, name = 'gidx') {
  const d = await client.send(new DescribeTableCommand({ TableName: table }));
  return { table: d.Table, index: d.Table?.GlobalSecondaryIndexes?.find((g) => g.IndexName === name) };
}

describe('online GSI creation with backfill', () => {
  it('builds an exact index while concurrent writers keep writing', async () => {
    const t = await startTestEddy();
    try {
      const table = uniqueName('gsi-bf');
      const N = 3000;
      await createBase(t.client, table);
      await load(t.client, table, N);

      const resume = manager(t).backfills.pause();
      const res = await t.client.send(new UpdateTableCommand({ TableName: table, ...CREATE_GIDX }));
      assert.equal(res.TableDescription?.TableStatus, 'UPDATING');
      const created = res.TableDescription?.GlobalSecondaryIndexes?.[0];
      assert.equal(created?.IndexStatus, 'CREATING');
      assert.equal(created?.Backfilling, false);
      assert.deepEqual(
        res.TableDescription?.AttributeDefinitions?.map((a) => a.AttributeName).sort(),
        ['g', 'pk', 's'],
      );

      // Resource allocation is over (no status delay): the table is ACTIVE, the index backfills.
      const during = await indexOf(t.client, table);
      assert.equal(during.table?.TableStatus, 'ACTIVE');
      assert.equal(during.index?.IndexStatus, 'CREATING');
      assert.equal(during.index?.Backfilling, true);
      await assert.rejects(
        t.client.send(new QueryCommand({ TableName: table, IndexName: 'gidx', KeyConditionExpression: 'g = :g', ExpressionAttributeValues: { ':g': { S: 'g1' } } })),
        (e: Error) => e.name === 'ValidationException' && e.message === 'Cannot read from backfilling global secondary index: gidx',
      );
      await waitUntilTableExists({ client: t.client, maxWaitTime: 30, minDelay: 1 }, { TableName: table });

      // Writers run before, during and after the backfill.
      let writing = true;
      let ops = 0;
      const writer = async (seed: number): Promise<void> => {
        let r = seed;
        while (writing || ops < 400) {
          r = (r * 1103515245 + 12345) % 2147483648;
          const i = r % (N + 500);
          const kind = r % 5;
          ops++;
          if (kind === 0) {
            await t.client.send(new DeleteItemCommand({ TableName: table, Key: { pk: { S: `p${i}` } } }));
          } else if (kind === 1) {
            await t.client.send(
              new UpdateItemCommand({
                TableName: table,
                Key: { pk: { S: `p${i}` } },
                UpdateExpression: 'SET g = :g, x = :x',
                ExpressionAttributeValues: { ':g': { S: `g${r % 7}` }, ':x': { S: `u${r}` } },
              }),
            );
          } else if (kind === 2) {
            await t.client.send(new UpdateItemCommand({ TableName: table, Key: { pk: { S: `p${i}` } }, UpdateExpression: 'REMOVE g' }));
          } else {
            const item = itemFor(i, r % 97);
            if (item.g?.N !== undefined || item.g?.S === '') delete item.g; // would violate the index key now
            await t.client.send(new PutItemCommand({ TableName: table, Item: item }));
          }
        }
      };
      const writers = [1, 2, 3, 4].map((s) => writer(s * 7919));
      while (ops < 100) await new Promise((r) => setImmediate(r));
      resume();
      for (;;) {
        const { index } = await indexOf(t.client, table);
        if (index?.IndexStatus === 'ACTIVE') {
          assert.equal(index.Backfilling, undefined);
          break;
        }
        await new Promise((r) => setImmediate(r));
      }
      writing = false;
      await Promise.all(writers);
      await manager(t).backfills.idle();

      const expected = expectedIndex(await scanAll(t.client, table));
      const actual = (await scanAll(t.client, table, 'gidx')).sort(byPk);
      assert.ok(expected.length > 1000);
      assert.deepEqual(actual, expected);

      // Query per partition agrees with the brute-force filter, in range-key order.
      for (const g of ['g0', 'g3', 'g6']) {
        const q = await t.client.send(
          new QueryCommand({ TableName: table, IndexName: 'gidx', KeyConditionExpression: 'g = :g', ExpressionAttributeValues: { ':g': { S: g } } }),
        );
        const want = expected.filter((it) => it.g?.S === g).sort(byPk);
        assert.deepEqual([...(q.Items ?? [])].sort(byPk), want);
        const ss = (q.Items ?? []).map((it) => Number(it.s?.N));
        assert.deepEqual(ss, [...ss].sort((a, b) => a - b));
      }
      const { index } = await indexOf(t.client, table);
      assert.equal(index?.ItemCount, expected.length);
      assert.ok((index?.IndexSizeBytes ?? 0) > 0);
    } finally {
      await t.stop();
    }
  });

  it('resumes an unfinished backfill on the next start (another node on the same database)', async () => {
    const engine = openSqliteEngine({});
    const a = await startTestEddy({ engine });
    let b: TestEddy | undefined;
    try {
      const table = uniqueName('gsi-resume');
      await createBase(a.client, table);
      await load(a.client, table, 500);
      manager(a).backfills.pause();
      await a.client.send(new UpdateTableCommand({ TableName: table, ...CREATE_GIDX }));
      assert.equal((await indexOf(a.client, table)).index?.Backfilling, true);
      await a.stop(); // dies mid-backfill: the state is in the table definition only

      b = await startTestEddy({ engine });
      await manager(b).backfills.idle();
      const { index } = await indexOf(b.client, table);
      assert.equal(index?.IndexStatus, 'ACTIVE');
      const expected = expectedIndex(await scanAll(b.client, table));
      assert.deepEqual((await scanAll(b.client, table, 'gidx')).sort(byPk), expected);
      assert.equal(index.ItemCount, expected.length);
    } finally {
      await a.stop();
      await b?.stop();
      await engine.close();
    }
  });
});
