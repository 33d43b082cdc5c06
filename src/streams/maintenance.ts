import { randomUUID } from 'node:crypto';
import type { Services } from '../server/context.js';
import type { StorageEngine } from '../storage/engine.js';
import type { TimerHandle } from '../shared/clock.js';
import {
  closeShard,
  DEFAULT_ROLLOVER_MS,
  openShard,
  RETENTION_MS,
  STATE_PREFIX,
  stateKey,
  trimHorizon,
  type StreamState,
} from './shard-state.js';

/**
 * The background duty of streams: shard rollover on schedule and retention trimming. One node at a
 * time holds it, through a lease in a catalog row (several nodes may share one database). Rollover
 * also happens lazily on DescribeStream, so correctness never depends on this timer.
 */
export const LEASE_KEY = 'streams/lease/maintenance';
export const DEFAULT_TICK_MS = 60_000;

export function startStreamMaintenance(services: Services, opts: { tickMs?: number } = {}): void {
  const tickMs = opts.tickMs ?? DEFAULT_TICK_MS;
  const owner = randomUUID();
  let timer: TimerHandle | undefined;
  let running: Promise<void> | undefined;
  let stopped = false;
  const schedule = (): void => {
    timer = services.clock.schedule(tickMs, () => {
      running = runOnce(services, owner, tickMs)
        .catch((err: unknown) => services.logger.error('stream maintenance failed', { err }))
        .finally(() => {
          running = undefined;
          if (!stopped) schedule();
        });
    });
  };
  schedule();
  services.onStop(async () => {
    stopped = true;
    timer?.cancel();
    await running;
  });
}

/** One maintenance pass, if this node holds (or takes) the lease. */
export async function runOnce(services: Services, owner: string, tickMs = DEFAULT_TICK_MS): Promise<void> {
  const { engine, clock } = services;
  if (!(await takeLease(engine, owner, clock.now(), tickMs * 3))) return;
  const rolloverMs = services.config.streamShardRolloverMs ?? DEFAULT_ROLLOVER_MS;
  for (const row of await engine.catalogList(STATE_PREFIX)) {
    const log = row.key.slice(STATE_PREFIX.length);
    await maintainStream(engine, log, JSON.parse(row.value) as StreamState, clock.now(), rolloverMs);
  }
}

async function takeLease(engine: StorageEngine, owner: string, now: number, ttlMs: number): Promise<boolean> {
  const { result } = await engine.atomic({
    reads: [],
    catalogReads: [LEASE_KEY],
    apply(_current, [raw]) {
      const lease = raw === undefined ? undefined : (JSON.parse(raw) as { owner: string; until: number });
      if (lease && lease.owner !== owner && lease.until > now) return { writes: [], result: false };
      const value = JSON.stringify({ owner, until: now + ttlMs });
      return { writes: [{ kind: 'catalog-put', key: LEASE_KEY, value }], result: true };
    },
  });
  return result;
}

async function maintainStream(engine: StorageEngine, log: string, state: StreamState, now: number, rolloverMs: number): Promise<void> {
  const open = openShard(state);
  if (open && open.from >= 0 && now - open.created >= rolloverMs) await closeShard(engine, log, open.id, 'roll', now);

  const horizon = await trimHorizon(engine, log, state, now);
  const expired = (closed: number | undefined): boolean => closed !== undefined && closed <= now - RETENTION_MS;
  if (horizon > (state.trimmedBefore ?? 1) || state.shards.some((s) => expired(s.closed))) {
    await engine.trimLog(log, horizon);
    const key = stateKey(log);
    const { result: gone } = await engine.atomic({
      reads: [],
      catalogReads: [key],
      apply(_current, [raw]) {
        if (raw === undefined) return { writes: [], result: false };
        const st = JSON.parse(raw) as StreamState;
        st.trimmedBefore = Math.max(st.trimmedBefore ?? 1, horizon);
        st.shards = st.shards.filter((s) => !expired(s.closed));
        if (st.ended && st.shards.length === 0) return { writes: [{ kind: 'catalog-delete', key }], result: true };
        return { writes: [{ kind: 'catalog-put', key, value: JSON.stringify(st) }], result: false };
      },
    });
    if (gone) await engine.dropLog(log);
  }
}
