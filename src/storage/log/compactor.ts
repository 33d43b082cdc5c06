import { unlinkSync } from 'node:fs';
import type { SpaceId } from '../engine.js';
import { type FrameBuilder, Rec, RecordReader, scanFrames, skipRecord } from './frames.js';
import type { Places } from './places.js';
import { type Loc, type Segment, syncDir } from './segment.js';
import type { StoredLogs } from './stored-logs.js';

/** Bytes of the oldest segment compaction examines per commit. */
const COMPACT_SLICE = 1 << 20;

/** Where a catalog key's latest put is, and its bytes there. */
export interface Placed {
  seg: Segment;
  cost: number;
}

/**
 * What compaction reads and changes of the log engine's state (log-engine.ts). Its changes go into
 * the commit being built: records into `frame`, and an undo step for each change of the index, which
 * the engine runs if the commit fails.
 */
export interface CompactionHost {
  readonly dir: string;
  /** The engine's segments, oldest first (the last is the active one); compaction removes from it. */
  readonly segments: Segment[];
  readonly places: Places;
  readonly logs: StoredLogs;
  readonly frame: FrameBuilder;
  /** The buffer compaction reads frames into (shared with replay, which is over by then). */
  readonly reader: { buf: Buffer };
  /** The place a space's key (its latin1 text) points to, if any. */
  placeOf(space: SpaceId, key: string): number | undefined;
  /** The catalog keys whose latest put is in `seg`, with their values and placements. */
  catalogIn(seg: Segment): { key: string; value: string; at: Placed }[];
  /** Records where a catalog key's latest put is; returns where it was. */
  placeCatalog(key: string, at: Placed | undefined): Placed | undefined;
  /** Adds an undo step to the commit being built. */
  undo(step: () => void): void;
}

/** One segment being emptied. */
export interface Compaction {
  readonly seg: Segment;
  /** Offset in `seg` of the next frame to examine. */
  pos: number;
  /** Set by the commit that copied the last slice (its sync completing lets the file go). */
  lastSliceAt: number;
}

/**
 * The log engine's compaction: once dead bytes pass a threshold, the live records of the oldest
 * segment are copied into the active one, a slice per commit (the copies go in the same frame as
 * the clients' writes, so they are durable with it); the last slice also rewrites the catalog
 * entries and the logs' heads last written in that segment, and the file is deleted once that
 * commit's write has ended. One segment at a time.
 *
 * The engine calls `maybeStart` after each commit, `slice` when it closes a frame while `ready`,
 * `sliced` once the frame has its place, `finish` when a commit that copied a last slice is durable,
 * and `stop` when compaction failed (it only saves space, so it is given up until a restart).
 */
export class Compactor {
  private running: Compaction | undefined;
  private stopped = false;

  constructor(
    private readonly host: CompactionHost,
    /** Compaction starts once dead bytes exceed this and half the live bytes. */
    private readonly minGarbage: number,
  ) {}

  /** The compaction in progress, if any. */
  get current(): Compaction | undefined {
    return this.running;
  }

  /**
   * Starts compacting the oldest segment if the segments hold enough dead bytes. Returns true when
   * the active segment must be rolled first (the segment being compacted must not be the one the
   * copies go to).
   */
  maybeStart(): boolean {
    if (this.running !== undefined || this.stopped) return false;
    const segments = this.host.segments;
    let size = 0;
    let live = 0;
    for (const s of segments) {
      size += s.size;
      live += s.live;
    }
    const dead = size - live;
    if (dead <= this.minGarbage || dead <= live / 2) return false;
    const oldest = segments[0] as Segment;
    this.running = { seg: oldest, pos: 0, lastSliceAt: -1 };
    return oldest === segments[segments.length - 1];
  }

  /**
   * A slice can be copied: a compaction is running, its last slice is not copied yet, and the file
   * it reads has all its frames (a segment just rolled may still have some on the thread pool; the
   * end of that write lets the engine schedule the slice).
   */
  get ready(): boolean {
    const c = this.running;
    return c !== undefined && c.lastSliceAt < 0 && c.seg.inflight.length === 0;
  }

  /**
   * Copies the live records of the next slice of the compacted segment into the frame being built
   * at `base` in `active` (moving their places); on the last slice also rewrites the catalog and the
   * logs' heads. Returns the offset the next slice starts at. Throws on a corrupt frame: the caller
   * then undoes what the slice did and stops compaction.
   */
  slice(c: Compaction, active: Segment, base: number): number {
    const { frame, places, logs } = this.host;
    const seg = c.seg;
    const next = scanFrames(seg, this.host.reader, c.pos, COMPACT_SLICE, (buf, start, end, fileOffset) => {
      const r = new RecordReader(buf, start, end);
      while (!r.done) {
        const type = r.type();
        switch (type) {
          case Rec.Put: {
            const name = r.field();
            const key = r.field();
            const value = r.field();
            const spaceId = buf.toString('utf8', name.start, name.start + name.length);
            const p = this.host.placeOf(spaceId, buf.toString('latin1', key.start, key.start + key.length));
            if (p === undefined || places.segId(p) !== seg.id || places.off(p) !== fileOffset + value.start) break;
            frame.type(Rec.Put);
            frame.rawText(buf.subarray(name.start, name.start + name.length));
            frame.rawText(buf.subarray(key.start, key.start + key.length));
            this.movePlace(p, active, base + frame.rawText(buf.subarray(value.start, value.start + value.length)));
            break;
          }
          case Rec.Append: {
            const name = r.field();
            const seq = r.f64();
            const value = r.field();
            const rec = logs.record(buf.toString('utf8', name.start, name.start + name.length), seq);
            if (rec === undefined || rec.loc.seg !== seg || rec.loc.off !== fileOffset + value.start) break;
            frame.type(Rec.Append);
            frame.rawText(buf.subarray(name.start, name.start + name.length));
            frame.f64(seq);
            this.moveLoc(rec.loc, active, base + frame.rawText(buf.subarray(value.start, value.start + value.length)));
            break;
          }
          default:
            skipRecord(r, type);
        }
      }
    });
    if (next.bad) throw new Error(`corrupt frame in ${seg.path} at ${next.next}`);
    if (next.next >= seg.size) {
      // What replaying the later segments alone must still find: the catalog entries and the logs'
      // heads last written in this segment.
      for (const { key, value, at } of this.host.catalogIn(seg)) {
        frame.type(Rec.CatalogPut);
        frame.name(key);
        frame.name(value);
        this.host.placeCatalog(key, { seg: active, cost: at.cost });
        this.host.undo(() => this.host.placeCatalog(key, at));
      }
      for (const { log, head } of logs.headsIn(seg)) {
        frame.type(Rec.LogHead);
        frame.name(log);
        frame.f64(head);
        this.host.undo(logs.moveHead(log, active));
      }
    }
    return next.next;
  }

  /**
   * The commit framed at `base` copied `c` up to `to`. Returns true when that was the last slice:
   * once the commit is durable, `finish` lets the file go.
   */
  sliced(c: Compaction, to: number, base: number): boolean {
    if (to < 0 || c !== this.running) return false;
    c.pos = to;
    if (to < c.seg.size) return false;
    c.lastSliceAt = base;
    return true;
  }

  /**
   * The compacted segment's live data is durable elsewhere: its file goes. If it cannot be
   * removed, it stays in the engine's list (its records are dead but it still orders before the
   * others) and compaction stops: compacting later segments could drop delete records that
   * shadow values in it.
   */
  finish(c: Compaction): void {
    if (c !== this.running) return;
    this.running = undefined;
    const { segments, dir } = this.host;
    const at = segments.indexOf(c.seg);
    if (at < 0) return;
    try {
      unlinkSync(c.seg.path);
    } catch (err) {
      this.stop(`could not remove ${c.seg.path}: ${(err as Error).message}`);
      return;
    }
    segments.splice(at, 1);
    this.host.places.removeSegment(c.seg);
    try {
      c.seg.closeFile();
    } catch {
      // The file is gone already; a failing close changes nothing.
    }
    try {
      syncDir(dir);
    } catch (err) {
      // The removal may not be durable: after a crash the file may be back, ahead of the copies
      // of its live records, which win on replay; delete records are still in later segments
      // because compaction stops here.
      this.stop(`could not sync ${dir}: ${(err as Error).message}`);
    }
  }

  /** Gives compaction up until the engine is reopened, with a warning saying why. */
  stop(why: string): void {
    this.running = undefined;
    this.stopped = true;
    process.emitWarning(`eddy: log engine compaction stopped until restart: ${why}`);
  }

  /** The engine is closing: a compaction in progress is abandoned (its file stays; it resumes on reopen). */
  cancel(): void {
    this.running = undefined;
  }

  /** Points a place at its copy in the active segment (undoable). */
  private movePlace(p: number, active: Segment, off: number): void {
    const places = this.host.places;
    const cost = places.cost(p);
    const from = places.seg(p);
    const fromOff = places.off(p);
    from.live -= cost;
    active.live += cost;
    places.move(p, active, off);
    this.host.undo(() => {
      active.live -= cost;
      from.live += cost;
      places.move(p, from, fromOff);
    });
  }

  /** Points a log record's Loc at its copy in the active segment (undoable). */
  private moveLoc(loc: Loc, active: Segment, off: number): void {
    const cost = loc.cost;
    const fromSeg = loc.seg;
    const fromOff = loc.off;
    fromSeg.live -= cost;
    active.live += cost;
    loc.seg = active;
    loc.off = off;
    this.host.undo(() => {
      active.live -= cost;
      fromSeg.live += cost;
      loc.seg = fromSeg;
      loc.off = fromOff;
    });
  }
}
