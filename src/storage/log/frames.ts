import { readSync } from 'node:fs';
import { crc32 } from '../../http/crc32.js';

/**
 * The on-disk format of the log engine's segment files: a sequence of frames, one per group
 * commit, each all-or-nothing at recovery.
 *
 *   frame   = u32 payloadLength, u32 crc32(payload), payload
 *   payload = record*
 *   record  = u8 type, fields (strings: u32 byte length + UTF-8; keys: u32 length + bytes;
 *             sequence numbers: f64)
 *
 * Integers are little-endian. A frame whose length runs past the end of the file or whose
 * checksum does not match is where the valid data ends (a torn write at the tail).
 */
export const FRAME_HEADER = 8;

export const Rec = {
  /** space, key, value */
  Put: 1,
  /** space, key */
  Delete: 2,
  /** log, seq, value */
  Append: 3,
  /** key, value */
  CatalogPut: 4,
  /** key */
  CatalogDelete: 5,
  /** space */
  DropSpace: 6,
  /** log, beforeSeq */
  TrimLog: 7,
  /** log */
  DropLog: 8,
  /** log, head: the log's highest assigned seq (rewritten by compaction) */
  LogHead: 9,
} as const;
export type Rec = (typeof Rec)[keyof typeof Rec];

/** The size of the buffers frames are copied into for the thread pool (FrameBuilder.handOff). */
const HANDOFF_BYTES = 1 << 20;
/** Spare hand-off buffers kept: more than the frames a busy engine has in flight at once. */
const MAX_SPARES = 8;

/** Builds one frame in a reusable buffer. */
export class FrameBuilder {
  private buf: Buffer = Buffer.allocUnsafeSlow(1 << 20);
  private readonly spares: Buffer[] = [];
  private pos = FRAME_HEADER;
  /** The UTF-8 length of the string textOf wrote last. */
  lastBytes = 0;

  get empty(): boolean {
    return this.pos === FRAME_HEADER;
  }

  /** Bytes written so far, header included (the offset the next field goes to). */
  get length(): number {
    return this.pos;
  }

  reset(): void {
    this.pos = FRAME_HEADER;
    // A buffer grown for one huge batch is not kept for ever.
    if (this.buf.length > 8 << 20) this.buf = Buffer.allocUnsafeSlow(1 << 20);
  }

  /** The `len` bytes at `at` of the frame being built (valid until it is next written to). */
  bytesAt(at: number, len: number): Buffer {
    return this.buf.subarray(at, at + len);
  }

  /** Closes the frame: writes its header; returns the bytes (valid until the next reset). */
  finish(): Buffer {
    const payload = this.buf.subarray(FRAME_HEADER, this.pos);
    this.buf.writeUInt32LE(this.pos - FRAME_HEADER, 0);
    this.buf.writeUInt32LE(crc32(payload), 4);
    return this.buf.subarray(0, this.pos);
  }

  /**
   * Closes the frame and returns a copy of its bytes, to be written on the thread pool while the
   * builder goes on. The copy goes into a spare buffer of HANDOFF_BYTES when the frame fits one
   * (`release` gives it back once written), so frames do not land in fresh memory that the kernel
   * first has to fault in and zero, page by page, on the main thread (5.7% of its time during on-disk
   * BatchWrite25 with a new buffer per frame). Handing over the builder's own buffer, with four
   * spares to build the next frames in, cost more (round seventeen).
   */
  handOff(): Buffer {
    const frame = this.finish();
    if (frame.length > HANDOFF_BYTES) return Buffer.from(frame);
    const spare = this.spares.pop() ?? Buffer.allocUnsafeSlow(HANDOFF_BYTES);
    frame.copy(spare, 0);
    return spare.subarray(0, frame.length);
  }

  /**
   * Takes back the bytes handOff returned once their write has ended: nothing may read them after
   * this (reads of in-flight frames are valid only in their tick). Others are left to the GC.
   */
  release(bytes: Buffer): void {
    const whole = bytes.buffer;
    if (bytes.byteOffset !== 0 || whole.byteLength !== HANDOFF_BYTES || this.spares.length >= MAX_SPARES) return;
    this.spares.push(Buffer.from(whole, 0, HANDOFF_BYTES));
  }

  /** Truncates the frame back to `length` (undoing records added after it was read). */
  truncate(length: number): void {
    this.pos = length;
  }

  type(t: Rec): void {
    this.room(1);
    this.buf[this.pos++] = t;
  }

  f64(n: number): void {
    this.room(8);
    this.buf.writeDoubleLE(n, this.pos);
    this.pos += 8;
  }

  u32(n: number): void {
    this.room(4);
    this.buf.writeUInt32LE(n, this.pos);
    this.pos += 4;
  }

  bytes(b: Uint8Array): void {
    this.u32(b.length);
    this.room(b.length);
    this.buf.set(b, this.pos);
    this.pos += b.length;
  }

  /**
   * A string whose UTF-8 length is not known yet: it is encoded first and its length written before
   * it after (one pass over it instead of a measuring pass and an encoding one). Returns the offset of
   * its first byte; its length in bytes is then `lastBytes`. `bytes`: the UTF-8 length, when the
   * caller knows it (Write's `bytes`).
   */
  textOf(s: string, bytes?: number): number {
    this.room(4 + 3 * s.length);
    const at = this.pos + 4;
    // A UTF-8 length equal to the string's is ASCII, written as latin1 (a copy, where the UTF-8
    // encoder examines every character).
    const n = s.length === 0 ? 0 : bytes === s.length ? this.buf.write(s, at, 'latin1') : this.buf.write(s, at, 'utf8');
    this.buf.writeUInt32LE(n, this.pos);
    this.pos = at + n;
    this.lastBytes = n;
    return at;
  }

  /** A short name (space, log or catalog key). */
  name(s: string): void {
    this.textOf(s);
  }

  /** Raw bytes already encoded as a length-prefixed string elsewhere; returns their offset. */
  rawText(src: Uint8Array): number {
    this.u32(src.length);
    this.room(src.length);
    const at = this.pos;
    this.buf.set(src, at);
    this.pos += src.length;
    return at;
  }

  private room(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.pos + n) size *= 2;
    const next = Buffer.allocUnsafeSlow(size);
    this.buf.copy(next, 0, 0, this.pos);
    this.buf = next;
  }
}

/** A cursor over one frame's payload. Positions are offsets in `buf`. */
export class RecordReader {
  pos: number;
  constructor(
    readonly buf: Buffer,
    start: number,
    readonly end: number,
  ) {
    this.pos = start;
  }

  get done(): boolean {
    return this.pos >= this.end;
  }

  type(): Rec {
    return this.buf[this.pos++] as Rec;
  }

  f64(): number {
    const n = this.buf.readDoubleLE(this.pos);
    this.pos += 8;
    return n;
  }

  /** A length-prefixed field: its start offset; `pos` moves past it. */
  field(): { start: number; length: number } {
    const length = this.buf.readUInt32LE(this.pos);
    const start = this.pos + 4;
    if (start + length > this.end) throw new Error('record runs past its frame');
    this.pos = start + length;
    return { start, length };
  }

  text(): string {
    const f = this.field();
    return this.buf.toString('utf8', f.start, f.start + f.length);
  }

  /** A key as a binary string (one char per byte), the form the engine's index uses. */
  keyText(): string {
    const f = this.field();
    return this.buf.toString('latin1', f.start, f.start + f.length);
  }
}

/**
 * Validates the frame at `at` in `buf`, whose first `available` bytes are file data: its payload's
 * [start, end) in `buf`, 'short' when the data ends inside it (read more or, at the end of the
 * file, a torn tail), or 'bad' when its checksum does not match.
 */
export function checkFrame(buf: Buffer, at: number, available: number): { start: number; end: number } | 'short' | 'bad' {
  if (available - at < FRAME_HEADER) return 'short';
  const length = buf.readUInt32LE(at);
  const start = at + FRAME_HEADER;
  if (available - start < length) return 'short';
  const end = start + length;
  if (crc32(buf.subarray(start, end)) !== buf.readUInt32LE(at + 4)) return 'bad';
  return { start, end };
}

/**
 * Calls `each` for every valid frame of `file` from `from`, until `budget` payload bytes were
 * passed or the file ends. `next` is the offset after the last valid frame; `bad` means a frame
 * there is torn or fails its checksum.
 */
export function scanFrames(
  file: { fd: number; size: number },
  /** Holds the read buffer, which grows for large frames. */
  reader: { buf: Buffer },
  from: number,
  budget: number,
  each: (buf: Buffer, start: number, end: number, fileOffset: number) => void,
): { next: number; bad: boolean; zeros?: boolean } {
  let buf = reader.buf;
  let fileOffset = from;
  let avail = 0;
  let at = 0;
  let done = 0;
  const size = file.size;
  for (;;) {
    const pos = fileOffset + at;
    if (pos >= size || done >= budget) return { next: pos, bad: false };
    const header = avail - at >= FRAME_HEADER;
    const need = header ? FRAME_HEADER + buf.readUInt32LE(at) : FRAME_HEADER;
    // No frame is empty: a zero length is where a prepared (zero-filled) segment's data ends.
    if (header && need === FRAME_HEADER) return { next: pos, bad: false, zeros: true };
    if (need > size - pos) return { next: pos, bad: true };
    if (avail - at < need) {
      if (need > buf.length) {
        const bigger = Buffer.allocUnsafeSlow(Math.max(need, buf.length * 2));
        buf.copy(bigger, 0, at, avail);
        reader.buf = buf = bigger;
      } else buf.copy(buf, 0, at, avail);
      avail -= at;
      fileOffset += at;
      at = 0;
      // Read what the budget may use (at least the frame), not the whole buffer, when compacting a slice.
      const want = Math.max(need - avail, Math.min(budget - done, buf.length));
      const n = readSync(file.fd, buf, avail, Math.min(buf.length - avail, size - fileOffset - avail, want), fileOffset + avail);
      if (n <= 0) return { next: pos, bad: true };
      avail += n;
      continue;
    }
    const frame = checkFrame(buf, at, avail);
    if (frame === 'bad' || frame === 'short') return { next: pos, bad: true };
    each(buf, frame.start, frame.end, fileOffset);
    done += frame.end - at;
    at = frame.end;
  }
}

/** Moves a reader past a record it does not copy. */
export function skipRecord(r: RecordReader, type: number): void {
  switch (type) {
    case Rec.Delete:
      r.field();
      r.field();
      return;
    case Rec.CatalogPut:
      r.field();
      r.field();
      return;
    case Rec.CatalogDelete:
    case Rec.DropSpace:
    case Rec.DropLog:
      r.field();
      return;
    case Rec.TrimLog:
    case Rec.LogHead:
      r.field();
      r.f64();
      return;
    default:
      throw new Error(`unknown record type ${type}`);
  }
}
