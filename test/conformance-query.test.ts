/**
 * Query validation: messages and their precedence as dynalite's query tests record them against
 * DynamoDB (architect/dynalite test/query.js), plus ExtendDB's us-east-1 parity checks.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestEddy, type TestEddy } from './helpers/eddy.js';
import { assertNotFound, assertValidation, type ConformanceTables, createConformanceTables } from './helpers/conformance.js';

let t: TestEddy;
let T: ConformanceTables;
before(async () => {
  t = await startTestEddy();
  T = await createConformanceTables(t);
});
after(async () => t.stop());

const q = (body: Record<string, unknown>, message: string) => assertValidation(t, 'Query', body, message);
const S = (s: string) => ({ S: s });
const N = (n: string) => ({ N: n });
const EQ = (v: unknown) => ({ ComparisonOperator: 'EQ', AttributeValueList: [v] });

describe('Query: validation before the table is looked up', () => {
  it('mixing beats everything else', async () => {
    await q(
      {
        TableName: 'abc', ExclusiveStartKey: { a: {} }, AttributesToGet: ['a', 'a'],
        QueryFilter: { a: { ComparisonOperator: 'EQ', AttributeValueList: [{}] } },
        KeyConditions: { a: { ComparisonOperator: 'EQ', AttributeValueList: [{}] } },
        FilterExpression: '', KeyConditionExpression: '',
      },
      'Can not use both expression and non-expression parameters in the same request: Non-expression parameters: {AttributesToGet, QueryFilter, KeyConditions} Expression parameters: {FilterExpression, KeyConditionExpression}',
    );
  });
  it('QueryFilter, then AttributesToGet duplicates, then ExclusiveStartKey values', async () => {
    await q(
      { TableName: 'abc', ExclusiveStartKey: { a: {} }, AttributesToGet: ['a', 'a'], KeyConditions: { a: { ComparisonOperator: 'EQ', AttributeValueList: [{}] } }, QueryFilter: { a: { ComparisonOperator: 'EQ' } } },
      'One or more parameter values were invalid: Invalid number of argument(s) for the EQ ComparisonOperator',
    );
    await q({ TableName: 'abc', QueryFilter: {}, ExclusiveStartKey: { a: {} }, AttributesToGet: ['a', 'a'] }, 'One or more parameter values were invalid: Duplicate value in attribute name: a');
    await q({ TableName: 'abc', ExclusiveStartKey: { a: {} } }, 'The provided starting key is invalid: Supplied AttributeValue is empty, must contain exactly one of the supported datatypes');
    await q({ TableName: 'abc' }, 'Either the KeyConditions or KeyConditionExpression parameter must be specified in the request.');
  });
  it('ExclusiveStartKey value messages: some prefixed, some not', async () => {
    const kc = { KeyConditions: { a: { ComparisonOperator: 'EQ', AttributeValueList: [{}, {}] } } };
    await q({ TableName: 'abc', ...kc, ExclusiveStartKey: { a: { NULL: false } } }, 'The provided starting key is invalid: One or more parameter values were invalid: Null attribute value types must have the value of true');
    await q({ TableName: 'abc', ...kc, ExclusiveStartKey: { a: { SS: [] } } }, 'The provided starting key is invalid: One or more parameter values were invalid: An string set  may not be empty');
    await q({ TableName: 'abc', ...kc, ExclusiveStartKey: { a: { S: 'a', N: '1' } } }, 'The provided starting key is invalid: Supplied AttributeValue has more than one datatypes set, must contain exactly one of the supported datatypes');
    await q({ TableName: 'abc', ...kc, ExclusiveStartKey: { a: { NS: [] } } }, 'One or more parameter values were invalid: An number set  may not be empty');
    // Query words duplicates in the current value layer (live DynamoDB 2026, conformance suite valueLayers).
    await q({ TableName: 'abc', ...kc, ExclusiveStartKey: { a: { SS: ['a', 'a'] } } }, 'One or more parameter values were invalid: Input collection ["a", "a"] contains duplicates.');
    await q({ TableName: 'abc', ...kc, ExclusiveStartKey: { a: { N: 'b' } } }, 'The parameter cannot be converted to a numeric value: b');
  });
  it('KeyConditions argument counts, types, BETWEEN order and condition count', async () => {
    await q({ TableName: 'abc', KeyConditions: { a: { ComparisonOperator: 'EQ' }, b: { ComparisonOperator: 'NULL' }, c: { ComparisonOperator: 'NULL' } } }, 'One or more parameter values were invalid: Invalid number of argument(s) for the EQ ComparisonOperator');
    await q({ TableName: 'abc', KeyConditions: { a: { ComparisonOperator: 'BEGINS_WITH', AttributeValueList: [N('1')] } } }, 'One or more parameter values were invalid: ComparisonOperator BEGINS_WITH is not valid for N AttributeValue type');
    await q({ TableName: 'abc', KeyConditions: { a: { ComparisonOperator: 'IN', AttributeValueList: [S('b'), N('1')] } } }, 'One or more parameter values were invalid: AttributeValues inside AttributeValueList must be of same type');
    await q({ TableName: 'abc', KeyConditions: { a: { ComparisonOperator: 'BETWEEN', AttributeValueList: [S('b'), S('a')] } } }, 'The BETWEEN condition was provided a range where the lower bound is greater than the upper bound');
    await q({ TableName: 'abc', QueryFilter: {}, KeyConditions: {} }, 'Conditions can be of length 1 or 2 only');
    await q({ TableName: 'abc', KeyConditions: { a: { ComparisonOperator: 'NULL' }, b: { ComparisonOperator: 'NULL' }, c: { ComparisonOperator: 'NULL' } } }, 'Conditions can be of length 1 or 2 only');
  });
  it('KeyConditionExpression shape rules carry no "Invalid KeyConditionExpression" prefix', async () => {
    const v = { ':a': S('a') };
    // Live DynamoDB 2026 (conformance suite) counts the conditions against the key schema once the
    // table is found; dynalite recorded 'Conditions can be of length 1 or 2 only' up front.
    await q({ TableName: T.range, KeyConditionExpression: ':a = a and b = :a and :a = c', ExpressionAttributeValues: v },
      'The number of query conditions (3) exceeds the number of key attributes defined in the schema (2)');
    await q({ TableName: 'abc', KeyConditionExpression: 'attribute_type(a, :a)', ExpressionAttributeValues: { ':a': S('S') } }, 'Invalid operator used in KeyConditionExpression: attribute_type');
    for (const [e, op] of [['a > b and size(b) > c or a > c', 'OR'], ['attribute_exists(a)', 'attribute_exists'], ['not a > b', 'NOT'], ['a <> b', '<>']]) {
      await q({ TableName: 'abc', KeyConditionExpression: e }, `Invalid operator used in KeyConditionExpression: ${op}`);
    }
    await q({ TableName: 'abc', KeyConditionExpression: 'begins_with(:a, b) and a > :b', ExpressionAttributeValues: { ':a': S('1'), ':b': S('1') } }, 'Invalid condition in KeyConditionExpression: begins_with operator must have the key attribute as its first operand');
    await q({ TableName: 'abc', KeyConditionExpression: 'a > size(b.d)' }, 'KeyConditionExpressions cannot contain nested operations');
    await q({ TableName: 'abc', KeyConditionExpression: 'b > a.b' }, 'Invalid condition in KeyConditionExpression: Multiple attribute names used in one condition');
    await q({ TableName: 'abc', KeyConditionExpression: 'a.d > c' }, 'KeyConditionExpressions cannot have conditions on nested attributes');
    await q({ TableName: 'abc', KeyConditionExpression: ':b > :a AND a < :b', ExpressionAttributeValues: { ':a': N('1'), ':b': N('1') } }, 'Invalid condition in KeyConditionExpression: No key attribute specified');
    // Prefixed in live DynamoDB 2026 (conformance suite); dynalite recorded it bare.
    await q({ TableName: 'abc', KeyConditionExpression: 'b > :a AND b < :a and c = :a and d = :a', ExpressionAttributeValues: { ':a': N('1') } }, 'Invalid KeyConditionExpression: KeyConditionExpressions must only contain one condition per key');
    await q({ TableName: 'abc', KeyConditionExpression: 'a between :b and :a', ExpressionAttributeValues: { ':a': S('a'), ':b': S('b') } }, 'Invalid KeyConditionExpression: The BETWEEN operator requires upper bound to be greater than or equal to lower bound; lower bound operand: AttributeValue: {S:b}, upper bound operand: AttributeValue: {S:a}');
    await q({ TableName: 'abc', KeyConditionExpression: 'a between :b and :a', ExpressionAttributeValues: { ':a': S('a'), ':b': N('1') } }, 'Invalid KeyConditionExpression: The BETWEEN operator requires same data type for lower and upper bounds; lower bound operand: AttributeValue: {N:1}, upper bound operand: AttributeValue: {S:a}');
  });
  it('Select COUNT with a projection carries the request-validator envelope on Query', async () => {
    await q({ TableName: T.hash, KeyConditionExpression: 'a = :a', ExpressionAttributeValues: { ':a': S('x') }, Select: 'COUNT', ProjectionExpression: 'b' }, '1 validation error detected: Cannot specify the ProjectionExpression when choosing to get only the Count');
  });
  it('checks the table exists before key validity', async () => {
    for (const keyOpts of [
      { KeyConditions: { z: { ComparisonOperator: 'NULL' } }, QueryFilter: {} },
      { KeyConditionExpression: 'z = :a', ExpressionAttributeValues: { ':a': N('1') } },
      { KeyConditionExpression: 'b between :a and :b', ExpressionAttributeValues: { ':a': N('1'), ':b': N('1') } },
    ]) {
      for (const esk of [{}, { b: S('a') }, { a: S('a'), b: S('a') }]) {
        await assertNotFound(t, 'Query', { TableName: 'abc', ExclusiveStartKey: esk, ...keyOpts });
      }
    }
  });
});

describe('Query: validation against the table', () => {
  const zNull = { KeyConditions: { z: { ComparisonOperator: 'NULL' } } };
  const zExpr = { KeyConditionExpression: 'z = :a', ExpressionAttributeValues: { ':a': N('1') } };
  it('index name and consistent reads first', async () => {
    await q({ TableName: T.hash, IndexName: 'whatever', ExclusiveStartKey: {}, ...zNull }, 'The table does not have the specified index: whatever');
    await q({ TableName: T.range, IndexName: 'index3', ConsistentRead: true, ExclusiveStartKey: {}, ...zNull }, 'Consistent reads are not supported on global secondary indexes');
  });
  it('ExclusiveStartKey shape before the key conditions', async () => {
    for (const ko of [zNull, zExpr]) {
      for (const esk of [{}, { b: S('a') }, { a: S('a'), b: S('a') }]) await q({ TableName: T.hash, ExclusiveStartKey: esk, ...ko }, 'The provided starting key is invalid');
      for (const esk of [{}, { z: N('1') }, { b: S('a'), c: S('b') }, { a: S('a') }]) await q({ TableName: T.range, ExclusiveStartKey: esk, ...ko }, 'The provided starting key is invalid');
      for (const esk of [{ a: S('a'), b: S('a') }, { b: S('a'), c: S('a') }]) await q({ TableName: T.range, IndexName: 'index1', ExclusiveStartKey: esk, ...ko }, 'The provided starting key is invalid');
      for (const esk of [{ a: S('a'), b: S('a'), z: S('a') }, { c: S('1') }]) await q({ TableName: T.range, IndexName: 'index3', ExclusiveStartKey: esk, ...ko }, 'The provided starting key is invalid');
      for (const esk of [{ a: N('1') }, { a: { BOOL: true } }, { a: { SS: ['a'] } }]) await q({ TableName: T.hash, ExclusiveStartKey: esk, ...ko }, 'The provided key element does not match the schema');
      await q({ TableName: T.range, ExclusiveStartKey: { a: N('1'), z: S('a') }, ...ko }, 'The provided key element does not match the schema');
      await q({ TableName: T.range, IndexName: 'index3', ExclusiveStartKey: { x: S('1'), y: S('1'), c: N('1') }, ...ko }, 'The provided key element does not match the schema');
    }
  });
  it('the hash attribute is checked (start key, then condition) before the range attribute', async () => {
    const between = { KeyConditionExpression: 'z between :a and :b', ExpressionAttributeValues: { ':a': N('1'), ':b': N('1') } };
    for (const esk of [undefined, { a: S('a'), b: N('1') }, { a: S('a'), z: S('1') }]) {
      await q({ TableName: T.range, ExclusiveStartKey: esk, ...zNull }, 'Query condition missed key schema element: a');
      await q({ TableName: T.range, ExclusiveStartKey: esk, ...between }, 'Query condition missed key schema element: a');
    }
    await q({ TableName: T.range, IndexName: 'index3', ExclusiveStartKey: { a: S('a'), b: S('a'), c: S('a') }, ...zNull }, 'Query condition missed key schema element: c');
    const aEq = { KeyConditionExpression: 'a = :a', ExpressionAttributeValues: { ':a': S('b') } };
    await q({ TableName: T.range, ExclusiveStartKey: { a: S('a'), b: N('1') }, ...aEq }, 'The provided key element does not match the schema');
    await q({ TableName: T.range, IndexName: 'index1', ExclusiveStartKey: { a: S('1'), b: N('1'), c: S('a') }, ...aEq }, 'The provided starting key is invalid: The provided key element does not match the schema');
    await q({ TableName: T.range, ExclusiveStartKey: { a: S('a'), b: S('a') }, KeyConditionExpression: 'a = :a and c = :b', ExpressionAttributeValues: { ':a': S('b'), ':b': N('1') } }, 'Query condition missed key schema element: b');
  });
  it('operators and types of key conditions', async () => {
    for (const c of [{ ComparisonOperator: 'NULL' }, { ComparisonOperator: 'NE', AttributeValueList: [N('1')] }, { ComparisonOperator: 'IN', AttributeValueList: [S('a')] }]) {
      await q({ TableName: T.hash, KeyConditions: { a: c } }, 'Attempted conditional constraint is not an indexable operation');
    }
    await q({ TableName: T.range, IndexName: 'index1', KeyConditions: { a: EQ(S('a')), c: { ComparisonOperator: 'NULL' } } }, 'Attempted conditional constraint is not an indexable operation');
    await q({ TableName: T.hash, KeyConditionExpression: ':a > a', ExpressionAttributeValues: { ':a': N('1') } }, 'One or more parameter values were invalid: Condition parameter type does not match schema type');
    const unsupported = [
      { KeyConditions: { a: EQ(S('a')), b: EQ(S('a')) } },
      { KeyConditions: { a: { ComparisonOperator: 'LE', AttributeValueList: [S('a')] } } },
      { KeyConditionExpression: 'begins_with(a, :a)', ExpressionAttributeValues: { ':a': S('1') } },
      { KeyConditionExpression: 'a between :a and :a', ExpressionAttributeValues: { ':a': S('1') } },
      { KeyConditionExpression: 'a = :a AND b = :a', ExpressionAttributeValues: { ':a': S('1') } },
      { KeyConditionExpression: 'y = :a and z = :a', ExpressionAttributeValues: { ':a': S('1') } },
    ];
    for (const u of unsupported) await q({ TableName: T.hash, ...u }, 'Query key condition not supported');
    await q({ TableName: T.range, IndexName: 'index3', KeyConditionExpression: 'c = :a AND b = :a', ExpressionAttributeValues: { ':a': S('1') } }, 'Query key condition not supported');
    await q({ TableName: T.rangeN, KeyConditionExpression: 'a = :a AND x < :x', ExpressionAttributeValues: { ':a': S('1'), ':x': N('1') } }, 'Query condition missed key schema element: b');
  });
  it('ExclusiveStartKey against the key condition', async () => {
    const aEq = { KeyConditionExpression: 'a = :a', ExpressionAttributeValues: { ':a': S('b') } };
    await q({ TableName: T.range, ExclusiveStartKey: { a: S('a'), b: S('a') }, ...aEq }, 'The provided starting key is outside query boundaries based on provided conditions');
    await q({ TableName: T.range, IndexName: 'index1', ExclusiveStartKey: { a: S('a'), b: S('a'), c: S('a') }, ...aEq }, 'The provided starting key is outside query boundaries based on provided conditions');
    await q({ TableName: T.range, ExclusiveStartKey: { a: S('a'), b: S('a') }, KeyConditionExpression: 'a = :a and b > :a', ExpressionAttributeValues: { ':a': S('b') } }, 'The provided starting key does not match the range key predicate');
    await q({ TableName: T.range, ExclusiveStartKey: { a: S('a'), b: S('a') }, KeyConditionExpression: 'a = :a and b < :a', ExpressionAttributeValues: { ':a': S('b') } }, 'The query can return at most one row and cannot be restarted');
    await q({ TableName: T.range, IndexName: 'index4', ExclusiveStartKey: { a: S('a'), b: S('a'), c: S('c'), d: S('a') }, KeyConditions: { c: EQ(S('a')), d: EQ(S('a')) } }, 'The query can return at most one row and cannot be restarted');
  });
  it('filters may not use the key attributes; key attributes must be read whole', async () => {
    await q({ TableName: T.hash, KeyConditions: { a: EQ(S('a')) }, QueryFilter: { a: EQ(S('a')) } }, 'QueryFilter can only contain non-primary key attributes: Primary key attribute: a');
    for (const f of ['attribute_exists(a.b) AND b = :b', 'a = :b', 'a[1] = :b']) {
      await q({ TableName: T.hash, FilterExpression: f, KeyConditionExpression: 'a = :a', ExpressionAttributeValues: { ':a': S('1'), ':b': N('1') } }, 'Filter Expression can only contain non-primary key attributes: Primary key attribute: a');
    }
    await q({ TableName: T.range, IndexName: 'index4', Select: 'ALL_ATTRIBUTES', KeyConditions: { c: EQ(S('a')) }, QueryFilter: { d: EQ(S('a')) } }, 'QueryFilter can only contain non-primary key attributes: Primary key attribute: d');
    for (const f of ['attribute_exists(d.c) AND c = :b', 'd[1] = :b']) {
      await q({ TableName: T.range, FilterExpression: f, KeyConditionExpression: 'a = :a', ExpressionAttributeValues: { ':a': S('1'), ':b': N('1') } }, "Key attributes must be scalars; list random access '[]' and map lookup '.' are not allowed: IndexKey: d");
    }
    await q(
      { TableName: T.range, IndexName: 'index4', Select: 'ALL_ATTRIBUTES', ExclusiveStartKey: { a: S('a'), b: S('b'), c: S('a'), d: S('b') }, KeyConditionExpression: 'c = :a', FilterExpression: 'a = :b and a.b = :a', ExpressionAttributeValues: { ':a': S('a'), ':b': N('1') } },
      'One or more parameter values were invalid: Select type ALL_ATTRIBUTES is not supported for global secondary index index4 because its projection type is not ALL',
    );
  });
});

describe('Query: results', () => {
  it('pages with Limit and resumes from LastEvaluatedKey, in both directions', async () => {
    const items = ['1', '2', '3'].map((b) => ({ a: S('page'), b: S(b) }));
    for (const Item of items) assert.equal((await t.raw('PutItem', { TableName: T.range, Item })).status, 200);
    const base = { TableName: T.range, KeyConditionExpression: 'a = :a', ExpressionAttributeValues: { ':a': S('page') } };
    const p1 = await t.raw('Query', { ...base, Limit: 2 });
    assert.deepEqual(p1.json, { Count: 2, ScannedCount: 2, Items: items.slice(0, 2), LastEvaluatedKey: items[1] });
    const p2 = await t.raw('Query', { ...base, Limit: 2, ExclusiveStartKey: p1.json.LastEvaluatedKey });
    assert.deepEqual(p2.json, { Count: 1, ScannedCount: 1, Items: [items[2]] });
    // Exactly Limit items left: DynamoDB still returns a LastEvaluatedKey.
    const p3 = await t.raw('Query', { ...base, Limit: 3 });
    assert.deepEqual(p3.json.LastEvaluatedKey, items[2]);
    const back = await t.raw('Query', { ...base, ScanIndexForward: false, Limit: 1, ExclusiveStartKey: items[2] });
    assert.deepEqual(back.json.Items, [items[1]]);
    const count = await t.raw('Query', { ...base, Select: 'COUNT', FilterExpression: 'attribute_exists(x)' });
    assert.deepEqual(count.json, { Count: 0, ScannedCount: 3 });
  });
  it('projects list elements compactly', async () => {
    const item = { a: S('proj'), b: S('1'), e: { M: { a: S('b1'), d: S('b1') } }, f: { L: [S('d1'), S('d2'), S('d3')] } };
    await t.raw('PutItem', { TableName: T.range, Item: item });
    await t.raw('PutItem', { TableName: T.range, Item: { a: S('proj'), b: S('2') } });
    const r = await t.raw('Query', { TableName: T.range, KeyConditionExpression: 'a = :a', ExpressionAttributeValues: { ':a': S('proj') }, ProjectionExpression: 'f[2], f[0], e.d, e.a, d' });
    assert.deepEqual(r.json, { Count: 2, ScannedCount: 2, Items: [{ e: { M: { a: S('b1'), d: S('b1') } }, f: { L: [S('d1'), S('d3')] } }, {}] });
  });
});
