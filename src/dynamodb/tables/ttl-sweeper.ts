import type { Clock, TimerHandle } from '../../shared/clock.js';
import type { Logger } from '../../server/context.js';
import type { StorageEngine, Write } from '../../storage/engine.js';
import { acquireLease, releaseLease } from '../../storage/leases.js';
import { compareNumbers } from '../values/number.js';
import type { Item } from '../values/types.js';
import { TABLE_KEY_PREFIX } from './catalog.js';
import { itemChangeWrites } from './item-writes.js';
import type { TableDef } from './table-types.js';

/**
 * Time to live: a background sweeper deletes items whose TTL attribute is a Number of epoch seconds
 * in the past. As in DynamoDB, expired items stay readable until the sweeper reaches them, values
 * that are not Numbers are ignored, and values more than five years in the past are ignored
 * (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/howitworks-ttl.html).
 * Each deletion is an ordinary committed change, marked as a service deletion for streams.
 */
const CHUNK = 500;
const FIVE_YEARS_S = 5 * 365 * 24 * 3600;

export class TtlSweeper {
  private timer: TimerHandle | undefined;
  private running: Promise<void> | undefined;
  private stopped = false;

  constructor(
    private readonly deps: { engine: StorageEngine; clock: Clock; logger: Logger; intervalMs: number; owner: string },
  ) {}

  start(): void {
    this.arm();
  }

  private arm(): void {
    if (this.stopped) return;
    this.timer = this.deps.clock.schedule(this.deps.intervalMs, () => {
      this.running = this.sweepAll()
        .then(() => undefined)
        .catch((err: unknown) => this.deps.logger.error('ttl sweep failed', { err: String(err) }))
        .finally(() => {
          this.running = undefined;
          this.arm();
        });
    });
  }

  /** Stops sweeping and hands the lease back, so another node can take the duty at once. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.timer?.cancel();
    await this.running;
    await releaseLease(this.deps.engine, 'ttl-sweeper', this.deps.owner).catch((err: unknown) => {
      this.deps.logger.warn('could not release the ttl-sweeper lease', { err: String(err) });
    });
  }

  /**
   * One pass over every table with TTL enabled; returns the number of items deleted. With several
   * nodes on one database only the holder of the `ttl-sweeper` lease sweeps; a dead holder's lease
   * expires after three intervals and another node takes over.
   */
  async sweepAll(): Promise<number> {
    const { engine, clock, owner, intervalMs } = this.deps;
    if (!(await acquireLease(engine, 'ttl-sweeper', owner, Math.max(3 * intervalMs, 1000), clock.now()))) return 0;
    let deleted = 0;
    const entries = await this.deps.engine.catalogList(TABLE_KEY_PREFIX);
    for (const { value } of entries) {
      if (this.stopped) break;
      const table = JSON.parse(value) as TableDef;
      if (table.status !== 'ACTIVE' && table.status !== 'UPDATING') continue;
      if (table.ttl?.status !== 'ENABLED') continue;
      deleted += await this.sweepTable(table, table.ttl.attributeName);
    }
    return deleted;
  }

  private async sweepTable(table: TableDef, attribute: string): Promise<number> {
    let start: Uint8Array | undefined;
    let deleted = 0;
    for (;;) {
      const rows = await this.deps.engine.range({ space: table.space, ...(start ? { start, startExclusive: true } : {}), limit: CHUNK });
      const nowS = this.deps.clock.now() / 1000;
      const expired = rows.filter((r) => isExpired(JSON.parse(r.value) as Item, attribute, nowS));
      if (expired.length > 0) {
        const now = this.deps.clock.now();
        const { result } = await this.deps.engine.atomic({
          reads: expired.map((r) => ({ space: table.space, key: r.key })),
          apply: (current) => {
            const writes: Write[] = [];
            let n = 0;
            current.forEach((raw, i) => {
              const row = expired[i];
              if (raw === undefined || !row) return;
              const item = JSON.parse(raw) as Item;
              if (!isExpired(item, attribute, nowS)) return; // rewritten since: keep
              writes.push(...itemChangeWrites(table, { key: row.key, oldItem: item, newItem: undefined }, { now, service: true }).writes);
              n++;
            });
            return { writes, result: n };
          },
        });
        deleted += result;
      }
      const last = rows[rows.length - 1];
      if (!last || rows.length < CHUNK || this.stopped) return deleted;
      start = last.key;
    }
  }
}

export function isExpired(item: Item, attribute: string, nowSeconds: number): boolean {
  const v = item[attribute];
  if (!v || !('N' in v)) return false;
  const now = String(Math.floor(nowSeconds));
  if (compareNumbers(v.N, now) >= 0) return false;
  return compareNumbers(v.N, String(Math.floor(nowSeconds) - FIVE_YEARS_S)) >= 0;
}
