import BTreeModule from 'sorted-btree';
import type { LogRecord, RangeQuery, SpaceId, Write } from './engine.js';
import type { OrderedMap, RangeBound } from './key-map.js';

/**
 * What the engines that keep their index in the process's memory (memory/heap-engine.ts,
 * log/log-engine.ts) share: the key form (binary strings), range scans over a space's ordered map,
 * the ordered tree of their catalogs (sorted-btree), and log helpers.
 */

/** The part of sorted-btree's BTree used here, with keys and values as strings. */
export interface Tree {
  readonly size: number;
  get(key: string): string | undefined;
  set(key: string, value: string, overwrite?: boolean): boolean;
  delete(key: string): boolean;
  minKey(): string | undefined;
  maxKey(): string | undefined;
  /** Calls onFound for keys in [low, high] (or [low, high)); `{ break }` stops. */
  forRange(low: string, high: string, includeHigh: boolean, onFound: (k: string, v: string) => { break: boolean } | undefined): number;
  entries(lowestKey?: string): IterableIterator<[string, string]>;
  entriesReversed(highestKey?: string, reusedArray?: undefined, skipHighest?: boolean): IterableIterator<[string, string]>;
}
type TreeCtor = new (entries: undefined, compare: (a: string, b: string) => number, maxNodeSize: number) => Tree;
// sorted-btree is CommonJS with its class as `exports.default`: Node hands ESM importers the
// exports object; a bundler may hand over the class itself.
const BTree = ((BTreeModule as unknown as { default?: TreeCtor }).default ?? BTreeModule) as unknown as TreeCtor;

/**
 * Keys live in the tree as "binary" strings: one UTF-16 code unit per byte (0–255). JavaScript
 * compares strings by code unit, so string order is exactly the bytes' memcmp order the contract
 * asks for, and a comparison costs no native call (Buffer.compare would cost one per tree level).
 */
export const compareKeys = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
/** Entries per tree node (the package's default). */
const NODE_SIZE = 32;

export function newTree(): Tree {
  return new BTree(undefined, compareKeys, NODE_SIZE);
}

export function keyText(key: Uint8Array): string {
  // Measured on 20-byte keys: ~95 ns, against ~150 ns for Buffer#toString('latin1') and a char loop.
  return key.length <= 1024 ? String.fromCharCode.apply(null, key as unknown as number[]) : Buffer.from(key.buffer, key.byteOffset, key.length).toString('latin1');
}

/**
 * The key texts of a commit's puts and deletes (undefined at its other writes), and where a space
 * gets several of them, their places in its index asked for at once (OrderedMap.prefetch): a batch
 * of random keys then waits for its cache misses together instead of one key at a time.
 */
export function writeKeyTexts(writes: readonly Write[], indexOf: (space: SpaceId) => OrderedMap<unknown> | undefined): (string | undefined)[] {
  const texts: (string | undefined)[] = new Array(writes.length);
  let bySpace: Map<SpaceId, string[]> | undefined;
  for (let i = 0; i < writes.length; i++) {
    const w = writes[i] as Write;
    if (w.kind !== 'put' && w.kind !== 'delete') continue;
    const text = keyText(w.key);
    texts[i] = text;
    if (writes.length < 3) continue;
    bySpace ??= new Map();
    const keys = bySpace.get(w.space);
    if (keys === undefined) bySpace.set(w.space, [text]);
    else keys.push(text);
  }
  if (bySpace !== undefined) {
    for (const [space, keys] of bySpace) if (keys.length > 2) indexOf(space)?.prefetch(keys);
  }
  return texts;
}

export function keyBytes(text: string): Uint8Array {
  return Buffer.from(text, 'latin1');
}

/** Index of the first record with seq > afterSeq (records ascend by seq). */
export function firstAfter(records: readonly { seq: number }[], afterSeq: number): number {
  let lo = 0;
  let hi = records.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((records[mid] as LogRecord).seq > afterSeq) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/**
 * `q` as `OrderedMap.range` takes it (from, to, reverse, limit), or undefined when no row can
 * match (an empty map, a limit of 0, or bounds that cross).
 */
function rangeOf(size: number, q: RangeQuery): { from: RangeBound; to: RangeBound; reverse: boolean; limit: number } | undefined {
  const limit = q.limit ?? Infinity;
  if (size === 0 || limit <= 0) return undefined;
  const start = q.start === undefined ? undefined : keyText(q.start);
  const end = q.end === undefined ? undefined : keyText(q.end);
  const startExclusive = q.startExclusive === true;
  const endInclusive = q.endInclusive === true;
  if (start !== undefined && end !== undefined && (start > end || (start === end && (startExclusive || !endInclusive)))) return undefined;
  const low = { key: start, inclusive: !startExclusive };
  const high = { key: end, inclusive: endInclusive };
  return q.reverse === true ? { from: high, to: low, reverse: true, limit } : { from: low, to: high, reverse: false, limit };
}

/** Calls `each` for the rows of `q` in a space held as an ordered map of entries, in order, at most `q.limit` of them. */
export function scanSpace<E>(index: OrderedMap<E>, q: RangeQuery, each: (key: string, entry: E) => void): void {
  const r = rangeOf(index.size, q);
  if (r !== undefined) index.range(r.from, r.to, r.reverse, r.limit, each);
}

/**
 * A page of `q`'s rows in a space (undefined: none yet): their entries in order, at most `q.limit`,
 * and the last one's key when `q.limit` rows came back (the page's LastEvaluatedKey). No other key
 * is made (OrderedMap.rangeValues).
 */
export function spacePage<E>(index: OrderedMap<E> | undefined, q: RangeQuery): { values: E[]; lastKey?: Uint8Array } {
  const values: E[] = [];
  const r = index === undefined ? undefined : rangeOf(index.size, q);
  if (index === undefined || r === undefined) return { values };
  const last = index.rangeValues(r.from, r.to, r.reverse, r.limit, values);
  if (last === undefined || q.limit === undefined || values.length < q.limit) return { values };
  return { values, lastKey: keyBytes(last) };
}

/** The entries of a tree whose key starts with `prefix`, in key order (the catalogs' catalogList). */
export function listPrefix(tree: Tree, prefix: string): { key: string; value: string }[] {
  const out: { key: string; value: string }[] = [];
  for (const [key, value] of tree.entries(prefix)) {
    if (!key.startsWith(prefix)) break;
    out.push({ key, value });
  }
  return out;
}

export function closedError<T>(): Promise<T> {
  return Promise.reject(new Error('storage engine is closed'));
}
