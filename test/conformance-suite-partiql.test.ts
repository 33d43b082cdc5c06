/**
 * PartiQL behaviour pinned by a public conformance suite whose cases were run against live DynamoDB
 * (eu-west-2, 2026): number parameters, and the other fixes listed in this file.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  type AttributeValue,
  BatchExecuteStatementCommand,
  CreateTableCommand,
  ExecuteStatementCommand,
  ExecuteTransactionCommand,
} from '@aws-sdk/client-dynamodb';
import { startTestEddy, uniqueName, type TestEddy } from './helpers/eddy.js';
import { failure } from './helpers/expect.js';

const CANNOT_CONVERT = 'The parameter cannot be converted to a numeric value';
const UNDERFLOW = 'Number underflow. Attempting to store a number with magnitude smaller than supported range';
const TOO_DEEP = 'Nesting Levels have exceeded supported limits: Attributes in the item have nested levels beyond supported limit';

let t: TestEddy;
let C: string; // pk S, sk S
let X: string; // pk S, sk S, with a KEYS_ONLY GSI (gkeys) and a KEYS_ONLY LSI (lkeys)

function exec(Statement: string, Parameters?: AttributeValue[]) {
  return t.client.send(new ExecuteStatementCommand({ Statement, ...(Parameters ? { Parameters } : {}) }));
}

function nested(levels: number, leaf: AttributeValue): AttributeValue {
  let v = leaf;
  for (let i = 0; i < levels; i++) v = { M: { k: v } };
  return v;
}

before(async () => {
  t = await startTestEddy();
  C = uniqueName('pqsuite');
  await t.client.send(
    new CreateTableCommand({
      TableName: C,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [
        { AttributeName: 'pk', AttributeType: 'S' },
        { AttributeName: 'sk', AttributeType: 'S' },
      ],
      KeySchema: [
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ],
    }),
  );
  X = uniqueName('pqidx');
  await t.client.send(
    new CreateTableCommand({
      TableName: X,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: ['pk', 'sk', 'g', 'l'].map((n) => ({ AttributeName: n, AttributeType: 'S' as const })),
      KeySchema: [
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ],
      GlobalSecondaryIndexes: [{ IndexName: 'gkeys', KeySchema: [{ AttributeName: 'g', KeyType: 'HASH' }], Projection: { ProjectionType: 'KEYS_ONLY' } }],
      LocalSecondaryIndexes: [
        {
          IndexName: 'lkeys',
          KeySchema: [
            { AttributeName: 'pk', KeyType: 'HASH' },
            { AttributeName: 'l', KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'KEYS_ONLY' },
        },
      ],
    }),
  );
});

after(async () => t.stop());

test('a number parameter whose exponent or scale leaves 32 bits cannot be converted', async () => {
  const where = `SELECT * FROM "${C}" WHERE pk = 'a' AND n = ?`;
  const update = `UPDATE "${C}" SET n = ? WHERE pk = 'a' AND sk = 'b'`;
  for (const text of ['1e99999999999', '-1e99999999999', '1e2147483648', '1e-2147483648', '2.5e-2147483647']) {
    for (const statement of [where, update, `SELECT * FROM "${C}" WHERE pk = ?`]) {
      assert.deepEqual(await failure(exec(statement, [{ N: text }])), { name: 'ValidationException', message: `${CANNOT_CONVERT}: ${text}` }, `${text} in ${statement}`);
    }
  }
  // Inside a list, a map and a number set too.
  for (const param of [{ L: [{ N: '3' }, { N: '1e99999999999' }] }, { M: { q: { N: '1e99999999999' } } }, { NS: ['3', '1e99999999999'] }]) {
    assert.equal((await failure(exec(where, [param]))).message, `${CANNOT_CONVERT}: 1e99999999999`);
  }
});

test('a number parameter whose magnitude wraps past 32 bits is an underflow', async () => {
  const f = await failure(exec(`SELECT * FROM "${C}" WHERE pk = 'a' AND n = ?`, [{ N: '1e2147483647' }]));
  assert.deepEqual(f, { name: 'ValidationException', message: UNDERFLOW });
});

test('the first parameter problem in document order is the one reported', async () => {
  const pair = `SELECT * FROM "${C}" WHERE pk = 'a' AND x = ? AND y = ?`;
  assert.equal((await failure(exec(pair, [nested(40, { S: 'z' }), { N: '1e99999999999' }]))).message, TOO_DEEP);
  assert.equal((await failure(exec(pair, [{ N: '1e99999999999' }, nested(40, { S: 'z' })]))).message, `${CANNOT_CONVERT}: 1e99999999999`);
});

test('parameter value errors in ExecuteTransaction carry no member prefix; batch reports them per statement', async () => {
  const update = `UPDATE "${C}" SET n = ? WHERE pk = 'a' AND sk = 'b'`;
  const tx = await failure(t.client.send(new ExecuteTransactionCommand({ TransactStatements: [{ Statement: update, Parameters: [{ N: '1e99999999999' }] }] })));
  assert.deepEqual(tx, { name: 'ValidationException', message: `${CANNOT_CONVERT}: 1e99999999999` });
  const deep = await failure(
    t.client.send(new ExecuteTransactionCommand({ TransactStatements: [{ Statement: `UPDATE "${C}" SET x = ? SET y = ? WHERE pk = 'a' AND sk = 'b'`, Parameters: [nested(40, { S: 'z' }), { N: 'abc' }] }] })),
  );
  assert.deepEqual(deep, { name: 'ValidationException', message: TOO_DEEP });
  const batch = await t.client.send(new BatchExecuteStatementCommand({ Statements: [{ Statement: update, Parameters: [{ N: '-1e99999999999' }] }] }));
  assert.deepEqual(batch.Responses?.[0]?.Error, { Code: 'ValidationError', Message: `${CANNOT_CONVERT}: -1e99999999999` });
});

test('ordinary number parameters are still accepted', async () => {
  await exec(`INSERT INTO "${C}" VALUE {'pk': 'num', 'sk': 'ok', 'n': ?}`, [{ N: '1.5e3' }]);
  const res = await exec(`SELECT n FROM "${C}" WHERE pk = 'num' AND sk = 'ok'`);
  assert.deepEqual(res.Items, [{ n: { N: '1500' } }]);
});

test('an OR branch whose sort-key condition is negated is not an overlap', async () => {
  for (const sk of ['1', '2', '3']) await exec(`INSERT INTO "${C}" VALUE {'pk': 'ov', 'sk': '${sk}'}`);
  const keys = async (where: string) => {
    const res = await t.client.send(new ExecuteStatementCommand({ Statement: `SELECT sk FROM "${C}" WHERE ${where}`, ConsistentRead: true }));
    return (res.Items ?? []).map((i) => i.sk?.S).sort();
  };
  assert.deepEqual(await keys(`pk = 'ov' AND NOT sk = '1' OR pk = 'ov' AND sk = '2'`), ['2', '3']);
  assert.deepEqual(await keys(`pk = 'ov' AND sk <> '3' OR pk = 'ov' AND sk = '2'`), ['1', '2']);
  assert.deepEqual(await keys(`pk = 'ov' AND NOT sk IN ['1', '2'] OR pk = 'ov' AND sk = '1'`), ['1', '3']);
  assert.deepEqual(await keys(`pk = 'ov' OR pk = 'ov' AND NOT begins_with(sk, '2')`), ['1', '2', '3']);
  // A branch with no sort-key condition beside a bounded one is still refused.
  const f = await failure(exec(`SELECT * FROM "${C}" WHERE pk = 'ov' AND x <> '1' OR pk = 'ov' AND sk = '2'`));
  assert.deepEqual(f, { name: 'ValidationException', message: 'Overlapping conditions with range keys are not supported in where clause' });
});

test('SELECT through a KEYS_ONLY index: GSI refuses unprojected columns, LSI fetches them from the table', async () => {
  for (const n of ['1', '2', '3']) {
    await exec(`INSERT INTO "${X}" VALUE {'pk': 'p', 'sk': 's${n}', 'g': 'gv', 'l': 'l${n}', 'extra': 'e${n}', 'more': 'm${n}'}`);
  }
  const refusal = await failure(exec(`SELECT more, extra FROM "${X}"."gkeys" WHERE g = 'gv'`));
  assert.deepEqual(refusal, { name: 'ValidationException', message: 'One or more parameter values were invalid: Global secondary index gkeys does not project [more, extra]' });
  assert.equal((await failure(exec(`SELECT extra FROM "${X}"."gkeys"`))).message, 'One or more parameter values were invalid: Global secondary index gkeys does not project [extra]');

  const cc = (r: { ConsumedCapacity?: { Table?: { CapacityUnits?: number }; LocalSecondaryIndexes?: Record<string, { CapacityUnits?: number }> } }) => ({
    table: r.ConsumedCapacity?.Table?.CapacityUnits,
    lsi: r.ConsumedCapacity?.LocalSecondaryIndexes?.lkeys?.CapacityUnits,
  });
  const all = await t.client.send(new ExecuteStatementCommand({ Statement: `SELECT extra FROM "${X}"."lkeys" WHERE pk = 'p'`, ReturnConsumedCapacity: 'INDEXES' }));
  assert.deepEqual(all.Items, [{ extra: { S: 'e1' } }, { extra: { S: 'e2' } }, { extra: { S: 'e3' } }]);
  assert.deepEqual(cc(all), { table: 1.5, lsi: 0.5 }); // each fetched item is charged on its own
  const one = await t.client.send(new ExecuteStatementCommand({ Statement: `SELECT extra FROM "${X}"."lkeys" WHERE pk = 'p'`, ReturnConsumedCapacity: 'INDEXES', Limit: 1 }));
  assert.deepEqual(cc(one), { table: 0.5, lsi: 0.5 });
  const keysOnly = await t.client.send(new ExecuteStatementCommand({ Statement: `SELECT l FROM "${X}"."lkeys" WHERE pk = 'p'`, ReturnConsumedCapacity: 'INDEXES' }));
  assert.deepEqual(cc(keysOnly), { table: 0, lsi: 0.5 });
});

test('a read keyed on the index partition key may not filter on an unprojected attribute', async () => {
  const gsi = await failure(exec(`SELECT pk FROM "${X}"."gkeys" WHERE g = 'gv' AND more = 'x' AND extra = 'y'`));
  assert.deepEqual(gsi, { name: 'ValidationException', message: 'One or more parameter values were invalid: Secondary index gkeys does not project one or more filter attributes: [extra, more]' });
  const lsi = await failure(exec(`SELECT pk FROM "${X}"."lkeys" WHERE pk = 'p' AND attribute_exists(extra)`));
  assert.equal(lsi.message, 'One or more parameter values were invalid: Secondary index lkeys does not project one or more filter attributes: [extra]');
  // Unkeyed, the filter sees the attribute as absent.
  const scan = await exec(`SELECT pk FROM "${X}"."gkeys" WHERE extra = 'e1'`);
  assert.deepEqual(scan.Items, []);
});

test('BatchExecuteStatement returns a member RETURNING row as its Item', async () => {
  await exec(`INSERT INTO "${C}" VALUE {'pk': 'br', 'sk': 'del', 'v': 'gone'}`);
  await exec(`INSERT INTO "${C}" VALUE {'pk': 'br', 'sk': 'upd', 'v': 'old'}`);
  await exec(`INSERT INTO "${C}" VALUE {'pk': 'br', 'sk': 'rem', 'v': 'old'}`);
  // Three items: one item named twice would fail the whole batch (suite: one statement per batch).
  const res = await t.client.send(
    new BatchExecuteStatementCommand({
      Statements: [
        { Statement: `DELETE FROM "${C}" WHERE pk = 'br' AND sk = 'del' RETURNING ALL OLD *` },
        { Statement: `UPDATE "${C}" SET v = 'new' WHERE pk = 'br' AND sk = 'upd' RETURNING MODIFIED NEW *` },
        { Statement: `UPDATE "${C}" REMOVE v WHERE pk = 'br' AND sk = 'rem' RETURNING MODIFIED NEW *` },
      ],
    }),
  );
  assert.deepEqual(res.Responses?.[0]?.Item, { pk: { S: 'br' }, sk: { S: 'del' }, v: { S: 'gone' } });
  assert.deepEqual(res.Responses?.[1]?.Item, { v: { S: 'new' } });
  // An empty MODIFIED projection leaves Item out.
  assert.equal(res.Responses?.[2]?.Item, undefined);
  assert.equal(res.Responses?.[2]?.TableName, C);
});

test('the FROM-first UPDATE takes a RETURNING clause', async () => {
  await exec(`INSERT INTO "${C}" VALUE {'pk': 'ff', 'sk': 'r', 'a': 1}`);
  const res = await exec(`FROM "${C}" WHERE pk = 'ff' AND sk = 'r' SET b = 2 RETURNING ALL NEW *`);
  assert.deepEqual(res.Items, [{ pk: { S: 'ff' }, sk: { S: 'r' }, a: { N: '1' }, b: { N: '2' } }]);
});

test('a condition function compared with a boolean literal', async () => {
  await exec(`INSERT INTO "${C}" VALUE {'pk': 'fb', 'sk': 'x', 'a': 1}`);
  const keys = async (cond: string) => ((await exec(`SELECT sk FROM "${C}" WHERE pk = 'fb' AND ${cond}`)).Items ?? []).length;
  assert.equal(await keys('attribute_exists(a) = true'), 1);
  assert.equal(await keys('attribute_exists(a) = false'), 0);
  assert.equal(await keys('true = attribute_not_exists(a)'), 0);
  assert.equal(await keys("begins_with(sk, 'x') <> false"), 1);
});

test('ExecuteTransaction: an empty list is refused; capacity names writes, and a replay is a read', async () => {
  const empty = await failure(t.client.send(new ExecuteTransactionCommand({ TransactStatements: [] })));
  assert.deepEqual(empty, {
    name: 'ValidationException',
    message: "1 validation error detected: Value '[]' at 'transactStatements' failed to satisfy constraint: Member must have length greater than or equal to 1",
  });
  const many = Array.from({ length: 101 }, () => ({ Statement: `SELECT * FROM "${C}" WHERE pk = 'a' AND sk = 'b'` }));
  const tooMany = await failure(t.client.send(new ExecuteTransactionCommand({ TransactStatements: many })));
  assert.match(tooMany.message, /at 'transactStatements' failed to satisfy constraint: Member must have length less than or equal to 100$/);
  await exec(`INSERT INTO "${C}" VALUE {'pk': 'tx', 'sk': 'n', 'n': 0}`);
  const send = () =>
    t.client.send(
      new ExecuteTransactionCommand({
        ClientRequestToken: 'suite-partiql-token',
        ReturnConsumedCapacity: 'TOTAL',
        TransactStatements: [{ Statement: `UPDATE "${C}" SET n = n + 1 WHERE pk = 'tx' AND sk = 'n'` }],
      }),
    );
  const first = await send();
  const replay = await send();
  assert.deepEqual(first.ConsumedCapacity, [{ TableName: C, CapacityUnits: 2, WriteCapacityUnits: 2 }]);
  assert.deepEqual(replay.ConsumedCapacity, [{ TableName: C, CapacityUnits: 2, ReadCapacityUnits: 2 }]);
  const after = await exec(`SELECT n FROM "${C}" WHERE pk = 'tx' AND sk = 'n'`);
  assert.deepEqual(after.Items, [{ n: { N: '1' } }]);
});

test('an operand-type refusal in a SELECT comes before the table lookup', async () => {
  const missing = uniqueName('pqmissing');
  const bad = await failure(exec(`SELECT pk FROM "${missing}" WHERE pk = ? AND v < ?`, [{ S: 'x' }, { BOOL: true }]));
  assert.deepEqual(bad, { name: 'ValidationException', message: 'Incorrect operand type for operator or function; operator or function: <, operand type: BOOL' });
  const fine = await failure(exec(`SELECT pk FROM "${missing}" WHERE pk = ?`, [{ S: 'x' }]));
  assert.equal(fine.name, 'ResourceNotFoundException');
});

test('BatchExecuteStatement: ConsistentRead is per statement; a member refused before it ran has no TableName', async () => {
  await exec(`INSERT INTO "${C}" VALUE {'pk': 'bc', 'sk': 'a'}`);
  const total = async (consistent?: boolean) => {
    const res = await t.client.send(
      new BatchExecuteStatementCommand({
        Statements: [{ Statement: `SELECT * FROM "${C}" WHERE pk = 'bc' AND sk = 'a'`, ...(consistent === undefined ? {} : { ConsistentRead: consistent }) }],
        ReturnConsumedCapacity: 'TOTAL',
      }),
    );
    return (res.ConsumedCapacity ?? []).reduce((sum, c) => sum + (c.CapacityUnits ?? 0), 0);
  };
  assert.equal(await total(), 0.5);
  assert.equal(await total(true), 1);
  const res = await t.client.send(new BatchExecuteStatementCommand({ Statements: [{ Statement: `SELECT * FROM "${C}" WHERE v = 'a'` }] }));
  assert.equal(res.Responses?.[0]?.Error?.Code, 'ValidationError');
  assert.equal(res.Responses?.[0]?.TableName, undefined);
});
