import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import {
  encodeIndexKey,
  encodeTableKey,
  type KeyBounds,
  partitionBounds,
  rangeBounds,
  type SortKeyOp,
} from '../../src/dynamodb/keys/key-encoding.js';
import type { KeySchemaDef } from '../../src/dynamodb/tables/table-types.js';
import type { AttributeValue, ScalarAttributeType } from '../../src/dynamodb/values/types.js';
import { beginsWith, dynamoCompare, scalarArb } from './keys-arbitraries.js';

const OPS: SortKeyOp[] = ['EQ', 'LT', 'LE', 'GT', 'GE', 'BETWEEN', 'BEGINS_WITH'];

function within(key: Uint8Array, b: KeyBounds): boolean {
  const s = Buffer.compare(key, b.start);
  const e = Buffer.compare(key, b.end);
  return (b.startExclusive ? s > 0 : s >= 0) && (b.endInclusive ? e <= 0 : e < 0);
}

function matches(v: AttributeValue, op: SortKeyOp, [a, b]: AttributeValue[]): boolean {
  if (a === undefined) throw new Error('operand');
  const c = dynamoCompare(v, a);
  switch (op) {
    case 'EQ':
      return c === 0;
    case 'LT':
      return c < 0;
    case 'LE':
      return c <= 0;
    case 'GT':
      return c > 0;
    case 'GE':
      return c >= 0;
    case 'BETWEEN':
      return b !== undefined && c >= 0 && dynamoCompare(v, b) <= 0;
    case 'BEGINS_WITH':
      return beginsWith(v, a);
  }
}

/** Row of a key space: its stored key, the partition value and the sort value it was built from. */
interface Row {
  key: Uint8Array;
  hash: AttributeValue;
  sort: AttributeValue;
}

function caseArb(rangeType: ScalarAttributeType) {
  const ops = rangeType === 'N' ? OPS.filter((o) => o !== 'BEGINS_WITH') : OPS;
  const sortArb = scalarArb(rangeType);
  const hashArb = fc.constantFrom<AttributeValue>({ S: 'p1' }, { S: 'p2' }, { S: 'p1\0' }, { S: 'p' });
  return fc.record({
    rows: fc.array(fc.record({ hash: hashArb, sort: sortArb, tpk: scalarArb('S'), tsk: scalarArb('N') }), { minLength: 1, maxLength: 40 }),
    hash: hashArb,
    op: fc.constantFrom(...ops),
    // Operands: often values present in the data (edges), sometimes arbitrary.
    pick: fc.array(fc.oneof(fc.nat(), sortArb), { minLength: 2, maxLength: 2 }),
  });
}

function operand(pick: number | AttributeValue, rows: { sort: AttributeValue }[], type: ScalarAttributeType): AttributeValue {
  if (typeof pick !== 'number') return pick;
  const v = rows[pick % rows.length]?.sort as AttributeValue;
  if (type !== 'N' && pick % 3 === 0) {
    // A proper prefix of an existing value (exercises begins_with and LT/GT at prefixes).
    if ('S' in v && [...v.S].length > 1) return { S: [...v.S].slice(0, -1).join('') };
    if ('B' in v && Buffer.from(v.B, 'base64').length > 1) return { B: Buffer.from(v.B, 'base64').subarray(0, -1).toString('base64') };
  }
  return v;
}

for (const space of ['table', 'index'] as const) {
  describe(`key bounds select exactly the matching keys (${space} key space)`, () => {
    for (const rangeType of ['S', 'N', 'B'] as ScalarAttributeType[]) {
      it(`sort key ${rangeType}: every operator vs a brute-force filter`, () => {
        const table: KeySchemaDef = { hash: { name: 'pk', type: 'S' }, range: { name: 'sk', type: rangeType } };
        const tableOfIndex: KeySchemaDef = { hash: { name: 'tpk', type: 'S' }, range: { name: 'tsk', type: 'N' } };
        fc.assert(
          fc.property(caseArb(rangeType), ({ rows, hash, op, pick }) => {
            const built: Row[] = [];
            const seen = new Set<string>();
            for (const r of rows) {
              let key: Uint8Array | undefined;
              if (space === 'table') {
                key = encodeTableKey(table, { pk: r.hash, sk: r.sort });
              } else {
                key = encodeIndexKey(table, tableOfIndex, { pk: r.hash, sk: r.sort, tpk: r.tpk, tsk: r.tsk });
              }
              assert.ok(key !== undefined);
              const id = Buffer.from(key).toString('hex');
              if (!seen.has(id)) built.push({ key, hash: r.hash, sort: r.sort });
              seen.add(id);
            }
            let a = operand(pick[0] as number | AttributeValue, rows, rangeType);
            let b = operand(pick[1] as number | AttributeValue, rows, rangeType);
            if (op === 'BETWEEN' && dynamoCompare(a, b) > 0) [a, b] = [b, a];
            const values = op === 'BETWEEN' ? [a, b] : [a];
            const bounds = rangeBounds(table, hash, op, values);
            const got = built.filter((r) => within(r.key, bounds)).map((r) => r.key);
            const want = built.filter((r) => dynamoCompare(r.hash, hash) === 0 && matches(r.sort, op, values)).map((r) => r.key);
            assert.deepEqual(new Set(got.map((k) => Buffer.from(k).toString('hex'))), new Set(want.map((k) => Buffer.from(k).toString('hex'))));
            const part = partitionBounds(table, hash);
            const inPartition = built.filter((r) => within(r.key, { ...part, startExclusive: false, endInclusive: false }));
            assert.equal(inPartition.length, built.filter((r) => dynamoCompare(r.hash, hash) === 0).length);
          }),
          { numRuns: 1500 },
        );
      });
    }
  });
}

describe('key bounds: details', () => {
  it('partitions of a hash-only table hold one key each, and never interleave', () => {
    const schema: KeySchemaDef = { hash: { name: 'pk', type: 'B' } };
    fc.assert(
      fc.property(scalarArb('B'), scalarArb('B'), (x, y) => {
        const kx = encodeTableKey(schema, { pk: x });
        const b = partitionBounds(schema, y);
        const inside = Buffer.compare(kx, b.start) >= 0 && Buffer.compare(kx, b.end) < 0;
        assert.equal(inside, dynamoCompare(x, y) === 0);
      }),
      { numRuns: 2000 },
    );
  });

  it('needs a sort key; BEGINS_WITH is not defined on numbers', () => {
    assert.throws(() => rangeBounds({ hash: { name: 'pk', type: 'S' } }, { S: 'a' }, 'EQ', [{ S: 'x' }]), TypeError);
    const n: KeySchemaDef = { hash: { name: 'pk', type: 'S' }, range: { name: 'sk', type: 'N' } };
    assert.throws(() => rangeBounds(n, { S: 'a' }, 'BEGINS_WITH', [{ N: '1' }]), TypeError);
  });
});
