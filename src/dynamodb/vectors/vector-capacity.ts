import type { TableDef } from '../tables/table-types.js';
import type { Item } from '../values/types.js';
import { vectorRequestBytes } from './distance.js';
import { indexedVector } from './vector-write-check.js';

function sameVector(a: number[] | undefined, b: number[] | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/**
 * The VectorIndexes map of a write's ConsumedCapacity under INDEXES: one entry per index whose
 * stored vector the write changes (an identical overwrite reports none: live DynamoDB, conformance
 * suite vectorSearch/consumedCapacity). Undefined when no index changes.
 */
export function vectorWriteCapacity(
  table: TableDef,
  oldItem: Item | undefined,
  newItem: Item | undefined,
): Record<string, { VectorWriteRequestBytes: number }> | undefined {
  let out: Record<string, { VectorWriteRequestBytes: number }> | undefined;
  for (const ix of table.vectorIndexes ?? []) {
    const before = oldItem ? indexedVector(ix, oldItem) : undefined;
    const after = newItem ? indexedVector(ix, newItem) : undefined;
    if (sameVector(before, after)) continue;
    out ??= {};
    out[ix.name] = { VectorWriteRequestBytes: vectorRequestBytes(ix) };
  }
  return out;
}
