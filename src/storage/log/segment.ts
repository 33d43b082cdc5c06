import { closeSync, fsyncSync, openSync, readSync, writeSync } from 'node:fs';
import type { ValueEntry } from '../engine.js';

/**
 * The log engine's files and the places of values in them: a segment, a value's place (Loc), and
 * the reads and writes of their bytes.
 */

/** A segment's file name; `prep` while it is being prepared (zero-filled) ahead of use. */
export function segmentName(id: number, ext: 'log' | 'prep' = 'log'): string {
  return `seg-${String(id).padStart(8, '0')}.${ext}`;
}

/** One segment file. `live` estimates the bytes of its records the index still points to. */
export class Segment {
  live = 0;
  constructor(
    readonly id: number,
    readonly path: string,
    public fd: number,
    public size: number,
  ) {}

  read(off: number, len: number): string {
    if (len === 0) return '';
    return this.readBytes(off, len).toString('utf8', 0, len);
  }

  /** `len` bytes at `off`, in a buffer shared by all reads (valid until the next one). */
  readBytes(off: number, len: number): Buffer {
    if (this.fd < 0) throw new Error('storage engine is closed');
    if (scratch.length < len) scratch = Buffer.allocUnsafeSlow(Math.max(len, scratch.length * 2));
    const n = readSync(this.fd, scratch, 0, len, off);
    if (n !== len) throw new Error(`short read in ${this.path} at ${off}: ${n} of ${len} bytes`);
    return scratch;
  }
}

/** A range read's row: the value read with its neighbours, and its Loc's length and memo. */
export class ReadEntry implements ValueEntry {
  constructor(
    private readonly loc: Loc,
    readonly value: string,
  ) {}

  get utf8Bytes(): number {
    return this.loc.utf8Bytes;
  }

  get memo(): number {
    return this.loc.memo;
  }

  set memo(m: number) {
    this.loc.memo = m;
  }
}

/** A run of neighbouring values is read with one pread if it spans at most this many bytes ... */
const MAX_SPAN = 64 << 10;
/** ... and the values are at least this share of it. */
const MIN_DENSITY = 0.25;

/**
 * The values of `locs`, in order. Values written together (a BatchWriteItem, the items of one
 * partition) lie next to each other in a segment: a run of them is read with one pread instead of
 * one each.
 */
export function readValues(locs: Loc[]): string[] {
  const out: string[] = new Array(locs.length);
  let i = 0;
  while (i < locs.length) {
    const first = locs[i] as Loc;
    if (first.pending !== undefined) {
      out[i++] = first.pending;
      continue;
    }
    let start = first.off;
    let end = first.off + first.utf8Bytes;
    let bytes = first.utf8Bytes;
    let j = i + 1;
    for (; j < locs.length; j++) {
      const l = locs[j] as Loc;
      if (l.pending !== undefined || l.seg !== first.seg) break;
      const s = Math.min(start, l.off);
      const e = Math.max(end, l.off + l.utf8Bytes);
      if (e - s > MAX_SPAN || bytes + l.utf8Bytes < MIN_DENSITY * (e - s)) break;
      start = s;
      end = e;
      bytes += l.utf8Bytes;
    }
    if (j === i + 1) {
      out[i++] = first.value;
      continue;
    }
    const buf = first.seg.readBytes(start, end - start);
    for (; i < j; i++) {
      const l = locs[i] as Loc;
      out[i] = buf.toString('utf8', l.off - start, l.off - start + l.utf8Bytes);
    }
  }
  return out;
}

let scratch = Buffer.allocUnsafeSlow(64 << 10);

/**
 * Where a value is: its segment and offset, and — from its commit's apply until the recent-values
 * cache lets go of it (keepRecent) — the value itself. It is also the entry `rangeEntriesSync` hands out (ValueEntry): `memo` stays
 * with it while the value is unchanged (compaction moves a Loc in place).
 */
export class Loc implements ValueEntry {
  memo = -1;
  constructor(
    public seg: Segment,
    public off: number,
    readonly utf8Bytes: number,
    /** The record's other bytes (names, key, lengths): with utf8Bytes, what it holds in its segment. */
    readonly overhead: number,
    public pending: string | undefined,
  ) {}

  get cost(): number {
    return this.utf8Bytes + this.overhead;
  }

  get value(): string {
    return this.pending ?? this.seg.read(this.off, this.utf8Bytes);
  }
}

export function writeFully(fd: number, bytes: Buffer, position: number): void {
  let done = 0;
  while (done < bytes.length) done += writeSync(fd, bytes, done, bytes.length - done, position + done);
}

export function syncDir(dir: string): void {
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
