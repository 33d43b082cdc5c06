import type { Write } from '../../storage/engine.js';
import type { Item } from '../values/types.js';
import type { TableDef } from '../tables/table-types.js';

/**
 * Change capture for backups and point-in-time recovery. The item write path
 * (tables/item-writes.ts) calls `historyRecordWrite` inside the engine's `apply`, so the record is
 * appended in the same transaction as the item change. It costs one property check when the
 * table has no history (PITR off and no backup copying).
 *
 * A record carries the full old and new images of the item, so replaying records is idempotent:
 * the state of a key after record r is `r.n`, whatever was there before, and the state before the
 * first record after a marker is that record's `o`.
 */
export interface HistoryRecord {
  /** Commit time (the writer's clock), epoch ms. */
  t: number;
  /** Storage key of the item (base64). Absent on markers. */
  k?: string;
  /** Item before the change (absent: did not exist). */
  o?: Item;
  /** Item after the change (absent: deleted). */
  n?: Item;
  /** Marker written when a capture starts (the backup/snapshot id). */
  m?: string;
}

export function historyRecordWrite(
  table: TableDef,
  key: Uint8Array,
  oldItem: Item | undefined,
  newItem: Item | undefined,
  opts: { now: number },
): Write | undefined {
  const history = table.history;
  if (history === undefined) return undefined;
  const rec: HistoryRecord = { t: opts.now, k: Buffer.from(key).toString('base64') };
  if (oldItem) rec.o = oldItem;
  if (newItem) rec.n = newItem;
  return { kind: 'append', log: history.log, value: JSON.stringify(rec) };
}

export function markerRecord(id: string, now: number): string {
  const rec: HistoryRecord = { t: now, m: id };
  return JSON.stringify(rec);
}

export function parseRecord(value: string): HistoryRecord {
  return JSON.parse(value) as HistoryRecord;
}

export function decodeKey(k: string): Uint8Array {
  return new Uint8Array(Buffer.from(k, 'base64'));
}
