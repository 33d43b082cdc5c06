import type { Clock } from '../shared/clock.js';
import type { StorageEngine } from '../storage/engine.js';
import type { TableDef } from '../dynamodb/tables/table-types.js';
import type { ExpressionCache } from '../dynamodb/expressions/index.js';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface Logger {
  level: LogLevel;
  debug(msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
}

export interface EddyConfig {
  host: string;
  port: number;
  /** Data directory for the embedded engine; undefined with inMemory. */
  dataDir?: string;
  inMemory: boolean;
  /** One namespace for every access key and region (DynamoDB Local's -sharedDb). */
  sharedDb: boolean;
  /** Milliseconds a table spends in CREATING / DELETING / UPDATING. */
  tableStatusDelayMs: number;
  /** Milliseconds between TTL sweeps. */
  ttlSweepIntervalMs: number;
  /**
   * Minimum milliseconds between two UpdateTimeToLive changes of one table. DynamoDB enforces about
   * an hour ("Time to live has been modified multiple times within a fixed interval"); default 0 (off).
   */
  ttlModifyCooldownMs?: number;
  /** Milliseconds a stream shard stays open before it rolls over (default 4 hours, like DynamoDB). */
  streamShardRolloverMs?: number;
}

/** Table metadata access, owned by dynamodb/tables/. */
export interface TableCatalog {
  /** Resolves a TableName or table ARN in the caller's namespace; ResourceNotFoundException if absent. */
  get(ctx: RequestContext, nameOrArn: string): Promise<TableDef>;
  /** Like get, but undefined when absent. */
  find(ctx: RequestContext, nameOrArn: string): Promise<TableDef | undefined>;
  /** Every table of the caller's namespace, sorted by name (ListStreams without TableName). */
  list?(ctx: RequestContext): Promise<TableDef[]>;
}

/**
 * Everything one server instance owns. There is no module-level mutable state: two servers in one
 * process have two of these.
 */
export interface Services {
  config: EddyConfig;
  clock: Clock;
  logger: Logger;
  engine: StorageEngine;
  tables: TableCatalog;
  /** Parsed expressions cached by their text (one LRU per server). */
  expressions: ExpressionCache;
  /** Background work to stop on shutdown (timers, sweepers, pollers). */
  onStop(fn: () => Promise<void> | void): void;
}

/** Passed to every operation: who is asking, where, and the server's services. */
export interface RequestContext {
  services: Services;
  requestId: string;
  /** 12-digit account id derived from the access key (or the shared one). */
  account: string;
  region: string;
  accessKeyId: string;
  /** Table namespace: `${accessKeyId}:${region}`, or 'shared' with --shared-db (as DynamoDB Local). */
  namespace: string;
  operation: string;
  /**
   * The request body holds no backslash. JSON escapes are the only way a JSON string can carry
   * `"`, `\` or a control character, so then no string of the input holds one and its JSON text
   * is the string between quotes (prepareItem skips the per-string scans). Absent: unknown.
   */
  escapeFree?: boolean;
  /**
   * The request body's length in bytes (after any Content-Encoding is undone). An item's size
   * never exceeds the length of its JSON text, so writes measure items against the 400 KB limit
   * before building them only when this is over it (values/measure.ts). Absent: unknown.
   */
  requestBytes?: number;
}

/**
 * Returned by an operation whose successful response has no body at all (TagResource and
 * UntagResource: DynamoDB answers 200 with Content-Length 0, not `{}`).
 */
export const EMPTY_RESPONSE: unique symbol = Symbol('empty response');

/** An API operation: its input has passed the generic shape checks of the API model. */
export type OperationHandler = (ctx: RequestContext, input: Record<string, unknown>) => Promise<unknown>;
