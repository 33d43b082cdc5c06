/**
 * A space's index kept outside the JavaScript heap: native/key-index.c's ordered map from binary
 * key strings to numbers, behind the same interface as KeyMap (key-map.ts). The in-memory engine
 * uses it for its spaces when the addon is built (values are slab addresses), and the log engine
 * (values are places, log/places.ts); without the addon, or with `EDDY_NATIVE_INDEX=0`, both use
 * KeyMap.
 *
 * Why: a new key in KeyMap costs heap objects (its string kept in a leaf, three array splices) and
 * a walk of heap nodes; the keys then sit in the old generation, which every mark-compact traces.
 * Here a key is copied into malloc'd memory the collector never sees, and a walk reads two arrays of
 * plain numbers (docs/performance.md, round fourteen).
 *
 * Walks (forEachFrom / forEachDownFrom) fetch entries in batches (16, then 4× more each time up to
 * 1024) and start each batch after the last key handed out: the callback may change the map, and a
 * change is seen from the next batch on.
 */
import { KeyMap, type OrderedMap, type RangeBound } from './key-map.js';
import { nativeAddon } from './native-addon.js';

/** The index functions of native/key-index.c. */
export interface NativeIndexFunctions {
  /** An empty index; leafMax and groupMax (4-64, tests) make its nodes smaller than the engines' 64. */
  indexNew(leafMax?: number, groupMax?: number): object;
  indexSize(index: object): number;
  indexGet(index: object, key: string): number | undefined;
  indexSet(index: object, key: string, value: number): number | undefined;
  indexDelete(index: object, key: string): number | undefined;
  /**
   * Up to max entries as [key, value, ...] from bound (undefined: an end) onwards or, with reverse,
   * downwards, and not past stop when given.
   */
  indexRange(
    index: object,
    bound: string | undefined,
    include: boolean,
    reverse: boolean,
    max: number,
    stop?: string,
    stopInclude?: boolean,
  ): (string | number)[];
  /**
   * The values indexRange would give: out[0] = their count, out[1..count] the values (out holds
   * more than max numbers). Returns the last one's key, undefined when there is none.
   */
  indexRangeValues(
    index: object,
    bound: string | undefined,
    include: boolean,
    reverse: boolean,
    max: number,
    stop: string | undefined,
    stopInclude: boolean,
    out: Float64Array,
  ): string | undefined;
  /** undefined when the structure holds, else what is wrong. */
  indexCheck(index: object): string | undefined;
  /** Asks for the memory lookups of these keys will read (a hint: changes nothing). */
  indexPrefetch(index: object, keys: string[]): void;
}

/** Entries fetched by a walk's first batch (a Query's page is often a few items), then 4× each time. */
const FIRST_BATCH = 16;
const MAX_BATCH = 1024;
/** Where indexRangeValues puts a batch (one per thread: a module instance per worker). */
const BATCH_OUT = new Float64Array(MAX_BATCH + 1);

export class NativeKeyMap implements OrderedMap<number> {
  private readonly handle: object;

  /** `shape` (tests): smaller nodes, so that few keys reach every split and merge. */
  constructor(
    private readonly fns: NativeIndexFunctions,
    shape?: { leafMax: number; groupMax: number },
  ) {
    this.handle = shape === undefined ? fns.indexNew() : fns.indexNew(shape.leafMax, shape.groupMax);
  }

  get size(): number {
    return this.fns.indexSize(this.handle);
  }

  get(key: string): number | undefined {
    return this.fns.indexGet(this.handle, key);
  }

  set(key: string, value: number): number | undefined {
    return this.fns.indexSet(this.handle, key, value);
  }

  delete(key: string): number | undefined {
    return this.fns.indexDelete(this.handle, key);
  }

  forEachFrom(low: string | undefined, lowExclusive: boolean, each: (key: string, value: number) => boolean): void {
    this.walk(low, !lowExclusive, false, each);
  }

  forEachDownFrom(high: string | undefined, highInclusive: boolean, each: (key: string, value: number) => boolean): void {
    this.walk(high, highInclusive, true, each);
  }

  values(): number[] {
    const out: number[] = [];
    this.walk(undefined, true, false, (_k, v) => {
      out.push(v);
      return true;
    });
    return out;
  }

  prefetch(keys: string[]): void {
    this.fns.indexPrefetch(this.handle, keys);
  }

  check(): void {
    const wrong = this.fns.indexCheck(this.handle);
    if (wrong !== undefined) throw new Error(wrong);
  }

  range(from: RangeBound, to: RangeBound, reverse: boolean, limit: number, each: (key: string, value: number) => void): void {
    this.walk(
      from.key,
      from.inclusive,
      reverse,
      (k, v) => {
        each(k, v);
        return true;
      },
      to,
      limit,
    );
  }

  rangeValues(from: RangeBound, to: RangeBound, reverse: boolean, limit: number, out: number[]): string | undefined {
    const buf = BATCH_OUT;
    let bound = from.key;
    let inclusive = from.inclusive;
    let left = limit;
    let last: string | undefined;
    for (let batch = FIRST_BATCH; left > 0; batch = Math.min(batch * 4, MAX_BATCH)) {
      const max = Math.min(batch, left);
      const key = this.fns.indexRangeValues(this.handle, bound, inclusive, reverse, max, to.key, to.inclusive, buf);
      const got = buf[0] as number;
      for (let i = 1; i <= got; i++) out.push(buf[i] as number);
      if (key === undefined) return last;
      last = key;
      if (got < max) return last;
      left -= max;
      bound = key;
      inclusive = false;
    }
    return last;
  }

  /** Entries from `bound` in batches (the native side stops at `stop` and at `limit`), while each returns true. */
  private walk(
    bound: string | undefined,
    include: boolean,
    reverse: boolean,
    each: (key: string, value: number) => boolean,
    stop?: RangeBound,
    limit = Infinity,
  ): void {
    let from = bound;
    let inclusive = include;
    let left = limit;
    for (let batch = FIRST_BATCH; left > 0; batch = Math.min(batch * 4, MAX_BATCH)) {
      const max = Math.min(batch, left);
      const got = this.fns.indexRange(this.handle, from, inclusive, reverse, max, stop?.key, stop?.inclusive ?? false);
      for (let i = 0; i < got.length; i += 2) if (!each(got[i] as string, got[i + 1] as number)) return;
      if (got.length < 2 * max) return;
      left -= max;
      from = got[got.length - 2] as string;
      inclusive = false;
    }
  }
}

/** The native index functions, or null without the addon or with EDDY_NATIVE_INDEX=0. */
export function nativeIndex(): NativeIndexFunctions | null {
  if (process.env.EDDY_NATIVE_INDEX === '0') return null;
  const addon = nativeAddon() as (NativeIndexFunctions & object) | null;
  // An addon built from older sources lacks the newest function: then none are used.
  return addon !== null && typeof addon.indexRangeValues === 'function' ? addon : null;
}

/** A new index of numbers: native where it can be, else KeyMap. */
export function numberIndex(): OrderedMap<number> {
  const fns = nativeIndex();
  return fns === null ? new KeyMap<number>() : new NativeKeyMap(fns);
}

/** A new index of the given keys (ascending, no duplicates) with their numbers, as numberIndex chooses. */
export function numberIndexFromSorted(keys: readonly string[], values: readonly number[]): OrderedMap<number> {
  const fns = nativeIndex();
  if (fns === null) return KeyMap.fromSorted(keys, values);
  const map = new NativeKeyMap(fns);
  for (let i = 0; i < keys.length; i++) map.set(keys[i] as string, values[i] as number);
  return map;
}
