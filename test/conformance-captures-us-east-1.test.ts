/**
 * Region policy: where the conformance project's captures record different answers for
 * us-east-1 and the suite's pinned eu-west-2, Eddy gives us-east-1's (its default region).
 * These cases pin the subjects where the two regions disagree in the 2026-10 captures
 * (registry of region splits, the 2026-10-07 sweep follow-up, the 2026-10-07 BatchWriteItem
 * and 2026-10-08 TransactGetItems runs), so a later "follow eu-west-2" change does not flip
 * them. Facts (exact texts) come from the captures; the cases are ours.
 */
import { after, before, describe, it } from 'node:test';
import { assertValidation, createHashTable, enveloped } from './helpers/conformance.js';
import { startTestEddy, type TestEddy } from './helpers/eddy.js';

let t: TestEddy;
let table: string;

before(async () => {
  t = await startTestEddy();
  table = await createHashTable(t, 'use1', 'pk');
});
after(async () => {
  await t.stop();
});

describe('Scan parameter checks keep the wording us-east-1 still gives (eu-west-2 moved in 2026-09)', () => {
  it('Segment not below TotalSegments carries the trailing detail', async () => {
    await assertValidation(t, 'Scan', { TableName: table, Segment: 5, TotalSegments: 5 },
      'The Segment parameter is zero-based and must be less than parameter TotalSegments: Segment: 5 is not less than TotalSegments: 5');
  });

  it('Limit 0 and a negative Segment echo the value at the lower-case member', async () => {
    await assertValidation(t, 'Scan', { TableName: table, Limit: 0 },
      enveloped("Value '0' at 'limit' failed to satisfy constraint: Member must have value greater than or equal to 1"));
    await assertValidation(t, 'Scan', { TableName: table, Segment: -1, TotalSegments: 4 },
      enveloped("Value '-1' at 'segment' failed to satisfy constraint: Member must have value greater than or equal to 0"));
  });

  it('a start key off the schema gets the long form; SPECIFIC_ATTRIBUTES alone is answered bare', async () => {
    await assertValidation(t, 'Scan', { TableName: table, ExclusiveStartKey: { other: { S: 'p' } } },
      'The provided starting key is invalid: The provided key element does not match the schema');
    await assertValidation(t, 'Scan', { TableName: table, Select: 'SPECIFIC_ATTRIBUTES' },
      'Must specify the AttributesToGet or ProjectionExpression when choosing to get SPECIFIC_ATTRIBUTES');
  });
});

describe('empty batch and transaction request lists as us-east-1 answers them', () => {
  it('BatchWriteItem keeps the required-parameter sentence; BatchGetItem uses the constraint text', async () => {
    await assertValidation(t, 'BatchWriteItem', { RequestItems: {} }, 'The requestItems parameter is required for BatchWriteItem');
    await assertValidation(t, 'BatchGetItem', { RequestItems: {} },
      enveloped("Value at 'RequestItems' failed to satisfy constraint: Member must have length greater than or equal to 1"));
  });

  it('TransactGetItems echoes the empty list (eu-west-2 was seen both ways)', async () => {
    await assertValidation(t, 'TransactGetItems', { TransactItems: [] },
      enveloped("Value '[]' at 'transactItems' failed to satisfy constraint: Member must have length greater than or equal to 1"));
  });
});
