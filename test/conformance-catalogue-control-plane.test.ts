import { after, before, describe, it } from 'node:test';
import { startTestEddy, type TestEddy } from './helpers/eddy.js';
import { assertValidation } from './helpers/conformance.js';

/**
 * Control-plane answers probed on live DynamoDB in October 2026 (the ack-api-quirks catalogue of
 * the AWS Controllers for Kubernetes DynamoDB controller; finding ids in each test's name).
 */
let t: TestEddy;

before(async () => {
  t = await startTestEddy();
});
after(async () => {
  await t.stop();
});

const listed = (value: string, rule: string) => `Value '${value}' at 'tableName' failed to satisfy constraint: Member must ${rule}`;
const PATTERN = 'satisfy regular expression pattern: [a-zA-Z0-9_.-]+';

describe('DescribeTable: a bad TableName is listed with the other constraint failures (DDB-TABLE-014)', () => {
  it('a two-character name fails the minimum length', async () => {
    await assertValidation(t, 'DescribeTable', { TableName: 'ab' }, `1 validation error detected: ${listed('ab', 'have length greater than or equal to 3')}`);
  });

  it('a name of 256 characters fails the maximum length', async () => {
    const name = 'n'.repeat(256);
    await assertValidation(t, 'DescribeTable', { TableName: name }, `1 validation error detected: ${listed(name, 'have length less than or equal to 255')}`);
  });

  it('characters outside the name alphabet fail the pattern', async () => {
    await assertValidation(t, 'DescribeTable', { TableName: 'no such/table!' }, `1 validation error detected: ${listed('no such/table!', PATTERN)}`);
  });

  it('an empty name reports its length before its pattern', async () => {
    await assertValidation(
      t,
      'DescribeTable',
      { TableName: '' },
      `2 validation errors detected: ${listed('', 'have length greater than or equal to 3')}; ${listed('', PATTERN)}`,
    );
  });
});
