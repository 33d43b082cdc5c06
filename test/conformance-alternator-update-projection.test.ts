/**
 * Update and projection expression edge cases found by running ScyllaDB alternator's
 * test_update_expression.py / test_projection_expression.py (validated against live DynamoDB)
 * against Eddy, plus neighbouring cases whose DynamoDB behaviour is recorded in public reports.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { assertValidation, enveloped, rawOk } from './helpers/conformance.js';
import { startTestEddy, type TestEddy, uniqueName } from './helpers/eddy.js';

type Json = Record<string, unknown>;

let t: TestEddy;
let table: string;

before(async () => {
  t = await startTestEddy();
  table = uniqueName('aup');
  const r = await t.raw('CreateTable', {
    TableName: table,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [{ AttributeName: 'p', AttributeType: 'S' }],
    KeySchema: [{ AttributeName: 'p', KeyType: 'HASH' }],
  });
  assert.equal(r.status, 200, JSON.stringify(r.json));
});
after(async () => t.stop());

const ok = (op: string, body: Json): Promise<Json> => rawOk(t, op, body);

const key = (p: string) => ({ p: { S: p } });

describe('list indexes beyond the allowable range', () => {
  const range = (kind: string, index: string) =>
    `Invalid ${kind}: List index is not within the allowable range; index: [${index}]`;

  it('ProjectionExpression refuses an index above 4294967294 even when the item is absent', async () => {
    await ok('PutItem', { TableName: table, Item: { p: { S: 'r1' }, l: { L: [{ S: 'x' }] } } });
    for (const index of ['4294967295', '99999999999999', '123456789012345678901234567890']) {
      await assertValidation(
        t,
        'GetItem',
        { TableName: table, Key: key('r1'), ProjectionExpression: `l[${index}]` },
        range('ProjectionExpression', index),
      );
      await assertValidation(
        t,
        'GetItem',
        { TableName: table, Key: key('no-such-item'), ProjectionExpression: `a, l[${index}].b` },
        range('ProjectionExpression', index),
      );
    }
  });

  it('the largest allowed index reads nothing instead of failing', async () => {
    const r = await ok('GetItem', { TableName: table, Key: key('r1'), ProjectionExpression: 'l[4294967294]' });
    assert.deepEqual(r.Item, {});
  });

  it('UpdateExpression refuses it on either side of SET and in REMOVE, leaving the item alone', async () => {
    await ok('PutItem', { TableName: table, Item: { p: { S: 'r2' }, l: { L: [{ S: 'x' }] } } });
    const cases: Json[] = [
      { UpdateExpression: 'SET l[4294967295] = :v', ExpressionAttributeValues: { ':v': { S: 'y' } } },
      { UpdateExpression: 'SET q = l[4294967295]' },
      { UpdateExpression: 'REMOVE l[4294967295]' },
    ];
    for (const c of cases) {
      await assertValidation(t, 'UpdateItem', { TableName: table, Key: key('r2'), ...c }, enveloped(range('UpdateExpression', '4294967295')));
    }
    const got = await ok('GetItem', { TableName: table, Key: key('r2'), ConsistentRead: true });
    assert.deepEqual(got.Item, { p: { S: 'r2' }, l: { L: [{ S: 'x' }] } });
  });

  it('an in-range index past the end still appends', async () => {
    const r = await ok('UpdateItem', {
      TableName: table,
      Key: key('r2'),
      UpdateExpression: 'SET l[4294967294] = :v',
      ExpressionAttributeValues: { ':v': { S: 'y' } },
      ReturnValues: 'ALL_NEW',
    });
    assert.deepEqual(r.Attributes, { p: { S: 'r2' }, l: { L: [{ S: 'x' }, { S: 'y' }] } });
  });

  it('condition and filter expressions use the same check', async () => {
    await assertValidation(
      t,
      'PutItem',
      { TableName: table, Item: { p: { S: 'r3' } }, ConditionExpression: 'attribute_not_exists(l[4294967295])' },
      enveloped(range('ConditionExpression', '4294967295')),
    );
    await assertValidation(
      t,
      'Scan',
      { TableName: table, FilterExpression: 'l[99999999999999] = :v', ExpressionAttributeValues: { ':v': { S: 'x' } } },
      range('FilterExpression', '99999999999999'),
    );
  });

  it('a syntax error elsewhere in the expression is reported first', async () => {
    await assertValidation(
      t,
      'GetItem',
      { TableName: table, Key: key('r1'), ProjectionExpression: 'l[4294967295],' },
      'Invalid ProjectionExpression: Syntax error; token: "<EOF>", near: ","',
    );
  });
});

describe('a lone # or : in an expression', () => {
  it('is a syntax error at that character, even when the maps hold other placeholders', async () => {
    await assertValidation(
      t,
      'UpdateItem',
      {
        TableName: table,
        Key: key('lone'),
        UpdateExpression: 'SET # = :v',
        ExpressionAttributeNames: { '#a': 'x' },
        ExpressionAttributeValues: { ':v': { N: '1' } },
      },
      enveloped('Invalid UpdateExpression: Syntax error; token: "#", near: "SET # ="'),
    );
    await assertValidation(
      t,
      'UpdateItem',
      { TableName: table, Key: key('lone'), UpdateExpression: 'SET a = :', ExpressionAttributeValues: { ':a': { N: '1' } } },
      enveloped('Invalid UpdateExpression: Syntax error; token: ":", near: "= :"'),
    );
    await assertValidation(
      t,
      'GetItem',
      { TableName: table, Key: key('lone'), ProjectionExpression: 'a, #', ExpressionAttributeNames: { '#a': 'x' } },
      'Invalid ProjectionExpression: Syntax error; token: "#", near: ", #"',
    );
  });

  it('a lone # used as a map key is refused before the expression is parsed', async () => {
    await assertValidation(
      t,
      'UpdateItem',
      {
        TableName: table,
        Key: key('lone'),
        UpdateExpression: 'SET # = :v',
        ExpressionAttributeNames: { '#': 'x' },
        ExpressionAttributeValues: { ':v': { N: '1' } },
      },
      enveloped('ExpressionAttributeNames contains invalid key: Syntax error; key: "#"'),
    );
  });
});

describe('document path depth', () => {
  it('32 levels are accepted and 33 are refused with the count', async () => {
    const deep = (levels: number) => ['a', ...Array.from({ length: levels - 1 }, () => 'b')].join('.');
    const r = await ok('GetItem', { TableName: table, Key: key('depth'), ProjectionExpression: deep(32) });
    assert.equal(r.Item, undefined);
    await assertValidation(
      t,
      'GetItem',
      { TableName: table, Key: key('depth'), ProjectionExpression: deep(33) },
      'Invalid ProjectionExpression: The document path has too many nesting levels; nesting levels: 33',
    );
  });
});
