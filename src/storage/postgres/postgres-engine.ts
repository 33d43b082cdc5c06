import pg from 'pg';
import type {
  AtomicPlan,
  CommitInfo,
  KeyValue,
  LogId,
  LogRecord,
  RangeQuery,
  ReadRef,
  SpaceId,
  SpaceStats,
  StorageEngine,
} from '../engine.js';
import { readKeys, runAtomic, toBuf } from './pg-atomic.js';
import { LogLocks } from './log-locks.js';
import { isConnectionError, toDynamoError } from './pg-errors.js';
import { migrate, quoteSchema } from './pg-schema.js';
import { PgSql, prefixEnd } from './pg-sql.js';

export interface PostgresEngineOptions {
  /** `postgres://user:password@host:port/database` (libpq-style query parameters allowed). */
  url: string;
  /** Most connections this node opens (default 10). */
  poolSize?: number;
  /** PostgreSQL schema holding Eddy's tables (default `eddy`); created if missing. */
  schema?: string;
  /** How long a request waits for a connection before failing with ServiceUnavailable (ms, default 5000). */
  connectTimeoutMs?: number;
}

const NO_LIMIT = Number.MAX_SAFE_INTEGER;

/**
 * Opens the PostgreSQL engine: creates or migrates the schema (safe when several nodes open the
 * same database at once), then serves the storage contract from a bounded connection pool.
 * Nothing is cached between calls, so every node sees every other node's commits (table
 * metadata included) as soon as they are committed.
 */
export async function openPostgresEngine(opts: PostgresEngineOptions): Promise<StorageEngine> {
  const schemaName = opts.schema ?? 'eddy';
  const s = quoteSchema(schemaName);
  const pool = new pg.Pool({
    connectionString: opts.url,
    max: opts.poolSize ?? 10,
    connectionTimeoutMillis: opts.connectTimeoutMs ?? 5000,
    idleTimeoutMillis: 30_000,
    keepAlive: true,
    application_name: 'eddy',
  });
  // An idle connection that dies (server restart) emits 'error' on the pool; without a listener
  // that would crash the process. The pool has already discarded it; later requests reconnect.
  pool.on('error', () => {});
  // A checked-out connection can also emit 'error' between queries; same reasoning.
  pool.on('connect', (client) => client.on('error', () => {}));
  try {
    await migrate(pool, s);
  } catch (err) {
    await pool.end().catch(() => {});
    throw err;
  }
  return new PostgresEngine(pool, new PgSql(s, schemaName));
}

class PostgresEngine implements StorageEngine {
  readonly kind = 'postgres';
  private readonly listeners = new Set<(log: LogId, seq: number) => void>();
  private closed = false;
  private readonly logLocks = new LogLocks();
  /** Operations still running; close() waits for them before ending the pool. */
  private readonly inflight = new Set<Promise<unknown>>();

  constructor(
    private readonly pool: pg.Pool,
    private readonly sql: PgSql,
  ) {}

  async get(space: SpaceId, key: Uint8Array): Promise<string | undefined> {
    const res = await this.query<{ v: string }>(this.sql.kvGet, [space, toBuf(key)], 'kvGet');
    return res.rows[0]?.v;
  }

  async getMany(refs: ReadRef[]): Promise<(string | undefined)[]> {
    this.checkOpen();
    return this.track(this.retryStale(() => readKeys(this.pool, this.sql, refs)));
  }

  async range(q: RangeQuery): Promise<KeyValue[]> {
    if (q.limit !== undefined && q.limit <= 0) {
      this.checkOpen();
      return [];
    }
    const startShape = q.start === undefined ? 0 : q.startExclusive ? 2 : 1;
    const endShape = q.end === undefined ? 0 : q.endInclusive ? 2 : 1;
    const stmt = this.sql.range(startShape, endShape, q.reverse === true);
    const values: unknown[] = [q.space, q.limit ?? NO_LIMIT];
    if (q.start !== undefined) values.push(toBuf(q.start));
    if (q.end !== undefined) values.push(toBuf(q.end));
    const res = await this.queryNamed<{ k: Buffer; v: string }>(stmt.name, stmt.text, values);
    return res.rows.map((r) => ({ key: r.k, value: r.v }));
  }

  async stats(space: SpaceId): Promise<SpaceStats> {
    const res = await this.query<{ items: string; bytes: string }>(this.sql.kvStats, [space], 'kvStats');
    const row = res.rows[0];
    return { items: Number(row?.items ?? 0), bytes: Number(row?.bytes ?? 0) };
  }

  async dropSpace(space: SpaceId): Promise<void> {
    await this.query(this.sql.kvDropSpace, [space], 'kvDropSpace');
  }

  async atomic<T>(plan: AtomicPlan<T>): Promise<CommitInfo<T>> {
    this.checkOpen();
    const { info, heads } = await this.track(runAtomic(this.pool, this.sql, this.logLocks, plan));
    if (heads.size > 0) this.notify(heads);
    return info;
  }

  async readLog(log: LogId, afterSeq: number, limit: number): Promise<LogRecord[]> {
    if (limit <= 0) {
      this.checkOpen();
      return [];
    }
    const res = await this.query<{ seq: string; v: string }>(this.sql.logRead, [log, afterSeq, limit], 'logRead');
    return res.rows.map((r) => ({ seq: Number(r.seq), value: r.v }));
  }

  async logHead(log: LogId): Promise<number> {
    const res = await this.query<{ head: string }>(this.sql.headGet, [log], 'headGet');
    return Number(res.rows[0]?.head ?? 0);
  }

  async trimLog(log: LogId, beforeSeq: number): Promise<void> {
    await this.query(this.sql.logTrim, [log, beforeSeq], 'logTrim');
  }

  async dropLog(log: LogId): Promise<void> {
    this.checkOpen();
    // Records and head go together, so no reader sees a head without its records.
    await this.track(this.atomicStatements([
      [this.sql.logDrop, [log]],
      [this.sql.headDrop, [log]],
    ]));
  }

  async catalogGet(key: string): Promise<string | undefined> {
    const res = await this.query<{ v: string }>(this.sql.catGet, [key], 'catGet');
    return res.rows[0]?.v;
  }

  async catalogList(prefix: string): Promise<{ key: string; value: string }[]> {
    const end = prefixEnd(prefix);
    const res =
      prefix === ''
        ? await this.query<{ k: string; v: string }>(this.sql.catListAll, [], 'catListAll')
        : end === undefined
          ? await this.query<{ k: string; v: string }>(this.sql.catListFrom, [prefix], 'catListFrom')
          : await this.query<{ k: string; v: string }>(this.sql.catListRange, [prefix, end], 'catListRange');
    const out: { key: string; value: string }[] = [];
    for (const r of res.rows) if (r.k.startsWith(prefix)) out.push({ key: r.k, value: r.v });
    return out;
  }

  onAppend(listener: (log: LogId, seq: number) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    while (this.inflight.size > 0) await Promise.allSettled([...this.inflight]);
    this.listeners.clear();
    await this.pool.end();
  }

  private track<R>(p: Promise<R>): Promise<R> {
    this.inflight.add(p);
    const done = (): void => void this.inflight.delete(p);
    p.then(done, done);
    return p;
  }

  private notify(heads: Map<LogId, number>): void {
    for (const [log, seq] of heads) {
      for (const listener of this.listeners) {
        try {
          listener(log, seq);
        } catch {
          // A listener's failure must not affect the commit, which is already acknowledged.
        }
      }
    }
  }

  private async query<R extends pg.QueryResultRow>(text: string, values: unknown[], name: string): Promise<pg.QueryResult<R>> {
    return this.queryNamed<R>(this.sql.stmtName(name), text, values);
  }

  /** One autocommit statement; a stale pooled connection is retried once on a fresh one. */
  private async queryNamed<R extends pg.QueryResultRow>(name: string, text: string, values: unknown[]): Promise<pg.QueryResult<R>> {
    this.checkOpen();
    return this.track(this.retryStale(() => this.pool.query<R>({ name, text, values })));
  }

  private async retryStale<R>(fn: () => Promise<R>): Promise<R> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await fn();
      } catch (err) {
        // Reads are idempotent: after a server restart the pool may still hold dead connections.
        if (isConnectionError(err) && attempt <= 2 && !isConnectFailure(err)) continue;
        throw toDynamoError(err);
      }
    }
  }

  /** Several statements in one (read committed) transaction. */
  private async atomicStatements(stmts: [string, unknown[]][]): Promise<void> {
    let client: pg.PoolClient;
    try {
      client = await this.pool.connect();
    } catch (err) {
      throw toDynamoError(err);
    }
    try {
      await client.query('BEGIN');
      for (const [text, values] of stmts) await client.query(text, values);
      await client.query('COMMIT');
      client.release();
    } catch (err) {
      client.release(true);
      throw toDynamoError(err);
    }
  }

  private checkOpen(): void {
    if (this.closed) throw new Error('storage engine is closed');
  }
}

/** The server refused or could not be reached: retrying at once would fail the same way. */
function isConnectFailure(err: unknown): boolean {
  const code = (err as { code?: unknown }).code;
  return code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'EHOSTUNREACH' || code === '57P03' ||
    (err instanceof Error && err.message.includes('timeout exceeded when trying to connect'));
}
