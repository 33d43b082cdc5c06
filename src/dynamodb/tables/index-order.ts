import type { IndexDef, TableDef } from './table-types.js';

const BY_NAME = new WeakMap<TableDef, IndexDef[]>();

/**
 * A table's secondary indexes (local and global) in index-name order. DynamoDB checks index keys
 * in this order, so an attribute that keys several indexes is reported with the alphabetically
 * first index name (conformance suite, recorded on DynamoDB: `lsi1sk` keying `lsi1` and `gsi1`
 * is reported as `IndexName: gsi1`).
 */
export function indexesByName(table: TableDef): IndexDef[] {
  let sorted = BY_NAME.get(table);
  if (sorted === undefined) {
    sorted = [...table.lsis, ...table.gsis].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    BY_NAME.set(table, sorted);
  }
  return sorted;
}
