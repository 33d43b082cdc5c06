import * as zlib from 'node:zlib';
import { nativeAddon } from '../storage/native-addon.js';

/**
 * CRC-32 (IEEE 802.3, the zlib/PNG polynomial), as DynamoDB sends in `x-amz-crc32` and the SDKs
 * verify; also the log engine's frame checksum. Bytes of 256 or more go to the native addon's
 * PCLMULQDQ folding (native/crc32.c: ~27 GB/s on a 10 KB Query reply here, against ~6 GB/s for
 * zlib's), where it is built and the CPU has the instruction. Otherwise native `zlib.crc32`
 * (Node 20.15+, 22.2+), and on older Node 20 the JS slicing-by-8 below.
 */
type NativeCrc32 = (data: string | Uint8Array, value?: number) => number;
const native: NativeCrc32 | undefined = (zlib as unknown as { crc32?: NativeCrc32 }).crc32;
/** Below this many bytes the call into the addon costs more than it saves. */
const FOLD_MIN = 256;
let folded: ((data: Uint8Array) => number) | null | undefined;

function foldedCrc(): ((data: Uint8Array) => number) | null {
  const fn = (nativeAddon() as { crc32?: (data: Uint8Array) => number } | null)?.crc32;
  return (folded = typeof fn === 'function' ? fn : null);
}

/** Unsigned CRC-32 of a buffer, or of a string's UTF-8 bytes. */
export function crc32(data: Uint8Array | string): number {
  if (typeof data !== 'string' && data.length >= FOLD_MIN) {
    const fold = folded === undefined ? foldedCrc() : folded;
    if (fold !== null) return fold(data);
  }
  if (native !== undefined) return native(data);
  return crc32Js(typeof data === 'string' ? Buffer.from(data, 'utf8') : data);
}

const TABLES: Int32Array[] = buildTables();

function buildTables(): Int32Array[] {
  const t0 = new Int32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t0[n] = c;
  }
  const tables = [t0];
  for (let t = 1; t < 8; t++) {
    const prev = tables[t - 1] as Int32Array;
    const cur = new Int32Array(256);
    for (let n = 0; n < 256; n++) {
      const p = prev[n] as number;
      cur[n] = (p >>> 8) ^ (t0[p & 0xff] as number);
    }
    tables.push(cur);
  }
  return tables;
}

const [T0, T1, T2, T3, T4, T5, T6, T7] = TABLES as [
  Int32Array, Int32Array, Int32Array, Int32Array, Int32Array, Int32Array, Int32Array, Int32Array,
];

/** Unsigned CRC-32 of `buf`, in JS (exported for tests of the fallback). */
export function crc32Js(buf: Uint8Array): number {
  let crc = -1;
  let i = 0;
  const n = buf.length;
  const end8 = n - (n % 8);
  // Indices are in range by construction; `as number` only satisfies noUncheckedIndexedAccess.
  for (; i < end8; i += 8) {
    const a = crc ^ ((buf[i] as number) | ((buf[i + 1] as number) << 8) | ((buf[i + 2] as number) << 16) | ((buf[i + 3] as number) << 24));
    crc =
      (T7[a & 0xff] as number) ^
      (T6[(a >>> 8) & 0xff] as number) ^
      (T5[(a >>> 16) & 0xff] as number) ^
      (T4[a >>> 24] as number) ^
      (T3[buf[i + 4] as number] as number) ^
      (T2[buf[i + 5] as number] as number) ^
      (T1[buf[i + 6] as number] as number) ^
      (T0[buf[i + 7] as number] as number);
  }
  for (; i < n; i++) crc = (T0[(crc ^ (buf[i] as number)) & 0xff] as number) ^ (crc >>> 8);
  return (crc ^ -1) >>> 0;
}
