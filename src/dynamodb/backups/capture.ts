import type { StorageEngine, Write } from '../../storage/engine.js';
import { DynamoError } from '../../protocol/errors.js';
import { tableCatalogKey } from '../tables/catalog.js';
import { completeTransition, isDue } from '../tables/transitions.js';
import type { TableDef } from '../tables/table-types.js';
import { decodeKey, markerRecord, parseRecord, type HistoryRecord } from './history.js';

/**
 * Consistent snapshots without stopping writes. A capture first turns change capture on for the
 * table and appends a marker to its history log in the SAME transaction as the metadata change, so
 * every change committed after the marker is in the log after it. The table's rows are then copied
 * in bounded chunks (each chunk may see later changes), and finally every key changed after the
 * marker is reset to the old image of its FIRST record after the marker — its value at the marker.
 * The result is the table exactly as of the marker's commit.
 */
export const COPY_CHUNK = 500;

export interface TableRef {
  namespace: string;
  name: string;
}

/**
 * Read-modify-write of a table's metadata that can also append a marker to the (new) history log
 * in the same transaction. `fn` is pure and may throw. Returns the new def and the marker's seq.
 */
export async function updateTable(
  engine: StorageEngine,
  ref: TableRef,
  now: number,
  fn: (def: TableDef) => TableDef,
  notFound: () => DynamoError,
  marker?: string,
): Promise<{ before: TableDef; after: TableDef; markerSeq: number | undefined }> {
  const key = tableCatalogKey(ref.namespace, ref.name);
  const info = await engine.atomic({
    reads: [],
    catalogReads: [key],
    apply: (_cur, [raw]) => {
      if (raw === undefined) throw notFound();
      const parsed = JSON.parse(raw) as TableDef;
      const current = isDue(parsed, now) ? completeTransition(parsed, now) : parsed;
      if (!current) throw notFound();
      const before = JSON.stringify(current);
      const next = fn(JSON.parse(before) as TableDef);
      next.version = current.version + 1;
      const writes: Write[] = [{ kind: 'catalog-put', key, value: JSON.stringify(next) }];
      if (marker !== undefined) {
        if (!next.history) throw new Error('a marker needs a history log');
        writes.push({ kind: 'append', log: next.history.log, value: markerRecord(marker, now) });
      }
      return { writes, result: { before: JSON.parse(before) as TableDef, after: next } };
    },
  });
  const markerSeq = marker === undefined ? undefined : info.appended[0]?.seq;
  return { ...info.result, markerSeq };
}

/** Turns capture on for `id` (creating the history log if needed) in `def`. Pure. */
export function addCapture(def: TableDef, id: string, now: number): TableDef {
  def.history ??= { log: `hist/${def.id}/${now}` };
  def.history.captures = { ...def.history.captures, [id]: now };
  return def;
}

/** Turns capture off for `id`; removes the history when nothing needs it any more. Pure. */
export function removeCapture(def: TableDef, id: string): TableDef {
  const h = def.history;
  if (!h) return def;
  if (h.captures) {
    const rest = { ...h.captures };
    delete rest[id];
    if (Object.keys(rest).length === 0) delete h.captures;
    else h.captures = rest;
  }
  if (!h.pitr && !h.captures) delete def.history;
  return def;
}

/**
 * Copies `table`'s rows into `target` so that it holds the table as of the marker `markerSeq` of
 * `log`. Returns the number of rows and their bytes.
 */
export async function copySnapshot(
  engine: StorageEngine,
  table: TableDef,
  log: string,
  markerSeq: number,
  target: string,
): Promise<void> {
  let start: Uint8Array | undefined;
  for (;;) {
    const rows = await engine.range({ space: table.space, ...(start ? { start, startExclusive: true } : {}), limit: COPY_CHUNK });
    if (rows.length > 0) {
      const writes: Write[] = rows.map((r) => ({ kind: 'put', space: target, key: r.key, value: r.value }));
      await engine.atomic({ reads: [], apply: () => ({ writes, result: undefined }) });
    }
    const last = rows[rows.length - 1];
    if (!last || rows.length < COPY_CHUNK) break;
    start = last.key;
  }
  await rollBackToMarker(engine, log, markerSeq, target);
}

/** Resets every key changed after the marker to its value at the marker (first record's old image). */
async function rollBackToMarker(engine: StorageEngine, log: string, markerSeq: number, target: string): Promise<void> {
  const head = await engine.logHead(log);
  const seen = new Set<string>();
  let after = markerSeq;
  while (after < head) {
    const records = await engine.readLog(log, after, COPY_CHUNK);
    if (records.length === 0) break;
    const writes: Write[] = [];
    for (const { value } of records) {
      const rec: HistoryRecord = parseRecord(value);
      if (rec.k === undefined || seen.has(rec.k)) continue;
      seen.add(rec.k);
      const key = decodeKey(rec.k);
      if (rec.o) writes.push({ kind: 'put', space: target, key, value: JSON.stringify(rec.o) });
      else writes.push({ kind: 'delete', space: target, key });
    }
    if (writes.length > 0) await engine.atomic({ reads: [], apply: () => ({ writes, result: undefined }) });
    after = records[records.length - 1]?.seq ?? head;
  }
}
