/**
 * Answers the pinned region (eu-west-2) gave in the conformance project's newest captures
 * (registry of region splits, the 2026-10-07 sweep follow-up, the 2026-09-20 cross-region probe
 * run), where us-east-1 answers the same. Each case is one answer Eddy gave differently before;
 * the facts (exact texts, outcomes) come from the captures, the cases are ours.
 */
import { after, before, describe, it } from 'node:test';
import { assertValidation, rawOk } from './helpers/conformance.js';
import { startTestEddy, uniqueName, type TestEddy } from './helpers/eddy.js';

let t: TestEddy;
let table: string;

before(async () => {
  t = await startTestEddy();
  table = uniqueName('cap');
  await rawOk(t, 'CreateTable', {
    TableName: table,
    AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
    KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
    BillingMode: 'PAY_PER_REQUEST',
  });
});
after(async () => {
  await t.stop();
});

const one = (text: string): string => `1 validation error detected: ${text}`;
const EMPTY_TABLE = "Value at 'TableName' failed to satisfy constraint: Member must have length greater than or equal to 1";
const RETURN_VALUES = 'Failed to satisfy constraint: Member must satisfy enum value set: [ALL_OLD, UPDATED_OLD, ALL_NEW, UPDATE_NEW, NONE]';
const CAPACITY = "Value 'INVALID' at 'returnConsumedCapacity' failed to satisfy constraint: Member must satisfy enum value set: [INDEXES, TOTAL, NONE]";
const METRICS = "Value 'INVALID' at 'returnItemCollectionMetrics' failed to satisfy constraint: Member must satisfy enum value set: [SIZE, NONE]";

describe('item writes in the newer validation layer', () => {
  it('name an empty TableName without echoing it', async () => {
    await assertValidation(t, 'PutItem', { TableName: '', Item: { pk: { S: 'a' } } }, one(EMPTY_TABLE));
    await assertValidation(t, 'PutItem', { TableName: '', Item: {}, ReturnValues: 'INVALID' }, one(EMPTY_TABLE));
    await assertValidation(t, 'DeleteItem', { TableName: '', Key: {} }, one(EMPTY_TABLE));
    await assertValidation(t, 'UpdateItem', { TableName: '', Key: {} }, one(EMPTY_TABLE));
  });

  it('report an unknown ReturnValues with neither value nor member', async () => {
    const key = { pk: { S: 'k' } };
    await assertValidation(t, 'UpdateItem', { TableName: uniqueName('nope'), Key: key, ReturnValues: 'INVALID', ReturnConsumedCapacity: 'INVALID' }, one(RETURN_VALUES));
    await assertValidation(t, 'DeleteItem', { TableName: uniqueName('nope'), Key: key, ReturnValues: 'INVALID', ReturnConsumedCapacity: 'INVALID' },
      `2 validation errors detected: ${CAPACITY}; ${RETURN_VALUES}`);
    await assertValidation(t, 'PutItem',
      { TableName: uniqueName('nope'), Item: key, ReturnValues: 'INVALID', ReturnConsumedCapacity: 'INVALID', ReturnItemCollectionMetrics: 'INVALID' },
      `3 validation errors detected: ${CAPACITY}; ${RETURN_VALUES}; ${METRICS}`);
  });
});

// The 2026-10-08 TransactWriteItems rollout (eu-west-2, eu-north-1 and ap-northeast-2 only): Eddy
// keeps the answer of us-east-1 and the 29 other regions, see
// conformance-captures-transact-regions.test.ts.
