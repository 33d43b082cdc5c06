// Query and Scan replies are written as bytes while the page is read: the in-memory engine copies
// its stored bytes straight into the reply (src/dynamodb/operations/read-reply.ts). These tests pin
// what that must keep: exact items of any text, the rest of the reply after them however long, and
// no reply holding bytes of a value that a concurrent write replaced.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  CreateTableCommand,
  DeleteItemCommand,
  GetItemCommand,
  PutItemCommand,
  QueryCommand,
  ScanCommand,
  type AttributeValue,
} from '@aws-sdk/client-dynamodb';
import { startTestEddy, uniqueName, type TestEddy } from './helpers/eddy.js';

let t: TestEddy;
let table: string;

before(async () => {
  t = await startTestEddy();
  table = uniqueName('replybytes');
  await t.client.send(new CreateTableCommand({
    TableName: table,
    KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }, { AttributeName: 'sk', KeyType: 'RANGE' }],
    AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }, { AttributeName: 'sk', AttributeType: 'S' }],
    BillingMode: 'PAY_PER_REQUEST',
  }));
});

after(async () => {
  await t.stop();
});

describe('Query and Scan replies copied from stored bytes', () => {
  it('returns ASCII, multi-byte and escaped texts exactly as GetItem does', async () => {
    const texts = ['plain ascii', 'ünïcödé ✓', '日本語', '😀 and 𝄞', 'quote " backslash \\ tab \t newline \n', ''];
    for (const [i, s] of texts.entries()) {
      const item: Record<string, AttributeValue> = { pk: { S: 'mixed' }, sk: { S: `k${i}` }, n: { N: String(i) } };
      if (s !== '') item.s = { S: s };
      item.b = { B: Buffer.from([0, 255, i]) };
      item.m = { M: { inner: { L: [{ S: s || 'x' }, { BOOL: true }, { NULL: true }] } } };
      await t.client.send(new PutItemCommand({ TableName: table, Item: item }));
    }
    const q = await t.client.send(new QueryCommand({
      TableName: table,
      KeyConditionExpression: 'pk = :p',
      ExpressionAttributeValues: { ':p': { S: 'mixed' } },
    }));
    assert.equal(q.Count, texts.length);
    assert.equal(q.Items?.length, texts.length);
    for (const [i, item] of (q.Items ?? []).entries()) {
      const got = await t.client.send(new GetItemCommand({ TableName: table, Key: { pk: { S: 'mixed' }, sk: { S: `k${i}` } } }));
      assert.deepEqual(item, got.Item);
      assert.equal(item.s?.S ?? '', texts[i]);
    }
  });

  it('keeps the items exact when the rest of the reply (key, capacity) is long', async () => {
    const longSk = 'z'.repeat(1000);
    for (let i = 0; i < 3; i++) {
      await t.client.send(new PutItemCommand({ TableName: table, Item: { pk: { S: 'long' }, sk: { S: `${longSk}${i}` }, v: { S: `value ${i} ✓` } } }));
    }
    const q = await t.client.send(new QueryCommand({
      TableName: table,
      KeyConditionExpression: 'pk = :p',
      ExpressionAttributeValues: { ':p': { S: 'long' } },
      Limit: 2,
      ReturnConsumedCapacity: 'TOTAL',
    }));
    assert.deepEqual(q.Items?.map((i) => i.v?.S), ['value 0 ✓', 'value 1 ✓']);
    assert.deepEqual(q.LastEvaluatedKey, { pk: { S: 'long' }, sk: { S: `${longSk}1` } });
    assert.equal(q.ConsumedCapacity?.TableName, table);
    assert.equal(q.ConsumedCapacity?.CapacityUnits, 0.5);
  });

  it('never answers with bytes of a value replaced or deleted by writes running at the same time', async () => {
    // Every item's `len` says how long its `payload` is; a reply built from reused memory would
    // break that, or fail to parse. Writes change sizes (other size classes) and delete items.
    const pk = 'churn';
    const put = (sk: number, len: number) =>
      t.client.send(new PutItemCommand({
        TableName: table,
        Item: { pk: { S: pk }, sk: { S: `s${sk}` }, len: { N: String(len) }, payload: { S: String.fromCharCode(97 + (len % 26)).repeat(len) } },
      }));
    for (let sk = 0; sk < 20; sk++) await put(sk, 100 + sk);
    let seed = 11;
    const rnd = (n: number): number => {
      seed = (seed * 1103515245 + 12345) >>> 0;
      return seed % n;
    };
    let queries = 0;
    for (let round = 0; round < 30; round++) {
      const ops: Promise<unknown>[] = [];
      for (let i = 0; i < 8; i++) {
        const sk = rnd(20);
        if (rnd(5) === 0) ops.push(t.client.send(new DeleteItemCommand({ TableName: table, Key: { pk: { S: pk }, sk: { S: `s${sk}` } } })));
        else ops.push(put(sk, 1 + rnd(3000)));
      }
      for (let i = 0; i < 4; i++) {
        const read = i % 2 === 0
          ? t.client.send(new QueryCommand({ TableName: table, KeyConditionExpression: 'pk = :p', ExpressionAttributeValues: { ':p': { S: pk } } }))
          : t.client.send(new ScanCommand({ TableName: table }));
        ops.push(read.then((r) => {
          queries++;
          for (const item of r.Items ?? []) {
            if (item.pk?.S !== pk) continue;
            const len = Number(item.len?.N);
            assert.equal(item.payload?.S?.length, len);
            assert.equal(item.payload?.S, String.fromCharCode(97 + (len % 26)).repeat(len));
          }
        }));
      }
      await Promise.all(ops);
    }
    assert.equal(queries, 120);
  });
});
