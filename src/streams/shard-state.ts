import { createHash } from 'node:crypto';
import type { StorageEngine, Write } from '../storage/engine.js';
import type { StreamDef } from '../dynamodb/tables/table-types.js';
import { isMarker, parseEntry, type StoredMarker } from './record-format.js';

/**
 * Shards of one stream, kept in one catalog row per stream (`streams/state/<log>`). A shard is a
 * range of the stream's log: records with `from` < seq < `to`. The lineage is a single chain (each
 * shard's parent is the one before it), which keeps per-key order trivially.
 *
 * A shard is closed by appending a marker entry to the log in the same transaction that records
 * the closing in this row; the marker's seq (known after commit) is the exact boundary, because
 * the engine assigns seqs in commit order — no record can land on the wrong side of it. Until
 * `to`/`from` are filled in (a second, idempotent step) readers stop at the marker itself.
 */
export const RETENTION_MS = 24 * 60 * 60 * 1000;
export const DEFAULT_ROLLOVER_MS = 4 * 60 * 60 * 1000;
const SCAN_BATCH = 1000;

export interface ShardRow {
  id: string;
  parent?: string;
  /** epoch ms the shard opened */
  created: number;
  /** Records in this shard have seq > from. -1 while pending (set from the parent's marker). */
  from: number;
  /** Seq of the marker that closed this shard; records have seq < to. */
  to?: number;
  /** epoch ms the shard closed */
  closed?: number;
}

export interface StreamState {
  shards: ShardRow[];
  /** The stream was disabled or replaced and its last shard closed. */
  ended?: boolean;
  /** Records with seq < trimmedBefore have been physically deleted. */
  trimmedBefore?: number;
}

export function stateKey(log: string): string {
  return `streams/state/${log}`;
}

export const STATE_PREFIX = 'streams/state/';

/** DynamoDB's shard id format: `shardId-` + 20 digits (creation time) + `-` + 8 hex digits. */
export function shardIdFor(log: string, index: number, created: number): string {
  const hex = createHash('sha1').update(`${log}#${index}`).digest('hex').slice(0, 8);
  return `shardId-${String(created).padStart(20, '0')}-${hex}`;
}

/** The stream label is its creation time (UTC, no zone suffix), e.g. 2026-11-24T09:26:00.123. */
export function labelTime(label: string): number | undefined {
  const t = Date.parse(`${label}Z`);
  return Number.isNaN(t) ? undefined : t;
}

export function openShard(state: StreamState): ShardRow | undefined {
  const last = state.shards[state.shards.length - 1];
  return last && last.closed === undefined ? last : undefined;
}

export async function readState(engine: StorageEngine, log: string): Promise<StreamState | undefined> {
  const raw = await engine.catalogGet(stateKey(log));
  return raw === undefined ? undefined : (JSON.parse(raw) as StreamState);
}

/** Creates the state row (first shard, from seq 0) if it does not exist yet. Idempotent across nodes. */
async function ensureState(engine: StorageEngine, stream: StreamDef, now: number): Promise<StreamState> {
  const key = stateKey(stream.log);
  const created = labelTime(stream.label) ?? now;
  const { result } = await engine.atomic({
    reads: [],
    catalogReads: [key],
    apply(_current, [raw]) {
      if (raw !== undefined) return { writes: [], result: JSON.parse(raw) as StreamState };
      const state: StreamState = { shards: [{ id: shardIdFor(stream.log, 0, created), created, from: 0 }] };
      return { writes: [{ kind: 'catalog-put', key, value: JSON.stringify(state) }], result: state };
    },
  });
  return result;
}

/**
 * Closes the open shard `expectId` (if it still is the open one): appends a marker and, for a
 * rollover, opens the child. Then fills in the boundary from the marker's seq.
 */
export async function closeShard(
  engine: StorageEngine,
  log: string,
  expectId: string,
  kind: 'roll' | 'end',
  now: number,
): Promise<void> {
  const key = stateKey(log);
  const info = await engine.atomic({
    reads: [],
    catalogReads: [key],
    apply(_current, [raw]) {
      if (raw === undefined) return { writes: [], result: false };
      const state = JSON.parse(raw) as StreamState;
      const open = openShard(state);
      if (!open || open.id !== expectId) return { writes: [], result: false };
      open.closed = now;
      const marker: StoredMarker = { x: kind, s: open.id, t: now };
      if (kind === 'roll') {
        const created = Math.max(now, open.created + 1);
        state.shards.push({ id: shardIdFor(log, state.shards.length, created), parent: open.id, created, from: -1 });
        // keep the row from growing without bound even if the trim duty never runs
      } else {
        state.ended = true;
      }
      const writes: Write[] = [
        { kind: 'append', log, value: JSON.stringify(marker) },
        { kind: 'catalog-put', key, value: JSON.stringify(state) },
      ];
      return { writes, result: true };
    },
  });
  const seq = info.appended[0]?.seq;
  if (info.result && seq !== undefined) await settleBoundary(engine, log, expectId, seq);
}

/** Records the seq of the marker that closed `shardId` (idempotent). */
async function settleBoundary(engine: StorageEngine, log: string, shardId: string, seq: number): Promise<void> {
  const key = stateKey(log);
  await engine.atomic({
    reads: [],
    catalogReads: [key],
    apply(_current, [raw]) {
      if (raw === undefined) return { writes: [], result: undefined };
      const state = JSON.parse(raw) as StreamState;
      const i = state.shards.findIndex((s) => s.id === shardId);
      const shard = state.shards[i];
      if (!shard || shard.to !== undefined) return { writes: [], result: undefined };
      shard.to = seq;
      const child = state.shards[i + 1];
      if (child && child.from < 0) child.from = seq;
      return { writes: [{ kind: 'catalog-put', key, value: JSON.stringify(state) }], result: undefined };
    },
  });
}

/** Finishes a close whose second step did not run (a crash between the two commits). */
async function repairPending(engine: StorageEngine, log: string, state: StreamState): Promise<boolean> {
  let repaired = false;
  for (const shard of state.shards) {
    if (shard.closed === undefined || shard.to !== undefined || shard.from < 0) continue;
    let pos = shard.from;
    for (;;) {
      const batch = await engine.readLog(log, pos, SCAN_BATCH);
      const hit = batch.find((r) => {
        const e = parseEntry(r.value);
        return isMarker(e) && e.s === shard.id;
      });
      if (hit) {
        await settleBoundary(engine, log, shard.id, hit.seq);
        repaired = true;
        break;
      }
      const last = batch[batch.length - 1];
      if (!last || batch.length < SCAN_BATCH) break;
      pos = last.seq;
    }
  }
  return repaired;
}

export interface StateOptions {
  now: number;
  /** The stream is the table's current, enabled stream (else its open shard gets closed). */
  live: boolean;
  rolloverMs: number;
  /** Whether to perform due rollovers (DescribeStream and the duty do; GetRecords does not). */
  roll: boolean;
}

/**
 * The stream's shard state, brought up to date: created if new, closed if the stream is no longer
 * live, rolled over if due, pending boundaries repaired. Safe to call from several nodes at once.
 */
export async function currentState(engine: StorageEngine, stream: StreamDef, opts: StateOptions): Promise<StreamState> {
  let state = (await readState(engine, stream.log)) ?? (await ensureState(engine, stream, opts.now));
  for (let round = 0; round < 3; round++) {
    let changed = false;
    const open = openShard(state);
    if (open && !opts.live) {
      await closeShard(engine, stream.log, open.id, 'end', opts.now);
      changed = true;
    } else if (open && opts.roll && opts.now - open.created >= opts.rolloverMs) {
      await closeShard(engine, stream.log, open.id, 'roll', opts.now);
      changed = true;
    }
    if (state.shards.some((s) => s.closed !== undefined && (s.to === undefined || s.from < 0))) {
      changed = (await repairPending(engine, stream.log, state)) || changed;
    }
    if (!changed) return state;
    state = (await readState(engine, stream.log)) ?? state;
  }
  return state;
}

/**
 * The first seq still inside the retention window: the first entry written at or after
 * `now - RETENTION_MS` (head + 1 when there is none). Everything before it counts as trimmed.
 */
export async function trimHorizon(engine: StorageEngine, log: string, state: StreamState, now: number): Promise<number> {
  const cutoff = now - RETENTION_MS;
  let pos = Math.max(0, (state.trimmedBefore ?? 1) - 1);
  for (;;) {
    const batch = await engine.readLog(log, pos, SCAN_BATCH);
    for (const r of batch) {
      if (parseEntry(r.value).t >= cutoff) return r.seq;
    }
    const last = batch[batch.length - 1];
    if (!last || batch.length < SCAN_BATCH) return (last?.seq ?? pos) + 1;
    pos = last.seq;
  }
}

/** Shards still visible: closed shards disappear RETENTION_MS after they closed. */
export function visibleShards(state: StreamState, now: number): ShardRow[] {
  return state.shards.filter((s) => s.closed === undefined || s.closed > now - RETENTION_MS);
}

/**
 * A shard's StartingSequenceNumber, as a log position: the one just before its first readable
 * record. DynamoDB's starting number is below the first record's (LocalStack's AWS-validated
 * test_dynamodb_stream_records_with_update_item asserts it), and AT_SEQUENCE_NUMBER from it
 * still reads that first record.
 */
export function shardStart(shard: ShardRow, horizon: number): number {
  return Math.max(shard.from, horizon - 1, 0);
}
