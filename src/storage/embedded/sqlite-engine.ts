import Database from 'better-sqlite3';
import { createRequire } from 'node:module';
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
import { GroupCommitter } from './group-commit.js';
import { WalSync } from './wal-sync.js';
import { prepareStatements, RangeStatements, SCHEMA_SQL, SCHEMA_VERSION, type Statements } from './sqlite-schema.js';
import { SpaceIds, toBuffer } from './space-ids.js';

// The native addon is passed by path: that skips the `bindings` package's search of a dozen
// candidate paths (~2.5 ms on the first open) and lets the CLI bundle include better-sqlite3's
// JavaScript (scripts/bundle.mjs). When the addon is not at its usual place, better-sqlite3
// searches as before.
const nodeRequire = createRequire(import.meta.url);
let addonPath: string | undefined | null = null;
function nativeBinding(): string | undefined {
  if (addonPath === null) {
    try {
      addonPath = nodeRequire.resolve('better-sqlite3/build/Release/better_sqlite3.node');
    } catch {
      addonPath = undefined;
    }
  }
  return addonPath;
}

export interface SqliteEngineOptions {
  /** Database file; undefined = in-memory (`:memory:`). */
  path?: string;
  /**
   * File engines only. FULL (default): an acknowledged write survives a crash and power loss (the
   * WAL is fdatasync'ed off the main thread before commits are acknowledged: wal-sync.ts).
   * NORMAL: survives a process crash, may lose the last commits on power loss (WAL stays consistent).
   */
  synchronous?: 'FULL' | 'NORMAL';
}

/**
 * The embedded engine: SQLite through better-sqlite3. Reads run synchronously on the calling
 * tick (better-sqlite3 is synchronous) and never see uncommitted state, because a whole group
 * commit runs BEGIN…COMMIT inside one tick. Writes are queued and grouped (see group-commit.ts).
 */
export function openSqliteEngine(opts: SqliteEngineOptions = {}): StorageEngine {
  const memory = opts.path === undefined || opts.path === ':memory:';
  const addon = nativeBinding();
  // The file is held exclusively (configure): another process gets SQLITE_BUSY after waiting 1 s
  // (enough for a previous server on the same directory to finish stopping).
  const dbOptions: Database.Options = { timeout: 1_000 };
  if (addon !== undefined) dbOptions.nativeBinding = addon;
  const db = new Database(memory ? ':memory:' : (opts.path as string), dbOptions);
  // Items of ~1 KB overflow a 4 KB page in a WITHOUT ROWID b-tree (local payload ≤ ~1000 bytes),
  // which made every put and get walk overflow pages; 16 KB pages keep rows up to ~4 KB inline
  // (3–4× faster puts and gets, see docs/performance.md). Only takes effect when the database is
  // created (before the WAL pragma); existing files keep their page size.
  db.pragma('page_size = 16384');
  try {
    configure(db, memory);
  } catch (err) {
    db.close();
    if ((err as { code?: string }).code === 'SQLITE_BUSY') {
      throw new Error(`storage file ${opts.path} is in use by another process (one Eddy process owns a data directory)`);
    }
    throw err;
  }
  const walSync = memory || opts.synchronous === 'NORMAL' ? undefined : new WalSync(`${opts.path as string}-wal`);
  return new SqliteEngine(db, memory ? 'memory' : 'sqlite', walSync);
}

/** Pragmas and schema of a new connection; SQLITE_BUSY when another process holds the file. */
function configure(db: Database.Database, memory: boolean): void {
  if (!memory) {
    // One process owns the file (the engine caches space ids and counts catalog versions), so it
    // holds the lock for good: SQLite then keeps the WAL index in heap memory instead of a shared
    // -shm file and takes no file locks per transaction (measured: ~10 µs less per disk GetItem),
    // and a second process on the same file fails at start instead of corrupting those caches.
    db.pragma('locking_mode = EXCLUSIVE');
    db.pragma('journal_mode = WAL');
    // SQLite itself never fsyncs at COMMIT (that would stop the event loop); with FULL the group
    // commit acknowledges only after WalSync has synced the WAL (wal-sync.ts).
    db.pragma('synchronous = NORMAL');
    // WAL files grow with long readers; keep them bounded after checkpoints.
    db.pragma('journal_size_limit = 67108864');
    // Checkpoint every 256 pages (4 MB of WAL with 16 KB pages) instead of SQLite's 1000 (16 MB):
    // a checkpoint runs on the main thread, and smaller ones are shorter pauses. Measured
    // (bench --quick --items 100000, disk, c32, alternating runs): PutItem p99 4.9–5.1 ms vs
    // 5.8–7.4, UpdateItem 47–52 µs CPU/request vs 62–64, data directory 1.11× raw JSON vs 1.23×.
    db.pragma('wal_autocheckpoint = 256');
  }
  // Page cache. A file database keeps 16 MiB: past that, pages come from the OS page cache (one
  // pread of a 16 KB page), which is not the process's memory. Measured on 100k items of 1 KB
  // (a 111 MB file): 64 MiB → 16 MiB costs ~1.4 µs of CPU per random point read and saves ~48 MB
  // of RSS (docs/performance.md, round four). In memory the pages are the data: they are never
  // evicted, so the limit only matters for temporary spill and stays generous.
  db.pragma(memory ? 'cache_size = -65536' : 'cache_size = -16384');
  db.pragma('temp_store = MEMORY');
  // One transaction for the whole schema: a new file then costs one commit (one fsync), not one
  // per CREATE statement (~16 fsyncs before; part of the on-disk cold start).
  const version = db.transaction((): string | undefined => {
    db.exec(SCHEMA_SQL);
    const found = db.prepare("SELECT v FROM meta WHERE k = 'schema'").pluck().get() as string | undefined;
    if (found === undefined) db.prepare("INSERT INTO meta (k, v) VALUES ('schema', ?)").run(String(SCHEMA_VERSION));
    return found;
  })();
  if (version !== undefined && Number(version) !== SCHEMA_VERSION) {
    throw new Error(`storage file ${db.name} has schema version ${version}, expected ${SCHEMA_VERSION}`);
  }
}

class SqliteEngine implements StorageEngine {
  private readonly st: Statements;
  private readonly ranges: RangeStatements;
  private readonly spaces: SpaceIds;
  private readonly committer: GroupCommitter;
  private closed = false;

  constructor(
    private readonly db: Database.Database,
    readonly kind: string,
    private readonly walSync: WalSync | undefined,
  ) {
    this.st = prepareStatements(db);
    this.ranges = new RangeStatements(db);
    this.spaces = new SpaceIds(this.st);
    this.committer = new GroupCommitter(db, this.st, this.spaces, walSync);
  }

  get(space: SpaceId, key: Uint8Array): Promise<string | undefined> {
    try {
      this.checkOpen();
      const id = this.spaces.lookup(space);
      if (id === undefined) return Promise.resolve(undefined);
      return Promise.resolve(this.st.kvGet.get(id, toBuffer(key)) as string | undefined);
    } catch (err) {
      return Promise.reject(err);
    }
  }

  rangeValuesSync(q: RangeQuery): { values: string[]; lastKey?: Uint8Array } {
    this.checkOpen();
    const id = this.spaces.lookup(q.space);
    if (id === undefined || (q.limit !== undefined && q.limit <= 0)) return { values: [] };
    const startShape = q.start === undefined ? 0 : q.startExclusive ? 2 : 1;
    const endShape = q.end === undefined ? 0 : q.endInclusive ? 2 : 1;
    const reverse = q.reverse === true;
    const params: unknown[] = [id];
    if (q.start !== undefined) params.push(toBuffer(q.start));
    if (q.end !== undefined) params.push(toBuffer(q.end));
    params.push(q.limit ?? -1);
    const values = this.ranges.get(startShape, endShape, reverse, 1).all(...params) as string[];
    if (q.limit === undefined || values.length < q.limit) return { values };
    // A full chunk: the caller may continue after its last row. Same tick, so the same snapshot.
    params[params.length - 1] = values.length - 1;
    const lastKey = this.ranges.get(startShape, endShape, reverse, 2).get(...params) as Buffer;
    return { values, lastKey };
  }

  async getMany(refs: ReadRef[]): Promise<(string | undefined)[]> {
    this.checkOpen();
    const out: (string | undefined)[] = new Array(refs.length);
    for (let i = 0; i < refs.length; i++) {
      const ref = refs[i] as ReadRef;
      const id = this.spaces.lookup(ref.space);
      out[i] = id === undefined ? undefined : (this.st.kvGet.get(id, toBuffer(ref.key)) as string | undefined);
    }
    return out;
  }

  async range(q: RangeQuery): Promise<KeyValue[]> {
    this.checkOpen();
    const id = this.spaces.lookup(q.space);
    if (id === undefined || (q.limit !== undefined && q.limit <= 0)) return [];
    const startShape = q.start === undefined ? 0 : q.startExclusive ? 2 : 1;
    const endShape = q.end === undefined ? 0 : q.endInclusive ? 2 : 1;
    const stmt = this.ranges.get(startShape, endShape, q.reverse === true);
    const params: Record<string, unknown> = { space: id, limit: q.limit ?? -1 };
    if (q.start !== undefined) params.start = toBuffer(q.start);
    if (q.end !== undefined) params.end = toBuffer(q.end);
    return stmt.all(params) as KeyValue[];
  }

  async stats(space: SpaceId): Promise<SpaceStats> {
    this.checkOpen();
    const id = this.spaces.lookup(space);
    if (id === undefined) return { items: 0, bytes: 0 };
    const row = this.st.spaceStats.get(id) as { items: number; bytes: number } | undefined;
    return row === undefined ? { items: 0, bytes: 0 } : { items: row.items, bytes: row.bytes };
  }

  async dropSpace(space: SpaceId): Promise<void> {
    this.checkOpen();
    const id = this.spaces.lookup(space);
    if (id === undefined) return;
    // Runs between group commits (both are synchronous), so no batch sees half a drop.
    this.db.transaction(() => {
      this.st.kvDropSpace.run(id);
      this.st.spaceDelete.run(id);
    })();
    this.spaces.forget(space);
  }

  atomic<T>(plan: AtomicPlan<T>): Promise<CommitInfo<T>> {
    if (this.closed) return Promise.reject(new Error('storage engine is closed'));
    return this.committer.submit(plan);
  }

  async readLog(log: LogId, afterSeq: number, limit: number): Promise<LogRecord[]> {
    this.checkOpen();
    if (limit <= 0) return [];
    return this.st.logRead.all(log, afterSeq, limit) as LogRecord[];
  }

  async logHead(log: LogId): Promise<number> {
    this.checkOpen();
    return this.committer.head(log);
  }

  async trimLog(log: LogId, beforeSeq: number): Promise<void> {
    this.checkOpen();
    this.st.logTrim.run(log, beforeSeq);
  }

  async dropLog(log: LogId): Promise<void> {
    this.checkOpen();
    this.db.transaction(() => {
      this.st.logDrop.run(log);
      this.st.headDrop.run(log);
    })();
    this.committer.forgetHead(log);
  }

  async catalogGet(key: string): Promise<string | undefined> {
    this.checkOpen();
    return this.st.catGet.get(key) as string | undefined;
  }

  async catalogList(prefix: string): Promise<{ key: string; value: string }[]> {
    this.checkOpen();
    const out: { key: string; value: string }[] = [];
    for (const row of this.st.catFrom.iterate(prefix) as Iterable<{ key: string; value: string }>) {
      if (!row.key.startsWith(prefix)) break;
      out.push(row);
    }
    return out;
  }

  catalogVersion(): number {
    return this.committer.catalogVersion;
  }

  onAppend(listener: (log: LogId, seq: number) => void): () => void {
    return this.committer.onAppend(listener);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.committer.drain();
    await this.walSync?.idle();
    this.db.close();
    this.walSync?.close();
  }

  private checkOpen(): void {
    if (this.closed) throw new Error('storage engine is closed');
  }
}
