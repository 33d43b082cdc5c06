import type { TableDef } from '../tables/table-types.js';
import type { Item } from '../values/types.js';
import { sameEntry, vectorEntry, vectorEntryBytes } from './vector-entry.js';

/**
 * The VectorIndexes map of a write's ConsumedCapacity under INDEXES: one entry per index whose
 * stored view the write changes, as for a GSI (live DynamoDB, conformance suite
 * vectorSearch/consumedCapacity): the vector, or any attribute the index projects (an ALL index is
 * charged for a changed non-key attribute, a KEYS_ONLY one is not). An identical overwrite, a write
 * leaving the projected attributes alone and an item outside the index report none. The figure is
 * the new entry's size (vector-entry.ts); an item leaving the index is charged its old entry's
 * (Eddy's reading: the suite does not record removals). Undefined when no index changes.
 */
export function vectorWriteCapacity(
  table: TableDef,
  oldItem: Item | undefined,
  newItem: Item | undefined,
): Record<string, { VectorWriteRequestBytes: number }> | undefined {
  let out: Record<string, { VectorWriteRequestBytes: number }> | undefined;
  for (const ix of table.vectorIndexes ?? []) {
    if (ix.status === 'DELETING') continue;
    const before = vectorEntry(table, ix, oldItem);
    const after = vectorEntry(table, ix, newItem);
    const changed = after ?? before;
    if (changed === undefined || (before !== undefined && after !== undefined && sameEntry(before, after))) continue;
    out ??= {};
    out[ix.name] = { VectorWriteRequestBytes: vectorEntryBytes(ix, changed) };
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
