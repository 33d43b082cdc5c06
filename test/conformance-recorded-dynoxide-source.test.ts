/**
 * SearchVectors behaviour that nubo-db/dynoxide records in its source comments as captured on live
 * DynamoDB (src/actions/search_vectors.rs: eu-west-2 and us-east-1 on 2026-08-13, eu-west-2 on
 * 2026-08-19), where Eddy answered otherwise. The measurements are DynamoDB's; the tests are ours.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { assertValidation, enveloped, rawOk } from './helpers/conformance.js';
import { startTestEddy, uniqueName, type TestEddy } from './helpers/eddy.js';

let t: TestEddy;
let table: string;
type Json = Record<string, unknown>;
const N = (n: string) => ({ N: n });
const BIG = '3e38'; // a finite f32 whose squares, sums and products are far past the f32 range

before(async () => {
  t = await startTestEddy();
  table = uniqueName('dxs');
  const index = (IndexName: string, DistanceFunction: string, extra: Json = {}) => ({
    IndexName,
    VectorAttribute: { AttributeName: 'v' },
    Dimensions: 2,
    DistanceFunction,
    Projection: { ProjectionType: 'ALL' },
    ...extra,
  });
  await rawOk(t, 'CreateTable', {
    TableName: table,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: ['pk', 'tenant', 'colour'].map((n) => ({ AttributeName: n, AttributeType: 'S' })),
    KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
    VectorIndexes: [
      index('dots', 'DOT_PRODUCT'),
      index('line', 'EUCLIDEAN'),
      index('scoped', 'COSINE', {
        SearchSchema: [
          { AttributeName: 'tenant', SearchSchemaElementType: 'HASH' },
          { AttributeName: 'colour', SearchSchemaElementType: 'INLINE_FILTER' },
        ],
      }),
    ],
  });
  await rawOk(t, 'PutItem', { TableName: table, Item: { pk: { S: 'big' }, v: { L: [N(BIG), N(BIG)] }, tenant: { S: 't1' }, colour: { S: 'red' } } });
});

after(async () => {
  await t.stop();
});

const search = (extra: Json): Json => ({ TableName: table, IndexName: 'scoped', SearchVector: [N('1'), N('0')], TopK: 1, ...extra });
const scoped = (expression: string, values: Json): Json =>
  search({ SearchConditionExpression: expression, ExpressionAttributeValues: values });

describe('SearchVectors request constraints (dynoxide src/actions/search_vectors.rs)', () => {
  it('words a short IndexName without echoing it, at the capitalised member', async () => {
    await assertValidation(t, 'SearchVectors', search({ IndexName: 'ab' }),
      enveloped("Value at 'IndexName' failed to satisfy constraint: Member must have length greater than or equal to 3"));
  });

  it('refuses an empty SearchVector as a length constraint, not as a dimension mismatch', async () => {
    await assertValidation(t, 'SearchVectors', search({ SearchVector: [] }),
      enveloped("Value at 'SearchVector' failed to satisfy constraint: Member must have length greater than or equal to 1"));
  });
});

describe('SearchConditionExpression (dynoxide src/actions/search_vectors.rs)', () => {
  const t1 = { ':t': { S: 't1' } };

  it('refuses a condition on a nested attribute', async () => {
    await assertValidation(t, 'SearchVectors', scoped('tenant = :t AND colour.shade = :c', { ...t1, ':c': { S: 'red' } }),
      'Invalid SearchConditionExpression: SearchConditionExpression cannot have conditions on nested attributes');
  });

  it('refuses two conditions on one attribute, even when they agree', async () => {
    await assertValidation(t, 'SearchVectors', scoped('tenant = :t AND tenant = :t', t1),
      'Invalid SearchConditionExpression: SearchConditionExpression must only contain one condition per attribute');
  });

  it('refuses a HASH operand of another type than the attribute definition', async () => {
    await assertValidation(t, 'SearchVectors', scoped('tenant = :t', { ':t': N('1') }),
      "Type of 'tenant' attribute in SearchConditionExpression (N) does not match type in search schema (S)");
  });

  it('refuses an empty-string HASH operand as an empty key value', async () => {
    await assertValidation(t, 'SearchVectors', scoped('tenant = :t', { ':t': { S: '' } }),
      'One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an empty string value. Key: tenant');
  });
});

describe('SearchVectors scores past the f32 range (dynoxide src/actions/search_vectors.rs)', () => {
  const F32_MAX = 3.4028234663852886e38;
  const scoreOf = async (IndexName: string, vector: string[]): Promise<unknown> => {
    const out = await rawOk(t, 'SearchVectors', { TableName: table, IndexName, SearchVector: vector.map(N), TopK: 1 });
    return (out.SearchResults as { Score: unknown }[])[0]?.Score;
  };

  it('holds an overflowing EUCLIDEAN distance at the largest f32', async () => {
    assert.equal(await scoreOf('line', [`-${BIG}`, `-${BIG}`]), F32_MAX);
  });

  it('holds an overflowing DOT_PRODUCT at the largest f32, with its sign', async () => {
    assert.equal(await scoreOf('dots', [BIG, BIG]), F32_MAX);
    assert.equal(await scoreOf('dots', [`-${BIG}`, `-${BIG}`]), -F32_MAX);
  });
});
