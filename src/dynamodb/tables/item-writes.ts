import type { Write } from '../../storage/engine.js';
import type { Item } from '../values/types.js';
import type { IndexDef, TableDef } from './table-types.js';
import { encodeIndexKey } from '../keys/key-encoding.js';
import { changeRecordWrite } from '../../streams/capture.js';
import { projectForIndex } from './index-projection.js';
import { historyRecordWrite } from '../backups/history.js';

/**
 * The single choke point through which every committed item change flows (PutItem, UpdateItem,
 * DeleteItem, batches, transactions, TTL deletions, PartiQL): given the item before and after, it
 * returns the writes that must commit together — the base row, every secondary-index row, and the
 * stream record. Pure, so it runs inside the engine's `apply`.
 */
export interface ItemChange {
  /** Storage key of the item in the table's space. */
  key: Uint8Array;
  /**
   * The item before the change. May be left undefined while `oldJson` is given when
   * `changeNeedsOldItem(table)` is false: nothing here then looks at the old item's attributes.
   */
  oldItem: Item | undefined;
  newItem: Item | undefined;
  /** The stored text of oldItem, when the caller has it (saves re-serializing it). */
  oldJson?: string | undefined;
  /** JSON.stringify(newItem), when the caller has it (prepareItem). */
  newJson?: string | undefined;
  /** The UTF-8 length of newJson, when the caller has it (prepareItem). */
  newBytes?: number | undefined;
}

/**
 * One index's row change, for ConsumedCapacity (operations/item-support.ts indexWriteUnits sizes
 * it only when capacity is asked for, so plain writes pay nothing for the sizing).
 */
export interface IndexWrite {
  index: IndexDef;
  table: TableDef;
  /** The base item whose entry the write removed or overwrote, when the index held one. */
  oldItem: Item | undefined;
  /** The projected entry written, when one was. */
  written: Item | undefined;
  /** The old entry was removed (the item left the index or its index key moved). */
  removed: boolean;
}

export interface ChangeWrites {
  writes: Write[];
  /** Per-index row changes, for ConsumedCapacity with INDEXES. */
  indexes: IndexWrite[];
  /** False when the write changes nothing (no base write, no index writes, no stream record). */
  changed: boolean;
}

export function itemChangeWrites(
  table: TableDef,
  change: ItemChange,
  opts: { now: number; service?: boolean },
): ChangeWrites {
  const { key, oldItem, newItem } = change;
  const oldJson = change.oldJson !== undefined ? change.oldJson : oldItem === undefined ? undefined : JSON.stringify(oldItem);
  const newJson = newItem === undefined ? undefined : (change.newJson ?? JSON.stringify(newItem));
  if (oldJson === newJson || (oldItem !== undefined && newItem !== undefined && sameItem(oldItem, newItem))) {
    return { writes: [], indexes: [], changed: false };
  }
  const writes: Write[] = [];
  if (newJson === undefined) writes.push({ kind: 'delete', space: table.space, key });
  // newBytes measures the caller's newJson only, not a text serialized here.
  else writes.push({ kind: 'put', space: table.space, key, value: newJson, bytes: change.newJson === undefined ? undefined : change.newBytes });

  const indexes: IndexWrite[] = [];
  for (const index of allIndexes(table)) {
    const w = indexWrites(table, index, oldItem, newItem, writes);
    if (w) indexes.push(w);
  }
  const record = changeRecordWrite(table, oldItem, newItem, opts);
  if (record) writes.push(record);
  const history = historyRecordWrite(table, key, oldItem, newItem, opts); if (history) writes.push(history);
  return { writes, indexes, changed: true };
}

/**
 * Whether a change to this table's items looks at the old item's attributes: to move index rows,
 * to write a stream record or a point-in-time history record (and to tell a rewrite with the
 * attributes in another order from a real change, which matters only for those). Without any of
 * them a writer that needs the old item for nothing else can skip parsing its stored text.
 */
export function changeNeedsOldItem(table: TableDef): boolean {
  return table.gsis.length > 0 || table.lsis.length > 0 || table.stream?.enabled === true || table.history !== undefined;
}

export function allIndexes(table: TableDef): IndexDef[] {
  if (table.lsis.length === 0) return table.gsis;
  if (table.gsis.length === 0) return table.lsis;
  return [...table.lsis, ...table.gsis];
}

function indexWrites(
  table: TableDef,
  index: IndexDef,
  oldItem: Item | undefined,
  newItem: Item | undefined,
  out: Write[],
): IndexWrite | undefined {
  const oldKey = oldItem ? encodeIndexKey(index.key, table.key, oldItem) : undefined;
  const newKey = newItem ? encodeIndexKey(index.key, table.key, newItem) : undefined;
  if (!oldKey && !newKey) return undefined;
  const result: IndexWrite = { index, table, oldItem: oldKey ? oldItem : undefined, written: undefined, removed: false };
  if (oldKey && (!newKey || !bytesEqual(oldKey, newKey))) {
    out.push({ kind: 'delete', space: index.space, key: oldKey });
    result.removed = true;
  }
  if (newKey && newItem) {
    const projected = projectForIndex(table, index, newItem);
    if (oldKey && oldItem && bytesEqual(oldKey, newKey)) {
      // Same index key: rewrite only if the projected attributes changed.
      const before = JSON.stringify(projectForIndex(table, index, oldItem));
      const after = JSON.stringify(projected);
      if (before === after) return undefined;
      out.push({ kind: 'put', space: index.space, key: newKey, value: after });
    } else {
      out.push({ kind: 'put', space: index.space, key: newKey, value: JSON.stringify(projected) });
    }
    result.written = projected;
  }
  return result;
}

function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Attribute order differs between JSON texts of equal items; compare structurally. */
function sameItem(a: Item, b: Item): boolean {
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  for (const k of ka) {
    const vb = b[k];
    if (vb === undefined || !deepEqualJson(a[k], vb)) return false;
  }
  return true;
}

function deepEqualJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    return a.every((v, i) => deepEqualJson(v, b[i]));
  }
  if (Array.isArray(b)) return false;
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  const keys = Object.keys(ra);
  if (keys.length !== Object.keys(rb).length) return false;
  return keys.every((k) => k in rb && deepEqualJson(ra[k], rb[k]));
}
