/**
 * The index of one space (table or index) in the engines that keep it in the JavaScript heap: an
 * ordered map from key string to entry, as a B+ tree whose nodes also hold each key's first six
 * bytes as one number. One structure serves point lookups, writes and ranges: a write of a new key
 * walks one path of one tree (the engines look the old value up, then set, on the same path), where
 * a hash map beside an ordered key set costs a lookup, an insert and a descent (bench/index-floor.mjs, 0.5–2.5M keys: 2.2–4.3 µs per new key with one ordered map,
 * 2.4–7.5 µs with a hash map beside the tree).
 *
 * Why not a general B+ tree of strings: random keys (every table key starts with a 4-byte hash)
 * land in a random leaf, and a binary search over string keys reads a separate heap string per
 * comparison, each a likely cache miss once the tree outgrows the caches. Here a search compares
 * numbers held next to each other in one array and reads a string only when the six bytes tie.
 * Measured on 2M random 20-byte keys (round eight in docs/performance.md).
 *
 * Keys are "binary" strings (one code unit per byte, see key-tree.ts), ordered by code unit.
 * Nodes may be underfull after deletes: a node is merged into a neighbour only when both fit in
 * three quarters of one, and an empty node is removed.
 */

/** Keys per leaf and children per inner node at most. */
const MAX = 64;
/** Two neighbouring nodes are merged when together they hold at most this many. */
const MERGE_AT = (MAX * 3) >> 2;
/** Bulk-built leaves are filled to this many keys (room for inserts without a split each). */
const BULK_FILL = (MAX * 3) >> 2;

/**
 * The first six bytes of a key as a number (missing bytes count as 0): a < b implies
 * prefix(a) <= prefix(b), so unequal prefixes decide the order without reading the strings.
 */
export function keyPrefix(k: string): number {
  const n = k.length;
  const hi = n === 0 ? 0 : n === 1 ? k.charCodeAt(0) << 8 : (k.charCodeAt(0) << 8) | k.charCodeAt(1);
  let lo = 0;
  if (n > 2) lo = k.charCodeAt(2) << 24;
  if (n > 3) lo |= k.charCodeAt(3) << 16;
  if (n > 4) lo |= k.charCodeAt(4) << 8;
  if (n > 5) lo |= k.charCodeAt(5);
  return hi * 4294967296 + (lo >>> 0);
}

class Leaf<V> {
  keys: string[];
  pre: number[];
  vals: V[];
  next: Leaf<V> | undefined = undefined;
  prev: Leaf<V> | undefined = undefined;
  constructor(keys: string[], pre: number[], vals: V[]) {
    this.keys = keys;
    this.pre = pre;
    this.vals = vals;
  }
}

/** children[i] holds the keys k with lowKey(i) <= k < lowKey(i+1); keys[0]/pre[0] are not used for search. */
class Inner<V> {
  children: Node<V>[];
  /** keys[i]: a lower bound of every key under children[i] (and above every key under children[i-1]). */
  keys: string[];
  pre: number[];
  constructor(children: Node<V>[], keys: string[], pre: number[]) {
    this.children = children;
    this.keys = keys;
    this.pre = pre;
  }
}

type Node<V> = Leaf<V> | Inner<V>;

/** Index of the last entry i >= 1 whose bound is <= key, or 0 (inner nodes: the child to descend to). */
function childIndex<V>(node: Inner<V>, key: string, p: number): number {
  const pre = node.pre;
  let lo = 1;
  let hi = pre.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const q = pre[mid] as number;
    if (q < p || (q === p && (node.keys[mid] as string) <= key)) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

/** Index of the first key >= key in a leaf (its length if none). */
function lowerBound<V>(leaf: Leaf<V>, key: string, p: number): number {
  const pre = leaf.pre;
  let lo = 0;
  let hi = pre.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const q = pre[mid] as number;
    if (q < p || (q === p && (leaf.keys[mid] as string) < key)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * True if the leaf holds `key` (prefix `p`) at `i`, its lower bound. The prefixes are compared
 * first: a new key's neighbour then costs no read of its string (a likely cache miss).
 */
function hasAt<V>(leaf: Leaf<V>, i: number, key: string, p: number): boolean {
  return leaf.pre[i] === p && leaf.keys[i] === key;
}

/** What the engines use of a space's index: KeyMap here, or native-index.ts's maps. */
export interface OrderedMap<V> {
  readonly size: number;
  get(key: string): V | undefined;
  /** Sets key's value; returns the value it replaced (undefined for a new key). */
  set(key: string, value: V): V | undefined;
  /** Removes key; returns its value (undefined if it was not there). */
  delete(key: string): V | undefined;
  /** Calls each for the entries from `low` up, in key order, while it returns true. */
  forEachFrom(low: string | undefined, lowExclusive: boolean, each: (key: string, value: V) => boolean): void;
  /** Calls each for the entries from `high` down, in descending key order, while it returns true. */
  forEachDownFrom(high: string | undefined, highInclusive: boolean, each: (key: string, value: V) => boolean): void;
  /** Every value, in key order (a copy: the map may change while the caller walks it). */
  values(): V[];
  /** Checks the structure's invariants (tests). Throws on a violation. */
  check(): void;
  /**
   * Calls each for at most `limit` entries between `from` and `to`: ascending, or with reverse
   * descending from `from` down to `to` (a native map does it in one call).
   */
  range(from: RangeBound, to: RangeBound, reverse: boolean, limit: number, each: (key: string, value: V) => void): void;
  /**
   * The values `range` would give, pushed onto `out`; returns the last one's key (undefined when
   * none). A native map makes no other key string.
   */
  rangeValues(from: RangeBound, to: RangeBound, reverse: boolean, limit: number, out: V[]): string | undefined;
  /**
   * A hint before several lookups or changes of these keys (a batch's writes): a native map asks
   * for the memory they will read all at once, so their cache misses overlap. Changes nothing.
   */
  prefetch(keys: string[]): void;
}

/** One end of a range: a key (undefined: open) and whether the range includes it. */
export interface RangeBound {
  key: string | undefined;
  inclusive: boolean;
}

export class KeyMap<V> implements OrderedMap<V> {
  private root: Node<V> = new Leaf<V>([], [], []);
  private count = 0;
  /** The inner nodes on the way to the last leaf found, and the child index taken in each. */
  private readonly path: Inner<V>[] = [];
  private readonly at: number[] = [];

  get size(): number {
    return this.count;
  }

  /** A map of keys given in ascending order without duplicates, with their values (built bottom-up). */
  static fromSorted<V>(sorted: readonly string[], values: readonly V[]): KeyMap<V> {
    const map = new KeyMap<V>();
    if (sorted.length === 0) return map;
    let level: Node<V>[] = [];
    let prev: Leaf<V> | undefined;
    for (let i = 0; i < sorted.length; i += BULK_FILL) {
      const keys = sorted.slice(i, i + BULK_FILL);
      const leaf = new Leaf<V>(keys, keys.map(keyPrefix), values.slice(i, i + BULK_FILL));
      leaf.prev = prev;
      if (prev !== undefined) prev.next = leaf;
      prev = leaf;
      level.push(leaf);
    }
    while (level.length > 1) {
      const up: Node<V>[] = [];
      for (let i = 0; i < level.length; i += BULK_FILL) {
        const children = level.slice(i, i + BULK_FILL);
        const keys = children.map(firstKey);
        up.push(new Inner<V>(children, keys, keys.map(keyPrefix)));
      }
      level = up;
    }
    map.root = level[0] as Node<V>;
    map.count = sorted.length;
    return map;
  }

  get(key: string): V | undefined {
    const p = keyPrefix(key);
    const leaf = this.findLeaf(key, p, false);
    const i = lowerBound(leaf, key, p);
    return hasAt(leaf, i, key, p) ? leaf.vals[i] : undefined;
  }

  /** Sets key's value; returns the value it replaced (undefined for a new key). */
  set(key: string, value: V): V | undefined {
    const p = keyPrefix(key);
    const leaf = this.findLeaf(key, p, true);
    const i = lowerBound(leaf, key, p);
    if (hasAt(leaf, i, key, p)) {
      const old = leaf.vals[i];
      leaf.vals[i] = value;
      return old;
    }
    leaf.keys.splice(i, 0, key);
    leaf.pre.splice(i, 0, p);
    leaf.vals.splice(i, 0, value);
    this.count++;
    if (leaf.keys.length > MAX) this.split(leaf);
    return undefined;
  }

  /** Removes key; returns its value (undefined if it was not there). */
  delete(key: string): V | undefined {
    const p = keyPrefix(key);
    const leaf = this.findLeaf(key, p, true);
    const i = lowerBound(leaf, key, p);
    if (!hasAt(leaf, i, key, p)) return undefined;
    const old = leaf.vals[i];
    leaf.keys.splice(i, 1);
    leaf.pre.splice(i, 1);
    leaf.vals.splice(i, 1);
    this.count--;
    this.shrink(leaf, this.path.length);
    return old;
  }

  /** Calls each for the entries from `low` up, in key order, while it returns true. */
  forEachFrom(low: string | undefined, lowExclusive: boolean, each: (key: string, value: V) => boolean): void {
    let leaf: Leaf<V> | undefined;
    let i: number;
    if (low === undefined) {
      leaf = this.edge(false);
      i = 0;
    } else {
      const p = keyPrefix(low);
      leaf = this.findLeaf(low, p, false);
      i = lowerBound(leaf, low, p);
      if (lowExclusive && leaf.keys[i] === low) i++;
    }
    for (; leaf !== undefined; leaf = leaf.next, i = 0) {
      const keys = leaf.keys;
      const vals = leaf.vals;
      for (; i < keys.length; i++) if (!each(keys[i] as string, vals[i] as V)) return;
    }
  }

  /** Calls each for the entries from `high` down, in descending key order, while it returns true. */
  forEachDownFrom(high: string | undefined, highInclusive: boolean, each: (key: string, value: V) => boolean): void {
    let leaf: Leaf<V> | undefined;
    let i: number;
    if (high === undefined) {
      leaf = this.edge(true);
      i = leaf.keys.length - 1;
    } else {
      const p = keyPrefix(high);
      leaf = this.findLeaf(high, p, false);
      i = lowerBound(leaf, high, p);
      if (!(highInclusive && leaf.keys[i] === high)) i--;
    }
    while (leaf !== undefined) {
      const keys = leaf.keys;
      const vals = leaf.vals;
      for (; i >= 0; i--) if (!each(keys[i] as string, vals[i] as V)) return;
      leaf = leaf.prev;
      if (leaf !== undefined) i = leaf.keys.length - 1;
    }
  }

  range(from: RangeBound, to: RangeBound, reverse: boolean, limit: number, each: (key: string, value: V) => void): void {
    const stop = to.key;
    let n = 0;
    if (!reverse) {
      this.forEachFrom(from.key, !from.inclusive, (k, v) => {
        if (stop !== undefined && (k > stop || (k === stop && !to.inclusive))) return false;
        each(k, v);
        return ++n < limit;
      });
      return;
    }
    this.forEachDownFrom(from.key, from.inclusive, (k, v) => {
      if (stop !== undefined && (k < stop || (k === stop && !to.inclusive))) return false;
      each(k, v);
      return ++n < limit;
    });
  }

  rangeValues(from: RangeBound, to: RangeBound, reverse: boolean, limit: number, out: V[]): string | undefined {
    let last: string | undefined;
    this.range(from, to, reverse, limit, (k, v) => {
      out.push(v);
      last = k;
    });
    return last;
  }

  /** Every value, in key order (a copy: the map may change while the caller walks it). */
  values(): V[] {
    const out: V[] = [];
    for (let leaf: Leaf<V> | undefined = this.edge(false); leaf !== undefined; leaf = leaf.next) {
      for (const v of leaf.vals) out.push(v);
    }
    return out;
  }

  /** Checks the tree's invariants (tests): order, bounds, links, counts. Throws on a violation. */
  /** Nothing to ask for ahead: the tree's nodes are heap objects (see OrderedMap.prefetch). */
  prefetch(_keys: string[]): void {}

  check(): void {
    const leaves: Leaf<V>[] = [];
    const walk = (node: Node<V>, low: string | undefined, high: string | undefined, depth: number, depths: Set<number>): number => {
      if (node.pre.length !== node.keys.length) throw new Error('prefixes out of step with keys');
      if (node.keys.length > MAX) throw new Error(`node of ${node.keys.length} entries`);
      if (node instanceof Leaf) {
        if (node.vals.length !== node.keys.length) throw new Error('values out of step with keys');
        depths.add(depth);
        leaves.push(node);
        node.keys.forEach((k, i) => {
          if (node.pre[i] !== keyPrefix(k)) throw new Error(`wrong prefix at ${i}`);
          if (i > 0 && !((node.keys[i - 1] as string) < k)) throw new Error('leaf keys out of order');
          if (low !== undefined && k < low) throw new Error('key below its bound');
          if (high !== undefined && k >= high) throw new Error('key at or above the next bound');
        });
        return node.keys.length;
      }
      if (node.children.length === 0 || node.children.length !== node.keys.length) throw new Error('inner node shape');
      let n = 0;
      node.children.forEach((c, i) => {
        if (i > 0 && node.pre[i] !== keyPrefix(node.keys[i] as string)) throw new Error('wrong inner prefix');
        if (i > 1 && !((node.keys[i - 1] as string) < (node.keys[i] as string))) throw new Error('bounds out of order');
        const lo = i === 0 ? low : (node.keys[i] as string);
        const hi = i + 1 < node.children.length ? (node.keys[i + 1] as string) : high;
        n += walk(c, lo, hi, depth + 1, depths);
      });
      return n;
    };
    const depths = new Set<number>();
    const n = walk(this.root, undefined, undefined, 0, depths);
    if (n !== this.count) throw new Error(`count ${this.count} but ${n} keys`);
    if (depths.size > 1) throw new Error('leaves at different depths');
    for (let i = 0; i < leaves.length; i++) {
      if (leaves[i]?.prev !== leaves[i - 1] || leaves[i]?.next !== leaves[i + 1]) throw new Error('leaf links broken');
      if (leaves.length > 1 && leaves[i]?.keys.length === 0) throw new Error('empty leaf kept');
    }
  }

  // ------------------------------------------------------------------ internals

  /** The leaf where key belongs; with `track`, this.path/this.at record the way down. */
  private findLeaf(key: string, p: number, track: boolean): Leaf<V> {
    let node = this.root;
    let depth = 0;
    while (node instanceof Inner) {
      const i = childIndex(node, key, p);
      if (track) {
        this.path[depth] = node;
        this.at[depth] = i;
      }
      depth++;
      node = node.children[i] as Node<V>;
    }
    if (track) {
      this.path.length = depth;
      this.at.length = depth;
    }
    return node;
  }

  private edge(last: boolean): Leaf<V> {
    let node = this.root;
    while (node instanceof Inner) node = node.children[last ? node.children.length - 1 : 0] as Node<V>;
    return node;
  }

  /** Splits an overfull node (the last one findLeaf reached, or an inner node on its path). */
  private split(node: Node<V>): void {
    let depth = this.path.length;
    let current: Node<V> = node;
    while (current.keys.length > MAX) {
      const half = current.keys.length >> 1;
      let right: Node<V>;
      if (current instanceof Leaf) {
        const leaf = new Leaf<V>(current.keys.splice(half), current.pre.splice(half), current.vals.splice(half));
        leaf.next = current.next;
        leaf.prev = current;
        if (current.next !== undefined) current.next.prev = leaf;
        current.next = leaf;
        right = leaf;
      } else {
        right = new Inner<V>(current.children.splice(half), current.keys.splice(half), current.pre.splice(half));
      }
      const bound = right.keys[0] as string;
      const boundPre = right.pre[0] as number;
      if (depth === 0) {
        // current was the root: a new root above the two halves.
        this.root = new Inner<V>([current, right], [firstKey(current), bound], [keyPrefix(firstKey(current)), boundPre]);
        return;
      }
      depth--;
      const parent = this.path[depth] as Inner<V>;
      const i = (this.at[depth] as number) + 1;
      parent.children.splice(i, 0, right);
      parent.keys.splice(i, 0, bound);
      parent.pre.splice(i, 0, boundPre);
      current = parent;
    }
  }

  /** After a delete: removes an empty node or merges a small one with a neighbour, upwards. */
  private shrink(node: Node<V>, depth: number): void {
    let current = node;
    while (depth > 0) {
      const parent = this.path[depth - 1] as Inner<V>;
      const i = this.at[depth - 1] as number;
      const size = current.keys.length;
      if (size === 0) {
        if (current instanceof Leaf) unlink(current);
        removeChild(parent, i);
      } else {
        const left = i > 0 ? (parent.children[i - 1] as Node<V>) : undefined;
        const right = i + 1 < parent.children.length ? (parent.children[i + 1] as Node<V>) : undefined;
        if (left !== undefined && left.keys.length + size <= MERGE_AT) {
          merge(left, current, parent.keys[i] as string, parent.pre[i] as number);
          removeChild(parent, i);
        } else if (right !== undefined && right.keys.length + size <= MERGE_AT) {
          merge(current, right, parent.keys[i + 1] as string, parent.pre[i + 1] as number);
          removeChild(parent, i + 1);
        } else {
          return;
        }
      }
      current = parent;
      depth--;
    }
    // The root: an inner root with one child gives way to it.
    while (this.root instanceof Inner && this.root.children.length === 1) this.root = this.root.children[0] as Node<V>;
    if (this.root instanceof Inner && this.root.children.length === 0) this.root = new Leaf<V>([], [], []);
  }
}

function firstKey<V>(node: Node<V>): string {
  return node.keys[0] as string;
}

function removeChild<V>(parent: Inner<V>, i: number): void {
  parent.children.splice(i, 1);
  parent.keys.splice(i, 1);
  parent.pre.splice(i, 1);
  // keys[0] of an inner node is the lowest bound of the node itself: keep it when child 0 goes.
}

function unlink<V>(leaf: Leaf<V>): void {
  if (leaf.prev !== undefined) leaf.prev.next = leaf.next;
  if (leaf.next !== undefined) leaf.next.prev = leaf.prev;
  leaf.prev = leaf.next = undefined;
}

/**
 * Moves everything of `right` into `left`, its neighbour on the left under the same parent, where
 * `bound` is right's bound. Right's own keys[0] is no bound of its first child (once that child
 * went, the next one's bound moved there), so the parent's is used.
 */
function merge<V>(left: Node<V>, right: Node<V>, bound: string, boundPre: number): void {
  if (left instanceof Leaf && right instanceof Leaf) {
    for (let j = 0; j < right.keys.length; j++) {
      left.keys.push(right.keys[j] as string);
      left.pre.push(right.pre[j] as number);
      left.vals.push(right.vals[j] as V);
    }
    unlink(right);
    return;
  }
  const l = left as Inner<V>;
  const r = right as Inner<V>;
  for (let j = 0; j < r.children.length; j++) {
    l.children.push(r.children[j] as Node<V>);
    l.keys.push(j === 0 ? bound : (r.keys[j] as string));
    l.pre.push(j === 0 ? boundPre : (r.pre[j] as number));
  }
}
