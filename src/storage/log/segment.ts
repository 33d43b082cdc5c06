import { isAscii } from 'node:buffer';
import { closeSync, constants as fsConstants, fstatSync, fsyncSync, openSync, readSync, writeSync, writev } from 'node:fs';
import { nativeAddon, type NativeAddon } from '../native-addon.js';

/**
 * The log engine's files: a segment, a log record's place in one (Loc), and the reads and writes
 * of their bytes.
 */

/** A segment's file name; `prep` while it is being prepared (zero-filled) ahead of use. */
export function segmentName(id: number, ext: 'log' | 'prep' = 'log'): string {
  return `seg-${String(id).padStart(8, '0')}.${ext}`;
}

/**
 * Reads go through a read-only mapping of the file where the native addon is built (and
 * EDDY_MMAP is not 0): a value is then a copy out of the page cache, where a pread is a system
 * call each, and system calls are dear in a VM (round thirteen, docs/performance.md: 31% of the
 * server's samples in on-disk GetItem). A mapping never reaches past the file's end (a read there
 * would be a SIGBUS): the first covers the file's size then (a prepared segment's full size), and
 * a segment that grows by appends is mapped again only once it has doubled; reads past the mapping
 * use pread.
 */
const mmapWanted = process.env.EDDY_MMAP !== '0';

/** The frame being built on a segment: its bytes go to the file at `base` (log-engine.ts). */
export interface OpenTail {
  base: number;
  frame: { bytesAt(at: number, len: number): Buffer };
}

/** A frame handed to the thread pool for writing, until its write ends (log-engine.ts, pumpSync). */
export interface InFlight {
  pos: number;
  bytes: Buffer;
}

/**
 * One segment file. `live` estimates the bytes of its records the index still points to.
 *
 * `size` is where the next frame goes; `written`, how much of the file its writes have reached.
 * Bytes between the two are in frames being written on the thread pool (`inflight`), and bytes at
 * or past `size` are in the frame being built (`tail`). Reads there take them from those buffers:
 * a value's bytes are there from the moment it is applied, so nothing need hold its text until
 * the file has it (round sixteen: the texts of a turn's BatchWriteItems, held so, were most of
 * what each young-generation collection copied).
 */
export class Segment {
  live = 0;
  tail: OpenTail | undefined = undefined;
  /** Frames handed to the thread pool, in file order, from `written` on. */
  readonly inflight: InFlight[] = [];
  written: number;
  /** The descriptor commits are written through (O_DSYNC: each write is a write and a sync). */
  private syncFd = -1;
  private map: Buffer | undefined = undefined;
  private mapFailed = false;
  constructor(
    readonly id: number,
    readonly path: string,
    public fd: number,
    public size: number,
  ) {
    this.written = size;
  }

  /** Recovery found the file's end at `size`. */
  setSize(size: number): void {
    this.size = size;
    this.written = size;
  }

  /**
   * Writes `bytes` (consecutive frames) at `pos` and makes them durable in one job on libuv's
   * thread pool (an O_DSYNC write: its data and what is needed to read it back are on the device
   * when it returns, as after fdatasync). Short writes are continued.
   */
  writeDurably(bytes: Buffer[], pos: number, cb: (err: Error | null) => void): void {
    if (this.syncFd < 0) {
      try {
        this.syncFd = openSync(this.path, fsConstants.O_WRONLY | fsConstants.O_DSYNC);
      } catch (err) {
        cb(err as Error);
        return;
      }
    }
    const fd = this.syncFd;
    let total = 0;
    for (const b of bytes) total += b.length;
    const step = (bufs: Buffer[], at: number, left: number): void => {
      writev(fd, bufs, at, (err, n) => {
        if (err !== null) return cb(err);
        if (n >= left) return cb(null);
        if (n === 0) return cb(new Error(`no progress writing ${this.path} at ${at}`));
        step(skipBytes(bufs, n), at + n, left - n);
      });
    };
    step(bytes, pos, total);
  }

  /**
   * The frames written by `writeDurably` up to `end` are in the file: reads go to it now. Returns
   * the frames' bytes, which nothing reads any more (FrameBuilder.release).
   */
  wroteTo(end: number): InFlight[] {
    const inflight = this.inflight;
    let k = 0;
    while (k < inflight.length && (inflight[k] as InFlight).pos < end) k++;
    if (end > this.written) this.written = end;
    return inflight.splice(0, k);
  }

  read(off: number, len: number): string {
    if (len === 0) return '';
    if (off >= this.written) return this.unwritten(off, len).toString('utf8');
    const map = this.mapped(off + len);
    if (map !== undefined) {
      // Most stored texts are ASCII: latin1 makes the same string without UTF-8 decoding.
      const bytes = map.subarray(off, off + len);
      return bytes.toString(isAscii(bytes) ? 'latin1' : 'utf8', 0, len);
    }
    return this.readBytes(off, len).toString('utf8', 0, len);
  }

  /** `len` bytes at `off`, at the start of a buffer valid until the next read of any segment. */
  readBytes(off: number, len: number): Buffer {
    if (this.fd < 0) throw new Error('storage engine is closed');
    if (off >= this.written) return this.unwritten(off, len);
    const map = this.mapped(off + len);
    if (map !== undefined) return map.subarray(off, off + len);
    if (scratch.length < len) scratch = Buffer.allocUnsafeSlow(Math.max(len, scratch.length * 2));
    const n = readSync(this.fd, scratch, 0, len, off);
    if (n !== len) throw new Error(`short read in ${this.path} at ${off}: ${n} of ${len} bytes`);
    return scratch;
  }

  /**
   * Copies the `len` bytes at `off` into `target` at `at` straight from the file's mapping; false
   * (nothing copied) when they are not mapped.
   */
  copyTo(off: number, len: number, target: Buffer, at: number): boolean {
    if (this.fd < 0) throw new Error('storage engine is closed');
    if (off >= this.written) {
      this.unwritten(off, len).copy(target, at);
      return true;
    }
    const map = this.mapped(off + len);
    if (map === undefined) return false;
    map.copy(target, at, off, off + len);
    return true;
  }

  /** Bytes not yet in the file: in a frame being written, or in the one being built. */
  private unwritten(off: number, len: number): Buffer {
    for (const f of this.inflight) {
      if (off >= f.pos && off < f.pos + f.bytes.length) return f.bytes.subarray(off - f.pos, off - f.pos + len);
    }
    const tail = this.tail;
    if (tail === undefined || off < tail.base) throw new Error(`no bytes at ${off} in ${this.path} (size ${this.size})`);
    return tail.frame.bytesAt(off - tail.base, len);
  }

  /** True when reads of this segment go through a mapping (or would, once it is made). */
  get mappable(): boolean {
    return !this.mapFailed && mmapWanted && nativeAddon() !== null;
  }

  /** Bytes of the file its current mapping covers (0: none; tests). */
  get mappedLength(): number {
    return this.map?.length ?? 0;
  }

  /** Closes the file; its mapping goes with the last buffer cut from it. */
  closeFile(): void {
    const fd = this.fd;
    this.fd = -1;
    this.map = undefined;
    if (fd >= 0) closeSync(fd);
    if (this.syncFd >= 0) closeSync(this.syncFd);
    this.syncFd = -1;
  }

  /** The file's mapping if it covers bytes up to `end`, mapping (again) when it is worth it. */
  private mapped(end: number): Buffer | undefined {
    const map = this.map;
    if (map !== undefined && end <= map.length) return map;
    if (this.fd < 0 || !this.mappable) return undefined;
    // The file holds at least what was written to it; only the first mapping asks for its size
    // (a prepared segment is longer: mapped whole at once).
    let length = this.written;
    if (map === undefined) length = Math.max(length, fstatSync(this.fd).size);
    else if (length < map.length * 2) return undefined;
    if (end > length) return undefined;
    try {
      this.map = (nativeAddon() as NativeAddon).mapFile(this.fd, length);
    } catch {
      // No address space, or a file system without mmap: pread does the same.
      this.mapFailed = true;
      return undefined;
    }
    return this.map;
  }
}

let scratch = Buffer.allocUnsafeSlow(64 << 10);

/**
 * Where a log record's value is: its segment and offset (a space's values are places, places.ts).
 * Compaction moves a Loc in place.
 */
export class Loc {
  constructor(
    public seg: Segment,
    public off: number,
    readonly utf8Bytes: number,
    /** The record's other bytes (names, lengths, seq): with utf8Bytes, what it holds in its segment. */
    readonly overhead: number,
  ) {}

  get cost(): number {
    return this.utf8Bytes + this.overhead;
  }

  get value(): string {
    return this.seg.read(this.off, this.utf8Bytes);
  }
}

/** `bufs` without their first `n` bytes. */
function skipBytes(bufs: Buffer[], n: number): Buffer[] {
  let i = 0;
  while (i < bufs.length && n >= (bufs[i] as Buffer).length) n -= (bufs[i++] as Buffer).length;
  const rest = bufs.slice(i);
  if (n > 0 && rest.length > 0) rest[0] = (rest[0] as Buffer).subarray(n);
  return rest;
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
