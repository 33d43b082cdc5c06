import type pg from 'pg';
import { isRetryableConflict } from './pg-errors.js';

/**
 * Schema of the PostgreSQL engine, in one PostgreSQL schema (default `eddy`) so it can share a
 * database with other applications.
 *
 * - `kv(space, k, v)`: every space's rows. `k` is bytea, which PostgreSQL (and CockroachDB,
 *   YugabyteDB) compare bytewise, so `ORDER BY k` is the memcmp order of the storage contract.
 * - `log_heads(log, head)` + `logs(log, seq, v)`: sequence numbers are allocated by updating the
 *   log's head row in the committing transaction. That row serializes appenders of one log, so
 *   sequence order is commit order (what stream readers need).
 * - `catalog(k, v)`: `k` is `COLLATE "C"` so ordering and prefix ranges are by code point, whatever
 *   the database's default collation.
 * - `meta(k, v)`: the `schema_version` row.
 *
 * Every statement is idempotent (IF NOT EXISTS), because several nodes may open the same database
 * at the same moment and no advisory lock is used to serialize them (not portable); conflicts
 * between concurrent DDL are retried (see `migrate`).
 */
export const SCHEMA_VERSION = 1;

/** Migration steps: `MIGRATIONS[v - 1]` brings the schema from version v - 1 to v. */
function migrations(s: string): string[][] {
  return [
    [
      `CREATE TABLE IF NOT EXISTS ${s}.kv (
        space text COLLATE "C" NOT NULL,
        k bytea NOT NULL,
        v text NOT NULL,
        PRIMARY KEY (space, k))`,
      `CREATE TABLE IF NOT EXISTS ${s}.log_heads (
        log text COLLATE "C" NOT NULL PRIMARY KEY,
        head bigint NOT NULL)`,
      `CREATE TABLE IF NOT EXISTS ${s}.logs (
        log text COLLATE "C" NOT NULL,
        seq bigint NOT NULL,
        v text NOT NULL,
        PRIMARY KEY (log, seq))`,
      `CREATE TABLE IF NOT EXISTS ${s}.catalog (
        k text COLLATE "C" NOT NULL PRIMARY KEY,
        v text NOT NULL)`,
    ],
  ];
}

const IDENT = /^[a-z_][a-z0-9_]{0,62}$/;

/** The schema name, validated and quoted for use in SQL. */
export function quoteSchema(name: string): string {
  if (!IDENT.test(name)) {
    throw new Error(`invalid PostgreSQL schema name ${JSON.stringify(name)} (use [a-z_][a-z0-9_]*)`);
  }
  return `"${name}"`;
}

/** Codes of errors that concurrent IF NOT EXISTS DDL can raise: unique_violation, duplicate_*. */
const DDL_RACE = new Set(['23505', '42P07', '42P06', '42710']);

async function ddl(pool: pg.Pool, sql: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await pool.query(sql);
      return;
    } catch (err) {
      const code = (err as { code?: unknown }).code;
      const race = typeof code === 'string' && DDL_RACE.has(code);
      if ((!race && !isRetryableConflict(err)) || attempt >= 10) throw err;
      await new Promise((r) => setTimeout(r, 5 * attempt * Math.random()));
    }
  }
}

/**
 * Creates or upgrades the schema. Safe to run from several nodes at once: each step is idempotent
 * and the version row only moves forward. Refuses a database whose schema is newer than this code.
 */
export async function migrate(pool: pg.Pool, s: string): Promise<void> {
  await ddl(pool, `CREATE SCHEMA IF NOT EXISTS ${s}`);
  await ddl(pool, `CREATE TABLE IF NOT EXISTS ${s}.meta (k text COLLATE "C" NOT NULL PRIMARY KEY, v text NOT NULL)`);
  const current = await readVersion(pool, s);
  if (current > SCHEMA_VERSION) {
    throw new Error(`PostgreSQL schema ${s} has version ${current}; this Eddy supports up to ${SCHEMA_VERSION}`);
  }
  const steps = migrations(s);
  for (let v = current + 1; v <= SCHEMA_VERSION; v++) {
    for (const sql of steps[v - 1] ?? []) await ddl(pool, sql);
    // Forward-only: a slower node that finished an older step never moves the version back.
    await ddl(
      pool,
      `INSERT INTO ${s}.meta (k, v) VALUES ('schema_version', '${v}')
       ON CONFLICT (k) DO UPDATE SET v = EXCLUDED.v
       WHERE CAST(${s}.meta.v AS integer) < CAST(EXCLUDED.v AS integer)`,
    );
  }
}

async function readVersion(pool: pg.Pool, s: string): Promise<number> {
  const res = await pool.query<{ v: string }>(`SELECT v FROM ${s}.meta WHERE k = 'schema_version'`);
  const row = res.rows[0];
  return row === undefined ? 0 : Number(row.v);
}
