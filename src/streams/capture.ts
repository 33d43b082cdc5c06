import type { Write } from '../storage/engine.js';
import type { Item } from '../dynamodb/values/types.js';
import type { TableDef } from '../dynamodb/tables/table-types.js';
import { valuesEqual } from '../dynamodb/values/compare.js';
import type { StoredRecord } from './record-format.js';

/**
 * Stream capture. The item write path (dynamodb/tables/item-writes.ts) calls this inside the
 * engine's `apply`, so the record is appended in the same storage transaction as the item, with
 * the old and new images the transaction itself read — never from a separate read.
 */

/** The append that records one committed change, or undefined when the table has no enabled stream or nothing changed (old and new deep-equal). Pure. */
export function changeRecordWrite(
  table: TableDef,
  oldItem: Item | undefined,
  newItem: Item | undefined,
  opts: { now: number; service?: boolean },
): Write | undefined {
  const stream = table.stream;
  if (!stream || !stream.enabled) return undefined;
  const keySource = newItem ?? oldItem;
  if (!keySource) return undefined;
  if (oldItem && newItem && itemsEqual(oldItem, newItem)) return undefined;

  const keys: Item = {};
  const hash = keySource[table.key.hash.name];
  if (hash) keys[table.key.hash.name] = hash;
  if (table.key.range) {
    const range = keySource[table.key.range.name];
    if (range) keys[table.key.range.name] = range;
  }
  const rec: StoredRecord = { e: !oldItem ? 'I' : !newItem ? 'R' : 'M', t: opts.now, k: keys };
  const view = stream.viewType;
  if (newItem && (view === 'NEW_IMAGE' || view === 'NEW_AND_OLD_IMAGES')) rec.n = newItem;
  if (oldItem && (view === 'OLD_IMAGE' || view === 'NEW_AND_OLD_IMAGES')) rec.o = oldItem;
  if (opts.service) rec.u = 1;
  return { kind: 'append', log: stream.log, value: JSON.stringify(rec) };
}

/** Deep equality of two items (sets as sets, numbers numerically). */
export function itemsEqual(a: Item, b: Item): boolean {
  const names = Object.keys(a);
  if (names.length !== Object.keys(b).length) return false;
  for (const name of names) {
    const x = a[name];
    const y = Object.hasOwn(b, name) ? b[name] : undefined;
    if (x === undefined || y === undefined || !valuesEqual(x, y)) return false;
  }
  return true;
}
