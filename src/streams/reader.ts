import { DynamoError } from '../protocol/errors.js';
import type { LogId, StorageEngine } from '../storage/engine.js';
import { isMarker, parseEntry, type StoredRecord } from './record-format.js';
import { RETENTION_MS, type ShardRow, type StreamState } from './shard-state.js';

/**
 * Reading one shard of a stream log. Used by GetRecords and, in process, by event-source mappings
 * (which can await `waitForAppend` instead of polling).
 */
export const MAX_RECORDS = 1000;
export const MAX_RESPONSE_BYTES = 1024 * 1024;

export interface ReadRecord {
  seq: number;
  rec: StoredRecord;
}

export interface ShardRead {
  records: ReadRecord[];
  /** Position after the last record returned (unchanged when none). */
  pos: number;
  /** The shard is closed and everything in it has been read. */
  ended: boolean;
}

export function trimmedError(): DynamoError {
  return DynamoError.service('TrimmedDataAccessException', 'The data you are trying to access has been trimmed.');
}

/**
 * Records of `shard` after `pos`, at most `limit` and about `maxBytes` (always at least one).
 * Throws TrimmedDataAccessException when the position points at data past the retention period.
 */
export async function readShard(
  engine: StorageEngine,
  log: LogId,
  state: StreamState,
  shard: ShardRow,
  pos: number,
  opts: { limit: number; now: number; maxBytes?: number },
): Promise<ShardRead> {
  const maxBytes = opts.maxBytes ?? MAX_RESPONSE_BYTES;
  const cutoff = opts.now - RETENTION_MS;
  const records: ReadRecord[] = [];
  if (pos + 1 < (state.trimmedBefore ?? 0)) throw trimmedError();
  if (shard.to !== undefined && pos >= shard.to - 1) return { records, pos, ended: true };
  let bytes = 0;
  let first = true;
  for (;;) {
    const want = opts.limit - records.length + 1;
    const batch = await engine.readLog(log, pos, want);
    for (const r of batch) {
      if (shard.to !== undefined && r.seq >= shard.to) return { records, pos, ended: true };
      const entry = parseEntry(r.value);
      if (isMarker(entry)) {
        if (entry.s === shard.id) return { records, pos, ended: true };
        continue;
      }
      if (first && entry.t < cutoff) throw trimmedError();
      first = false;
      if (records.length >= opts.limit || (records.length > 0 && bytes + r.value.length > maxBytes)) {
        return { records, pos, ended: false };
      }
      bytes += r.value.length;
      records.push({ seq: r.seq, rec: entry });
      pos = r.seq;
    }
    if (batch.length < want) {
      // Reached the head. A closed shard whose marker was already read back would have returned.
      return { records, pos, ended: shard.to !== undefined && pos >= shard.to - 1 };
    }
  }
}

/**
 * Resolves when `log` gets an entry with seq > `afterSeq` (or at once if it has one), or after
 * `timeoutMs`. For in-process consumers: woken by the engine's commit hook, no polling.
 */
export async function waitForAppend(engine: StorageEngine, log: LogId, afterSeq: number, timeoutMs: number): Promise<boolean> {
  let done: (v: boolean) => void = () => undefined;
  const woken = new Promise<boolean>((resolve) => (done = resolve));
  const off = engine.onAppend((l, seq) => {
    if (l === log && seq > afterSeq) done(true);
  });
  const timer = setTimeout(() => done(false), timeoutMs);
  try {
    if ((await engine.logHead(log)) > afterSeq) return true;
    return await woken;
  } finally {
    clearTimeout(timer);
    off();
  }
}
