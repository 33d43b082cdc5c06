/**
 * Query/Scan behaviour pinned by a conformance suite whose cases were run against live DynamoDB
 * (eu-west-2, 2026): the order of the Select checks and what size() counts in a string.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestEddy, type TestEddy } from './helpers/eddy.js';
import { assertValidation, type ConformanceTables, createConformanceTables, rawOk } from './helpers/conformance.js';

let t: TestEddy;
let T: ConformanceTables;
before(async () => {
  t = await startTestEddy();
  T = await createConformanceTables(t);
});
after(async () => t.stop());

const ENVELOPE = '1 validation error detected: ';

describe('Select ALL_PROJECTED_ATTRIBUTES with a projection and no index', () => {
  it('names the projection rule, not the missing index (Query wraps it, Scan does not)', async () => {
    const text = 'Cannot specify the ProjectionExpression when choosing to get ALL_PROJECTED_ATTRIBUTES';
    const query = { TableName: T.range, KeyConditionExpression: 'a = :v', ExpressionAttributeValues: { ':v': { S: 'x' } } };
    await assertValidation(t, 'Query', { ...query, Select: 'ALL_PROJECTED_ATTRIBUTES', ProjectionExpression: 'b' }, ENVELOPE + text);
    await assertValidation(t, 'Scan', { TableName: T.hash, Select: 'ALL_PROJECTED_ATTRIBUTES', ProjectionExpression: 'a' }, text);
  });

  it('still reports the missing index when no projection is given', async () => {
    const text = 'ALL_PROJECTED_ATTRIBUTES can be used only when Querying using an IndexName';
    await assertValidation(t, 'Scan', { TableName: T.hash, Select: 'ALL_PROJECTED_ATTRIBUTES' }, text);
  });
});

describe('size() of a string', () => {
  it('counts UTF-16 code units: an accented letter is 1, an astral character is 2', async () => {
    // U+00E9 then U+1D11E: 3 code units, 2 code points, 6 UTF-8 bytes.
    await rawOk(t, 'PutItem', { TableName: T.hash, Item: { a: { S: 'size-utf16' }, s: { S: 'é\u{1d11e}' } } });
    const count = async (n: string): Promise<unknown> => {
      const reply = await rawOk(t, 'Scan', {
        TableName: T.hash,
        FilterExpression: 'a = :k AND size(s) = :n',
        ExpressionAttributeValues: { ':k': { S: 'size-utf16' }, ':n': { N: n } },
      });
      return reply.Count;
    };
    assert.equal(await count('3'), 1);
    assert.equal(await count('6'), 0);
    assert.equal(await count('2'), 0);
  });

  it('an absent attribute has no size, so size(x) = 0 matches nothing', async () => {
    await rawOk(t, 'PutItem', { TableName: T.hash, Item: { a: { S: 'size-absent' } } });
    const reply = await rawOk(t, 'Scan', {
      TableName: T.hash,
      FilterExpression: 'a = :k AND size(nope) = :z',
      ExpressionAttributeValues: { ':k': { S: 'size-absent' }, ':z': { N: '0' } },
    });
    assert.equal(reply.Count, 0);
  });
});
