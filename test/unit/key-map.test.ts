import { test } from 'node:test';
import assert from 'node:assert/strict';
import { KeyMap, keyPrefix } from '../../src/storage/key-map.js';
import { rng, smallKey, tableKey } from './key-samples.js';

/** The keys a model (sorted array) yields for forEachFrom / forEachDownFrom. */
function expectedFrom(model: string[], low: string | undefined, exclusive: boolean): string[] {
  return model.filter((k) => low === undefined || k > low || (k === low && !exclusive));
}
function expectedDown(model: string[], high: string | undefined, inclusive: boolean): string[] {
  return model.filter((k) => high === undefined || k < high || (k === high && inclusive)).reverse();
}

/** Values are `v:<key>` unless a test overwrote them (then checked against its own model). */
const valueOf = (k: string): string => `v:${k}`;

/** The keys a scan yields (forEachFrom, or forEachDownFrom with `down`), checking each value. */
function collect(set: KeyMap<string>, bound: string | undefined, flag: boolean, limit = Infinity, down = false): string[] {
  const out: string[] = [];
  const each = (k: string, v: string): boolean => {
    assert.equal(v, valueOf(k));
    out.push(k);
    return out.length < limit;
  };
  if (down) set.forEachDownFrom(bound, flag, each);
  else set.forEachFrom(bound, flag, each);
  return out;
}
const collectFrom = (set: KeyMap<string>, low: string | undefined, exclusive: boolean, limit = Infinity): string[] => collect(set, low, exclusive, limit);
const collectDown = (set: KeyMap<string>, high: string | undefined, inclusive: boolean, limit = Infinity): string[] => collect(set, high, inclusive, limit, true);

/** add/remove in the terms of the tests: true when the key was new / was there. */
const add = (set: KeyMap<string>, k: string): boolean => set.set(k, valueOf(k)) === undefined;
const remove = (set: KeyMap<string>, k: string): boolean => {
  const old = set.delete(k);
  if (old !== undefined) assert.equal(old, valueOf(k));
  return old !== undefined;
};

/** Inserts into a sorted array model; returns false if present. */
function modelAdd(model: string[], k: string): boolean {
  let lo = 0;
  let hi = model.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((model[mid] as string) < k) lo = mid + 1;
    else hi = mid;
  }
  if (model[lo] === k) return false;
  model.splice(lo, 0, k);
  return true;
}
function modelDelete(model: string[], k: string): boolean {
  const i = model.indexOf(k);
  if (i < 0) return false;
  model.splice(i, 1);
  return true;
}

test('keyPrefix never orders two keys against their string order', () => {
  const r = rng(3);
  for (let n = 0; n < 50000; n++) {
    const a = smallKey(r);
    const b = smallKey(r);
    if (a < b) assert.ok(keyPrefix(a) <= keyPrefix(b), `${JSON.stringify(a)} < ${JSON.stringify(b)}`);
    if (a === b) assert.equal(keyPrefix(a), keyPrefix(b));
  }
  // Unequal first six bytes decide: the prefix is exact there.
  assert.ok(keyPrefix('\u00ff') > keyPrefix('\u00fe\u00ff\u00ff\u00ff\u00ff\u00ff\u00ff'));
  assert.ok(keyPrefix('abcdef') > keyPrefix('abcdee\u00ff'));
  assert.equal(keyPrefix('ab'), keyPrefix('ab\u0000'));
});

test('random sets and deletes agree with a sorted array, scans from every kind of bound included', () => {
  for (const [seed, makeKey, ops] of [
    [11, smallKey, 30000],
    [12, tableKey, 30000],
  ] as const) {
    const r = rng(seed);
    const set = new KeyMap<string>();
    const model: string[] = [];
    const pool: string[] = [];
    for (let n = 0; n < ops; n++) {
      // Phases: mostly adds, then mostly deletes, then mixed, so nodes split, merge and vanish.
      const phase = Math.floor((n / ops) * 3);
      const addShare = phase === 0 ? 0.8 : phase === 1 ? 0.25 : 0.5;
      const k = pool.length > 0 && r() < 0.5 ? (pool[Math.floor(r() * pool.length)] as string) : makeKey(r);
      pool.push(k);
      if (r() < addShare) assert.equal(add(set, k), modelAdd(model, k), `add ${JSON.stringify(k)} at op ${n}`);
      else assert.equal(remove(set, k), modelDelete(model, k), `delete ${JSON.stringify(k)} at op ${n}`);
      assert.equal(set.size, model.length);
      if (n % 1000 === 999) {
        set.check();
        assert.deepEqual(collectFrom(set, undefined, false), model);
        assert.deepEqual(collectDown(set, undefined, true), [...model].reverse());
        assert.equal(collectFrom(set, undefined, false, 1)[0], model[0]);
        assert.equal(collectDown(set, undefined, true, 1)[0], model[model.length - 1]);
      }
      if (n % 97 === 0) {
        const bound = r() < 0.5 && model.length > 0 ? (model[Math.floor(r() * model.length)] as string) : makeKey(r);
        const flag = r() < 0.5;
        const limit = 1 + Math.floor(r() * 40);
        assert.deepEqual(collectFrom(set, bound, flag, limit), expectedFrom(model, bound, flag).slice(0, limit));
        assert.deepEqual(collectDown(set, bound, flag, limit), expectedDown(model, bound, flag).slice(0, limit));
        assert.equal(set.get(bound), model.includes(bound) ? valueOf(bound) : undefined);
      }
    }
    set.check();
  }
});

test('a large set emptied at random keeps its invariants and ends as one empty leaf', () => {
  const r = rng(5);
  const set = new KeyMap<string>();
  const keys = Array.from({ length: 40000 }, () => tableKey(r));
  for (const k of keys) add(set, k);
  set.check();
  const sorted = [...new Set(keys)].sort();
  assert.equal(set.size, sorted.length);
  assert.deepEqual(collectFrom(set, undefined, false), sorted);
  // Delete in random order, checking on the way down.
  const order = [...sorted];
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [order[i], order[j]] = [order[j] as string, order[i] as string];
  }
  order.forEach((k, i) => {
    assert.ok(remove(set, k));
    if (i % 5000 === 0) set.check();
  });
  set.check();
  assert.equal(set.size, 0);
  assert.deepEqual(collectFrom(set, undefined, false), []);
  assert.deepEqual(collectDown(set, undefined, true), []);
  assert.ok(add(set, 'again'));
  assert.deepEqual(collectFrom(set, undefined, false), ['again']);
});

test('churn on a three-level tree: mass deletes then adds into the gaps they left', () => {
  const r = rng(21);
  const set = new KeyMap<string>();
  const model = new Set<string>();
  for (let round = 0; round < 8; round++) {
    for (let i = 0; i < 12000; i++) {
      const k = tableKey(r);
      add(set, k);
      model.add(k);
    }
    const all = [...model];
    for (const k of all) {
      if (r() < 0.85) {
        assert.ok(remove(set, k));
        model.delete(k);
      }
    }
    set.check();
    const sorted = [...model].sort();
    assert.deepEqual(collectFrom(set, undefined, false), sorted);
    for (const k of all.slice(0, 2000)) assert.equal(set.get(k) !== undefined, model.has(k));
  }
});

test('an inner node that lost its first child, merged into its left neighbour, keeps routing the keys below its old first bound', () => {
  // fromSorted: leaves of 48 keys, inner nodes of 48 leaves. 3 inner nodes under the root.
  const keys = Array.from({ length: 48 * 48 * 3 }, (_, i) => `k${String(i).padStart(6, '0')}`);
  const set = KeyMap.fromSorted(keys, keys.map(valueOf));
  const leaf = (n: number): string[] => keys.slice(n * 48, n * 48 + 48);
  // Empty leaf 48, the first child of the second inner node: it goes.
  for (const k of leaf(48)) assert.ok(remove(set, k));
  // Keys in the gap it left: they now go to the inner node's new first child.
  const gap = leaf(48).slice(0, 5);
  for (const k of gap) assert.ok(add(set, k));
  set.check();
  // Empty most leaves of the first two inner nodes, so that the second merges into the first.
  for (let n = 1; n < 45; n++) for (const k of leaf(n)) remove(set, k);
  for (let n = 50; n < 92; n++) for (const k of leaf(n)) remove(set, k);
  set.check();
  for (const k of gap) assert.equal(set.get(k), valueOf(k), k);
  const expected = keys.filter((k, i) => (i < 48 || (i >= 45 * 48 && i < 48 * 48) || gap.includes(k) || (i >= 49 * 48 && i < 50 * 48) || i >= 92 * 48));
  assert.deepEqual(collectFrom(set, undefined, false), expected);
});

test('fromSorted builds the same map as one set per key, and it takes sets and deletes after', () => {
  const r = rng(9);
  for (const n of [0, 1, 47, 48, 49, 48 * 48, 48 * 48 + 1, 20000]) {
    const sorted = [...new Set(Array.from({ length: n }, () => tableKey(r)))].sort();
    const set = KeyMap.fromSorted(sorted, sorted.map(valueOf));
    set.check();
    assert.equal(set.size, sorted.length);
    assert.deepEqual(collectFrom(set, undefined, false), sorted);
    const model = [...sorted];
    for (let i = 0; i < 3000; i++) {
      const k = r() < 0.5 && model.length > 0 ? (model[Math.floor(r() * model.length)] as string) : tableKey(r);
      if (r() < 0.5) assert.equal(add(set, k), modelAdd(model, k));
      else assert.equal(remove(set, k), modelDelete(model, k));
    }
    set.check();
    assert.deepEqual(collectFrom(set, undefined, false), model);
  }
});

test('set replaces a value and returns the old one; values() walks them in key order', () => {
  const set = new KeyMap<number>();
  const r = rng(31);
  const model = new Map<string, number>();
  for (let i = 0; i < 20000; i++) {
    const k = `k${Math.floor(r() * 3000)}`;
    if (r() < 0.8) {
      assert.equal(set.set(k, i), model.get(k));
      model.set(k, i);
    } else {
      assert.equal(set.delete(k), model.get(k));
      model.delete(k);
    }
  }
  set.check();
  const sortedKeys = [...model.keys()].sort();
  assert.deepEqual(set.values(), sortedKeys.map((k) => model.get(k)));
  for (const k of sortedKeys.slice(0, 500)) assert.equal(set.get(k), model.get(k));
  assert.equal(set.get('absent'), undefined);
});
