import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestEddy, uniqueName, type RawResponse, type TestEddy } from './helpers/eddy.js';

// Requests found by scripts/fuzz-requests.mjs that once made the server answer 500
// InternalServerError. Each is sent over raw HTTP, as the fuzzer sent it.

let t: TestEddy;
let table: string;

function assertValidation(res: RawResponse, message: string): void {
  const shown = res.body.length > 300 ? `${res.body.slice(0, 300)}…` : res.body;
  assert.equal(res.status, 400, shown);
  assert.equal(res.json.__type, 'com.amazon.coral.validate#ValidationException', shown);
  assert.equal(res.json.message, message, shown);
}

before(async () => {
  t = await startTestEddy();
  table = uniqueName('fz');
  const res = await t.raw('CreateTable', {
    TableName: table,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
    KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
  });
  assert.equal(res.status, 200, res.body);
});

after(async () => t.stop());

describe('PartiQL statements nested past the parser depth', () => {
  const TOO_DEEP = "Statement wasn't well formed, can't be processed: Expression nesting exceeds the maximum depth";
  const deep = (open: string, close: string, n: number): string => `${open.repeat(n)}1${close.repeat(n)}`;

  // A Statement may hold 8192 characters.
  it('ExecuteStatement with 3000 nested [ is refused, not a 500', async () => {
    assertValidation(await t.raw('ExecuteStatement', { Statement: `SELECT * FROM "${table}" WHERE pk = ${deep('[', ']', 3000)}` }), TOO_DEEP);
    // Unclosed, as the fuzzer sent it.
    assertValidation(await t.raw('ExecuteStatement', { Statement: `SELECT * FROM "${table}" WHERE pk = ${'['.repeat(5000)}1` }), TOO_DEEP);
  });

  it('parentheses, structs and function calls nested 1000 deep are refused', async () => {
    assertValidation(await t.raw('ExecuteStatement', { Statement: `SELECT * FROM "${table}" WHERE ${deep('(', ')', 1000)} = 1` }), TOO_DEEP);
    const struct = `${"{'a': ".repeat(1000)}1${'}'.repeat(1000)}`;
    assertValidation(await t.raw('ExecuteStatement', { Statement: `INSERT INTO "${table}" VALUE {'pk': 'x', 'a': ${struct}}` }), TOO_DEEP);
    assertValidation(await t.raw('ExecuteStatement', { Statement: `SELECT * FROM "${table}" WHERE pk = 'x' AND size(${deep('size(', ')', 1000)}) = 1` }), TOO_DEEP);
  });

  it('BatchExecuteStatement and ExecuteTransaction refuse it too', async () => {
    const Statement = `SELECT * FROM "${table}" WHERE pk = ${deep('[', ']', 3000)}`;
    const batch = await t.raw('BatchExecuteStatement', { Statements: [{ Statement }] });
    assert.equal(batch.status, 200, batch.body);
    assert.deepEqual(batch.json.Responses[0].Error, { Code: 'ValidationError', Message: TOO_DEEP });
    assertValidation(await t.raw('ExecuteTransaction', { TransactStatements: [{ Statement }] }), `Validation failed in TransactStatements[0]: ${TOO_DEEP}`);
  });

  it('nesting within the limit still parses', async () => {
    const res = await t.raw('ExecuteStatement', { Statement: `SELECT * FROM "${table}" WHERE pk = 'x' AND a = ${deep('[', ']', 150)}` });
    assert.equal(res.status, 200, res.body);
  });
});
