import type pg from 'pg';
import type { AtomicPlan, CommitInfo, LogId, ReadRef, SpaceId, Write } from '../engine.js';
import type { LogLocks } from './log-locks.js';
import { isConnectionError, isRetryableConflict, toDynamoError } from './pg-errors.js';
import type { PgSql } from './pg-sql.js';

/** Attempts of one atomic before a conflict is reported as an InternalServerError. */
const MAX_CONFLICT_ATTEMPTS = 100;
/** Fresh-connection retries when a pooled connection turns out to be dead before COMMIT was sent. */
const MAX_STALE_CONNECTION_RETRIES = 2;
const BACKOFF_BASE_MS = 1;
const BACKOFF_CAP_MS = 64;

export const toBuf = (key: Uint8Array): Buffer =>
  Buffer.isBuffer(key) ? key : Buffer.from(key.buffer, key.byteOffset, key.byteLength);

/** What one atomic ended with: the caller's result and the seqs it was given. */
export interface Committed<T> {
  info: CommitInfo<T>;
  /** Highest seq appended per log, for onAppend listeners. */
  heads: Map<LogId, number>;
}

/** Error thrown by apply: propagated unchanged, never retried. */
class ApplyFailure {
  constructor(readonly error: unknown) {}
}

/** This attempt appended to logs whose local lock it could not take: rolled back, wait and rerun. */
class NeedLogLocks {
  constructor(readonly logs: LogId[]) {}
}

/**
 * Runs one atomic plan as a SERIALIZABLE transaction: read the declared keys and catalog keys,
 * run the pure apply, write, commit. Serialization failures and deadlocks roll back and retry the
 * whole thing (apply included) with jittered exponential backoff. Serializable isolation makes
 * the reads of absent keys safe too (a concurrent insert of a key this plan saw absent is a
 * conflict), which row locks alone cannot do without placeholder rows. Plans that append to a log
 * hold that log's in-process lock until COMMIT (see log-locks.ts).
 */
export async function runAtomic<T>(pool: pg.Pool, sql: PgSql, locks: LogLocks, plan: AtomicPlan<T>): Promise<Committed<T>> {
  let staleRetries = 0;
  let conflicts = 0;
  const held: LogId[] = [];
  try {
    for (;;) {
      try {
        return await attempt(pool, sql, locks, held, plan);
      } catch (err) {
        if (err instanceof ApplyFailure) throw err.error;
        if (err instanceof NeedLogLocks) {
          locks.release(held);
          const want = [...new Set([...held, ...err.logs])];
          held.length = 0;
          await locks.acquire(want);
          held.push(...want);
          continue;
        }
        if (isRetryableConflict(err) && ++conflicts < MAX_CONFLICT_ATTEMPTS) {
          await backoff(conflicts);
          continue;
        }
        // A pooled connection that died while idle fails the first statement; nothing was committed.
        if (err instanceof StaleConnection && staleRetries++ < MAX_STALE_CONNECTION_RETRIES) continue;
        throw toDynamoError(err instanceof StaleConnection ? err.cause : err);
      }
    }
  } finally {
    locks.release(held);
  }
}

/** A connection error before COMMIT was sent: the transaction surely did not commit. */
class StaleConnection {
  constructor(readonly cause: unknown) {}
}

async function attempt<T>(pool: pg.Pool, sql: PgSql, locks: LogLocks, held: LogId[], plan: AtomicPlan<T>): Promise<Committed<T>> {
  let client: pg.PoolClient;
  try {
    client = await pool.connect();
  } catch (err) {
    throw toDynamoError(err);
  }
  let commitSent = false;
  try {
    await client.query(sql.beginSerializable);
    const current = await readKeys(client, sql, plan.reads);
    const catalog = await readCatalog(client, sql, plan.catalogReads ?? []);
    let applied: ReturnType<AtomicPlan<T>['apply']>;
    try {
      applied = plan.apply(current, catalog);
    } catch (err) {
      throw new ApplyFailure(err);
    }
    const missing = appendedLogs(applied.writes).filter((l) => !held.includes(l));
    if (missing.length > 0) {
      if (!locks.tryAcquire(missing)) throw new NeedLogLocks(missing);
      held.push(...missing);
    }
    const appended = await writeAll(client, sql, applied.writes);
    commitSent = true;
    await client.query('COMMIT');
    client.release();
    const heads = new Map<LogId, number>();
    for (const a of appended) heads.set(a.log, Math.max(heads.get(a.log) ?? 0, a.seq));
    return { info: { result: applied.result, appended }, heads };
  } catch (err) {
    const broken = isConnectionError(err);
    if (broken) {
      client.release(true);
      throw commitSent ? err : new StaleConnection(err);
    }
    if (commitSent) {
      // COMMIT failed (e.g. a serialization failure detected at commit): the transaction is over
      // and the connection is fine; destroying it would cost a reconnect per conflict.
      client.release();
      throw err;
    }
    try {
      await client.query('ROLLBACK');
      client.release();
    } catch (rollbackErr) {
      client.release(true);
      if (!(err instanceof ApplyFailure)) throw rollbackErr;
    }
    throw err;
  }
}

function appendedLogs(writes: Write[]): LogId[] {
  const logs: LogId[] = [];
  for (const w of writes) if (w.kind === 'append' && !logs.includes(w.log)) logs.push(w.log);
  return logs;
}

function backoff(attempt: number): Promise<void> {
  const cap = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** Math.min(attempt, 10));
  return new Promise((resolve) => setTimeout(resolve, Math.random() * cap));
}

/** Reads the declared keys: one statement per space. */
export async function readKeys(client: pg.ClientBase | pg.Pool, sql: PgSql, refs: ReadRef[]): Promise<(string | undefined)[]> {
  const out: (string | undefined)[] = new Array(refs.length).fill(undefined);
  if (refs.length === 0) return out;
  if (refs.length === 1) {
    const ref = refs[0] as ReadRef;
    const res = await client.query<{ v: string }>({ name: sql.kvGetName, text: sql.kvGet, values: [ref.space, toBuf(ref.key)] });
    out[0] = res.rows[0]?.v;
    return out;
  }
  const bySpace = new Map<SpaceId, number[]>();
  refs.forEach((ref, i) => {
    const list = bySpace.get(ref.space);
    if (list === undefined) bySpace.set(ref.space, [i]);
    else list.push(i);
  });
  for (const [space, idx] of bySpace) {
    const keys = idx.map((i) => toBuf((refs[i] as ReadRef).key));
    const res = await client.query<{ k: Buffer; v: string }>({ name: sql.kvGetManyName, text: sql.kvGetMany, values: [space, keys] });
    const found = new Map<string, string>();
    for (const row of res.rows) found.set(row.k.toString('hex'), row.v);
    idx.forEach((i, j) => {
      out[i] = found.get((keys[j] as Buffer).toString('hex'));
    });
  }
  return out;
}

async function readCatalog(client: pg.ClientBase, sql: PgSql, keys: string[]): Promise<(string | undefined)[]> {
  if (keys.length === 0) return [];
  const res = await client.query<{ k: string; v: string }>({ name: sql.catGetManyName, text: sql.catGetMany, values: [keys] });
  const found = new Map<string, string>();
  for (const row of res.rows) found.set(row.k, row.v);
  return keys.map((k) => found.get(k));
}

type KvFinal = { key: Buffer; value: string | undefined };

/**
 * Applies the writes: the final state of each key (later writes to the same key win), batched
 * into one upsert and one delete per space; catalog likewise; log appends last, so the log head
 * row (which serializes appenders of that log) is held for the shortest time.
 */
async function writeAll(client: pg.ClientBase, sql: PgSql, writes: Write[]): Promise<{ log: LogId; seq: number }[]> {
  const kv = new Map<SpaceId, Map<string, KvFinal>>();
  const cat = new Map<string, string | undefined>();
  const logs = new Map<LogId, string[]>();
  const order: { log: LogId; index: number }[] = [];
  for (const w of writes) {
    if (w.kind === 'put' || w.kind === 'delete') {
      let space = kv.get(w.space);
      if (space === undefined) kv.set(w.space, (space = new Map()));
      const key = toBuf(w.key);
      space.set(key.toString('hex'), { key, value: w.kind === 'put' ? w.value : undefined });
    } else if (w.kind === 'catalog-put') cat.set(w.key, w.value);
    else if (w.kind === 'catalog-delete') cat.set(w.key, undefined);
    else {
      let list = logs.get(w.log);
      if (list === undefined) logs.set(w.log, (list = []));
      order.push({ log: w.log, index: list.length });
      list.push(w.value);
    }
  }
  for (const [space, rows] of kv) await writeSpace(client, sql, space, [...rows.values()]);
  await writeCatalog(client, sql, cat);
  const firstSeq = new Map<LogId, number>();
  for (const [log, values] of logs) {
    const res = await client.query<{ head: string }>({ name: sql.headBumpName, text: sql.headBump, values: [log, values.length] });
    const head = Number(res.rows[0]?.head);
    const first = head - values.length + 1;
    firstSeq.set(log, first);
    const seqs = values.map((_, i) => first + i);
    await client.query({ name: sql.logInsertName, text: sql.logInsert, values: [log, seqs, values] });
  }
  return order.map(({ log, index }) => ({ log, seq: (firstSeq.get(log) ?? 0) + index }));
}

async function writeSpace(client: pg.ClientBase, sql: PgSql, space: SpaceId, rows: KvFinal[]): Promise<void> {
  const puts = rows.filter((r) => r.value !== undefined);
  const dels = rows.filter((r) => r.value === undefined).map((r) => r.key);
  if (puts.length === 1) {
    const p = puts[0] as KvFinal;
    await client.query({ name: sql.kvPutName, text: sql.kvPut, values: [space, p.key, p.value] });
  } else if (puts.length > 1) {
    await client.query({ name: sql.kvPutManyName, text: sql.kvPutMany, values: [space, puts.map((p) => p.key), puts.map((p) => p.value)] });
  }
  if (dels.length === 1) {
    await client.query({ name: sql.kvDeleteName, text: sql.kvDelete, values: [space, dels[0]] });
  } else if (dels.length > 1) {
    await client.query({ name: sql.kvDeleteManyName, text: sql.kvDeleteMany, values: [space, dels] });
  }
}

async function writeCatalog(client: pg.ClientBase, sql: PgSql, cat: Map<string, string | undefined>): Promise<void> {
  if (cat.size === 0) return;
  const putKeys: string[] = [];
  const putValues: string[] = [];
  const dels: string[] = [];
  for (const [k, v] of cat) {
    if (v === undefined) dels.push(k);
    else {
      putKeys.push(k);
      putValues.push(v);
    }
  }
  if (putKeys.length > 0) await client.query({ name: sql.catPutManyName, text: sql.catPutMany, values: [putKeys, putValues] });
  if (dels.length > 0) await client.query({ name: sql.catDeleteManyName, text: sql.catDeleteMany, values: [dels] });
}
