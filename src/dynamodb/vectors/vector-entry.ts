import type { TableDef, VectorIndexDef } from '../tables/table-types.js';
import { valuesEqual } from '../values/compare.js';
import { itemSize, utf8Length } from '../values/size.js';
import type { Item } from '../values/types.js';
import { indexedVector } from './vector-write-check.js';

/** Bytes a vector index bills per dimension of its vector (an f32). */
export const VECTOR_BYTES_PER_DIMENSION = 4;
/** The least VectorWriteRequestBytes of one index entry. */
export const VECTOR_WRITE_FLOOR_BYTES = 1024;

/**
 * What an index entry holds besides the vector: every attribute for ALL; for KEYS_ONLY the table's
 * keys and the SearchSchema attributes; for INCLUDE those and the NonKeyAttributes.
 */
export function projectedAttributes(table: TableDef, ix: VectorIndexDef, item: Item): Item {
  if (ix.projection.type === 'ALL') {
    const out: Item = { ...item };
    delete out[ix.attribute];
    return out;
  }
  const keep = [table.key.hash.name, ...(table.key.range ? [table.key.range.name] : []), ...(ix.searchSchema ?? []).map((e) => e.AttributeName)];
  if (ix.projection.type === 'INCLUDE') keep.push(...(ix.projection.nonKeyAttributes ?? []));
  const out: Item = {};
  for (const name of keep) {
    const v = item[name];
    if (v !== undefined && name !== ix.attribute) out[name] = v;
  }
  return out;
}

/** An item's entry in a vector index: its f32 vector and projected attributes; undefined when not in the index. */
export interface VectorEntry {
  vector: number[];
  attributes: Item;
}

export function vectorEntry(table: TableDef, ix: VectorIndexDef, item: Item | undefined): VectorEntry | undefined {
  if (!item) return undefined;
  const vector = indexedVector(ix, item);
  return vector ? { vector, attributes: projectedAttributes(table, ix, item) } : undefined;
}

export function sameEntry(a: VectorEntry, b: VectorEntry): boolean {
  if (a.vector.length !== b.vector.length || a.vector.some((x, i) => x !== b.vector[i])) return false;
  const names = Object.keys(a.attributes);
  if (names.length !== Object.keys(b.attributes).length) return false;
  return names.every((n) => {
    const x = a.attributes[n];
    const y = Object.hasOwn(b.attributes, n) ? b.attributes[n] : undefined;
    return x !== undefined && y !== undefined && valuesEqual(x, y);
  });
}

/**
 * VectorWriteRequestBytes of one entry: its item size with the vector attribute counted as its
 * name plus 4 bytes per dimension (the numbers it holds do not count), at least 1024 per index.
 * Pinned term by term on live DynamoDB (conformance suite vectorSearch/consumedCapacity, "PutItem
 * — VectorWriteRequestBytes": the floor, per index not per write; 4 bytes per dimension; the
 * attribute name's length; a projected attribute's own item size).
 */
export function vectorEntryBytes(ix: VectorIndexDef, entry: VectorEntry): number {
  const size = utf8Length(ix.attribute) + VECTOR_BYTES_PER_DIMENSION * ix.dimensions + itemSize(entry.attributes);
  return Math.max(VECTOR_WRITE_FLOOR_BYTES, size);
}
