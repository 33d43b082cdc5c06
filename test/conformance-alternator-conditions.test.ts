/**
 * Legacy condition parameters (Expected, QueryFilter, ScanFilter and ConditionalOperator) at the
 * edges DynamoDB pins down: how many conditions ConditionalOperator needs, and the order in which
 * the expression/non-expression mixing message lists the parameters. Texts as DynamoDB returns them
 * (suites run against AWS, dynalite's recordings).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestEddy, type TestEddy, uniqueName } from './helpers/eddy.js';
import { enveloped } from './helpers/conformance.js';

type Json = Record<string, unknown>;

const NEEDS_CONDITIONS = 'ConditionalOperator cannot be used without Filter or Expected';
const NEEDS_TWO = 'ConditionalOperator can only be used when Filter or Expected has two or more elements';
const mixing = (legacy: string, expressions: string): string =>
  'Can not use both expression and non-expression parameters in the same request: ' +
  `Non-expression parameters: {${legacy}} Expression parameters: {${expressions}}`;

const S = (s: string) => ({ S: s });
const eq = (v: string) => ({ ComparisonOperator: 'EQ', AttributeValueList: [S(v)] });

let t: TestEddy;
let table: string;

before(async () => {
  t = await startTestEddy();
  table = uniqueName('legacycond');
  const created = await t.raw('CreateTable', {
    TableName: table, BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
    KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
  });
  assert.equal(created.status, 200);
  const put = await t.raw('PutItem', { TableName: table, Item: { pk: S('k1'), a: S('x'), b: S('y') } });
  assert.equal(put.status, 200);
});
after(async () => t.stop());

/** Sends the request and returns the ValidationException message (or 'ok' / the other error). */
async function message(op: string, body: Json): Promise<string> {
  const r = await t.raw(op, { TableName: table, ...body });
  if (r.status === 200) return 'ok';
  const json = r.json as Json | undefined;
  const type = String(json?.__type);
  return type.endsWith('#ValidationException') ? String(json?.message) : `${type}: ${String(json?.message)}`;
}

describe('ConditionalOperator needs two or more legacy conditions', () => {
  it('rejects a single Expected condition on PutItem, UpdateItem and DeleteItem', async () => {
    assert.equal(await message('PutItem', { Item: { pk: S('k2') }, Expected: { a: eq('x') }, ConditionalOperator: 'AND' }), enveloped(NEEDS_TWO));
    assert.equal(await message('DeleteItem', { Key: { pk: S('k1') }, Expected: { a: eq('x') }, ConditionalOperator: 'OR' }), enveloped(NEEDS_TWO));
    assert.equal(await message('UpdateItem', {
      Key: { pk: S('k1') }, Expected: { a: eq('x') }, ConditionalOperator: 'OR',
      AttributeUpdates: { c: { Action: 'PUT', Value: S('v') } },
    }), enveloped(NEEDS_TWO));
    // Nothing was written or deleted.
    const got = await t.raw('GetItem', { TableName: table, Key: { pk: S('k1') }, ConsistentRead: true });
    assert.deepEqual((got.json as Json).Item, { pk: S('k1'), a: S('x'), b: S('y') });
  });

  it('rejects a single ScanFilter or QueryFilter condition', async () => {
    assert.equal(await message('Scan', { ScanFilter: { a: eq('x') }, ConditionalOperator: 'AND' }), NEEDS_TWO);
    assert.equal(await message('Query', {
      KeyConditions: { pk: eq('k1') }, QueryFilter: { a: eq('x') }, ConditionalOperator: 'AND',
    }), NEEDS_TWO);
  });

  it('still accepts two conditions', async () => {
    assert.equal(await message('DeleteItem', {
      Key: { pk: S('nothing-here') }, Expected: { a: { ComparisonOperator: 'NULL' }, b: { ComparisonOperator: 'NULL' } }, ConditionalOperator: 'OR',
    }), 'ok');
    const r = await t.raw('Scan', { TableName: table, ScanFilter: { a: eq('x'), b: eq('nope') }, ConditionalOperator: 'OR' });
    assert.equal(r.status, 200);
    assert.equal((r.json as Json).Count, 1);
  });

  it('reports missing conditions before a Query without any key condition', async () => {
    assert.equal(await message('Query', { ConditionalOperator: 'AND' }), NEEDS_CONDITIONS);
    assert.equal(await message('Query', { KeyConditions: { pk: eq('k1') }, ConditionalOperator: 'AND' }), NEEDS_CONDITIONS);
    assert.equal(await message('UpdateItem', { Key: { pk: S('k1') }, ConditionalOperator: 'AND' }), enveloped(NEEDS_CONDITIONS));
  });
});

describe('expression/non-expression mixing message order', () => {
  it('UpdateItem lists AttributeUpdates, Expected, ConditionalOperator', async () => {
    assert.equal(await message('UpdateItem', {
      Key: { pk: S('k1') },
      AttributeUpdates: { a: { Action: 'PUT', Value: S('v') } },
      Expected: { a: eq('x') },
      ConditionalOperator: 'AND',
      UpdateExpression: 'SET a = :v',
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeValues: { ':v': S('x') },
    }), enveloped(mixing('AttributeUpdates, Expected, ConditionalOperator', 'UpdateExpression, ConditionExpression')));
    assert.equal(await message('UpdateItem', {
      Key: { pk: S('k1') },
      AttributeUpdates: { a: { Action: 'PUT', Value: S('v') } },
      Expected: { a: eq('x') },
      ConditionExpression: 'attribute_exists(pk)',
    }), enveloped(mixing('AttributeUpdates, Expected', 'ConditionExpression')));
  });

  it('PutItem lists Expected before ConditionalOperator', async () => {
    assert.equal(await message('PutItem', {
      Item: { pk: S('k2') }, Expected: { a: eq('x') }, ConditionalOperator: 'AND', ConditionExpression: 'attribute_exists(pk)',
    }), enveloped(mixing('Expected, ConditionalOperator', 'ConditionExpression')));
  });

  it('Scan and Query keep their filter-first order', async () => {
    assert.equal(await message('Scan', {
      AttributesToGet: ['a'], ScanFilter: { a: eq('x') }, ConditionalOperator: 'AND',
      FilterExpression: 'a = :v', ProjectionExpression: 'b', ExpressionAttributeValues: { ':v': S('x') },
    }), mixing('AttributesToGet, ScanFilter, ConditionalOperator', 'ProjectionExpression, FilterExpression'));
    assert.equal(await message('Query', {
      KeyConditions: { pk: eq('k1') }, QueryFilter: { a: eq('x') }, ConditionalOperator: 'AND',
      KeyConditionExpression: 'pk = :p', FilterExpression: 'a = :v', ProjectionExpression: 'b',
      ExpressionAttributeValues: { ':p': S('k1'), ':v': S('x') },
    }), mixing('QueryFilter, ConditionalOperator, KeyConditions', 'ProjectionExpression, FilterExpression, KeyConditionExpression'));
  });
});

describe('condition expressions at the nesting and operator limits', () => {
  /** Message of a conditional UpdateItem whose ConditionExpression compares a and b. */
  async function conditionMessage(condition: string): Promise<string> {
    return message('UpdateItem', {
      Key: { pk: S('k3') }, UpdateExpression: 'SET z = :one', ConditionExpression: condition,
      ExpressionAttributeValues: { ':one': { N: '1' } },
    });
  }

  it('reports operator count 301 however far past the limit the expression goes', async () => {
    assert.equal(await message('PutItem', { Item: { pk: S('k3'), a: { N: '1' }, b: { N: '2' } } }), 'ok');
    // 149 nested "or (a<b" groups make 299 operators: accepted.
    assert.equal(await conditionMessage(`a<b ${'or (a<b '.repeat(149)}${')'.repeat(149)}`), 'ok');
    const tooMany = enveloped('Invalid ConditionExpression: The expression contains too many operators; operator count: 301');
    assert.equal(await conditionMessage(`a<b ${'or (a<b '.repeat(150)}${')'.repeat(150)}`), tooMany);
    // 909 operators, still under 4 KB: DynamoDB still says 301.
    assert.equal(await conditionMessage(`a<b ${'or (a<b '.repeat(454)}${')'.repeat(454)}`), tooMany);
    assert.equal(await conditionMessage(`${'not '.repeat(1000)}a<b`), tooMany);
  });

  it('answers thousands of nested parentheses with a validation error, not a 500', async () => {
    assert.equal(await conditionMessage('('.repeat(4096)), enveloped('Invalid ConditionExpression: Syntax error; token: "<EOF>", near: "("'));
    assert.equal(await conditionMessage(`${'('.repeat(3000)}a<b`), enveloped('Invalid ConditionExpression: Syntax error; token: "<EOF>", near: "b"'));
    assert.equal(await conditionMessage(`${'('.repeat(2046)}a<b${')'.repeat(2046)}`), enveloped('Invalid ConditionExpression: The expression has redundant parentheses;'));
    assert.equal(await message('Scan', { FilterExpression: '('.repeat(4000) }), 'Invalid FilterExpression: Syntax error; token: "<EOF>", near: "("');
    assert.equal(await message('UpdateItem', { Key: { pk: S('k3') }, UpdateExpression: `SET a = ${'('.repeat(4000)}` }),
      enveloped('Invalid UpdateExpression: Syntax error; token: "<EOF>", near: "("'));
  });
});
