import type { AtomicPlan, LogId, ReadRef, SpaceId, Write } from '../engine.js';
import { keyText, type Tree, writeKeyTexts } from '../key-tree.js';
import { checkWrites } from '../write-checks.js';
import type { Placed } from './compactor.js';
import { FRAME_HEADER, type FrameBuilder, Rec } from './frames.js';
import type { Places } from './places.js';
import type { ReplayHost } from './replay.js';
import { Loc, type Segment } from './segment.js';
import { Space } from './space.js';
import type { StoredLogs } from './stored-logs.js';

/**
 * UTF-8 bytes of recently written values kept in memory, and the largest value kept (see
 * keepRecent). Large values are not kept: holding them past a few scavenges promotes them, and a
 * write burst then leaves the old generation full of them (RSS 157 MB instead of 96 after loading
 * 100k items of 1 KB when every value was kept).
 */
const RECENT_BYTES = 1 << 20;
const RECENT_MAX_VALUE = 512;
/** Bytes of a put record besides its space name, key and value: type and three lengths. */
export const PUT_OVERHEAD = 13;
/** Bytes of an append record besides its log name and value: type, two lengths and the seq. */
export const APPEND_OVERHEAD = 17;

/** An operation of the log engine's writers (StorageEngine's atomic, dropSpace, trimLog, dropLog). */
export type Op =
  | { kind: 'plan'; plan: AtomicPlan<unknown> }
  | { kind: 'drop-space'; space: SpaceId }
  | { kind: 'trim-log'; log: LogId; beforeSeq: number }
  | { kind: 'drop-log'; log: LogId };

/** What applying an operation answers its writer with, once its frame is durable. */
export type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

/**
 * Applies the log engine's operations (log-engine.ts) to its index at once and adds their records
 * to the frame being built, keeping an undo step for every change of the index (run backwards if
 * the frame cannot be written); also what replay (replay.ts) changes the index through. It holds
 * references to the engine's state, and owns the lists of the commit being built. Every PutItem
 * and BatchWriteItem goes through applyPlan: the engine calls its methods directly.
 */
export class Applier implements ReplayHost {
  /** Changes of the catalog so far (StorageEngine.catalogVersion). */
  catVersion = 0;
  /** True while replay (replay.ts) rebuilds the index from the files (the key trees are built after). */
  replaying = false;
  /** Undo steps of the commit being built (run backwards if its frame cannot be written). */
  undo: (() => void)[] = [];
  /** Places of the commit being built that hold their (small) texts: the recent-values cache's next. */
  private pendingTexts: number[] = [];
  /**
   * Places the commit being built replaced, freed once its frame is written (an undo before then
   * puts them back), and spaces it dropped, whose places go then too.
   */
  private freeAfterWrite: number[] = [];
  private droppedAfterWrite: Space[] = [];

  constructor(
    readonly spaces: Map<SpaceId, Space>,
    /** Where the spaces' values are. */
    readonly places: Places,
    readonly logs: StoredLogs,
    readonly catalog: Tree,
    /** Where each catalog key's latest put is (compaction rewrites those left in the segment it empties). */
    readonly catalogAt: Map<string, Placed>,
    readonly frame: FrameBuilder,
  ) {}

  valueOf(space: SpaceId, key: Uint8Array): string | undefined {
    const p = this.spaces.get(space)?.get(keyText(key));
    return p === undefined ? undefined : this.places.value(p);
  }

  /** Starts a commit: an empty frame, and no undo steps or places to free yet. */
  begin(): void {
    this.frame.reset();
    this.undo = [];
    this.pendingTexts = [];
    this.freeAfterWrite = [];
    this.droppedAfterWrite = [];
  }

  applyOp(op: Op, active: Segment, base: number, heads: Map<LogId, number>): Outcome {
    const frame = this.frame;
    switch (op.kind) {
      case 'plan':
        return this.applyPlan(op.plan, active, base, heads);
      case 'drop-space': {
        const space = this.spaces.get(op.space);
        if (space === undefined) return { ok: true, value: undefined };
        frame.type(Rec.DropSpace);
        frame.name(op.space);
        this.spaces.delete(op.space);
        this.adjustSpaceLive(space, -1);
        this.droppedAfterWrite.push(space);
        this.undo.push(() => {
          this.droppedAfterWrite.pop();
          this.spaces.set(op.space, space);
          this.adjustSpaceLive(space, 1);
        });
        return { ok: true, value: undefined };
      }
      case 'trim-log': {
        const undo = this.logs.trim(op.log, op.beforeSeq);
        if (undo === undefined) return { ok: true, value: undefined };
        frame.type(Rec.TrimLog);
        frame.name(op.log);
        frame.f64(op.beforeSeq);
        this.undo.push(undo);
        return { ok: true, value: undefined };
      }
      case 'drop-log': {
        const undo = this.logs.drop(op.log);
        if (undo === undefined) return { ok: true, value: undefined };
        frame.type(Rec.DropLog);
        frame.name(op.log);
        heads.delete(op.log);
        this.undo.push(undo);
        return { ok: true, value: undefined };
      }
    }
  }

  private applyPlan(plan: AtomicPlan<unknown>, active: Segment, base: number, heads: Map<LogId, number>): Outcome {
    const reads = plan.reads;
    const current: (string | undefined)[] = new Array(reads.length);
    for (let i = 0; i < reads.length; i++) {
      const ref = reads[i] as ReadRef;
      current[i] = this.valueOf(ref.space, ref.key);
    }
    const catalogReads = plan.catalogReads ?? [];
    const catalog: (string | undefined)[] = new Array(catalogReads.length);
    for (let i = 0; i < catalogReads.length; i++) catalog[i] = this.catalog.get(catalogReads[i] as string);
    let writes: Write[];
    let result: unknown;
    try {
      const applied = plan.apply(current, catalog);
      writes = applied.writes;
      result = applied.result;
      checkWrites(writes);
    } catch (error) {
      return { ok: false, error };
    }
    const frame = this.frame;
    const appended: { log: LogId; seq: number }[] = [];
    const texts = writeKeyTexts(writes, (space) => this.spaces.get(space)?.index);
    for (let i = 0; i < writes.length; i++) {
      const w = writes[i] as Write;
      switch (w.kind) {
        case 'put': {
          frame.type(Rec.Put);
          frame.name(w.space);
          frame.bytes(w.key);
          const at = frame.textOf(w.value, w.bytes);
          const len = frame.lastBytes;
          const small = len <= RECENT_MAX_VALUE;
          const p = this.places.add(active, base + at, len, PUT_OVERHEAD + w.space.length + w.key.length, small ? w.value : undefined);
          if (small) this.pendingTexts.push(p);
          this.setValue(w.space, texts[i] as string, p, true);
          break;
        }
        case 'delete': {
          const k = texts[i] as string;
          if (this.spaces.get(w.space)?.get(k) === undefined) break;
          frame.type(Rec.Delete);
          frame.name(w.space);
          frame.bytes(w.key);
          this.setValue(w.space, k, undefined, true);
          break;
        }
        case 'append': {
          const seq = this.logs.nextSeq(w.log);
          frame.type(Rec.Append);
          frame.name(w.log);
          frame.f64(seq);
          const at = frame.textOf(w.value);
          const loc = new Loc(active, base + at, frame.lastBytes, APPEND_OVERHEAD + w.log.length);
          this.undo.push(this.logs.append(w.log, seq, loc, active));
          heads.set(w.log, seq);
          appended.push({ log: w.log, seq });
          break;
        }
        case 'catalog-put':
        case 'catalog-delete': {
          const old = this.catalog.get(w.key);
          frame.type(w.kind === 'catalog-put' ? Rec.CatalogPut : Rec.CatalogDelete);
          frame.name(w.key);
          this.catVersion++;
          let oldAt: Placed | undefined;
          if (w.kind === 'catalog-put') {
            frame.name(w.value);
            this.catalog.set(w.key, w.value);
            oldAt = this.placeCatalog(w.key, { seg: active, cost: catalogCost(w.key, w.value) });
          } else {
            this.catalog.delete(w.key);
            oldAt = this.placeCatalog(w.key, undefined);
          }
          this.undo.push(() => {
            this.catVersion++;
            if (old === undefined) this.catalog.delete(w.key);
            else this.catalog.set(w.key, old);
            this.placeCatalog(w.key, oldAt);
          });
          break;
        }
      }
    }
    return { ok: true, value: { result, appended } };
  }

  /**
   * Sets (a place) or deletes (undefined) a key's value, keeping stats and garbage counts. Undoable:
   * the place it replaces is freed once the frame is written, and an undo frees the new one.
   * Replaying: the replaced place is freed at once.
   */
  setValue(spaceId: SpaceId, k: string, place: number | undefined, undoable: boolean): void {
    let space = this.spaces.get(spaceId);
    if (space === undefined) {
      if (place === undefined) return;
      const created = new Space(this.replaying);
      this.spaces.set(spaceId, (space = created));
      if (undoable) this.undo.push(() => this.spaces.delete(spaceId));
    }
    const places = this.places;
    // One descent of the tree both finds the old place and sets (or removes) the new one.
    const old = place === undefined ? space.remove(k) : space.put(k, place);
    if (old !== undefined) {
      places.seg(old).live -= places.cost(old);
      space.bytes -= places.len(old) + k.length;
    }
    if (place !== undefined) {
      places.seg(place).live += places.cost(place);
      space.bytes += places.len(place) + k.length;
    } else if (old === undefined) {
      return;
    }
    if (!undoable) {
      if (old !== undefined) places.release(old);
      return;
    }
    if (old !== undefined) this.freeAfterWrite.push(old);
    const target = space;
    this.undo.push(() => {
      if (place !== undefined) {
        places.seg(place).live -= places.cost(place);
        target.bytes -= places.len(place) + k.length;
      }
      if (old === undefined) {
        target.remove(k);
      } else {
        this.freeAfterWrite.pop();
        places.seg(old).live += places.cost(old);
        target.bytes += places.len(old) + k.length;
        target.put(k, old);
      }
      if (place !== undefined) places.release(place);
    });
  }

  /** Records where a catalog key's latest put is (undefined: deleted); returns where it was. */
  placeCatalog(key: string, at: Placed | undefined): Placed | undefined {
    const old = this.catalogAt.get(key);
    if (old !== undefined) old.seg.live -= old.cost;
    if (at === undefined) this.catalogAt.delete(key);
    else {
      at.seg.live += at.cost;
      this.catalogAt.set(key, at);
    }
    return old;
  }

  /** Adds (sign 1) or removes (-1) a space's values from their segments' live counts. */
  adjustSpaceLive(space: Space, sign: 1 | -1): void {
    const places = this.places;
    for (const p of space.places()) places.seg(p).live += sign * places.cost(p);
  }

  /** The commit being built is refused: every change it made is undone and its frame emptied. */
  rollback(): void {
    this.rollbackTo(FRAME_HEADER, 0);
    this.pendingTexts = [];
  }

  /** Undoes the index changes made after `undoLength` steps and cuts the frame back to `frameLength`. */
  rollbackTo(frameLength: number, undoLength: number): void {
    for (let i = this.undo.length - 1; i >= undoLength; i--) (this.undo[i] as () => void)();
    this.undo.length = undoLength;
    this.frame.truncate(frameLength);
  }

  /**
   * The commit's frame is written (or had nothing to write): the places it replaced are freed, and
   * the small texts it wrote start the recent-values clock. Small written values stay in memory
   * until RECENT_BYTES of later ones have pushed them out: a read-modify-write of a recently written
   * small item (a counter) then needs no read of the file. A larger value is read from the frame
   * until written (Segment.tail), then from its file.
   */
  afterWrite(): void {
    const places = this.places;
    for (const p of this.freeAfterWrite) places.release(p);
    for (const space of this.droppedAfterWrite) for (const p of space.places()) places.release(p);
    this.freeAfterWrite = [];
    this.droppedAfterWrite = [];
    if (this.pendingTexts.length > 0) places.keepRecent(this.pendingTexts, RECENT_BYTES);
    this.pendingTexts = [];
  }
}

/** Bytes of a catalog put record. */
export function catalogCost(key: string, value: string): number {
  return 9 + Buffer.byteLength(key, 'utf8') + Buffer.byteLength(value, 'utf8');
}
