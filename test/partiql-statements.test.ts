import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  BatchExecuteStatementCommand,
  CreateTableCommand,
  ExecuteStatementCommand,
  ExecuteTransactionCommand,
  GetItemCommand,
  type AttributeValue,
} from '@aws-sdk/client-dynamodb';
import { startTestEddy, uniqueName, type TestEddy } from './helpers/eddy.js';
import { failure, rejectionOf } from './helpers/expect.js';

let t: TestEddy;
let table: string;

async function exec(Statement: string, extra: Record<string, unknown> = {}) {
  return t.client.send(new ExecuteStatementCommand({ Statement, ...extra }));
}

before(async () => {
  t = await startTestEddy();
  table = uniqueName('pq');
  await t.client.send(
    new CreateTableCommand({
      TableName: table,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [
        { AttributeName: 'pk', AttributeType: 'S' },
        { AttributeName: 'sk', AttributeType: 'N' },
      ],
      KeySchema: [
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ],
    }),
  );
});

after(async () => t.stop());

test('INSERT, SELECT by key, duplicate INSERT', async () => {
  await exec(`INSERT INTO "${table}" VALUE {'pk': 'a', 'sk': 1, 'n': 5, 'tags': <<'x', 'y'>>, 'm': {'k': [1, 'two']}}`);
  const r = await exec(`SELECT * FROM "${table}" WHERE pk = 'a' AND sk = 1`);
  assert.deepEqual(r.Items?.[0]?.n, { N: '5' });
  assert.deepEqual(r.Items?.[0]?.tags, { SS: ['x', 'y'] });
  assert.deepEqual(r.Items?.[0]?.m, { M: { k: { L: [{ N: '1' }, { S: 'two' }] } } });
  const dup = await failure(exec(`INSERT INTO "${table}" VALUE {'pk': 'a', 'sk': 1}`));
  assert.equal(dup.name, 'DuplicateItemException');
  assert.equal(dup.message, 'Duplicate primary key exists in table');
});

test('SELECT as Query with sort-key range, ORDER BY, projection and parameters', async () => {
  for (let i = 1; i <= 5; i++) await exec(`INSERT INTO "${table}" VALUE {'pk': 'q', 'sk': ?, 'v': ?}`, { Parameters: [{ N: String(i) }, { S: `v${i}` }] });
  const r = await exec(`SELECT sk, v FROM "${table}" WHERE pk = ? AND sk BETWEEN 2 AND 4 ORDER BY sk DESC`, { Parameters: [{ S: 'q' }] });
  assert.deepEqual(r.Items?.map((i) => i.sk?.N), ['4', '3', '2']);
  assert.deepEqual(Object.keys(r.Items?.[0] ?? {}).sort(), ['sk', 'v']);
  const f = await exec(`SELECT sk FROM "${table}" WHERE pk = 'q' AND v IN ['v1', 'v5']`);
  assert.deepEqual(f.Items?.map((i) => i.sk?.N), ['1', '5']);
  const m = await exec(`SELECT sk FROM "${table}" WHERE pk = 'q' AND nope IS MISSING AND begins_with(v, 'v') AND sk > 3`);
  assert.deepEqual(m.Items?.map((i) => i.sk?.N), ['4', '5']);
});

test('Limit and NextToken page through a scan', async () => {
  const seen: string[] = [];
  let NextToken: string | undefined;
  let pages = 0;
  do {
    const r = await exec(`SELECT * FROM "${table}" WHERE pk = 'q'`, { Limit: 2, ...(NextToken ? { NextToken } : {}) });
    for (const i of r.Items ?? []) seen.push((i.sk as { N: string }).N);
    NextToken = r.NextToken;
    pages++;
  } while (NextToken && pages < 10);
  assert.deepEqual(seen, ['1', '2', '3', '4', '5']);
  const all = await exec(`SELECT * FROM "${table}" WHERE v = 'v3'`);
  assert.equal(all.Items?.length, 1);
  const bad = await failure(exec(`SELECT * FROM "${table}"`, { NextToken: 'garbage' }));
  assert.equal(bad.name, 'ValidationException');
});

test('UPDATE with arithmetic, REMOVE and RETURNING; missing item fails the condition', async () => {
  await exec(`INSERT INTO "${table}" VALUE {'pk': 'u', 'sk': 1, 'n': 5, 'gone': 'x', 'l': [1]}`);
  const r = await exec(`UPDATE "${table}" SET n = n + 1 SET l = list_append(l, [2]) REMOVE gone WHERE pk = 'u' AND sk = 1 RETURNING MODIFIED NEW *`);
  assert.deepEqual(r.Items, [{ n: { N: '6' }, l: { L: [{ N: '1' }, { N: '2' }] } }]);
  const old = await exec(`UPDATE "${table}" SET n = 10 WHERE pk = 'u' AND sk = 1 RETURNING ALL OLD *`);
  assert.deepEqual(old.Items?.[0]?.n, { N: '6' });
  const missing = await failure(exec(`UPDATE "${table}" SET n = 1 WHERE pk = 'ghost' AND sk = 1`));
  assert.equal(missing.name, 'ConditionalCheckFailedException');
  const cond = await rejectionOf(exec(`UPDATE "${table}" SET n = 1 WHERE pk = 'u' AND sk = 1 AND n = 99`, { ReturnValuesOnConditionCheckFailure: 'ALL_OLD' }));
  assert.equal(cond.name, 'ConditionalCheckFailedException');
  assert.deepEqual((cond.Item as Record<string, AttributeValue>).n, { N: '10' });
  const noKey = await failure(exec(`UPDATE "${table}" SET n = 1 WHERE pk = 'u'`));
  assert.equal(noKey.message, 'Where clause does not contain a mandatory equality on all key attributes');
});

test('DELETE with RETURNING ALL OLD, conditions, and its RETURNING restriction', async () => {
  await exec(`INSERT INTO "${table}" VALUE {'pk': 'd', 'sk': 1, 'a': 'x'}`);
  const bad = await failure(exec(`DELETE FROM "${table}" WHERE pk = 'd' AND sk = 1 RETURNING ALL NEW *`));
  assert.equal(bad.message, 'Invalid returning clause: RETURNING ALL NEW *. Only RETURNING ALL OLD * is allowed in DELETE statements.');
  const cond = await rejectionOf(exec(`DELETE FROM "${table}" WHERE pk = 'd' AND sk = 1 AND a = 'y'`));
  assert.equal(cond.name, 'ConditionalCheckFailedException');
  const r = await exec(`DELETE FROM "${table}" WHERE pk = 'd' AND sk = 1 RETURNING ALL OLD *`);
  assert.deepEqual(r.Items?.[0]?.a, { S: 'x' });
  const gone = await t.client.send(new GetItemCommand({ TableName: table, Key: { pk: { S: 'd' }, sk: { N: '1' } } }));
  assert.equal(gone.Item, undefined);
});

test('errors: missing table, index qualifiers, EXISTS outside a transaction', async () => {
  const nf = await failure(exec(`SELECT * FROM "${uniqueName('absent')}" WHERE pk = 'x'`));
  assert.equal(nf.name, 'ResourceNotFoundException');
  const idx = await failure(exec(`SELECT * FROM "${table}"."nope" WHERE pk = 'x'`));
  assert.equal(idx.message, 'The table does not have the specified index');
  const ex = await failure(exec(`EXISTS(SELECT * FROM "${table}" WHERE pk = 'a' AND sk = 1 AND n = 5)`));
  assert.equal(ex.message, 'EXISTS can only be used in ExecuteTransaction write requests.');
  const ord = await failure(exec(`SELECT * FROM "${table}" WHERE pk = 'q' AND v < ?`, { Parameters: [{ BOOL: true }] }));
  assert.equal(ord.message, 'Incorrect operand type for operator or function; operator or function: <, operand type: BOOL');
});

test('BatchExecuteStatement reports per-statement errors', async () => {
  const r = await t.client.send(
    new BatchExecuteStatementCommand({
      Statements: [
        { Statement: `SELECT * FROM "${table}" WHERE pk = 'a' AND sk = 1` },
        { Statement: `SELECT * FROM "${table}" WHERE pk = 'a'` },
        { Statement: `SELECT * FROM "${table}" WHERE` },
      ],
    }),
  );
  assert.equal(r.Responses?.[0]?.TableName, table);
  assert.deepEqual(r.Responses?.[0]?.Item?.n, { N: '5' });
  assert.equal(r.Responses?.[1]?.Error?.Code, 'ValidationError');
  assert.equal(r.Responses?.[1]?.Error?.Message, 'Select statements within BatchExecuteStatement must specify the primary key in the where clause.');
  assert.equal(r.Responses?.[2]?.Error?.Message, "Statement wasn't well formed, can't be processed: Unexpected term");
  const w = await t.client.send(
    new BatchExecuteStatementCommand({
      Statements: [
        { Statement: `INSERT INTO "${table}" VALUE {'pk': 'a', 'sk': 1}` },
        { Statement: `INSERT INTO "${table}" VALUE {'pk': 'b', 'sk': 1}` },
        // Another item than the INSERT's: one item named twice fails the whole batch.
        { Statement: `UPDATE "${table}" SET z = 1 WHERE pk = 'no-such' AND sk = 1 AND n = 0` },
      ],
    }),
  );
  assert.equal(w.Responses?.[0]?.Error?.Code, 'DuplicateItem');
  assert.equal(w.Responses?.[0]?.TableName, table);
  assert.equal(w.Responses?.[1]?.Error, undefined);
  assert.equal(w.Responses?.[2]?.Error?.Code, 'ConditionalCheckFailed');
});

test('ExecuteTransaction: writes all-or-nothing, reads by key, idempotency', async () => {
  await t.client.send(
    new ExecuteTransactionCommand({
      TransactStatements: [
        { Statement: `INSERT INTO "${table}" VALUE {'pk': 't', 'sk': 1, 'n': 0}` },
        { Statement: `EXISTS(SELECT * FROM "${table}" WHERE pk = 'a' AND sk = 1 AND n = 5)` },
      ],
    }),
  );
  const canceled = await rejectionOf(
    t.client.send(
      new ExecuteTransactionCommand({
        TransactStatements: [
          { Statement: `UPDATE "${table}" SET n = n + 1 WHERE pk = 't' AND sk = 1` },
          { Statement: `INSERT INTO "${table}" VALUE {'pk': 'a', 'sk': 1}` },
        ],
      }),
    ),
  );
  assert.equal(canceled.name, 'TransactionCanceledException');
  const reasons = canceled.CancellationReasons as { Code: string }[];
  assert.deepEqual(reasons.map((x) => x.Code), ['None', 'DuplicateItem']);
  const body = { ClientRequestToken: 'tok-1', TransactStatements: [{ Statement: `UPDATE "${table}" SET n = n + 1 WHERE pk = 't' AND sk = 1` }] };
  await t.client.send(new ExecuteTransactionCommand(body));
  await t.client.send(new ExecuteTransactionCommand(body));
  const read = await t.client.send(
    new ExecuteTransactionCommand({ TransactStatements: [{ Statement: `SELECT n FROM "${table}" WHERE pk = 't' AND sk = 1` }, { Statement: `SELECT * FROM "${table}" WHERE pk = 'none' AND sk = 1` }] }),
  );
  assert.deepEqual(read.Responses?.[0]?.Item, { n: { N: '1' } });
  assert.equal(read.Responses?.[1]?.Item, undefined);
  const ret = await failure(
    t.client.send(new ExecuteTransactionCommand({ TransactStatements: [{ Statement: `UPDATE "${table}" SET n = 1 WHERE pk = 't' AND sk = 1 RETURNING ALL NEW *` }] })),
  );
  assert.equal(ret.message, 'Validation failed in TransactStatements[0]: RETURNING clause is not supported in ExecuteTransaction.');
  const shape = await failure(
    t.client.send(new ExecuteTransactionCommand({ TransactStatements: [{ Statement: `EXISTS(SELECT * FROM "${table}" WHERE pk = 't' AND sk = 1)` }] })),
  );
  assert.equal(shape.message, 'Validation failed in TransactStatements[0]: EXISTS() must contain a single item read with additional condition');
});

test('INSERT and UPDATE refuse items nested past 32 levels, whether the depth comes from literals or from parameters inside them', async () => {
  const TOO_DEEP = 'Nesting Levels have exceeded supported limits: Attributes in the item have nested levels beyond supported limit';
  const tuple = (levels: number, leaf: string): string => {
    let v = leaf;
    for (let i = 0; i < levels; i++) v = `{'k': ${v}}`;
    return v;
  };
  const param = (levels: number): AttributeValue => {
    let v: AttributeValue = { S: 'z' };
    for (let i = 0; i < levels; i++) v = { M: { k: v } };
    return v;
  };
  // 31 maps under an attribute: the deepest container at level 31, the limit; 32 is one too many.
  await exec(`INSERT INTO "${table}" VALUE {'pk': 'deep', 'sk': 1, 'm': ${tuple(31, "'z'")}}`);
  assert.deepEqual(await failure(exec(`INSERT INTO "${table}" VALUE {'pk': 'deep', 'sk': 2, 'm': ${tuple(32, "'z'")}}`)), { name: 'ValidationException', message: TOO_DEEP });
  // A parameter within the limit on its own, placed under two literal maps.
  assert.deepEqual(
    await failure(exec(`INSERT INTO "${table}" VALUE {'pk': 'deep', 'sk': 3, 'm': {'a': {'b': ?}}}`, { Parameters: [param(30)] })),
    { name: 'ValidationException', message: TOO_DEEP },
  );
  await exec(`INSERT INTO "${table}" VALUE {'pk': 'deep', 'sk': 4, 'm': {'a': ?}}`, { Parameters: [param(29)] });
  // UPDATE: a literal SET under the map `m` (level 1): its maps start at level 2.
  await exec(`UPDATE "${table}" SET m.k = ${tuple(30, "'y'")} WHERE pk = 'deep' AND sk = 1`);
  assert.deepEqual(await failure(exec(`UPDATE "${table}" SET m.k = ${tuple(31, "'y'")} WHERE pk = 'deep' AND sk = 1`)), { name: 'ValidationException', message: TOO_DEEP });
  const kept = await t.client.send(new GetItemCommand({ TableName: table, Key: { pk: { S: 'deep' }, sk: { N: '2' } } }));
  assert.equal(kept.Item, undefined);
});
