/**
 * Scan, batch, transaction and single-item behaviour pinned to recorded DynamoDB responses
 * (dynalite's tests and validations, ExtendDB's us-east-1 parity tests, moto's transaction tests).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestEddy, type TestEddy } from './helpers/eddy.js';
import { assertValidation, type ConformanceTables, createConformanceTables, enveloped } from './helpers/conformance.js';

let t: TestEddy;
let T: ConformanceTables;
before(async () => {
  t = await startTestEddy();
  T = await createConformanceTables(t);
});
after(async () => t.stop());

const S = (s: string) => ({ S: s });
const N = (n: string) => ({ N: n });

describe('Scan', () => {
  it('start key messages depend on whether an index is scanned', async () => {
    await assertValidation(t, 'Scan', { TableName: T.hash, ExclusiveStartKey: { a: S('a'), b: S('b') } }, 'The provided starting key is invalid: The provided key element does not match the schema');
    await assertValidation(t, 'Scan', { TableName: T.range, IndexName: 'index3', ExclusiveStartKey: { a: S('a') } }, 'The provided starting key is invalid');
    await assertValidation(t, 'Scan', { TableName: T.range, IndexName: 'nope', ExclusiveStartKey: { a: S('a') } }, 'The provided starting key is invalid');
    await assertValidation(t, 'Scan', { TableName: T.range, IndexName: 'nope' }, 'The table does not have the specified index: nope');
    await assertValidation(t, 'Scan', { TableName: T.hash, ExclusiveStartKey: { a: N('1') } }, 'The provided starting key is invalid: The provided key element does not match the schema');
  });
  it('a start key from another segment', async () => {
    for (let i = 0; i < 20; i++) await t.raw('PutItem', { TableName: T.hash, Item: { a: S(`seg${i}`) } });
    const seg1 = await t.raw('Scan', { TableName: T.hash, Segment: 1, TotalSegments: 2 });
    assert.ok(seg1.json.Items.length > 0);
    await assertValidation(
      t, 'Scan', { TableName: T.hash, Segment: 0, TotalSegments: 2, ExclusiveStartKey: seg1.json.Items[0] },
      'The provided starting key is invalid: Invalid ExclusiveStartKey. Please use ExclusiveStartKey with correct Segment. TotalSegments: 2 Segment: 0',
    );
  });
  it('key attributes must be read whole', async () => {
    for (const f of ['attribute_exists(a.b.c) and #a = b', 'attribute_exists(#a.b.c)', 'attribute_exists(#a[0])']) {
      await assertValidation(t, 'Scan', { TableName: T.hash, FilterExpression: f, ExpressionAttributeNames: { '#a': 'a' } }, "Key attributes must be scalars; list random access '[]' and map lookup '.' are not allowed: Key: a");
    }
  });
  it('Select COUNT with a projection: no envelope on Scan', async () => {
    await assertValidation(t, 'Scan', { TableName: T.hash, Select: 'COUNT', ProjectionExpression: 'a' }, 'Cannot specify the ProjectionExpression when choosing to get only the Count');
  });
  it('order: AttributesToGet duplicates, ScanFilter, start key, segments', async () => {
    await assertValidation(t, 'Scan', { TableName: 'abc', AttributesToGet: ['a', 'a'], ScanFilter: { a: { ComparisonOperator: 'EQ' } }, Segment: 1 }, 'One or more parameter values were invalid: Duplicate value in attribute name: a');
    await assertValidation(t, 'Scan', { TableName: 'abc', ScanFilter: { a: { ComparisonOperator: 'EQ' } }, ExclusiveStartKey: { a: {} } }, 'One or more parameter values were invalid: Invalid number of argument(s) for the EQ ComparisonOperator');
    await assertValidation(t, 'Scan', { TableName: 'abc', ExclusiveStartKey: { a: {} }, Segment: 1 }, 'The provided starting key is invalid: Supplied AttributeValue is empty, must contain exactly one of the supported datatypes');
  });
});

describe('BatchWriteItem / BatchGetItem', () => {
  it('request shape and key messages', async () => {
    await assertValidation(t, 'BatchWriteItem', { RequestItems: { [T.hash]: [{}] } }, 'Supplied AttributeValue has more than one datatypes set, must contain exactly one of the supported datatypes');
    await assertValidation(t, 'BatchWriteItem', { RequestItems: { [T.hash]: [{ PutRequest: { Item: { b: S('x') } } }] } }, 'The provided key element does not match the schema');
    await assertValidation(t, 'BatchWriteItem', { RequestItems: { [T.hash]: [{ PutRequest: { Item: { a: N('1') } } }] } }, 'The provided key element does not match the schema');
    await assertValidation(t, 'BatchWriteItem', { RequestItems: { [T.hash]: [{ PutRequest: { Item: { a: S('x') } } }, { DeleteRequest: { Key: { a: S('x') } } }] } }, 'Provided list of item keys contains duplicates');
    await assertValidation(t, 'BatchGetItem', { RequestItems: { [T.hash]: { Keys: [{ a: S('x') }, { a: S('x') }] } } }, 'Provided list of item keys contains duplicates');
    // Key values are checked before the table's expressions.
    await assertValidation(t, 'BatchGetItem', { RequestItems: { [T.hash]: { Keys: [{ a: {} }], ProjectionExpression: '' } } }, 'Supplied AttributeValue is empty, must contain exactly one of the supported datatypes');
    const keys = Array.from({ length: 101 }, (_, i) => ({ a: S(`k${i}`) }));
    await assertValidation(t, 'BatchGetItem', { RequestItems: { [T.hash]: { Keys: keys.slice(0, 60) }, [T.hashN]: { Keys: keys.slice(60).map((_, i) => ({ a: N(String(i)) })) } } }, 'Too many items requested for the BatchGetItem call');
  });
  it('responses: every table listed, UnprocessedKeys empty, capacity per table', async () => {
    await t.raw('PutItem', { TableName: T.hash, Item: { a: S('bg1'), x: S('y') } });
    const r = await t.raw('BatchGetItem', { RequestItems: { [T.hash]: { Keys: [{ a: S('bg1') }, { a: S('missing') }] }, [T.hashN]: { Keys: [{ a: N('1') }] } }, ReturnConsumedCapacity: 'TOTAL' });
    assert.equal(r.status, 200);
    assert.deepEqual(r.json.Responses, { [T.hash]: [{ a: S('bg1'), x: S('y') }], [T.hashN]: [] });
    assert.deepEqual(r.json.UnprocessedKeys, {});
    assert.deepEqual(r.json.ConsumedCapacity, [{ TableName: T.hash, CapacityUnits: 1 }, { TableName: T.hashN, CapacityUnits: 0.5 }]);
    const w = await t.raw('BatchWriteItem', { RequestItems: { [T.hash]: [{ PutRequest: { Item: { a: S('bw1') } } }] }, ReturnConsumedCapacity: 'INDEXES' });
    assert.deepEqual(w.json, { UnprocessedItems: {}, ConsumedCapacity: [{ TableName: T.hash, CapacityUnits: 1, Table: { CapacityUnits: 1 } }] });
  });
});

describe('TransactWriteItems / TransactGetItems', () => {
  it('action shape messages', async () => {
    await assertValidation(t, 'TransactWriteItems', { TransactItems: [{ Put: { TableName: T.hash, Item: { a: S('1') } }, Delete: { TableName: T.hash, Key: { a: S('1') } } }] }, 'TransactItems can only contain one of Check, Put, Update or Delete');
    await assertValidation(t, 'TransactWriteItems', { TransactItems: [{ Put: { TableName: T.hash, Item: { a: S('1') } } }, { Delete: { TableName: T.hash, Key: { a: S('1') } } }] }, 'Transaction request cannot include multiple operations on one item');
  });
  it('cancellation reasons, old item on failure, capacity doubled', async () => {
    await t.raw('PutItem', { TableName: T.hash, Item: { a: S('tx1'), v: N('1') } });
    const r = await t.raw('TransactWriteItems', {
      TransactItems: [
        { Put: { TableName: T.hash, Item: { a: S('tx2') } } },
        { ConditionCheck: { TableName: T.hash, Key: { a: S('tx1') }, ConditionExpression: 'v = :two', ExpressionAttributeValues: { ':two': N('2') }, ReturnValuesOnConditionCheckFailure: 'ALL_OLD' } },
      ],
    });
    assert.equal(r.status, 400);
    assert.equal(r.json.__type, 'com.amazonaws.dynamodb.v20120810#TransactionCanceledException');
    assert.equal(r.json.Message, 'Transaction cancelled, please refer cancellation reasons for specific reasons [None, ConditionalCheckFailed]');
    assert.deepEqual(r.json.CancellationReasons, [{ Code: 'None' }, { Code: 'ConditionalCheckFailed', Message: 'The conditional request failed', Item: { a: S('tx1'), v: N('1') } }]);
    const ok = await t.raw('TransactWriteItems', { TransactItems: [{ Put: { TableName: T.hash, Item: { a: S('tx3') } } }], ReturnConsumedCapacity: 'TOTAL' });
    assert.deepEqual(ok.json, { ConsumedCapacity: [{ TableName: T.hash, CapacityUnits: 2, WriteCapacityUnits: 2 }] });
    const g = await t.raw('TransactGetItems', { TransactItems: [{ Get: { TableName: T.hash, Key: { a: S('tx3') } } }, { Get: { TableName: T.hash, Key: { a: S('none') } } }], ReturnConsumedCapacity: 'TOTAL' });
    assert.deepEqual(g.json, { Responses: [{ Item: { a: S('tx3') } }, {}], ConsumedCapacity: [{ TableName: T.hash, CapacityUnits: 4, ReadCapacityUnits: 4 }] });
  });
});

describe('single-item operations', () => {
  it('ReturnValues', async () => {
    await assertValidation(t, 'PutItem', { TableName: T.hash, Item: { a: S('1') }, ReturnValues: 'UPDATED_OLD' }, enveloped('ReturnValues can only be ALL_OLD or NONE'));
    await assertValidation(t, 'DeleteItem', { TableName: T.hash, Key: { a: S('1') }, ReturnValues: 'ALL_NEW' }, enveloped('ReturnValues can only be ALL_OLD or NONE'));
    await t.raw('PutItem', { TableName: T.hash, Item: { a: S('rv'), m: { M: { x: { L: [N('1'), N('2')] } } }, n: N('5') } });
    const upd = await t.raw('UpdateItem', { TableName: T.hash, Key: { a: S('rv') }, UpdateExpression: 'SET m.x[1] = :v, n = n + :one', ExpressionAttributeValues: { ':v': N('9'), ':one': N('1') }, ReturnValues: 'UPDATED_NEW' });
    assert.deepEqual(upd.json, { Attributes: { m: { M: { x: { L: [N('9')] } } }, n: N('6') } });
    // Nothing updated: no Attributes member at all.
    const none = await t.raw('UpdateItem', { TableName: T.hash, Key: { a: S('rv') }, UpdateExpression: 'REMOVE zz', ReturnValues: 'UPDATED_OLD' });
    assert.deepEqual(none.json, {});
    const created = await t.raw('UpdateItem', { TableName: T.hash, Key: { a: S('rv-new') }, ReturnValues: 'ALL_OLD' });
    assert.deepEqual(created.json, {});
    const del = await t.raw('DeleteItem', { TableName: T.hash, Key: { a: S('rv') }, ConditionExpression: 'attribute_not_exists(a)', ReturnValuesOnConditionCheckFailure: 'ALL_OLD' });
    assert.equal(del.json.__type, 'com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException');
    assert.deepEqual(del.json.Item, { a: S('rv'), m: { M: { x: { L: [N('1'), N('9')] } } }, n: N('6') });
  });
  it('key messages', async () => {
    await assertValidation(t, 'PutItem', { TableName: T.hash, Item: { b: S('') } }, 'One or more parameter values were invalid: Missing the key a in the item');
    await assertValidation(t, 'PutItem', { TableName: T.hash, Item: { a: N('1') } }, 'One or more parameter values were invalid: Type mismatch for key a expected: S actual: N');
    await assertValidation(t, 'GetItem', { TableName: T.hash, Key: { a: S('1'), b: S('x') } }, 'The provided key element does not match the schema');
    await assertValidation(t, 'GetItem', { TableName: T.hash, Key: { a: S('') } }, 'One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an empty string value. Key: a');
  });
});
