/**
 * The ordered set of keys of one space (table or index) in the engines that keep their index in the
 * JavaScript heap: a B+ tree of key strings whose nodes also hold each key's first six bytes as one
 * number.
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

class Leaf {
  keys: string[];
  pre: number[];
  next: Leaf | undefined = undefined;
  prev: Leaf | undefined = undefined;
  constructor(keys: string[], pre: number[]) {
    this.keys = keys;
    this.pre = pre;
  }
}

/** children[i] holds the keys k with lowKey(i) <= k < lowKey(i+1); keys[0]/pre[0] are not used for search. */
class Inner {
  children: Node[];
  /** keys[i]: a lower bound of every key under children[i] (and above every key under children[i-1]). */
  keys: string[];
  pre: number[];
  constructor(children: Node[], keys: string[], pre: number[]) {
    this.children = children;
    this.keys = keys;
    this.pre = pre;
  }
}

type Node = Leaf | Inner;

/** Index of the last entry i >= 1 whose bound is <= key, or 0 (inner nodes: the child to descend to). */
function childIndex(node: Inner, key: string, p: number): number {
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
function lowerBound(leaf: Leaf, key: string, p: number): number {
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

export class KeySet {
  private root: Node = new Leaf([], []);
  private count = 0;
  /** The inner nodes on the way to the last leaf found, and the child index taken in each. */
  private readonly path: Inner[] = [];
  private readonly at: number[] = [];

  get size(): number {
    return this.count;
  }

  /** A set of keys given in ascending order without duplicates (built bottom-up). */
  static fromSorted(sorted: readonly string[]): KeySet {
    const set = new KeySet();
    if (sorted.length === 0) return set;
    let level: Node[] = [];
    let prev: Leaf | undefined;
    for (let i = 0; i < sorted.length; i += BULK_FILL) {
      const keys = sorted.slice(i, i + BULK_FILL);
      const leaf = new Leaf(keys, keys.map(keyPrefix));
      leaf.prev = prev;
      if (prev !== undefined) prev.next = leaf;
      prev = leaf;
      level.push(leaf);
    }
    while (level.length > 1) {
      const up: Node[] = [];
      for (let i = 0; i < level.length; i += BULK_FILL) {
        const children = level.slice(i, i + BULK_FILL);
        const keys = children.map(firstKey);
        up.push(new Inner(children, keys, keys.map(keyPrefix)));
      }
      level = up;
    }
    set.root = level[0] as Node;
    set.count = sorted.length;
    return set;
  }

  has(key: string): boolean {
    const p = keyPrefix(key);
    const leaf = this.findLeaf(key, p, false);
    const i = lowerBound(leaf, key, p);
    return leaf.keys[i] === key;
  }

  /** Adds key; false if it was there already. */
  add(key: string): boolean {
    const p = keyPrefix(key);
    const leaf = this.findLeaf(key, p, true);
    const i = lowerBound(leaf, key, p);
    if (leaf.keys[i] === key) return false;
    leaf.keys.splice(i, 0, key);
    leaf.pre.splice(i, 0, p);
    this.count++;
    if (leaf.keys.length > MAX) this.split(leaf);
    return true;
  }

  /** Removes key; false if it was not there. */
  delete(key: string): boolean {
    const p = keyPrefix(key);
    const leaf = this.findLeaf(key, p, true);
    const i = lowerBound(leaf, key, p);
    if (leaf.keys[i] !== key) return false;
    leaf.keys.splice(i, 1);
    leaf.pre.splice(i, 1);
    this.count--;
    this.shrink(leaf, this.path.length);
    return true;
  }

  /** Calls each for the keys from `low` up, in order, while it returns true. */
  forEachFrom(low: string | undefined, lowExclusive: boolean, each: (key: string) => boolean): void {
    let leaf: Leaf | undefined;
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
      for (; i < keys.length; i++) if (!each(keys[i] as string)) return;
    }
  }

  /** Calls each for the keys from `high` down, in descending order, while it returns true. */
  forEachDownFrom(high: string | undefined, highInclusive: boolean, each: (key: string) => boolean): void {
    let leaf: Leaf | undefined;
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
      for (; i >= 0; i--) if (!each(keys[i] as string)) return;
      leaf = leaf.prev;
      if (leaf !== undefined) i = leaf.keys.length - 1;
    }
  }

  /** The first key, or undefined when empty. */
  minKey(): string | undefined {
    return this.count === 0 ? undefined : this.firstFrom(this.edge(false), true);
  }

  /** The last key, or undefined when empty. */
  maxKey(): string | undefined {
    return this.count === 0 ? undefined : this.firstFrom(this.edge(true), false);
  }

  /** Checks the tree's invariants (tests): order, bounds, links, counts. Throws on a violation. */
  check(): void {
    const leaves: Leaf[] = [];
    const walk = (node: Node, low: string | undefined, high: string | undefined, depth: number, depths: Set<number>): number => {
      if (node.pre.length !== node.keys.length) throw new Error('prefixes out of step with keys');
      if (node.keys.length > MAX) throw new Error(`node of ${node.keys.length} entries`);
      if (node instanceof Leaf) {
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
  private findLeaf(key: string, p: number, track: boolean): Leaf {
    let node = this.root;
    let depth = 0;
    while (node instanceof Inner) {
      const i = childIndex(node, key, p);
      if (track) {
        this.path[depth] = node;
        this.at[depth] = i;
      }
      depth++;
      node = node.children[i] as Node;
    }
    if (track) {
      this.path.length = depth;
      this.at.length = depth;
    }
    return node;
  }

  private edge(last: boolean): Leaf {
    let node = this.root;
    while (node instanceof Inner) node = node.children[last ? node.children.length - 1 : 0] as Node;
    return node;
  }

  /** The first (or last) key at or after (before) a leaf, skipping empty leaves. */
  private firstFrom(leaf: Leaf | undefined, forward: boolean): string | undefined {
    for (; leaf !== undefined; leaf = forward ? leaf.next : leaf.prev) {
      if (leaf.keys.length > 0) return leaf.keys[forward ? 0 : leaf.keys.length - 1];
    }
    return undefined;
  }

  /** Splits an overfull node (the last one findLeaf reached, or an inner node on its path). */
  private split(node: Node): void {
    let depth = this.path.length;
    let current: Node = node;
    while (current.keys.length > MAX) {
      const half = current.keys.length >> 1;
      let right: Node;
      if (current instanceof Leaf) {
        const leaf = new Leaf(current.keys.splice(half), current.pre.splice(half));
        leaf.next = current.next;
        leaf.prev = current;
        if (current.next !== undefined) current.next.prev = leaf;
        current.next = leaf;
        right = leaf;
      } else {
        right = new Inner(current.children.splice(half), current.keys.splice(half), current.pre.splice(half));
      }
      const bound = right.keys[0] as string;
      const boundPre = right.pre[0] as number;
      if (depth === 0) {
        // current was the root: a new root above the two halves.
        this.root = new Inner([current, right], [firstKey(current), bound], [keyPrefix(firstKey(current)), boundPre]);
        return;
      }
      depth--;
      const parent = this.path[depth] as Inner;
      const i = (this.at[depth] as number) + 1;
      parent.children.splice(i, 0, right);
      parent.keys.splice(i, 0, bound);
      parent.pre.splice(i, 0, boundPre);
      current = parent;
    }
  }

  /** After a delete: removes an empty node or merges a small one with a neighbour, upwards. */
  private shrink(node: Node, depth: number): void {
    let current = node;
    while (depth > 0) {
      const parent = this.path[depth - 1] as Inner;
      const i = this.at[depth - 1] as number;
      const size = current.keys.length;
      if (size === 0) {
        if (current instanceof Leaf) unlink(current);
        removeChild(parent, i);
      } else {
        const left = i > 0 ? (parent.children[i - 1] as Node) : undefined;
        const right = i + 1 < parent.children.length ? (parent.children[i + 1] as Node) : undefined;
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
    while (this.root instanceof Inner && this.root.children.length === 1) this.root = this.root.children[0] as Node;
    if (this.root instanceof Inner && this.root.children.length === 0) this.root = new Leaf([], []);
  }
}

function firstKey(node: Node): string {
  return node.keys[0] as string;
}

function removeChild(parent: Inner, i: number): void {
  parent.children.splice(i, 1);
  parent.keys.splice(i, 1);
  parent.pre.splice(i, 1);
  // keys[0] of an inner node is the lowest bound of the node itself: keep it when child 0 goes.
}

function unlink(leaf: Leaf): void {
  if (leaf.prev !== undefined) leaf.prev.next = leaf.next;
  if (leaf.next !== undefined) leaf.next.prev = leaf.prev;
  leaf.prev = leaf.next = undefined;
}

/**
 * Moves everything of `right` into `left`, its neighbour on the left under the same parent, where
 * `bound` is right's bound. Right's own keys[0] is no bound of its first child (once that child
 * went, the next one's bound moved there), so the parent's is used.
 */
function merge(left: Node, right: Node, bound: string, boundPre: number): void {
  if (left instanceof Leaf && right instanceof Leaf) {
    for (let j = 0; j < right.keys.length; j++) {
      left.keys.push(right.keys[j] as string);
      left.pre.push(right.pre[j] as number);
    }
    unlink(right);
    return;
  }
  const l = left as Inner;
  const r = right as Inner;
  for (let j = 0; j < r.children.length; j++) {
    l.children.push(r.children[j] as Node);
    l.keys.push(j === 0 ? bound : (r.keys[j] as string));
    l.pre.push(j === 0 ? boundPre : (r.pre[j] as number));
  }
}
