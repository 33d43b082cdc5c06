import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseStatement } from '../../src/dynamodb/partiql/parser.js';
import { DynamoError } from '../../src/protocol/errors.js';

const NWF = "Statement wasn't well formed, can't be processed: ";

function rejects(text: string, message: string): void {
  assert.throws(() => parseStatement(text), (e: unknown) => e instanceof DynamoError && e.message === message, text);
}

test('parses the statement forms', () => {
  const s = parseStatement(`SELECT a, b.c, d[1] FROM "T"."idx" WHERE pk = ? AND sk BETWEEN 1 AND 5 ORDER BY sk DESC`);
  assert.equal(s.kind, 'select');
  if (s.kind === 'select') {
    assert.equal(s.source.index, 'idx');
    assert.equal(s.projection?.length, 3);
    assert.equal(s.params, 1);
    assert.deepEqual(s.orderBy.map((o) => o.desc), [true]);
  }
  assert.equal(parseStatement(`INSERT INTO "T" VALUE {'pk': 'a', 'n': 1, 's': <<'x','y'>>, 'l': [1, null, true]}`).kind, 'insert');
  const u = parseStatement(`UPDATE "T" SET a = a + 1, b = 'x' REMOVE c WHERE pk = 'k' RETURNING ALL NEW *`);
  assert.equal(u.kind, 'update');
  if (u.kind === 'update') assert.deepEqual(u.returning, { mode: 'ALL', side: 'NEW' });
  assert.equal(parseStatement(`DELETE FROM "T" WHERE pk = 'k';`).kind, 'delete');
  assert.equal(parseStatement(`EXISTS(SELECT * FROM "T" WHERE pk = 'k' AND a IS MISSING)`).kind, 'exists');
  assert.equal(parseStatement(`FROM "T" WHERE pk = 'k' SET a = 1`).kind, 'update');
});

test('syntax errors carry the PartiQL parser details', () => {
  rejects(`SELECT * FROM "N" WHERE pk = 1 foo`, `${NWF}Unexpected token after expression`);
  rejects(`SELECT * FROM "N" WHERE pk = 1)`, `${NWF}Unexpected token after expression`);
  rejects(`SELECT * FROM "N" ORDER BY pk WHERE pk = 1`, `${NWF}Unexpected token after expression`);
  rejects(`DELETE FROM "N" WHERE pk = 1 ORDER BY pk`, `${NWF}Unexpected token after expression`);
  rejects(`SELECT * FROM "N" WHERE pk = 1 # note`, NWF);
  rejects(`SELECT * FROM "N" WHERE pk = 1 /* note`, NWF);
  rejects(`SELECT * FROM "S" WHERE`, `${NWF}Unexpected term`);
  rejects(`SELECT * FROM "S" WHERE;`, `${NWF}Unexpected term`);
  rejects(`SELECT * FROM "S" WHERE NOT`, `${NWF}Unexpected term`);
  rejects(`SELECT * FROM "S" WHERE (`, `${NWF}Unexpected term`);
  rejects(`UPDATE "S" SET a = 1 WHERE`, `${NWF}Unexpected term`);
  rejects(`SELECT * FROM "S" WHERE pk = 'p1' AND`, `${NWF}Missing right-hand side expression of infix operator`);
  rejects(`SELECT * FROM "S" WHERE pk = 'p1' OR`, `${NWF}Missing right-hand side expression of infix operator`);
  rejects(`SELECT * FROM "S" WHERE ORDER BY pk`, `${NWF}Unexpected keyword`);
  rejects(`SELECT * FROM "S" WHERE IS NULL`, `${NWF}Unexpected operator`);
  rejects(`SELECT * FROM "S" WHERE pk = LIKE`, `${NWF}Unexpected operator`);
  rejects(`SELECT * FROM "S" WHERE pk = 'a' AND x IS FOO`, `${NWF}Expected type name`);
  rejects('DELETE FROM', `${NWF}Expected identifier for simple path`);
  rejects('DELETE FROM;', `${NWF}Expected identifier for simple path`);
  rejects(`DELETE FROM WHERE pk = 'a'`, `${NWF}Expected identifier for simple path`);
  rejects('SELECT * FROM', `${NWF}Unexpected term`);
  rejects(`SELECT * FROM "S" WHERE pk = 'a' AND attribute_exists(m.inner)`, `${NWF}Invalid path dot component`);
});

test('aliases, FROM paths and RETURNING shapes', () => {
  rejects(`SELECT * FROM "S" t WHERE pk = 'x'`, 'Aliasing is not supported');
  rejects(`SELECT * FROM "S" AS t WHERE pk = 'x'`, 'Aliasing is not supported');
  rejects(`UPDATE "S" t SET a = 3 WHERE pk = 'x'`, 'Aliasing is not supported');
  rejects(`DELETE FROM "S" t WHERE pk = 'x'`, 'Aliasing is not supported');
  rejects(`INSERT INTO "S" t VALUE {'pk': 'x'}`, `${NWF}Unexpected token after expression`);
  rejects(`SELECT * FROM "T"."i"."x" WHERE pk = 'p'`, 'A path may contain at most 2 components in the FROM clause');
  rejects(`SELECT * FROM "" WHERE pk = 'p'`, 'Path component cannot be an empty string');
  rejects(`SELECT * FROM "T"."" WHERE pk = 'p'`, 'Path component cannot be an empty string');
  rejects(`SELECT *, a FROM "T"`, "Other attributes should not be present in the projection when '*' is used.");
});

test('number literals follow DynamoDB number rules, with the path inside the value', async () => {
  const { constantValue } = await import('../../src/dynamodb/partiql/literals.js');
  const value = (text: string) => {
    const s = parseStatement(`INSERT INTO "N" VALUE ${text}`);
    if (s.kind !== 'insert') throw new Error('not insert');
    return constantValue(s.value, []);
  };
  const fails = (text: string, message: string) =>
    assert.throws(() => value(text), (e: unknown) => e instanceof DynamoError && e.message === message, text);
  fails(`{'pk': 1e126}`, 'Number overflow. Attempting to store a number with magnitude larger than supported range under root.pk');
  fails(`{'pk': 1, 'l': [1, 1e-131]}`, 'Number underflow. Attempting to store a number with magnitude smaller than supported range under root.l[1]');
  fails(`{'pk': 1e2147483648}`, NWF);
  fails(`{'pk': <<>>}`, 'Empty bags are not supported');
  fails(`{'pk': <<'x', 'x'>>}`, 'One or more parameter values were invalid: Input collection [x, x] contains duplicates.');
  assert.deepEqual(value(`{'a': -1.50, 'b': <<1, 2>>, 'c': null, 'd': [true]}`), {
    M: { a: { N: '-1.5' }, b: { NS: ['1', '2'] }, c: { NULL: true }, d: { L: [{ BOOL: true }] } },
  });
});
