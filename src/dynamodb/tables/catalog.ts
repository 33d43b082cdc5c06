import type { EddyConfig, Logger, RequestContext, TableCatalog } from '../../server/context.js';
import type { Clock, TimerHandle } from '../../shared/clock.js';
import type { StorageEngine, Write } from '../../storage/engine.js';
import { DynamoError } from '../../protocol/errors.js';
import { parseTableArn } from './arn.js';
import { randomUUID } from 'node:crypto';
import { GsiBackfills } from './gsi-backfills.js';
import { completeTransition, isDue, isTransitional, removedIndexSpaces } from './transitions.js';
import type { TableDef } from './table-types.js';

/** Catalog key prefix of table metadata: `table/<namespace>/<name>` → TableDef JSON. */
export const TABLE_KEY_PREFIX = 'table/';

export function tableCatalogKey(namespace: string, name: string): string {
  return `${TABLE_KEY_PREFIX}${namespace}/${name}`;
}

export interface TableManagerDeps {
  engine: StorageEngine;
  clock: Clock;
  config: EddyConfig;
  logger: Logger;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value as Record<string, unknown>)) deepFreeze(v);
  }
  return value;
}

/**
 * Table metadata, kept in the storage catalog (authoritative, shared by every node on one
 * database). Status transitions (CREATING/UPDATING → ACTIVE, DELETING → gone) complete at
 * `pendingUntil` on the server clock: a timer does it on the node that made the change, and any
 * node that reads a due table completes it itself, so nothing depends on one node's memory.
 *
 * Returned TableDefs are frozen (they are shared through the parse cache); change tables only
 * through `mutate`.
 */
export class TableManager implements TableCatalog {
  private readonly engine: StorageEngine;
  private readonly clock: Clock;
  private readonly config: EddyConfig;
  private readonly logger: Logger;
  private readonly parsed = new Map<string, { raw: string; def: TableDef }>();
  /** Tables read at a catalog version (engines with `catalogVersion` only): the `cached` fast path. */
  private readonly fresh = new Map<string, { version: number; def: TableDef }>();
  private readonly timers = new Map<string, TimerHandle>();
  private readonly inflight = new Set<Promise<unknown>>();
  private stopped = false;
  /** Backfills of GSIs added by UpdateTable (public for tests: pause/idle). */
  readonly backfills: GsiBackfills;

  constructor(deps: TableManagerDeps) {
    this.engine = deps.engine;
    this.clock = deps.clock;
    this.config = deps.config;
    this.logger = deps.logger;
    this.backfills = new GsiBackfills({ engine: deps.engine, clock: deps.clock, logger: deps.logger, nodeId: randomUUID() });
  }

  /** Milliseconds a table spends in CREATING / UPDATING / DELETING. */
  get statusDelayMs(): number {
    return Math.max(0, this.config.tableStatusDelayMs);
  }

  async start(): Promise<void> {
    this.stopped = false;
    this.backfills.start();
    for (const row of await this.engine.catalogList(TABLE_KEY_PREFIX)) {
      const def = this.parse(row.key, row.value);
      if (isTransitional(def)) this.schedule(row.key, def);
      // Resumes backfills a previous run (of this or another node) left unfinished.
      this.backfills.ensure(row.key, def);
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const t of this.timers.values()) t.cancel();
    this.timers.clear();
    await Promise.allSettled([...this.inflight]);
    await this.backfills.stop();
  }

  /** Resolves once no status transition or index backfill is running on this node (tests). */
  async idle(): Promise<void> {
    while (this.inflight.size) await Promise.allSettled([...this.inflight]);
    await this.backfills.idle();
  }

  /** The table name a TableName or table ARN refers to in the caller's namespace (undefined: none). */
  resolveName(ctx: RequestContext, nameOrArn: string): string | undefined {
    if (!nameOrArn.startsWith('arn:')) return nameOrArn;
    const ref = parseTableArn(nameOrArn);
    if (!ref || ref.index !== undefined || ref.stream !== undefined) return undefined;
    if (ref.region !== ctx.region || ref.account !== ctx.account) return undefined;
    return ref.table;
  }

  /** Name to show in "not found" messages: the table part of an ARN, else the input. */
  displayName(nameOrArn: string): string {
    return parseTableArn(nameOrArn)?.table ?? nameOrArn;
  }

  async find(ctx: RequestContext, nameOrArn: string): Promise<TableDef | undefined> {
    const name = this.resolveName(ctx, nameOrArn);
    if (name === undefined) return undefined;
    return this.load(tableCatalogKey(ctx.namespace, name));
  }

  /**
   * The table without a catalog read, when the engine's catalog version shows that nothing was
   * written to the catalog since this node read it (embedded engine only: its one process sees
   * every write). PostgreSQL has no catalog version, so every node still reads the shared catalog
   * per request and there is no staleness between nodes.
   */
  cached(ctx: RequestContext, nameOrArn: string): TableDef | undefined {
    const version = this.engine.catalogVersion?.();
    if (version === undefined) return undefined;
    const name = nameOrArn.startsWith('arn:') ? this.resolveName(ctx, nameOrArn) : nameOrArn;
    if (name === undefined) return undefined;
    const key = tableCatalogKey(ctx.namespace, name);
    const hit = this.fresh.get(key);
    if (hit === undefined || hit.version !== version || isDue(hit.def, this.clock.now())) return undefined;
    this.backfills.ensure(key, hit.def);
    return hit.def;
  }

  /** Data-plane lookup: ResourceNotFoundException "Requested resource not found" when absent. */
  async get(ctx: RequestContext, nameOrArn: string): Promise<TableDef> {
    const def = await this.find(ctx, nameOrArn);
    if (!def) throw DynamoError.resourceNotFound();
    return def;
  }

  /** Like get, but also refuses tables that are CREATING or DELETING (as DynamoDB's data plane). */
  async getActive(ctx: RequestContext, nameOrArn: string): Promise<TableDef> {
    const def = await this.get(ctx, nameOrArn);
    if (def.status === 'CREATING' || def.status === 'DELETING') throw DynamoError.resourceNotFound();
    return def;
  }

  /** Control-plane lookup: "Requested resource not found: Table: <name> not found". */
  async require(ctx: RequestContext, nameOrArn: string): Promise<TableDef> {
    const def = await this.find(ctx, nameOrArn);
    if (!def) throw this.notFound(nameOrArn);
    return def;
  }

  notFound(nameOrArn: string): DynamoError {
    return DynamoError.resourceNotFound(`Requested resource not found: Table: ${this.displayName(nameOrArn)} not found`);
  }

  /** Every table of the caller's namespace, sorted by name. */
  async list(ctx: RequestContext): Promise<TableDef[]> {
    const rows = await this.engine.catalogList(`${TABLE_KEY_PREFIX}${ctx.namespace}/`);
    const now = this.clock.now();
    const out: TableDef[] = [];
    for (const row of rows) {
      let def: TableDef | undefined = this.parse(row.key, row.value);
      if (isDue(def, now)) def = await this.complete(row.key);
      if (def) {
        this.backfills.ensure(row.key, def);
        out.push(def);
      }
    }
    return out.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  /**
   * Stores a new table atomically (create-if-absent). ResourceInUseException when the name is
   * taken: "Table already exists: <name>", or, while the other table is still CREATING,
   * "Attempt to change a resource which is still in use: Table is being created: <name>".
   */
  async create(def: TableDef): Promise<TableDef> {
    const key = tableCatalogKey(def.namespace, def.name);
    const now = this.clock.now();
    const raw = JSON.stringify(def);
    const { result: replaced } = await this.engine.atomic({
      reads: [],
      catalogReads: [key],
      apply: (_cur, [existingRaw]) => {
        let dropped: TableDef | undefined;
        if (existingRaw !== undefined) {
          const existing = JSON.parse(existingRaw) as TableDef;
          const gone = existing.status === 'DELETING' && isDue(existing, now);
          if (!gone) {
            if (existing.status === 'CREATING' && !isDue(existing, now)) {
              // The target of a restore in progress is "being used" (live DynamoDB, October 2026:
              // ack-api-quirks DDB-TABLE-217, DDB-TABLE-444).
              const state = existing.restore ? 'being used' : 'being created';
              throw DynamoError.resourceInUse(`Attempt to change a resource which is still in use: Table is ${state}: ${def.name}`);
            }
            throw DynamoError.resourceInUse(`Table already exists: ${def.name}`);
          }
          dropped = existing;
        }
        return { writes: [{ kind: 'catalog-put', key, value: raw }], result: dropped };
      },
    });
    if (replaced) await this.dropStorage(replaced);
    const stored = this.parse(key, raw);
    if (isTransitional(stored)) this.schedule(key, stored);
    return stored;
  }

  /**
   * Read-modify-write of one table's metadata in one transaction. `fn` gets a mutable copy (with any
   * due transition already completed) and returns the new definition; it must be pure and may
   * throw a DynamoError to refuse. The version is bumped. Control-plane "not found" when absent.
   */
  async mutate(
    ctx: RequestContext,
    nameOrArn: string,
    fn: (def: TableDef, now: number) => TableDef,
    notFound: () => DynamoError = () => this.notFound(nameOrArn),
  ): Promise<{ before: TableDef; after: TableDef }> {
    const name = this.resolveName(ctx, nameOrArn);
    if (name === undefined) throw notFound();
    const key = tableCatalogKey(ctx.namespace, name);
    const now = this.clock.now();
    const { result } = await this.engine.atomic({
      reads: [],
      catalogReads: [key],
      apply: (_cur, [raw]) => {
        if (raw === undefined) throw notFound();
        const parsed = JSON.parse(raw) as TableDef;
        const current = isDue(parsed, now) ? completeTransition(parsed, now) : parsed;
        if (!current) throw notFound();
        const before = JSON.stringify(current);
        const next = fn(JSON.parse(before) as TableDef, now);
        next.version = current.version + 1;
        const value = JSON.stringify(next);
        const dropped = removedIndexSpaces(parsed, current);
        return { writes: [{ kind: 'catalog-put', key, value }], result: { before, value, dropped } };
      },
    });
    for (const space of result.dropped) await this.engine.dropSpace(space);
    const after = this.parse(key, result.value);
    if (isTransitional(after)) this.schedule(key, after);
    this.backfills.ensure(key, after);
    return { before: deepFreeze(JSON.parse(result.before) as TableDef), after };
  }

  private parse(key: string, raw: string): TableDef {
    const hit = this.parsed.get(key);
    if (hit && hit.raw === raw) return hit.def;
    const def = deepFreeze(JSON.parse(raw) as TableDef);
    this.parsed.set(key, { raw, def });
    return def;
  }

  private async load(key: string): Promise<TableDef | undefined> {
    // Taken before the read: a catalog write landing in between changes it, so the entry is redone.
    const version = this.engine.catalogVersion?.();
    const raw = await this.engine.catalogGet(key);
    if (raw === undefined) {
      this.parsed.delete(key);
      this.fresh.delete(key);
      return undefined;
    }
    const def = this.parse(key, raw);
    if (version !== undefined) this.fresh.set(key, { version, def });
    if (isDue(def, this.clock.now())) return this.complete(key);
    this.backfills.ensure(key, def);
    return def;
  }

  private schedule(key: string, def: TableDef): void {
    if (this.stopped || def.pendingUntil === undefined) return;
    this.timers.get(key)?.cancel();
    const delay = Math.max(0, def.pendingUntil - this.clock.now());
    const timer = this.clock.schedule(delay, () => {
      this.timers.delete(key);
      if (this.stopped) return;
      const p = this.complete(key).catch((err: unknown) => {
        if (!this.stopped) this.logger.error('table status transition failed', { key, err });
      });
      this.inflight.add(p);
      void p.finally(() => this.inflight.delete(p));
    });
    this.timers.set(key, timer);
  }

  /** Completes a due transition (if it still is due) and returns the resulting table, if any. */
  private async complete(key: string): Promise<TableDef | undefined> {
    const now = this.clock.now();
    type Completed = { raw: string | undefined; dropped: TableDef | undefined; indexSpaces: string[] };
    const { result } = await this.engine.atomic<Completed>({
      reads: [],
      catalogReads: [key],
      apply: (_cur, [raw]) => {
        if (raw === undefined) return { writes: [], result: { raw: undefined, dropped: undefined, indexSpaces: [] } };
        const def = JSON.parse(raw) as TableDef;
        if (!isDue(def, now)) return { writes: [], result: { raw, dropped: undefined, indexSpaces: [] } };
        const next = completeTransition(def, now);
        if (!next) {
          const writes: Write[] = [{ kind: 'catalog-delete', key }];
          return { writes, result: { raw: undefined, dropped: def, indexSpaces: [] } };
        }
        const value = JSON.stringify(next);
        const indexSpaces = removedIndexSpaces(def, next);
        return { writes: [{ kind: 'catalog-put', key, value }], result: { raw: value, dropped: undefined, indexSpaces } };
      },
    });
    if (result.dropped) await this.dropStorage(result.dropped);
    for (const space of result.indexSpaces) await this.engine.dropSpace(space);
    if (result.raw === undefined) {
      this.parsed.delete(key);
      return undefined;
    }
    const def = this.parse(key, result.raw);
    if (isTransitional(def)) this.schedule(key, def);
    this.backfills.ensure(key, def);
    return def;
  }

  /** Removes a deleted table's item and index spaces. Stream logs stay until the streams retention. */
  private async dropStorage(def: TableDef): Promise<void> {
    const spaces = [def.space, ...def.gsis.map((i) => i.space), ...def.lsis.map((i) => i.space)];
    for (const space of spaces) await this.engine.dropSpace(space);
  }
}
