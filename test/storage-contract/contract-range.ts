import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { RangeQuery, StorageEngine } from '../../src/storage/engine.js';
import { bytes, compareBytes, hex, type OpenEngine, prng, uniq, withEngine, write } from './helpers.js';

/** Keys around the edges of unsigned byte order. */
const EDGE_KEYS = [
  bytes(0),
  bytes(0, 0),
  bytes(0, 0xff),
  bytes(0x01),
  bytes(0x7f),
  bytes(0x7f, 0),
  bytes(0x80),
  bytes(0x80, 0x00, 0x00),
  bytes(0xfe, 0xff),
  bytes(0xff),
  bytes(0xff, 0),
  bytes(0xff, 0xff),
  bytes(0xff, 0xff, 0xff),
  bytes(0x10, 0x20, 0x30),
  bytes(0x10, 0x20),
];

async function load(e: StorageEngine, space: string, keys: Uint8Array[]): Promise<void> {
  await write(e, ...keys.map((key) => ({ kind: 'put' as const, space, key, value: hex(key) })));
}

/** What a range query must return, computed by brute force over the loaded keys. */
function expected(keys: Uint8Array[], q: Omit<RangeQuery, 'space'>): string[] {
  let rows = [...keys].sort(compareBytes).filter((k) => {
    if (q.start !== undefined) {
      const c = compareBytes(k, q.start);
      if (c < 0 || (c === 0 && q.startExclusive === true)) return false;
    }
    if (q.end !== undefined) {
      const c = compareBytes(k, q.end);
      if (c > 0 || (c === 0 && q.endInclusive !== true)) return false;
    }
    return true;
  });
  if (q.reverse === true) rows = rows.reverse();
  if (q.limit !== undefined) rows = rows.slice(0, q.limit);
  return rows.map(hex);
}

export function rangeTests(open: OpenEngine): void {
  describe('range', () => {
    it('orders keys by unsigned bytes, shorter prefix first', () =>
      withEngine(open, async (e) => {
        const s = uniq('s');
        await load(e, s, EDGE_KEYS);
        const all = await e.range({ space: s });
        assert.deepEqual(all.map((r) => hex(r.key)), expected(EDGE_KEYS, {}));
        for (const row of all) {
          assert.ok(row.key instanceof Uint8Array);
          assert.equal(row.value, hex(row.key));
        }
        const rev = await e.range({ space: s, reverse: true });
        assert.deepEqual(rev.map((r) => hex(r.key)), expected(EDGE_KEYS, {}).reverse());
      }));

    it('returns nothing for an unknown space, an empty interval or limit 0', () =>
      withEngine(open, async (e) => {
        assert.deepEqual(await e.range({ space: uniq('none') }), []);
        const s = uniq('s');
        await load(e, s, EDGE_KEYS);
        assert.deepEqual(await e.range({ space: s, start: bytes(5), end: bytes(5) }), []);
        assert.deepEqual(await e.range({ space: s, start: bytes(0xff), end: bytes(0x01) }), []);
        assert.deepEqual(await e.range({ space: s, start: bytes(0x7f), startExclusive: true, end: bytes(0x7f), endInclusive: true }), []);
        assert.deepEqual(await e.range({ space: s, limit: 0 }), []);
      }));

    it('honours every combination of bounds, direction and limit (brute-force oracle)', () =>
      withEngine(open, async (e) => {
        const s = uniq('s');
        const rnd = prng(42);
        const keys = [...EDGE_KEYS];
        const seen = new Set(keys.map(hex));
        while (keys.length < 120) {
          const len = Math.floor(rnd() * 4);
          const k = Uint8Array.from({ length: len + 1 }, () => {
            const r = rnd();
            return r < 0.2 ? 0 : r < 0.4 ? 0xff : Math.floor(rnd() * 256);
          });
          if (!seen.has(hex(k))) {
            seen.add(hex(k));
            keys.push(k);
          }
        }
        await load(e, s, keys);
        const pick = (): Uint8Array => {
          // Half the bounds are existing keys (to exercise inclusive/exclusive), half arbitrary.
          if (rnd() < 0.5) return keys[Math.floor(rnd() * keys.length)] as Uint8Array;
          return Uint8Array.from({ length: Math.floor(rnd() * 3) + 1 }, () => Math.floor(rnd() * 256));
        };
        for (let i = 0; i < 300; i++) {
          const q: Omit<RangeQuery, 'space'> = {};
          if (rnd() < 0.7) q.start = pick();
          if (rnd() < 0.5) q.startExclusive = true;
          if (rnd() < 0.7) q.end = pick();
          if (rnd() < 0.5) q.endInclusive = true;
          if (rnd() < 0.5) q.reverse = true;
          if (rnd() < 0.4) q.limit = Math.floor(rnd() * 10) + 1;
          const got = await e.range({ space: s, ...q });
          assert.deepEqual(
            got.map((r) => hex(r.key)),
            expected(keys, q),
            `query ${JSON.stringify({ ...q, start: q.start && hex(q.start), end: q.end && hex(q.end) })}`,
          );
        }
      }));

    it('pages through a space with exclusive starts (forward and reverse)', () =>
      withEngine(open, async (e) => {
        const s = uniq('s');
        const keys = Array.from({ length: 57 }, (_, i) => bytes(i >> 3, (i * 37) & 0xff));
        await load(e, s, keys);
        for (const reverse of [false, true]) {
          const seen: string[] = [];
          let last: Uint8Array | undefined;
          for (;;) {
            const q: RangeQuery = { space: s, reverse, limit: 10 };
            if (last !== undefined) {
              if (reverse) q.end = last;
              else {
                q.start = last;
                q.startExclusive = true;
              }
            }
            const page = await e.range(q);
            seen.push(...page.map((r) => hex(r.key)));
            if (page.length < 10) break;
            last = page[page.length - 1]?.key;
          }
          const all = expected(keys, {});
          assert.deepEqual(seen, reverse ? all.reverse() : all);
        }
      }));
  });
}
