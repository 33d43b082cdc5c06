/**
 * Resolved document paths (`a.b[3].c` → ['a', 'b', 3, 'c']) and the item operations on them.
 */
import type { AttributeValue, Item } from '../values/types.js';

/** A resolved document path: attribute names are strings, list indexes are numbers. */
export type DocumentPath = (string | number)[];

/** DynamoDB's rendering of a path in messages: `[a, b, [3], c]`. */
export function pathToString(path: DocumentPath): string {
  return `[${path.map((p) => (typeof p === 'number' ? `[${p}]` : p)).join(', ')}]`;
}

/** The value at `path` in `item`, or undefined when any step is missing or of the wrong type. */
export function getPath(item: Item | undefined, path: DocumentPath): AttributeValue | undefined {
  if (!item) return undefined;
  const head = path[0];
  if (typeof head !== 'string') return undefined;
  let v: AttributeValue | undefined = item[head];
  for (let i = 1; i < path.length && v !== undefined; i++) {
    const step = path[i] as string | number;
    if (typeof step === 'number') v = 'L' in v ? v.L[step] : undefined;
    else v = 'M' in v ? v.M[step] : undefined;
  }
  return v;
}

/**
 * Compares two paths for the update/projection overlap rules: 'overlap' if one is a prefix of the
 * other, 'conflict' if they diverge at a step where one indexes a list and the other a map.
 */
export function comparePaths(a: DocumentPath, b: DocumentPath): 'overlap' | 'conflict' | 'distinct' {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a[i];
    const y = b[i];
    if (typeof x !== typeof y) return 'conflict';
    if (x !== y) return 'distinct';
  }
  return 'overlap';
}

export function overlapMessage(a: DocumentPath, b: DocumentPath): string {
  return (
    'Two document paths overlap with each other; must remove or rewrite one of these paths; ' +
    `path one: ${pathToString(a)}, path two: ${pathToString(b)}`
  );
}

export function conflictMessage(a: DocumentPath, b: DocumentPath): string {
  return (
    'Two document paths conflict with each other; must remove or rewrite one of these paths; ' +
    `path one: ${pathToString(a)}, path two: ${pathToString(b)}`
  );
}

/**
 * Checks a list of paths pairwise in order and returns the first overlap message, else the first
 * conflict message (DynamoDB reports an overlap anywhere before a conflict, recorded by dynalite).
 * The earlier path of the offending pair is "path one".
 */
export function findPathOverlap(paths: DocumentPath[]): string | undefined {
  let conflict: string | undefined;
  for (let j = 1; j < paths.length; j++) {
    const b = paths[j] as DocumentPath;
    for (let i = 0; i < j; i++) {
      const a = paths[i] as DocumentPath;
      const r = comparePaths(a, b);
      if (r === 'overlap') return overlapMessage(a, b);
      if (r === 'conflict') conflict ??= conflictMessage(a, b);
    }
  }
  return conflict;
}

/** Deep copy of an attribute value (items are mutated only on copies). */
export function cloneValue(v: AttributeValue): AttributeValue {
  if ('M' in v) {
    const m: Item = {};
    for (const k in v.M) m[k] = cloneValue(v.M[k] as AttributeValue);
    return { M: m };
  }
  if ('L' in v) return { L: v.L.map(cloneValue) };
  if ('SS' in v) return { SS: [...v.SS] };
  if ('NS' in v) return { NS: [...v.NS] };
  if ('BS' in v) return { BS: [...v.BS] };
  return v;
}

export function cloneItem(item: Item): Item {
  const out: Item = {};
  for (const k in item) out[k] = cloneValue(item[k] as AttributeValue);
  return out;
}

/**
 * Copies the parts of `item` named by `paths` into a new item, keeping map and list structure
 * (list elements keep their relative order and are compacted, as DynamoDB does).
 */
export function projectPaths(item: Item, paths: DocumentPath[]): Item {
  const out: Item = {};
  for (const path of paths) {
    const head = path[0];
    if (typeof head !== 'string') continue;
    const v = item[head];
    if (v === undefined) continue;
    const projected = projectValue(v, path, 1, out[head]);
    if (projected !== undefined) out[head] = projected;
  }
  return compactLists(out);
}

/** Placeholder marker for list slots: lists are built sparse, then compacted. */
type Sparse = AttributeValue & { sparse?: true };

function projectValue(
  v: AttributeValue,
  path: DocumentPath,
  i: number,
  existing: AttributeValue | undefined,
): AttributeValue | undefined {
  if (i === path.length) return cloneValue(v);
  const step = path[i] as string | number;
  if (typeof step === 'number') {
    if (!('L' in v)) return undefined;
    const child = v.L[step];
    if (child === undefined) return undefined;
    const target: AttributeValue[] = existing && 'L' in existing ? existing.L : [];
    const sub = projectValue(child, path, i + 1, target[step]);
    if (sub === undefined) return existing;
    target[step] = sub;
    return { L: target, sparse: true } as Sparse;
  }
  if (!('M' in v)) return undefined;
  const child = v.M[step];
  if (child === undefined) return undefined;
  const target: Item = existing && 'M' in existing ? existing.M : {};
  const sub = projectValue(child, path, i + 1, target[step]);
  if (sub === undefined) return existing;
  target[step] = sub;
  return { M: target };
}

function compactLists(item: Item): Item {
  for (const k in item) item[k] = compactValue(item[k] as AttributeValue);
  return item;
}

function compactValue(v: AttributeValue): AttributeValue {
  if ((v as Sparse).sparse) {
    const list = (v as { L: AttributeValue[] }).L;
    const dense: AttributeValue[] = [];
    for (const e of list) if (e !== undefined) dense.push(compactValue(e));
    return { L: dense };
  }
  if ('M' in v) {
    compactLists(v.M);
    return v;
  }
  return v;
}
