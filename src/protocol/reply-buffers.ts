/**
 * Memory for reply bodies that are written as bytes (Query and Scan replies, read-reply.ts), cut
 * from 256 KB slabs that are used again once every reply cut from them has been written.
 *
 * Why reuse: every ArrayBuffer's memory counts against V8's old-generation limit until the next
 * full collection, even when the buffer dies young. At 20k Query replies of 10 KB a second, fresh
 * slabs (200 MB/s) made V8 run a mark-compact about every 70 ms instead of a scavenge; reusing
 * slabs stopped that and cut Query10's CPU per request by a third (docs/performance.md, round six).
 *
 * Safety: a reply's bytes are handed back with `releaseReplyBuffer` only by the HTTP front end,
 * after the socket has finished writing them. A reply that is never released (an in-process
 * caller, the node:http fallback, a socket that never calls back) keeps its slab out of reuse; the
 * slab is then an ordinary buffer that the GC frees when no reply points into it. A slab is reused
 * only when it is no longer the one being cut from and none of its replies is outstanding.
 */
const SLAB_BYTES = 256 * 1024;
/** Released slabs kept for reuse; more than this go back to the GC. */
const MAX_FREE_SLABS = 16;

interface Slab {
  bytes: Buffer;
  /** Replies cut from this slab and not released yet. */
  outstanding: number;
}

/** The slab behind each pooled reply, by the reply's ArrayBuffer (weak: unreleased slabs can go). */
const slabOf = new WeakMap<ArrayBufferLike, Slab>();
const free: Slab[] = [];
let current: Slab | undefined;
let used = 0;

function newSlab(): Slab {
  const slab = free.pop() ?? { bytes: Buffer.allocUnsafeSlow(SLAB_BYTES), outstanding: 0 };
  slabOf.set(slab.bytes.buffer, slab);
  return slab;
}

/** `n` bytes for a reply body, uninitialized. */
export function allocateReplyBuffer(n: number): Buffer {
  if (n > SLAB_BYTES / 4) return Buffer.allocUnsafeSlow(n);
  if (current === undefined || used + n > SLAB_BYTES) {
    // The slab being retired goes straight back to the free list when nothing points into it.
    if (current !== undefined && current.outstanding === 0) {
      used = 0;
    } else {
      current = newSlab();
      used = 0;
    }
  }
  const buf = current.bytes.subarray(used, used + n);
  current.outstanding++;
  used += (n + 7) & ~7;
  return buf;
}

/**
 * `buf` has been written and nothing reads it any more. A no-op for buffers that did not come from
 * `allocateReplyBuffer`.
 */
export function releaseReplyBuffer(buf: Buffer): void {
  const slab = slabOf.get(buf.buffer);
  if (slab === undefined) return;
  slab.outstanding--;
  if (slab.outstanding === 0 && slab !== current) {
    slabOf.delete(slab.bytes.buffer);
    if (free.length < MAX_FREE_SLABS) free.push(slab);
  }
}

/** For tests: slabs waiting for reuse, and the current slab's outstanding replies. */
export function replyBufferStats(): { freeSlabs: number; currentOutstanding: number } {
  return { freeSlabs: free.length, currentOutstanding: current?.outstanding ?? 0 };
}
