import { randomUUID } from 'node:crypto';
import type { KeyValue, StorageEngine } from '../../storage/engine.js';
import type { DynamoError } from '../../protocol/errors.js';
import type { PitrDef, TableDef } from '../tables/table-types.js';
import { addCapture, copySnapshot, removeCapture, updateTable, type TableRef } from './capture.js';
import { parseRecord } from './history.js';

/**
 * Point-in-time recovery = a base snapshot + the table's history log. Enabling takes a consistent
 * snapshot (capture.ts) into a base space; from then on every change appends a record with its
 * commit time. The state at T is the base overlaid with the records after the base whose time is
 * ≤ T (the last one per key wins). Compaction (pitr-compact.ts) moves the base forward.
 */
export const DAY_MS = 86_400_000;
export const DEFAULT_RECOVERY_PERIOD_DAYS = 35;

/** The restorable window [earliest, latest] of an enabled PITR at `now`. */
export function restorableWindow(pitr: PitrDef, now: number): { earliest: number; latest: number } {
  const start = pitr.base?.time ?? pitr.enabledAt;
  const earliest = Math.min(now, Math.max(start, now - pitr.recoveryPeriodDays * DAY_MS));
  // Eddy commits are immediately durable and replayable: the latest restorable time is now
  // (DynamoDB's lags about five minutes behind).
  return { earliest, latest: now };
}

export function continuousBackupsDescription(def: TableDef, now: number): Record<string, unknown> {
  const pitr = def.history?.pitr;
  if (!pitr) return { ContinuousBackupsStatus: 'ENABLED', PointInTimeRecoveryDescription: { PointInTimeRecoveryStatus: 'DISABLED' } };
  const { earliest, latest } = restorableWindow(pitr, now);
  return {
    ContinuousBackupsStatus: 'ENABLED',
    PointInTimeRecoveryDescription: {
      PointInTimeRecoveryStatus: 'ENABLED',
      RecoveryPeriodInDays: pitr.recoveryPeriodDays,
      EarliestRestorableDateTime: earliest / 1000,
      LatestRestorableDateTime: latest / 1000,
    },
  };
}

/** Enables PITR: capture on + marker, base snapshot, then the base recorded. Returns the table. */
export async function enablePitr(
  engine: StorageEngine,
  ref: TableRef,
  now: number,
  periodDays: number,
  notFound: () => DynamoError,
): Promise<TableDef> {
  const id = `pitr-${randomUUID()}`;
  const { after, markerSeq } = await updateTable(engine, ref, now, (def) => {
    addCapture(def, id, now);
    const h = def.history;
    if (h) h.pitr = { enabledAt: now, recoveryPeriodDays: periodDays };
    return def;
  }, notFound, id);
  const log = after.history?.log;
  if (!log || markerSeq === undefined) throw new Error('PITR capture did not start');
  const space = `pitr/${after.id}/${now}`;
  await copySnapshot(engine, after, log, markerSeq, space);
  let kept = false;
  const result = await updateTable(engine, ref, now, (def) => {
    const pitr = def.history?.pitr;
    if (pitr && pitr.enabledAt === now && def.history?.log === log) {
      pitr.base = { space, seq: markerSeq, time: now };
      kept = true;
    }
    return removeCapture(def, id);
  }, notFound);
  if (!kept) await engine.dropSpace(space);
  return result.after;
}

/** Disables PITR; drops its base spaces, and the history log when nothing else needs it. */
export async function disablePitr(engine: StorageEngine, ref: TableRef, now: number, notFound: () => DynamoError): Promise<TableDef> {
  const { before, after } = await updateTable(engine, ref, now, (def) => {
    if (def.history) delete def.history.pitr;
    return removeCapture(def, '');
  }, notFound);
  const old = before.history?.pitr;
  if (old) {
    if (old.base) await engine.dropSpace(old.base.space);
    for (const r of old.retired ?? []) await engine.dropSpace(r.space);
  }
  if (before.history && !after.history) await engine.dropLog(before.history.log);
  return after;
}

/**
 * The rows of the table as of `at`, in bounded chunks: base rows overlaid with the history
 * records after the base with time ≤ at (the last per key wins; a removal hides the row).
 */
export async function* rowsAt(engine: StorageEngine, table: TableDef, at: number, chunk = 500): AsyncGenerator<KeyValue[]> {
  const history = table.history;
  const base = history?.pitr?.base;
  if (!history || !base) return;
  const overlay = new Map<string, string | undefined>();
  const head = await engine.logHead(history.log);
  let after = base.seq;
  while (after < head) {
    const records = await engine.readLog(history.log, after, chunk);
    if (records.length === 0) break;
    for (const { value } of records) {
      const rec = parseRecord(value);
      if (rec.k === undefined || rec.t > at) continue;
      overlay.set(rec.k, rec.n === undefined ? undefined : JSON.stringify(rec.n));
    }
    after = records[records.length - 1]?.seq ?? head;
  }
  let start: Uint8Array | undefined;
  for (;;) {
    const rows = await engine.range({ space: base.space, ...(start ? { start, startExclusive: true } : {}), limit: chunk });
    const out: KeyValue[] = [];
    for (const row of rows) {
      const k = Buffer.from(row.key).toString('base64');
      if (!overlay.has(k)) {
        out.push(row);
        continue;
      }
      const value = overlay.get(k);
      overlay.delete(k);
      if (value !== undefined) out.push({ key: row.key, value });
    }
    if (out.length > 0) yield out;
    const last = rows[rows.length - 1];
    if (!last || rows.length < chunk) break;
    start = last.key;
  }
  let rest: KeyValue[] = [];
  for (const [k, value] of overlay) {
    if (value === undefined) continue;
    rest.push({ key: new Uint8Array(Buffer.from(k, 'base64')), value });
    if (rest.length >= chunk) {
      yield rest;
      rest = [];
    }
  }
  if (rest.length > 0) yield rest;
}
