/**
 * The storage contract. Every engine (the log-structured file engine, SQLite, the heap engine of
 * --in-memory, PostgreSQL) implements exactly this; everything above storage is engine-agnostic.
 * One contract suite (test/storage-contract/) runs against every engine.
 *
 * Model:
 * - A *space* is an ordered map from binary key to text value. A table's items live in one space,
 *   each secondary index in another. Keys are compared as unsigned bytes (memcmp order); the key
 *   encoding (dynamodb/keys/) makes that equal DynamoDB's order.
 * - A *log* is an append-only sequence of text records with engine-assigned, strictly increasing
 *   sequence numbers (per log, in commit order). Stream records and point-in-time-recovery history
 *   go here.
 * - The *catalog* is a small map from text key to text value (table metadata, settings, leases).
 * - All writes go through `atomic`: the engine reads the declared keys, calls the pure `apply` with
 *   what it found, and commits apply's writes in ONE transaction, or nothing. `apply` must be pure
 *   (no I/O, no side effects) because an engine may run it more than once (serialization retry).
 *   If apply throws, nothing is written and the error propagates to the caller unchanged.
 * - A write is acknowledged (the promise resolves) only after its transaction is durable according
 *   to the engine's durability setting. Engines may group several callers' atomics into one commit.
 */
export type SpaceId = string;
export type LogId = string;

export interface KeyValue {
  key: Uint8Array;
  value: string;
}

export interface RangeQuery {
  space: SpaceId;
  /** Lower bound (inclusive unless `startExclusive`). Omitted: from the start of the space. */
  start?: Uint8Array;
  startExclusive?: boolean;
  /** Upper bound (exclusive unless `endInclusive`). Omitted: to the end of the space. */
  end?: Uint8Array;
  endInclusive?: boolean;
  /** Descending key order. */
  reverse?: boolean;
  /** At most this many rows. */
  limit?: number;
}

export interface ReadRef {
  space: SpaceId;
  key: Uint8Array;
}

export type Write =
  /**
   * `bytes`, when the writer knows it, is value's UTF-8 length (Buffer.byteLength), which an engine
   * then need not measure (a pass over the whole text, which for a concatenation also flattens it).
   */
  | { kind: 'put'; space: SpaceId; key: Uint8Array; value: string; bytes?: number }
  | { kind: 'delete'; space: SpaceId; key: Uint8Array }
  | { kind: 'append'; log: LogId; value: string }
  | { kind: 'catalog-put'; key: string; value: string }
  | { kind: 'catalog-delete'; key: string };

export interface ApplyResult<T> {
  writes: Write[];
  result: T;
}

export interface AtomicPlan<T> {
  /** Keys whose current values `apply` needs (the engine locks them where it can). */
  reads: ReadRef[];
  /** Catalog keys whose current values `apply` needs. */
  catalogReads?: string[];
  /** Pure: current values in the order of `reads` (undefined = absent) → writes and a result. */
  apply(current: (string | undefined)[], catalog: (string | undefined)[]): ApplyResult<T>;
}

export interface CommitInfo<T> {
  result: T;
  /** Sequence numbers assigned to this commit's `append` writes, in the order they were given. */
  appended: { log: LogId; seq: number }[];
}

export interface LogRecord {
  seq: number;
  value: string;
}

export interface SpaceStats {
  items: number;
  /** Sum of the byte lengths of keys and values (an approximation used for sizes). */
  bytes: number;
}

/** A stored value as an engine that keeps values in memory hands it out (`rangeEntriesSync`). */
export interface ValueEntry {
  readonly value: string;
  /** UTF-8 byte length of `value`. */
  readonly utf8Bytes: number;
  /**
   * One number derived from `value` alone that a caller keeps with it (the DynamoDB layer stores
   * the item's size); -1 until a caller sets it. A changed value is a new entry, so a memo never
   * outlives the value it was derived from.
   */
  memo: number;
  /**
   * Writes the value's UTF-8 bytes (`utf8Bytes` of them) into `target` at `offset`, without making
   * a string (engines that keep values as bytes). Valid only in the tick the entry was handed out:
   * a later write may reuse the value's memory.
   */
  copyTo?(target: Buffer, offset: number): void;
}

export interface StorageEngine {
  /** 'log', 'sqlite', 'memory' or 'postgres'. */
  readonly kind: string;

  get(space: SpaceId, key: Uint8Array): Promise<string | undefined>;
  getMany(refs: ReadRef[]): Promise<(string | undefined)[]>;
  range(q: RangeQuery): Promise<KeyValue[]>;
  stats(space: SpaceId): Promise<SpaceStats>;
  /** Removes every row of a space (table or index deletion). */
  dropSpace(space: SpaceId): Promise<void>;

  atomic<T>(plan: AtomicPlan<T>): Promise<CommitInfo<T>>;

  /** Records of a log with seq > afterSeq, ascending, at most `limit`. */
  readLog(log: LogId, afterSeq: number, limit: number): Promise<LogRecord[]>;
  /** The highest sequence number ever assigned in a log (0 when none). */
  logHead(log: LogId): Promise<number>;
  /** Deletes records with seq < beforeSeq. */
  trimLog(log: LogId, beforeSeq: number): Promise<void>;
  dropLog(log: LogId): Promise<void>;

  catalogGet(key: string): Promise<string | undefined>;
  /** Entries whose key starts with `prefix`, ordered by key. */
  catalogList(prefix: string): Promise<{ key: string; value: string }[]>;
  /**
   * Optional, synchronous: a number that changes whenever a catalog write commits (or may have).
   * Only engines that see every write to their catalog implement it (the embedded engine: one
   * process owns the file); callers may then cache catalog reads taken at an unchanged version.
   * Engines shared by several nodes (PostgreSQL) leave it out, so every read goes to the database.
   */
  catalogVersion?(): number;
  /**
   * Optional, synchronous: the values of `range(q)`, in the same order, without their keys (building
   * a key per row is most of a short range read's cost). `lastKey` is the key of the last value and
   * is set only when `q.limit` values were returned (when a caller may need to continue after it).
   */
  rangeValuesSync?(q: RangeQuery): { values: string[]; lastKey?: Uint8Array };
  /**
   * Optional, synchronous, for engines that keep values in memory: the rows of `rangeValuesSync(q)`
   * as the engine's own entries, each with its value's UTF-8 length and a number a caller may keep
   * with it (`memo`). Callers must not change anything else in them.
   */
  rangeEntriesSync?(q: RangeQuery): { entries: ValueEntry[]; lastKey?: Uint8Array };

  /** Called after each commit that appended to a log (to wake stream consumers without polling). */
  onAppend(listener: (log: LogId, seq: number) => void): () => void;

  close(): Promise<void>;
}
