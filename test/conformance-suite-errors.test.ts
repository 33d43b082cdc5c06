/**
 * Error texts and validation order of the item operations as a 2026 conformance suite records
 * them against live DynamoDB (tier3 error-messages and validation-ordering). Each case pins one
 * difference Eddy had from those recordings.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { assertValidation, rawOk } from './helpers/conformance.js';
import { startTestEddy, uniqueName, type TestEddy } from './helpers/eddy.js';

let t: TestEddy;
let hash: string;

before(async () => {
  t = await startTestEddy();
  hash = uniqueName('se');
  await rawOk(t, 'CreateTable', {
    TableName: hash,
    AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
    KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
    BillingMode: 'PAY_PER_REQUEST',
  });
});
after(async () => {
  await t.stop();
});

const listed = (...clauses: string[]): string =>
  `${clauses.length} validation error${clauses.length === 1 ? '' : 's'} detected: ${clauses.join('; ')}`;
const nameRule = (value: string, rule: string): string =>
  `Value '${value}' at 'tableName' failed to satisfy constraint: Member must ${rule}`;

describe('item operations: TableName constraints', () => {
  it('a missing, empty, overlong or malformed name is one listed constraint failure', async () => {
    await assertValidation(t, 'PutItem', { Item: { pk: { S: 'a' } } },
      listed("Value null at 'tableName' failed to satisfy constraint: Member must not be null"));
    await assertValidation(t, 'PutItem', { TableName: '', Item: {} }, listed(nameRule('', 'have length greater than or equal to 1')));
    const long = 'b'.repeat(256);
    await assertValidation(t, 'UpdateItem', { TableName: long, Key: {} }, listed(nameRule(long, 'have length less than or equal to 255')));
    await assertValidation(t, 'DeleteItem', { TableName: 'x!', Key: {} },
      listed(nameRule('x!', 'satisfy regular expression pattern: [a-zA-Z0-9_.-]+')));
  });

  it('an empty name is listed beside a missing key', async () => {
    await assertValidation(t, 'UpdateItem', { TableName: '', UpdateExpression: 'SET a = :a', ExpressionAttributeValues: { ':a': { S: 'x' } } },
      listed(nameRule('', 'have length greater than or equal to 1'), "Value null at 'key' failed to satisfy constraint: Member must not be null"));
  });
});

describe('Query: Limit', () => {
  it('names Limit with a capital L and echoes no value', async () => {
    await assertValidation(t, 'Query', { TableName: hash, KeyConditionExpression: 'pk = :v', ExpressionAttributeValues: { ':v': { S: 'v' } }, Limit: 0 },
      listed("Value at 'Limit' failed to satisfy constraint: Member must have value greater than or equal to 1"));
  });
});
