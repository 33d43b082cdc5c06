/**
 * Eddy's optional native helpers (native/eddy-native.c, built by scripts/build-native.mjs on
 * `npm ci` and `npm run build`): huge-page slab memory and its prefault for the in-memory engine
 * (memory/huge-pages.ts), read-only file mappings for the log engine's reads (log/segment.ts), and
 * the engines' index outside the heap (native-index.ts, which declares its functions), and
 * CRC-32 by carry-less multiplication (http/crc32.ts).
 *
 * Optional: off Linux, without a compiler at install time, or built for another Node ABI, the addon
 * is absent and each user does the same work in JavaScript. `EDDY_NATIVE=0` turns it off entirely
 * (A/B measurements). Loaded on first use, not at start-up.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { packageRoot } from '../shared/package-root.js';

export interface NativeAddon {
  allocate(bytes: number): Buffer;
  populate(buffer: Buffer, offset: number, length: number, done?: () => void): void;
  mapFile(fd: number, length: number): Buffer;
}

let addon: NativeAddon | null | undefined;

function load(): NativeAddon | null {
  if (process.env.EDDY_NATIVE === '0' || process.platform !== 'linux') return null;
  const root = packageRoot();
  const file = root === undefined ? undefined : join(root.dir, 'native/build/Release/eddy_native.node');
  if (file === undefined || !existsSync(file)) return null;
  try {
    return createRequire(import.meta.url)(file) as NativeAddon;
  } catch {
    // Built for another Node ABI or platform: the JavaScript paths do the same job.
    return null;
  }
}

/** The addon, or null where it is not available (loads it on first call). */
export function nativeAddon(): NativeAddon | null {
  if (addon === undefined) addon = load();
  return addon;
}
