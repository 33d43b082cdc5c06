import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { decodeIndexKey, encodeIndexKey, multiKeyBounds, type KeyBounds, type SortKeyOp } from '../../src/dynamodb/keys/key-encoding.js';
import type { KeySchemaDef } from '../../src/dynamodb/tables/table-types.js';
import type { AttributeValue, Item } from '../../src/dynamodb/values/types.js';
import { beginsWith, dynamoCompare, scalarArb } from './keys-arbitraries.js';

/**
 * Multi-attribute GSI keys: rows of one partition (every HASH value equal) sort by the RANGE
 * values one after another, each by its own type, and a RANGE-prefix condition is one byte range.
 */
const INDEX: KeySchemaDef = {
  hash: { name: 'h1', type: 'S' },
  moreHash: [{ name: 'h2', type: 'N' }],
  range: { name: 'r1', type: 'N' },
  moreRange: [
    { name: 'r2', type: 'S' },
    { name: 'r3', type: 'B' },
  ],
};
const TABLE: KeySchemaDef = { hash: { name: 'id', type: 'S' } };
const RANGE_NAMES = ['r1', 'r2', 'r3'] as const;
const RANGE_TYPES = ['N', 'S', 'B'] as const;

const hex = (k: Uint8Array): string => Buffer.from(k).toString('hex');

function within(key: Uint8Array, b: KeyBounds): boolean {
  const s = Buffer.compare(key, b.start);
  const e = Buffer.compare(key, b.end);
  return (b.startExclusive ? s > 0 : s >= 0) && (b.endInclusive ? e <= 0 : e < 0);
}

const rowArb = fc.record({
  id: scalarArb('S'),
  h1: fc.constantFrom<AttributeValue>({ S: 'a' }, { S: 'a\0' }, { S: 'b' }),
  h2: fc.constantFrom<AttributeValue>({ N: '1' }, { N: '10' }, { N: '-1' }),
  // Few distinct values, so that equal prefixes are common.
  r1: fc.oneof(fc.constantFrom<AttributeValue>({ N: '0' }, { N: '2' }, { N: '-7.5' }), scalarArb('N')),
  r2: fc.oneof(fc.constantFrom<AttributeValue>({ S: 'x' }, { S: 'xy' }, { S: '' }), scalarArb('S')),
  r3: scalarArb('B'),
});

type Row = { id: AttributeValue; h1: AttributeValue; h2: AttributeValue; r1: AttributeValue; r2: AttributeValue; r3: AttributeValue };

function tupleCompare(a: Row, b: Row): number {
  for (const n of RANGE_NAMES) {
    const c = dynamoCompare(a[n], b[n]);
    if (c !== 0) return c;
  }
  return 0;
}

function matches(v: AttributeValue, op: SortKeyOp, [a, b]: AttributeValue[]): boolean {
  if (a === undefined) throw new Error('operand');
  const c = dynamoCompare(v, a);
  switch (op) {
    case 'EQ': return c === 0;
    case 'LT': return c < 0;
    case 'LE': return c <= 0;
    case 'GT': return c > 0;
    case 'GE': return c >= 0;
    case 'BETWEEN': return b !== undefined && c >= 0 && dynamoCompare(v, b) <= 0;
    case 'BEGINS_WITH': return beginsWith(v, a);
  }
}

describe('multi-attribute index keys', () => {
  it('order rows of a partition by the RANGE values one after another and decode back', () => {
    fc.assert(
      fc.property(rowArb, rowArb, (a, b) => {
        const ka = encodeIndexKey(INDEX, TABLE, a as Item);
        const kb = encodeIndexKey(INDEX, TABLE, { ...b, h1: a.h1, h2: a.h2 } as Item);
        assert.ok(ka && kb);
        const c = tupleCompare(a, { ...b, h1: a.h1, h2: a.h2 });
        if (c !== 0) assert.equal(Math.sign(Buffer.compare(ka, kb)), c);
        const { indexKey, tableKey } = decodeIndexKey(INDEX, TABLE, ka);
        assert.deepEqual(tableKey, { id: a.id });
        assert.deepEqual(Object.keys(indexKey), ['h1', 'h2', 'r1', 'r2', 'r3']);
        for (const n of ['h1', 'h2', ...RANGE_NAMES] as const) assert.equal(dynamoCompare(indexKey[n] as AttributeValue, a[n]), 0);
      }),
      { numRuns: 1000 },
    );
  });

  it('leave out an item lacking any key attribute', () => {
    const full: Item = { id: { S: 'i' }, h1: { S: 'a' }, h2: { N: '1' }, r1: { N: '1' }, r2: { S: 'x' }, r3: { B: 'AA==' } };
    assert.ok(encodeIndexKey(INDEX, TABLE, full));
    for (const n of ['h1', 'h2', 'r1', 'r2', 'r3']) {
      const item = { ...full };
      delete item[n];
      assert.equal(encodeIndexKey(INDEX, TABLE, item), undefined, n);
    }
  });

  it('bound exactly the rows a prefix of equalities and one last condition select', () => {
    const caseArb = fc.record({
      rows: fc.array(rowArb, { minLength: 1, maxLength: 30 }),
      pick: fc.nat(),
      depth: fc.integer({ min: 0, max: 3 }),
      op: fc.constantFrom<SortKeyOp>('EQ', 'LT', 'LE', 'GT', 'GE', 'BETWEEN', 'BEGINS_WITH'),
      other: fc.nat(),
      last: fc.boolean(),
    });
    fc.assert(
      fc.property(caseArb, ({ rows, pick, depth, op, other, last }) => {
        const probe = rows[pick % rows.length] as Row;
        const second = rows[other % rows.length] as Row;
        // `depth` equalities; with `last`, one condition on the RANGE attribute after them.
        const withLast = last && depth < 3 && !(op === 'BEGINS_WITH' && RANGE_TYPES[depth] === 'N');
        const eqs = RANGE_NAMES.slice(0, depth).map((n) => probe[n]);
        let values: AttributeValue[] = [];
        if (withLast) {
          const n = RANGE_NAMES[depth] as (typeof RANGE_NAMES)[number];
          let [a, b] = [probe[n], second[n]];
          if (op === 'BETWEEN' && dynamoCompare(a, b) > 0) [a, b] = [b, a];
          values = op === 'BETWEEN' ? [a, b] : [a];
        }
        const bounds = multiKeyBounds(INDEX, [probe.h1, probe.h2], eqs, withLast ? { op, values } : undefined);
        const keyed = rows.map((r) => ({ r, key: encodeIndexKey(INDEX, TABLE, r as Item) as Uint8Array }));
        const got = new Set(keyed.filter((x) => within(x.key, bounds)).map((x) => hex(x.key)));
        const want = new Set(
          keyed
            .filter(({ r }) => dynamoCompare(r.h1, probe.h1) === 0 && dynamoCompare(r.h2, probe.h2) === 0)
            .filter(({ r }) => RANGE_NAMES.slice(0, depth).every((n) => dynamoCompare(r[n], probe[n]) === 0))
            .filter(({ r }) => !withLast || matches(r[RANGE_NAMES[depth] as (typeof RANGE_NAMES)[number]], op, values))
            .map((x) => hex(x.key)),
        );
        assert.deepEqual(got, want);
      }),
      { numRuns: 1500 },
    );
  });

  it('encode a single-attribute key as before (no multi-attribute fields, same bytes)', () => {
    const single: KeySchemaDef = { hash: { name: 'h1', type: 'S' }, range: { name: 'r1', type: 'N' } };
    const asMulti: KeySchemaDef = { ...single, moreRange: [] };
    const item: Item = { id: { S: 'i' }, h1: { S: 'a' }, r1: { N: '5' } };
    assert.deepEqual(encodeIndexKey(asMulti, TABLE, item), encodeIndexKey(single, TABLE, item));
  });
});
