/**
 * Where the in-memory engine keeps its values: as bytes in large buffers outside the V8 heap, each
 * value found by one number (its address), so that a stored item is no object in the heap at all.
 *
 * Why (docs/performance.md, round eleven): with the values as heap strings, every young-generation
 * GC (scavenge) copied the new items' texts into the old generation, and a scavenge's cost grew with
 * the old generation (an in-memory table of 1M items of 1 KB is a 1.3 GB heap): in a write-heavy
 * run scavenges reached 6–13 ms each and took 27–29% of the server's time. Round nine had tried 1 MiB
 * slabs and lost the gain to V8's external-memory GCs (a mark-compact per ~64 MB of new Buffers, each
 * marking a heap full of entry objects); here the slabs grow by doubling (few such GCs, and each
 * marks a heap that holds only keys and the trees' arrays).
 *
 * A value takes one chunk of a size class (16-byte steps up to 1 KiB, then steps of about a sixteenth
 * up to 1 MiB); larger values get a buffer of their own, released when they are freed. Freed chunks go
 * on their class's free list and are reused by values of the same class; slabs are never released
 * (like a malloc arena, deleted values' space is kept for later ones).
 *
 * A chunk starts with an 8-byte header: the UTF-8 length (bit 31 set when the value is ASCII, so
 * that it is written and read as latin1, the fastest conversions) and a memo, a number a reader
 * derives from the value and keeps with it (ValueEntry.memo in ../engine.ts; -1 when unset).
 *
 * An address is `slab * SLAB_SPAN + offset`, exact in a double for any memory this process can have.
 *
 * Slabs are huge-page backed where the optional addon is built (huge-pages.ts): a growing table
 * then pays one page fault per 2 MiB written instead of one per 4 KiB (round twelve).
 */
import { prefault, slabBuffer } from './huge-pages.js';

const SLAB_SPAN = 2 ** 28;
/** The first slab's size; each new slab doubles the last one up to MAX_SLAB. */
const FIRST_SLAB = 4 << 20;
const MAX_SLAB = 256 << 20;
const HEADER = 8;
const SMALL_STEP = 16;
const SMALL_MAX = 1024;
/** Chunks (header included) above this get a buffer of their own. */
const MAX_CHUNK = 1 << 20;
const ASCII = 0x80000000;
/** Slab memory is faulted in by a worker thread this far ahead of the next chunk, in PREFAULT_STEP pieces. */
const PREFAULT_AHEAD = 4 << 20;
const PREFAULT_STEP = 2 << 20;

/** The chunk size of each class, ascending; built once. */
const CLASS_BYTES: number[] = [];
for (let n = SMALL_STEP; n <= SMALL_MAX; n += SMALL_STEP) CLASS_BYTES.push(n);
for (let n = SMALL_MAX; n < MAX_CHUNK; ) {
  n = Math.min(MAX_CHUNK, (n + (n >> 4) + SMALL_STEP - 1) & ~(SMALL_STEP - 1));
  CLASS_BYTES.push(n);
}

/** The class of a chunk of `bytes` bytes (bytes <= MAX_CHUNK). */
function sizeClass(bytes: number): number {
  if (bytes <= SMALL_MAX) return bytes <= SMALL_STEP ? 0 : ((bytes + SMALL_STEP - 1) >> 4) - 1;
  let lo = SMALL_MAX / SMALL_STEP;
  let hi = CLASS_BYTES.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((CLASS_BYTES[mid] as number) < bytes) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export class ValueSlabs {
  /** Buffers by number; a released dedicated buffer leaves `undefined` (its number is reused). */
  private readonly slabs: (Buffer | undefined)[] = [];
  private readonly spareSlots: number[] = [];
  /** Free chunk addresses per class. */
  private readonly free: number[][] = CLASS_BYTES.map(() => []);
  private current = -1;
  private currentSize = 0;
  private top = 0;
  /** How far into the current slab a prefault has been asked for. */
  private prefaulted = 0;

  /** Stores `value`, whose UTF-8 length is `utf8`, and returns its address. */
  put(value: string, utf8: number): number {
    const ascii = utf8 === value.length;
    const need = utf8 + HEADER;
    let addr: number;
    if (need > MAX_CHUNK) {
      const slot = this.spareSlots.pop() ?? this.slabs.length;
      this.slabs[slot] = Buffer.allocUnsafeSlow(need);
      addr = slot * SLAB_SPAN;
    } else {
      const cls = sizeClass(need);
      const reuse = (this.free[cls] as number[]).pop();
      if (reuse !== undefined) {
        addr = reuse;
      } else {
        const size = CLASS_BYTES[cls] as number;
        if (this.top + size > this.currentSize) this.newSlab();
        addr = this.current * SLAB_SPAN + this.top;
        this.top += size;
        if (this.top + PREFAULT_AHEAD > this.prefaulted && this.prefaulted < this.currentSize) this.prefaultNext();
      }
    }
    const slot = Math.floor(addr / SLAB_SPAN);
    const buf = this.slabs[slot] as Buffer;
    const off = addr - slot * SLAB_SPAN;
    buf.writeUInt32LE(ascii ? (utf8 | ASCII) >>> 0 : utf8, off);
    buf.writeInt32LE(-1, off + 4);
    buf.write(value, off + HEADER, utf8, ascii ? 'latin1' : 'utf8');
    return addr;
  }

  /** The value at `addr`. */
  value(addr: number): string {
    const slot = Math.floor(addr / SLAB_SPAN);
    const buf = this.slabs[slot] as Buffer;
    const off = addr - slot * SLAB_SPAN;
    const head = buf.readUInt32LE(off);
    const start = off + HEADER;
    return head >= ASCII ? buf.toString('latin1', start, start + (head - ASCII)) : buf.toString('utf8', start, start + head);
  }

  /** Writes the UTF-8 bytes of the value at `addr` into `target` at `offset`. */
  copyTo(addr: number, target: Buffer, offset: number): void {
    const slot = Math.floor(addr / SLAB_SPAN);
    const buf = this.slabs[slot] as Buffer;
    const off = addr - slot * SLAB_SPAN;
    const head = buf.readUInt32LE(off);
    const start = off + HEADER;
    buf.copy(target, offset, start, start + (head >= ASCII ? head - ASCII : head));
  }

  /** The UTF-8 length of the value at `addr`. */
  utf8Bytes(addr: number): number {
    const slot = Math.floor(addr / SLAB_SPAN);
    const head = (this.slabs[slot] as Buffer).readUInt32LE(addr - slot * SLAB_SPAN);
    return head >= ASCII ? head - ASCII : head;
  }

  memo(addr: number): number {
    const slot = Math.floor(addr / SLAB_SPAN);
    return (this.slabs[slot] as Buffer).readInt32LE(addr - slot * SLAB_SPAN + 4);
  }

  setMemo(addr: number, memo: number): void {
    const slot = Math.floor(addr / SLAB_SPAN);
    (this.slabs[slot] as Buffer).writeInt32LE(memo, addr - slot * SLAB_SPAN + 4);
  }

  /** Gives back the chunk at `addr`: its value must no longer be read. */
  release(addr: number): void {
    const need = this.utf8Bytes(addr) + HEADER;
    if (need > MAX_CHUNK) {
      const slot = Math.floor(addr / SLAB_SPAN);
      this.slabs[slot] = undefined;
      this.spareSlots.push(slot);
      return;
    }
    (this.free[sizeClass(need)] as number[]).push(addr);
  }

  private newSlab(): void {
    const size = this.currentSize === 0 ? FIRST_SLAB : Math.min(MAX_SLAB, this.currentSize * 2);
    const slot = this.spareSlots.pop() ?? this.slabs.length;
    this.slabs[slot] = slabBuffer(size);
    this.current = slot;
    this.currentSize = size;
    this.top = 0;
    this.prefaulted = 0;
    this.prefaultNext();
  }

  private prefaultNext(): void {
    const n = Math.min(PREFAULT_STEP, this.currentSize - this.prefaulted);
    prefault(this.slabs[this.current] as Buffer, this.prefaulted, n);
    this.prefaulted += n;
  }
}
