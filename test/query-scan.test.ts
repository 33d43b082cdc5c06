import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  BatchGetItemCommand,
  BatchWriteItemCommand,
  CreateTableCommand,
  PutItemCommand,
  QueryCommand,
  ScanCommand,
  type AttributeValue,
} from '@aws-sdk/client-dynamodb';
import { startTestEddy, uniqueName, type TestEddy } from './helpers/eddy.js';
import { expectError } from './helpers/expect.js';

let t: TestEddy;
let table: string;
let big: string;
const BIG_ITEMS = 3000; // ~3 MB of 1 KB items: several 1 MB pages

async function batchPut(tableName: string, items: Record<string, AttributeValue>[]): Promise<void> {
  for (let i = 0; i < items.length; i += 25) {
    const chunk = items.slice(i, i + 25);
    const out = await t.client.send(
      new BatchWriteItemCommand({ RequestItems: { [tableName]: chunk.map((Item) => ({ PutRequest: { Item } })) } }),
    );
    assert.deepEqual(out.UnprocessedItems, {});
  }
}

before(async () => {
  t = await startTestEddy();
  table = uniqueName('qs');
  big = uniqueName('qs-big');
  for (const name of [table, big]) {
    await t.client.send(
      new CreateTableCommand({
        TableName: name,
        KeySchema: [
          { AttributeName: 'pk', KeyType: 'HASH' },
          { AttributeName: 'sk', KeyType: 'RANGE' },
        ],
        AttributeDefinitions: [
          { AttributeName: 'pk', AttributeType: 'S' },
          { AttributeName: 'sk', AttributeType: 'N' },
        ],
        BillingMode: 'PAY_PER_REQUEST',
      }),
    );
  }
  const items: Record<string, AttributeValue>[] = [];
  for (const pk of ['a', 'b', 'c']) {
    for (let sk = -5; sk < 15; sk++) items.push({ pk: { S: pk }, sk: { N: String(sk) }, even: { BOOL: sk % 2 === 0 } });
  }
  await batchPut(table, items);
  const pad = 'x'.repeat(1000);
  const bigItems: Record<string, AttributeValue>[] = [];
  for (let i = 0; i < BIG_ITEMS; i++) bigItems.push({ pk: { S: `p${i % 37}` }, sk: { N: String(i) }, pad: { S: pad } });
  await batchPut(big, bigItems);
});

after(async () => {
  await t.stop();
});

describe('Query', () => {
  it('returns a partition in numeric sort-key order, forward and backward', async () => {
    const fwd = await t.client.send(
      new QueryCommand({ TableName: table, KeyConditionExpression: 'pk = :p', ExpressionAttributeValues: { ':p': { S: 'a' } } }),
    );
    assert.deepEqual(fwd.Items?.map((i) => Number(i.sk?.N)), Array.from({ length: 20 }, (_, i) => i - 5));
    assert.equal(fwd.Count, 20);
    assert.equal(fwd.ScannedCount, 20);
    assert.equal(fwd.LastEvaluatedKey, undefined);
    const back = await t.client.send(
      new QueryCommand({
        TableName: table,
        KeyConditionExpression: 'pk = :p AND sk BETWEEN :lo AND :hi',
        ExpressionAttributeValues: { ':p': { S: 'a' }, ':lo': { N: '-2' }, ':hi': { N: '3' } },
        ScanIndexForward: false,
      }),
    );
    assert.deepEqual(back.Items?.map((i) => Number(i.sk?.N)), [3, 2, 1, 0, -1, -2]);
  });

  it('applies Limit before the filter and returns LastEvaluatedKey', async () => {
    const out = await t.client.send(
      new QueryCommand({
        TableName: table,
        KeyConditionExpression: 'pk = :p AND sk >= :z',
        FilterExpression: 'even = :t',
        ExpressionAttributeValues: { ':p': { S: 'b' }, ':z': { N: '0' }, ':t': { BOOL: true } },
        Limit: 5,
      }),
    );
    assert.equal(out.ScannedCount, 5);
    assert.equal(out.Count, 3);
    assert.deepEqual(out.LastEvaluatedKey, { pk: { S: 'b' }, sk: { N: '4' } });
    const next = await t.client.send(
      new QueryCommand({
        TableName: table,
        KeyConditionExpression: 'pk = :p AND sk >= :z',
        ExpressionAttributeValues: { ':p': { S: 'b' }, ':z': { N: '0' } },
        ExclusiveStartKey: out.LastEvaluatedKey,
        Limit: 2,
      }),
    );
    assert.deepEqual(next.Items?.map((i) => i.sk?.N), ['5', '6']);
  });

  it('supports Select COUNT and begins_with on string keys', async () => {
    const count = await t.client.send(
      new QueryCommand({ TableName: table, KeyConditionExpression: 'pk = :p', ExpressionAttributeValues: { ':p': { S: 'c' } }, Select: 'COUNT' }),
    );
    assert.equal(count.Items, undefined);
    assert.equal(count.Count, 20);
  });

  it('validates Select combinations and key conditions with DynamoDB messages', async () => {
    await expectError(
      t.client.send(
        new QueryCommand({
          TableName: table,
          KeyConditionExpression: 'pk = :p',
          ExpressionAttributeValues: { ':p': { S: 'a' } },
          Select: 'ALL_PROJECTED_ATTRIBUTES',
        }),
      ),
      'ValidationException',
      '1 validation error detected: ALL_PROJECTED_ATTRIBUTES can be used only when Querying using an IndexName',
    );
    await expectError(
      t.client.send(new QueryCommand({ TableName: table })),
      'ValidationException',
      'Either the KeyConditions or KeyConditionExpression parameter must be specified in the request.',
    );
    await expectError(
      t.client.send(
        new QueryCommand({ TableName: table, KeyConditionExpression: 'pk = :p', ExpressionAttributeValues: { ':p': { S: 'a' } }, IndexName: 'nope' }),
      ),
      'ValidationException',
      'The table does not have the specified index: nope',
    );
  });

  it('reads a multi-MB partition in 1 MB pages, every item exactly once', async () => {
    const seen = new Set<string>();
    let pages = 0;
    for (let p = 0; p < 37; p++) {
      let start: Record<string, AttributeValue> | undefined;
      do {
        const out = await t.client.send(
          new QueryCommand({
            TableName: big,
            KeyConditionExpression: 'pk = :p',
            ExpressionAttributeValues: { ':p': { S: `p${p}` } },
            ExclusiveStartKey: start,
          }),
        );
        pages++;
        for (const item of out.Items ?? []) {
          const id = item.sk?.N ?? '';
          assert.ok(!seen.has(id), `duplicate ${id}`);
          seen.add(id);
        }
        start = out.LastEvaluatedKey;
      } while (start);
    }
    assert.equal(seen.size, BIG_ITEMS);
    assert.ok(pages >= 37);
  });
});

describe('Scan', () => {
  it('pages through a 3 MB table, 1 MB at a time, seeing each item once and not in insertion order', async () => {
    const order: number[] = [];
    let start: Record<string, AttributeValue> | undefined;
    let pages = 0;
    do {
      const out = await t.client.send(new ScanCommand({ TableName: big, ExclusiveStartKey: start, ReturnConsumedCapacity: 'TOTAL' }));
      pages++;
      for (const item of out.Items ?? []) order.push(Number(item.sk?.N));
      if (out.LastEvaluatedKey) assert.ok((out.ConsumedCapacity?.CapacityUnits ?? 0) >= 120);
      start = out.LastEvaluatedKey;
    } while (start);
    assert.equal(order.length, BIG_ITEMS);
    assert.equal(new Set(order).size, BIG_ITEMS);
    assert.ok(pages >= 3, `pages ${pages}`);
    const sorted = [...order].sort((a, b) => a - b);
    assert.notDeepEqual(order, sorted, 'scan order must not be insertion order');
  });

  it('parallel scan: every item in exactly one segment', async () => {
    const total = 4;
    const all: number[] = [];
    for (let segment = 0; segment < total; segment++) {
      let start: Record<string, AttributeValue> | undefined;
      do {
        const out = await t.client.send(
          new ScanCommand({ TableName: big, Segment: segment, TotalSegments: total, ExclusiveStartKey: start, Limit: 500 }),
        );
        for (const item of out.Items ?? []) all.push(Number(item.sk?.N));
        start = out.LastEvaluatedKey;
      } while (start);
    }
    assert.equal(all.length, BIG_ITEMS);
    assert.equal(new Set(all).size, BIG_ITEMS);
  });

  it('validates Segment/TotalSegments', async () => {
    await expectError(
      t.client.send(new ScanCommand({ TableName: table, Segment: 2, TotalSegments: 2 })),
      'ValidationException',
      'The Segment parameter is zero-based and must be less than parameter TotalSegments: Segment: 2 is not less than TotalSegments: 2',
    );
    await expectError(
      t.client.send(new ScanCommand({ TableName: table, TotalSegments: 2 })),
      'ValidationException',
      'The Segment parameter is required but was not present in the request when parameter TotalSegments is present',
    );
  });

  it('filters with a legacy ScanFilter', async () => {
    const out = await t.client.send(
      new ScanCommand({
        TableName: table,
        ScanFilter: { sk: { ComparisonOperator: 'GT', AttributeValueList: [{ N: '12' }] } },
      }),
    );
    assert.equal(out.Count, 6);
    assert.equal(out.ScannedCount, 60);
  });
});

describe('BatchGetItem / BatchWriteItem', () => {
  it('gets across tables, with projection', async () => {
    const out = await t.client.send(
      new BatchGetItemCommand({
        RequestItems: {
          [table]: { Keys: [{ pk: { S: 'a' }, sk: { N: '1' } }, { pk: { S: 'zz' }, sk: { N: '1' } }], ProjectionExpression: 'sk' },
          [big]: { Keys: [{ pk: { S: 'p1' }, sk: { N: '1' } }], ConsistentRead: true },
        },
        ReturnConsumedCapacity: 'TOTAL',
      }),
    );
    assert.deepEqual(out.Responses?.[table], [{ sk: { N: '1' } }]);
    assert.equal(out.Responses?.[big]?.length, 1);
    assert.deepEqual(out.UnprocessedKeys, {});
    assert.equal(out.ConsumedCapacity?.length, 2);
  });

  it('rejects duplicate keys and more than 100 keys', async () => {
    await expectError(
      t.client.send(
        new BatchGetItemCommand({ RequestItems: { [table]: { Keys: [{ pk: { S: 'a' }, sk: { N: '1' } }, { pk: { S: 'a' }, sk: { N: '1' } }] } } }),
      ),
      'ValidationException',
      'Provided list of item keys contains duplicates',
    );
    const keys = Array.from({ length: 101 }, (_, i) => ({ pk: { S: 'a' }, sk: { N: String(i) } }));
    await expectError(t.client.send(new BatchGetItemCommand({ RequestItems: { [table]: { Keys: keys } } })), 'ValidationException');
  });

  it('rejects two writes to one item in a batch, and deletes', async () => {
    await expectError(
      t.client.send(
        new BatchWriteItemCommand({
          RequestItems: {
            [table]: [
              { PutRequest: { Item: { pk: { S: 'd' }, sk: { N: '1' } } } },
              { DeleteRequest: { Key: { pk: { S: 'd' }, sk: { N: '1' } } } },
            ],
          },
        }),
      ),
      'ValidationException',
      'Provided list of item keys contains duplicates',
    );
    await t.client.send(new PutItemCommand({ TableName: table, Item: { pk: { S: 'd' }, sk: { N: '1' } } }));
    await t.client.send(new BatchWriteItemCommand({ RequestItems: { [table]: [{ DeleteRequest: { Key: { pk: { S: 'd' }, sk: { N: '1' } } } }] } }));
    const out = await t.client.send(
      new QueryCommand({ TableName: table, KeyConditionExpression: 'pk = :p', ExpressionAttributeValues: { ':p': { S: 'd' } } }),
    );
    assert.equal(out.Count, 0);
  });
});
