import type Database from 'better-sqlite3';

/**
 * Schema of the embedded engine. Spaces are mapped to small integer ids (`spaces` table) so the
 * key index of `kv` stays short: (space INTEGER, k BLOB). SQLite compares BLOBs with memcmp, so
 * `ORDER BY k` is unsigned-byte order, as the storage contract requires.
 *
 * `kv` is a rowid table with a unique index on (space, k), not a WITHOUT ROWID table: items are
 * about 1 KB, and a WITHOUT ROWID row that large spills into an overflow page of its own (measured:
 * ~4.7 KB of file per 1 KB item, 4.5× the raw JSON); in a rowid table values pack densely and the
 * index holds only keys.
 *
 * `space_stats` holds per-space row count and byte totals, maintained in the same transaction as
 * the rows themselves (so DescribeTable does not aggregate over a whole table).
 */
export const SCHEMA_VERSION = 2;

export const SCHEMA_SQL = `
CREATE TABLE IF NOT EXISTS meta (k TEXT PRIMARY KEY, v TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS spaces (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  items INTEGER NOT NULL DEFAULT 0,
  bytes INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS kv (
  id INTEGER PRIMARY KEY,
  space INTEGER NOT NULL,
  k BLOB NOT NULL,
  v TEXT NOT NULL
);
CREATE UNIQUE INDEX IF NOT EXISTS kv_key ON kv (space, k);
CREATE TABLE IF NOT EXISTS log (
  log TEXT NOT NULL,
  seq INTEGER NOT NULL,
  v TEXT NOT NULL,
  PRIMARY KEY (log, seq)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS log_head (log TEXT PRIMARY KEY, head INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS catalog (k TEXT PRIMARY KEY, v TEXT NOT NULL) WITHOUT ROWID;
`;

type Stmt = Database.Statement;

/** Every statement the engine runs, prepared once per connection. */
export interface Statements {
  begin: Stmt;
  commit: Stmt;
  rollback: Stmt;
  spaceAll: Stmt;
  spaceInsert: Stmt;
  spaceDelete: Stmt;
  spaceStats: Stmt;
  spaceAdjust: Stmt;
  kvGet: Stmt;
  /** Returns the previous value's byte length, for the stats counters. */
  kvOldLen: Stmt;
  kvPut: Stmt;
  kvDelete: Stmt;
  /** Deletes a row and returns its value's byte length (nothing when absent): one seek. */
  kvDeleteLen: Stmt;
  kvDropSpace: Stmt;
  logAppend: Stmt;
  logRead: Stmt;
  logTrim: Stmt;
  logDrop: Stmt;
  headGet: Stmt;
  headSet: Stmt;
  headDrop: Stmt;
  catGet: Stmt;
  catPut: Stmt;
  catDelete: Stmt;
  catFrom: Stmt;
}

export function prepareStatements(db: Database.Database): Statements {
  const p = (sql: string): Stmt => db.prepare(sql);
  return {
    begin: p('BEGIN IMMEDIATE'),
    commit: p('COMMIT'),
    rollback: p('ROLLBACK'),
    spaceAll: p('SELECT id, name FROM spaces'),
    spaceInsert: p('INSERT INTO spaces (name) VALUES (?) RETURNING id').pluck(),
    spaceDelete: p('DELETE FROM spaces WHERE id = ?'),
    spaceStats: p('SELECT items, bytes FROM spaces WHERE id = ?'),
    spaceAdjust: p('UPDATE spaces SET items = items + ?, bytes = bytes + ? WHERE id = ?'),
    kvGet: p('SELECT v FROM kv WHERE space = ? AND k = ?').pluck(),
    kvOldLen: p('SELECT octet_length(v) FROM kv WHERE space = ? AND k = ?').pluck(),
    // An upsert keeps the row (and its rowid) where it is: REPLACE deletes it and inserts a new row
    // at the end of the table, dirtying more pages (and WAL frames) per overwrite.
    kvPut: p('INSERT INTO kv (space, k, v) VALUES (?, ?, ?) ON CONFLICT (space, k) DO UPDATE SET v = excluded.v'),
    kvDelete: p('DELETE FROM kv WHERE space = ? AND k = ?'),
    kvDeleteLen: p('DELETE FROM kv WHERE space = ? AND k = ? RETURNING octet_length(v)').pluck(),
    kvDropSpace: p('DELETE FROM kv WHERE space = ?'),
    logAppend: p('INSERT INTO log (log, seq, v) VALUES (?, ?, ?)'),
    logRead: p('SELECT seq, v AS value FROM log WHERE log = ? AND seq > ? ORDER BY seq LIMIT ?'),
    logTrim: p('DELETE FROM log WHERE log = ? AND seq < ?'),
    logDrop: p('DELETE FROM log WHERE log = ?'),
    headGet: p('SELECT head FROM log_head WHERE log = ?').pluck(),
    headSet: p('INSERT OR REPLACE INTO log_head (log, head) VALUES (?, ?)'),
    headDrop: p('DELETE FROM log_head WHERE log = ?'),
    catGet: p('SELECT v FROM catalog WHERE k = ?').pluck(),
    catPut: p('INSERT OR REPLACE INTO catalog (k, v) VALUES (?, ?)'),
    catDelete: p('DELETE FROM catalog WHERE k = ?'),
    catFrom: p('SELECT k AS key, v AS value FROM catalog WHERE k >= ? ORDER BY k'),
  };
}

/**
 * Range statements, one per shape of bound (none / inclusive / exclusive at each end) and
 * direction, prepared lazily and cached: 18 shapes at most.
 */
export class RangeStatements {
  private readonly cache = new Map<number, Stmt>();
  constructor(private readonly db: Database.Database) {}

  /**
   * start: 0 none, 1 >=, 2 >; end: 0 none, 1 <, 2 <=. select: 0 rows {key, value} (named
   * parameters), 1 values only (plucked, positional: space, [start], [end], limit), 2 the key at an
   * offset (plucked, positional: space, [start], [end], offset).
   */
  get(start: 0 | 1 | 2, end: 0 | 1 | 2, reverse: boolean, select: 0 | 1 | 2 = 0): Stmt {
    const code = select * 18 + start * 6 + end * 2 + (reverse ? 1 : 0);
    let stmt = this.cache.get(code);
    if (stmt === undefined) {
      if (select !== 0) {
        let sql = `SELECT ${select === 1 ? 'v' : 'k'} FROM kv WHERE space = ?`;
        if (start !== 0) sql += start === 1 ? ' AND k >= ?' : ' AND k > ?';
        if (end !== 0) sql += end === 1 ? ' AND k < ?' : ' AND k <= ?';
        sql += reverse ? ' ORDER BY k DESC' : ' ORDER BY k ASC';
        sql += select === 1 ? ' LIMIT ?' : ' LIMIT 1 OFFSET ?';
        stmt = this.db.prepare(sql).pluck();
        this.cache.set(code, stmt);
        return stmt;
      }
      let sql = 'SELECT k AS key, v AS value FROM kv WHERE space = @space';
      if (start === 1) sql += ' AND k >= @start';
      else if (start === 2) sql += ' AND k > @start';
      if (end === 1) sql += ' AND k < @end';
      else if (end === 2) sql += ' AND k <= @end';
      sql += reverse ? ' ORDER BY k DESC' : ' ORDER BY k ASC';
      sql += ' LIMIT @limit';
      stmt = this.db.prepare(sql);
      this.cache.set(code, stmt);
    }
    return stmt;
  }
}
