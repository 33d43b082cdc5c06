import type { StorageEngine } from './engine.js';

/**
 * Leases for background work that exactly one node must do (TTL sweeps, table status transitions,
 * stream shards). A lease is a catalog row `lease/<name>` holding its owner and expiry, changed only
 * by compare-and-set inside `atomic`, so it works on every engine: on one embedded node it is
 * trivially held; on several PostgreSQL nodes the serializable transaction makes the check and
 * the write one step. A node that dies stops renewing; once its lease expires another node's
 * `acquireLease` takes it over.
 *
 * Times come from the caller's clock (`now`, epoch ms). Nodes' clocks must agree to well within
 * the lease's ttl, and a holder should renew at a fraction of ttl (e.g. ttl/3) and stop its work
 * when a renewal fails. `epoch` grows with every change of owner, so work can be fenced with it.
 */
export interface Lease {
  owner: string;
  expiresAt: number;
  epoch: number;
}

export const LEASE_PREFIX = 'lease/';

const leaseKey = (name: string): string => LEASE_PREFIX + name;

function parseLease(value: string | undefined): Lease | undefined {
  if (value === undefined) return undefined;
  try {
    const v = JSON.parse(value) as Partial<Lease>;
    if (typeof v.owner === 'string' && typeof v.expiresAt === 'number' && typeof v.epoch === 'number') {
      return { owner: v.owner, expiresAt: v.expiresAt, epoch: v.epoch };
    }
  } catch {
    // A malformed row is treated as no lease, so it can be overwritten.
  }
  return undefined;
}

/**
 * Takes the lease if it is free, expired, or already `owner`'s (then it is extended).
 * Resolves true when `owner` holds it until `now + ttlMs`.
 */
export async function acquireLease(engine: StorageEngine, name: string, owner: string, ttlMs: number, now: number): Promise<boolean> {
  const key = leaseKey(name);
  const { result } = await engine.atomic({
    reads: [],
    catalogReads: [key],
    apply: (_current, [raw]) => {
      const cur = parseLease(raw);
      if (cur !== undefined && cur.owner !== owner && cur.expiresAt > now) return { writes: [], result: false };
      const epoch = cur === undefined ? 1 : cur.owner === owner ? cur.epoch : cur.epoch + 1;
      const next: Lease = { owner, expiresAt: now + ttlMs, epoch };
      return { writes: [{ kind: 'catalog-put', key, value: JSON.stringify(next) }], result: true };
    },
  });
  return result;
}

/**
 * Extends a lease `owner` holds. False when another node holds it (it expired and was taken over)
 * or it is gone: the caller must stop the work the lease guarded. Renewing an expired lease that
 * nobody took over succeeds.
 */
export async function renewLease(engine: StorageEngine, name: string, owner: string, ttlMs: number, now: number): Promise<boolean> {
  const key = leaseKey(name);
  const { result } = await engine.atomic({
    reads: [],
    catalogReads: [key],
    apply: (_current, [raw]) => {
      const cur = parseLease(raw);
      if (cur === undefined || cur.owner !== owner) return { writes: [], result: false };
      const next: Lease = { owner, expiresAt: now + ttlMs, epoch: cur.epoch };
      return { writes: [{ kind: 'catalog-put', key, value: JSON.stringify(next) }], result: true };
    },
  });
  return result;
}

/** Gives up a lease if `owner` holds it (others may take it at once). Resolves true if released. */
export async function releaseLease(engine: StorageEngine, name: string, owner: string): Promise<boolean> {
  const key = leaseKey(name);
  const { result } = await engine.atomic({
    reads: [],
    catalogReads: [key],
    apply: (_current, [raw]) => {
      const cur = parseLease(raw);
      if (cur === undefined || cur.owner !== owner) return { writes: [], result: false };
      return { writes: [{ kind: 'catalog-delete', key }], result: true };
    },
  });
  return result;
}

/** The lease as stored (possibly expired), or undefined. */
export async function readLease(engine: StorageEngine, name: string): Promise<Lease | undefined> {
  return parseLease(await engine.catalogGet(leaseKey(name)));
}
