/**
 * Answers the pinned region (eu-west-2) gave in the conformance project's newest captures
 * (registry of region splits, the 2026-10-07 sweep follow-up, the 2026-09-20 cross-region probe
 * run), where us-east-1 answers the same. Each case is one answer Eddy gave differently before;
 * the facts (exact texts, outcomes) come from the captures, the cases are ours.
 */
import { after, before, describe, it } from 'node:test';
import { assertValidation, createHashTable, enveloped, NEWER_EMPTY_TABLE_NAME, NEWER_RETURN_VALUES } from './helpers/conformance.js';
import { startTestEddy, uniqueName, type TestEddy } from './helpers/eddy.js';

let t: TestEddy;
let table: string;

before(async () => {
  t = await startTestEddy();
  table = await createHashTable(t, 'cap', 'pk');
});
after(async () => {
  await t.stop();
});

const CAPACITY = "Value 'INVALID' at 'returnConsumedCapacity' failed to satisfy constraint: Member must satisfy enum value set: [INDEXES, TOTAL, NONE]";
const METRICS = "Value 'INVALID' at 'returnItemCollectionMetrics' failed to satisfy constraint: Member must satisfy enum value set: [SIZE, NONE]";

describe('item writes in the newer validation layer', () => {
  it('name an empty TableName without echoing it', async () => {
    await assertValidation(t, 'PutItem', { TableName: '', Item: { pk: { S: 'a' } } }, enveloped(NEWER_EMPTY_TABLE_NAME));
    await assertValidation(t, 'PutItem', { TableName: '', Item: {}, ReturnValues: 'INVALID' }, enveloped(NEWER_EMPTY_TABLE_NAME));
    await assertValidation(t, 'DeleteItem', { TableName: '', Key: {} }, enveloped(NEWER_EMPTY_TABLE_NAME));
    await assertValidation(t, 'UpdateItem', { TableName: '', Key: {} }, enveloped(NEWER_EMPTY_TABLE_NAME));
  });

  it('report an unknown ReturnValues with neither value nor member', async () => {
    const key = { pk: { S: 'k' } };
    await assertValidation(t, 'UpdateItem', { TableName: uniqueName('nope'), Key: key, ReturnValues: 'INVALID', ReturnConsumedCapacity: 'INVALID' }, enveloped(NEWER_RETURN_VALUES));
    await assertValidation(t, 'DeleteItem', { TableName: uniqueName('nope'), Key: key, ReturnValues: 'INVALID', ReturnConsumedCapacity: 'INVALID' },
      `2 validation errors detected: ${CAPACITY}; ${NEWER_RETURN_VALUES}`);
    await assertValidation(t, 'PutItem',
      { TableName: uniqueName('nope'), Item: key, ReturnValues: 'INVALID', ReturnConsumedCapacity: 'INVALID', ReturnItemCollectionMetrics: 'INVALID' },
      `3 validation errors detected: ${CAPACITY}; ${NEWER_RETURN_VALUES}; ${METRICS}`);
  });
});

// The 2026-10-08 TransactWriteItems rollout (eu-west-2, eu-north-1 and ap-northeast-2 only): Eddy
// keeps the answer of us-east-1 and the 29 other regions, see
// conformance-captures-transact-regions.test.ts.
