/**
 * PartiQL conformance against recorded real-DynamoDB behaviour (messages pinned by public suites
 * that run against live DynamoDB; see the report for sources).
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  BatchExecuteStatementCommand,
  CreateTableCommand,
  ExecuteStatementCommand,
  ExecuteTransactionCommand,
  GetItemCommand,
  PutItemCommand,
  type AttributeValue,
} from '@aws-sdk/client-dynamodb';
import { startTestEddy, uniqueName, type TestEddy } from './helpers/eddy.js';
import { failure } from './helpers/expect.js';

const NWF = "Statement wasn't well formed, can't be processed: ";
const LEFTOVER = `${NWF}Unexpected token after expression`;
const INCOMPLETE = 'Where clause does not contain a mandatory equality on all key attributes';
const OVERFLOW = 'Number overflow. Attempting to store a number with magnitude larger than supported range';
const UNDERFLOW = 'Number underflow. Attempting to store a number with magnitude smaller than supported range';
const DIGITS = 'Attempting to store more than 38 significant digits in a Number';

let t: TestEddy;
let S: string; // pk S
let N: string; // pk N
let C: string; // pk S, sk S

async function exec(Statement: string, extra: Record<string, unknown> = {}) {
  return t.client.send(new ExecuteStatementCommand({ Statement, ...extra }));
}

async function expectMessage(Statement: string, message: string, name = 'ValidationException') {
  const f = await failure(exec(Statement));
  assert.deepEqual(f, { name, message }, Statement);
}

async function put(table: string, item: Record<string, AttributeValue>) {
  await t.client.send(new PutItemCommand({ TableName: table, Item: item }));
}

async function create(name: string, keys: [string, 'S' | 'N', 'HASH' | 'RANGE'][]) {
  await t.client.send(
    new CreateTableCommand({
      TableName: name,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: keys.map(([a, ty]) => ({ AttributeName: a, AttributeType: ty })),
      KeySchema: keys.map(([a, , k]) => ({ AttributeName: a, KeyType: k })),
    }),
  );
}

before(async () => {
  t = await startTestEddy();
  S = uniqueName('pqs');
  N = uniqueName('pqn');
  C = uniqueName('pqc');
  await create(S, [['pk', 'S', 'HASH']]);
  await create(N, [['pk', 'N', 'HASH']]);
  await create(C, [
    ['pk', 'S', 'HASH'],
    ['sk', 'S', 'RANGE'],
  ]);
});

after(async () => t.stop());

test('leftover tokens after a complete statement', async () => {
  await expectMessage(`SELECT * FROM "${N}" WHERE pk = 1 foo`, LEFTOVER);
  await expectMessage(`SELECT * FROM "${N}" WHERE pk = 1 e5`, LEFTOVER);
  await expectMessage(`INSERT INTO "${N}" VALUE {'pk': 970001} foo`, LEFTOVER);
  await expectMessage(`UPDATE "${N}" SET a = 9 WHERE pk = 970002 foo`, LEFTOVER);
  await expectMessage(`DELETE FROM "${N}" WHERE pk = 970003 foo`, LEFTOVER);
  await expectMessage(`SELECT * FROM "${N}" WHERE pk = 1)`, LEFTOVER);
  await expectMessage(`DELETE FROM "${N}" WHERE pk = 970004 ORDER BY pk`, LEFTOVER);
  await expectMessage(`SELECT * FROM "${N}" ORDER BY pk WHERE pk = 1`, LEFTOVER);
});

test('literals and comments the parser cannot read', async () => {
  await expectMessage(`SELECT * FROM "${N}" WHERE pk = 1e2147483648`, NWF);
  await expectMessage(`SELECT * FROM "${N}" WHERE pk = 1e99999999999`, NWF);
  await expectMessage(`SELECT * FROM "${N}" WHERE pk = 1.5e-2147483647`, NWF);
  await expectMessage(`SELECT * FROM "${N}" WHERE pk = 1 # note`, NWF);
  await expectMessage(`SELECT * FROM "${N}" WHERE pk = 1 /* note`, NWF);
});

test('table aliases', async () => {
  await expectMessage(`SELECT * FROM "${S}" t WHERE pk = 'x'`, 'Aliasing is not supported');
  await expectMessage(`SELECT * FROM "${S}" AS t WHERE pk = 'x'`, 'Aliasing is not supported');
  await expectMessage(`UPDATE "${S}" t SET a = 3 WHERE pk = 'x'`, 'Aliasing is not supported');
  await expectMessage(`DELETE FROM "${S}" t WHERE pk = 'x'`, 'Aliasing is not supported');
  await expectMessage(`INSERT INTO "${S}" t VALUE {'pk': 'x'}`, LEFTOVER);
});

test('number literals outside DynamoDB number rules', async () => {
  await expectMessage(`SELECT * FROM "${N}" WHERE pk = 1e126`, `${OVERFLOW} under root`);
  await expectMessage(`SELECT * FROM "${N}" WHERE pk = 1e-131`, `${UNDERFLOW} under root`);
  await expectMessage(`SELECT * FROM "${N}" WHERE pk = 123456789012345678901234567890123456789`, `${DIGITS} under root`);
  await expectMessage(`INSERT INTO "${N}" VALUE {'pk': 1e126}`, `${OVERFLOW} under root`);
  await expectMessage(`UPDATE "${N}" SET a = 1e-131 WHERE pk = 970005`, `${UNDERFLOW} under root`);
  await expectMessage(`INSERT INTO "${N}" VALUE {'pk': 970006, 'm': {'x': 1e126}}`, `${OVERFLOW} under root.x`);
  await expectMessage(`INSERT INTO "${N}" VALUE {'pk': 970007, 'l': [1, 1e126]}`, `${OVERFLOW} under root[1]`);
});

test('empty or truncated WHERE clauses', async () => {
  for (const s of [
    `SELECT * FROM "${S}" WHERE`,
    `SELECT * FROM "${S}" WHERE;`,
    `SELECT * FROM "${S}" WHERE   `,
    `SELECT pk FROM "${S}" WHERE`,
    `UPDATE "${S}" SET a = 1 WHERE`,
    `DELETE FROM "${S}" WHERE`,
    `SELECT * FROM "${S}" WHERE NOT`,
    `SELECT * FROM "${S}" WHERE (`,
    `SELECT * FROM "${S}-never-created" WHERE`,
    'SELECT * FROM',
  ]) {
    await expectMessage(s, `${NWF}Unexpected term`);
  }
  await expectMessage(`SELECT * FROM "${S}" WHERE pk = 'p1' AND`, `${NWF}Missing right-hand side expression of infix operator`);
  await expectMessage(`SELECT * FROM "${S}" WHERE pk = 'p1' OR`, `${NWF}Missing right-hand side expression of infix operator`);
  await expectMessage(`SELECT * FROM "${S}" WHERE ORDER BY pk`, `${NWF}Unexpected keyword`);
  const tx = await failure(t.client.send(new ExecuteTransactionCommand({ TransactStatements: [{ Statement: `SELECT * FROM "${S}" WHERE` }] })));
  assert.deepEqual(tx, { name: 'ValidationException', message: `Validation failed in TransactStatements[0]: ${NWF}Unexpected term` });
  const b = await t.client.send(new BatchExecuteStatementCommand({ Statements: [{ Statement: `SELECT * FROM "${S}" WHERE` }] }));
  assert.equal(b.Responses?.length, 1);
  assert.deepEqual(b.Responses?.[0]?.Error, { Code: 'ValidationError', Message: `${NWF}Unexpected term` });
});

test('IS type tests and misplaced operators', async () => {
  for (const ty of ['INT4', 'INT8', 'DOUBLE PRECISION', 'CHARACTER VARYING']) {
    await expectMessage(`x IS ${ty}`, 'Unsupported operation: IsType');
  }
  await expectMessage(`SELECT * FROM "${S}" WHERE pk = 'a' AND x IS FOO`, `${NWF}Expected type name`);
  await expectMessage(`SELECT * FROM "${S}" WHERE IS NULL`, `${NWF}Unexpected operator`);
  await expectMessage(`SELECT * FROM "${S}" WHERE pk = LIKE`, `${NWF}Unexpected operator`);
});

test('DELETE FROM with no table', async () => {
  for (const s of ['DELETE FROM', 'DELETE FROM   ', 'DELETE FROM;', "DELETE FROM WHERE pk = 'a'"]) {
    await expectMessage(s, `${NWF}Expected identifier for simple path`);
  }
});

test('FROM-first UPDATE form', async () => {
  await expectMessage(`FROM "${S}" SET c = 1`, INCOMPLETE);
  await expectMessage(`FROM "${S}" REMOVE a`, INCOMPLETE);
  await expectMessage(`FROM "${S}" WHERE a = 1 SET c = 1`, INCOMPLETE);
  await expectMessage(`FROM "${S}" SET c = 1 WHERE pk = 'pq-ff-msg'`, LEFTOVER);
  await expectMessage(`FROM "${S}" SET c = 1 WHERE pk = 'pq-ff-msg' SET d = 2`, LEFTOVER);
  await expectMessage(`FROM "${S}-never-created" WHERE pk = 'x' SET c = 1`, 'Requested resource not found', 'ResourceNotFoundException');
});

test('OR branches overlapping on the sort key', async () => {
  for (const cond of ["x = '1'", "x <> '1'"]) {
    await expectMessage(
      `SELECT * FROM "${C}" WHERE pk = 'a' AND ${cond} OR pk = 'a' AND sk = '2'`,
      'Overlapping conditions with range keys are not supported in where clause',
    );
  }
});

/** `1:<column>:<length>` of the first `token` at or after `from`. */
function at(statement: string, token: string, length = token.length, from = 0): string {
  return `1:${statement.indexOf(token, from) + 1}:${length}`;
}

test('function messages (attribute_exists, EXISTS, set_add, set_delete)', async () => {
  const ITEM = 'pq-fn-msg';
  await put(S, { pk: { S: ITEM }, ss: { SS: ['a', 'b', 'c'] }, ns: { NS: ['1', '2', '3'] }, s: { S: 'str' }, m: { M: { inner: { SS: ['x'] } } } });
  const where = (c: string) => `SELECT * FROM "${S}" WHERE pk = '${ITEM}' AND ${c}`;
  const update = (set: string) => `UPDATE "${S}" SET ${set} WHERE pk = '${ITEM}'`;
  const needsPath = 'Operator or function requires a document path; operator or function: attribute_exists';
  await expectMessage(where("attribute_exists('ss')"), needsPath);
  assert.deepEqual(await failure(exec(where('attribute_exists(?)'), { Parameters: [{ S: 'ss' }] })), { name: 'ValidationException', message: needsPath });
  await expectMessage(where('attribute_exists()'), 'Incorrect number of operands for operator or function; operator or function: attribute_exists, number of operands: 0');
  await expectMessage(where('attribute_exists(ss, ns)'), 'Incorrect number of operands for operator or function; operator or function: attribute_exists, number of operands: 2');
  let s = `SELECT attribute_exists(ss) FROM "${S}" WHERE pk = '${ITEM}'`;
  await expectMessage(s, `Unexpected path component at ${at(s, 'attribute_exists')}`);
  s = where('EXISTS(ss)');
  await expectMessage(s, `Unrecognized function: exists at ${at(s, 'EXISTS')}`);
  await expectMessage(where('attribute_exists(m.inner)'), `${NWF}Invalid path dot component`);
  const tx = await failure(t.client.send(new ExecuteTransactionCommand({ TransactStatements: [{ Statement: where('attribute_exists(ss)') }] })));
  assert.equal(tx.message, 'Validation failed in TransactStatements[0]: Select statements within ExecuteTransaction must specify the primary key in the where clause.');
  const b = await t.client.send(new BatchExecuteStatementCommand({ Statements: [{ Statement: where('attribute_exists(ss)') }] }));
  assert.deepEqual(b.Responses?.[0]?.Error, { Code: 'ValidationError', Message: 'Select statements within BatchExecuteStatement must specify the primary key in the where clause.' });
  const ex = await failure(
    t.client.send(
      new ExecuteTransactionCommand({
        TransactStatements: [{ Statement: `EXISTS(SELECT * FROM "${S}" WHERE pk = '${ITEM}')` }, { Statement: `UPDATE "${S}" SET z = 1 WHERE pk = 'pq-fn-msg-never-written'` }],
      }),
    ),
  );
  assert.deepEqual(ex, { name: 'ValidationException', message: 'Validation failed in TransactStatements[0]: EXISTS() must contain a single item read with additional condition' });

  s = update("t = set_add(ss, <<'x'>>)");
  await expectMessage(s, `The first argument to SET_ADD must equal the assignment value at ${at(s, 'set_add')}`);
  s = update("ss = set_add(<<'a'>>, <<'b'>>)");
  await expectMessage(s, `The first argument to SET_ADD must equal the assignment value at ${at(s, 'set_add')}`);
  for (const arg of ["'x'", "['x']"]) {
    s = update(`ss = set_add(ss, ${arg})`);
    await expectMessage(s, `The second argument to SET_ADD must be a value with type SET at ${at(s, 'ss', 2, s.indexOf('set_add('))}`);
  }
  s = update('ss = set_add(ss)');
  await expectMessage(s, `SET_ADD must have exactly two arguments at ${at(s, 'set_add')}`);
  s = update("ss = set_add(ss, <<'x'>>, <<'y'>>)");
  await expectMessage(s, `SET_ADD must have exactly two arguments at ${at(s, 'set_add')}`);
  await expectMessage(update('ss = set_add(ss, <<1>>)'), 'An operand in the update expression has an incorrect data type');
  await expectMessage(update("s = set_add(s, <<'x'>>)"), 'An operand in the update expression has an incorrect data type');
  await expectMessage(update("ss = set_add(ss, <<'x', 'x'>>)"), 'One or more parameter values were invalid: Input collection [x, x] contains duplicates.');
  await expectMessage(update('ss = set_add(ss, <<>>)'), 'Empty bags are not supported');
  await expectMessage(update("m.inner = set_add(m.inner, <<'y'>>)"), `${NWF}Invalid path dot component`);
  s = where("set_add(ss, <<'x'>>) = ss");
  await expectMessage(s, `Unrecognized function: set_add at ${at(s, 'set_add')}`);
  s = `INSERT INTO "${S}" VALUE {'pk': 'pq-fn-msg-insert', 'ss': set_add(<<'a'>>, <<'b'>>)}`;
  await expectMessage(s, `Unsupported data type: set_add under key root at ${at(s, 'set_add')}`);
  s = update("t = set_delete(ss, <<'a'>>)");
  await expectMessage(s, `The first argument to SET_DELETE must equal the assignment value at ${at(s, 'set_delete')}`);
  s = update("ss = set_delete(ss, 'a')");
  await expectMessage(s, `The second argument to SET_DELETE must be a value with type SET at ${at(s, 'ss', 2, s.indexOf('set_delete('))}`);
  await expectMessage(update('ss = set_delete(ss, <<1>>)'), 'An operand in the update expression has an incorrect data type');
});

test('document paths in SELECT and UPDATE, IN with NOT begins_with, IS [NOT] MISSING', async () => {
  await put(S, { pk: { S: 'path-select' }, profile: { M: { sub: { S: 'deep' }, sib: { S: 'keep' } } }, tags: { L: [{ S: 'a' }, { S: 'b' }] } });
  const r = await exec(`SELECT profile.sub, tags[1] FROM "${S}" WHERE pk = 'path-select'`);
  assert.deepEqual(r.Items, [{ sub: { S: 'deep' }, 'tags[1]': { S: 'b' } }]);
  await exec(`UPDATE "${S}" SET profile.sub = 'new' WHERE pk = 'path-select'`);
  const u = await exec(`SELECT profile.sub FROM "${S}" WHERE pk = 'path-select'`);
  assert.deepEqual(u.Items, [{ sub: { S: 'new' } }]);
  await put(S, { pk: { S: 'grammar-a' }, kind: { S: 'alpha' } });
  await put(S, { pk: { S: 'grammar-b' }, kind: { S: 'beta' } });
  const g = await exec(`SELECT pk FROM "${S}" WHERE pk IN ['grammar-a','grammar-b'] AND NOT begins_with("kind", 'al')`);
  assert.deepEqual(g.Items, [{ pk: { S: 'grammar-b' } }]);
  assert.equal((await exec(`SELECT pk FROM "${S}" WHERE pk = 'grammar-a' AND "kind" IS NOT MISSING`)).Items?.length, 1);
  assert.equal((await exec(`SELECT pk FROM "${S}" WHERE pk = 'grammar-a' AND "kind" IS MISSING`)).Items?.length, 0);
});

test('conditional writes: UPDATE of an absent item, false predicates, DELETE of an absent item', async () => {
  const ccf = await failure(exec(`UPDATE "${S}" SET data = 'new' WHERE pk = 'write-ghost'`));
  assert.equal(ccf.name, 'ConditionalCheckFailedException');
  const got = await t.client.send(new GetItemCommand({ TableName: S, Key: { pk: { S: 'write-ghost' } } }));
  assert.equal(got.Item, undefined);
  await put(S, { pk: { S: 'write-pred' }, name: { S: 'alpha' }, n: { N: '5' } });
  assert.equal((await failure(exec(`UPDATE "${S}" SET n = 9 WHERE pk = 'write-pred' AND "name" = 'beta'`))).name, 'ConditionalCheckFailedException');
  assert.equal((await failure(exec(`DELETE FROM "${S}" WHERE pk = 'write-pred' AND "name" = 'beta'`))).name, 'ConditionalCheckFailedException');
  const kept = await t.client.send(new GetItemCommand({ TableName: S, Key: { pk: { S: 'write-pred' } } }));
  assert.deepEqual(kept.Item?.n, { N: '5' });
  const del = await exec(`DELETE FROM "${S}" WHERE pk = 'write-absent' AND "name" = 'x'`);
  assert.deepEqual(del.Items ?? [], []);
  await expectMessage(`DELETE FROM "${S}" WHERE "name" = 'alpha'`, INCOMPLETE);
});

test('RETURNING on UPDATE and DELETE', async () => {
  await put(S, { pk: { S: 'ret-update' }, data: { S: 'old' }, keep: { S: 'same' } });
  const a = await exec(`UPDATE "${S}" SET data = 'new' WHERE pk = 'ret-update' RETURNING ALL OLD *`);
  assert.deepEqual(a.Items, [{ pk: { S: 'ret-update' }, data: { S: 'old' }, keep: { S: 'same' } }]);
  const m = await exec(`UPDATE "${S}" SET data = 'newer' WHERE pk = 'ret-update' RETURNING MODIFIED NEW *`);
  assert.deepEqual(m.Items, [{ data: { S: 'newer' } }]);
  await put(S, { pk: { S: 'ret-removed' }, data: { S: 'old' } });
  const e = await exec(`UPDATE "${S}" REMOVE data WHERE pk = 'ret-removed' RETURNING MODIFIED NEW *`);
  assert.deepEqual(e.Items, []);
  await put(S, { pk: { S: 'ret-delete' }, data: { S: 'gone' } });
  await expectMessage(
    `DELETE FROM "${S}" WHERE pk = 'ret-delete' RETURNING MODIFIED OLD *`,
    'Invalid returning clause: RETURNING MODIFIED OLD *. Only RETURNING ALL OLD * is allowed in DELETE statements.',
  );
  assert.deepEqual((await exec(`DELETE FROM "${S}" WHERE pk = 'ret-delete' RETURNING ALL OLD *`)).Items, [{ pk: { S: 'ret-delete' }, data: { S: 'gone' } }]);
  assert.deepEqual((await exec(`DELETE FROM "${S}" WHERE pk = 'ret-delete' RETURNING ALL OLD *`)).Items, []);
  await put(S, { pk: { S: 'arith' }, n: { N: '5' } });
  assert.deepEqual((await exec(`UPDATE "${S}" SET n = n + 1 WHERE pk = 'arith' RETURNING MODIFIED NEW *`)).Items, [{ n: { N: '6' } }]);
  assert.deepEqual((await exec(`UPDATE "${S}" SET n = n - 2 WHERE pk = 'arith' RETURNING MODIFIED NEW *`)).Items, [{ n: { N: '4' } }]);
});

test('transactions: RETURNING refused, idempotent token, key reads, index reads', async () => {
  const r = await t.raw('ExecuteTransaction', { TransactStatements: [{ Statement: `UPDATE "${S}" SET data = 'v' WHERE pk = 'ret-txn' RETURNING ALL NEW *` }] });
  assert.equal(r.status, 400);
  assert.equal(r.json.message, 'Validation failed in TransactStatements[0]: RETURNING clause is not supported in ExecuteTransaction.');
  await put(S, { pk: { S: 'txn-idem' }, n: { N: '0' } });
  const body = { ClientRequestToken: 'partiql-idem-token', TransactStatements: [{ Statement: `UPDATE "${S}" SET n = n + 1 WHERE pk = 'txn-idem'` }] };
  assert.equal((await t.raw('ExecuteTransaction', body)).status, 200);
  assert.equal((await t.raw('ExecuteTransaction', body)).status, 200);
  const got = await t.client.send(new GetItemCommand({ TableName: S, Key: { pk: { S: 'txn-idem' } } }));
  assert.deepEqual(got.Item?.n, { N: '1' });
  await put(S, { pk: { S: 'txn-read' }, data: { S: 'here' } });
  const read = await t.client.send(new ExecuteTransactionCommand({ TransactStatements: [{ Statement: `SELECT * FROM "${S}" WHERE pk = 'txn-read'` }] }));
  assert.deepEqual(read.Responses, [{ Item: { pk: { S: 'txn-read' }, data: { S: 'here' } } }]);
  const missing = await t.client.send(new ExecuteTransactionCommand({ TransactStatements: [{ Statement: `SELECT * FROM "${S}" WHERE pk = 'txn-nothing'` }] }));
  assert.deepEqual(missing.Responses, [{}]);
});

test('FROM clause components and index qualifiers on writes', async () => {
  await expectMessage(`SELECT * FROM "" WHERE pk = 'x'`, 'Path component cannot be an empty string');
  await expectMessage(`SELECT * FROM "${S}"."" WHERE pk = 'x'`, 'Path component cannot be an empty string');
  await expectMessage(`SELECT * FROM "${S}"."an-index"."extra" WHERE pk = 'x'`, 'A path may contain at most 2 components in the FROM clause');
  const ins = `INSERT INTO "${S}"."an-index" VALUE {'pk': 'qualified'}`;
  await expectMessage(ins, `FROM clause may only contain a single table name in data manipulation statements at 1:13:${S.length + 2}`);
  await expectMessage(`UPDATE "${S}"."an-index" SET data = 'x' WHERE pk = 'qualified'`, 'This operation is not supported on an index');
  await expectMessage(`DELETE FROM "${S}"."an-index" WHERE pk = 'qualified'`, 'This operation is not supported on an index');
  const tx = await failure(
    t.client.send(new ExecuteTransactionCommand({ TransactStatements: [{ Statement: `UPDATE "${S}"."an-index" SET data = 'x' WHERE pk = 'qualified'` }] })),
  );
  assert.equal(tx.message, 'Validation failed in TransactStatements[0]: This operation is not supported on an index');
  const rd = await failure(
    t.client.send(new ExecuteTransactionCommand({ TransactStatements: [{ Statement: `SELECT * FROM "${S}"."an-index" WHERE pk = 'txn-read'` }] })),
  );
  assert.equal(rd.message, 'Validation failed in TransactStatements[0]: Reads on indices are not supported within transactions.');
});

test('BatchExecuteStatement per-statement errors carry short codes and the table name', async () => {
  await put(S, { pk: { S: 'batch-dup' }, val: { S: 'here' } });
  await put(S, { pk: { S: 'batch-cond' }, val: { S: 'here' } });
  // Two members naming one item would fail the whole batch ("Provided list of item keys contains
  // duplicates"), so the failures are on two items.
  const r = await t.raw('BatchExecuteStatement', {
    Statements: [
      { Statement: `SLECT * FROM "${S}" WHERE pk = 'batch-dup'` },
      { Statement: `INSERT INTO "${S}" VALUE {'pk': 'batch-dup'}` },
      { Statement: `UPDATE "${S}" SET touched = 'yes' WHERE pk = 'batch-cond' AND val = 'wrong'` },
    ],
  });
  assert.equal(r.status, 200);
  const [a, b, c] = r.json.Responses;
  assert.deepEqual(a, { Error: { Code: 'ValidationError', Message: `${NWF}Expected data manipulation` } });
  assert.equal(b.Error.Code, 'DuplicateItem');
  assert.equal(b.TableName, S);
  assert.equal(c.Error.Code, 'ConditionalCheckFailed');
  assert.equal(c.TableName, S);
  const reads = await t.client.send(
    new BatchExecuteStatementCommand({
      Statements: [{ Statement: `SELECT * FROM "${S}" WHERE pk = 'batch-dup'` }],
    }),
  );
  assert.deepEqual(reads.Responses, [{ TableName: S, Item: { pk: { S: 'batch-dup' }, val: { S: 'here' } } }]);
});
