/**
 * UpdateItem, legacy parameters and limits, pinned to a 2026 conformance suite whose cases were
 * run against live DynamoDB (eu-west-2).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestEddy, type TestEddy } from './helpers/eddy.js';
import { assertValidationLike, createHashTable, rawOk } from './helpers/conformance.js';

let t: TestEddy;
let table: string;
before(async () => {
  t = await startTestEddy();
  table = await createHashTable(t, 'sull');
});
after(async () => t.stop());

const OVERFLOW = 'Number overflow. Attempting to store a number with magnitude larger than supported range';
const UNDERFLOW = 'Number underflow. Attempting to store a number with magnitude smaller than supported range';

describe('number exponents', () => {
  const put = (n: string) => ({ TableName: table, Item: { p: { S: 'num' }, v: { N: n } } });

  it('refuses an exponent that does not fit 64 bits as not numeric', async () => {
    await assertValidationLike(t, 'PutItem', put('1e9223372036854775808'), /^The parameter cannot be converted to a numeric value/);
    await assertValidationLike(t, 'PutItem', put('1e-9223372036854775809'), /^The parameter cannot be converted to a numeric value/);
  });

  it('still reads a 64-bit exponent as overflow or underflow', async () => {
    await assertValidationLike(t, 'PutItem', put('1e9223372036854775807'), OVERFLOW);
    await assertValidationLike(t, 'PutItem', put('1e-9223372036854775808'), UNDERFLOW);
  });

  it('range-checks a zero by the exponent it is written with', async () => {
    await assertValidationLike(t, 'PutItem', put('0e126'), OVERFLOW);
    await assertValidationLike(t, 'PutItem', put('0e-131'), UNDERFLOW);
    for (const ok of ['0e125', '0e-130', '00.00']) {
      await rawOk(t, 'PutItem', put(ok));
      const got = await rawOk(t, 'GetItem', { TableName: table, Key: { p: { S: 'num' } }, ConsistentRead: true });
      assert.deepEqual((got.Item as Record<string, unknown>).v, { N: '0' });
    }
  });
});
