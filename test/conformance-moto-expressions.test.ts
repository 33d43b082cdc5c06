/**
 * Update expressions and write transactions pinned to facts from moto's AWS-verified tests
 * (getmoto/moto tests/test_dynamodb: test_dynamodb_update_expressions.py, test_dynamodb_transact.py,
 * exceptions/test_dynamodb_transactions.py — the ones marked `aws_verified`, run against DynamoDB).
 * Eddy already behaved this way; these tests keep it so.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestEddy, type TestEddy, uniqueName } from './helpers/eddy.js';
import { assertValidation, enveloped, rawOk } from './helpers/conformance.js';

type Json = Record<string, unknown>;
const S = (s: string) => ({ S: s });
const N = (n: string) => ({ N: n });

let t: TestEddy;
/** Hash key `pk` (S). */
let TH: string;
/** Hash key `pk` (S), range key `sk` (S). */
let TR: string;

before(async () => {
  t = await startTestEddy();
  TH = uniqueName('mh');
  TR = uniqueName('mr');
  const attr = (n: string) => ({ AttributeName: n, AttributeType: 'S' });
  await ok('CreateTable', { TableName: TH, BillingMode: 'PAY_PER_REQUEST', AttributeDefinitions: [attr('pk')], KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }] });
  await ok('CreateTable', {
    TableName: TR,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [attr('pk'), attr('sk')],
    KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }, { AttributeName: 'sk', KeyType: 'RANGE' }],
  });
});
after(async () => t.stop());

const ok = (op: string, body: Json): Promise<Json> => rawOk(t, op, body);

async function item(key: Json, table = TH): Promise<Json | undefined> {
  return (await ok('GetItem', { TableName: table, Key: key, ConsistentRead: true })).Item as Json | undefined;
}

describe('moto aws_verified: update expressions', () => {
  it('ADD does exact decimal arithmetic on integers and fractions alike', async () => {
    const key = { pk: S('add-float') };
    await ok('PutItem', { TableName: TH, Item: { ...key, amount: N('100'), nr: N('5') } });
    const steps: [string, string, string][] = [
      ['amount', '-88.3', '11.7'],
      ['amount', '25.41', '37.11'],
      ['amount', '6', '43.11'],
      ['nr', '1', '6'],
      ['nr', '25.41', '31.41'],
    ];
    for (const [attr, delta, expected] of steps) {
      await ok('UpdateItem', { TableName: TH, Key: key, UpdateExpression: `ADD ${attr} :d`, ExpressionAttributeValues: { ':d': N(delta) } });
      assert.deepEqual((await item(key))?.[attr], N(expected), `${attr} after adding ${delta}`);
    }
  });

  it('accepts line breaks and indentation around the clause keyword', async () => {
    const key = { pk: S('newline') };
    await ok('UpdateItem', { TableName: TH, Key: key, UpdateExpression: '\n    ADD \n      MyTotalCount :n\n    ', ExpressionAttributeValues: { ':n': N('5') } });
    assert.deepEqual(await item(key), { ...key, MyTotalCount: N('5') });
  });

  it('DELETE of the last element of a set inside a map leaves the map, now empty', async () => {
    const key = { pk: S('map-set') };
    await ok('PutItem', { TableName: TH, Item: { ...key, map: { M: { sset: { SS: ['foo'] } } } } });
    const r = await ok('UpdateItem', {
      TableName: TH,
      Key: key,
      UpdateExpression: 'DELETE #m.#s :s',
      ExpressionAttributeNames: { '#m': 'map', '#s': 'sset' },
      ExpressionAttributeValues: { ':s': { SS: ['foo'] } },
      ReturnValues: 'ALL_NEW',
    });
    assert.deepEqual(r.Attributes, { ...key, map: { M: {} } });
  });

  it('DELETE of absent elements or from an absent attribute is a no-op; emptying a set removes it', async () => {
    const key = { pk: S('users') };
    await ok('PutItem', { TableName: TH, Item: key });
    const del = (v: string) => ok('UpdateItem', { TableName: TH, Key: key, UpdateExpression: 'DELETE #u :u', ExpressionAttributeNames: { '#u': 'users' }, ExpressionAttributeValues: { ':u': { SS: [v] } } });
    await del('karl');
    assert.deepEqual(await item(key), key);
    await ok('UpdateItem', { TableName: TH, Key: key, UpdateExpression: 'ADD #u :u', ExpressionAttributeNames: { '#u': 'users' }, ExpressionAttributeValues: { ':u': { SS: ['karl'] } } });
    await del('karl2');
    assert.deepEqual(await item(key), { ...key, users: { SS: ['karl'] } });
    await del('karl');
    assert.deepEqual(await item(key), key);
  });

  it('ADD of an empty string set is refused, whether or not the attribute exists', async () => {
    const key = { pk: S('empty-set') };
    const add = { TableName: TH, Key: key, UpdateExpression: 'ADD stringset :e', ExpressionAttributeValues: { ':e': { SS: [] } } };
    // In the envelope and without the "contains invalid value … for key" wrapper moto recorded
    // (the current value layer: live DynamoDB 2026, conformance suite valueLayers).
    const message = enveloped('One or more parameter values were invalid: An string set  may not be empty');
    await ok('PutItem', { TableName: TH, Item: key });
    await assertValidation(t, 'UpdateItem', add, message);
    assert.deepEqual(await item(key), key);
    await ok('PutItem', { TableName: TH, Item: { ...key, stringset: { SS: ['item1'] } } });
    await assertValidation(t, 'UpdateItem', add, message);
    assert.deepEqual(await item(key), { ...key, stringset: { SS: ['item1'] } });
  });

  it('REMOVE takes a list element and a top-level attribute in one clause', async () => {
    const key = { pk: S('remove-two') };
    const jane = { M: { name: S('Jane') } };
    await ok('PutItem', { TableName: TH, Item: { ...key, user_list: { L: [{ M: { name: S('John') } }, jane] }, some_param: { NULL: true } } });
    await ok('UpdateItem', { TableName: TH, Key: key, UpdateExpression: 'REMOVE #l[0], some_param', ExpressionAttributeNames: { '#l': 'user_list' } });
    assert.deepEqual(await item(key), { ...key, user_list: { L: [jane] } });
  });
});

describe('moto aws_verified: write transactions', () => {
  it('a failed Put condition cancels all; ALL_OLD puts the old item in that reason only', async () => {
    await ok('PutItem', { TableName: TH, Item: { pk: S('foo2') } });
    for (const returnOld of [false, true]) {
      const r = await t.raw('TransactWriteItems', {
        TransactItems: [0, 1, 2, 3, 4].map((i) => ({
          Put: {
            TableName: TH,
            Item: { pk: S(`foo${i}`), foo: S('bar') },
            ConditionExpression: '#i <> :i',
            ExpressionAttributeNames: { '#i': 'pk' },
            ExpressionAttributeValues: { ':i': S('foo2') },
            ...(returnOld ? { ReturnValuesOnConditionCheckFailure: 'ALL_OLD' } : {}),
          },
        })),
      });
      assert.equal(r.status, 400);
      assert.equal(r.json?.__type, 'com.amazonaws.dynamodb.v20120810#TransactionCanceledException');
      const failed = { Code: 'ConditionalCheckFailed', Message: 'The conditional request failed', ...(returnOld ? { Item: { pk: S('foo2') } } : {}) };
      assert.deepEqual(r.json?.CancellationReasons, [{ Code: 'None' }, { Code: 'None' }, failed, { Code: 'None' }, { Code: 'None' }]);
    }
    for (const i of [0, 1, 3, 4]) assert.equal(await item({ pk: S(`foo${i}`) }), undefined);
  });

  it('an Update with two SET sections is refused before the key is checked', async () => {
    await assertValidation(
      t,
      'TransactWriteItems',
      {
        TransactItems: [
          {
            Update: {
              TableName: TR,
              Key: { pk: S('s') },
              UpdateExpression: 'SET expire_at_utc = :e SET is_final = :t ADD version :one',
              ExpressionAttributeValues: { ':t': { BOOL: true }, ':one': N('1'), ':e': S('asdf') },
            },
          },
        ],
      },
      'Invalid UpdateExpression: The "SET" section can only be used once in an update expression;',
    );
    await ok('TransactWriteItems', {
      TransactItems: [{ Update: { TableName: TR, Key: { pk: S('s'), sk: S('t') }, UpdateExpression: 'SET a1 = :v1, a2 = :v2', ExpressionAttributeValues: { ':v1': S('v1'), ':v2': S('v1') } } }],
    });
    assert.deepEqual(await item({ pk: S('s'), sk: S('t') }, TR), { pk: S('s'), sk: S('t'), a1: S('v1'), a2: S('v1') });
  });

  it('a Put and a Delete of the same item are refused', async () => {
    const key = { pk: S('test-pk'), sk: S('test-sk') };
    await assertValidation(
      t,
      'TransactWriteItems',
      { TransactItems: [{ Put: { TableName: TR, Item: { ...key, field: S('f') } } }, { Delete: { TableName: TR, Key: key } }] },
      'Transaction request cannot include multiple operations on one item',
    );
  });

  it('an Update with an empty string key names the key attribute', async () => {
    await assertValidation(
      t,
      'TransactWriteItems',
      { TransactItems: [{ Update: { TableName: TH, Key: { pk: S('') }, UpdateExpression: 'SET sth = :v', ExpressionAttributeValues: { ':v': N('0') } } }] },
      'One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an empty string value. Key: pk',
    );
  });
});
