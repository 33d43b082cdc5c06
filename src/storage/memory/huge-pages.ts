/**
 * Buffers for the value slabs (value-slabs.ts) backed by transparent huge pages where the machine
 * allows: the native addon (../native-addon.ts) allocates them aligned to 2 MiB and advises
 * MADV_HUGEPAGE. A table that grows touches fresh memory at the rate it is written (25 KB per
 * BatchWriteItem of 1 KB items), and every first touch of a 4 KiB page is a page fault: in the VM of
 * round twelve (docs/performance.md) ~11 µs each, 2.5–2.9 ms per MB touched against 0.36–0.51 ms
 * with huge pages.
 *
 * Without the addon, or with EDDY_HUGE_PAGES=0 (for A/B measurements), slabs are ordinary Buffers.
 */
import { nativeAddon, type NativeAddon } from '../native-addon.js';

let addon: NativeAddon | null | undefined;

function load(): NativeAddon | null {
  return process.env.EDDY_HUGE_PAGES === '0' ? null : nativeAddon();
}

/** True when slabs come from the addon (loads it on first call). */
export function hugePagesAddonLoaded(): boolean {
  if (addon === undefined) addon = load();
  return addon !== null;
}

/** A Buffer of `bytes` uninitialized bytes for a slab: huge-page backed when the addon is there. */
export function slabBuffer(bytes: number): Buffer {
  if (addon === undefined) addon = load();
  if (addon !== null) {
    try {
      return addon.allocate(bytes);
    } catch (err) {
      if (err instanceof RangeError) throw err;
      // No aligned memory, or a Node that refuses external buffers: ordinary Buffers from now on.
      addon = null;
    }
  }
  return Buffer.allocUnsafeSlow(bytes);
}

/**
 * Asks a worker thread to fault in `length` bytes of a slab from `offset`, ahead of the writes that
 * will fill them (round thirteen, docs/performance.md): in a VM that hands free memory back to its
 * host, the first touch of each page costs ~1 ms per MB, which the main thread then no longer pays.
 * Contents are left as they are; without the addon this does nothing (the writes fault the pages in).
 * `done` (tests) is called once the range is mapped.
 */
export function prefault(buffer: Buffer, offset: number, length: number, done?: () => void): void {
  if (addon) addon.populate(buffer, offset, length, done);
  else if (done) setImmediate(done);
}
