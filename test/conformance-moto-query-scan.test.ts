/**
 * Query/Scan behaviour that moto's AWS-verified tests (getmoto/moto tests/test_dynamodb) record
 * from real DynamoDB: Select validation messages and the Select enum listing.
 */
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
