import type { BoundKeyCondition } from '../expressions/index.js';
import { multiKeyBounds, partitionBounds, rangeBounds } from '../keys/key-encoding.js';
import type { ReadTarget } from './read-path.js';

/** Turns a key condition bound to a space's schema into the byte range of that space to read. */
export function keyConditionRange(
  target: ReadTarget,
  bound: BoundKeyCondition,
): { start: Uint8Array; startExclusive: boolean; end: Uint8Array; endInclusive: boolean } {
  if (bound.moreHash !== undefined || bound.rangePrefix !== undefined) {
    const hashValues = [bound.hash.value, ...(bound.moreHash ?? []).map((h) => h.value)];
    const prefix = (bound.rangePrefix ?? []).map((r) => r.value);
    return multiKeyBounds(target.schema, hashValues, prefix, bound.range);
  }
  if (!bound.range) {
    const b = partitionBounds(target.schema, bound.hash.value);
    return { start: b.start, startExclusive: false, end: b.end, endInclusive: false };
  }
  return rangeBounds(target.schema, bound.hash.value, bound.range.op, bound.range.values);
}

/** memcmp order. */
export function compareBytes(a: Uint8Array, b: Uint8Array): number {
  return Buffer.compare(a, b);
}
