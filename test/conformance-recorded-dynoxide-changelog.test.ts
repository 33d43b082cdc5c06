/**
 * DynamoDB behaviour recorded in nubo-db/dynoxide's CHANGELOG ("Captured against eu-west-2") and
 * the issues and pull requests it links, where Eddy answered otherwise. The measurements are
 * DynamoDB's; the tests are ours. Each case names the CHANGELOG entry it comes from.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { rawOk } from './helpers/conformance.js';
import { startTestEddy, uniqueName, type TestEddy } from './helpers/eddy.js';

let t: TestEddy;
type Json = Record<string, unknown>;
type Capacity = { CapacityUnits: number; ReadCapacityUnits?: number };
type Consumed = Capacity & {
  TableName: string;
  Table?: Capacity;
  GlobalSecondaryIndexes?: Record<string, Capacity>;
  LocalSecondaryIndexes?: Record<string, Capacity>;
};
const S = (s: string) => ({ S: s });
const pad = (n: number): string => 'x'.repeat(n);

let indexed: string; // pk/sk; GSI `gix` on gpk and LSI `lix` on pk/lsk, both INCLUDE [proj]
let other: string; // pk only, no index

before(async () => {
  t = await startTestEddy();
  indexed = uniqueName('dxc');
  other = uniqueName('dxo');
  const include = { ProjectionType: 'INCLUDE', NonKeyAttributes: ['proj'] };
  await rawOk(t, 'CreateTable', {
    TableName: indexed,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: ['pk', 'sk', 'gpk', 'lsk'].map((n) => ({ AttributeName: n, AttributeType: 'S' })),
    KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }, { AttributeName: 'sk', KeyType: 'RANGE' }],
    GlobalSecondaryIndexes: [{ IndexName: 'gix', KeySchema: [{ AttributeName: 'gpk', KeyType: 'HASH' }], Projection: include }],
    LocalSecondaryIndexes: [
      { IndexName: 'lix', KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }, { AttributeName: 'lsk', KeyType: 'RANGE' }], Projection: include },
    ],
  });
  await rawOk(t, 'CreateTable', {
    TableName: other,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
    KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
  });
});

after(async () => {
  await t.stop();
});

const key = (pk: string) => ({ pk: S(pk), sk: S('1') });
async function put(item: Json): Promise<Consumed> {
  return (await rawOk(t, 'PutItem', { TableName: indexed, Item: item, ReturnConsumedCapacity: 'INDEXES' })).ConsumedCapacity as Consumed;
}
const gsiUnits = (cc: Consumed | undefined): number | undefined => cc?.GlobalSecondaryIndexes?.gix?.CapacityUnits;

// CHANGELOG, Unreleased, Fixed: "ConsumedCapacity under INDEXES charges index writes on the change to
// what an index stores" (#176): "an insert or delete costs its own image, an in-place update the
// larger of the two, and a key move both halves rounded separately" (captured against eu-west-2).
describe('index write units are sized on the projected entries', () => {
  it('an entry leaving the index costs its own size, by REMOVE of the index key or by DeleteItem', async () => {
    await put({ ...key('leave'), gpk: S('g'), proj: S(pad(3000)) });
    const removed = await rawOk(t, 'UpdateItem', { TableName: indexed, Key: key('leave'), UpdateExpression: 'REMOVE gpk', ReturnConsumedCapacity: 'INDEXES' });
    assert.equal(gsiUnits(removed.ConsumedCapacity as Consumed), 3);

    await put({ ...key('gone'), gpk: S('g'), proj: S(pad(3000)) });
    const deleted = await rawOk(t, 'DeleteItem', { TableName: indexed, Key: key('gone'), ReturnConsumedCapacity: 'INDEXES' });
    const cc = deleted.ConsumedCapacity as Consumed;
    assert.deepEqual(cc.GlobalSecondaryIndexes, { gix: { CapacityUnits: 3 } });
    assert.equal(cc.LocalSecondaryIndexes, undefined); // the item never was in the LSI
    assert.equal(cc.CapacityUnits, 6);
  });

  it('a moved index key costs the old entry and the new one, each rounded on its own', async () => {
    await put({ ...key('move'), gpk: S('A'), proj: S(pad(3000)) });
    assert.equal(gsiUnits(await put({ ...key('move'), gpk: S('B'), proj: S('p') })), 4);
  });

  it('an entry rewritten in place costs the larger of its two images', async () => {
    await put({ ...key('shrink'), gpk: S('g'), lsk: S('l'), proj: S(pad(2000)) });
    const cc = await put({ ...key('shrink'), gpk: S('g'), lsk: S('l'), proj: S(pad(100)) });
    assert.equal(gsiUnits(cc), 2);
    assert.deepEqual(cc.LocalSecondaryIndexes, { lix: { CapacityUnits: 2 } });
  });

  it('an attribute the index does not project costs it nothing', async () => {
    const cc = await put({ ...key('wide'), gpk: S('g'), proj: S('p'), other: S(pad(3000)) });
    assert.equal(cc.Table?.CapacityUnits, 3);
    assert.equal(gsiUnits(cc), 1);
  });
});

// CHANGELOG, Unreleased, Fixed (#178, PR 188): "The transactional 2x factor applies to the base table
// arm alone: an index arm inside a transaction costs what the same write costs outside one."
describe('index arms inside transactions are not doubled', () => {
  it('TransactWriteItems', async () => {
    const r = await rawOk(t, 'TransactWriteItems', {
      TransactItems: [{ Put: { TableName: indexed, Item: { ...key('tx1'), gpk: S('g'), proj: S('p') } } }],
      ReturnConsumedCapacity: 'INDEXES',
    });
    const [cc] = r.ConsumedCapacity as Consumed[];
    assert.equal(cc?.Table?.CapacityUnits, 2);
    assert.equal(gsiUnits(cc), 1);
    assert.equal(cc?.CapacityUnits, 3);
  });

  it('ExecuteTransaction reports the index arms, undoubled, where it reported a Table arm only', async () => {
    await put({ ...key('etx'), gpk: S('A'), proj: S('p') });
    const r = await rawOk(t, 'ExecuteTransaction', {
      TransactStatements: [{ Statement: `UPDATE "${indexed}" SET gpk = 'B' WHERE pk = 'etx' AND sk = '1'` }],
      ReturnConsumedCapacity: 'INDEXES',
    });
    const [cc] = r.ConsumedCapacity as Consumed[];
    assert.equal(cc?.Table?.CapacityUnits, 2);
    assert.equal(gsiUnits(cc), 2); // a key move: delete and insert
    assert.equal(cc?.CapacityUnits, 4);
  });
});

// CHANGELOG, Unreleased, Fixed: "A same-token TransactWriteItems or ExecuteTransaction replay is
// charged against the images the first call was sized on, at 4KB read granularity ... a replayed
// delete of a 9KB item reported 2 against DynamoDB's 6."
describe('a same-token replay is billed on the images the first call was sized on', () => {
  it('TransactWriteItems: a replayed Delete of a 9 KB item costs 6 read units', async () => {
    await rawOk(t, 'PutItem', { TableName: other, Item: { pk: S('r9'), big: S(pad(9000)) } });
    const body = {
      TransactItems: [{ Delete: { TableName: other, Key: { pk: S('r9') } } }],
      ClientRequestToken: uniqueName('tok'),
      ReturnConsumedCapacity: 'TOTAL',
    };
    const first = (await rawOk(t, 'TransactWriteItems', body)).ConsumedCapacity as Consumed[];
    assert.equal(first[0]?.CapacityUnits, 18);
    const replay = (await rawOk(t, 'TransactWriteItems', body)).ConsumedCapacity as Consumed[];
    assert.deepEqual(replay, [{ TableName: other, CapacityUnits: 6, ReadCapacityUnits: 6 }]);
  });

  it('ExecuteTransaction: the same for a replayed DELETE', async () => {
    await rawOk(t, 'PutItem', { TableName: other, Item: { pk: S('e9'), big: S(pad(9000)) } });
    const body = {
      TransactStatements: [{ Statement: `DELETE FROM "${other}" WHERE pk = 'e9'` }],
      ClientRequestToken: uniqueName('tok'),
      ReturnConsumedCapacity: 'TOTAL',
    };
    await rawOk(t, 'ExecuteTransaction', body);
    const replay = (await rawOk(t, 'ExecuteTransaction', body)).ConsumedCapacity as Consumed[];
    assert.equal(replay[0]?.CapacityUnits, 6);
    assert.equal(replay[0]?.ReadCapacityUnits, 6);
  });
});

// CHANGELOG, Unreleased, Added: "BatchExecuteStatement ... reports capacity ... Per-table entries with
// index arms, aggregated across the batch. A failed statement is still charged the write it
// attempted, sized on the larger of the row already stored and the item it carried; a batch in which
// nothing succeeds reports no capacity, and a table whose statements all failed is omitted entirely."
describe('BatchExecuteStatement capacity', () => {
  it('index arms are reported, and a failed member is charged on the total but in no arm', async () => {
    await rawOk(t, 'PutItem', { TableName: indexed, Item: { ...key('dup3k'), proj: S(pad(3000)) } });
    const r = await rawOk(t, 'BatchExecuteStatement', {
      Statements: [
        { Statement: `INSERT INTO "${indexed}" VALUE {'pk': 'fresh', 'sk': '1', 'gpk': 'g', 'proj': 'p'}` },
        { Statement: `INSERT INTO "${indexed}" VALUE {'pk': 'dup3k', 'sk': '1'}` },
      ],
      ReturnConsumedCapacity: 'INDEXES',
    });
    assert.equal(((r.Responses as Json[])[1]?.Error as Json).Code, 'DuplicateItem');
    assert.deepEqual(r.ConsumedCapacity, [
      { TableName: indexed, CapacityUnits: 5, Table: { CapacityUnits: 1 }, GlobalSecondaryIndexes: { gix: { CapacityUnits: 1 } } },
    ]);
  });

  it('a table whose members all failed is left out, and a batch where nothing succeeded reports none', async () => {
    await rawOk(t, 'PutItem', { TableName: other, Item: { pk: S('taken') } });
    const mixed = await rawOk(t, 'BatchExecuteStatement', {
      Statements: [
        { Statement: `INSERT INTO "${indexed}" VALUE {'pk': 'fresh2', 'sk': '1'}` },
        { Statement: `INSERT INTO "${other}" VALUE {'pk': 'taken'}` },
      ],
      ReturnConsumedCapacity: 'TOTAL',
    });
    assert.deepEqual(mixed.ConsumedCapacity, [{ TableName: indexed, CapacityUnits: 1 }]);

    const none = await rawOk(t, 'BatchExecuteStatement', {
      Statements: [{ Statement: `INSERT INTO "${other}" VALUE {'pk': 'taken'}` }],
      ReturnConsumedCapacity: 'TOTAL',
    });
    assert.equal((none.Responses as Json[]).length, 1);
    assert.equal('ConsumedCapacity' in none, false);
  });
});
