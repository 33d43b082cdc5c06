/**
 * TransactWriteItems where regions split on 2026-10-08 (conformance captures, transact-write
 * rollout): eu-west-2, eu-north-1 and ap-northeast-2 changed five answers that day, while us-east-1
 * and 29 other regions kept the ones the conformance suite asserts. Eddy follows us-east-1; each
 * case pins that answer exactly. The facts come from the captures, the cases are ours.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { assertValidation, createHashTable, rawOk } from './helpers/conformance.js';
import { startTestEddy, type TestEddy } from './helpers/eddy.js';

let t: TestEddy;
let table: string;

before(async () => {
  t = await startTestEddy();
  table = await createHashTable(t, 'txr', 'pk');
});
after(async () => {
  await t.stop();
});

const NESTING = 'Nesting Levels have exceeded supported limits: Attributes in the item have nested levels beyond supported limit';
/** The reason's short sentence: a later version of the suite's nestingDepth test, us-east-1, 2026-10-09. */
const NESTING_REASON = 'Nesting Levels have exceeded supported limits';
const UPDATE_TOO_LARGE = 'Item size to update has exceeded the maximum allowed size';

/** A value wrapped in `maps` single-entry maps. */
function nested(maps: number): Record<string, unknown> {
  let v: Record<string, unknown> = { N: '1' };
  for (let i = 0; i < maps; i++) v = { M: { in: v } };
  return v;
}

async function transact(items: unknown[]) {
  return t.raw('TransactWriteItems', { TransactItems: items });
}

/** Asserts a cancellation whose reasons are exactly these. */
async function assertCancelled(items: unknown[], reasons: Record<string, unknown>[]): Promise<void> {
  const r = await transact(items);
  assert.equal(r.status, 400, JSON.stringify(r.json));
  assert.equal(r.json?.__type, 'com.amazonaws.dynamodb.v20120810#TransactionCanceledException');
  const codes = reasons.map((x) => x.Code).join(', ');
  assert.equal(r.json?.Message, `Transaction cancelled, please refer cancellation reasons for specific reasons [${codes}]`);
  assert.deepEqual(r.json?.CancellationReasons, reasons);
}

async function stored(pk: string): Promise<Record<string, unknown> | undefined> {
  const r = await rawOk(t, 'GetItem', { TableName: table, Key: { pk: { S: pk } }, ConsistentRead: true });
  return r.Item as Record<string, unknown> | undefined;
}

describe('TransactWriteItems answers as us-east-1 (not the 2026-10-08 eu-west-2 rollout)', () => {
  it('echoes an empty TransactItems list in the length error', async () => {
    await assertValidation(t, 'TransactWriteItems', { TransactItems: [] },
      "1 validation error detected: Value '[]' at 'transactItems' failed to satisfy constraint: Member must have length greater than or equal to 1");
  });

  it('echoes the list when there are more than 100 actions', async () => {
    const items = Array.from({ length: 101 }, (_, i) => ({ Put: { TableName: table, Item: { pk: { S: `many${i}` } } } }));
    const r = await transact(items);
    assert.equal(r.status, 400);
    assert.match(String(r.json?.message), /^1 validation error detected: Value '\[\{Put=.*\]' at 'transactItems' failed to satisfy constraint: Member must have length less than or equal to 100$/s);
  });

  it('cancels an Update that writes a value nested 32 maps deep, with the short nesting sentence as reason', async () => {
    const write = { Update: { TableName: table, Key: { pk: { S: 'deep-w' } }, UpdateExpression: 'SET v = :v', ExpressionAttributeValues: { ':v': nested(32) } } };
    await assertCancelled([write], [{ Code: 'ValidationError', Message: NESTING_REASON }]);
    assert.equal(await stored('deep-w'), undefined);
    // Beside a valid action, only the deep one carries the reason.
    await assertCancelled([{ Put: { TableName: table, Item: { pk: { S: 'beside' } } } }, write],
      [{ Code: 'None' }, { Code: 'ValidationError', Message: NESTING_REASON }]);
    assert.equal(await stored('beside'), undefined);
    // One map fewer is within the limit and is written.
    await rawOk(t, 'TransactWriteItems', { TransactItems: [{ Update: { ...write.Update, ExpressionAttributeValues: { ':v': nested(31) } } }] });
    assert.ok(await stored('deep-w'));
  });

  it('evaluates the condition of an Update whose deep value is only compared', async () => {
    await rawOk(t, 'PutItem', { TableName: table, Item: { pk: { S: 'deep-c' }, other: { S: 'x' } } });
    const update = (condition: string) => ({
      Update: {
        TableName: table, Key: { pk: { S: 'deep-c' } }, UpdateExpression: 'SET w = :w', ConditionExpression: condition,
        ExpressionAttributeNames: { '#o': 'other' }, ExpressionAttributeValues: { ':w': { S: 'y' }, ':v': nested(32) },
      },
    });
    await assertCancelled([update('#o = :v')], [{ Code: 'ConditionalCheckFailed', Message: 'The conditional request failed' }]);
    await rawOk(t, 'TransactWriteItems', { TransactItems: [update('#o <> :v')] });
    assert.deepEqual((await stored('deep-c'))?.w, { S: 'y' });
  });

  it('evaluates the condition of a ConditionCheck whose value is nested 32 maps deep', async () => {
    await rawOk(t, 'PutItem', { TableName: table, Item: { pk: { S: 'deep-k' }, other: { S: 'x' } } });
    const check = (condition: string) => ({
      ConditionCheck: { TableName: table, Key: { pk: { S: 'deep-k' } }, ConditionExpression: condition,
        ExpressionAttributeNames: { '#o': 'other' }, ExpressionAttributeValues: { ':v': nested(32) } },
    });
    await assertCancelled([check('#o = :v')], [{ Code: 'ConditionalCheckFailed', Message: 'The conditional request failed' }]);
    await rawOk(t, 'TransactWriteItems', { TransactItems: [check('#o <> :v')] });
  });

  it('still refuses a value nested 33 deep before running, naming its key', async () => {
    const refused = `ExpressionAttributeValues contains invalid value: ${NESTING} for key :v`;
    await assertValidation(t, 'TransactWriteItems', { TransactItems: [
      { ConditionCheck: { TableName: table, Key: { pk: { S: 'deep-33' } }, ConditionExpression: 'attribute_not_exists(v) OR v <> :v', ExpressionAttributeValues: { ':v': nested(33) } } },
    ] }, refused);
    await assertValidation(t, 'TransactWriteItems', { TransactItems: [
      { Update: { TableName: table, Key: { pk: { S: 'deep-33' } }, UpdateExpression: 'SET v = :v', ExpressionAttributeValues: { ':v': { L: [nested(32)] } } } },
    ] }, refused);
    assert.equal(await stored('deep-33'), undefined);
  });

  it('sizes an Update by its finished item only: stores 409,600 bytes that UpdateItem refuses', async () => {
    // Key "pk"="U" (3 bytes) plus "p" and its value: exactly 409,600 bytes once written.
    const value = { S: 'u'.repeat(409_600 - 3 - 1) };
    const update = (pk: string, v: unknown) => ({ TableName: table, Key: { pk: { S: pk } }, UpdateExpression: 'SET p = :p', ExpressionAttributeValues: { ':p': v } });
    await rawOk(t, 'PutItem', { TableName: table, Item: { pk: { S: 'U' } } });
    await assertValidation(t, 'UpdateItem', update('U', value), UPDATE_TOO_LARGE);
    await rawOk(t, 'TransactWriteItems', { TransactItems: [{ Update: update('U', value) }] });
    assert.equal(((await stored('U'))?.p as { S: string }).S.length, 409_600 - 4);
    // A byte more is a cancellation with the update wording, not a request-level error.
    await assertCancelled([{ Update: update('V', { S: `${value.S}u` }) }], [{ Code: 'ValidationError', Message: UPDATE_TOO_LARGE }]);
  });
});
