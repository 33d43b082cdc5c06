/**
 * Secondary-index behaviour found by running ScyllaDB alternator's test_gsi.py and test_lsi.py
 * (written against live DynamoDB) against Eddy. Each case here is one Eddy used to get wrong.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestEddy, uniqueName, type TestEddy } from './helpers/eddy.js';
import { rawOk } from './helpers/conformance.js';

let t: TestEddy;
type Json = Record<string, unknown>;
const S = (s: string): Json => ({ S: s });
const K = (n: string, type: 'HASH' | 'RANGE') => ({ AttributeName: n, KeyType: type });
const A = (n: string) => ({ AttributeName: n, AttributeType: 'S' });

const ok = (op: string, body: Json): Promise<Json> => rawOk(t, op, body);
async function rejects(op: string, body: Json, message: string): Promise<void> {
  const r = await t.raw(op, body);
  assert.equal(r.status, 400, `${op} should fail: ${JSON.stringify(r.json)}`);
  assert.equal(String(r.json?.__type).split('#')[1], 'ValidationException');
  assert.equal(r.json?.message, message);
}

// Base key (p, c); LSI "bysort" on (p, s) with KEYS_ONLY; GSI "byg" on g projecting only "inc".
let name: string;
before(async () => {
  t = await startTestEddy();
  name = uniqueName('altidx');
  await ok('CreateTable', {
    TableName: name,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [A('p'), A('c'), A('s'), A('g')],
    KeySchema: [K('p', 'HASH'), K('c', 'RANGE')],
    LocalSecondaryIndexes: [{ IndexName: 'bysort', KeySchema: [K('p', 'HASH'), K('s', 'RANGE')], Projection: { ProjectionType: 'KEYS_ONLY' } }],
    GlobalSecondaryIndexes: [
      { IndexName: 'byg', KeySchema: [K('g', 'HASH')], Projection: { ProjectionType: 'INCLUDE', NonKeyAttributes: ['inc'] } },
    ],
  });
  for (let i = 0; i < 4; i++) {
    const n = String(i);
    await ok('PutItem', { TableName: name, Item: { p: S('P'), c: S(n), s: S(n), g: S('G'), inc: S(n), extra: S(n), note: S(n) } });
  }
});
after(async () => t.stop());

describe('Query filters on a secondary index may only read projected attributes', () => {
  const notProjected = (index: string, attrs: string) =>
    `One or more parameter values were invalid: Secondary index ${index} does not project one or more filter attributes: [${attrs}]`;
  const onLsi = { KeyConditionExpression: 'p = :p', ExpressionAttributeValues: { ':p': S('P'), ':v': S('2') } };

  it('rejects a FilterExpression on an unprojected attribute of a KEYS_ONLY LSI', async () => {
    await rejects('Query', { TableName: name, IndexName: 'bysort', FilterExpression: 'extra = :v', ...onLsi }, notProjected('bysort', 'extra'));
  });

  it('still rejects it when the LSI rows are completed from the table', async () => {
    await rejects(
      'Query',
      { TableName: name, IndexName: 'bysort', Select: 'ALL_ATTRIBUTES', FilterExpression: 'extra = :v', ...onLsi },
      notProjected('bysort', 'extra'),
    );
    await rejects(
      'Query',
      { TableName: name, IndexName: 'bysort', ProjectionExpression: 'extra', FilterExpression: 'extra = :v', ...onLsi },
      notProjected('bysort', 'extra'),
    );
  });

  it('lists every missing attribute once, sorted, and also checks QueryFilter', async () => {
    await rejects(
      'Query',
      { TableName: name, IndexName: 'bysort', FilterExpression: 'note = :v OR extra = :v OR note.x = :v', ...onLsi },
      notProjected('bysort', 'extra, note'),
    );
    await rejects(
      'Query',
      {
        TableName: name,
        IndexName: 'bysort',
        KeyConditions: { p: { ComparisonOperator: 'EQ', AttributeValueList: [S('P')] } },
        QueryFilter: { extra: { ComparisonOperator: 'EQ', AttributeValueList: [S('2')] } },
      },
      notProjected('bysort', 'extra'),
    );
  });

  it('uses the same words for a GSI with an INCLUDE projection', async () => {
    const body = { TableName: name, IndexName: 'byg', KeyConditionExpression: 'g = :g', ExpressionAttributeValues: { ':g': S('G'), ':v': S('2') } };
    await rejects('Query', { ...body, FilterExpression: 'extra = :v' }, notProjected('byg', 'extra'));
    const hit = await ok('Query', { ...body, FilterExpression: 'inc = :v' });
    assert.equal(hit.Count, 1);
  });

  it('allows the base table key that is not part of the index key, even when fetching extra attributes', async () => {
    const r = await ok('Query', { TableName: name, IndexName: 'bysort', FilterExpression: 'c = :v', ProjectionExpression: 'extra', ...onLsi });
    assert.deepEqual(r.Items, [{ extra: S('2') }]);
  });

  it('keys of the index itself keep their own message', async () => {
    await rejects(
      'Query',
      { TableName: name, IndexName: 'bysort', FilterExpression: 's = :v', ...onLsi },
      'Filter Expression can only contain non-primary key attributes: Primary key attribute: s',
    );
  });

  it('Scan has no such rule: the filter sees unprojected attributes as absent', async () => {
    const r = await ok('Scan', { TableName: name, IndexName: 'bysort', FilterExpression: 'extra = :v', ExpressionAttributeValues: { ':v': S('2') } });
    assert.equal(r.Count, 0);
    assert.equal(r.ScannedCount, 4);
  });
});
