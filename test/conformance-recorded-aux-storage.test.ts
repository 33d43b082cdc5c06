/**
 * DynamoDB answers pinned by the DynamoDB parity tests of u19r/aux-storage
 * (crates/storage-api/src/routes/*_tests.rs), where Eddy answered differently. The facts are
 * DynamoDB's as that project records them (and other sources corroborate, see each case); the
 * tests are ours.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { assertValidation, rawOk } from './helpers/conformance.js';
import { startTestEddy, uniqueName, type TestEddy } from './helpers/eddy.js';

let t: TestEddy;
let strings: string; // pk S + sk S
let binaries: string; // pk S + sk B

const EMPTY_SK = 'One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an empty string value. Key: sk';
const EMPTY_BINARY_SK = 'One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an empty binary value. Key: sk';
const RANGE_TOO_LARGE = 'One or more parameter values were invalid: Aggregated size of all range keys has exceeded the size limit of 1024 bytes';

async function createComposite(prefix: string, sortType: 'S' | 'B'): Promise<string> {
  const name = uniqueName(prefix);
  await rawOk(t, 'CreateTable', {
    TableName: name,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }, { AttributeName: 'sk', AttributeType: sortType }],
    KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }, { AttributeName: 'sk', KeyType: 'RANGE' }],
  });
  return name;
}

function query(table: string, condition: string, values: Record<string, unknown>): Record<string, unknown> {
  return { TableName: table, KeyConditionExpression: condition, ExpressionAttributeValues: values };
}

before(async () => {
  t = await startTestEddy();
  strings = await createComposite('auxs', 'S');
  binaries = await createComposite('auxb', 'B');
  await rawOk(t, 'PutItem', { TableName: strings, Item: { pk: { S: 'tenant' }, sk: { S: 'sort#001' } } });
});

after(async () => {
  await t.stop();
});

// query_tests.rs, query_validates_key_condition_values_against_key_limits. The same test pins the
// current-layer "numeric value: " text for an empty N key condition and the underflow text, both
// of which Eddy already gives from live captures; ministack PR 1067 records DynamoDB refusing empty
// operands in non-equality sort-key conditions, and linera-protocol PR 4893 notes that an empty
// begins_with prefix does not work against DynamoDB.
describe('Query: sort-key condition values are held to the key rules', () => {
  it('an empty begins_with prefix is refused with the empty-key message', async () => {
    await assertValidation(t, 'Query',
      query(strings, 'pk = :pk AND begins_with(sk, :prefix)', { ':pk': { S: 'tenant' }, ':prefix': { S: '' } }), EMPTY_SK);
  });

  it('empty operands of the other sort-key operators are refused the same way (inferred)', async () => {
    await assertValidation(t, 'Query', query(strings, 'pk = :pk AND sk < :v', { ':pk': { S: 'tenant' }, ':v': { S: '' } }), EMPTY_SK);
    await assertValidation(t, 'Query',
      query(strings, 'pk = :pk AND sk BETWEEN :lo AND :hi', { ':pk': { S: 'tenant' }, ':lo': { S: '' }, ':hi': { S: 'z' } }), EMPTY_SK);
    await assertValidation(t, 'Query',
      query(binaries, 'pk = :pk AND begins_with(sk, :prefix)', { ':pk': { S: 'tenant' }, ':prefix': { B: '' } }), EMPTY_BINARY_SK);
  });

  it('a sort-key value over 1024 bytes gets the range-key size message', async () => {
    const oversized = Buffer.alloc(1025).toString('base64');
    await assertValidation(t, 'Query',
      { ...query(binaries, 'pk = :pk AND sk = :sk', { ':pk': { S: 'tenant' }, ':sk': { B: oversized } }), Select: 'COUNT' }, RANGE_TOO_LARGE);
    await assertValidation(t, 'Query',
      query(strings, 'pk = :pk AND begins_with(sk, :prefix)', { ':pk': { S: 'tenant' }, ':prefix': { S: 'x'.repeat(1025) } }), RANGE_TOO_LARGE);
  });

  it('non-empty values within the limits still query normally', async () => {
    const exact = await rawOk(t, 'Query', query(strings, 'pk = :pk AND sk = :sk', { ':pk': { S: 'tenant' }, ':sk': { S: 'x'.repeat(1024) } }));
    assert.equal(exact.Count, 0);
    const prefix = await rawOk(t, 'Query', query(strings, 'pk = :pk AND begins_with(sk, :prefix)', { ':pk': { S: 'tenant' }, ':prefix': { S: 'sort#' } }));
    assert.equal(prefix.Count, 1);
  });

  it('a condition on the HASH key other than equality is still "not supported", empty or not', async () => {
    await assertValidation(t, 'Query', query(strings, 'begins_with(pk, :prefix)', { ':prefix': { S: '' } }), 'Query key condition not supported');
  });
});
