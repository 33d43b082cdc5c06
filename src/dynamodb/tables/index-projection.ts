import type { Item } from '../values/types.js';
import type { IndexDef, TableDef } from './table-types.js';

/**
 * The attributes a secondary index row holds: the table's key and the index key always, plus all
 * attributes (ALL) or the listed NonKeyAttributes (INCLUDE).
 */
export function projectForIndex(table: TableDef, index: IndexDef, item: Item): Item {
  if (index.projection.type === 'ALL') return item;
  const out: Item = {};
  copy(item, out, table.key.hash.name);
  if (table.key.range) copy(item, out, table.key.range.name);
  copy(item, out, index.key.hash.name);
  if (index.key.range) copy(item, out, index.key.range.name);
  for (const a of index.key.moreHash ?? []) copy(item, out, a.name);
  for (const a of index.key.moreRange ?? []) copy(item, out, a.name);
  if (index.projection.type === 'INCLUDE') {
    for (const name of index.projection.nonKeyAttributes ?? []) copy(item, out, name);
  }
  return out;
}

/** Names of the attributes an index projects, or undefined for ALL. */
export function projectedAttributeNames(table: TableDef, index: IndexDef): Set<string> | undefined {
  if (index.projection.type === 'ALL') return undefined;
  const names = new Set<string>([table.key.hash.name, index.key.hash.name]);
  if (table.key.range) names.add(table.key.range.name);
  if (index.key.range) names.add(index.key.range.name);
  for (const a of index.key.moreHash ?? []) names.add(a.name);
  for (const a of index.key.moreRange ?? []) names.add(a.name);
  if (index.projection.type === 'INCLUDE') for (const n of index.projection.nonKeyAttributes ?? []) names.add(n);
  return names;
}

function copy(from: Item, to: Item, name: string): void {
  const v = from[name];
  if (v !== undefined) to[name] = v;
}
