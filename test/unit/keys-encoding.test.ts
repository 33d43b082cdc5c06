import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import {
  decodeIndexKey,
  decodeTableKey,
  encodeIndexKey,
  encodeTableKey,
  hashPrefixOf,
  segmentBounds,
} from '../../src/dynamodb/keys/key-encoding.js';
import type { KeySchemaDef } from '../../src/dynamodb/tables/table-types.js';
import type { AttributeValue, Item, ScalarAttributeType } from '../../src/dynamodb/values/types.js';
import { b64, dynamoCompare, scalarArb, sign } from './keys-arbitraries.js';

const TYPES: ScalarAttributeType[] = ['S', 'N', 'B'];
const RUNS = { numRuns: 2000 };

function rangeSchema(type: ScalarAttributeType): KeySchemaDef {
  return { hash: { name: 'pk', type: 'S' }, range: { name: 'sk', type } };
}

function hex(b: Uint8Array): string {
  return Buffer.from(b).toString('hex');
}

describe('key encoding: order', () => {
  for (const type of TYPES) {
    it(`sort keys of type ${type}: byte order of encodings = DynamoDB order`, () => {
      const schema = rangeSchema(type);
      fc.assert(
        fc.property(scalarArb(type), scalarArb(type), (a, b) => {
          const ka = encodeTableKey(schema, { pk: { S: 'p' }, sk: a });
          const kb = encodeTableKey(schema, { pk: { S: 'p' }, sk: b });
          assert.equal(sign(Buffer.compare(ka, kb)), sign(dynamoCompare(a, b)), `${JSON.stringify(a)} vs ${JSON.stringify(b)}`);
        }),
        RUNS,
      );
    });

    it(`sorting many ${type} sort keys by bytes gives DynamoDB order`, () => {
      const schema = rangeSchema(type);
      fc.assert(
        fc.property(fc.array(scalarArb(type), { minLength: 2, maxLength: 60 }), (values) => {
          const byBytes = [...values].sort((x, y) =>
            Buffer.compare(encodeTableKey(schema, { pk: { S: 'p' }, sk: x }), encodeTableKey(schema, { pk: { S: 'p' }, sk: y })),
          );
          for (let i = 1; i < byBytes.length; i++) {
            assert.ok(dynamoCompare(byBytes[i - 1] as AttributeValue, byBytes[i] as AttributeValue) <= 0);
          }
        }),
        { numRuns: 200 },
      );
    });
  }

  it('composite index keys order by index sort key first, then table key, and stay unique', () => {
    const table: KeySchemaDef = { hash: { name: 'pk', type: 'S' }, range: { name: 'sk', type: 'N' } };
    const index: KeySchemaDef = { hash: { name: 'g', type: 'S' }, range: { name: 'gs', type: 'S' } };
    fc.assert(
      fc.property(scalarArb('S'), scalarArb('N'), scalarArb('S'), scalarArb('S'), scalarArb('N'), scalarArb('S'), (pk1, sk1, gs1, pk2, sk2, gs2) => {
        const a = encodeIndexKey(index, table, { pk: pk1, sk: sk1, g: { S: 'G' }, gs: gs1 });
        const b = encodeIndexKey(index, table, { pk: pk2, sk: sk2, g: { S: 'G' }, gs: gs2 });
        assert.ok(a !== undefined && b !== undefined);
        let expected = dynamoCompare(gs1, gs2);
        if (expected === 0) expected = dynamoCompare(pk1, pk2) || dynamoCompare(sk1, sk2);
        // Equal table pk values compare by sk; different pk compare by pk bytes (any fixed order is fine, but must be total).
        assert.equal(sign(Buffer.compare(a, b)), sign(expected));
      }),
      RUNS,
    );
  });

  it('equal numbers encode equally whatever their text', () => {
    const schema = rangeSchema('N');
    const k = (n: string): string => hex(encodeTableKey(schema, { pk: { S: 'p' }, sk: { N: n } }));
    assert.equal(k('1.50'), k('1.5'));
    assert.equal(k('15e-1'), k('1.5'));
    assert.equal(k('-0'), k('0'));
    assert.equal(k('0.000'), k('0'));
    assert.equal(k('100'), k('1E2'));
    const hs: KeySchemaDef = { hash: { name: 'pk', type: 'N' } };
    assert.equal(hex(encodeTableKey(hs, { pk: { N: '10.0' } })), hex(encodeTableKey(hs, { pk: { N: '10' } })));
  });

  it('extreme numbers keep their order', () => {
    const schema = rangeSchema('N');
    const ordered = [
      '-99999999999999999999999999999999999999' + '0'.repeat(88),
      '-1',
      '-0.' + '0'.repeat(129) + '1',
      '0',
      '0.' + '0'.repeat(129) + '1',
      '0.' + '0'.repeat(129) + '11',
      '0.1',
      '1',
      '1.' + '0'.repeat(36) + '1',
      '10',
      '99999999999999999999999999999999999999' + '0'.repeat(88),
    ];
    const keys = ordered.map((n) => hex(encodeTableKey(schema, { pk: { S: 'p' }, sk: { N: n } })));
    assert.deepEqual([...keys].sort(), keys);
  });
});

describe('key encoding: round trips', () => {
  for (const hashType of TYPES) {
    for (const rangeType of [undefined, ...TYPES]) {
      it(`table key ${hashType}${rangeType ? `+${rangeType}` : ''}`, () => {
        const schema: KeySchemaDef = { hash: { name: 'h', type: hashType } };
        if (rangeType !== undefined) schema.range = { name: 'r', type: rangeType };
        fc.assert(
          fc.property(scalarArb(hashType), scalarArb(rangeType ?? 'S'), (h, r) => {
            const item: Item = rangeType === undefined ? { h } : { h, r };
            assert.deepEqual(decodeTableKey(schema, encodeTableKey(schema, { ...item, other: { S: 'x' } })), canonical(item));
          }),
          { numRuns: 500 },
        );
      });
    }
  }

  it('index key decodes to the index key and the table key', () => {
    const table: KeySchemaDef = { hash: { name: 'pk', type: 'B' }, range: { name: 'sk', type: 'S' } };
    const gsi: KeySchemaDef = { hash: { name: 'g', type: 'N' }, range: { name: 'gs', type: 'B' } };
    const lsi: KeySchemaDef = { hash: { name: 'pk', type: 'B' }, range: { name: 'ls', type: 'N' } };
    fc.assert(
      fc.property(scalarArb('B'), scalarArb('S'), scalarArb('N'), scalarArb('B'), scalarArb('N'), (pk, sk, g, gs, ls) => {
        const item: Item = { pk, sk, g, gs, ls, x: { BOOL: true } };
        const k = encodeIndexKey(gsi, table, item);
        assert.ok(k !== undefined);
        assert.deepEqual(decodeIndexKey(gsi, table, k), { indexKey: canonical({ g, gs }), tableKey: canonical({ pk, sk }) });
        const l = encodeIndexKey(lsi, table, item);
        assert.ok(l !== undefined);
        assert.deepEqual(decodeIndexKey(lsi, table, l), { indexKey: canonical({ pk, ls }), tableKey: canonical({ pk, sk }) });
      }),
      { numRuns: 500 },
    );
  });

  it('items without an index key attribute (or with another type) are not in the index', () => {
    const table: KeySchemaDef = { hash: { name: 'pk', type: 'S' } };
    const gsi: KeySchemaDef = { hash: { name: 'g', type: 'S' }, range: { name: 'gs', type: 'N' } };
    assert.equal(encodeIndexKey(gsi, table, { pk: { S: 'a' } }), undefined);
    assert.equal(encodeIndexKey(gsi, table, { pk: { S: 'a' }, g: { S: 'x' } }), undefined);
    assert.equal(encodeIndexKey(gsi, table, { pk: { S: 'a' }, g: { S: 'x' }, gs: { S: '1' } }), undefined);
    assert.ok(encodeIndexKey(gsi, table, { pk: { S: 'a' }, g: { S: 'x' }, gs: { N: '1' } }) instanceof Uint8Array);
  });
});

/** Values as decode returns them: canonical base64 for B (numbers are canonical already). */
function canonical(item: Item): Item {
  const out: Item = {};
  for (const [k, v] of Object.entries(item)) out[k] = 'B' in v ? { B: b64(Buffer.from(v.B, 'base64')) } : v;
  return out;
}

describe('key encoding: hash prefix and segments', () => {
  it('the partition key value alone decides the prefix (scan order is by hash, not insertion)', () => {
    const schema = rangeSchema('N');
    const a = encodeTableKey(schema, { pk: { S: 'user#1' }, sk: { N: '1' } });
    const b = encodeTableKey(schema, { pk: { S: 'user#1' }, sk: { N: '2' } });
    assert.equal(hashPrefixOf(a), hashPrefixOf(b));
    const prefixes = new Set(Array.from({ length: 1000 }, (_, i) => hashPrefixOf(encodeTableKey(schema, { pk: { S: `user#${i}` }, sk: { N: '1' } })) >>> 24));
    assert.ok(prefixes.size > 200, `top byte of 1000 hashes covers ${prefixes.size} of 256 values`);
  });

  it('every key falls in exactly one parallel-scan segment', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), fc.array(scalarArb('S'), { minLength: 1, maxLength: 20 }), (total, pks) => {
        const schema: KeySchemaDef = { hash: { name: 'pk', type: 'S' } };
        const probe = [0, 1, Math.floor(total / 2), total - 1].filter((s) => s >= 0 && s < total);
        for (const pk of pks) {
          const key = encodeTableKey(schema, { pk });
          // The segment computed from the prefix must contain the key, its neighbours must not.
          const seg = Math.floor((hashPrefixOf(key) * total) / 2 ** 32);
          const inside = (s: number): boolean => {
            const { start, end } = segmentBounds(s, total);
            return (start === undefined || Buffer.compare(key, start) >= 0) && (end === undefined || Buffer.compare(key, end) < 0);
          };
          const candidates = new Set([...probe, seg, Math.max(seg - 1, 0), Math.min(seg + 1, total - 1)]);
          const hits = [...candidates].filter(inside);
          assert.equal(hits.length, 1);
        }
        // Adjacent segments share their boundary.
        for (const s of probe) {
          if (s + 1 < total) assert.deepEqual(segmentBounds(s, total).end, segmentBounds(s + 1, total).start);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('rejects bad segments', () => {
    assert.throws(() => segmentBounds(2, 2), RangeError);
    assert.throws(() => segmentBounds(-1, 2), RangeError);
    assert.deepEqual(segmentBounds(0, 1), {});
  });
});
