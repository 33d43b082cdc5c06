import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import {
  applyUpdate,
  bindKeyCondition,
  evaluateCondition,
  ExpressionCache,
  prepareExpressions,
  projectItem,
} from '../../src/dynamodb/expressions/index.js';
import type { AttributeValue, Item } from '../../src/dynamodb/values/types.js';

const cache = new ExpressionCache(1000);
const schema = { hash: { name: 'id', type: 'S' as const } };

function cond(expr: string, values?: Record<string, unknown>, names?: Record<string, string>) {
  const p = prepareExpressions(
    { operation: 'PutItem', ConditionExpression: expr, ExpressionAttributeValues: values, ExpressionAttributeNames: names },
    cache,
  );
  assert.ok(p.condition);
  return p.condition;
}

function update(expr: string, item: Item | undefined, values?: Record<string, unknown>) {
  const p = prepareExpressions({ operation: 'UpdateItem', UpdateExpression: expr, ExpressionAttributeValues: values }, cache);
  assert.ok(p.update);
  return applyUpdate(p.update, item, { id: { S: 'k' } }, schema).item;
}

function validationMessage(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    return (e as Error).message;
  }
  return 'no error';
}

describe('condition evaluation', () => {
  const item: Item = {
    id: { S: 'k' },
    n: { N: '5' },
    s: { S: 'héllo' },
    ss: { SS: ['a', 'b'] },
    l: { L: [{ S: 'x' }, { N: '1' }] },
    m: { M: { deep: { L: [{ M: { c: { BOOL: true } } }] } } },
  };
  it('comparisons, functions and precedence', () => {
    assert.equal(evaluateCondition(cond('n = :v', { ':v': { N: '5.0' } }), item), true);
    assert.equal(evaluateCondition(cond('n < :v', { ':v': { S: '6' } }), item), false);
    assert.equal(evaluateCondition(cond('absent <> :v', { ':v': { N: '1' } }), item), true);
    assert.equal(evaluateCondition(cond('size(s) = :v', { ':v': { N: '5' } }), item), true); // UTF-16 code units, as DynamoDB counts
    assert.equal(evaluateCondition(cond('size(n) > :v', { ':v': { N: '0' } }), item), false);
    assert.equal(evaluateCondition(cond('contains(ss, :v)', { ':v': { S: 'a' } }), item), true);
    assert.equal(evaluateCondition(cond('contains(l, :v)', { ':v': { N: '1' } }), item), true);
    assert.equal(evaluateCondition(cond('contains(s, :v)', { ':v': { S: 'éll' } }), item), true);
    assert.equal(evaluateCondition(cond('m.deep[0].c = :v', { ':v': { BOOL: true } }), item), true);
    assert.equal(evaluateCondition(cond('attribute_type(#m, :t)', { ':t': { S: 'M' } }, { '#m': 'm' }), item), true);
    assert.equal(evaluateCondition(cond('begins_with(s, :v)', { ':v': { S: 'hé' } }), item), true);
    assert.equal(evaluateCondition(cond('n IN (:a, :b)', { ':a': { N: '4' }, ':b': { N: '5' } }), item), true);
    // NOT binds tighter than AND, AND tighter than OR.
    assert.equal(evaluateCondition(cond('NOT n = :a OR n = :a AND n = :b', { ':a': { N: '5' }, ':b': { N: '6' } }), item), false);
    assert.equal(evaluateCondition(cond('attribute_not_exists(id)'), undefined), true);
  });
});

describe('update application', () => {
  it('SET arithmetic, list_append, if_not_exists, REMOVE list elements, ADD, DELETE', () => {
    const before: Item = { id: { S: 'k' }, a: { N: '1' }, l: { L: [{ N: '0' }, { N: '1' }, { N: '2' }] }, s: { SS: ['x', 'y'] }, t: { SS: ['x', 'w'] } };
    const after = update('SET a = a + :one, b = if_not_exists(b, :one), l[10] = :one REMOVE l[0], l[1] ADD c :one, s :z DELETE t :x', before, {
      ':one': { N: '1' },
      ':z': { SS: ['z'] },
      ':x': { SS: ['x'] },
    });
    assert.deepEqual(after, {
      id: { S: 'k' },
      a: { N: '2' },
      b: { N: '1' },
      l: { L: [{ N: '2' }, { N: '1' }] },
      s: { SS: ['x', 'y', 'z'] },
      t: { SS: ['w'] },
      c: { N: '1' },
    });
  });
  it('runtime errors', () => {
    assert.equal(
      validationMessage(() => update('SET a = b + :one', { id: { S: 'k' } }, { ':one': { N: '1' } })),
      'The provided expression refers to an attribute that does not exist in the item',
    );
    assert.equal(
      validationMessage(() => update('SET a = b + :one', { id: { S: 'k' }, b: { S: 'x' } }, { ':one': { N: '1' } })),
      'An operand in the update expression has an incorrect data type',
    );
    assert.equal(
      validationMessage(() => update('SET a.b = :one', { id: { S: 'k' } }, { ':one': { N: '1' } })),
      'The document path provided in the update expression is invalid for update',
    );
    assert.equal(
      validationMessage(() => update('SET id = :one', undefined, { ':one': { N: '1' } })),
      'One or more parameter values were invalid: Cannot update attribute id. This attribute is part of the key',
    );
    assert.equal(
      validationMessage(() => update('SET a = a + :big', { id: { S: 'k' }, a: { N: '9.9999999999999999999999999999999999999E+125' } }, { ':big': { N: '9.9999999999999999999999999999999999999E+125' } })),
      'Number overflow. Attempting to store a number with magnitude larger than supported range',
    );
    assert.deepEqual(update('DELETE s :x', { id: { S: 'k' }, s: { SS: ['x'] } }, { ':x': { SS: ['x'] } }), { id: { S: 'k' } });
  });
});

describe('projection and key conditions', () => {
  it('projects nested paths', () => {
    const p = prepareExpressions({ operation: 'GetItem', ProjectionExpression: 'm.deep[0].c, l[1]' }, cache);
    assert.ok(p.projection);
    const item: Item = { l: { L: [{ S: 'x' }, { N: '1' }] }, m: { M: { deep: { L: [{ M: { c: { BOOL: true }, d: { N: '1' } } }] } } } };
    assert.deepEqual(projectItem(p.projection, item), { l: { L: [{ N: '1' }] }, m: { M: { deep: { L: [{ M: { c: { BOOL: true } } }] } } } });
  });
  it('binds key conditions with DynamoDB messages', () => {
    const kc = (expr: string) => {
      const values: Record<string, unknown> = { ':a': { S: 'a' } };
      if (expr.includes(':b')) values[':b'] = { S: 'b' };
      return prepareExpressions({ operation: 'Query', KeyConditionExpression: expr, ExpressionAttributeValues: values }, cache).keyCondition;
    };
    const sch = { hash: { name: 'pk', type: 'S' as const }, range: { name: 'sk', type: 'S' as const } };
    const bound = bindKeyCondition(kc('pk = :a AND sk BETWEEN :a AND :b') as never, sch);
    assert.deepEqual(bound.range, { name: 'sk', op: 'BETWEEN', values: [{ S: 'a' }, { S: 'b' }] });
    assert.deepEqual(bindKeyCondition(kc(':a < sk AND pk = :b') as never, sch).range?.op, 'GT');
    assert.equal(validationMessage(() => bindKeyCondition(kc('sk = :a') as never, sch)), 'Query condition missed key schema element: pk');
    assert.equal(validationMessage(() => bindKeyCondition(kc('pk > :a') as never, sch)), 'Query key condition not supported');
    // No "Invalid KeyConditionExpression: " prefix on the key-condition shape rules (dynalite's query tests).
    assert.equal(validationMessage(() => kc('pk = :a OR sk = :b')), 'Invalid operator used in KeyConditionExpression: OR');
    assert.equal(validationMessage(() => kc('pk.x = :a')), 'KeyConditionExpressions cannot have conditions on nested attributes');
    assert.equal(validationMessage(() => kc('pk = :a AND pk = :b')), 'Invalid KeyConditionExpression: KeyConditionExpressions must only contain one condition per key');
  });
});

// ---- property test: evaluator vs. a straightforward reference ----
const scalar = fc.oneof(
  fc.integer({ min: -20, max: 20 }).map((n): AttributeValue => ({ N: String(n) })),
  fc.constantFrom('a', 'ab', 'b', 'ba', '').map((s): AttributeValue => ({ S: s })),
  fc.boolean().map((b): AttributeValue => ({ BOOL: b })),
);
const attr = fc.constantFrom('x', 'y', 'z');

type Ref = { e: string; f: (it: Item) => boolean };

function refCompare(a: AttributeValue | undefined, b: AttributeValue, op: string): boolean {
  if (a === undefined) return op === '<>';
  const ta = Object.keys(a)[0];
  const tb = Object.keys(b)[0];
  const va = Object.values(a)[0] as unknown;
  const vb = Object.values(b)[0] as unknown;
  const eq = ta === tb && (ta === 'N' ? Number(va) === Number(vb) : va === vb);
  if (op === '=') return eq;
  if (op === '<>') return !eq;
  if (ta !== tb || ta === 'BOOL') return false;
  const c = ta === 'N' ? Number(va) - Number(vb) : va === vb ? 0 : (va as string) < (vb as string) ? -1 : 1;
  return op === '<' ? c < 0 : op === '<=' ? c <= 0 : op === '>' ? c > 0 : c >= 0;
}

function genCondition(values: Record<string, AttributeValue>): fc.Arbitrary<Ref> {
  const leaf: fc.Arbitrary<Ref> = fc.oneof(
    fc.tuple(attr, fc.constantFrom('=', '<>', '<', '<=', '>', '>='), scalar).map(([a, op, v]) => {
      const key = `:v${Object.keys(values).length}`;
      values[key] = v;
      const orderable = !('BOOL' in v);
      const realOp = orderable ? op : op === '=' ? '=' : '<>';
      return { e: `${a} ${realOp} ${key}`, f: (it: Item) => refCompare(it[a], v, realOp) };
    }),
    attr.map((a) => ({ e: `attribute_exists(${a})`, f: (it: Item) => it[a] !== undefined })),
  );
  const tree: fc.Arbitrary<Ref> = fc.letrec<{ c: Ref }>((tie) => ({
    c: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      leaf,
      fc.tuple(tie('c'), tie('c')).map(([l, r]) => ({ e: `(${l.e}) AND (${r.e})`, f: (it: Item) => l.f(it) && r.f(it) })),
      fc.tuple(tie('c'), tie('c')).map(([l, r]) => ({ e: `(${l.e}) OR (${r.e})`, f: (it: Item) => l.f(it) || r.f(it) })),
      tie('c').map((c) => ({ e: `NOT (${c.e})`, f: (it: Item) => !c.f(it) })),
    ),
  })).c;
  return tree;
}

describe('property: evaluator matches reference', () => {
  it('random conditions on random items', () => {
    const itemArb = fc.record({ x: scalar, y: scalar, z: scalar }, { requiredKeys: [] }) as fc.Arbitrary<Item>;
    fc.assert(
      fc.property(fc.integer(), itemArb, (seed, item) => {
        const values: Record<string, AttributeValue> = {};
        const ref = fc.sample(genCondition(values), { seed, numRuns: 1 })[0] as Ref;
        const used = Object.fromEntries(Object.entries(values).filter(([k]) => new RegExp(`${k}(?![0-9])`).test(ref.e)));
        const p = prepareExpressions(
          {
            operation: 'Scan',
            FilterExpression: ref.e,
            ExpressionAttributeValues: Object.keys(used).length ? used : undefined,
          },
          cache,
        );
        assert.ok(p.filter);
        assert.equal(evaluateCondition(p.filter, item), ref.f(item), ref.e);
      }),
      { numRuns: 300 },
    );
  });
});
