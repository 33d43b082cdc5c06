/**
 * ConditionExpression and the legacy Expected parameter pinned to behaviour recorded against live
 * DynamoDB (ScyllaDB alternator's test_condition_expression.py and test_expected.py, which pass
 * on AWS; message texts from dynalite's recordings).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestEddy, type TestEddy, uniqueName } from './helpers/eddy.js';

type Json = Record<string, unknown>;

let t: TestEddy;
/** alternator's test_table_s: hash key `p` (S). */
let TS: string;

before(async () => {
  t = await startTestEddy();
  TS = uniqueName('cond');
  await ok('CreateTable', { TableName: TS, BillingMode: 'PAY_PER_REQUEST', AttributeDefinitions: [{ AttributeName: 'p', AttributeType: 'S' }], KeySchema: [{ AttributeName: 'p', KeyType: 'HASH' }] });
});
after(async () => t.stop());

async function ok(op: string, body: Json): Promise<Json> {
  const r = await t.raw(op, body);
  assert.equal(r.status, 200, `${op} ${JSON.stringify(body)} → ${JSON.stringify(r.json)}`);
  return r.json as Json;
}

const S = (s: string) => ({ S: s });
const N = (n: string) => ({ N: n });
const B = (s: string) => ({ B: Buffer.from(s).toString('base64') });
const Bytes = (...b: number[]) => ({ B: Buffer.from(b).toString('base64') });
const L = (...l: unknown[]) => ({ L: l });
const M = (m: Json) => ({ M: m });
const SET_VALUES: Json[] = [N('1'), S('hello'), { BOOL: true }, B('xyz'), { NULL: true }, L(S('hello'), N('42')), M({ hello: S('world') }),
  { SS: ['hello', 'world'] }, { NS: ['1', '2', '3'] }, { BS: [B('xyz').B, B('hi').B] }];

/** Outcome of a conditional UpdateItem (SET z = :newval): 'ok', 'fail' (ConditionalCheckFailed) or the validation message. */
async function cond(p: string, ConditionExpression: string, values: Json = {}, names?: Record<string, string>): Promise<string> {
  const r = await t.raw('UpdateItem', {
    TableName: TS, Key: { p: S(p) }, UpdateExpression: 'SET z = :newval', ConditionExpression,
    ExpressionAttributeValues: { ':newval': N('1'), ...values }, ...(names ? { ExpressionAttributeNames: names } : {}),
  });
  return outcome(r);
}

/**
 * 'ok', 'fail' (condition not met) or the error. Every request here is a PutItem, UpdateItem or
 * DeleteItem, whose request checks DynamoDB now reports inside the `1 validation error detected: `
 * envelope (asserted in conformance-suite-errors.test.ts); this file pins the text inside it.
 */
function outcome(r: { status: number; json: Json | undefined }): string {
  if (r.status === 200) return 'ok';
  const type = String(r.json?.__type);
  if (type.endsWith('#ConditionalCheckFailedException')) return 'fail';
  if (type.endsWith('#ValidationException')) return String(r.json?.message).replace(/^1 validation error detected: /, '');
  return `${type}: ${String(r.json?.message)}`;
}

async function put(item: Json): Promise<void> {
  await ok('PutItem', { TableName: TS, Item: item });
}

async function item(p: string): Promise<Json | undefined> {
  return (await ok('GetItem', { TableName: TS, Key: { p: S(p) }, ConsistentRead: true })).Item as Json | undefined;
}

describe('ConditionExpression (alternator test_condition_expression.py)', () => {
  it('cannot be combined with AttributeUpdates', async () => {
    const r = await t.raw('UpdateItem', { TableName: TS, Key: { p: S('x') }, AttributeUpdates: { a: { Value: N('1'), Action: 'PUT' } }, ConditionExpression: 'a = :o', ExpressionAttributeValues: { ':o': N('2') } });
    assert.equal(outcome(r), 'Can not use both expression and non-expression parameters in the same request: Non-expression parameters: {AttributeUpdates} Expression parameters: {ConditionExpression}');
  });

  it('= and <> on every type, unset attributes, set order', async () => {
    const p = uniqueName('eq');
    for (const v of SET_VALUES) {
      await put({ p: S(p), a: v, b: v });
      assert.equal(await cond(p, 'a = b'), 'ok', JSON.stringify(v));
      assert.equal(await cond(p, 'a = :v', { ':v': v }), 'ok', JSON.stringify(v));
      for (const w of SET_VALUES) if (w !== v) assert.equal(await cond(p, 'a = :v', { ':v': w }), 'fail', `${JSON.stringify(v)} = ${JSON.stringify(w)}`);
    }
    await put({ p: S(p), a: N('1'), b: N('2'), s: { SS: ['dog', 'chinchilla', 'cat', 'mouse'] }, n: N('1.0') });
    assert.equal(await cond(p, 'a = :v', { ':v': N('2') }), 'fail');
    assert.equal(await cond(p, 'a = :v', { ':v': N('1.00') }), 'ok');
    assert.equal(await cond(p, 'n = a'), 'ok');
    assert.equal(await cond(p, 'q = :v', { ':v': N('2') }), 'fail');
    assert.equal(await cond(p, 'q = z'), 'fail');
    assert.equal(await cond(p, 's = :v', { ':v': { SS: ['mouse', 'cat', 'chinchilla', 'dog'] } }), 'ok');
    assert.equal(await cond(p, 'a <> :v', { ':v': N('3') }), 'ok');
    assert.equal(await cond(p, 'a <> b'), 'ok');
    assert.equal(await cond(p, 'a <> n'), 'fail');
    assert.equal(await cond(p, 'a <> :v', { ':v': S('1') }), 'ok');
    assert.equal(await cond(p, 'q <> :v', { ':v': N('1') }), 'ok');
    assert.equal(await cond(p, 'q <> zz'), 'ok');
    assert.equal(await cond(uniqueName('none'), 'q <> zz'), 'ok');
  });

  it('<, <=, >, >= and BETWEEN', async () => {
    const p = uniqueName('lt');
    await put({ p: S(p), a: N('1'), b: S('cat'), c: B('cat'), x: L(N('1'), N('2'), N('3')), two: N('2'), lo: N('0'), hi: N('2') });
    const cases: [string, Json, string][] = [
      ['a < :v', { ':v': N('2') }, 'ok'], ['b < :v', { ':v': S('dog') }, 'ok'], ['c < :v', { ':v': B('dog') }, 'ok'],
      ['a < :v', { ':v': N('1') }, 'fail'], ['b < :v', { ':v': S('aardvark') }, 'fail'], ['c < :v', { ':v': B('aardvark') }, 'fail'],
      ['a < :v', { ':v': S('17') }, 'fail'], ['q < :v', { ':v': S('17') }, 'fail'], [':v < q', { ':v': S('17') }, 'fail'],
      ['x < :v', { ':v': N('1') }, 'fail'], [':v < x', { ':v': N('1') }, 'fail'],
      ['a <= :v', { ':v': N('1') }, 'ok'], ['b <= :v', { ':v': S('cat') }, 'ok'], ['a <= :v', { ':v': N('0') }, 'fail'],
      ['a > :v', { ':v': N('0') }, 'ok'], ['a > :v', { ':v': N('1') }, 'fail'], ['c > :v', { ':v': B('aardvark') }, 'ok'],
      ['a >= :v', { ':v': N('1') }, 'ok'], ['a >= :v', { ':v': S('0') }, 'fail'], [':v >= x', { ':v': N('1') }, 'fail'],
      ['q < z', {}, 'fail'], ['q <= z', {}, 'fail'], ['q > z', {}, 'fail'], ['q >= z', {}, 'fail'], ['q between z and x', {}, 'fail'],
      ['a BETWEEN :l AND :h', { ':l': N('0'), ':h': N('2') }, 'ok'], ['a BETWEEN :l AND :h', { ':l': N('1'), ':h': N('1') }, 'ok'],
      ['b BETWEEN :l AND :h', { ':l': S('aardvark'), ':h': S('dog') }, 'ok'], ['c between :l and :h', { ':l': B('cat'), ':h': B('cat') }, 'ok'],
      ['a BETWEEN lo AND hi', {}, 'ok'], ['a between lo and hi', {}, 'ok'],
      ['a BETWEEN :l AND :h', { ':l': N('2'), ':h': N('7') }, 'fail'], ['a BETWEEN :l AND :h', { ':l': S('0'), ':h': S('2') }, 'fail'],
      ['q BETWEEN :l AND :h', { ':l': B('dog'), ':h': B('zebra') }, 'fail'], ['a BETWEEN x AND hi', {}, 'fail'],
      ['a BETWEEN two AND :v', { ':v': N('1') }, 'fail'], ['a BETWEEN :v AND two', { ':v': N('3') }, 'fail'], ['a BETWEEN two AND :v', { ':v': S('dog') }, 'fail'],
    ];
    for (const [e, v, want] of cases) assert.equal(await cond(p, e, v), want, `${e} ${JSON.stringify(v)}`);
    const list = { ':v': L(N('1'), N('2')) };
    for (const op of ['<', '<=', '>', '>=']) {
      assert.equal(await cond(p, `a ${op} :v`, list), `Invalid ConditionExpression: Incorrect operand type for operator or function; operator or function: ${op}, operand type: L`);
      assert.equal(await cond(p, `:v ${op} a`, list), `Invalid ConditionExpression: Incorrect operand type for operator or function; operator or function: ${op}, operand type: L`);
    }
    assert.equal(await cond(p, 'a BETWEEN :l AND :h', { ':l': L(N('1')), ':h': L(N('2')) }), 'Invalid ConditionExpression: Incorrect operand type for operator or function; operator or function: BETWEEN, operand type: L');
    assert.equal(await cond(p, 'a BETWEEN :l AND :h', { ':l': N('2'), ':h': N('1') }),
      'Invalid ConditionExpression: The BETWEEN operator requires upper bound to be greater than or equal to lower bound; lower bound operand: AttributeValue: {N:2}, upper bound operand: AttributeValue: {N:1}');
    assert.equal(await cond(p, 'a BETWEEN :l AND :h', { ':l': N('2'), ':h': S('dog') }),
      'Invalid ConditionExpression: The BETWEEN operator requires same data type for lower and upper bounds; lower bound operand: AttributeValue: {N:2}, upper bound operand: AttributeValue: {S:dog}');
  });

  it('unsigned byte order', async () => {
    const p = uniqueName('ub');
    await put({ p: S(p), b: Bytes(127) });
    assert.equal(await cond(p, 'b < :v', { ':v': Bytes(128) }), 'ok');
    assert.equal(await cond(p, 'b <= :v', { ':v': Bytes(128) }), 'ok');
    assert.equal(await cond(p, 'b between :l and :h', { ':l': Bytes(126), ':h': Bytes(128) }), 'ok');
    await put({ p: S(p), b: Bytes(128) });
    assert.equal(await cond(p, 'b > :v', { ':v': Bytes(127) }), 'ok');
    assert.equal(await cond(p, 'b >= :v', { ':v': Bytes(127) }), 'ok');
  });

  it('IN', async () => {
    const p = uniqueName('in');
    for (const v of SET_VALUES) {
      await put({ p: S(p), a: v, b: v });
      assert.equal(await cond(p, 'a IN (b)'), 'ok', JSON.stringify(v));
    }
    await put({ p: S(p), a: N('74') });
    const values: Json = {};
    for (let i = 0; i < 99; i++) values[`:val${i}`] = N(String(i));
    const list = Object.keys(values).join(',');
    assert.equal(await cond(p, `a IN (${list})`, values), 'ok');
    await put({ p: S(p), a: N('174') });
    assert.equal(await cond(p, `a IN (${list})`, values), 'fail');
    assert.equal(await cond(p, 'a IN (:x, :y)', { ':x': S('dog'), ':y': N('174') }), 'ok');
    assert.match(await cond(p, 'a IN ()'), /^Invalid ConditionExpression: Syntax error; token: "\)", near: /);
    assert.equal(await cond(p, `q IN (${list})`, values), 'fail');
    const more = { ...values, ':val99': N('99'), ':val100': N('100') };
    assert.equal(await cond(p, `a IN (${Object.keys(more).join(',')})`, more),
      'Invalid ConditionExpression: The IN operator is provided with too many operands; number of operands: 101');
  });

  it('attribute_exists, attribute_not_exists, attribute_type', async () => {
    const p = uniqueName('fx');
    await put({ p: S(p), a: N('1'), b: S('N') });
    assert.equal(await cond(p, 'attribute_exists (a)'), 'ok');
    assert.equal(await cond(p, 'attribute_exists (zz)'), 'fail');
    assert.equal(await cond(p, 'attribute_exists (:v)', { ':v': N('3') }), 'Invalid ConditionExpression: Operator or function requires a document path; operator or function: attribute_exists');
    assert.equal(await cond(p, 'attribute_not_exists (bb)'), 'ok');
    assert.equal(await cond(p, 'attribute_not_exists (a)'), 'fail');
    assert.match(await cond(p, 'a'), /^Invalid ConditionExpression: Syntax error; token: "<EOF>", near: "a"$/);
    const types: [string, Json][] = [['S', S('hello')], ['SS', { SS: ['hello', 'world'] }], ['N', N('2')], ['NS', { NS: ['1', '2'] }], ['B', B('dog')],
      ['BS', { BS: [B('dog').B, B('cat').B] }], ['BOOL', { BOOL: true }], ['NULL', { NULL: true }], ['L', L(N('1'), S('dog'))], ['M', M({ a: N('3') })]];
    const q = uniqueName('ty');
    const it: Json = { p: S(q) };
    types.forEach(([, v], i) => { it[`a${i}`] = v; });
    await put(it);
    for (let i = 0; i < types.length; i++) {
      assert.equal(await cond(q, `attribute_type (a${i}, :type)`, { ':type': S(types[i]?.[0] ?? '') }), 'ok');
      assert.equal(await cond(q, `attribute_type (a${i}, :type)`, { ':type': S(types[(i + 1) % types.length]?.[0] ?? '') }), 'fail');
    }
    assert.equal(await cond(q, 'attribute_type (:v, :type)', { ':v': N('0'), ':type': S('N') }), 'ok');
    assert.match(await cond(p, 'attribute_type (a, b)'), /^Invalid ConditionExpression: Incorrect operand type for operator or function; operator or function: attribute_type, operand type: /);
    assert.equal(await cond(p, 'attribute_type (a, :type)', { ':type': S('DOG') }), 'Invalid ConditionExpression: Invalid attribute type name found; type: DOG, valid types: {B,NULL,SS,BOOL,L,BS,N,NS,S,M}');
  });

  it('begins_with and contains', async () => {
    const p = uniqueName('bw');
    await put({ p: S(p), a: S('hello'), b: B('hi there'), s: { NS: ['2', '4', '7'] }, l: L(N('2'), N('4'), N('7')), e: L(S('hi'), { NS: ['1', '2'] }, L(N('3'), N('4'))) });
    assert.equal(await cond(p, 'begins_with(a, :v)', { ':v': S('hell') }), 'ok');
    assert.equal(await cond(p, 'begins_with(b, :v)', { ':v': B('hi') }), 'ok');
    assert.equal(await cond(p, 'begins_with(a, :v)', { ':v': S('dog') }), 'fail');
    const badType = 'Invalid ConditionExpression: Incorrect operand type for operator or function; operator or function: begins_with, operand type: N';
    assert.equal(await cond(p, 'begins_with(a, :v)', { ':v': N('2') }), badType);
    assert.equal(await cond(p, 'begins_with(c, :v)', { ':v': N('2') }), badType);
    assert.equal(await cond(p, 'begins_with(c, :v)', { ':v': S('dog') }), 'fail');
    assert.equal(await cond(p, 'begins_with(c, a)'), 'fail');
    assert.equal(await cond(p, 'begins_with(:v, a)', { ':v': S('hellohi') }), 'ok');
    assert.equal(await cond(p, 'contains(a, :v)', { ':v': S('ell') }), 'ok');
    assert.equal(await cond(p, 'contains(s, :v)', { ':v': N('4') }), 'ok');
    assert.equal(await cond(p, 'contains(l, :v)', { ':v': N('4') }), 'ok');
    assert.equal(await cond(p, 'contains(b, :v)', { ':v': B('here') }), 'ok');
    assert.equal(await cond(p, 'contains(b, :v)', { ':v': B('dog') }), 'fail');
    assert.equal(await cond(p, 'contains(b, :v)', { ':v': { NS: ['1', '2'] } }), 'fail');
    assert.equal(await cond(p, 'contains(e, :v)', { ':v': { NS: ['2', '1'] } }), 'ok');
    assert.equal(await cond(p, 'contains(e, :v)', { ':v': L(N('3'), N('4')) }), 'ok');
    assert.equal(await cond(p, 'contains(a, a)'),
      'Invalid ConditionExpression: The first operand must be distinct from the remaining operands for this operator or function; operator: contains, first operand: [a]');
  });

  it('size()', async () => {
    const p = uniqueName('sz');
    await put({ p: S(p), a: S('hello'), b: { NS: ['2', '4', '7'] }, c: L(N('2'), S('dog'), N('7')), d: B('hi there'), e: M({ x: N('2'), y: M({ m: N('3'), n: N('4') }) }), f: N('5'), g: { BOOL: true }, h: { NULL: true } });
    const cases: [string, string, string][] = [
      ['size(a)=:v', '5', 'ok'], ['size(b)=:v', '3', 'ok'], ['size(c)=:v', '3', 'ok'], ['size(d)=:v', '8', 'ok'], ['size(e)=:v', '2', 'ok'],
      ['size(f)=:v', '1', 'fail'], ['size(g)=:v', '1', 'fail'], ['size(h)=:v', '1', 'fail'],
      ['size(a)<>:v', '4', 'ok'], ['size(a)<:v', '7', 'ok'], ['size(a)<=:v', '7', 'ok'], ['size(a)>:v', '2', 'ok'], ['size(a)>=:v', '2', 'ok'],
    ];
    for (const [e, v, want] of cases) assert.equal(await cond(p, e, { ':v': N(v) }), want, e);
    assert.equal(await cond(p, 'size(a)=:v', { ':v': S('dog') }), 'fail');
    assert.equal(await cond(p, 'size(a)=f'), 'ok');
    assert.equal(await cond(p, 'size(a, a)=:v', { ':v': N('5') }), 'Invalid ConditionExpression: Incorrect number of operands for operator or function; operator or function: size, number of operands: 2');
    assert.equal(await cond(p, 'size(a)'), 'Invalid ConditionExpression: The function is not allowed to be used this way in an expression; function: size');
    assert.equal(await cond(p, 'attribute_exists(a) < :v', { ':v': N('1') }), 'Invalid ConditionExpression: The function is not allowed to be used this way in an expression; function: attribute_exists');
    assert.equal(await cond(p, 'dog(a)=:v', { ':v': N('5') }), 'Invalid ConditionExpression: Invalid function name; function: dog');
    assert.equal(await cond(p, 'if_not_exists(a, a)=:v', { ':v': N('5') }), 'Invalid ConditionExpression: The function is not allowed in a condition expression; function: if_not_exists');
    assert.equal(await cond(p, 'list_append(a, a)=:v', { ':v': N('5') }), 'Invalid ConditionExpression: The function is not allowed in a condition expression; function: list_append');
  });

  it('nested attributes and name references', async () => {
    const p = uniqueName('ne');
    await put({ p: S(p), b: M({ x: N('1'), y: L(N('-1'), N('2'), N('0')) }), and: M({ or: N('2') }) });
    assert.equal(await cond(p, 'attribute_exists (b.x)'), 'ok');
    assert.equal(await cond(p, 'b.x < b.y[1]'), 'ok');
    assert.equal(await cond(p, 'b.x < b.y[0]'), 'fail');
    assert.equal(await cond(p, 'b.z < b.y[100]'), 'fail');
    assert.equal(await cond(p, 'attribute_exists (#n)', {}, { '#n': 'and' }), 'ok');
    assert.equal(await cond(p, '#n1.#n2 = :two', { ':two': N('2') }, { '#n1': 'and', '#n2': 'or' }), 'ok');
    assert.equal(await cond(p, 'attribute_exists (and)'), 'Invalid ConditionExpression: Syntax error; token: "and", near: "(and)"');
  });

  it('AND, OR, NOT, parentheses and precedence', async () => {
    const p = uniqueName('bo');
    await put({ p: S(p), a: N('1'), b: N('2'), c: N('3') });
    const cases: [string, string][] = [
      ['a < b AND b < c', 'ok'], ['a < b aNd b < c', 'ok'], ['a < b AND c < b', 'fail'],
      ['a < b OR b < c', 'ok'], ['b < a OR b < c', 'ok'], ['a < b oR b < c', 'ok'], ['b < a OR c < b', 'fail'],
      ['NOT b < a', 'ok'], ['nOt b < a', 'ok'], ['NOT a < b', 'fail'], ['NOT NOT NOT NOT a < b', 'ok'],
      ['(a < b OR b < a) AND (b < c AND (a < b OR b < c))', 'ok'], ['a < b OR c < b AND b < c', 'ok'],
      ['NOT a < b AND c < b', 'fail'], ['b BETWEEN a AND c AND a < b', 'ok'],
    ];
    for (const [e, want] of cases) assert.equal(await cond(p, e), want, e);
    assert.equal(await cond(p, ''), 'Invalid ConditionExpression: The expression can not be empty;');
  });

  it('PutItem and DeleteItem conditions; key conditions', async () => {
    const p = uniqueName('pd');
    await put({ p: S(p), a: N('1') });
    let r = await t.raw('DeleteItem', { TableName: TS, Key: { p: S(p) }, ConditionExpression: 'a = :o', ExpressionAttributeValues: { ':o': N('2') } });
    assert.equal(outcome(r), 'fail');
    await ok('PutItem', { TableName: TS, Item: { p: S(p), a: N('2') }, ConditionExpression: 'a = :o', ExpressionAttributeValues: { ':o': N('1') } });
    r = await t.raw('PutItem', { TableName: TS, Item: { p: S(p), a: N('3') }, ConditionExpression: 'a = :o', ExpressionAttributeValues: { ':o': N('1') } });
    assert.equal(outcome(r), 'fail');
    await ok('DeleteItem', { TableName: TS, Key: { p: S(p) }, ConditionExpression: 'a = :o', ExpressionAttributeValues: { ':o': N('2') } });
    assert.equal(await item(p), undefined);
    const k = uniqueName('k');
    await ok('UpdateItem', { TableName: TS, Key: { p: S(k) }, ConditionExpression: 'p <> :p', ExpressionAttributeValues: { ':p': S(k) } });
    assert.deepEqual(await item(k), { p: S(k) });
    r = await t.raw('UpdateItem', { TableName: TS, Key: { p: S(k) }, ConditionExpression: 'p <> :p', ExpressionAttributeValues: { ':p': S(k) } });
    assert.equal(outcome(r), 'fail');
    r = await t.raw('UpdateItem', { TableName: TS, Key: { p: S(k) }, ConditionExpression: 'attribute_not_exists(p)' });
    assert.equal(outcome(r), 'fail');
  });

  it('unused names and values are errors, even when the condition fails or short-circuits', async () => {
    const p = uniqueName('un');
    const unusedV = 'Value provided in ExpressionAttributeValues unused in expressions: keys: {:val3}';
    const unusedN = 'Value provided in ExpressionAttributeNames unused in expressions: keys: {#name3}';
    for (const existing of [false, true]) {
      if (existing) await put({ p: S(p), b: N('2') });
      const upd = (names: Json, values: Json) => t.raw('UpdateItem', { TableName: TS, Key: { p: S(p) }, UpdateExpression: 'SET #name1 = :val1', ConditionExpression: '#name2 = :val2', ExpressionAttributeValues: values, ExpressionAttributeNames: names });
      assert.equal(outcome(await upd({ '#name1': 'a', '#name2': 'b' }, { ':val1': N('1'), ':val2': N('2'), ':val3': N('3') })), unusedV);
      assert.equal(outcome(await upd({ '#name1': 'a', '#name2': 'b', '#name3': 'c' }, { ':val1': N('1'), ':val2': N('2') })), unusedN);
      const del = await t.raw('DeleteItem', { TableName: TS, Key: { p: S(p) }, ConditionExpression: '#name2 = :val2', ExpressionAttributeValues: { ':val2': N('2'), ':val3': N('3') }, ExpressionAttributeNames: { '#name2': 'b' } });
      assert.equal(outcome(del), unusedV);
      const pu = await t.raw('PutItem', { TableName: TS, Item: { p: S(p), b: N('2') }, ConditionExpression: '#name2 = :val2', ExpressionAttributeValues: { ':val2': N('2') }, ExpressionAttributeNames: { '#name2': 'b', '#name3': 'c' } });
      assert.equal(outcome(pu), unusedN);
    }
    const q = uniqueName('sc');
    await put({ p: S(q), a: N('1') });
    await ok('UpdateItem', { TableName: TS, Key: { p: S(q) }, ConditionExpression: '#name1 = :val1 OR #name2 = :val2', UpdateExpression: 'SET #name1 = :val3',
      ExpressionAttributeValues: { ':val1': N('1'), ':val2': N('2'), ':val3': N('3') }, ExpressionAttributeNames: { '#name1': 'a', '#name2': 'b' } });
    assert.deepEqual(await item(q), { p: S(q), a: N('3') });
  });
});

/** Outcome of UpdateItem with AttributeUpdates {z: PUT 1} and an Expected clause. */
async function expected(p: string, Expected: Json, extra: Json = {}): Promise<string> {
  return outcome(await t.raw('UpdateItem', { TableName: TS, Key: { p: S(p) }, AttributeUpdates: { z: { Value: N('1'), Action: 'PUT' } }, Expected, ...extra }));
}
const E = (op: string, ...list: Json[]): Json => ({ ComparisonOperator: op, AttributeValueList: list });

describe('Expected (alternator test_expected.py)', () => {
  it('cannot be combined with UpdateExpression', async () => {
    const r = await t.raw('UpdateItem', { TableName: TS, Key: { p: S('x') }, UpdateExpression: 'SET a = :v', ExpressionAttributeValues: { ':v': N('2') }, Expected: { a: E('EQ', N('1')) } });
    assert.equal(outcome(r), 'Can not use both expression and non-expression parameters in the same request: Non-expression parameters: {Expected} Expression parameters: {UpdateExpression}');
  });

  it('comparison operators', async () => {
    const p = uniqueName('ex');
    await put({ p: S(p), a: N('1'), b: S('cat'), c: B('cat'), s: { SS: ['dog', 'chinchilla', 'cat', 'mouse'] }, h: S('hello'), ns: { NS: ['2', '4', '7'] }, l: L(N('2'), N('4'), N('7')), d: B('hi there') });
    const cases: [Json, string][] = [
      [{ a: E('EQ', N('1')) }, 'ok'], [{ a: E('EQ', N('2')) }, 'fail'], [{ a: E('EQ', S('dog')) }, 'fail'], [{ s: E('EQ', { SS: ['mouse', 'cat', 'dog', 'chinchilla'] }) }, 'ok'],
      [{ a: E('NE', N('2')) }, 'ok'], [{ a: E('NE', S('1')) }, 'ok'], [{ q: E('NE', N('1')) }, 'ok'], [{ a: E('NE', N('1')) }, 'fail'],
      [{ a: E('LE', N('2')) }, 'ok'], [{ a: E('LE', N('1')) }, 'ok'], [{ b: E('LE', S('dog')) }, 'ok'], [{ c: E('LE', B('dog')) }, 'ok'],
      [{ a: E('LE', N('0')) }, 'fail'], [{ b: E('LE', S('aardvark')) }, 'fail'], [{ c: E('LE', B('aardvark')) }, 'fail'], [{ a: E('LE', S('1')) }, 'fail'],
      [{ a: E('LT', N('2')) }, 'ok'], [{ a: E('LT', N('1')) }, 'fail'], [{ a: E('GE', N('1')) }, 'ok'], [{ a: E('GE', N('2')) }, 'fail'],
      [{ a: E('GT', N('0')) }, 'ok'], [{ a: E('GT', N('1')) }, 'fail'], [{ q: E('GT', N('0')) }, 'fail'],
      [{ a: E('NOT_NULL') }, 'ok'], [{ q: E('NOT_NULL') }, 'fail'], [{ q: E('NULL') }, 'ok'], [{ a: E('NULL') }, 'fail'],
      [{ h: E('CONTAINS', S('ell')) }, 'ok'], [{ ns: E('CONTAINS', N('4')) }, 'ok'], [{ l: E('CONTAINS', N('4')) }, 'ok'], [{ d: E('CONTAINS', B('here')) }, 'ok'],
      [{ h: E('CONTAINS', S('dog')) }, 'fail'], [{ h: E('CONTAINS', N('1')) }, 'fail'], [{ q: E('CONTAINS', N('1')) }, 'fail'], [{ d: E('CONTAINS', B('dog')) }, 'fail'],
      [{ h: E('NOT_CONTAINS', S('dog')) }, 'ok'], [{ h: E('NOT_CONTAINS', N('1')) }, 'ok'], [{ ns: E('NOT_CONTAINS', N('1')) }, 'ok'], [{ l: E('NOT_CONTAINS', N('1')) }, 'ok'],
      [{ d: E('NOT_CONTAINS', B('dog')) }, 'ok'], [{ h: E('NOT_CONTAINS', S('ell')) }, 'fail'], [{ ns: E('NOT_CONTAINS', N('4')) }, 'fail'], [{ l: E('NOT_CONTAINS', N('4')) }, 'fail'],
      [{ d: E('NOT_CONTAINS', B('here')) }, 'fail'], [{ q: E('NOT_CONTAINS', N('1')) }, 'fail'],
      [{ h: E('BEGINS_WITH', S('hell')) }, 'ok'], [{ d: E('BEGINS_WITH', B('hi')) }, 'ok'], [{ h: E('BEGINS_WITH', S('dog')) }, 'fail'], [{ a: E('BEGINS_WITH', S('dog')) }, 'fail'],
      [{ a: E('IN', N('2'), N('1'), N('8')) }, 'ok'], [{ a: E('IN', N('2'), N('4')) }, 'fail'], [{ ns: E('IN', N('2')) }, 'fail'], [{ ns: E('IN', N('1'), N('2'), N('4'), N('7')) }, 'fail'],
      [{ a: E('BETWEEN', N('0'), N('2')) }, 'ok'], [{ a: E('BETWEEN', N('1'), N('1')) }, 'ok'], [{ b: E('BETWEEN', S('aardvark'), S('dog')) }, 'ok'], [{ c: E('BETWEEN', B('aardvark'), B('dog')) }, 'ok'],
      [{ a: E('BETWEEN', N('2'), N('3')) }, 'fail'], [{ a: E('BETWEEN', S('cat'), S('dog')) }, 'fail'], [{ q: E('BETWEEN', N('0'), N('100')) }, 'fail'],
      [{ a: { Value: N('1') } }, 'ok'], [{ a: { Value: N('2') } }, 'fail'], [{ zz: { Value: N('1') } }, 'fail'],
      [{ a: { Exists: true, Value: N('1') } }, 'ok'], [{ a: { Exists: true, Value: N('2') } }, 'fail'], [{ zz: { Exists: false } }, 'ok'], [{ a: { Exists: false } }, 'fail'],
    ];
    for (const [e, want] of cases) assert.equal(await expected(p, e), want, JSON.stringify(e));
  });

  it('validation of AttributeValueList, Exists and Value', async () => {
    const p = uniqueName('ev');
    await put({ p: S(p), a: N('1') });
    const count = (op: string) => `One or more parameter values were invalid: Invalid number of argument(s) for the ${op} ComparisonOperator`;
    const cases: [Json, string][] = [
      [{ a: E('EQ', N('2'), N('3')) }, count('EQ')], [{ a: E('NE', N('2'), N('3')) }, count('NE')], [{ a: E('LE', N('2'), N('3')) }, count('LE')],
      [{ a: E('LT', N('2'), N('3')) }, count('LT')], [{ a: E('CONTAINS', N('2'), N('3')) }, count('CONTAINS')], [{ a: E('CONTAINS') }, count('CONTAINS')],
      [{ a: E('NOT_CONTAINS') }, count('NOT_CONTAINS')], [{ a: E('BEGINS_WITH', S('hell'), S('heaven')) }, count('BEGINS_WITH')],
      [{ a: E('IN') }, count('IN')], [{ a: E('BETWEEN') }, count('BETWEEN')], [{ a: E('BETWEEN', N('2'), N('3'), N('4')) }, count('BETWEEN')],
      [{ a: E('CONTAINS', L(N('1'))) }, 'One or more parameter values were invalid: ComparisonOperator CONTAINS is not valid for L AttributeValue type'],
      [{ a: E('NOT_CONTAINS', L(N('1'))) }, 'One or more parameter values were invalid: ComparisonOperator NOT_CONTAINS is not valid for L AttributeValue type'],
      [{ a: E('BEGINS_WITH', N('3')) }, 'One or more parameter values were invalid: ComparisonOperator BEGINS_WITH is not valid for N AttributeValue type'],
      [{ a: E('IN', N('3'), S('dog')) }, 'One or more parameter values were invalid: AttributeValues inside AttributeValueList must be of same type'],
      [{ a: E('IN', L(N('1')), L(N('2'))) }, 'One or more parameter values were invalid: ComparisonOperator IN is not valid for L AttributeValue type'],
      [{ a: E('BETWEEN', N('4'), N('3')) }, 'The BETWEEN condition was provided a range where the lower bound is greater than the upper bound'],
      [{ a: E('BETWEEN', S('dog'), S('aardvark')) }, 'The BETWEEN condition was provided a range where the lower bound is greater than the upper bound'],
      [{ a: E('BETWEEN', N('4'), S('dog')) }, 'One or more parameter values were invalid: AttributeValues inside AttributeValueList must be of same type'],
      [{ a: E('BETWEEN', { NS: ['1'] }, { NS: ['2'] }) }, 'One or more parameter values were invalid: ComparisonOperator BETWEEN is not valid for NS AttributeValue type'],
      [{ a: { Exists: true } }, 'One or more parameter values were invalid: Value must be provided when Exists is true for Attribute: a'],
      [{ a: { Exists: false, Value: N('1') } }, 'One or more parameter values were invalid: Value cannot be used when Exists is false for Attribute: a'],
      [{ a: { Exists: false, ComparisonOperator: 'EQ', AttributeValueList: [N('3')] } }, 'One or more parameter values were invalid: Exists and ComparisonOperator cannot be used together for Attribute: a'],
      [{ a: { Value: N('3'), ComparisonOperator: 'EQ', AttributeValueList: [N('3')] } }, 'One or more parameter values were invalid: Value and AttributeValueList cannot be used together for Attribute: a'],
    ];
    for (const [e, want] of cases) assert.equal(await expected(p, e), want, JSON.stringify(e));
  });

  it('several conditions, ConditionalOperator, empty Expected', async () => {
    const p = uniqueName('em');
    await put({ p: S(p), a: N('1'), b: N('2') });
    const conds = { a: { Exists: true, Value: N('1') }, b: E('EQ', N('2')), c: { Exists: false } };
    assert.equal(await expected(p, conds), 'ok');
    assert.equal(await expected(p, conds, { ConditionalOperator: 'AND' }), 'ok');
    const orConds = { a: { Exists: true, Value: N('74') }, b: E('EQ', N('999')), c: { Exists: false } };
    assert.equal(await expected(p, orConds, { ConditionalOperator: 'OR' }), 'ok');
    assert.equal(await expected(p, orConds, { ConditionalOperator: 'AND' }), 'fail');
    assert.equal(await expected(p, { ...orConds, c: { Exists: true, Value: N('1') } }, { ConditionalOperator: 'OR' }), 'fail');
    assert.equal(await expected(p, {}), 'ok');
    for (const op of ['OR', 'AND']) {
      assert.equal(await expected(p, {}, { ConditionalOperator: op }), 'ConditionalOperator cannot be used without Filter or Expected');
    }
  });

  it('PutItem and DeleteItem', async () => {
    const p = uniqueName('epd');
    await put({ p: S(p), a: N('1') });
    assert.equal(outcome(await t.raw('DeleteItem', { TableName: TS, Key: { p: S(p) }, Expected: { a: { Value: N('2') } } })), 'fail');
    await ok('PutItem', { TableName: TS, Item: { p: S(p), a: N('2') }, Expected: { a: { Value: N('1') } } });
    assert.equal(outcome(await t.raw('PutItem', { TableName: TS, Item: { p: S(p), a: N('3') }, Expected: { a: { Value: N('1') } } })), 'fail');
    await ok('DeleteItem', { TableName: TS, Key: { p: S(p) }, Expected: { a: { Value: N('2') } } });
    assert.equal(await item(p), undefined);
  });
});
