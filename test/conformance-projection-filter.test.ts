/**
 * ProjectionExpression, FilterExpression and the legacy QueryFilter/ScanFilter pinned to behaviour
 * recorded against live DynamoDB (ScyllaDB alternator's test_projection_expression.py,
 * test_filter_expression.py, test_nested.py, which pass on AWS).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestEddy, type TestEddy, uniqueName } from './helpers/eddy.js';
import { rawOk, assertValidationLike } from './helpers/conformance.js';

type Json = Record<string, unknown>;

let t: TestEddy;
/** Hash key `p` (S). */
let TS: string;
/** Hash `p` (S) + range `c` (S). */
let TR: string;

before(async () => {
  t = await startTestEddy();
  TS = uniqueName('pfs');
  TR = uniqueName('pfr');
  const def = (n: string) => ({ AttributeName: n, AttributeType: 'S' });
  await ok('CreateTable', { TableName: TS, BillingMode: 'PAY_PER_REQUEST', AttributeDefinitions: [def('p')], KeySchema: [{ AttributeName: 'p', KeyType: 'HASH' }] });
  await ok('CreateTable', {
    TableName: TR,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [def('p'), def('c')],
    KeySchema: [{ AttributeName: 'p', KeyType: 'HASH' }, { AttributeName: 'c', KeyType: 'RANGE' }],
  });
});
after(async () => t.stop());

const ok = (op: string, body: Json): Promise<Json> => rawOk(t, op, body);

const invalid = (op: string, body: Json, message: RegExp | string): Promise<void> => assertValidationLike(t, op, body, message);

const S = (s: string) => ({ S: s });
const N = (n: string) => ({ N: n });
const L = (...l: unknown[]) => ({ L: l });
const M = (m: Json) => ({ M: m });

async function put(item: Json, table = TS): Promise<void> {
  await ok('PutItem', { TableName: table, Item: item });
}

async function project(p: string, expr: string, names?: Record<string, string>): Promise<Json | undefined> {
  const r = await ok('GetItem', { TableName: TS, Key: { p: S(p) }, ConsistentRead: true, ProjectionExpression: expr, ...(names ? { ExpressionAttributeNames: names } : {}) });
  return r.Item as Json | undefined;
}

describe('ProjectionExpression (alternator test_projection_expression.py)', () => {
  it('top-level attributes and syntax', async () => {
    const p = uniqueName('p');
    await put({ p: S(p), a: S('hello'), b: S('hi') });
    assert.deepEqual(await project(p, 'a'), { a: S('hello') });
    assert.deepEqual(await project(p, '#name', { '#name': 'a' }), { a: S('hello') });
    assert.deepEqual(await project(p, 'a,b'), { a: S('hello'), b: S('hi') });
    assert.deepEqual(await project(p, ' a  ,   b  '), { a: S('hello'), b: S('hi') });
    assert.deepEqual(await project(p, 'nonexistent'), {});
    const get = (ProjectionExpression: string, names?: Record<string, string>): Json => ({
      TableName: TS, Key: { p: S(p) }, ProjectionExpression, ...(names ? { ExpressionAttributeNames: names } : {}),
    });
    await invalid('GetItem', get('#name', { '#wrong': 'a' }), 'Invalid ProjectionExpression: An expression attribute name used in the document path is not defined; attribute name: #name');
    await invalid('GetItem', get('#name', { '#name': 'a', '#unused': 'b' }), 'Value provided in ExpressionAttributeNames unused in expressions: keys: {#unused}');
    await invalid('GetItem', get('a,a'), 'Invalid ProjectionExpression: Two document paths overlap with each other; must remove or rewrite one of these paths; path one: [a], path two: [a]');
    for (const bad of ['a,', ',a', 'a,,b']) await invalid('GetItem', get(bad), /^Invalid ProjectionExpression: Syntax error; token: /);
    await invalid('GetItem', get(''), 'Invalid ProjectionExpression: The expression can not be empty;');
  });

  it('nested paths', async () => {
    const p = uniqueName('p');
    await put({ p: S(p), a: M({ b: L(N('2'), N('4'), M({ x: S('hi'), y: S('yo') })), c: N('5') }), b: S('hello') });
    assert.deepEqual(await project(p, 'a.b'), { a: M({ b: L(N('2'), N('4'), M({ x: S('hi'), y: S('yo') })) }) });
    assert.deepEqual(await project(p, 'a.b[0]'), { a: M({ b: L(N('2')) }) });
    assert.deepEqual(await project(p, 'a.b[2]'), { a: M({ b: L(M({ x: S('hi'), y: S('yo') })) }) });
    assert.deepEqual(await project(p, 'a.b[2].y'), { a: M({ b: L(M({ y: S('yo') })) }) });
    for (const missing of ['x', 'a.b[3]', 'a.x', 'a.x.y', 'a.b[3].x', 'a.b.x', 'a[0]', 'a.b[0].x', 'a.b[0][0]']) {
      assert.deepEqual(await project(p, missing), {}, missing);
    }
    assert.deepEqual(await project(p, 'a.b[0],a.b[1]'), { a: M({ b: L(N('2'), N('4')) }) });
    assert.deepEqual(await project(p, 'a.b[2],a.b[0]'), { a: M({ b: L(N('2'), M({ x: S('hi'), y: S('yo') })) }) });
    assert.deepEqual(await project(p, 'a.b[0],a.c'), { a: M({ b: L(N('2')), c: N('5') }) });
    assert.deepEqual(await project(p, 'a.c,b'), { a: M({ c: N('5') }), b: S('hello') });
    assert.deepEqual(await project(p, 'a.x, a.b[0], x, a.b[3].x'), { a: M({ b: L(N('2')) }) });
  });

  it('name references are single path components', async () => {
    const p = uniqueName('p');
    await put({ p: S(p), a: M({ b: N('1'), c: N('2') }), b: S('hi'), 'a.b': S('dot') });
    assert.deepEqual(await project(p, '#n1.b', { '#n1': 'a' }), { a: M({ b: N('1') }) });
    assert.deepEqual(await project(p, 'a.#n2', { '#n2': 'b' }), { a: M({ b: N('1') }) });
    assert.deepEqual(await project(p, '#n1.#n2', { '#n1': 'a', '#n2': 'b' }), { a: M({ b: N('1') }) });
    assert.deepEqual(await project(p, '#name', { '#name': 'a.b' }), { 'a.b': S('dot') });
    await invalid('GetItem', { TableName: TS, Key: { p: S(p) }, ProjectionExpression: 'a.#n2', ExpressionAttributeNames: { '#wrong': 'b' } }, 'Invalid ProjectionExpression: An expression attribute name used in the document path is not defined; attribute name: #n2');
    await invalid('GetItem', { TableName: TS, Key: { p: S(p) }, ProjectionExpression: 'a.#n2', ExpressionAttributeNames: { '#n2': 'b', '#unused': 'x' } }, 'Value provided in ExpressionAttributeNames unused in expressions: keys: {#unused}');
  });

  it('overlapping and conflicting paths', async () => {
    const get = (ProjectionExpression: string): Json => ({ TableName: TS, Key: { p: S('x') }, ProjectionExpression });
    for (const e of ['a, a', 'a.b, a.b', 'a[1], a[1]', 'a, a.b', 'a.b, a', 'a.b, a.b[2]', 'a.b, a.b.c', 'a, a.b[2].c', 'a.b.d, a.b', 'a.b.d.e, a.b', 'a.b, a.b.d', 'a.b, a.b.d.e']) {
      await invalid('GetItem', get(e), /^Invalid ProjectionExpression: Two document paths overlap with each other; must remove or rewrite one of these paths; path one: /);
    }
    await invalid('GetItem', get('a.b, a[1]'), 'Invalid ProjectionExpression: Two document paths conflict with each other; must remove or rewrite one of these paths; path one: [a, b], path two: [a, [1]]');
    await invalid('GetItem', get('a.b[0],a.b[0]'), 'Invalid ProjectionExpression: Two document paths overlap with each other; must remove or rewrite one of these paths; path one: [a, b, [0]], path two: [a, b, [0]]');
    for (const e of ['a, b', 'a.b, a.c', 'a.b.d, a.b.e', 'a[1], a[2]', 'a.b, a.c[2]', 'a.b, a.c[1]']) await ok('GetItem', get(e));
  });

  it('Query, Scan and BatchGetItem project nested paths', async () => {
    const p = uniqueName('p');
    const items = [0, 1, 2].map((i) => ({ p: S(p), c: S(String(i)), a: M({ x: S(String(i * 10)), y: S('hi') }), b: S('hello') }));
    for (const i of items) await put(i, TR);
    const q = await ok('Query', { TableName: TR, KeyConditionExpression: 'p = :p', ExpressionAttributeValues: { ':p': S(p) }, ProjectionExpression: 'a.x' });
    assert.deepEqual(q.Items, items.map((i) => ({ a: M({ x: i.a.M.x }) })));
    const s = await ok('Scan', { TableName: TR, ProjectionExpression: 'p, a.x', FilterExpression: 'p = :p', ExpressionAttributeValues: { ':p': S(p) } });
    assert.equal((s.Items as unknown[]).length, 3);
    const b = await ok('BatchGetItem', { RequestItems: { [TR]: { Keys: items.map((i) => ({ p: i.p, c: i.c })), ProjectionExpression: 'a.x' } } });
    assert.equal(((b.Responses as Record<string, unknown[]>)[TR] ?? []).length, 3);
    const k = await ok('Query', { TableName: TR, KeyConditionExpression: '#n1 = :v', ProjectionExpression: '#n2', ExpressionAttributeNames: { '#n1': 'p', '#n2': 'b' }, ExpressionAttributeValues: { ':v': S(p) } });
    assert.deepEqual(k.Items, items.map(() => ({ b: S('hello') })));
  });

  it('ProjectionExpression with AttributesToGet', async () => {
    const msg = 'Can not use both expression and non-expression parameters in the same request: Non-expression parameters: {AttributesToGet} Expression parameters: {ProjectionExpression}';
    await invalid('GetItem', { TableName: TS, Key: { p: S('x') }, ProjectionExpression: 'a', AttributesToGet: ['b'] }, msg);
    await invalid('Scan', { TableName: TS, ProjectionExpression: 'a', AttributesToGet: ['a'] }, msg);
    await invalid('Query', { TableName: TS, KeyConditions: { p: { AttributeValueList: [S('x')], ComparisonOperator: 'EQ' } }, ProjectionExpression: 'a', AttributesToGet: ['a'] }, msg);
  });
});

describe('FilterExpression (alternator test_filter_expression.py)', () => {
  /** alternator's test_table_sn: hash `p` (S), range `c` (N). */
  let TN: string;
  const p = uniqueName('fp');
  const B = (s: string) => ({ B: Buffer.from(s).toString('base64') });
  const items: Json[] = [];
  before(async () => {
    TN = uniqueName('pfn');
    await ok('CreateTable', {
      TableName: TN,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [{ AttributeName: 'p', AttributeType: 'S' }, { AttributeName: 'c', AttributeType: 'N' }],
      KeySchema: [{ AttributeName: 'p', KeyType: 'HASH' }, { AttributeName: 'c', KeyType: 'RANGE' }],
    });
    for (let i = 0; i < 8; i++) {
      const item: Json = {
        p: S(p), c: N(String(i)), i: N(String(i * 7 % 5)), s: S(`s${(i * 3) % 4}x${i}`), b: B(`b${i % 3}`),
        l: L(N(String(i)), N('100')), m: M({ k: N(String(i)) }), ns: { NS: [String(i), '100'] }, ss: { SS: [`e${i}`, 'common'] }, bool: { BOOL: i % 2 === 0 },
      };
      if (i % 4 === 0) item.r = N('5');
      else if (i % 4 === 1) item.r = S('5');
      else if (i % 4 === 2) item.r = L(N('5'));
      else item.j = item.i;
      items.push(item);
      await put(item, TN);
    }
  });

  async function filter(FilterExpression: string, values: Json = {}, extra: Json = {}): Promise<number[]> {
    const r = await ok('Query', { TableName: TN, KeyConditionExpression: 'p=:p', FilterExpression, ExpressionAttributeValues: { ':p': S(p), ...values }, ...extra });
    return (r.Items as { c: { N: string } }[]).map((x) => Number(x.c.N));
  }
  const where = (f: (i: Json, n: number) => boolean): number[] => items.flatMap((x, n) => (f(x, n) ? [n] : []));
  const q = (body: Json): Json => ({ TableName: TN, KeyConditionExpression: 'p=:p', ExpressionAttributeValues: { ':p': S(p) }, ...body });

  it('keys are not allowed in a Query filter', async () => {
    await invalid('Query', { TableName: TN, FilterExpression: 'p=:p', ExpressionAttributeValues: { ':p': S(p) } }, 'Either the KeyConditions or KeyConditionExpression parameter must be specified in the request.');
    await invalid('Query', q({ FilterExpression: 'p=:p' }), 'Filter Expression can only contain non-primary key attributes: Primary key attribute: p');
    await invalid('Query', q({ FilterExpression: 'c=:c', ExpressionAttributeValues: { ':p': S(p), ':c': N('3') } }), 'Filter Expression can only contain non-primary key attributes: Primary key attribute: c');
    await invalid('Query', q({ FilterExpression: 'i=c' }), 'Filter Expression can only contain non-primary key attributes: Primary key attribute: c');
  });

  it('comparisons, types and missing attributes', async () => {
    assert.deepEqual(await filter('i=:v', { ':v': N('2') }), where((x) => (x.i as { N: string }).N === '2'));
    assert.deepEqual(await filter('   i =  :v   ', { ':v': N('2') }), where((x) => (x.i as { N: string }).N === '2'));
    assert.deepEqual(await filter(':v=i', { ':v': N('2') }), where((x) => (x.i as { N: string }).N === '2'));
    assert.deepEqual(await filter('l=:v', { ':v': L(N('3'), N('100')) }), [3]);
    assert.deepEqual(await filter('m=:v', { ':v': M({ k: N('4') }) }), [4]);
    assert.deepEqual(await filter('ns=:v', { ':v': { NS: ['100', '5'] } }), [5]);
    assert.deepEqual(await filter('ss=:v', { ':v': { SS: ['common', 'e6'] } }), [6]);
    assert.deepEqual(await filter('bool=:v', { ':v': { BOOL: true } }), [0, 2, 4, 6]);
    assert.deepEqual(await filter('b=:v', { ':v': B('b1') }), [1, 4, 7]);
    assert.deepEqual(await filter('r=:v', { ':v': N('5') }), [0, 4]);
    assert.deepEqual(await filter('r<>:v', { ':v': N('5') }), [1, 2, 3, 5, 6, 7]);
    assert.deepEqual(await filter('i<:v', { ':v': N('2') }), where((x) => Number((x.i as { N: string }).N) < 2));
    assert.deepEqual(await filter(':v<i', { ':v': N('2') }), where((x) => Number((x.i as { N: string }).N) > 2));
    assert.deepEqual(await filter('b>=:v', { ':v': B('b1') }), where((_x, n) => n % 3 >= 1));
    assert.deepEqual(await filter('l <= :v', { ':v': N('3') }), []);
    assert.deepEqual(await filter(':v <= l', { ':v': N('3') }), []);
    assert.deepEqual(await filter('s between :v and l', { ':v': S('cat') }), []);
    assert.deepEqual(await filter('s between i and :v', { ':v': S('cat') }), []);
    assert.deepEqual(await filter('i BetWEeN :a AnD :b', { ':a': N('1'), ':b': N('3') }), where((x) => { const v = Number((x.i as { N: string }).N); return v >= 1 && v <= 3; }));
    await invalid('Query', q({ FilterExpression: 'i BetWEeN :a AnD :b', ExpressionAttributeValues: { ':p': S(p), ':a': N('3'), ':b': N('1') } }),
      'Invalid FilterExpression: The BETWEEN operator requires upper bound to be greater than or equal to lower bound; lower bound operand: AttributeValue: {N:3}, upper bound operand: AttributeValue: {N:1}');
    assert.deepEqual(await filter('i In (:a, :b)', { ':a': N('1'), ':b': N('3') }), where((x) => ['1', '3'].includes((x.i as { N: string }).N)));
    assert.deepEqual(await filter('i in (j, :k)', { ':k': N('0') }), where((x) => (x.i as { N: string }).N === '0' || x.j !== undefined));
    assert.deepEqual(await filter('i=j'), [3, 7]);
  });

  it('functions', async () => {
    await invalid('Query', q({ FilterExpression: 'begins_with(i, :v)', ExpressionAttributeValues: { ':p': S(p), ':v': N('3') } }), 'Invalid FilterExpression: Incorrect operand type for operator or function; operator or function: begins_with, operand type: N');
    assert.deepEqual(await filter('begins_with(s, :v)', { ':v': S('s1') }), where((x) => (x.s as { S: string }).S.startsWith('s1')));
    assert.deepEqual(await filter('begins_with(b, :v)', { ':v': B('b2') }), [2, 5]);
    assert.deepEqual(await filter('contains(ns, :v)', { ':v': N('3') }), [3]);
    assert.deepEqual(await filter('contains(l, :v)', { ':v': N('3') }), [3]);
    assert.deepEqual(await filter('contains(ns, :v)', { ':v': { NS: ['3', '100'] } }), []);
    assert.deepEqual(await filter('contains(s, :v)', { ':v': S('x5') }), [5]);
    assert.deepEqual(await filter('contains(ss, :v)', { ':v': S('e2') }), [2]);
    assert.deepEqual(await filter('contains(b, :v)', { ':v': B('2') }), [2, 5]);
    assert.deepEqual(await filter('contains(m, :v)', { ':v': S('k') }), []);
    assert.deepEqual(await filter('contains(bool, :v)', { ':v': { BOOL: true } }), []);
    assert.deepEqual(await filter('attribute_exists(r)'), [0, 1, 2, 4, 5, 6]);
    assert.deepEqual(await filter('attribute_not_exists(r)'), [3, 7]);
    assert.deepEqual(await filter('attribute_type(r, :t)', { ':t': S('S') }), [1, 5]);
    assert.deepEqual(await filter('attribute_type(r, :t)', { ':t': S('L') }), [2, 6]);
    assert.deepEqual(await filter('attribute_type(ns, :t)', { ':t': S('NS') }), [0, 1, 2, 3, 4, 5, 6, 7]);
    await invalid('Query', q({ FilterExpression: 'attribute_type(r, :t)', ExpressionAttributeValues: { ':p': S(p), ':t': S('HELLO') } }), /^Invalid FilterExpression: Invalid attribute type name found; type: HELLO, valid types: /);
    assert.deepEqual(await filter('size(s) < :v', { ':v': N('4') }), []);
    assert.deepEqual(await filter('size(s) BETWEEN :a AND :b', { ':a': N('4'), ':b': N('4') }), [0, 1, 2, 3, 4, 5, 6, 7]);
    assert.deepEqual(await filter('size(s) IN (:a, :b)', { ':a': N('4'), ':b': N('9') }), [0, 1, 2, 3, 4, 5, 6, 7]);
    assert.deepEqual(await filter('size(b) = :v', { ':v': N('2') }), [0, 1, 2, 3, 4, 5, 6, 7]);
    assert.deepEqual(await filter('size(l) = :v', { ':v': N('2') }), [0, 1, 2, 3, 4, 5, 6, 7]);
    assert.deepEqual(await filter('size(m) = :v', { ':v': N('1') }), [0, 1, 2, 3, 4, 5, 6, 7]);
    assert.deepEqual(await filter('size(i) < :v', { ':v': N('3') }), []);
    assert.deepEqual(await filter('size(bool) >= :v', { ':v': N('3') }), []);
    await invalid('Query', q({ FilterExpression: 'dog(i, :v)', ExpressionAttributeValues: { ':p': S(p), ':v': N('3') } }), 'Invalid FilterExpression: Invalid function name; function: dog');
  });

  it('boolean operators and syntax', async () => {
    assert.deepEqual(await filter('i=:a OR i=:b oR i=:c', { ':a': N('0'), ':b': N('1'), ':c': N('2') }), where((x) => Number((x.i as { N: string }).N) <= 2));
    assert.deepEqual(await filter('i=:a aND bool=:b', { ':a': N('0'), ':b': { BOOL: false } }), where((x, n) => (x.i as { N: string }).N === '0' && n % 2 === 1));
    assert.deepEqual(await filter('(((i=:a) AND bool=:b) OR i=:c) or NoT i<:d', { ':a': N('0'), ':b': { BOOL: true }, ':c': N('1'), ':d': N('4') }),
      where((x, n) => { const v = Number((x.i as { N: string }).N); return (v === 0 && n % 2 === 0) || v === 1 || v >= 4; }));
    await invalid('Query', q({ FilterExpression: 'i != :v', ExpressionAttributeValues: { ':p': S(p), ':v': N('3') } }), 'Invalid FilterExpression: Syntax error; token: "!", near: "i !="');
    await invalid('Query', q({ FilterExpression: '' }), 'Invalid FilterExpression: The expression can not be empty;');
    await invalid('Query', q({ FilterExpression: 'i=:i' }), 'Invalid FilterExpression: An expression attribute value used in expression is not defined; attribute value: :i');
    await invalid('Query', q({ FilterExpression: 'i=:p', ExpressionAttributeValues: { ':p': S(p), ':qq': N('3') } }), 'Value provided in ExpressionAttributeValues unused in expressions: keys: {:qq}');
    await invalid('Query', q({ FilterExpression: '#name=:p' }), 'Invalid FilterExpression: An expression attribute name used in the document path is not defined; attribute name: #name');
    await invalid('Query', q({ FilterExpression: '#name=:p', ExpressionAttributeNames: { '#name': 'i', '#another': 'j' } }), 'Value provided in ExpressionAttributeNames unused in expressions: keys: {#another}');
    assert.deepEqual(await filter('#n=:v', { ':v': N('2') }, { ExpressionAttributeNames: { '#n': 'i' } }), where((x) => (x.i as { N: string }).N === '2'));
  });

  it('filter with projection, Select COUNT, sort key condition', async () => {
    const r = await ok('Query', q({ FilterExpression: 'm.k=:v', ProjectionExpression: 'm.k, s', ExpressionAttributeValues: { ':p': S(p), ':v': N('3') } }));
    assert.deepEqual(r.Items, [{ m: M({ k: N('3') }), s: items[3]?.s }]);
    const r2 = await ok('Query', q({ FilterExpression: 'm=:v', ProjectionExpression: 'p', ExpressionAttributeValues: { ':p': S(p), ':v': M({ k: N('3') }) } }));
    assert.deepEqual(r2.Items, [{ p: S(p) }]);
    const c = await ok('Query', q({ FilterExpression: 'm.k=:v', Select: 'COUNT', ExpressionAttributeValues: { ':p': S(p), ':v': N('3') } }));
    assert.deepEqual([c.Count, c.ScannedCount, c.Items], [1, 8, undefined]);
    assert.deepEqual(await filter('i>=:v', { ':v': N('0') }, { KeyConditionExpression: 'p=:p and c<=:c', ExpressionAttributeValues: { ':p': S(p), ':c': N('2'), ':v': N('0') } }), [0, 1, 2]);
    await invalid('Query', q({ FilterExpression: 'i=:p', AttributesToGet: ['y'] }),
      'Can not use both expression and non-expression parameters in the same request: Non-expression parameters: {AttributesToGet} Expression parameters: {FilterExpression, KeyConditionExpression}');
  });

  it('Scan may filter on keys', async () => {
    const r = await ok('Scan', { TableName: TN, FilterExpression: 'p=:p AND c=:c', ExpressionAttributeValues: { ':p': S(p), ':c': N('3') } });
    assert.deepEqual((r.Items as Json[]).map((x) => x.c), [N('3')]);
  });

  it('validation happens even without results', async () => {
    const none = (FilterExpression: string, values: Json = {}): Json => ({ TableName: TN, KeyConditionExpression: 'p=:p', FilterExpression, ExpressionAttributeValues: { ':p': S('nothing'), ...values } });
    await invalid('Query', none('begins_with(s, :n)', { ':n': N('3') }), /^Invalid FilterExpression: .*begins_with/);
    await invalid('Query', none('begins_with(s)'), 'Invalid FilterExpression: Incorrect number of operands for operator or function; operator or function: begins_with, number of operands: 1');
    await invalid('Query', none('dog(s, :v)', { ':v': S('x') }), 'Invalid FilterExpression: Invalid function name; function: dog');
    await invalid('Query', none('list_append(s, :v) = :v', { ':v': S('x') }), 'Invalid FilterExpression: The function is not allowed in a condition expression; function: list_append');
    await invalid('Query', none('if_not_exists(s, :v) = :v', { ':v': S('x') }), 'Invalid FilterExpression: The function is not allowed in a condition expression; function: if_not_exists');
    await invalid('Query', none('attribute_type(s, i)'), /^Invalid FilterExpression: Incorrect operand type for operator or function; operator or function: attribute_type/);
  });
});

describe('nested documents (alternator test_nested.py)', () => {
  it('write, overwrite and dotted legacy names', async () => {
    const p = uniqueName('n');
    const nested = M({ a: N('3'), b: M({ c: S('hello'), d: L(S('hi'), S('there'), M({ x: S('y') }), S('42')) }) });
    await put({ p: S(p), a: nested, d: N('5') });
    assert.deepEqual((await ok('GetItem', { TableName: TS, Key: { p: S(p) }, ConsistentRead: true })).Item, { p: S(p), a: nested, d: N('5') });
    await ok('UpdateItem', { TableName: TS, Key: { p: S(p) }, AttributeUpdates: { a: { Value: M({ c: N('5') }), Action: 'PUT' } } });
    assert.deepEqual((await ok('GetItem', { TableName: TS, Key: { p: S(p) }, ConsistentRead: true })).Item, { p: S(p), a: M({ c: N('5') }), d: N('5') });
    await ok('UpdateItem', { TableName: TS, Key: { p: S(p) }, AttributeUpdates: { a: { Value: S('hi'), Action: 'PUT' } } });
    assert.deepEqual((await ok('GetItem', { TableName: TS, Key: { p: S(p) }, ConsistentRead: true })).Item, { p: S(p), a: S('hi'), d: N('5') });
    const q = uniqueName('n');
    await ok('UpdateItem', { TableName: TS, Key: { p: S(q) }, AttributeUpdates: { 'a.b': { Value: N('3'), Action: 'PUT' } } });
    assert.deepEqual((await ok('GetItem', { TableName: TS, Key: { p: S(q) }, ConsistentRead: true })).Item, { p: S(q), 'a.b': N('3') });
  });
});

describe('QueryFilter / ScanFilter', () => {
  it('filters, combines with ConditionalOperator and validates value types', async () => {
    const p = uniqueName('qf');
    for (let i = 0; i < 4; i++) await put({ p: S(p), c: S(String(i)), x: N(String(i)), s: S(i % 2 ? 'odd' : 'even') }, TR);
    const q = (QueryFilter: Json, extra: Json = {}) => t.raw('Query', { TableName: TR, KeyConditions: { p: { ComparisonOperator: 'EQ', AttributeValueList: [S(p)] } }, QueryFilter, ...extra });
    let r = await q({ x: { ComparisonOperator: 'GE', AttributeValueList: [N('2')] } });
    assert.deepEqual((r.json.Items as Json[]).map((i) => i.c), [S('2'), S('3')]);
    r = await q({ x: { ComparisonOperator: 'EQ', AttributeValueList: [N('0')] }, s: { ComparisonOperator: 'EQ', AttributeValueList: [S('odd')] } }, { ConditionalOperator: 'OR' });
    assert.deepEqual((r.json.Items as Json[]).map((i) => i.c), [S('0'), S('1'), S('3')]);
    r = await q({ s: { ComparisonOperator: 'CONTAINS', AttributeValueList: [S('dd')] } });
    assert.deepEqual((r.json.Items as Json[]).map((i) => i.c), [S('1'), S('3')]);
    for (const bad of [{ SS: ['a'] }, { NS: ['1'] }, { M: {} }, { L: [] }]) {
      for (const op of ['CONTAINS', 'NOT_CONTAINS']) {
        await invalid('Query', { TableName: TR, KeyConditions: { p: { ComparisonOperator: 'EQ', AttributeValueList: [S(p)] } }, QueryFilter: { s: { ComparisonOperator: op, AttributeValueList: [bad] } } },
          `One or more parameter values were invalid: ComparisonOperator ${op} is not valid for ${Object.keys(bad)[0]} AttributeValue type`);
      }
    }
    const s = await ok('Scan', { TableName: TR, ScanFilter: { p: { ComparisonOperator: 'EQ', AttributeValueList: [S(p)] }, x: { ComparisonOperator: 'BETWEEN', AttributeValueList: [N('1'), N('2')] } } });
    assert.equal((s.Items as Json[]).length, 2);
    await invalid('Scan', { TableName: TR, ConditionalOperator: 'OR' }, 'ConditionalOperator cannot be used without Filter or Expected');
  });
});
