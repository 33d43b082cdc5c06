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

export type VectorWriteCapacity = Record<string, { VectorWriteRequestBytes: number }>;

/**
 * Adds one write's vector bytes to the running map of a multi-write operation (BatchWriteItem,
 * TransactWriteItems): each ConsumedCapacity entry, one per table, carries a VectorIndexes map of
 * the bytes every affected vector index received over the whole call (AWS SDK model,
 * BatchWriteItemOutput / TransactWriteItemsOutput.ConsumedCapacity: "If the table has vector
 * indexes, each element also includes a VectorIndexes field with VectorWriteRequestBytes consumed
 * for each affected vector index"; developer guide, "Monitoring vector index capacity"). Returns
 * the map, created on the first index a write changes; `into` is returned unchanged otherwise.
 */
export function addVectorWriteCapacity(
  into: VectorWriteCapacity | undefined,
  table: TableDef,
  oldItem: Item | undefined,
  newItem: Item | undefined,
): VectorWriteCapacity | undefined {
  if (table.vectorIndexes === undefined) return into;
  const one = vectorWriteCapacity(table, oldItem, newItem);
  if (!one) return into;
  const out = into ?? {};
  for (const [name, { VectorWriteRequestBytes }] of Object.entries(one)) {
    out[name] = { VectorWriteRequestBytes: (out[name]?.VectorWriteRequestBytes ?? 0) + VectorWriteRequestBytes };
  }
  return out;
}
