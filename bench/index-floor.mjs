#!/usr/bin/env node
// The floor of a write of a new key into an index held in the JavaScript heap, as both embedded
// engines keep it (memory/heap-engine.ts, log/log-engine.ts): the key as a string and a small record
// per key, in an ordered map (src/storage/key-map.ts). Nothing else: no HTTP,
// no JSON, no validation, no value bytes, no disk.
//
// Keys are fresh and random, 25 per batch, shaped like table keys (4 hash bytes, then the key), as
// in the BatchWrite25 workload. Prints the cost per key in windows as the index grows, with the
// share of it spent in garbage collection. Compare 25 × this with the budget per request of a
// BatchWrite25 target (docs/performance.md, round eight).
// Usage: node bench/index-floor.mjs [--keys 3000000] [--window 250000] [--index keymap|native|map|map+keys|none]
//   keymap (default): the JavaScript ordered map, a lookup of the old value and a set;
//   native: what the engines do with the addon built (native/key-index.c): each batch's keys
//   prefetched, then a set of each, its number the value's place;
//   map: a hash map alone (no order: not enough for ranges); map+keys: a hash map beside an ordered
//   key set (the design before round eight); none: only making the keys and records.
//   Run after npm run build (it loads dist/src/storage/key-map.js).
import { PerformanceObserver } from 'node:perf_hooks';
import { randomBytes } from 'node:crypto';

const { KeyMap } = await import(new URL('../dist/src/storage/key-map.js', import.meta.url).href);
const { NativeKeyMap, nativeIndex } = await import(new URL('../dist/src/storage/native-index.js', import.meta.url).href);
const args = process.argv.slice(2);
const opt = (name, dflt) => (args.includes(name) ? Number(args[args.indexOf(name) + 1]) : dflt);
const TOTAL = opt('--keys', 3_000_000);
const WINDOW = opt('--window', 250_000);
const BATCH = 25;
const index = args.includes('--index') ? args[args.indexOf('--index') + 1] : 'keymap';
if (!['keymap', 'native', 'map', 'map+keys', 'none'].includes(index)) throw new Error(`unknown --index ${index}`);

let gcMs = 0;
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) gcMs += e.duration;
}).observe({ entryTypes: ['gc'] });

/** The engines' per-key record: a value's place (log engine) or the value and its length (memory). */
class Place {
  constructor(seg, off, len) {
    this.seg = seg;
    this.off = off;
    this.len = len;
    this.pending = undefined;
    this.memo = -1;
  }
}

const map = new Map();
const tree = new KeyMap();
const fns = index === 'native' ? nativeIndex() : null;
if (index === 'native' && fns === null) throw new Error('the native addon is not built (npm run build)');
const native = fns === null ? null : new NativeKeyMap(fns);
const batch = [];
const nonce = randomBytes(4).toString('hex');
const bytes = Buffer.alloc(4);
let done = 0;
console.log(`index: ${index}`);
console.log('keys in index   ns/key (all)   ns/key in GC   × 25 = µs per BatchWrite25');
while (done < TOTAL) {
  const gc0 = gcMs;
  const t0 = performance.now();
  for (let n = 0; n < WINDOW; n += BATCH) {
    batch.length = 0;
    for (let i = 0; i < BATCH; i++) {
      bytes.writeUInt32BE((Math.random() * 4294967296) >>> 0, 0);
      // As key-tree.ts keyText makes it: one UTF-16 code unit per byte.
      const k = `${String.fromCharCode(bytes[0], bytes[1], bytes[2], bytes[3])}\u0001${nonce}-${1 + Math.floor(Math.random() * 2147483647)}\u0000`;
      if (index === 'native') {
        batch.push(k);
        done++;
        continue;
      }
      const place = new Place(done & 255, done * 1100, 1100);
      if (index === 'keymap') {
        if (tree.get(k) === undefined) tree.set(k, place);
      } else if (index === 'map') {
        if (map.get(k) === undefined) map.set(k, place);
      } else if (index === 'map+keys') {
        if (map.get(k) === undefined) tree.set(k, true);
        map.set(k, place);
      }
      done++;
    }
    if (native !== null) {
      native.prefetch(batch);
      for (let i = 0; i < BATCH; i++) native.set(batch[i], (done - BATCH + i) * 1100);
    }
    if (n % 2500 === 0) await new Promise((r) => setImmediate(r)); // let the GC observer run, as a server's turns would
  }
  const ms = performance.now() - t0;
  const perKey = (ms * 1e6) / WINDOW;
  const gcPerKey = ((gcMs - gc0) * 1e6) / WINDOW;
  console.log(`${String(done).padStart(13)}   ${perKey.toFixed(0).padStart(12)}   ${gcPerKey.toFixed(0).padStart(12)}   ${((perKey * BATCH) / 1000).toFixed(1).padStart(10)}`);
}
