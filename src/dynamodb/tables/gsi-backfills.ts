import type { Logger } from '../../server/context.js';
import type { Clock } from '../../shared/clock.js';
import type { StorageEngine } from '../../storage/engine.js';
import { acquireLease, releaseLease, renewLease } from '../../storage/leases.js';
import { backfillIndex } from './index-backfill.js';
import type { IndexDef, TableDef } from './table-types.js';

/**
 * Runs the backfills of global secondary indexes added by UpdateTable. The state lives in the
 * table definition (IndexStatus CREATING + Backfilling true), never only in memory: whichever node
 * sees such an index (the one that completed the transition, any node at start-up, any node that
 * reads the table) tries to take the backfill's lease and runs it; the lease makes it one node at
 * a time and lets another node take over when the runner dies. A re-run starts from scratch, which
 * is safe because every pass re-derives rows from the current items.
 */
export const BACKFILL_LEASE_TTL_MS = 30_000;

export interface GsiBackfillsDeps {
  engine: StorageEngine;
  clock: Clock;
  logger: Logger;
  /** Lease owner id of this node. */
  nodeId: string;
}

function backfilling(def: TableDef): IndexDef[] {
  return def.gsis.filter((g) => g.status === 'CREATING' && g.backfilling === true);
}

export class GsiBackfills {
  private readonly deps: GsiBackfillsDeps;
  private readonly jobs = new Map<string, Promise<void>>();
  /** Index space → clock time before which this node does not try again (lease held elsewhere). */
  private readonly retryAt = new Map<string, number>();
  private stopped = false;
  private holds = 0;
  private resumeWaiters: (() => void)[] = [];

  constructor(deps: GsiBackfillsDeps) {
    this.deps = deps;
  }

  /** Starts (on this node) the backfill of every index of `def` that needs one and has none running. */
  ensure(catalogKey: string, def: TableDef): void {
    if (this.stopped) return;
    for (const index of backfilling(def)) {
      if (this.jobs.has(index.space)) continue;
      const retry = this.retryAt.get(index.space);
      if (retry !== undefined && retry > this.deps.clock.now()) continue;
      const job = this.run(catalogKey, def, index)
        .catch((err: unknown) => {
          if (!this.stopped) this.deps.logger.error('index backfill failed', { table: def.name, index: index.name, err });
        })
        .finally(() => this.jobs.delete(index.space));
      this.jobs.set(index.space, job);
    }
  }

  /** Test hook: holds every backfill before its next chunk until the returned function is called. */
  pause(): () => void {
    this.holds++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      if (--this.holds === 0) for (const w of this.resumeWaiters.splice(0)) w();
    };
  }

  /** Resolves when no backfill runs on this node (test hook). */
  async idle(): Promise<void> {
    while (this.jobs.size) await Promise.allSettled([...this.jobs.values()]);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const w of this.resumeWaiters.splice(0)) w();
    await Promise.allSettled([...this.jobs.values()]);
  }

  start(): void {
    this.stopped = false;
  }

  private async run(catalogKey: string, def: TableDef, index: IndexDef): Promise<void> {
    const { engine, clock, nodeId } = this.deps;
    const lease = `backfill/${index.space}`;
    if (!(await acquireLease(engine, lease, nodeId, BACKFILL_LEASE_TTL_MS, clock.now()))) {
      this.retryAt.set(index.space, clock.now() + BACKFILL_LEASE_TTL_MS);
      return;
    }
    this.retryAt.delete(index.space);
    let renewedAt = clock.now();
    const shouldContinue = async (): Promise<boolean> => {
      if (this.holds > 0 && !this.stopped) await new Promise<void>((r) => this.resumeWaiters.push(r));
      if (this.stopped) return false;
      if (clock.now() - renewedAt >= BACKFILL_LEASE_TTL_MS / 3) {
        if (!(await renewLease(engine, lease, nodeId, BACKFILL_LEASE_TTL_MS, clock.now()))) return false;
        renewedAt = clock.now();
      }
      // Deleted (or replaced) meanwhile: stop.
      return this.stillBackfilling(await engine.catalogGet(catalogKey), index);
    };
    try {
      const { complete } = await backfillIndex(engine, def, index, shouldContinue);
      if (complete) await this.finish(catalogKey, index);
    } finally {
      await releaseLease(engine, lease, nodeId);
    }
  }

  private stillBackfilling(raw: string | undefined, index: IndexDef): boolean {
    if (raw === undefined) return false;
    const def = JSON.parse(raw) as TableDef;
    return backfilling(def).some((g) => g.space === index.space);
  }

  /** CREATING → ACTIVE, if the index is still the one this backfill built. */
  private async finish(catalogKey: string, index: IndexDef): Promise<void> {
    await this.deps.engine.atomic({
      reads: [],
      catalogReads: [catalogKey],
      apply: (_cur, [raw]) => {
        if (raw === undefined || !this.stillBackfilling(raw, index)) return { writes: [], result: undefined };
        const def = JSON.parse(raw) as TableDef;
        const gsi = def.gsis.find((g) => g.space === index.space);
        if (!gsi) return { writes: [], result: undefined };
        gsi.status = 'ACTIVE';
        delete gsi.backfilling;
        def.version += 1;
        return { writes: [{ kind: 'catalog-put', key: catalogKey, value: JSON.stringify(def) }], result: undefined };
      },
    });
  }
}
