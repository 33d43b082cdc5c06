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

// PutItem wraps its pre-table checks in the count prefix (eu-west-2; some regions send the bare text).
const P = '1 validation error detected: ';
const OVERFLOW = 'Number overflow. Attempting to store a number with magnitude larger than supported range';
const UNDERFLOW = 'Number underflow. Attempting to store a number with magnitude smaller than supported range';

describe('number exponents', () => {
  const put = (n: string) => ({ TableName: table, Item: { p: { S: 'num' }, v: { N: n } } });

  it('refuses an exponent that does not fit 64 bits as not numeric', async () => {
    await assertValidationLike(t, 'PutItem', put('1e9223372036854775808'), /^1 validation error detected: The parameter cannot be converted to a numeric value/);
    await assertValidationLike(t, 'PutItem', put('1e-9223372036854775809'), /^1 validation error detected: The parameter cannot be converted to a numeric value/);
  });

  it('still reads a 64-bit exponent as overflow or underflow', async () => {
    await assertValidationLike(t, 'PutItem', put('1e9223372036854775807'), P + OVERFLOW);
    await assertValidationLike(t, 'PutItem', put('1e-9223372036854775808'), P + UNDERFLOW);
  });

  it('range-checks a zero by the exponent it is written with', async () => {
    await assertValidationLike(t, 'PutItem', put('0e126'), P + OVERFLOW);
    await assertValidationLike(t, 'PutItem', put('0e-131'), P + UNDERFLOW);
    for (const ok of ['0e125', '0e-130', '00.00']) {
      await rawOk(t, 'PutItem', put(ok));
      const got = await rawOk(t, 'GetItem', { TableName: table, Key: { p: { S: 'num' } }, ConsistentRead: true });
      assert.deepEqual((got.Item as Record<string, unknown>).v, { N: '0' });
    }
  });
});

describe('UpdateItem sizes its statement as well as the finished item', () => {
  const LIMIT = 409600;
  const TOO_BIG = 'Item size to update has exceeded the maximum allowed size';
  const pad = (n: number) => ({ S: 'p'.repeat(n) });
  const update = (p: string, extra: Record<string, unknown>) => ({ TableName: table, Key: { p: { S: p } }, ...extra });

  it('charges 3 + 19 + target + value for one SET, leaving the key out', async () => {
    // 3 (update) + 19 (SET) + 1 ("b") + padding; the key "p"="a" is not part of the figure.
    const fits = LIMIT - 23;
    await rawOk(t, 'UpdateItem', update('a', { UpdateExpression: 'SET b = :v', ExpressionAttributeValues: { ':v': pad(fits) } }));
    await assertValidationLike(t, 'UpdateItem', update('c', { UpdateExpression: 'SET b = :v', ExpressionAttributeValues: { ':v': pad(fits + 1) } }), TOO_BIG);
  });

  it('charges an ADD to a set only for the members it adds', async () => {
    await rawOk(t, 'PutItem', { TableName: table, Item: { p: { S: 'set' }, s: { SS: ['x'] } } });
    // The member already present costs nothing: 3 + 19 + 1 ("b") + padding + 19 + 1 ("s") + 0.
    const fits = LIMIT - 43;
    await rawOk(t, 'UpdateItem', update('set', { UpdateExpression: 'SET b = :v ADD s :s', ExpressionAttributeValues: { ':v': pad(fits), ':s': { SS: ['x'] } } }));
    await rawOk(t, 'PutItem', { TableName: table, Item: { p: { S: 'set' }, s: { SS: ['x'] } } });
    await assertValidationLike(t, 'UpdateItem', update('set', { UpdateExpression: 'SET b = :v ADD s :s', ExpressionAttributeValues: { ':v': pad(fits), ':s': { SS: ['y'] } } }), TOO_BIG);
  });

  it('refuses an oversized statement before evaluating the condition', async () => {
    await rawOk(t, 'PutItem', { TableName: table, Item: { p: { S: 'cond' }, c: { S: 'x' } } });
    const body = update('cond', {
      UpdateExpression: 'SET c = if_not_exists(c, :big)',
      ConditionExpression: 'attribute_exists(absent_attr)',
      ExpressionAttributeValues: { ':big': pad(LIMIT) },
    });
    await assertValidationLike(t, 'UpdateItem', body, TOO_BIG);
  });

  it('does not charge AttributeUpdates: the finished item alone is capped', async () => {
    const fits = LIMIT - 1 - 2 - 1; // "p" + "au" + "b"
    await rawOk(t, 'UpdateItem', update('au', { AttributeUpdates: { b: { Action: 'PUT', Value: pad(fits) } } }));
    await assertValidationLike(t, 'UpdateItem', update('av', { AttributeUpdates: { b: { Action: 'PUT', Value: pad(fits + 1) } } }), TOO_BIG);
  });
});

describe('set members are kept in DynamoDB order', () => {
  const get = async (p: string) =>
    (await rawOk(t, 'GetItem', { TableName: table, Key: { p: { S: p } }, ConsistentRead: true })).Item as Record<string, unknown>;

  it('sorts what PutItem writes: strings and binaries by bytes, numbers by value', async () => {
    await rawOk(t, 'PutItem', {
      TableName: table,
      Item: { p: { S: 'order' }, s: { SS: ['b', 'a', '', 'é', 'z'] }, n: { NS: ['10', '-1', '2', '0.5'] }, b: { BS: ['Ag==', 'AQI=', 'AQ=='] } },
    });
    const item = await get('order');
    assert.deepEqual(item.s, { SS: ['', 'a', 'b', 'z', 'é'] });
    assert.deepEqual(item.n, { NS: ['-1', '0.5', '2', '10'] });
    assert.deepEqual(item.b, { BS: ['AQ==', 'AQI=', 'Ag=='] });
  });

  it('keeps that order after ADD, with an empty string member first', async () => {
    await rawOk(t, 'PutItem', { TableName: table, Item: { p: { S: 'add' }, s: { SS: ['a'] }, n: { NS: ['5'] } } });
    await rawOk(t, 'UpdateItem', {
      TableName: table,
      Key: { p: { S: 'add' } },
      UpdateExpression: 'ADD s :s, n :n',
      ExpressionAttributeValues: { ':s': { SS: [''] }, ':n': { NS: ['40', '-3'] } },
    });
    const item = await get('add');
    assert.deepEqual(item.s, { SS: ['', 'a'] });
    assert.deepEqual(item.n, { NS: ['-3', '5', '40'] });
  });
});
