/**
 * DynamoDB answers recorded in the code and docs of two other emulators (ExtendDB, dynoxide), whose
 * authors captured them on live DynamoDB, where Eddy answered differently. The facts are
 * DynamoDB's; the tests are ours. Each case names its source and any other source that agrees.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { assertValidation, rawOk } from './helpers/conformance.js';
import { startTestEddy, uniqueName, type TestEddy } from './helpers/eddy.js';

let t: TestEddy;
let table: string; // pk S, on demand

const stmt = (Statement: string) => ({ Statement });

before(async () => {
  t = await startTestEddy();
  table = uniqueName('rer');
  await rawOk(t, 'CreateTable', {
    TableName: table,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
    KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
  });
  await rawOk(t, 'PutItem', { TableName: table, Item: { pk: { S: 'here' }, n: { N: '1' } } });
});

after(async () => {
  await t.stop();
});

// dynoxide CHANGELOG (Unreleased: "A batch or transaction may not mix reads and writes, and may not
// name the same item twice, reads included ... Captured against eu-west-2"); the texts also stand in
// DynamoDB Local's BatchExecuteStatement / ExecuteTransaction message tables.
describe('BatchExecuteStatement: whole-request refusals', () => {
  it('a batch mixing reads and writes is refused with the recorded text', async () => {
    await assertValidation(
      t,
      'BatchExecuteStatement',
      { Statements: [stmt(`SELECT * FROM "${table}" WHERE pk = 'here'`), stmt(`INSERT INTO "${table}" VALUE {'pk': 'new1'}`)] },
      'Read and write requests together in the same batch is not supported.',
    );
  });

  it('two reads of one item fail the whole request', async () => {
    await assertValidation(
      t,
      'BatchExecuteStatement',
      { Statements: [stmt(`SELECT * FROM "${table}" WHERE pk = 'here'`), stmt(`SELECT n FROM "${table}" WHERE pk = 'here'`)] },
      'Provided list of item keys contains duplicates',
    );
  });

  it('two writes of one item fail before either runs', async () => {
    await assertValidation(
      t,
      'BatchExecuteStatement',
      {
        Statements: [
          stmt(`INSERT INTO "${table}" VALUE {'pk': 'twice'}`),
          stmt(`UPDATE "${table}" SET n = 2 WHERE pk = 'twice'`),
        ],
      },
      'Provided list of item keys contains duplicates',
    );
    const got = await rawOk(t, 'GetItem', { TableName: table, Key: { pk: { S: 'twice' } } });
    assert.equal(got.Item, undefined, 'nothing was written');
  });

  // dynoxide CHANGELOG ("accepted and inert ... Captured against eu-west-2"), and the conformance
  // suite's tier2 batchExecuteStatement test, run against live DynamoDB, with its control case.
  it('ReturnValuesOnConditionCheckFailure on a member returns no Item', async () => {
    const out = await rawOk(t, 'BatchExecuteStatement', {
      Statements: [
        { Statement: `UPDATE "${table}" SET touched = 1 WHERE pk = ? AND n = ?`, Parameters: [{ S: 'here' }, { N: '7' }], ReturnValuesOnConditionCheckFailure: 'ALL_OLD' },
      ],
    });
    assert.deepEqual(out.Responses, [{ TableName: table, Error: { Code: 'ConditionalCheckFailed', Message: 'The conditional request failed' } }]);
  });

  it('distinct items, and members that do not resolve to one item, still run one by one', async () => {
    const out = await rawOk(t, 'BatchExecuteStatement', {
      Statements: [
        stmt(`SELECT * FROM "${table}" WHERE pk = 'here'`),
        stmt(`SELECT * FROM "${table}" WHERE pk = 'elsewhere'`),
        stmt(`SELECT * FROM "${uniqueName('gone')}" WHERE pk = 'here'`),
        stmt(`SELECT * FROM "${uniqueName('gone')}" WHERE pk = 'here'`),
      ],
    });
    const responses = out.Responses as Record<string, unknown>[];
    assert.deepEqual(responses[0], { TableName: table, Item: { pk: { S: 'here' }, n: { N: '1' } } });
    assert.deepEqual(responses[1], { TableName: table });
    assert.equal((responses[2]?.Error as Record<string, unknown>).Code, 'ResourceNotFound');
    assert.equal((responses[3]?.Error as Record<string, unknown>).Code, 'ResourceNotFound');
  });
});

// dynoxide CHANGELOG (same entry) and src/actions/execute_transaction.rs; the mixed-operation text is
// also DynamoDB Local's PARTIQL_TRANSACT_REQUEST_MIXED_OPERATION, and an AWS-checked emulator test
// (floci's PartiQL integration test) asserts it verbatim.
describe('ExecuteTransaction: whole-request refusals', () => {
  it('a transaction mixing reads and writes is refused with the recorded text', async () => {
    await assertValidation(
      t,
      'ExecuteTransaction',
      { TransactStatements: [stmt(`SELECT * FROM "${table}" WHERE pk = 'here'`), stmt(`INSERT INTO "${table}" VALUE {'pk': 'new2'}`)] },
      'ExecuteTransaction API does not support both read and write operations in the same request.',
    );
  });

  it('a read transaction naming one item twice is refused as a write transaction is', async () => {
    await assertValidation(
      t,
      'ExecuteTransaction',
      { TransactStatements: [stmt(`SELECT * FROM "${table}" WHERE pk = 'here'`), stmt(`SELECT n FROM "${table}" WHERE pk = 'here'`)] },
      'Transaction request cannot include multiple operations on one item',
    );
  });

  it('a read transaction of distinct items still answers', async () => {
    const out = await rawOk(t, 'ExecuteTransaction', {
      TransactStatements: [stmt(`SELECT * FROM "${table}" WHERE pk = 'here'`), stmt(`SELECT * FROM "${table}" WHERE pk = 'nope'`)],
    });
    assert.deepEqual(out.Responses, [{ Item: { pk: { S: 'here' }, n: { N: '1' } } }, {}]);
  });
});

// dynoxide parser.rs (count_projection_rejection: "captured eu-west-2, 2026-07-29", before the table
// is looked up) and an independent DynamoDB client plugin quoting "ValidationException: Unexpected
// path component at 1:8:5" from live DynamoDB for `SELECT COUNT(*) FROM ...`.
describe('PartiQL COUNT on a table', () => {
  it('is refused as any function in the projection, at the COUNT token', async () => {
    await assertValidation(t, 'ExecuteStatement', stmt(`SELECT COUNT(*) FROM "${table}"`), 'Unexpected path component at 1:8:5');
    await assertValidation(t, 'ExecuteStatement', stmt(`SELECT  count(pk) FROM "${table}"`), 'Unexpected path component at 1:9:5');
  });

  it('is refused before the table is looked up', async () => {
    await assertValidation(t, 'ExecuteStatement', stmt(`SELECT\n COUNT(*) FROM "${uniqueName('gone')}"`), 'Unexpected path component at 2:2:5');
  });


  it('is reported per statement in a batch, as other refusals of the statement text are', async () => {
    const out = await rawOk(t, 'BatchExecuteStatement', { Statements: [stmt(`SELECT COUNT(*) FROM "${table}" WHERE pk = 'here'`)] });
    assert.deepEqual(out.Responses, [{ Error: { Code: 'ValidationError', Message: 'Unexpected path component at 1:8:5' } }]);
  });
});
