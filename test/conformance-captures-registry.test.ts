/**
 * Answers the pinned region (eu-west-2) gave in the conformance project's newest captures
 * (registry of region splits, the 2026-10-07 sweep follow-up, the 2026-10-08 TransactWriteItems
 * rollout, the 2026-09-20 cross-region probe run). Each case is one answer Eddy gave differently
 * before; the facts (exact texts, outcomes) come from the captures, the cases are ours.
 */
import assert from 'node:assert/strict';
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
const NESTING = 'Nesting Levels have exceeded supported limits: Attributes in the item have nested levels beyond supported limit';

function deep(levels: number): Record<string, unknown> {
  let v: Record<string, unknown> = { S: 'end' };
  for (let i = 0; i < levels; i++) v = { M: { x: v } };
  return v;
}

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

describe('TransactWriteItems after the 2026-10 rollout', () => {
  it('names an empty TransactItems list without echoing it (TransactGetItems still echoes it)', async () => {
    await assertValidation(t, 'TransactWriteItems', { TransactItems: [] },
      one("Value at 'TransactItems' failed to satisfy constraint: Member must have length greater than or equal to 1"));
    await assertValidation(t, 'TransactGetItems', { TransactItems: [] },
      one("Value '[]' at 'transactItems' failed to satisfy constraint: Member must have length greater than or equal to 1"));
  });

  it('fails the request on an expression value nested 32 levels, written or only compared', async () => {
    const key = { pk: { S: 'deep' } };
    await rawOk(t, 'PutItem', { TableName: table, Item: { ...key, other: { S: 'x' } } });
    await assertValidation(t, 'TransactWriteItems',
      { TransactItems: [{ Update: { TableName: table, Key: key, UpdateExpression: 'SET v = :v', ExpressionAttributeValues: { ':v': deep(32) } } }] }, NESTING);
    await assertValidation(t, 'TransactWriteItems',
      { TransactItems: [{ Update: { TableName: table, Key: key, UpdateExpression: 'SET w = :w', ConditionExpression: 'other = :v', ExpressionAttributeValues: { ':w': { S: 'y' }, ':v': deep(32) } } }] },
      NESTING);
    await assertValidation(t, 'TransactWriteItems',
      { TransactItems: [{ ConditionCheck: { TableName: table, Key: key, ConditionExpression: 'other = :v', ExpressionAttributeValues: { ':v': deep(32) } } }] }, NESTING);
  });

  it('sizes an Update by its statement, as UpdateItem does, and fails the request', async () => {
    // One-byte key: the finished item is exactly 400 KB, the statement charge 23 bytes over it.
    const value = { S: 'v'.repeat(409_600 - 4) };
    const update = (pk: string) => ({ TableName: table, Key: { pk: { S: pk } }, UpdateExpression: 'SET p = :p', ExpressionAttributeValues: { ':p': value } });
    await assertValidation(t, 'UpdateItem', update('A'), 'Item size to update has exceeded the maximum allowed size');
    await assertValidation(t, 'TransactWriteItems', { TransactItems: [{ Update: update('B') }] }, 'Item size to update has exceeded the maximum allowed size');
    const stored = await rawOk(t, 'GetItem', { TableName: table, Key: { pk: { S: 'B' } } });
    assert.equal(stored.Item, undefined);
  });
});
