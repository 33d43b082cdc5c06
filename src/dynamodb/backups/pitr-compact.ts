import type { Logger } from '../../server/context.js';
import type { Clock, TimerHandle } from '../../shared/clock.js';
import type { StorageEngine, Write } from '../../storage/engine.js';
import { DynamoError } from '../../protocol/errors.js';
import { TABLE_KEY_PREFIX } from '../tables/catalog.js';
import type { TableDef } from '../tables/table-types.js';
import { COPY_CHUNK, updateTable } from './capture.js';
import { decodeKey, parseRecord } from './history.js';
import { DAY_MS } from './pitr.js';

/**
 * Keeps PITR storage bounded: history records older than the recovery window are folded into a new
 * base snapshot and trimmed from the log. The new base is written to a fresh space and switched in
 * one metadata transaction, so a restore reading the old base is never disturbed; the old base is
 * dropped one retention delay later.
 */
export const RETIRED_BASE_KEEP_MS = 3_600_000;

export async function compactPitr(engine: StorageEngine, table: TableDef, now: number): Promise<boolean> {
  const history = table.history;
  const pitr = history?.pitr;
  const base = pitr?.base;
  if (!history || !pitr || !base) return false;
  const ref = { namespace: table.namespace, name: table.name };
  const gone = (): DynamoError => DynamoError.resourceNotFound();
  const cutoff = now - pitr.recoveryPeriodDays * DAY_MS;
  const due = (pitr.retired ?? []).filter((r) => r.dropAfter <= now);
  if (cutoff <= base.time) {
    if (due.length > 0) await dropRetired(engine, ref, now, due.map((r) => r.space), gone);
    return false;
  }
  const space = `pitr/${table.id}/${now}`;
  await copySpace(engine, base.space, space);
  const seq = await foldRecords(engine, history.log, base.seq, cutoff, space);
  let switched = false;
  await updateTable(engine, ref, now, (def) => {
    const p = def.history?.pitr;
    if (!p?.base || p.base.space !== base.space) return def;
    p.retired = [...(p.retired ?? []).filter((r) => r.dropAfter > now), { space: base.space, dropAfter: now + RETIRED_BASE_KEEP_MS }];
    p.base = { space, seq, time: cutoff };
    switched = true;
    return def;
  }, gone).catch(() => undefined);
  if (!switched) {
    await engine.dropSpace(space);
    return false;
  }
  for (const r of due) await engine.dropSpace(r.space);
  // Backups still copying need the records after their marker: trim only when none is running.
  if (!history.captures) await engine.trimLog(history.log, seq + 1);
  return true;
}

async function copySpace(engine: StorageEngine, from: string, to: string): Promise<void> {
  let start: Uint8Array | undefined;
  for (;;) {
    const rows = await engine.range({ space: from, ...(start ? { start, startExclusive: true } : {}), limit: COPY_CHUNK });
    if (rows.length > 0) {
      const writes: Write[] = rows.map((r) => ({ kind: 'put', space: to, key: r.key, value: r.value }));
      await engine.atomic({ reads: [], apply: () => ({ writes, result: undefined }) });
    }
    const last = rows[rows.length - 1];
    if (!last || rows.length < COPY_CHUNK) return;
    start = last.key;
  }
}

/** Applies the log prefix after `afterSeq` whose times are ≤ cutoff; returns the last folded seq. */
async function foldRecords(engine: StorageEngine, log: string, afterSeq: number, cutoff: number, space: string): Promise<number> {
  let folded = afterSeq;
  for (;;) {
    const records = await engine.readLog(log, folded, COPY_CHUNK);
    if (records.length === 0) return folded;
    const writes: Write[] = [];
    let stop = false;
    let last = folded;
    for (const { seq, value } of records) {
      const rec = parseRecord(value);
      if (rec.t > cutoff) {
        stop = true;
        break;
      }
      last = seq;
      if (rec.k === undefined) continue;
      const key = decodeKey(rec.k);
      writes.push(rec.n ? { kind: 'put', space, key, value: JSON.stringify(rec.n) } : { kind: 'delete', space, key });
    }
    if (writes.length > 0) await engine.atomic({ reads: [], apply: () => ({ writes, result: undefined }) });
    folded = last;
    if (stop || records.length < COPY_CHUNK) return folded;
  }
}

async function dropRetired(
  engine: StorageEngine,
  ref: { namespace: string; name: string },
  now: number,
  spaces: string[],
  gone: () => DynamoError,
): Promise<void> {
  await updateTable(engine, ref, now, (def) => {
    const p = def.history?.pitr;
    if (p?.retired) p.retired = p.retired.filter((r) => !spaces.includes(r.space));
    return def;
  }, gone).catch(() => undefined);
  for (const s of spaces) await engine.dropSpace(s);
}

/**
 * Background compaction of every PITR-enabled table on the server clock (poller → processor).
 * Not started by the server yet: `new PitrCompactor({...}).start()` from start.ts, stopped on stop.
 */
export class PitrCompactor {
  private timer: TimerHandle | undefined;
  private running: Promise<void> | undefined;
  private stopped = false;

  constructor(private readonly deps: { engine: StorageEngine; clock: Clock; logger: Logger; intervalMs: number }) {}

  start(): void {
    this.arm();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.timer?.cancel();
    await this.running;
  }

  private arm(): void {
    if (this.stopped) return;
    this.timer = this.deps.clock.schedule(this.deps.intervalMs, () => {
      this.running = this.runOnce()
        .then(() => undefined)
        .catch((err: unknown) => this.deps.logger.error('pitr compaction failed', { err: String(err) }))
        .finally(() => {
          this.running = undefined;
          this.arm();
        });
    });
  }

  /** One pass over every table with PITR enabled; returns how many were compacted. */
  async runOnce(): Promise<number> {
    let n = 0;
    for (const { value } of await this.deps.engine.catalogList(TABLE_KEY_PREFIX)) {
      if (this.stopped) break;
      const table = JSON.parse(value) as TableDef;
      if (table.history?.pitr?.base && (await compactPitr(this.deps.engine, table, this.deps.clock.now()))) n++;
    }
    return n;
  }
}
