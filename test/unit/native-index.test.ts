import { test } from 'node:test';
import assert from 'node:assert/strict';
import { KeyMap } from '../../src/storage/key-map.js';
import { keyBytes, scanSpace, spacePage } from '../../src/storage/key-tree.js';
import { NativeKeyMap, nativeIndex, numberIndex, numberIndexFromSorted } from '../../src/storage/native-index.js';
import { rng, smallKey, tableKey } from './key-samples.js';

const fns = nativeIndex();
const skip = fns === null && 'the native addon is not built here';

/** Keys of 0–20 bytes over a tiny alphabet: ties of the eight-byte prefix, and prefixes of each other. */
function longKey(r: () => number): string {
  const alphabet = [0, 1, 128, 255];
  const len = Math.floor(r() * 21);
  let k = '';
  for (let i = 0; i < len; i++) k += String.fromCharCode(alphabet[Math.floor(r() * alphabet.length)] as number);
  return k;
}

/** Every entry a walk yields, as [key, value] pairs, stopping after `limit`. */
function walk(map: KeyMap<number> | NativeKeyMap, bound: string | undefined, flag: boolean, down: boolean, limit: number): [string, number][] {
  const out: [string, number][] = [];
  const each = (k: string, v: number): boolean => {
    out.push([k, v]);
    return out.length < limit;
  };
  if (down) map.forEachDownFrom(bound, flag, each);
  else map.forEachFrom(bound, flag, each);
  return out;
}

/** The engines' node sizes, and the smallest (4 entries a leaf, 4 leaves a group: every split, merge and tier boundary within a few keys). */
const SHAPES = [
  ['default nodes', undefined],
  ['nodes of 4', { leafMax: 4, groupMax: 4 }],
  ['nodes of 5 and 7', { leafMax: 5, groupMax: 7 }],
] as const;

for (const [name, gen, ops] of [
  ['small keys', smallKey, 40_000],
  ['long keys with shared prefixes', longKey, 40_000],
  ['table-like keys', tableKey, 30_000],
] as const) {
  for (const [shapeName, shape] of SHAPES) {
    test(`native index: random sets, deletes, gets and walks agree with KeyMap (${name}, ${shapeName})`, { skip }, () => {
      const r = rng(name.length * 7919 + shapeName.length);
      const native = new NativeKeyMap(fns!, shape);
      const model = new KeyMap<number>();
      const seen: string[] = [];
      for (let op = 0; op < (shape === undefined ? ops : ops / 2); op++) {
        const k = seen.length > 0 && r() < 0.3 ? (seen[Math.floor(r() * seen.length)] as string) : gen(r);
        const x = r();
        if (x < 0.03) {
          // A hint only: what follows must agree as if it had not been given.
          native.prefetch([k, gen(r), gen(r)]);
        } else if (x < 0.55) {
          const v = Math.floor(r() * 2 ** 40) + r();
          assert.equal(native.set(k, v), model.set(k, v), `set ${JSON.stringify(k)}`);
          seen.push(k);
        } else if (x < 0.8) {
          assert.equal(native.delete(k), model.delete(k), `delete ${JSON.stringify(k)}`);
        } else if (x < 0.9) {
          assert.equal(native.get(k), model.get(k), `get ${JSON.stringify(k)}`);
        } else if (x < 0.95) {
          // A range query: the native map's one-call range against KeyMap's walk, both through scanSpace.
          const other = gen(r);
          const [lo, hi] = k < other ? [k, other] : [other, k];
          const q = {
            space: 's',
            ...(r() < 0.8 ? { start: keyBytes(lo), startExclusive: r() < 0.5 } : {}),
            ...(r() < 0.8 ? { end: keyBytes(hi), endInclusive: r() < 0.5 } : {}),
            reverse: r() < 0.5,
            ...(r() < 0.5 ? { limit: 1 + Math.floor(r() * 40) } : {}),
          };
          const rows = (map: KeyMap<number> | NativeKeyMap): [string, number][] => {
            const out: [string, number][] = [];
            scanSpace(map, q, (key, v) => out.push([key, v]));
            return out;
          };
          const expected = rows(model);
          assert.deepEqual(rows(native), expected, `range ${JSON.stringify(q)}`);
          // The values-only range (Query and Scan pages): the same values, and the last row's key.
          // The page's LastEvaluatedKey is the last row's key, given only when `limit` rows came back.
          const lastKey = q.limit !== undefined && expected.length === q.limit ? keyBytes((expected.at(-1) as [string, number])[0]) : undefined;
          for (const map of [native, model]) {
            const page = spacePage(map, q);
            assert.deepEqual(page.values, expected.map(([, v]) => v), `range values ${JSON.stringify(q)}`);
            assert.deepEqual(page.lastKey, lastKey, `range's last key ${JSON.stringify(q)}`);
          }
        } else {
          const bound = r() < 0.1 ? undefined : k;
          const flag = r() < 0.5;
          const down = r() < 0.5;
          const limit = r() < 0.5 ? 1 + Math.floor(r() * 40) : Infinity;
          assert.deepEqual(walk(native, bound, flag, down, limit), walk(model, bound, flag, down, limit), `walk from ${JSON.stringify(bound)}`);
        }
        assert.equal(native.size, model.size);
        if (op % 5000 === 0) native.check();
      }
      native.check();
      assert.deepEqual(native.values(), model.values());
    });
  }
}

for (const [shapeName, shape] of SHAPES) {
  test(`native index: a large map emptied in random order keeps its invariants and ends empty (${shapeName})`, { skip }, () => {
    const r = rng(42);
    const native = new NativeKeyMap(fns!, shape);
    const keys = new Set<string>();
    while (keys.size < 50_000) keys.add(tableKey(r));
    const list = [...keys];
    list.forEach((k, i) => assert.equal(native.set(k, i), undefined));
    native.check();
    assert.equal(native.size, 50_000);
    for (let i = list.length - 1; i > 0; i--) {
      const j = Math.floor(r() * (i + 1));
      [list[i], list[j]] = [list[j] as string, list[i] as string];
    }
    list.forEach((k, i) => {
      assert.notEqual(native.delete(k), undefined);
      if (i % 10_000 === 0) native.check();
    });
    native.check();
    assert.equal(native.size, 0);
    assert.deepEqual(walk(native, undefined, true, false, Infinity), []);
    assert.deepEqual(walk(native, undefined, true, true, Infinity), []);
    assert.equal(native.get(list[0] as string), undefined);
    native.set('again', 1);
    assert.deepEqual(walk(native, undefined, true, false, Infinity), [['again', 1]]);
  });
}

for (const [shapeName, shape] of SHAPES) {
  test(`native index: a walk that deletes each key it is handed, and adds keys ahead, visits every key once in order (${shapeName})`, { skip }, () => {
    const native = new NativeKeyMap(fns!, shape);
    const key = (i: number): string => `k${String(i).padStart(5, '0')}`;
    for (let i = 0; i < 5000; i += 2) native.set(key(i), i);
    const seen: number[] = [];
    native.forEachFrom(undefined, false, (k, v) => {
      seen.push(v);
      native.delete(k);
      // Keys added beyond the current batch (16 entries, then 64, 256, 1024, 1024) are seen.
      if (v % 1000 === 0) native.set(key(v + 2999), v + 2999);
      return true;
    });
    const expected = [...Array.from({ length: 2500 }, (_, i) => 2 * i), 2999, 3999, 4999, 5999, 6999].sort((a, b) => a - b);
    assert.deepEqual(seen, expected);
    assert.equal(native.size, 0);
    native.check();
  });
}

for (const [shapeName, shape] of SHAPES) {
  test(`native index: keys added in order, in reverse order and in between keep every key and its order (${shapeName})`, { skip }, () => {
    const native = new NativeKeyMap(fns!, shape);
    const model = new KeyMap<number>();
    const key = (i: number): string => `p\u0001${String(i).padStart(6, '0')}`;
    const add = (i: number): void => {
      assert.equal(native.set(key(i), i), model.set(key(i), i));
    };
    // Appends at the end fill each leaf and group before starting the next (a rebuild after replay).
    for (let i = 3000; i < 6000; i++) add(i);
    native.check();
    for (let i = 2999; i >= 0; i--) add(i);
    native.check();
    for (let i = 0; i < 6000; i += 7) add(i); // replaces
    for (let i = 0; i < 6000; i += 3) assert.equal(native.delete(key(i)), model.delete(key(i)));
    native.check();
    assert.equal(native.size, model.size);
    assert.deepEqual(walk(native, undefined, true, false, Infinity), walk(model, undefined, true, false, Infinity));
    assert.deepEqual(walk(native, key(4500), false, true, 100), walk(model, key(4500), false, true, 100));
  });
}

test('native index: keys longer than its 8 KiB argument buffer, and empty keys, are kept whole', { skip }, () => {
  const native = new NativeKeyMap(fns!);
  const long = (c: number): string => String.fromCharCode(c).repeat(10_000);
  native.set(long(5), 1);
  native.set(`${long(5)}\u0000`, 2);
  native.set('', 3);
  native.set(long(4), 4);
  assert.equal(native.get(long(5)), 1);
  assert.equal(native.get(`${long(5)}\u0000`), 2);
  assert.equal(native.get(''), 3);
  assert.equal(native.get(long(5).slice(1)), undefined);
  assert.deepEqual(
    walk(native, undefined, true, false, Infinity).map(([k, v]) => [k.length, v]),
    [[0, 3], [10_000, 4], [10_000, 1], [10_001, 2]],
  );
  native.check();
});

test('native index: wrong arguments are refused with a TypeError, not a crash', { skip }, () => {
  const f = fns!;
  const h = f.indexNew();
  const call = (fn: unknown, ...a: unknown[]): unknown => (fn as (...x: unknown[]) => unknown)(...a);
  assert.throws(() => call(f.indexGet, {}, 'k'), TypeError);
  assert.throws(() => call(f.indexGet, h, 7), TypeError);
  assert.throws(() => call(f.indexSet, h, 'k', 'not a number'), TypeError);
  assert.throws(() => call(f.indexSet, h), TypeError);
  assert.throws(() => call(f.indexRange, h, 5, true, false, 10), TypeError);
  assert.throws(() => call(f.indexRange, h, undefined, true, false, 0), TypeError);
  const out = new Float64Array(11);
  assert.throws(() => call(f.indexRangeValues, h, undefined, true, false, 10, undefined, false), TypeError);
  assert.throws(() => call(f.indexRangeValues, h, undefined, true, false, 10, undefined, false, [0]), TypeError);
  assert.throws(() => call(f.indexRangeValues, h, undefined, true, false, 10, undefined, false, new Uint32Array(11)), TypeError);
  assert.throws(() => call(f.indexRangeValues, h, undefined, true, false, 11, undefined, false, out), TypeError, 'out too short');
  assert.throws(() => call(f.indexRangeValues, h, 5, true, false, 10, undefined, false, out), TypeError);
  assert.throws(() => call(f.indexRangeValues, h, undefined, true, false, 10, 5, false, out), TypeError);
  assert.throws(() => call(f.indexRangeValues, {}, undefined, true, false, 10, undefined, false, out), TypeError);
  assert.equal(f.indexRangeValues(h, undefined, true, false, 10, undefined, false, out), undefined);
  assert.equal(out[0], 0);
  for (const shape of [[3, 4], [4, 65], [4.5, 4], [4], ['4', '4'], [NaN, 8]]) {
    assert.throws(() => call(f.indexNew, ...shape), RangeError, `indexNew(${shape.join(', ')})`);
  }
  assert.throws(() => call(f.indexPrefetch, h, 'k'), TypeError);
  assert.throws(() => call(f.indexPrefetch, {}, ['k']), TypeError);
  f.indexSet(h, 'k', 1);
  // Entries that are not strings are skipped: prefetch is a hint.
  call(f.indexPrefetch, h, [1, {}, 'k', undefined, 'z']);
  assert.equal(f.indexSize(h), 1);
  f.indexDelete(h, 'k');
  assert.equal(f.indexSize(h), 0);
});

test('numberIndex is native when the addon is built, KeyMap with EDDY_NATIVE_INDEX=0', () => {
  assert.equal(numberIndex() instanceof NativeKeyMap, fns !== null);
  const saved = process.env.EDDY_NATIVE_INDEX;
  process.env.EDDY_NATIVE_INDEX = '0';
  try {
    assert.ok(numberIndex() instanceof KeyMap);
  } finally {
    if (saved === undefined) delete process.env.EDDY_NATIVE_INDEX;
    else process.env.EDDY_NATIVE_INDEX = saved;
  }
});

test('a number index built from sorted keys (the log engine after replay) agrees with KeyMap, then through random writes', { skip }, () => {
  const r = rng(11);
  const keys = [...new Set(Array.from({ length: 20_000 }, () => tableKey(r)))].sort();
  const values = keys.map((_, i) => i);
  const built = numberIndexFromSorted(keys, values) as NativeKeyMap;
  assert.ok(built instanceof NativeKeyMap);
  const model = KeyMap.fromSorted(keys, values);
  built.check();
  assert.deepEqual(built.values(), model.values());
  for (let op = 0; op < 10_000; op++) {
    const k = r() < 0.5 ? (keys[Math.floor(r() * keys.length)] as string) : tableKey(r);
    if (r() < 0.6) {
      assert.equal(built.set(k, 100_000 + op), model.set(k, 100_000 + op));
    } else {
      assert.equal(built.delete(k), model.delete(k));
    }
  }
  built.check();
  assert.deepEqual(built.values(), model.values());
});
