import type { LogId, LogRecord } from '../engine.js';
import { firstAfter } from '../key-tree.js';
import type { Loc, Segment } from './segment.js';

/**
 * The log engine's ordered logs (a stream's records): for each log its records in seq order, where
 * each record's value is in the segments, its head (the last seq given out, which a trim does not
 * lower) and the segment whose record last set the head. Records count towards their segments'
 * live bytes, which compaction reads.
 *
 * A commit's changes return their undo (the engine runs a failed commit's undos in reverse).
 * Replay applies the same records (replayAppend, replayHead; trim and drop with their undo unused);
 * compaction finds the records and heads that live in the segment it empties.
 */
export interface StoredRecord {
  seq: number;
  loc: Loc;
}

interface Log {
  records: StoredRecord[];
  head: number;
  /** The segment of the record that set `head` (compaction of that segment must rewrite it). */
  headSeg: Segment | undefined;
}

export class StoredLogs {
  private readonly logs = new Map<LogId, Log>();

  /** Up to `limit` records with seq > afterSeq, their values read from the segments. */
  read(log: LogId, afterSeq: number, limit: number): LogRecord[] {
    const records = this.logs.get(log)?.records;
    if (records === undefined || limit <= 0) return [];
    const out: LogRecord[] = [];
    for (let i = firstAfter(records, afterSeq); i < records.length && out.length < limit; i++) {
      const r = records[i] as StoredRecord;
      out.push({ seq: r.seq, value: r.loc.value });
    }
    return out;
  }

  head(log: LogId): number {
    return this.logs.get(log)?.head ?? 0;
  }

  /** The seq the log's next record gets. */
  nextSeq(log: LogId): number {
    return this.head(log) + 1;
  }

  /** Adds the log's next record (seq from nextSeq), written in `active` at `loc`. */
  append(log: LogId, seq: number, loc: Loc, active: Segment): () => void {
    let target = this.logs.get(log);
    const created = target === undefined;
    if (target === undefined) this.logs.set(log, (target = { records: [], head: 0, headSeg: undefined }));
    const entry = target;
    const headSeg = entry.headSeg;
    entry.records.push({ seq, loc });
    entry.head = seq;
    entry.headSeg = active;
    active.live += loc.cost;
    return () => {
      entry.records.pop();
      entry.head = seq - 1;
      entry.headSeg = headSeg;
      active.live -= loc.cost;
      if (created) this.logs.delete(log);
    };
  }

  /** Removes the records with seq < beforeSeq: undefined when there are none, else the undo. */
  trim(log: LogId, beforeSeq: number): (() => void) | undefined {
    const entry = this.logs.get(log);
    const cut = entry === undefined ? 0 : firstAfter(entry.records, beforeSeq - 1);
    if (entry === undefined || cut === 0) return undefined;
    const before = entry.records;
    const gone = before.slice(0, cut);
    adjustLive(gone, -1);
    entry.records = before.slice(cut);
    return () => {
      adjustLive(gone, 1);
      entry.records = before;
    };
  }

  /** Removes the log: undefined when there is none, else the undo. */
  drop(log: LogId): (() => void) | undefined {
    const entry = this.logs.get(log);
    if (entry === undefined) return undefined;
    this.logs.delete(log);
    adjustLive(entry.records, -1);
    return () => {
      this.logs.set(log, entry);
      adjustLive(entry.records, 1);
    };
  }

  // ---------------------------------------------------------------- replay

  /**
   * A replayed append record in `seg`. Compaction copies a record it still holds to a later
   * segment, so one seq can be replayed twice: the later copy replaces the earlier place.
   */
  replayAppend(log: LogId, seq: number, loc: Loc, seg: Segment): void {
    const entry = this.entry(log);
    const record = { seq, loc };
    const records = entry.records;
    const last = records[records.length - 1];
    if (last === undefined || last.seq < seq) records.push(record);
    else {
      const i = firstAfter(records, seq - 1);
      const found = records[i];
      if (found !== undefined && found.seq === seq) {
        found.loc.seg.live -= found.loc.cost;
        records[i] = record;
      } else records.splice(i, 0, record);
    }
    seg.live += loc.cost;
    if (seq >= entry.head) {
      entry.head = seq;
      entry.headSeg = seg;
    }
  }

  /** A replayed head record (compaction's copy of a head last set in a segment it removed). */
  replayHead(log: LogId, head: number, seg: Segment): void {
    const entry = this.entry(log);
    entry.head = head;
    entry.headSeg = seg;
  }

  // ---------------------------------------------------------------- compaction

  /** The log's record with this seq, if it still holds one. */
  record(log: LogId, seq: number): StoredRecord | undefined {
    const records = this.logs.get(log)?.records;
    if (records === undefined) return undefined;
    const rec = records[firstAfter(records, seq - 1)];
    return rec !== undefined && rec.seq === seq ? rec : undefined;
  }

  /** The logs whose head was last set in `seg`, with their heads. */
  headsIn(seg: Segment): { log: LogId; head: number }[] {
    const out: { log: LogId; head: number }[] = [];
    for (const [log, entry] of this.logs) if (entry.headSeg === seg) out.push({ log, head: entry.head });
    return out;
  }

  /** Notes that the log's head is now written in `seg` as well. */
  moveHead(log: LogId, seg: Segment): () => void {
    const entry = this.logs.get(log) as Log;
    const from = entry.headSeg;
    entry.headSeg = seg;
    return () => {
      entry.headSeg = from;
    };
  }

  private entry(log: LogId): Log {
    let entry = this.logs.get(log);
    if (entry === undefined) this.logs.set(log, (entry = { records: [], head: 0, headSeg: undefined }));
    return entry;
  }
}

/** Adds (sign 1) or removes (-1) records from their segments' live counts. */
function adjustLive(records: Iterable<StoredRecord>, sign: 1 | -1): void {
  for (const r of records) r.loc.seg.live += sign * r.loc.cost;
}
