/**
 * Query/Scan behaviour that moto's AWS-verified tests (getmoto/moto tests/test_dynamodb) record
 * from real DynamoDB: Select validation messages and the Select enum listing.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestEddy, type TestEddy } from './helpers/eddy.js';
import { assertValidation, type ConformanceTables, createConformanceTables } from './helpers/conformance.js';

let t: TestEddy;
let T: ConformanceTables;
before(async () => {
  t = await startTestEddy();
  T = await createConformanceTables(t);
});
after(async () => t.stop());

const ENVELOPE = '1 validation error detected: ';
const byKey = () => ({ TableName: T.hash, KeyConditionExpression: 'a = :v', ExpressionAttributeValues: { ':v': { S: 'x' } } });

describe('Select validation on Query and Scan', () => {
  it('an unknown Select lists the enum in the order DynamoDB prints it', async () => {
    const listing = "Value 'count' at 'select' failed to satisfy constraint: Member must satisfy enum value set: [SPECIFIC_ATTRIBUTES, COUNT, ALL_ATTRIBUTES, ALL_PROJECTED_ATTRIBUTES]";
    await assertValidation(t, 'Query', { ...byKey(), Select: 'count' }, ENVELOPE + listing);
    await assertValidation(t, 'Scan', { TableName: T.hash, Select: 'count' }, ENVELOPE + listing);
  });

  it('ALL_PROJECTED_ATTRIBUTES without an index: Query wraps the message, Scan does not, both say "Querying"', async () => {
    const text = 'ALL_PROJECTED_ATTRIBUTES can be used only when Querying using an IndexName';
    await assertValidation(t, 'Query', { ...byKey(), Select: 'ALL_PROJECTED_ATTRIBUTES' }, ENVELOPE + text);
    await assertValidation(t, 'Scan', { TableName: T.hash, Select: 'ALL_PROJECTED_ATTRIBUTES' }, text);
  });

  it('SPECIFIC_ATTRIBUTES without a projection: only Query wraps the message', async () => {
    const text = 'Must specify the AttributesToGet or ProjectionExpression when choosing to get SPECIFIC_ATTRIBUTES';
    await assertValidation(t, 'Query', { ...byKey(), Select: 'SPECIFIC_ATTRIBUTES' }, ENVELOPE + text);
    await assertValidation(t, 'Scan', { TableName: T.hash, Select: 'SPECIFIC_ATTRIBUTES' }, text);
  });
});

// Not from an AWS-verified test: moto's emulation expects these texts (the same one DynamoDB gives
// for an empty key in GetItem/PutItem). Only equality is refused; other operators are our choice.
describe('Query with an empty key value', () => {
  const empty = (name: string, what = 'string') =>
    `One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an empty ${what} value. Key: ${name}`;

  it('an equality with "" on the partition or the sort key is refused, naming the key', async () => {
    await assertValidation(t, 'Query', { TableName: T.range, KeyConditionExpression: 'a = :v', ExpressionAttributeValues: { ':v': { S: '' } } }, empty('a'));
    await assertValidation(
      t,
      'Query',
      { TableName: T.range, KeyConditionExpression: 'a = :h AND b = :v', ExpressionAttributeValues: { ':h': { S: 'x' }, ':v': { S: '' } } },
      empty('b'),
    );
    await assertValidation(
      t,
      'Query',
      { TableName: T.rangeB, KeyConditionExpression: 'a = :h AND b = :v', ExpressionAttributeValues: { ':h': { S: 'x' }, ':v': { B: '' } } },
      empty('b', 'binary'),
    );
    await assertValidation(t, 'Query', { TableName: T.range, KeyConditions: { a: { ComparisonOperator: 'EQ', AttributeValueList: [{ S: '' }] } } }, empty('a'));
  });

  // Other sort-key operators with "" are refused too (aux-storage's query tests record the text for
  // begins_with, ministack PR 1067 the refusal); see conformance-recorded-aux-storage.test.ts.
  it('other sort-key operators with "" are refused the same way', async () => {
    await assertValidation(
      t,
      'Query',
      { TableName: T.range, KeyConditionExpression: 'a = :h AND b > :v', ExpressionAttributeValues: { ':h': { S: 'no-such-partition' }, ':v': { S: '' } } },
      empty('b'),
    );
  });
});

// The BatchGetItem API reference: a response of items of 300 KB each holds fewer of them "so as
// not to exceed the 16 MB limit"; moto's emulation expects 55 of 75 such items.
describe('BatchGetItem at the 16 MB response limit', () => {
  it('stops before the item that would take the response past 16 MB', async () => {
    const payload = 'x'.repeat(300_000);
    const keys = Array.from({ length: 60 }, (_, i) => ({ a: { S: `k${String(i).padStart(2, '0')}` } }));
    for (const key of keys) {
      const put = await t.raw('PutItem', { TableName: T.hash, Item: { ...key, v: { S: payload } } });
      assert.equal(put.status, 200);
    }
    // Each item is 300,005 bytes (names a and v, a 3-byte key): 55 fit in 16 MiB, 56 do not.
    const r = await t.raw('BatchGetItem', { RequestItems: { [T.hash]: { Keys: keys } } });
    assert.equal(r.status, 200);
    const got = (r.json?.Responses as Record<string, unknown[]>)[T.hash] ?? [];
    const left = (r.json?.UnprocessedKeys as Record<string, { Keys: unknown[] }>)[T.hash]?.Keys ?? [];
    assert.equal(got.length, 55);
    assert.equal(left.length, 5);
  });
});
