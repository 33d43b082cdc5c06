import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  BatchWriteItemCommand,
  CreateTableCommand,
  DeleteItemCommand,
  GetItemCommand,
  PutItemCommand,
  TransactWriteItemsCommand,
  UpdateItemCommand,
  type AttributeValue,
} from '@aws-sdk/client-dynamodb';
import { startTestEddy, uniqueName, type TestEddy } from './helpers/eddy.js';
import { expectError } from './helpers/expect.js';

/**
 * What vector indexes cost. Facts from the conformance suite's vectorSearch/consumedCapacity
 * (live DynamoDB, eu-west-2 2026-08-18, and eu-west-2 + us-east-1 2026-10-09):
 * - VectorWriteRequestBytes is the size of the index entry the write leaves (the vector attribute's
 *   name + 4 bytes per dimension + the other projected attributes' sizes, keys included), at least
 *   1024 per index, reported whenever the write changes what that index stores;
 * - a write bills the vector attribute at its name + 4 bytes per dimension, while reads and the
 *   400 KB gate size the vector by the numbers it holds.
 */

type Item = Record<string, AttributeValue>;
const nums = (...ns: number[]): AttributeValue[] => ns.map((n) => ({ N: String(n) }));
const bytes = (s: string): number => Buffer.byteLength(s, 'utf8');

const THREE = 'embedding';
const SIX = 'sixdimvec'; // as long as THREE: comparisons move the dimension count alone
const LONG = 'embeddingWithALongerName';
const FLOOR = 1024;
const BLOB = { blob: { S: 'x'.repeat(1500) } };

/** A 38-digit integer: 20 bytes stored, 4 billed as a dimension. */
const WIDE = '12345678901234567890123456789012345678';
const WIDE_BYTES = 20;
const wide = (dims: number): AttributeValue => ({ L: Array.from({ length: dims }, () => ({ N: WIDE })) });
/** A list's stored size: 3, plus 1 and the element per element. */
const storedList = (dims: number): number => 3 + dims * (1 + WIDE_BYTES);

/** An item of exactly `target` bytes when its `dims`-dimension vector counts `vectorBytes`. */
function sized(target: number, key: string, attribute: string, dims: number, vectorBytes: number): Item {
  const fixed = bytes('pk') + bytes(key) + bytes(attribute) + vectorBytes + bytes('pad');
  return { pk: { S: key }, [attribute]: wide(dims), pad: { S: 'p'.repeat(target - fixed) } };
}
const billed = (target: number, key: string, attribute: string, dims: number): Item => sized(target, key, attribute, dims, 4 * dims);

let t: TestEddy;
let table: string;

before(async () => {
  t = await startTestEddy();
  table = uniqueName('vcap');
  const index = (IndexName: string, AttributeName: string, Dimensions: number, ProjectionType: 'ALL' | 'KEYS_ONLY') => ({
    IndexName,
    VectorAttribute: { AttributeName },
    Dimensions,
    DistanceFunction: 'COSINE' as const,
    Projection: { ProjectionType },
  });
  await t.client.send(
    new CreateTableCommand({
      TableName: table,
      AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
      BillingMode: 'PAY_PER_REQUEST',
      VectorIndexes: [index('vix', THREE, 3, 'ALL'), index('vkeys', THREE, 3, 'KEYS_ONLY'), index('vdims', SIX, 6, 'ALL'), index('vname', LONG, 3, 'ALL')],
    }),
  );
});

after(async () => {
  await t.stop();
});

async function vectorBytes(Item: Item): Promise<Record<string, number | undefined>> {
  const res = await t.client.send(new PutItemCommand({ TableName: table, Item, ReturnConsumedCapacity: 'INDEXES' }));
  const map = res.ConsumedCapacity?.VectorIndexes ?? {};
  return Object.fromEntries(['vix', 'vkeys', 'vdims', 'vname'].map((n) => [n, map[n]?.VectorWriteRequestBytes]));
}

describe('VectorWriteRequestBytes', () => {
  it('is the 1024 floor for a small entry, per index', async () => {
    assert.deepEqual(await vectorBytes({ pk: { S: 'f0' }, [THREE]: { L: nums(0, 1, 0) } }), { vix: FLOOR, vkeys: FLOOR, vdims: undefined, vname: undefined });
    // One write, two indexes: the ALL entry carries the blob and clears the floor, the KEYS_ONLY one does not.
    const key = bytes('pk') + bytes('3a');
    const entry = key + bytes('blob') + 1500 + bytes(THREE) + 4 * 3;
    assert.deepEqual(await vectorBytes({ pk: { S: '3a' }, [THREE]: { L: nums(1, 0, 0) }, ...BLOB }), { vix: entry, vkeys: FLOOR, vdims: undefined, vname: undefined });
  });

  it('moves by 4 bytes per dimension, by the name, and by a projected attribute', async () => {
    const three = (await vectorBytes({ pk: { S: '3b' }, [THREE]: { L: nums(1, 0, 0) }, ...BLOB })).vix ?? 0;
    const six = (await vectorBytes({ pk: { S: '6b' }, [SIX]: { L: nums(1, 0, 0, 0, 1, 0) }, ...BLOB })).vdims ?? 0;
    assert.equal(six - three, 4 * 3);
    const named = (await vectorBytes({ pk: { S: 'nc' }, [LONG]: { L: nums(1, 0, 0) }, ...BLOB })).vname ?? 0;
    assert.equal(named - three, bytes(LONG) - bytes(THREE));
    const noted = (await vectorBytes({ pk: { S: 'td' }, [THREE]: { L: nums(1, 0, 0) }, ...BLOB, note: { S: 'n' } })).vix ?? 0;
    assert.equal(noted - three, bytes('note') + 1);
    // The numbers the vector holds do not count: 38-digit ones cost what 0 and 1 do.
    assert.equal((await vectorBytes({ pk: { S: 'w3' }, [THREE]: wide(3), ...BLOB })).vix, three);
  });

  it('charges the index whose stored view a write changes, and only that one', async () => {
    const embedded = { pk: { S: 'projection' }, [THREE]: { L: nums(0.25, 0.5, 0.75) } };
    await vectorBytes({ ...embedded, note: { S: 'before' } });
    const changed = await vectorBytes({ ...embedded, note: { S: 'after!' } });
    assert.equal(changed.vix, FLOOR);
    assert.equal(changed.vkeys, undefined);
    const same = await vectorBytes({ ...embedded, note: { S: 'after!' } });
    assert.deepEqual(same, { vix: undefined, vkeys: undefined, vdims: undefined, vname: undefined });
    // The same through UpdateItem: a non-key attribute moves the ALL index only.
    const updated = await t.client.send(
      new UpdateItemCommand({
        TableName: table,
        Key: { pk: { S: 'projection' } },
        UpdateExpression: 'SET note = :n',
        ExpressionAttributeValues: { ':n': { S: 'third' } },
        ReturnConsumedCapacity: 'INDEXES',
      }),
    );
    assert.deepEqual(updated.ConsumedCapacity?.VectorIndexes, { vix: { VectorWriteRequestBytes: FLOOR } });
  });

  it('reports nothing for an item outside every index, and no vector fields under TOTAL', async () => {
    const outside = await t.client.send(
      new PutItemCommand({ TableName: table, Item: { pk: { S: 'plain-write' }, label: { S: 'no-vector' } }, ReturnConsumedCapacity: 'INDEXES' }),
    );
    assert.equal(outside.ConsumedCapacity?.CapacityUnits, 1);
    assert.equal(outside.ConsumedCapacity?.VectorIndexes, undefined);
    const total = await t.client.send(
      new PutItemCommand({ TableName: table, Item: { pk: { S: 'total-write' }, [THREE]: { L: nums(0, 0, 1) } }, ReturnConsumedCapacity: 'TOTAL' }),
    );
    assert.deepEqual(total.ConsumedCapacity, { TableName: table, CapacityUnits: 1 });
  });

  it('charges a changed entry its new size, and an item leaving an index its old entry', async () => {
    await t.client.send(new PutItemCommand({ TableName: table, Item: { pk: { S: 'slim' }, [THREE]: { L: nums(1, 1, 1) }, ...BLOB } }));
    const slimmer = await vectorBytes({ pk: { S: 'slim' }, [THREE]: { L: nums(1, 1, 2) } });
    assert.deepEqual(slimmer, { vix: FLOOR, vkeys: FLOOR, vdims: undefined, vname: undefined });
    await t.client.send(new PutItemCommand({ TableName: table, Item: { pk: { S: 'gone' }, [THREE]: { L: nums(1, 1, 1) }, ...BLOB } }));
    const res = await t.client.send(new DeleteItemCommand({ TableName: table, Key: { pk: { S: 'gone' } }, ReturnConsumedCapacity: 'INDEXES' }));
    const entry = bytes('pk') + bytes('gone') + bytes('blob') + 1500 + bytes(THREE) + 12;
    assert.deepEqual(res.ConsumedCapacity?.VectorIndexes, { vix: { VectorWriteRequestBytes: entry }, vkeys: { VectorWriteRequestBytes: FLOOR } });
  });
});

describe('base-table capacity of an item with a vector', () => {
  const putUnits = async (Item: Item): Promise<number | undefined> =>
    (await t.client.send(new PutItemCommand({ TableName: table, Item, ReturnConsumedCapacity: 'TOTAL' }))).ConsumedCapacity?.CapacityUnits;

  it('bills a write for 4 bytes per dimension, whatever numbers the vector holds', async () => {
    assert.equal(await putUnits(billed(1024, 'a3', THREE, 3)), 1);
    assert.equal(await putUnits(billed(1025, 'b3', THREE, 3)), 2);
    assert.equal(await putUnits(billed(1024, 'a6', SIX, 6)), 1);
    assert.equal(await putUnits(billed(1025, 'b6', SIX, 6)), 2);
    // A delete is billed on the same figure: 'a3' holds 1,078 stored bytes, billed 1,024.
    const del = await t.client.send(new DeleteItemCommand({ TableName: table, Key: { pk: { S: 'a3' } }, ReturnConsumedCapacity: 'TOTAL' }));
    assert.equal(del.ConsumedCapacity?.CapacityUnits, 1);
  });

  it('bills BatchWriteItem and TransactWriteItems the same way', async () => {
    const batch = await t.client.send(
      new BatchWriteItemCommand({ RequestItems: { [table]: [{ PutRequest: { Item: billed(1024, 'c3', THREE, 3) } }] }, ReturnConsumedCapacity: 'TOTAL' }),
    );
    assert.equal(batch.ConsumedCapacity?.[0]?.CapacityUnits, 1);
    const txn = await t.client.send(
      new TransactWriteItemsCommand({ TransactItems: [{ Put: { TableName: table, Item: billed(1024, 'd3', THREE, 3) } }], ReturnConsumedCapacity: 'TOTAL' }),
    );
    assert.equal(txn.ConsumedCapacity?.[0]?.CapacityUnits, 2);
  });

  it('sizes a read by the numbers the vector holds', async () => {
    const item = billed(4096, 'r6', SIX, 6);
    const stored = 4096 - 4 * 6 + storedList(6);
    assert.ok(stored > 4096 && stored <= 8192);
    await t.client.send(new PutItemCommand({ TableName: table, Item: item }));
    const read = await t.client.send(new GetItemCommand({ TableName: table, Key: { pk: { S: 'r6' } }, ConsistentRead: true, ReturnConsumedCapacity: 'TOTAL' }));
    assert.equal(read.ConsumedCapacity?.CapacityUnits, 2);
  });

  it('holds the item to 400 KB with the vector sized by its numbers', async () => {
    await t.client.send(new PutItemCommand({ TableName: table, Item: sized(409_600, 'g0', SIX, 6, storedList(6)) }));
    await expectError(
      t.client.send(new PutItemCommand({ TableName: table, Item: sized(409_601, 'g1', SIX, 6, storedList(6)) })),
      'ValidationException',
      'Item size has exceeded the maximum allowed size',
    );
  });
});
