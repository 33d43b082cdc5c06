import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { hugePagesAddonLoaded, prefault, slabBuffer } from '../../src/storage/memory/huge-pages.js';
import { ValueSlabs } from '../../src/storage/memory/value-slabs.js';

const ADDON = fileURLToPath(new URL('../../native/build/Release/eddy_native.node', import.meta.url));
const MB = 1 << 20;

/** The kernel's THP mode: the bracketed word of /sys/kernel/mm/transparent_hugepage/enabled. */
function thpMode(): string | undefined {
  try {
    return /\[(\w+)\]/.exec(readFileSync('/sys/kernel/mm/transparent_hugepage/enabled', 'utf8'))?.[1];
  } catch {
    return undefined;
  }
}

const anonHugeKb = (): number => Number(/AnonHugePages:\s+(\d+)/.exec(readFileSync('/proc/self/smaps_rollup', 'utf8'))?.[1] ?? NaN);

test('on Linux the install built the huge-pages addon and slabs come from it', { skip: process.platform !== 'linux' && 'Linux only' }, () => {
  assert.ok(existsSync(ADDON), `${ADDON} is missing: scripts/build-native.mjs (run by npm ci / npm run build) did not build it`);
  assert.equal(hugePagesAddonLoaded(), true);
});

test('a slab buffer has the size asked for and keeps every byte written to it', () => {
  const buf = slabBuffer(4 * MB + 123);
  assert.equal(buf.length, 4 * MB + 123);
  for (let i = 0; i < buf.length; i += 4093) buf[i] = i % 251;
  buf[buf.length - 1] = 7;
  for (let i = 0; i < buf.length; i += 4093) assert.equal(buf[i], i % 251, `byte ${i}`);
  assert.equal(buf[buf.length - 1], 7);
});

test('the addon refuses sizes it cannot allocate with a RangeError, not a crash', { skip: !existsSync(ADDON) && 'addon not built' }, () => {
  assert.equal(hugePagesAddonLoaded(), true);
  for (const bad of [0, -1, Number.NaN, 2 ** 33]) assert.throws(() => slabBuffer(bad), RangeError, String(bad));
});

test('touching an addon slab maps transparent huge pages where the kernel offers them', {
  skip: (!existsSync(ADDON) && 'addon not built') || (thpMode() !== 'always' && thpMode() !== 'madvise' && `THP mode ${thpMode() ?? 'unknown'}`),
}, () => {
  const before = anonHugeKb();
  const buf = slabBuffer(16 * MB);
  for (let i = 0; i < buf.length; i += 4096) buf[i] = 1;
  const after = anonHugeKb();
  // 16 MiB aligned to 2 MiB is 8 huge pages; allow the kernel to fall back for a few of them.
  assert.ok(after - before >= 8 * 1024, `AnonHugePages grew by ${after - before} kB`);
  assert.equal(buf[buf.length - 4096], 1);
});

test('prefault maps a buffer range from a worker thread and leaves its bytes as they were', { skip: !existsSync(ADDON) && 'addon not built' }, async () => {
  assert.equal(hugePagesAddonLoaded(), true);
  // An ordinary Buffer above malloc's largest mmap threshold (32 MiB): fresh 4 KiB pages, so each
  // page not mapped by the prefault costs this thread a fault when touched (11,264 for 44 MiB).
  const buf = Buffer.allocUnsafeSlow(48 * MB);
  // The first 4 MiB hold data before the prefault, as a slab's start does when the next part is asked for.
  for (let i = 0; i < 4 * MB; i += 997) buf[i] = i % 253;
  await new Promise<void>((resolve) => prefault(buf, 0, buf.length, resolve));
  const faults = process.resourceUsage().minorPageFault;
  for (let i = 4 * MB; i < buf.length; i += 4096) buf[i] = 3;
  const touched = process.resourceUsage().minorPageFault - faults;
  assert.ok(touched < 500, `${touched} page faults touching 44 MiB after the prefault`);
  for (let i = 0; i < 4 * MB; i += 997) assert.equal(buf[i], i % 253, `byte ${i}`);
  assert.equal(buf[buf.length - 4096], 3);
});

test('prefault refuses a range outside the buffer with a RangeError', { skip: !existsSync(ADDON) && 'addon not built' }, async () => {
  const buf = slabBuffer(4 * MB);
  for (const [off, len] of [[-1, 10], [0, 4 * MB + 1], [4 * MB, 1], [Number.NaN, 1], [0, -5]] as const) {
    assert.throws(() => prefault(buf, off, len), RangeError, `${off}, ${len}`);
  }
  assert.throws(() => prefault({} as Buffer, 0, 8), RangeError);
  assert.throws(() => prefault(buf, 0, 8, 'x' as unknown as () => void), RangeError);
  await new Promise<void>((resolve) => prefault(buf, 4 * MB, 0, resolve));
});

test('value slabs on addon memory: values across several slabs come back exactly', () => {
  const slabs = new ValueSlabs();
  const values: string[] = [];
  const addrs: number[] = [];
  // ~12 MB of values: the 4 MB first slab, then an 8 MB one.
  for (let i = 0; i < 12_000; i++) {
    const v = `${i}:${'v'.repeat(900 + (i % 200))}${i % 7 === 0 ? 'é' : ''}`;
    values.push(v);
    addrs.push(slabs.put(v, Buffer.byteLength(v, 'utf8')));
  }
  values.forEach((v, i) => assert.equal(slabs.value(addrs[i] as number), v, `value ${i}`));
});
