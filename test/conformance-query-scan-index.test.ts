/**
 * Query, Scan and secondary-index behaviour as ScyllaDB alternator's tests record it against
 * DynamoDB (test/alternator/test_query.py, test_scan.py, test_gsi.py, test_lsi.py,
 * test_key_condition_expression.py, test_batch.py): sort orders, paging, Select, projections,
 * sparse indexes, index key moves, parallel scan, error texts.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestEddy, uniqueName, type TestEddy } from './helpers/eddy.js';

let t: TestEddy;
type Json = Record<string, unknown>;
type AV = Record<string, unknown>;
const S = (s: string): AV => ({ S: s });
const N = (n: string): AV => ({ N: n });
const EQ = (v: AV) => ({ ComparisonOperator: 'EQ', AttributeValueList: [v] });
const K = (n: string, type: 'HASH' | 'RANGE') => ({ AttributeName: n, KeyType: type });
const A = (n: string, type = 'S') => ({ AttributeName: n, AttributeType: type });

async function ok(op: string, body: Json): Promise<Json> {
  const r = await t.raw(op, body);
  assert.equal(r.status, 200, `${op}: ${JSON.stringify(r.json)}`);
  return r.json as Json;
}
async function fails(op: string, body: Json, type: string, message: string | RegExp): Promise<void> {
  const r = await t.raw(op, body);
  assert.equal(r.status, 400, `${op} should fail: ${JSON.stringify(r.json)}`);
  assert.equal(String(r.json?.__type).split('#')[1], type, JSON.stringify(r.json));
  if (typeof message === 'string') assert.equal(r.json?.message, message);
  else assert.match(String(r.json?.message), message);
}
async function table(spec: Json): Promise<string> {
  const name = uniqueName('qsi');
  await ok('CreateTable', { TableName: name, BillingMode: 'PAY_PER_REQUEST', ...spec });
  return name;
}
async function put(name: string, items: Json[]): Promise<void> {
  for (let i = 0; i < items.length; i += 25) {
    await ok('BatchWriteItem', { RequestItems: { [name]: items.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } })) } });
  }
}
/** All pages of a Query/Scan; returns items and the page count. */
async function all(op: 'Query' | 'Scan', body: Json): Promise<{ items: Json[]; pages: number; counts: number }> {
  const items: Json[] = [];
  let pages = 0;
  let counts = 0;
  let esk: unknown;
  do {
    const r = await ok(op, esk === undefined ? body : { ...body, ExclusiveStartKey: esk });
    items.push(...((r.Items as Json[] | undefined) ?? []));
    counts += r.Count as number;
    esk = r.LastEvaluatedKey;
    pages++;
    assert.ok(pages < 10000);
  } while (esk !== undefined);
  return { items, pages, counts };
}
const sortKeyOf = (items: Json[], name = 'c') => items.map((i) => Object.values(i[name] as AV)[0]);
const SELECT_ENUM = "1 validation error detected: Value 'UNKNOWN' at 'select' failed to satisfy constraint: Member must satisfy enum value set: [SPECIFIC_ATTRIBUTES, COUNT, ALL_ATTRIBUTES, ALL_PROJECTED_ATTRIBUTES]";
const canon = (items: Json[]) => items.map((i) => JSON.stringify(Object.keys(i).sort().map((k) => [k, i[k]]))).sort();

let ss: string; // p S, c S
let sn: string; // p S, c N
let sb: string; // p S, c B
before(async () => {
  t = await startTestEddy();
  ss = await table({ AttributeDefinitions: [A('p'), A('c')], KeySchema: [K('p', 'HASH'), K('c', 'RANGE')] });
  sn = await table({ AttributeDefinitions: [A('p'), A('c', 'N')], KeySchema: [K('p', 'HASH'), K('c', 'RANGE')] });
  sb = await table({ AttributeDefinitions: [A('p'), A('c', 'B')], KeySchema: [K('p', 'HASH'), K('c', 'RANGE')] });
});
after(async () => t.stop());

describe('sort orders of sort keys', () => {
  it('strings sort by UTF-8 bytes, including non-ASCII and astral characters', async () => {
    const keys = ['100', '2', 'a', 'B', 'ÿÿÿ', 'cÿbÿ', 'cÿbÿÿabg', '\u00e9', '\u4e2d', '\uffff', '\u{1F600}', 'z', ''];
    const nonEmpty = keys.filter((k) => k !== '');
    await put(ss, nonEmpty.map((c) => ({ p: S('sort-s'), c: S(c) })));
    const { items } = await all('Query', { TableName: ss, KeyConditions: { p: EQ(S('sort-s')) } });
    const expected = [...nonEmpty].sort((x, y) => Buffer.compare(Buffer.from(x), Buffer.from(y)));
    assert.deepEqual(sortKeyOf(items), expected);
    // U+FFFF (EF BF BF) sorts before U+1F600 (F0 9F 98 80) although UTF-16 says otherwise.
    assert.ok(expected.indexOf('\uffff') < expected.indexOf('\u{1F600}'));
    const rev = await all('Query', { TableName: ss, KeyConditions: { p: EQ(S('sort-s')) }, ScanIndexForward: false });
    assert.deepEqual(sortKeyOf(rev.items), [...expected].reverse());
    const bw = await all('Query', { TableName: ss, KeyConditions: { p: EQ(S('sort-s')), c: { ComparisonOperator: 'BEGINS_WITH', AttributeValueList: [S('cÿbÿ')] } } });
    assert.deepEqual(sortKeyOf(bw.items), ['cÿbÿ', 'cÿbÿÿabg']);
    const gt = await all('Query', {
      TableName: ss, KeyConditionExpression: 'p = :p AND c > :c', ExpressionAttributeValues: { ':p': S('sort-s'), ':c': S('\uffff') },
    });
    assert.deepEqual(sortKeyOf(gt.items), ['\u{1F600}']);
  });
  it('128 numeric strings come back in string order', async () => {
    const keys = Array.from({ length: 128 }, (_, i) => String(i));
    await put(ss, keys.map((c) => ({ p: S('s128'), c: S(c) })));
    const { items } = await all('Query', { TableName: ss, KeyConditions: { p: EQ(S('s128')) } });
    assert.deepEqual(sortKeyOf(items), [...keys].sort());
  });
  it('numbers sort numerically, negative and fractional ones included, keeping their text', async () => {
    const numbers = ['-2E+10', '-710', '-4.1', '-0.1', '-0.00001', '0', '0.00002', '0.15', '1', '1.00000000000000000000000001', '3.14159',
      '3.1415926535897932384626433832795028841', '31.4', '14000000000'];
    const shuffled = [...numbers].reverse();
    await put(sn, shuffled.map((c) => ({ p: S('sort-n'), c: N(c) })));
    const { items } = await all('Query', { TableName: sn, KeyConditions: { p: EQ(S('sort-n')) } });
    assert.deepEqual(sortKeyOf(items), ['-20000000000', '-710', '-4.1', '-0.1', '-0.00001', '0', '0.00002', '0.15', '1', '1.00000000000000000000000001', '3.14159',
      '3.1415926535897932384626433832795028841', '31.4', '14000000000']);
    const lt = await all('Query', {
      TableName: sn, KeyConditionExpression: 'p = :p AND c BETWEEN :a AND :b', ExpressionAttributeValues: { ':p': S('sort-n'), ':a': N('-5'), ':b': N('0') },
    });
    assert.deepEqual(sortKeyOf(lt.items), ['-4.1', '-0.1', '-0.00001', '0']);
  });
  it('binary sorts as unsigned bytes', async () => {
    const vals = [[0x00], [0x01, 0x02], [0x7f], [0x80], [0xff], [0xff, 0x00], [0x00, 0xff]].map((b) => Buffer.from(b));
    await put(sb, vals.map((b) => ({ p: S('sort-b'), c: { B: b.toString('base64') } })));
    const { items } = await all('Query', { TableName: sb, KeyConditions: { p: EQ(S('sort-b')) } });
    const expected = [...vals].sort(Buffer.compare).map((b) => b.toString('base64'));
    assert.deepEqual(sortKeyOf(items), expected);
    const bw = await all('Query', {
      TableName: sb, KeyConditionExpression: 'p = :p AND begins_with(c, :b)', ExpressionAttributeValues: { ':p': S('sort-b'), ':b': { B: Buffer.from([0xff]).toString('base64') } },
    });
    assert.deepEqual(sortKeyOf(bw.items), [Buffer.from([0xff]).toString('base64'), Buffer.from([0xff, 0]).toString('base64')]);
  });
});

describe('Limit, paging, ScanIndexForward', () => {
  before(async () => put(sn, Array.from({ length: 20 }, (_, i) => ({ p: S('page'), c: N(String(i)), x: N(String(i)) }))));
  const nums = Array.from({ length: 20 }, (_, i) => String(i));
  it('Limit returns the first Limit items in order', async () => {
    for (const limit of [1, 2, 3, 7, 10, 17, 100, 10000]) {
      const r = await ok('Query', { TableName: sn, KeyConditions: { p: EQ(S('page')) }, Limit: limit });
      assert.deepEqual(sortKeyOf(r.Items as Json[]), nums.slice(0, limit));
      const rev = await ok('Query', { TableName: sn, KeyConditions: { p: EQ(S('page')) }, Limit: limit, ScanIndexForward: false });
      assert.deepEqual(sortKeyOf(rev.Items as Json[]), [...nums].reverse().slice(0, limit));
    }
  });
  it('paging forward and backward visits every item once', async () => {
    for (const limit of [1, 2, 3, 7, 10, 17, 100]) {
      const f = await all('Query', { TableName: sn, KeyConditions: { p: EQ(S('page')) }, Limit: limit });
      assert.deepEqual(sortKeyOf(f.items), nums);
      const b = await all('Query', { TableName: sn, KeyConditions: { p: EQ(S('page')) }, Limit: limit, ScanIndexForward: false });
      assert.deepEqual(sortKeyOf(b.items), [...nums].reverse());
    }
  });
  it('a page that reaches Limit exactly has a LastEvaluatedKey, the next page is empty', async () => {
    const r = await ok('Query', { TableName: sn, KeyConditions: { p: EQ(S('page')) }, Limit: 20 });
    assert.deepEqual(r.LastEvaluatedKey, { p: S('page'), c: N('19') });
    const next = await ok('Query', { TableName: sn, KeyConditions: { p: EQ(S('page')) }, Limit: 20, ExclusiveStartKey: r.LastEvaluatedKey });
    assert.deepEqual(next.Items, []);
    assert.equal(next.Count, 0);
    assert.equal(next.LastEvaluatedKey, undefined);
    const more = await ok('Query', { TableName: sn, KeyConditions: { p: EQ(S('page')) }, Limit: 21 });
    assert.equal(more.LastEvaluatedKey, undefined);
  });
  it('Limit counts items read before the filter: empty pages with LastEvaluatedKey', async () => {
    const r = await ok('Query', {
      TableName: sn, KeyConditionExpression: 'p = :p', FilterExpression: 'x > :big', ExpressionAttributeValues: { ':p': S('page'), ':big': N('100') }, Limit: 5,
    });
    assert.deepEqual(r.Items, []);
    assert.equal(r.Count, 0);
    assert.equal(r.ScannedCount, 5);
    assert.deepEqual(r.LastEvaluatedKey, { p: S('page'), c: N('4') });
    const f = await all('Query', {
      TableName: sn, KeyConditionExpression: 'p = :p', FilterExpression: 'x >= :v', ExpressionAttributeValues: { ':p': S('page'), ':v': N('18') }, Limit: 3,
    });
    assert.deepEqual(sortKeyOf(f.items), ['18', '19']);
    assert.equal(f.pages, 7);
  });
  it('Select COUNT counts without Items; ScannedCount vs Count', async () => {
    const r = await ok('Query', { TableName: sn, KeyConditions: { p: EQ(S('page')) }, Select: 'COUNT' });
    assert.equal(r.Count, 20);
    assert.equal(r.ScannedCount, 20);
    assert.equal(r.Items, undefined);
    const plain = await ok('Query', { TableName: sn, KeyConditions: { p: EQ(S('page')) } });
    assert.equal(plain.Count, 20);
    assert.equal((plain.Items as Json[]).length, 20);
  });
  it('Select values and their errors on a base table', async () => {
    const kc = { TableName: sn, KeyConditions: { p: EQ(S('page')) } };
    const all1 = await ok('Query', { ...kc, Select: 'ALL_ATTRIBUTES', Limit: 1 });
    assert.deepEqual(all1.Items, [{ p: S('page'), c: N('0'), x: N('0') }]);
    await fails('Query', { ...kc, Select: 'ALL_PROJECTED_ATTRIBUTES' }, 'ValidationException', /ALL_PROJECTED_ATTRIBUTES/);
    await fails('Query', { ...kc, Select: 'SPECIFIC_ATTRIBUTES' }, 'ValidationException', /SPECIFIC_ATTRIBUTES/);
    const spec = await ok('Query', { ...kc, Select: 'SPECIFIC_ATTRIBUTES', AttributesToGet: ['x'], Limit: 2 });
    assert.deepEqual(spec.Items, [{ x: N('0') }, { x: N('1') }]);
    const pe = await ok('Query', { ...kc, Select: 'SPECIFIC_ATTRIBUTES', ProjectionExpression: 'x', Limit: 2 });
    assert.deepEqual(pe.Items, [{ x: N('0') }, { x: N('1') }]);
    await fails('Query', { ...kc, Select: 'UNKNOWN' }, 'ValidationException', SELECT_ENUM);
    await fails('Scan', { TableName: sn, Select: 'ALL_PROJECTED_ATTRIBUTES' }, 'ValidationException', /ALL_PROJECTED_ATTRIBUTES/);
    await fails('Scan', { TableName: sn, Select: 'SPECIFIC_ATTRIBUTES' }, 'ValidationException', /SPECIFIC_ATTRIBUTES/);
    await fails('Scan', { TableName: sn, Select: 'UNKNOWN' }, 'ValidationException', SELECT_ENUM);
  });
  it('AttributesToGet: items without any wanted attribute come back empty', async () => {
    const r = await ok('Query', { TableName: sn, KeyConditions: { p: EQ(S('page')) }, AttributesToGet: ['nonexistent'], Limit: 3 });
    assert.deepEqual(r.Items, [{}, {}, {}]);
    const s = await ok('Scan', { TableName: sn, AttributesToGet: ['nonexistent'], Limit: 2 });
    assert.deepEqual(s.Items, [{}, {}]);
  });
  it('Limit 0 is rejected', async () => {
    // Query echoes no value and writes 'Limit' (live DynamoDB 2026, conformance suite); Scan does not.
    await fails('Query', { TableName: sn, KeyConditions: { p: EQ(S('page')) }, Limit: 0 }, 'ValidationException',
      "1 validation error detected: Value at 'Limit' failed to satisfy constraint: Member must have value greater than or equal to 1");
    await fails('Scan', { TableName: sn, Limit: 0 }, 'ValidationException',
      "1 validation error detected: Value '0' at 'limit' failed to satisfy constraint: Member must have value greater than or equal to 1");
  });
});

describe('which keys a Query may use', () => {
  it('hash key alone, hash and range, but not range alone or non-keys', async () => {
    await put(ss, [{ p: S('wk'), c: S('1') }, { p: S('wk'), c: S('2') }, { p: S('wk2'), c: S('1') }]);
    assert.equal((await ok('Query', { TableName: ss, KeyConditions: { p: EQ(S('wk')) } })).Count, 2);
    assert.equal((await ok('Query', { TableName: ss, KeyConditions: { p: EQ(S('wk')), c: EQ(S('1')) } })).Count, 1);
    await fails('Query', { TableName: ss, KeyConditions: { c: EQ(S('1')) } }, 'ValidationException', 'Query condition missed key schema element: p');
    await fails('Query', { TableName: ss, KeyConditions: { z: EQ(S('1')) } }, 'ValidationException', 'Query condition missed key schema element: p');
    await fails('Query', { TableName: ss, KeyConditions: { p: EQ(S('wk')), z: EQ(S('1')) } }, 'ValidationException', 'Query condition missed key schema element: c');
    await fails('Query', { TableName: ss, KeyConditions: { p: EQ(S('wk')), c: EQ(S('1')), z: EQ(S('1')) } }, 'ValidationException', 'Conditions can be of length 1 or 2 only');
    await fails('Query', { TableName: ss, KeyConditions: {} }, 'ValidationException', 'Conditions can be of length 1 or 2 only');
    await fails('Query', { TableName: ss }, 'ValidationException', 'Either the KeyConditions or KeyConditionExpression parameter must be specified in the request.');
  });
  it('BEGINS_WITH on a number sort key', async () => {
    await fails('Query', { TableName: sn, KeyConditions: { p: EQ(S('x')), c: { ComparisonOperator: 'BEGINS_WITH', AttributeValueList: [N('17')] } } },
      'ValidationException', 'One or more parameter values were invalid: ComparisonOperator BEGINS_WITH is not valid for N AttributeValue type');
  });
  it('QueryFilter may not name key attributes', async () => {
    await fails('Query', { TableName: ss, KeyConditions: { p: EQ(S('wk')) }, QueryFilter: { c: EQ(S('5')) } }, 'ValidationException',
      'QueryFilter can only contain non-primary key attributes: Primary key attribute: c');
    await fails('Query', { TableName: ss, KeyConditions: { p: EQ(S('wk')) }, QueryFilter: { attribute: EQ(S('x')), p: EQ(S('5')) } }, 'ValidationException',
      /QueryFilter can only contain non-primary key attributes: Primary key attribute: p/);
  });
  it('KeyConditionExpression errors', async () => {
    const q = (expr: string, values: Json = { ':p': S('wk') }, names?: Json) => ({
      TableName: ss, KeyConditionExpression: expr, ExpressionAttributeValues: values, ...(names ? { ExpressionAttributeNames: names } : {}),
    });
    await fails('Query', q('c = :p'), 'ValidationException', 'Query condition missed key schema element: p');
    await fails('Query', q('p = :p OR c = :p'), 'ValidationException', /Invalid operator used in KeyConditionExpression: OR/);
    await fails('Query', q('p = :p AND c <> :p'), 'ValidationException', /Invalid operator used in KeyConditionExpression: <>/);
    await fails('Query', q('p < :p'), 'ValidationException', /Query key condition not supported/);
    await fails('Query', q('p = :p AND p = :p'), 'ValidationException', /KeyConditionExpressions must only contain one condition per key/);
    await fails('Query', q('p = :p AND z = :p'), 'ValidationException', 'Query condition missed key schema element: c');
    await fails('Query', q('p = :q'), 'ValidationException', /An expression attribute value used in expression is not defined; attribute value: :q/);
    await fails('Query', q('p = :p', { ':p': S('wk'), ':x': S('1') }), 'ValidationException', /Value provided in ExpressionAttributeValues unused in expressions: keys: \{:x\}/);
    await fails('Query', q('p = :p AND c BETWEEN :b AND :a', { ':p': S('wk'), ':a': S('a'), ':b': S('b') }), 'ValidationException',
      /Invalid KeyConditionExpression: The BETWEEN operator requires upper bound to be greater than or equal to lower bound; lower bound operand: AttributeValue: \{S:b\}, upper bound operand: AttributeValue: \{S:a\}/);
    await fails('Query', q('p = :p AND c = :n', { ':p': S('wk'), ':n': N('1') }), 'ValidationException', 'One or more parameter values were invalid: Condition parameter type does not match schema type');
    await fails('Query', q('p = :p AND begins_with(c, :n)', { ':p': S('wk'), ':n': N('1') }), 'ValidationException', /begins_with/);
    await fails('Query', q('p = :p AND contains(c, :p)'), 'ValidationException', /Invalid operator used in KeyConditionExpression: contains/);
    const both = await ok('Query', q('#p = :p AND (#c BETWEEN :a AND :b)', { ':p': S('wk'), ':a': S('1'), ':b': S('1') }, { '#p': 'p', '#c': 'c' }));
    assert.equal(both.Count, 1);
  });
});

describe('Scan', () => {
  let st: string;
  before(async () => {
    st = await table({ AttributeDefinitions: [A('p'), A('c')], KeySchema: [K('p', 'HASH'), K('c', 'RANGE')] });
    const items: Json[] = [];
    for (let i = 0; i < 60; i++) items.push({ p: S(String(i % 13)), c: S(String(i)), a: S('x'.repeat(i % 5)) });
    for (let i = 0; i < 30; i++) items.push({ p: S('long'), c: S(String(i)) });
    await put(st, items);
  });
  it('full scan with any Limit returns every item once; sort order inside a partition', async () => {
    for (const limit of [undefined, 1, 2, 4, 33, 100, 9007]) {
      const { items } = await all('Scan', { TableName: st, ...(limit ? { Limit: limit } : {}) });
      assert.equal(items.length, 90);
      assert.equal(new Set(canon(items)).size, 90);
      const longs = items.filter((i) => (i.p as AV).S === 'long').map((i) => (i.c as AV).S as string);
      assert.deepEqual(longs, [...longs].sort());
    }
  });
  it('parallel scan segments are disjoint and cover the table', async () => {
    const whole = canon((await all('Scan', { TableName: st })).items);
    for (const total of [1, 2, 17]) {
      const got: Json[] = [];
      for (let s = 0; s < total; s++) got.push(...(await all('Scan', { TableName: st, TotalSegments: total, Segment: s, Limit: 7 })).items);
      assert.deepEqual(canon(got), whole);
    }
  });
  it('parallel scan parameter errors', async () => {
    await fails('Scan', { TableName: st, TotalSegments: 1000001, Segment: 0 }, 'ValidationException',
      "1 validation error detected: Value '1000001' at 'totalSegments' failed to satisfy constraint: Member must have value less than or equal to 1000000");
    for (const segment of [5, 7, 9]) {
      await fails('Scan', { TableName: st, TotalSegments: 5, Segment: segment }, 'ValidationException',
        `The Segment parameter is zero-based and must be less than parameter TotalSegments: Segment: ${segment} is not less than TotalSegments: 5`);
    }
  });
  it('nonexistent table', async () => {
    await fails('Scan', { TableName: 'i_do_not_exist' }, 'ResourceNotFoundException', 'Requested resource not found');
    await fails('Query', { TableName: 'i_do_not_exist', KeyConditions: { p: EQ(S('a')) } }, 'ResourceNotFoundException', 'Requested resource not found');
  });
  it('ScanFilter on keys and attributes', async () => {
    const r = await all('Scan', { TableName: st, ScanFilter: { p: EQ(S('7')), a: EQ(S('xx')) } });
    assert.deepEqual(r.items.map((i) => (i.c as AV).S).sort(), ['7']);
    const c = await all('Scan', { TableName: st, ScanFilter: { c: EQ(S('9')) } });
    assert.equal(c.items.length, 2);
  });
});

describe('global secondary indexes', () => {
  let g1: string; // p,c ; GSI hello c,p ALL
  let g2: string; // p ; GSI hello x ALL
  let g3: string; // p ; GSI hello a,b ALL
  before(async () => {
    g1 = await table({
      AttributeDefinitions: [A('p'), A('c')], KeySchema: [K('p', 'HASH'), K('c', 'RANGE')],
      GlobalSecondaryIndexes: [{ IndexName: 'hello', KeySchema: [K('c', 'HASH'), K('p', 'RANGE')], Projection: { ProjectionType: 'ALL' } }],
    });
    g2 = await table({
      AttributeDefinitions: [A('p'), A('x')], KeySchema: [K('p', 'HASH')],
      GlobalSecondaryIndexes: [{ IndexName: 'hello', KeySchema: [K('x', 'HASH')], Projection: { ProjectionType: 'ALL' } }],
    });
    g3 = await table({
      AttributeDefinitions: [A('p'), A('a'), A('b')], KeySchema: [K('p', 'HASH')],
      GlobalSecondaryIndexes: [{ IndexName: 'hello', KeySchema: [K('a', 'HASH'), K('b', 'RANGE')], Projection: { ProjectionType: 'ALL' } }],
    });
  });
  it('query by the index key; the base table refuses it', async () => {
    const items = Array.from({ length: 10 }, (_, i) => ({ p: S(`p${i}`), c: S(i < 5 ? 'same' : `c${i}`), x: S(`x${i}`) }));
    await put(g1, items);
    await fails('Query', { TableName: g1, KeyConditions: { c: EQ(S('same')) } }, 'ValidationException', 'Query condition missed key schema element: p');
    const r = await all('Query', { TableName: g1, IndexName: 'hello', KeyConditions: { c: EQ(S('same')) } });
    assert.deepEqual(sortKeyOf(r.items, 'p'), ['p0', 'p1', 'p2', 'p3', 'p4']);
    assert.deepEqual(canon((await all('Scan', { TableName: g1, IndexName: 'hello' })).items), canon((await all('Scan', { TableName: g1 })).items));
    const page = await ok('Query', { TableName: g1, IndexName: 'hello', KeyConditions: { c: EQ(S('same')) }, Limit: 2 });
    assert.deepEqual(page.LastEvaluatedKey, { c: S('same'), p: S('p1') });
    const spage = await ok('Scan', { TableName: g2, IndexName: 'hello', Limit: 1 });
    assert.equal(spage.LastEvaluatedKey, undefined); // empty index so far
  });
  it('a missing index is a ValidationException naming it; a missing table is ResourceNotFound', async () => {
    await fails('Query', { TableName: g1, IndexName: 'wrong_name', KeyConditions: { x: EQ(N('1')) } }, 'ValidationException',
      'The table does not have the specified index: wrong_name');
    await fails('Scan', { TableName: g1, IndexName: 'wrong_name' }, 'ValidationException', 'The table does not have the specified index: wrong_name');
    await fails('Query', { TableName: 'nonexistent_table', IndexName: 'any_name', KeyConditions: { x: EQ(N('1')) } }, 'ResourceNotFoundException', 'Requested resource not found');
    await fails('Scan', { TableName: 'nonexistent_table', IndexName: 'any_name' }, 'ResourceNotFoundException', 'Requested resource not found');
  });
  it('strongly consistent reads are refused on a GSI', async () => {
    await fails('Query', { TableName: g1, IndexName: 'hello', KeyConditions: { c: EQ(S('hi')) }, ConsistentRead: true }, 'ValidationException',
      'Consistent reads are not supported on global secondary indexes');
    await fails('Scan', { TableName: g1, IndexName: 'hello', ConsistentRead: true }, 'ValidationException',
      'Consistent reads are not supported on global secondary indexes');
    await ok('Scan', { TableName: g1, IndexName: 'hello', ConsistentRead: false });
  });
  it('empty string and wrong type in an index key are refused, for Put, Update and a whole batch', async () => {
    await fails('PutItem', { TableName: g2, Item: { p: S('e1'), x: S('') } }, 'ValidationException',
      'One or more parameter values are not valid. A value specified for a secondary index key is not supported. The AttributeValue for a key attribute cannot contain an empty string value. IndexName: hello, IndexKey: x');
    await fails('PutItem', { TableName: g2, Item: { p: S('w1'), x: N('3') } }, 'ValidationException',
      'One or more parameter values were invalid: Type mismatch for Index Key x Expected: S Actual: N IndexName: hello');
    assert.equal((await ok('GetItem', { TableName: g2, Key: { p: S('w1') } })).Item, undefined);
    await ok('PutItem', { TableName: g2, Item: { p: S('w2'), x: S('orig') } });
    await fails('UpdateItem', { TableName: g2, Key: { p: S('w2') }, AttributeUpdates: { x: { Value: N('3'), Action: 'PUT' } } }, 'ValidationException', /mismatch/);
    await fails('UpdateItem', { TableName: g2, Key: { p: S('w2') }, UpdateExpression: 'SET x = :v', ExpressionAttributeValues: { ':v': { M: { a: N('3') } } } },
      'ValidationException', /mismatch/);
    await fails('UpdateItem', { TableName: g2, Key: { p: S('w2') }, UpdateExpression: 'SET x.y = :v', ExpressionAttributeValues: { ':v': N('3') } },
      'ValidationException', "Key attributes must be scalars; list random access '[]' and map lookup '.' are not allowed: IndexKey: x");
    assert.deepEqual((await ok('GetItem', { TableName: g2, Key: { p: S('w2') } })).Item, { p: S('w2'), x: S('orig') });
    await fails('BatchWriteItem', { RequestItems: { [g2]: [{ PutRequest: { Item: { p: S('b1'), x: S('1') } } }, { PutRequest: { Item: { p: S('b2'), x: N('3') } } }, { PutRequest: { Item: { p: S('b3'), x: S('3') } } }] } },
      'ValidationException', /mismatch/);
    for (const p of ['b1', 'b2', 'b3']) assert.equal((await ok('GetItem', { TableName: g2, Key: { p: S(p) } })).Item, undefined);
    await ok('DeleteItem', { TableName: g2, Key: { p: S('w2') } });
  });
  it('index key values have the table key size limits', async () => {
    await ok('PutItem', { TableName: g3, Item: { p: S('big1'), a: S('a'.repeat(2048)), b: S('b'.repeat(1024)) } });
    await fails('PutItem', { TableName: g3, Item: { p: S('big2'), a: S('a'.repeat(2049)) } }, 'ValidationException',
      'One or more parameter values were invalid: Size of hashkey has exceeded the maximum size limit of2048 bytes');
    await fails('UpdateItem', { TableName: g3, Key: { p: S('big1') }, UpdateExpression: 'SET a = :a', ExpressionAttributeValues: { ':a': S('\u00e9'.repeat(1025)) } }, 'ValidationException',
      'One or more parameter values were invalid: Size of hashkey has exceeded the maximum size limit of2048 bytes');
    await fails('PutItem', { TableName: g3, Item: { p: S('big2'), b: S('b'.repeat(1025)) } }, 'ValidationException',
      'One or more parameter values were invalid: Aggregated size of all range keys has exceeded the size limit of 1024 bytes');
    assert.equal((await ok('GetItem', { TableName: g3, Key: { p: S('big2') } })).Item, undefined);
    await ok('DeleteItem', { TableName: g3, Key: { p: S('big1') } });
  });
  it('sparse index: items missing an index key attribute are not in it', async () => {
    await put(g3, [{ p: S('s1'), b: S('b') }, { p: S('s2'), a: S('a') }, { p: S('s3') }, { p: S('s4'), a: S('a'), b: S('b'), d: S('d') }]);
    const r = await all('Scan', { TableName: g3, IndexName: 'hello' });
    assert.deepEqual(r.items, [{ p: S('s4'), a: S('a'), b: S('b'), d: S('d') }]);
    assert.equal((await all('Scan', { TableName: g3 })).items.length, 4);
  });
  it('updates move items between index keys, in and out of the index', async () => {
    await ok('PutItem', { TableName: g3, Item: { p: S('m1'), a: S('A1'), b: S('B1') } });
    await ok('UpdateItem', { TableName: g3, Key: { p: S('m1') }, AttributeUpdates: { b: { Value: S('updated'), Action: 'PUT' } } });
    const q = (a: string) => all('Query', { TableName: g3, IndexName: 'hello', KeyConditionExpression: 'a = :a', ExpressionAttributeValues: { ':a': S(a) } });
    assert.deepEqual((await q('A1')).items, [{ p: S('m1'), a: S('A1'), b: S('updated') }]);
    await ok('UpdateItem', { TableName: g3, Key: { p: S('m1') }, UpdateExpression: 'SET a = :a', ExpressionAttributeValues: { ':a': S('A2') } });
    assert.deepEqual((await q('A1')).items, []);
    assert.deepEqual((await q('A2')).items, [{ p: S('m1'), a: S('A2'), b: S('updated') }]);
    await ok('UpdateItem', { TableName: g3, Key: { p: S('m1') }, UpdateExpression: 'REMOVE b' });
    assert.deepEqual((await q('A2')).items, []);
    await ok('UpdateItem', { TableName: g3, Key: { p: S('m1') }, UpdateExpression: 'SET b = :b, z = :z', ExpressionAttributeValues: { ':b': S('B'), ':z': N('1') } });
    assert.deepEqual((await q('A2')).items, [{ p: S('m1'), a: S('A2'), b: S('B'), z: N('1') }]);
    await ok('DeleteItem', { TableName: g3, Key: { p: S('m1') } });
    assert.deepEqual((await q('A2')).items, []);
  });
  it('KEYS_ONLY and INCLUDE projections: index key, table key and the included attributes', async () => {
    const name = await table({
      AttributeDefinitions: [A('p'), A('x')], KeySchema: [K('p', 'HASH')],
      GlobalSecondaryIndexes: [
        { IndexName: 'keys', KeySchema: [K('x', 'HASH')], Projection: { ProjectionType: 'KEYS_ONLY' } },
        { IndexName: 'incl', KeySchema: [K('x', 'HASH')], Projection: { ProjectionType: 'INCLUDE', NonKeyAttributes: ['a', 'b'] } },
      ],
    });
    const items = [{ p: S('1'), x: S('x1'), a: S('a'), b: S('b'), y: S('y') }, { p: S('2'), x: S('x2'), y: S('y') }];
    await put(name, items);
    assert.deepEqual(canon((await all('Scan', { TableName: name, IndexName: 'keys' })).items), canon([{ p: S('1'), x: S('x1') }, { p: S('2'), x: S('x2') }]));
    assert.deepEqual(canon((await all('Scan', { TableName: name, IndexName: 'incl' })).items), canon([{ p: S('1'), x: S('x1'), a: S('a'), b: S('b') }, { p: S('2'), x: S('x2') }]));
    const proj = await all('Scan', { TableName: name, IndexName: 'incl', Select: 'ALL_PROJECTED_ATTRIBUTES' });
    assert.equal(proj.items.length, 2);
    await fails('Query', { TableName: name, IndexName: 'keys', KeyConditions: { x: EQ(S('x1')) }, Select: 'ALL_ATTRIBUTES' }, 'ValidationException',
      'One or more parameter values were invalid: Select type ALL_ATTRIBUTES is not supported for global secondary index keys because its projection type is not ALL');
    await fails('Query', { TableName: name, IndexName: 'keys', KeyConditions: { x: EQ(S('x1')) }, AttributesToGet: ['y'] }, 'ValidationException',
      'One or more parameter values were invalid: Global secondary index keys does not project [y]');
    await fails('Query', { TableName: name, IndexName: 'incl', KeyConditionExpression: 'x = :x', ProjectionExpression: 'a, y', ExpressionAttributeValues: { ':x': S('x1') } }, 'ValidationException',
      'One or more parameter values were invalid: Global secondary index incl does not project [y]');
    const c = await ok('Query', { TableName: name, IndexName: 'keys', KeyConditions: { x: EQ(S('x1')) }, Select: 'COUNT' });
    assert.equal(c.Count, 1);
  });
  it('numeric GSI range key keeps numeric order and pages with the table key in LastEvaluatedKey', async () => {
    const name = await table({
      AttributeDefinitions: [A('p'), A('g'), A('r', 'N')], KeySchema: [K('p', 'HASH')],
      GlobalSecondaryIndexes: [{ IndexName: 'gix', KeySchema: [K('g', 'HASH'), K('r', 'RANGE')], Projection: { ProjectionType: 'KEYS_ONLY' } }],
    });
    const rs = ['-5', '-0.5', '0', '3', '10', '10'];
    await put(name, rs.map((r, i) => ({ p: S(`k${i}`), g: S('G'), r: N(r) })));
    const q = { TableName: name, IndexName: 'gix', KeyConditionExpression: 'g = :g', ExpressionAttributeValues: { ':g': S('G') } };
    const f = await all('Query', { ...q, Limit: 1 });
    assert.deepEqual(sortKeyOf(f.items, 'r'), rs);
    const b = await all('Query', { ...q, Limit: 2, ScanIndexForward: false });
    assert.deepEqual(sortKeyOf(b.items, 'r'), [...rs].reverse());
    const first = await ok('Query', { ...q, Limit: 1 });
    assert.deepEqual(first.LastEvaluatedKey, { p: S('k0'), g: S('G'), r: N('-5') });
  });
});

describe('local secondary indexes', () => {
  let l: string;
  before(async () => {
    l = await table({
      AttributeDefinitions: [A('p'), A('c'), A('b')], KeySchema: [K('p', 'HASH'), K('c', 'RANGE')],
      LocalSecondaryIndexes: [
        { IndexName: 'hello', KeySchema: [K('p', 'HASH'), K('b', 'RANGE')], Projection: { ProjectionType: 'KEYS_ONLY' } },
        { IndexName: 'full', KeySchema: [K('p', 'HASH'), K('b', 'RANGE')], Projection: { ProjectionType: 'ALL' } },
      ],
    });
    await put(l, [
      { p: S('p1'), c: S('c1'), b: S('b2'), d: S('d1') },
      { p: S('p1'), c: S('c2'), b: S('b1'), d: S('d2') },
      { p: S('p1'), c: S('c3'), d: S('d3') },
    ]);
  });
  it('query by the LSI sort key, strongly consistent reads allowed', async () => {
    const r = await all('Query', { TableName: l, IndexName: 'full', KeyConditions: { p: EQ(S('p1')) }, ConsistentRead: true });
    assert.deepEqual(sortKeyOf(r.items, 'c'), ['c2', 'c1']);
    const page = await ok('Query', { TableName: l, IndexName: 'full', KeyConditions: { p: EQ(S('p1')) }, Limit: 1 });
    assert.deepEqual(page.LastEvaluatedKey, { p: S('p1'), c: S('c2'), b: S('b1') });
  });
  it('KEYS_ONLY LSI: default projection, ALL_ATTRIBUTES and non-projected attributes fetched from the table', async () => {
    const kc = { TableName: l, IndexName: 'hello', KeyConditions: { p: EQ(S('p1')), b: EQ(S('b1')) } };
    assert.deepEqual((await ok('Query', kc)).Items, [{ p: S('p1'), c: S('c2'), b: S('b1') }]);
    assert.deepEqual((await ok('Query', { ...kc, Select: 'ALL_ATTRIBUTES' })).Items, [{ p: S('p1'), c: S('c2'), b: S('b1'), d: S('d2') }]);
    assert.deepEqual((await ok('Query', { ...kc, Select: 'SPECIFIC_ATTRIBUTES', AttributesToGet: ['d'] })).Items, [{ d: S('d2') }]);
    assert.deepEqual((await ok('Query', { ...kc, Select: 'ALL_PROJECTED_ATTRIBUTES' })).Items, [{ p: S('p1'), c: S('c2'), b: S('b1') }]);
    const scan = await all('Scan', { TableName: l, IndexName: 'hello', Select: 'ALL_ATTRIBUTES' });
    assert.deepEqual(scan.items.map((i) => (i.d as AV).S), ['d2', 'd1']);
  });
  it('an empty string LSI key is refused', async () => {
    // `b` keys both LSIs: DynamoDB names the alphabetically first index (alternator only records
    // the "empty" wording; the index order is from a 2026 conformance suite run on DynamoDB).
    await fails('PutItem', { TableName: l, Item: { p: S('p9'), c: S('c'), b: S('') } }, 'ValidationException',
      'One or more parameter values are not valid. A value specified for a secondary index key is not supported. The AttributeValue for a key attribute cannot contain an empty string value. IndexName: full, IndexKey: b');
  });
  it('a missing LSI is a ValidationException', async () => {
    await fails('Scan', { TableName: l, IndexName: 'wrong' }, 'ValidationException', 'The table does not have the specified index: wrong');
  });
});

describe('batches', () => {
  let bs: string;
  before(async () => {
    bs = await table({ AttributeDefinitions: [A('p')], KeySchema: [K('p', 'HASH')] });
  });
  it('duplicate keys in one BatchWriteItem are refused', async () => {
    const dup = 'Provided list of item keys contains duplicates';
    await fails('BatchWriteItem', { RequestItems: { [bs]: [{ PutRequest: { Item: { p: S('d') } } }, { PutRequest: { Item: { p: S('d'), a: S('1') } } }] } }, 'ValidationException', dup);
    await fails('BatchWriteItem', { RequestItems: { [bs]: [{ DeleteRequest: { Key: { p: S('d') } } }, { DeleteRequest: { Key: { p: S('d') } } }] } }, 'ValidationException', dup);
    await fails('BatchWriteItem', { RequestItems: { [bs]: [{ DeleteRequest: { Key: { p: S('d') } } }, { PutRequest: { Item: { p: S('d') } } }] } }, 'ValidationException', dup);
    await fails('BatchWriteItem', { RequestItems: { [ss]: [{ PutRequest: { Item: { p: S('d'), c: S('c') } } }, { PutRequest: { Item: { p: S('d'), c: S('c') } } }] } }, 'ValidationException', dup);
    await ok('BatchWriteItem', { RequestItems: { [ss]: [{ PutRequest: { Item: { p: S('d'), c: S('c') } } }, { PutRequest: { Item: { p: S('d'), c: S('o') } } }, { PutRequest: { Item: { p: S('o'), c: S('c') } } }] } });
    await fails('BatchGetItem', { RequestItems: { [bs]: { Keys: [{ p: S('d') }, { p: S('d') }] } } }, 'ValidationException', dup);
  });
  it('an invalid write refuses the whole batch', async () => {
    await fails('BatchWriteItem', { RequestItems: { [bs]: [{ PutRequest: { Item: { p: S('i1') } } }, { PutRequest: { Item: { p: N('3') } } }] } }, 'ValidationException',
      'The provided key element does not match the schema');
    await fails('BatchWriteItem', { RequestItems: { [bs]: [{ PutRequest: { Item: { p: S('i1') } } }, { PutRequest: { Item: { x: S('3') } } }] } }, 'ValidationException',
      'The provided key element does not match the schema');
    assert.equal((await ok('GetItem', { TableName: bs, Key: { p: S('i1') } })).Item, undefined);
  });
  it('limits: 25 writes, 100 keys', async () => {
    const writes = Array.from({ length: 26 }, (_, i) => ({ PutRequest: { Item: { p: S(`l${i}`) } } }));
    // 26 writes across two tables: "Too many items"; 26 in one table: the generic map-value message.
    const other = Array.from({ length: 13 }, (_, i) => ({ PutRequest: { Item: { p: S(`o${i}`), c: S('c') } } }));
    await fails('BatchWriteItem', { RequestItems: { [bs]: writes.slice(0, 13), [ss]: other } }, 'ValidationException', 'Too many items requested for the BatchWriteItem call');
    const keys = Array.from({ length: 101 }, (_, i) => ({ p: S(`l${i}`) }));
    // 101 keys for one table: the generic list-length message (dynalite's recording of DynamoDB);
    // "Too many items" is for more than 100 keys across tables.
    await fails('BatchGetItem', { RequestItems: { [bs]: { Keys: keys } } }, 'ValidationException', /^1 validation error detected: Value at 'RequestItems\..+\.member\.Keys' failed to satisfy constraint: Member must have length less than or equal to 100$/);
    await fails('BatchGetItem', { RequestItems: { [bs]: { Keys: keys.slice(0, 100) }, [ss]: { Keys: [{ p: S('x'), c: S('c') }] } } }, 'ValidationException', 'Too many items requested for the BatchGetItem call');
    await fails('BatchWriteItem', { RequestItems: { [bs]: writes } }, 'ValidationException', /Map value must satisfy constraint: \[Member must have length less than or equal to 25, Member must have length greater than or equal to 1\]$/);
    await ok('BatchWriteItem', { RequestItems: { [bs]: writes.slice(0, 25) } });
    const got = await ok('BatchGetItem', { RequestItems: { [bs]: { Keys: keys.slice(0, 100), ProjectionExpression: 'p' } } });
    assert.equal(((got.Responses as Json)[bs] as Json[]).length, 25);
    assert.deepEqual(got.UnprocessedKeys, {});
  });
  it('missing keys are simply absent; a table whose keys all miss still has a response list', async () => {
    const got = await ok('BatchGetItem', { RequestItems: { [bs]: { Keys: [{ p: S('nope1') }, { p: S('nope2') }], ConsistentRead: true } } });
    assert.deepEqual(got.Responses, { [bs]: [] });
    const w = await ok('BatchWriteItem', { RequestItems: { [bs]: [{ PutRequest: { Item: { p: S('u') } } }] } });
    assert.deepEqual(w.UnprocessedItems, {});
  });
});
