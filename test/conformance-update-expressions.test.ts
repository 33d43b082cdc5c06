/**
 * UpdateItem and the expression language pinned to recorded DynamoDB behaviour: dynalite's
 * test/updateItem.js (recorded against live DynamoDB) and ScyllaDB alternator's expression tests
 * (which pass on AWS).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestEddy, type TestEddy, uniqueName } from './helpers/eddy.js';
import { assertValidation, type ConformanceTables, createConformanceTables } from './helpers/conformance.js';

let t: TestEddy;
let T: ConformanceTables;
/** alternator's test_table_s: hash key `p` (S). */
let TP: string;
before(async () => {
  t = await startTestEddy();
  T = await createConformanceTables(t);
  TP = uniqueName('cp');
  await ok('CreateTable', { TableName: TP, BillingMode: 'PAY_PER_REQUEST', AttributeDefinitions: [{ AttributeName: 'p', AttributeType: 'S' }], KeySchema: [{ AttributeName: 'p', KeyType: 'HASH' }] });
});
after(async () => t.stop());

type Json = Record<string, unknown>;
const S = (s: string) => ({ S: s });
const N = (n: string) => ({ N: n });

async function ok(op: string, body: Json): Promise<Json> {
  const r = await t.raw(op, body);
  assert.equal(r.status, 200, `${op} ${JSON.stringify(body)} → ${JSON.stringify(r.json)}`);
  return r.json as Json;
}

async function update(body: Json): Promise<Json> {
  return ok('UpdateItem', { TableName: T.hash, ...body });
}

async function getItem(key: Json, table = T.hash): Promise<Json | undefined> {
  const r = await ok('GetItem', { TableName: table, Key: key, ConsistentRead: true });
  return r.Item as Json | undefined;
}

/**
 * The message of a refused item write, without the `1 validation error detected: ` envelope live
 * DynamoDB now puts around the checks made before the table is read (asserted in
 * conformance-suite-errors.test.ts); this file pins the text inside it.
 */
const inner = (message: unknown): string => String(message).replace(/^1 validation error detected: /, '');

async function validation(body: Json, message: string | RegExp, op = 'UpdateItem'): Promise<void> {
  const r = await t.raw(op, body);
  assert.equal(r.status, 400, `${op} ${JSON.stringify(body)} → ${JSON.stringify(r.json)}`);
  assert.equal(r.json?.__type, 'com.amazon.coral.validate#ValidationException', JSON.stringify(r.json));
  if (typeof message === 'string') assert.equal(inner(r.json?.message), message, JSON.stringify(body));
  else assert.match(inner(r.json?.message), message, JSON.stringify(body));
}

async function conditionalFailure(body: Json, op = 'UpdateItem'): Promise<Json> {
  const r = await t.raw(op, body);
  assert.equal(r.status, 400, `${op} ${JSON.stringify(body)} → ${JSON.stringify(r.json)}`);
  assert.equal(r.json?.__type, 'com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException', JSON.stringify(r.json));
  return r.json as Json;
}

const key = () => ({ a: S(uniqueName('k')) });

describe('UpdateItem validations (dynalite)', () => {
  it('expression syntax errors', async () => {
    for (const e of [
      'whatever', 'set a', 'add a', 'delete a', 'set a=set', 'remove a = b', 'add a = b', 'delete a = b',
      'delete a b', 'delete a if_not_exist(b)', 'add abort b', 'add a if_not_exist(b)', 'remove a b', 'set a b',
      'set :a = b', 'add :a b', 'delete :a b', 'remove :a', 'set a = b / c', 'set a = b * c', 'set a[1] = "eight"',
      'set a[1] = 1', 'SET a = if_not_exist(a, 100)', 'SET if_not_exist(a, b) = a', 'set (a = (b + c))',
      'set a = (b.c).d + e', 'set a = (b.c)[0] + e', 'set a = b + c + d',
    ]) {
      await validation({ TableName: 'abc', Key: {}, UpdateExpression: e }, /^Invalid UpdateExpression: Syntax error; /);
    }
  });

  it('reserved words, functions, sections, undefined placeholders', async () => {
    const base = { TableName: 'abc', Key: {}, ExpressionAttributeValues: { ':a': S('a'), ':b': S('a') }, ExpressionAttributeNames: { '#a': 'a', '#b': 'b' } };
    await validation({ ...base, UpdateExpression: ' set #c = :c set abOrt = true ' }, 'Invalid UpdateExpression: Attribute name is a reserved keyword; reserved keyword: abOrt');
    await validation({ ...base, UpdateExpression: ' remove Absolute ' }, 'Invalid UpdateExpression: Attribute name is a reserved keyword; reserved keyword: Absolute');
    await validation({ ...base, UpdateExpression: 'set #c = if_not_exist(:c) set c = d' }, /^Invalid UpdateExpression: Invalid function name; function: /);
    for (const [e, s] of [
      ['set a = #c set c = :d', 'SET'], ['remove #d set a = b remove e', 'REMOVE'],
      ['add #d :e set a = b add e :f', 'ADD'], ['delete #d :e set a = b delete #e :f', 'DELETE'],
    ] as const) {
      await validation({ ...base, UpdateExpression: e }, `Invalid UpdateExpression: The "${s}" section can only be used once in an update expression;`);
    }
    await validation({ ...base, UpdateExpression: 'SET #c = if_not_exists(:c)' }, /^Invalid UpdateExpression: An expression attribute name used in the document path is not defined; attribute name: #/);
    await validation({ ...base, UpdateExpression: 'SET #a = if_not_exists(:c)' }, /^Invalid UpdateExpression: An expression attribute value used in expression is not defined; attribute value: :/);
    await validation({ ...base, UpdateExpression: 'set a = if_not_exists(c)' }, /^Invalid UpdateExpression: Incorrect number of operands for operator or function; operator or function: [a-z_]+, number of operands: \d+$/);
    await validation({ ...base, UpdateExpression: 'set a = list_append(c)' }, /^Invalid UpdateExpression: Incorrect number of operands for operator or function; operator or function: [a-z_]+, number of operands: \d+$/);
    await validation({ ...base, UpdateExpression: 'set a = if_not_exists(:a, c)' }, /^Invalid UpdateExpression: Operator or function requires a document path; operator or function: [a-z_]+$/);
    await validation({ ...base, UpdateExpression: 'set a = if_not_exists(if_not_exists(a, b), c)' }, /^Invalid UpdateExpression: Operator or function requires a document path; operator or function: [a-z_]+$/);
  });

  it('overlapping and conflicting paths', async () => {
    for (const [e, one, two] of [
      ['set d[1] = a, d.b = a, c[1].a = a, #c = if_not_exists(a)', '[c, [1], a]', '[c]'],
      ['set c.b.#c = a, c = a, #d = a', '[c, b, c]', '[c]'],
      ['set a = b remove a, #c, #d', '[a]', '[a]'],
      ['set #c[3].#d = a, #c[3] = a', '[c, [3], [3]]', '[c, [3]]'],
      ['remove c, #c.a, #d', '[c]', '[c, a]'],
      ['remove a, #c, a, #d', '[a]', '[a]'],
    ]) {
      await validation(
        { TableName: 'abc', Key: {}, UpdateExpression: e, ExpressionAttributeNames: { '#c': 'c', '#d': '[3]' } },
        `Invalid UpdateExpression: Two document paths overlap with each other; must remove or rewrite one of these paths; path one: ${one}, path two: ${two}`,
      );
    }
    for (const [e, one, two] of [
      ['set #c[3].#d = a, #c.#d[3] = if_not_exists(a)', '[c, [3], [3]]', '[c, [3], [3]]'],
      ['remove a.#c set a[1] = #d', '[a, c]', '[a, [1]]'],
    ]) {
      await validation(
        { TableName: 'abc', Key: {}, UpdateExpression: e, ExpressionAttributeNames: { '#b': 'b', '#c': 'c', '#d': '[3]' } },
        `Invalid UpdateExpression: Two document paths conflict with each other; must remove or rewrite one of these paths; path one: ${one}, path two: ${two}`,
      );
    }
  });

  it('operand types of ADD, DELETE, +, -, list_append', async () => {
    for (const [e, v, op, type] of [
      ['set b = list_append(:a, a), c = if_not_exists(a) add a.b :a', S('a'), 'ADD', 'STRING'],
      ['delete a.b :a', S('a'), 'DELETE', 'STRING'],
      ['add a.b :a', { NULL: true }, 'ADD', 'NULL'],
      ['delete a.b :a', { NULL: true }, 'DELETE', 'NULL'],
      ['add a.b :a', { BOOL: false }, 'ADD', 'BOOLEAN'],
      ['delete a.b :a', { BOOL: false }, 'DELETE', 'BOOLEAN'],
      ['add a.b :a', { B: 'YQ==' }, 'ADD', 'BINARY'],
      ['delete a.b :a', { B: 'YQ==' }, 'DELETE', 'BINARY'],
      ['add a.b :a', { M: { a: { L: [N('1')] } } }, 'ADD', 'MAP'],
      ['delete a.b :a', { M: { a: { L: [N('1')] } } }, 'DELETE', 'MAP'],
      ['add a.b :a', { L: [N('1')] }, 'ADD', 'LIST'],
      ['delete a.b :a', { L: [N('1')] }, 'DELETE', 'LIST'],
      ['delete a.b :a', N('1'), 'DELETE', 'NUMBER'],
    ] as const) {
      await validation(
        { TableName: 'abc', Key: {}, UpdateExpression: e, ExpressionAttributeValues: { ':a': v, ':b': S('a') } },
        `Invalid UpdateExpression: Incorrect operand type for operator or function; operator: ${op}, operand type: ${type}`,
      );
    }
    const values = {
      ':a': S('a'), ':b': N('1'), ':c': { B: 'YQ==' }, ':d': { BOOL: false }, ':e': { NULL: true }, ':f': { SS: ['a'] },
      ':g': { NS: ['1'] }, ':h': { BS: ['YQ=='] }, ':i': { M: {} }, ':j': { L: [] },
    };
    const cases: [string, string, string][] = [
      ['set a = list_append(:a, a)', 'list_append', 'S'], ['set a = list_append(a, :b)', 'list_append', 'N'],
      ['set a = list_append(:c, a)', 'list_append', 'B'], ['set a = list_append(:d, a)', 'list_append', 'BOOL'],
      ['set a = list_append(:e, a)', 'list_append', 'NULL'], ['set a = list_append(:f, a)', 'list_append', 'SS'],
      ['set a = list_append(:g, a)', 'list_append', 'NS'], ['set a = list_append(:h, a)', 'list_append', 'BS'],
      ['set a = list_append(:i, a)', 'list_append', 'M'],
    ];
    for (const op of ['+', '-']) {
      for (const [v, type] of [[':a', 'S'], [':c', 'B'], [':d', 'BOOL'], [':e', 'NULL'], [':f', 'SS'], [':g', 'NS'], [':h', 'BS'], [':i', 'M'], [':j', 'L']]) {
        cases.push([`set a = a ${op} ${v}`, op, type as string]);
      }
      cases.push([`set a = :a ${op} :c`, op, 'S'], [`set a = :c ${op} a`, op, 'B']);
    }
    for (const [e, fn, type] of cases) {
      await validation(
        { TableName: 'abc', Key: {}, UpdateExpression: e, ExpressionAttributeValues: values, ExpressionAttributeNames: { '#a': 'a', '#b': 'b' } },
        `Invalid UpdateExpression: Incorrect operand type for operator or function; operator or function: ${fn}, operand type: ${type}`,
      );
    }
  });

  it('unused names and values', async () => {
    await validation(
      { TableName: 'abc', Key: {}, UpdateExpression: 'remove a set b = list_append(b, if_not_exists(a, :a))', ConditionExpression: 'a = :b', ExpressionAttributeValues: { ':a': S('a'), ':b': S('a') }, ExpressionAttributeNames: { '#a': 'a', '#b': 'b' } },
      /^Value provided in ExpressionAttributeNames unused in expressions: keys: \{(#a, #b|#b, #a)\}$/,
    );
    await validation(
      { TableName: 'abc', Key: {}, UpdateExpression: 'remove a', ConditionExpression: 'a = :b', ExpressionAttributeValues: { ':a': S('a'), ':b': S('a'), ':c': S('a') } },
      /^Value provided in ExpressionAttributeValues unused in expressions: keys: \{(:c, :a|:a, :c)\}$/,
    );
  });

  it('updating key attributes and index keys', async () => {
    for (const u of [
      { AttributeUpdates: { a: { Value: S('x') } } },
      { UpdateExpression: 'add a.b :a', ExpressionAttributeValues: { ':a': N('1') } },
      { UpdateExpression: 'delete a :a', ExpressionAttributeValues: { ':a': { NS: ['1'] } } },
      { UpdateExpression: 'remove d set b = :a, a = :a', ExpressionAttributeValues: { ':a': N('1') } },
      { UpdateExpression: 'delete b :a remove a', ExpressionAttributeValues: { ':a': { NS: ['1'] } } },
      { UpdateExpression: 'set a = a.b + a[1]' },
    ]) {
      await validation({ TableName: T.hash, Key: key(), ...u }, 'One or more parameter values were invalid: Cannot update attribute a. This attribute is part of the key');
    }
    const rkey = () => ({ a: S(uniqueName('r')), b: S('x') });
    for (const u of [
      { AttributeUpdates: { d: { Value: N('1') }, b: { Value: S('y') } } },
      { UpdateExpression: 'set d[1] = :a add b.b :a', ExpressionAttributeValues: { ':a': N('1') } },
    ]) {
      await validation({ TableName: T.range, Key: rkey(), ...u }, 'One or more parameter values were invalid: Cannot update attribute b. This attribute is part of the key');
    }
    for (const u of [
      { AttributeUpdates: { d: { Value: N('1') }, c: { Value: N('2') } } },
      { UpdateExpression: 'set d.a = a add c :a', ExpressionAttributeValues: { ':a': N('1') } },
      { UpdateExpression: 'set e = c[1], c = a + :a', ExpressionAttributeValues: { ':a': N('1') } },
    ]) {
      // DynamoDB names one of the indexes on c (recorded as index4 and, in later runs, as index\d).
      await validation({ TableName: T.range, Key: rkey(), ...u }, /^One or more parameter values were invalid: Type mismatch for Index Key c Expected: S Actual: N IndexName: index\d$/);
    }
    for (const u of [
      { UpdateExpression: 'add d.b :a', ExpressionAttributeValues: { ':a': N('1') } },
      { UpdateExpression: 'set d[1] = :a', ExpressionAttributeValues: { ':a': N('1') } },
      { UpdateExpression: 'set e = list_append(a, b), f = d[1]' },
    ]) {
      await validation({ TableName: T.range, Key: rkey(), ...u }, "Key attributes must be scalars; list random access '[]' and map lookup '.' are not allowed: IndexKey: d");
    }
    const k = rkey();
    await ok('UpdateItem', { TableName: T.range, Key: k, UpdateExpression: 'set e = :a', ExpressionAttributeValues: { ':a': N('1') } });
    for (const e of ['set c = e', 'set d = e']) {
      await validation({ TableName: T.range, Key: k, UpdateExpression: e }, 'The update expression attempted to update the secondary index key to unsupported type');
    }
  });

  it('legacy ADD/DELETE on the wrong types', async () => {
    const k = key();
    await update({ Key: k, AttributeUpdates: { b: { Value: { SS: ['1'] } }, c: { Value: N('1') }, d: { Value: { NS: ['1'] } } } });
    for (const u of [
      { b: { Action: 'DELETE', Value: { NS: ['1'] } } }, { b: { Action: 'DELETE', Value: { BS: ['YQ=='] } } },
      { c: { Action: 'DELETE', Value: { NS: ['1'] } } }, { b: { Action: 'ADD', Value: { NS: ['1'] } } },
      { d: { Action: 'ADD', Value: N('1') } },
    ]) {
      await validation({ TableName: T.hash, Key: k, AttributeUpdates: u }, 'Type mismatch for attribute to update');
    }
  });

  it('expression operands of the wrong type at run time', async () => {
    const k = key();
    await update({ Key: k, UpdateExpression: 'set b = :b, c = :c, d = :d', ExpressionAttributeValues: { ':b': { M: { a: { SS: ['1'] } } }, ':c': N('1'), ':d': { NS: ['1'] } } });
    for (const u of [
      { UpdateExpression: 'delete d :a', ExpressionAttributeValues: { ':a': { SS: ['1'] } } },
      { UpdateExpression: 'delete b :a', ExpressionAttributeValues: { ':a': { NS: ['1'] } } },
      { UpdateExpression: 'delete b.a :a', ExpressionAttributeValues: { ':a': { NS: ['1'] } } },
      { UpdateExpression: 'delete b.a :a', ExpressionAttributeValues: { ':a': { BS: ['YQ=='] } } },
      { UpdateExpression: 'delete c :a', ExpressionAttributeValues: { ':a': { NS: ['1'] } } },
      { UpdateExpression: 'add b :a', ExpressionAttributeValues: { ':a': { NS: ['1'] } } },
      { UpdateExpression: 'add d :a', ExpressionAttributeValues: { ':a': N('1') } },
      { UpdateExpression: 'set e = a + :a', ExpressionAttributeValues: { ':a': N('1') } },
      { UpdateExpression: 'set e = b - :a', ExpressionAttributeValues: { ':a': N('1') } },
      { UpdateExpression: 'set e = list_append(d, if_not_exists(f, :a))', ExpressionAttributeValues: { ':a': { L: [] } } },
    ]) {
      await validation({ TableName: T.hash, Key: k, ...u }, 'An operand in the update expression has an incorrect data type');
    }
  });

  it('missing attributes and invalid document paths', async () => {
    for (const e of ['set c = b', 'set e = list_append(b, c)']) {
      await validation({ TableName: T.hash, Key: key(), UpdateExpression: e }, 'The provided expression refers to an attribute that does not exist in the item');
    }
    for (const e of ['set b.a = a', 'set b[1] = a']) {
      await validation({ TableName: T.hash, Key: key(), UpdateExpression: e }, 'The document path provided in the update expression is invalid for update');
    }
    const k = key();
    await update({ Key: k, UpdateExpression: 'set b = a, c = :c, d = :d', ExpressionAttributeValues: { ':c': { M: { 1: S('a') } }, ':d': { L: [S('a'), S('b')] } } });
    for (const e of [
      'set b.a = :a, #1 = :a', 'set b[1] = :a, #1 = :a', 'set y.a = :a, #1 = :a', 'set y[1] = :a, #1 = :a',
      'set c[1] = :a, #1 = :a', 'set d.#1 = :a', 'remove b.a set #1 = :a', 'remove b[1] set #1 = :a',
      'remove y.a set #1 = :a', 'remove y[1] set #1 = :a', 'remove c[1] set #1 = :a', 'remove d.#1 set #1 = :a',
      'delete b.a :a set #1 = :a', 'delete b[1] :a set #1 = :a', 'delete y.a :a set #1 = :a', 'delete y[1] :a set #1 = :a',
      'delete c[1] :a set #1 = :a', 'delete d.#1 :a', 'add b.a :a set #1 = :a', 'add b[1] :a set #1 = :a',
      'add y.a :a set #1 = :a', 'add y[1] :a set #1 = :a', 'add c[1] :a set #1 = :a', 'add d.#1 :a',
    ]) {
      await validation(
        { TableName: T.hash, Key: k, UpdateExpression: e, ExpressionAttributeNames: { '#1': '1' }, ExpressionAttributeValues: { ':a': { SS: ['a'] } } },
        'The document path provided in the update expression is invalid for update',
      );
    }
  });

  it('item too big', async () => {
    await validation(
      { TableName: T.hash, Key: key(), AttributeUpdates: { b: { Action: 'PUT', Value: S('a'.repeat(400 * 1024)) }, c: { Action: 'PUT', Value: N('1'.repeat(38) + '0'.repeat(88)) } } },
      'Item size to update has exceeded the maximum allowed size',
    );
  });
});

describe('UpdateItem functionality (dynalite)', () => {
  it('conditions on a missing item fail', async () => {
    for (const u of [
      { Expected: { a: { Value: S('x') } } },
      { Expected: { a: { ComparisonOperator: 'NOT_NULL' } } },
      { ConditionExpression: 'a = :a', ExpressionAttributeValues: { ':a': S('x') } },
      { ConditionExpression: '#a = :a', ExpressionAttributeNames: { '#a': 'a' }, ExpressionAttributeValues: { ':a': S('x') } },
      { ConditionExpression: 'attribute_exists(a)' },
      { ConditionExpression: 'attribute_exists(#a)', ExpressionAttributeNames: { '#a': 'a' } },
    ]) {
      const r = await conditionalFailure({ TableName: T.hash, Key: key(), ...u });
      assert.equal(r.message, 'The conditional request failed');
    }
  });

  it('no action creates the key; ReturnValues on nothing old is empty', async () => {
    const k = key();
    assert.deepEqual(await update({ Key: k }), {});
    assert.deepEqual(await getItem(k), k);
    assert.deepEqual(await update({ Key: key(), ReturnValues: 'ALL_OLD' }), {});
  });

  it('ALL_OLD, UPDATED_OLD, ALL_NEW, UPDATED_NEW', async () => {
    const k = key();
    await update({ Key: k, AttributeUpdates: { b: { Value: S('a') }, c: { Value: S('a') } } });
    assert.deepEqual(await update({ Key: k, AttributeUpdates: { b: { Value: S('b') } }, ReturnValues: 'ALL_OLD' }), { Attributes: { ...k, b: S('a'), c: S('a') } });
    assert.deepEqual(await update({ Key: k, AttributeUpdates: { b: { Value: S('c') }, c: { Value: S('a') } }, ReturnValues: 'UPDATED_OLD' }), { Attributes: { b: S('b'), c: S('a') } });
    assert.deepEqual(await update({ Key: k, AttributeUpdates: { b: { Value: S('d') } }, ReturnValues: 'ALL_NEW' }), { Attributes: { ...k, b: S('d'), c: S('a') } });
    assert.deepEqual(
      await update({ Key: k, UpdateExpression: 'set b=:b,c=:c', ExpressionAttributeValues: { ':b': S('b'), ':c': S('a') }, ReturnValues: 'UPDATED_NEW' }),
      { Attributes: { b: S('b'), c: S('a') } },
    );
    const k2 = key();
    await update({ Key: k2, AttributeUpdates: { b: { Value: { M: { a: S('a'), b: { L: [] } } } }, c: { Value: N('1') } } });
    assert.deepEqual(
      await update({ Key: k2, AttributeUpdates: { b: { Value: { M: { a: S('b'), b: { L: [] } } } }, c: { Action: 'ADD', Value: N('1') } }, ReturnValues: 'UPDATED_OLD' }),
      { Attributes: { b: { M: { a: S('a'), b: { L: [] } } }, c: N('1') } },
    );
  });

  it('ADD and DELETE on missing attributes', async () => {
    const values = { ':c': { SS: ['a', 'b'] }, ':d': N('5'), ':e': { SS: ['a', 'b'] }, ':f': { L: [S('a'), N('1')] } };
    for (const u of [
      { AttributeUpdates: { b: { Action: 'DELETE' }, c: { Action: 'DELETE', Value: { SS: ['a', 'b'] } }, d: { Action: 'ADD', Value: N('5') }, e: { Action: 'ADD', Value: { SS: ['a', 'b'] } }, f: { Action: 'ADD', Value: { L: [S('a'), N('1')] } } } },
      { UpdateExpression: 'REMOVE b DELETE c :c ADD d :d, e :e SET f = :f', ExpressionAttributeValues: values },
      { UpdateExpression: 'ADD #e :e,#d :d DELETE #c :c REMOVE #b SET #f = :f', ExpressionAttributeValues: values, ExpressionAttributeNames: { '#b': 'b', '#c': 'c', '#d': 'd', '#e': 'e', '#f': 'f' } },
    ]) {
      const k = key();
      const expected = { d: N('5'), e: { SS: ['a', 'b'] }, f: { L: [S('a'), N('1')] } };
      assert.deepEqual(await update({ Key: k, ReturnValues: 'UPDATED_NEW', ...u }), { Attributes: expected });
      assert.deepEqual(await getItem(k), { ...k, ...expected });
    }
  });

  it('legacy DELETE, ADD on numbers, sets and lists', async () => {
    const k = key();
    await update({ Key: k, AttributeUpdates: { b: { Value: S('a') }, c: { Value: S('a') } } });
    assert.deepEqual(await update({ Key: k, AttributeUpdates: { b: { Action: 'DELETE' }, c: { Value: S('a') } }, ReturnValues: 'UPDATED_NEW' }), { Attributes: { c: S('a') } });
    assert.deepEqual(await getItem(k), { ...k, c: S('a') });

    const k2 = key();
    await update({ Key: k2, AttributeUpdates: { b: { Value: { NS: ['1', '2', '3'] } }, c: { Value: S('a') } } });
    const r = await update({ Key: k2, AttributeUpdates: { b: { Action: 'DELETE', Value: { NS: ['1', '4'] } }, c: { Value: S('a') } }, ReturnValues: 'UPDATED_NEW' });
    assert.deepEqual(((r.Attributes as Json).b as { NS: string[] }).NS.sort(), ['2', '3']);
    assert.deepEqual(await update({ Key: k2, AttributeUpdates: { b: { Action: 'DELETE', Value: { NS: ['2', '3'] } }, c: { Value: S('a') } }, ReturnValues: 'UPDATED_NEW' }), { Attributes: { c: S('a') } });
    assert.deepEqual(await getItem(k2), { ...k2, c: S('a') });

    const k3 = key();
    await update({ Key: k3, AttributeUpdates: { b: { Value: N('1') } } });
    assert.deepEqual(await update({ Key: k3, AttributeUpdates: { b: { Action: 'ADD', Value: N('3') } }, ReturnValues: 'UPDATED_NEW' }), { Attributes: { b: N('4') } });

    const k4 = key();
    await update({ Key: k4, AttributeUpdates: { b: { Value: { SS: ['a', 'b'] } } } });
    assert.deepEqual(await update({ Key: k4, AttributeUpdates: { b: { Action: 'ADD', Value: { SS: ['c', 'd'] } } }, ReturnValues: 'UPDATED_NEW' }), { Attributes: { b: { SS: ['a', 'b', 'c', 'd'] } } });
    const r4 = await update({ Key: k4, AttributeUpdates: { b: { Action: 'ADD', Value: { SS: ['b', 'e'] } } }, ReturnValues: 'UPDATED_NEW' });
    assert.deepEqual(((r4.Attributes as Json).b as { SS: string[] }).SS.sort(), ['a', 'b', 'c', 'd', 'e']);

    const k5 = key();
    await update({ Key: k5, AttributeUpdates: { b: { Value: { L: [S('a'), N('1')] } } } });
    assert.deepEqual(await update({ Key: k5, AttributeUpdates: { b: { Action: 'ADD', Value: { L: [S('b'), N('2')] } } }, ReturnValues: 'UPDATED_NEW' }), { Attributes: { b: { L: [S('a'), N('1'), S('b'), N('2')] } } });

    const k6 = key();
    await update({ Key: k6, AttributeUpdates: { b: { Value: { BS: ['AQI=', 'Ag=='] } } } });
    const r6 = await update({ Key: k6, AttributeUpdates: { b: { Action: 'ADD', Value: { BS: ['Ag==', 'AQ=='] } } }, ReturnValues: 'UPDATED_NEW' });
    assert.deepEqual(((r6.Attributes as Json).b as { BS: string[] }).BS.sort(), ['AQ==', 'AQI=', 'Ag==']);
    const k7 = key();
    await update({ Key: k7, AttributeUpdates: { b: { Value: { NS: ['1', '2'] } } } });
    const r7 = await update({ Key: k7, AttributeUpdates: { b: { Action: 'ADD', Value: { NS: ['2', '3', '4'] } } }, ReturnValues: 'UPDATED_NEW' });
    assert.deepEqual(((r7.Attributes as Json).b as { NS: string[] }).NS.sort(), ['1', '2', '3', '4']);
  });

  it('conditions on BOOL values', async () => {
    for (const u of [
      { Expected: { active: { Value: { BOOL: false }, Exists: true } }, AttributeUpdates: { active: { Action: 'PUT', Value: { BOOL: true } } } },
      { ConditionExpression: 'active = :a', UpdateExpression: 'SET active = :b', ExpressionAttributeValues: { ':a': { BOOL: false }, ':b': { BOOL: true } } },
      { ConditionExpression: '#a = :a', UpdateExpression: 'SET #b = :b', ExpressionAttributeNames: { '#a': 'active', '#b': 'active' }, ExpressionAttributeValues: { ':a': { BOOL: false }, ':b': { BOOL: true } } },
    ]) {
      const k = key();
      await ok('PutItem', { TableName: T.hash, Item: { ...k, active: { BOOL: false } } });
      assert.deepEqual(await update({ Key: k, ReturnValues: 'UPDATED_NEW', ...u }), { Attributes: { active: { BOOL: true } } });
    }
  });

  it('operands read the key of a new item', async () => {
    const k = key();
    assert.deepEqual(await update({ Key: k, UpdateExpression: 'set b = if_not_exists(b, a)', ReturnValues: 'UPDATED_NEW' }), { Attributes: { b: k.a } });
  });

  it('nested updates: list indexes past the end append in index order', async () => {
    const k = key();
    await update({ Key: k, UpdateExpression: 'set b = :b, c = :c', ExpressionAttributeValues: { ':b': { M: { a: N('1'), b: N('2'), c: N('3') } }, ':c': { L: [N('1'), N('3')] } } });
    const r = await update({
      Key: k,
      UpdateExpression: 'set b.c=((c[1])+(b.a)),b.a = a,c[1] = a, c[4] = b.a - b.b, c[2] = b.c add c[8] :b, c[6] :a',
      ExpressionAttributeValues: { ':a': N('2'), ':b': { SS: ['a'] } },
      ReturnValues: 'UPDATED_NEW',
    });
    assert.deepEqual(r, { Attributes: { b: { M: { a: k.a, c: N('4') } }, c: { L: [k.a, N('3'), N('2')] } } });
    assert.deepEqual(await getItem(k), {
      ...k,
      b: { M: { a: k.a, b: N('2'), c: N('4') } },
      c: { L: [N('1'), k.a, N('3'), N('-1'), N('2'), { SS: ['a'] }] },
    });
  });

  it('indexed attributes follow updates', async () => {
    const k = { a: S(uniqueName('r')), b: S(uniqueName('r')) };
    assert.deepEqual(
      await ok('UpdateItem', { TableName: T.range, Key: k, UpdateExpression: 'set c = a, d = b, e = a, f = b', ReturnValues: 'UPDATED_NEW' }),
      { Attributes: { c: k.a, d: k.b, e: k.a, f: k.b } },
    );
    const q = (IndexName: string, conds: Json) => ok('Query', { TableName: T.range, IndexName, KeyConditions: conds });
    const eq = (v: unknown) => ({ ComparisonOperator: 'EQ', AttributeValueList: [v] });
    assert.deepEqual((await q('index1', { a: eq(k.a), c: eq(k.a) })).Items, [{ ...k, c: k.a, d: k.b, e: k.a, f: k.b }]);
    assert.deepEqual((await q('index2', { a: eq(k.a), d: eq(k.b) })).Items, [{ ...k, c: k.a, d: k.b }]);
    await ok('UpdateItem', { TableName: T.range, Key: k, UpdateExpression: 'set c = b, d = a, e = b, f = a' });
    assert.deepEqual((await q('index1', { a: eq(k.a), c: eq(k.a) })).Items, []);
    assert.deepEqual((await q('index4', { c: eq(k.b), d: eq(k.a) })).Items, [{ ...k, c: k.b, d: k.a, e: k.b }]);
  });

  it('schema errors come before the condition', async () => {
    await validation(
      { TableName: T.hash, Key: key(), UpdateExpression: 'set a = :a', ConditionExpression: 'attribute_exists(a)', ExpressionAttributeValues: { ':a': S('x') } },
      'One or more parameter values were invalid: Cannot update attribute a. This attribute is part of the key',
    );
    await validation(
      { TableName: T.range, Key: { a: S('x'), b: S('y') }, UpdateExpression: 'set c = :a', ConditionExpression: 'attribute_exists(a)', ExpressionAttributeValues: { ':a': N('1') } },
      /^One or more parameter values were invalid: Type mismatch for Index Key c Expected: S Actual: N IndexName: index\d$/,
    );
  });

  it('consumed capacity of creating and growing items', async () => {
    const cap = async (k: Json, updates: Json) => (await update({ Key: k, AttributeUpdates: updates, ReturnConsumedCapacity: 'TOTAL' })).ConsumedCapacity;
    const k = key();
    const b1 = 'b'.repeat(1010 - (k.a.S.length) - 1);
    assert.deepEqual(await cap(k, { b: { Value: S(b1) }, c: { Value: N('12.3456') }, d: { Value: { B: 'AQI=' } }, e: { Value: { BS: ['AQI=', 'Ag==', 'AQ=='] } } }), { CapacityUnits: 1, TableName: T.hash });
    const k2 = key();
    const b2 = 'b'.repeat(1012 - (k2.a.S.length) - 1);
    assert.deepEqual(await cap(k2, { b: { Value: S(b2) }, c: { Value: N('12.3456') }, d: { Value: { B: 'AQI=' } }, e: { Value: { BS: ['AQI=', 'Ag=='] } } }), { CapacityUnits: 2, TableName: T.hash });
  });
});

const pkey = () => ({ p: S(uniqueName('p')) });
const updateP = (body: Json) => ok('UpdateItem', { TableName: TP, ...body });
const getP = (k: Json) => getItem(k, TP);

describe('UpdateExpression semantics (alternator, verified on DynamoDB)', () => {
  const V = (v: Json) => ({ ExpressionAttributeValues: v });
  it('names must start with a letter; placeholders may start with anything', async () => {
    const k = pkey();
    for (const e of ['SET _123 = :v', 'SET _abc = :v', 'SET 123a = :v', 'SET hi-there = :v', 'SET a = _f(b,c,d)']) {
      const r = await t.raw('UpdateItem', { TableName: TP, Key: k, UpdateExpression: e, ...V({ ':v': N('1') }) });
      assert.equal(r.status, 400, e);
      assert.match(inner(r.json.message), /^Invalid UpdateExpression: Syntax error; token: /, e);
    }
    await validation({ TableName: TP, Key: k, UpdateExpression: 'SET _123 = :v', ...V({ ':v': N('1') }) }, 'Invalid UpdateExpression: Syntax error; token: "_", near: "SET _123"');
    await updateP({ Key: k, UpdateExpression: 'SET #_ = :_, A123_ = :123', ExpressionAttributeNames: { '#_': 'x' }, ...V({ ':_': N('1'), ':123': N('2') }) });
    assert.deepEqual(await getP(k), { ...k, x: N('1'), A123_: N('2') });
  });

  it('functions: case-sensitive names, nesting rules', async () => {
    const k = pkey();
    await validation({ TableName: TP, Key: k, UpdateExpression: 'SET a = LIST_APPEND(:v, :v)', ...V({ ':v': { L: [] } }) }, 'Invalid UpdateExpression: Invalid function name; function: LIST_APPEND');
    await validation({ TableName: TP, Key: k, UpdateExpression: 'SET a = f123_hi(b,c,d)' }, 'Invalid UpdateExpression: Invalid function name; function: f123_hi');
    await validation(
      { TableName: TP, Key: k, UpdateExpression: 'SET a = list_append(list_append(:a, :b), :c)', ...V({ ':a': { L: [] }, ':b': { L: [] }, ':c': { L: [] } }) },
      'Invalid UpdateExpression: The function is not allowed to be used this way in an expression; function: list_append',
    );
    await validation({ TableName: TP, Key: k, UpdateExpression: 'SET c = if_not_exists(c, :a+:b)', ...V({ ':a': N('1'), ':b': N('1') }) }, /^Invalid UpdateExpression: Syntax error; token: "\+"/);
    assert.deepEqual(await updateP({ Key: k, UpdateExpression: 'SET b = if_not_exists(b, :a)+:b', ...V({ ':a': N('2'), ':b': N('3') }), ReturnValues: 'UPDATED_NEW' }), { Attributes: { b: N('5') } });
    assert.deepEqual(
      await updateP({ Key: k, UpdateExpression: 'SET l = list_append(if_not_exists(l, :a), :b)', ...V({ ':a': { L: [S('a')] }, ':b': { L: [S('b')] } }), ReturnValues: 'UPDATED_NEW' }),
      { Attributes: { l: { L: [S('a'), S('b')] } } },
    );
    assert.deepEqual(await updateP({ Key: k, UpdateExpression: 'SET x = if_not_exists(y, if_not_exists(b, :a))', ...V({ ':a': N('9') }), ReturnValues: 'UPDATED_NEW' }), { Attributes: { x: N('5') } });
  });

  it('SET operands are read before any write', async () => {
    const k = pkey();
    await ok('PutItem', { TableName: TP, Item: { ...k, a: S('hello') } });
    await validation({ TableName: TP, Key: k, UpdateExpression: 'SET x = :v, y = x', ...V({ ':v': N('4') }) }, 'The provided expression refers to an attribute that does not exist in the item');
    await updateP({ Key: k, UpdateExpression: 'REMOVE a SET b = a' });
    assert.deepEqual(await getP(k), { ...k, b: S('hello') });
  });

  it('list indexes: past the end, several appends sorted by index, removals refer to the original list', async () => {
    const k = pkey();
    await ok('PutItem', { TableName: TP, Item: { ...k, a: { L: [S('one'), S('two'), S('three')] } } });
    await updateP({ Key: k, UpdateExpression: 'SET a[7] = :v', ...V({ ':v': S('hello') }) });
    await updateP({ Key: k, UpdateExpression: 'SET a[84] = :a, a[37] = :b, a[17] = :c, a[50] = :d', ...V({ ':a': S('a1'), ':b': S('a2'), ':c': S('a3'), ':d': S('a4') }) });
    assert.deepEqual((await getP(k))?.a, { L: ['one', 'two', 'three', 'hello', 'a3', 'a2', 'a4', 'a1'].map(S) });
    const k2 = pkey();
    for (const e of ['REMOVE a[1] SET a[3] = :v', 'SET a[3] = :v REMOVE a[1]']) {
      await ok('PutItem', { TableName: TP, Item: { ...k2, a: { L: ['2', '3', '4', '5', '6', '7'].map(N) } } });
      await updateP({ Key: k2, UpdateExpression: e, ...V({ ':v': N('17') }) });
      assert.deepEqual((await getP(k2))?.a, { L: ['2', '4', '17', '6', '7'].map(N) });
    }
  });

  it('REMOVE: missing leaves are ignored, bad parents fail, a missing item is not created', async () => {
    const k = pkey();
    const item = { ...k, a: { M: { x: N('3') } }, b: { L: [S('hi')] }, s: S('hello') };
    await ok('PutItem', { TableName: TP, Item: item });
    await updateP({ Key: k, UpdateExpression: 'REMOVE a.y, b[7], c' });
    assert.deepEqual(await getP(k), item);
    for (const e of ['REMOVE s.c', 'REMOVE b.c', 'REMOVE c.c', 'REMOVE s[0]', 'REMOVE c[0]', 'SET s[0] = :v', 'SET c.c = :v']) {
      const body: Json = { TableName: TP, Key: k, UpdateExpression: e };
      if (e.includes(':v')) body.ExpressionAttributeValues = { ':v': N('7') };
      await validation(body, 'The document path provided in the update expression is invalid for update');
    }
    const missing = pkey();
    assert.deepEqual(await updateP({ Key: missing, UpdateExpression: 'REMOVE x.y, z[0], w', ReturnValues: 'ALL_NEW' }), {});
    assert.deepEqual(await updateP({ Key: missing, UpdateExpression: 'DELETE s :v', ...V({ ':v': { SS: ['a'] } }), ReturnValues: 'ALL_NEW' }), {});
    await updateP({ Key: missing, AttributeUpdates: { a: { Action: 'DELETE' } } });
    await updateP({ Key: missing, AttributeUpdates: { a: { Action: 'DELETE', Value: { NS: ['4'] } } } });
    assert.equal(await getP(missing), undefined);
    await validation({ TableName: TP, Key: missing, UpdateExpression: 'SET c.c = :v', ...V({ ':v': N('7') }) }, 'The document path provided in the update expression is invalid for update');
    assert.deepEqual(await updateP({ Key: missing, AttributeUpdates: {}, ReturnValues: 'ALL_NEW' }), { Attributes: missing });
  });

  it('ADD and DELETE types', async () => {
    const k = pkey();
    await ok('PutItem', { TableName: TP, Item: { ...k, l: { L: [N('1')] }, n: N('3'), s: { SS: ['dog', 'cat', 'mouse'] } } });
    await validation({ TableName: TP, Key: k, UpdateExpression: 'ADD l :v', ...V({ ':v': { L: [N('3')] } }) }, 'Invalid UpdateExpression: Incorrect operand type for operator or function; operator: ADD, operand type: LIST');
    await validation({ TableName: TP, Key: k, UpdateExpression: 'ADD l :v', ...V({ ':v': { NS: ['3'] } }) }, 'An operand in the update expression has an incorrect data type');
    // UpdateItem reports a bad expression value without the "contains invalid value … for key"
    // wrapper (the current value layer: live DynamoDB 2026, conformance suite valueLayers).
    await validation({ TableName: TP, Key: k, UpdateExpression: 'DELETE s :v', ...V({ ':v': { SS: [] } }) }, 'One or more parameter values were invalid: An string set  may not be empty');
    assert.deepEqual(await updateP({ Key: k, UpdateExpression: 'ADD n :v', ...V({ ':v': N('4') }), ReturnValues: 'UPDATED_NEW' }), { Attributes: { n: N('7') } });
    await updateP({ Key: k, UpdateExpression: 'DELETE s :v', ...V({ ':v': { SS: ['cat', 'mouse', 'pig'] } }) });
    await updateP({ Key: k, UpdateExpression: 'DELETE s :v', ...V({ ':v': { SS: ['dog'] } }) });
    assert.equal((await getP(k))?.s, undefined);
  });
});

describe('ReturnValues (alternator, verified on DynamoDB)', () => {
  it('UPDATED_OLD and UPDATED_NEW on top-level attributes', async () => {
    const k = pkey();
    await ok('PutItem', { TableName: TP, Item: { ...k, a: S('hi'), b: S('dog') } });
    const u = (e: string, rv: string, v?: Json) => updateP({ Key: k, UpdateExpression: e, ReturnValues: rv, ...(v ? { ExpressionAttributeValues: v } : {}) });
    assert.deepEqual(await u('SET b = :v, c = :w', 'UPDATED_OLD', { ':v': S('cat'), ':w': S('hello') }), { Attributes: { b: S('dog') } });
    assert.deepEqual(await u('SET b = :v', 'UPDATED_OLD', { ':v': S('cat') }), { Attributes: { b: S('cat') } });
    assert.deepEqual(await u('REMOVE b', 'UPDATED_OLD'), { Attributes: { b: S('cat') } });
    assert.deepEqual(await u('SET b = :v', 'UPDATED_OLD', { ':v': S('cat') }), {});
    assert.deepEqual(await u('REMOVE b', 'UPDATED_NEW'), {});
    assert.deepEqual(await u('SET a = :v, b = :w REMOVE c', 'UPDATED_NEW', { ':v': S('dog'), ':w': S('tiger') }), { Attributes: { a: S('dog'), b: S('tiger') } });
    assert.deepEqual(await updateP({ Key: k, AttributeUpdates: {}, ReturnValues: 'UPDATED_OLD' }), {});
    assert.deepEqual(await updateP({ Key: k, AttributeUpdates: {}, ReturnValues: 'UPDATED_NEW' }), {});
    assert.deepEqual(await updateP({ Key: pkey(), AttributeUpdates: {}, ReturnValues: 'UPDATED_NEW' }), {});
    assert.deepEqual(await updateP({ Key: pkey(), UpdateExpression: 'SET a = :v', ExpressionAttributeValues: { ':v': N('1') }, ReturnValues: 'ALL_OLD' }), {});
  });

  it('nested paths', async () => {
    const k = pkey();
    await ok('PutItem', { TableName: TP, Item: { ...k, a: { M: { b: S('hi'), c: { L: [N('1'), N('2'), N('3')] } } }, d: S('cat') } });
    const u = (e: string, rv: string, v?: Json) => updateP({ Key: k, UpdateExpression: e, ReturnValues: rv, ...(v ? { ExpressionAttributeValues: v } : {}) });
    assert.deepEqual(await u('SET a.b = :v', 'UPDATED_OLD', { ':v': S('yo') }), { Attributes: { a: { M: { b: S('hi') } } } });
    assert.deepEqual(await u('SET a.c[1] = :v', 'UPDATED_OLD', { ':v': N('7') }), { Attributes: { a: { M: { c: { L: [N('2')] } } } } });
    assert.deepEqual(await u('SET a.c[1] = :v, a.b = :w', 'UPDATED_OLD', { ':v': N('8'), ':w': S('dog') }), { Attributes: { a: { M: { b: S('yo'), c: { L: [N('7')] } } } } });
    assert.deepEqual(await u('SET a.c[1] = :v, a.b = :w', 'UPDATED_NEW', { ':v': N('3'), ':w': S('dog') }), { Attributes: { a: { M: { b: S('dog'), c: { L: [N('3')] } } } } });
    assert.deepEqual(await u('REMOVE a.c[1], a.c[3]', 'UPDATED_OLD'), { Attributes: { a: { M: { c: { L: [N('3')] } } } } });
    assert.deepEqual(await u('SET a.x1 = :v', 'UPDATED_OLD', { ':v': N('8') }), {});
    assert.deepEqual(await u('SET a.x2 = :v', 'UPDATED_NEW', { ':v': N('8') }), { Attributes: { a: { M: { x2: N('8') } } } });
    assert.deepEqual(await u('SET a.c[100] = :v', 'UPDATED_NEW', { ':v': N('70') }), {});
    assert.deepEqual(await u('REMOVE a.c[1]', 'UPDATED_NEW'), { Attributes: { a: { M: { c: { L: [N('70')] } } } } });
  });

  it('ReturnValuesOnConditionCheckFailure', async () => {
    const k = pkey();
    const body = { TableName: TP, Key: k, ReturnValuesOnConditionCheckFailure: 'ALL_OLD', ConditionExpression: 's = :a', UpdateExpression: 'SET s = :b' };
    const r1 = await conditionalFailure({ ...body, ExpressionAttributeValues: { ':a': S('dog'), ':b': S('cat') } });
    assert.equal(r1.Item, undefined);
    await ok('PutItem', { TableName: TP, Item: { ...k, s: S('dog') } });
    assert.deepEqual(await ok('UpdateItem', { ...body, ExpressionAttributeValues: { ':a': S('dog'), ':b': S('cat') } }), {});
    const r2 = await conditionalFailure({ ...body, ExpressionAttributeValues: { ':a': S('rat'), ':b': S('cow') } });
    assert.deepEqual(r2.Item, { ...k, s: S('cat') });
    const r3 = await conditionalFailure({ ...body, ReturnValuesOnConditionCheckFailure: 'NONE', ExpressionAttributeValues: { ':a': S('rat'), ':b': S('cow') } });
    assert.equal(r3.Item, undefined);
  });
});

describe('ConditionExpression semantics (alternator, verified on DynamoDB)', () => {
  it('missing attributes, different types, functions', async () => {
    const k = pkey();
    await ok('PutItem', {
      TableName: TP,
      Item: { ...k, n: N('5'), s: S('hello'), b: { B: 'AQID' }, ss: { SS: ['a', 'b'] }, ns: { NS: ['1', '2'] }, l: { L: [S('a'), N('1'), { L: [] }] }, m: { M: { x: N('1') } }, t: { BOOL: true } },
    });
    const values = { ':v': N('5'), ':one': N('1'), ':a': S('a'), ':bb': { B: 'AQI=' }, ':l': { L: [] }, ':t': { BOOL: true }, ':N': S('N'), ':h': S('he') };
    const cond = async (c: string, pass: boolean) => {
      const used = Object.fromEntries((c.match(/:\w+/g) ?? []).map((name) => [name, values[name as keyof typeof values]]));
      const body = { TableName: TP, Key: k, UpdateExpression: 'SET z = :v', ConditionExpression: c, ExpressionAttributeValues: { ...used, ':v': N('5') } };
      if (pass) await ok('UpdateItem', body);
      else await conditionalFailure(body);
    };
    await cond('q = zz', false);
    await cond('q <> zz', true);
    await cond('n < s', false);
    await cond('n <> :a', true);
    await cond('contains(ss, :a) AND contains(ns, :one) AND contains(l, :a) AND contains(l, :l)', true);
    await cond('contains(ss, :one)', false);
    await cond('begins_with(b, :bb) AND begins_with(s, :h)', true);
    await cond('t < u', false);
    await cond('attribute_type(n, :N) AND attribute_exists(l[2]) AND attribute_not_exists(l[3]) AND m.x = :one', true);
    await cond('NOT n IN (:v, :one)', false);
    await cond('size(ss) = :v', false);
    await validation(
      { TableName: TP, Key: k, UpdateExpression: 'SET z = :v', ConditionExpression: 'begins_with(n, :v)', ExpressionAttributeValues: { ':v': N('5') } },
      'Invalid ConditionExpression: Incorrect operand type for operator or function; operator or function: begins_with, operand type: N',
    );
    await validation(
      { TableName: TP, Key: k, UpdateExpression: 'SET z = :v', ConditionExpression: 't < :t', ExpressionAttributeValues: { ':v': N('5'), ':t': { BOOL: true } } },
      'Invalid ConditionExpression: Incorrect operand type for operator or function; operator or function: <, operand type: BOOL',
    );
    await validation(
      { TableName: TP, Key: k, UpdateExpression: 'SET z = :v', ConditionExpression: '((n = :v))', ExpressionAttributeValues: { ':v': N('5') } },
      'Invalid ConditionExpression: The expression has redundant parentheses;',
    );
    const list = Array.from({ length: 100 }, (_, i) => `:v${i}`);
    await ok('UpdateItem', {
      TableName: TP, Key: k, UpdateExpression: 'SET z = :v0', ConditionExpression: `n IN (${list.join(', ')})`,
      ExpressionAttributeValues: Object.fromEntries(list.map((name, i) => [name, N(String(i))])),
    });
  });
});
