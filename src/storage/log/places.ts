import type { ValueEntry } from '../engine.js';
import type { Segment } from './segment.js';

/**
 * Where the log engine's values are: for each value a place, a number that the space's index maps
 * the key to, and columns of typed arrays by place (segment, offset, length, record overhead, memo).
 *
 * Why numbers and not an object per value (round sixteen, docs/performance.md): every value written
 * made one object that lived as long as its key. Each young-generation collection copied the
 * objects of the writes since the one before, and promoted those of the one before that: on-disk
 * BatchWrite25 copied ~155 KB per scavenge (in memory, where the index holds slab addresses: ~15 KB),
 * and 313k of them were 22.5 MB of a 38 MB heap. Columns hold the same in 32 bytes per value,
 * outside the heap.
 *
 * A place is freed when its value is overwritten or deleted, and its number reused. The engine
 * frees the places its commit replaced only once the commit's frame is written (until then an undo
 * may put them back); an entry handed out by a range read is valid until then, in its tick.
 */
export class Places {
  private segIds = new Int32Array(1024);
  private offs = new Float64Array(1024);
  private lens = new Int32Array(1024);
  private overheads = new Int32Array(1024);
  private memos = new Float64Array(1024);
  /** Bumped each time a place is handed out: tells a reused place from the value it held before. */
  private gens = new Uint32Array(1024);
  /** Places below this have been handed out (in use or free). */
  private top = 0;
  private readonly free: number[] = [];
  private readonly segs = new Map<number, Segment>();
  /**
   * The text of a recently written small value (RECENT_MAX_VALUE bytes or fewer, applier.ts), so
   * that a read-modify-write of it (a counter) neither reads the file nor decodes it. Kept until
   * RECENT_BYTES of later ones have pushed it out (keepRecent).
   */
  private readonly pending = new Map<number, string>();
  private recentIds: number[] = [];
  private recentGens: number[] = [];
  private recentLens: number[] = [];
  private recentHead = 0;
  private recentBytes = 0;

  /** Segments places can be in: each is added when created or replayed, removed once deleted. */
  addSegment(seg: Segment): void {
    this.segs.set(seg.id, seg);
  }

  removeSegment(seg: Segment): void {
    this.segs.delete(seg.id);
  }

  /** A new place; `text` is kept (pending) when given. */
  add(seg: Segment, off: number, len: number, overhead: number, text: string | undefined): number {
    let p = this.free.pop();
    if (p === undefined) {
      if (this.top === this.segIds.length) this.grow();
      p = this.top++;
    }
    this.segIds[p] = seg.id;
    this.offs[p] = off;
    this.lens[p] = len;
    this.overheads[p] = overhead;
    this.memos[p] = -1;
    this.gens[p] = ((this.gens[p] as number) + 1) >>> 0;
    if (text !== undefined) this.pending.set(p, text);
    return p;
  }

  /** Frees a place: its number may be handed out again. */
  release(p: number): void {
    this.pending.delete(p);
    this.free.push(p);
  }

  /** Points a place at a copy of its value (compaction). */
  move(p: number, seg: Segment, off: number): void {
    this.segIds[p] = seg.id;
    this.offs[p] = off;
  }

  seg(p: number): Segment {
    const seg = this.segs.get(this.segIds[p] as number);
    if (seg === undefined) throw new Error(`place ${p} is in segment ${this.segIds[p]}, which is gone`);
    return seg;
  }

  segId(p: number): number {
    return this.segIds[p] as number;
  }

  off(p: number): number {
    return this.offs[p] as number;
  }

  /** The value's UTF-8 length. */
  len(p: number): number {
    return this.lens[p] as number;
  }

  /** The bytes its record holds in its segment. */
  cost(p: number): number {
    return (this.lens[p] as number) + (this.overheads[p] as number);
  }

  memo(p: number): number {
    return this.memos[p] as number;
  }

  setMemo(p: number, m: number): void {
    this.memos[p] = m;
  }

  pendingText(p: number): string | undefined {
    return this.pending.get(p);
  }

  value(p: number): string {
    return this.pending.get(p) ?? this.seg(p).read(this.offs[p] as number, this.lens[p] as number);
  }

  /**
   * Starts the recent-values clock for places just written with a text: the oldest texts go once
   * more than `maxBytes` are kept. A place freed meanwhile has lost its text already; one freed and
   * handed out again (a newer generation) keeps the text of its new value.
   */
  keepRecent(places: number[], maxBytes: number): void {
    for (const p of places) {
      this.recentIds.push(p);
      this.recentGens.push(this.gens[p] as number);
      const len = this.lens[p] as number;
      this.recentLens.push(len);
      this.recentBytes += len;
    }
    let head = this.recentHead;
    while (this.recentBytes > maxBytes && head < this.recentIds.length) {
      const p = this.recentIds[head] as number;
      if (this.gens[p] === this.recentGens[head]) this.pending.delete(p);
      this.recentBytes -= this.recentLens[head] as number;
      head++;
    }
    if (head > 4096 && head * 2 > this.recentIds.length) {
      this.recentIds = this.recentIds.slice(head);
      this.recentGens = this.recentGens.slice(head);
      this.recentLens = this.recentLens.slice(head);
      head = 0;
    }
    this.recentHead = head;
  }

  /** Places in use (tests). */
  get used(): number {
    return this.top - this.free.length;
  }

  private grow(): void {
    const n = this.segIds.length * 2;
    const segIds = new Int32Array(n);
    segIds.set(this.segIds);
    this.segIds = segIds;
    const offs = new Float64Array(n);
    offs.set(this.offs);
    this.offs = offs;
    const lens = new Int32Array(n);
    lens.set(this.lens);
    this.lens = lens;
    const overheads = new Int32Array(n);
    overheads.set(this.overheads);
    this.overheads = overheads;
    const memos = new Float64Array(n);
    memos.set(this.memos);
    this.memos = memos;
    const gens = new Uint32Array(n);
    gens.set(this.gens);
    this.gens = gens;
  }
}

/**
 * A range read's row. Where the segment is mapped the value is not read at all until asked for:
 * a Query or Scan reply copies its bytes from the mapping into the reply (`copyTo`), and a string
 * is made only for a caller that needs one. Otherwise the value comes read (readValues: one pread
 * per run of neighbours). Valid in the tick it was handed out (its place may be reused after).
 */
export class PlaceEntry implements ValueEntry {
  constructor(
    private readonly places: Places,
    private readonly p: number,
    private text: string | undefined,
  ) {}

  get value(): string {
    return (this.text ??= this.places.value(this.p));
  }

  get utf8Bytes(): number {
    return this.places.len(this.p);
  }

  get memo(): number {
    return this.places.memo(this.p);
  }

  set memo(m: number) {
    this.places.setMemo(this.p, m);
  }

  copyTo(target: Buffer, offset: number): void {
    const { places, p } = this;
    const len = places.len(p);
    const text = this.text ?? places.pendingText(p);
    if (text === undefined && places.seg(p).copyTo(places.off(p), len, target, offset)) return;
    target.write(text ?? this.value, offset, len, 'utf8');
  }
}

/** A run of neighbouring values is read with one pread if it spans at most this many bytes ... */
const MAX_SPAN = 64 << 10;
/** ... and the values are at least this share of it. */
const MIN_DENSITY = 0.25;

/**
 * The values of `ps`, in order. Values written together (a BatchWriteItem, the items of one
 * partition) lie next to each other in a segment: a run of them is read with one pread instead of
 * one each. A value not yet in its file (at or past its segment's `written`) is read alone, from
 * the frame being written or built (Segment.inflight, Segment.tail).
 */
export function readValues(places: Places, ps: number[]): string[] {
  const out: string[] = new Array(ps.length);
  let i = 0;
  while (i < ps.length) {
    const first = ps[i] as number;
    const seg = places.seg(first);
    const firstOff = places.off(first);
    if (places.pendingText(first) !== undefined || firstOff >= seg.written) {
      out[i++] = places.value(first);
      continue;
    }
    let start = firstOff;
    let end = firstOff + places.len(first);
    let bytes = places.len(first);
    let j = i + 1;
    for (; j < ps.length; j++) {
      const p = ps[j] as number;
      const off = places.off(p);
      const len = places.len(p);
      if (places.segId(p) !== seg.id || off >= seg.written || places.pendingText(p) !== undefined) break;
      const s = Math.min(start, off);
      const e = Math.max(end, off + len);
      if (e - s > MAX_SPAN || bytes + len < MIN_DENSITY * (e - s)) break;
      start = s;
      end = e;
      bytes += len;
    }
    if (j === i + 1) {
      out[i++] = places.value(first);
      continue;
    }
    const buf = seg.readBytes(start, end - start);
    for (; i < j; i++) {
      const p = ps[i] as number;
      const off = places.off(p) - start;
      out[i] = buf.toString('utf8', off, off + places.len(p));
    }
  }
  return out;
}
