import type { TableDef } from '../tables/table-types.js';
import { attributeValueSize, itemSize } from '../values/size.js';
import type { AttributeValue, Item } from '../values/types.js';
import { VECTOR_BYTES_PER_DIMENSION } from './vector-entry.js';

/** A list of exactly `dimensions` numbers: a value a vector index reads. */
function isVector(v: AttributeValue | undefined, dimensions: number): v is { L: AttributeValue[] } {
  const list = (v as { L?: AttributeValue[] } | undefined)?.L;
  return Array.isArray(list) && list.length === dimensions && list.every((e) => typeof (e as { N?: unknown }).N === 'string');
}

/**
 * The size a write bills an item at. An attribute a vector index reads costs its name plus 4 bytes
 * per dimension, whatever numbers it holds; every other attribute costs its stored size. Reads and
 * the 400 KB gate keep sizing the vector as the list of numbers it is (values/size.ts). Live
 * DynamoDB, eu-west-2 and us-east-1, 2026-10-09 (conformance suite vectorSearch/consumedCapacity,
 * "PutItem - a vector attribute is billed at four bytes per dimension", with 38-digit numbers).
 * The name is counted by itemSize already, so only the value's size is replaced.
 */
export function billedItemSize(table: TableDef, item: Item): number {
  const size = itemSize(item);
  const indexes = table.vectorIndexes;
  if (indexes === undefined) return size;
  let billed = size;
  const seen = new Set<string>();
  for (const ix of indexes) {
    if (seen.has(ix.attribute)) continue;
    const v = item[ix.attribute];
    if (!isVector(v, ix.dimensions)) continue;
    seen.add(ix.attribute);
    billed += VECTOR_BYTES_PER_DIMENSION * ix.dimensions - attributeValueSize(v);
  }
  return billed;
}
