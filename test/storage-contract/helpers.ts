import { randomBytes } from 'node:crypto';
import type { AtomicPlan, CommitInfo, StorageEngine, Write } from '../../src/storage/engine.js';

/** How a contract test gets an engine. Several calls may return engines on the same data. */
export type OpenEngine = () => Promise<StorageEngine>;

/** Unique names, so tests stay independent even when the engines share one database. */
export function uniq(prefix: string): string {
  return `${prefix}-${randomBytes(6).toString('hex')}`;
}

export function bytes(...b: number[]): Uint8Array {
  return Uint8Array.from(b);
}

export function utf8(s: string): Uint8Array {
  return new TextEncoder().encode(s);
}

/** memcmp order. */
export function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const d = (a[i] as number) - (b[i] as number);
    if (d !== 0) return d;
  }
  return a.length - b.length;
}

export function hex(b: Uint8Array): string {
  return Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('hex');
}

/** Commits the given writes unconditionally. */
export function write(engine: StorageEngine, ...writes: Write[]): Promise<CommitInfo<null>> {
  return engine.atomic({ reads: [], apply: () => ({ writes, result: null }) });
}

export function put(engine: StorageEngine, space: string, key: Uint8Array, value: string): Promise<CommitInfo<null>> {
  return write(engine, { kind: 'put', space, key, value });
}

/** Read-modify-write increment of a counter stored as a decimal string. */
export function incrementPlan(space: string, key: Uint8Array): AtomicPlan<number> {
  return {
    reads: [{ space, key }],
    apply: ([cur]) => {
      const next = Number(cur ?? '0') + 1;
      return { writes: [{ kind: 'put', space, key, value: String(next) }], result: next };
    },
  };
}

/** Opens an engine, runs fn, and always closes it. */
export async function withEngine<T>(open: OpenEngine, fn: (e: StorageEngine) => Promise<T>): Promise<T> {
  const engine = await open();
  try {
    return await fn(engine);
  } finally {
    await engine.close();
  }
}

/** A small deterministic PRNG (mulberry32) so failures reproduce. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
