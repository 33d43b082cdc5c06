import { existsSync, mkdirSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo, Server as NetServer, Socket } from 'node:net';
import { join, resolve } from 'node:path';
import { ExpressionCache } from '../dynamodb/expressions/index.js';
import { TableManager } from '../dynamodb/tables/catalog.js';
import { TtlSweeper } from '../dynamodb/tables/ttl-sweeper.js';
import { startStreamMaintenance } from '../streams/maintenance.js';
import { PitrCompactor } from '../dynamodb/backups/pitr-compact.js';
import { randomUUID } from 'node:crypto';
import { createPipeline, type TargetApi } from '../http/pipeline.js';
import { FastHttpServer } from '../http/fast-http.js';
import { nodeRequestListener } from '../http/node-adapter.js';
import { compileModel } from '../protocol/shape-validate.js';
import { SystemClock, type Clock } from '../shared/clock.js';
import { RequestIdGenerator } from '../shared/ids.js';
import { createLogger, type LogSink } from '../shared/logger.js';
import { openSqliteEngine } from '../storage/embedded/sqlite-engine.js';
import { openLogEngine } from '../storage/log/log-engine.js';
import { openHeapEngine } from '../storage/memory/heap-engine.js';
import type { StorageEngine } from '../storage/engine.js';
import type { EddyConfig, LogLevel, Logger, OperationHandler, Services } from './context.js';
import { DB_FILE, DEFAULT_DATA_DIR, DEFAULT_HOST, DEFAULT_PORT, type FileEngineKind } from './defaults.js';
import { defaultTargets, DYNAMODB_TARGET, STREAMS_TARGET } from './targets.js';

export { DB_FILE, DEFAULT_DATA_DIR, DEFAULT_HOST, DEFAULT_PORT };

export interface StartOptions {
  /** Default 8000; 0 picks a free port (see `Eddy.port`). */
  port: number;
  /** Default 127.0.0.1. */
  host: string;
  /** Keep all data in memory (default false for the CLI, true is typical for tests). */
  inMemory: boolean;
  /** The embedded engine's data directory; default `./.eddy`. */
  dataDir: string;
  /**
   * The engine for `dataDir`: 'log' (the default: log-structured segment files) or 'sqlite' (one
   * SQLite file, `eddy.sqlite`). A directory that already holds `eddy.sqlite` opens with SQLite
   * unless 'log' is asked for explicitly.
   */
  fileEngine: FileEngineKind;
  /** One namespace for every access key and region (DynamoDB Local's -sharedDb). */
  sharedDb: boolean;
  clock: Clock;
  logLevel: LogLevel;
  /** Where log lines go (default stderr). */
  logSink: LogSink;
  /** Milliseconds a table spends in CREATING/UPDATING/DELETING; default 0. */
  tableStatusDelayMs: number;
  /** Default 5 000. */
  ttlSweepIntervalMs: number;
  /** Milliseconds between point-in-time-recovery compactions (default 10 minutes). */
  pitrCompactionIntervalMs: number;
  /** postgres://… URL: store everything in PostgreSQL (the server opens and closes the engine). */
  storage: string;
  /** An already-opened engine (e.g. PostgreSQL). The caller keeps ownership: stop() does not close it. */
  engine: StorageEngine;
  /**
   * Extra DynamoDB operations for this server only, on top of the registry (tests use it to add
   * e.g. a throwing operation). Operations unknown to the API model skip the generic shape checks.
   */
  operations: Record<string, OperationHandler>;
  /** Extra DynamoDB Streams operations for this server only. */
  streamsOperations: Record<string, OperationHandler>;
}

export interface Eddy {
  /** e.g. http://127.0.0.1:8000 */
  readonly endpoint: string;
  readonly host: string;
  readonly port: number;
  readonly services: Services;
  /** Closes the server, stops background work, closes the engine. Idempotent. */
  stop(): Promise<void>;
}


/** The file engine for a data directory when none is named: SQLite if it holds eddy.sqlite, else log. */
export function defaultFileEngine(dataDir: string): FileEngineKind {
  return existsSync(join(dataDir, DB_FILE)) ? 'sqlite' : 'log';
}

export async function startEddy(options: Partial<StartOptions> = {}): Promise<Eddy> {
  const inMemory = options.inMemory ?? false;
  const config: EddyConfig = {
    host: options.host ?? DEFAULT_HOST,
    port: options.port ?? DEFAULT_PORT,
    dataDir: inMemory || options.storage !== undefined ? undefined : resolve(options.dataDir ?? DEFAULT_DATA_DIR),
    inMemory,
    sharedDb: options.sharedDb ?? false,
    tableStatusDelayMs: options.tableStatusDelayMs ?? 0,
    ttlSweepIntervalMs: options.ttlSweepIntervalMs ?? 5_000,
  };
  const logger = createLogger(options.logLevel ?? 'info', options.logSink);
  const clock = options.clock ?? new SystemClock();

  const ownsEngine = options.engine === undefined;
  let engine: StorageEngine;
  if (options.engine) {
    engine = options.engine;
  } else if (options.storage !== undefined) {
    // Loaded on demand: the embedded default should not pay for the pg driver at start-up.
    const { openPostgresEngine } = await import('../storage/postgres/index.js');
    engine = await openPostgresEngine({ url: options.storage });
  } else if (config.dataDir !== undefined) {
    mkdirSync(config.dataDir, { recursive: true });
    const kind = options.fileEngine ?? defaultFileEngine(config.dataDir);
    engine = kind === 'sqlite' ? openSqliteEngine({ path: join(config.dataDir, DB_FILE) }) : openLogEngine({ dir: config.dataDir });
  } else {
    engine = openHeapEngine();
  }

  const stopFns: (() => Promise<void> | void)[] = [];
  const tables = new TableManager({ engine, clock, config, logger });
  const services: Services = {
    config,
    clock,
    logger,
    engine,
    tables,
    expressions: new ExpressionCache(),
    onStop: (fn) => void stopFns.push(fn),
  };

  let server: FastHttpServer | undefined;
  try {
    await tables.start();
    const ttl = new TtlSweeper({ engine, clock, logger, intervalMs: config.ttlSweepIntervalMs, owner: randomUUID() });
    ttl.start();
    stopFns.push(() => ttl.stop());
    startStreamMaintenance(services);
    const pitr = new PitrCompactor({ engine, clock, logger, intervalMs: options.pitrCompactionIntervalMs ?? 10 * 60_000 });
    pitr.start();
    stopFns.push(() => pitr.stop());
    const targets = buildTargets(options);
    server = createFrontEnd(createPipeline({ services, targets, ids: new RequestIdGenerator() }), logger);
    await listen(server.server, config.port, config.host);
  } catch (err) {
    await shutdown(server, stopFns, tables, ownsEngine ? engine : undefined, logger);
    throw err;
  }
  const address = server.server.address() as AddressInfo;
  const port = address.port;
  config.port = port;
  const urlHost = config.host.includes(':') ? `[${config.host}]` : config.host;

  let stopping: Promise<void> | undefined;
  const srv = server;
  return {
    endpoint: `http://${urlHost === '0.0.0.0' ? '127.0.0.1' : urlHost}:${port}`,
    host: config.host,
    port,
    services,
    stop: () => (stopping ??= shutdown(srv, stopFns, tables, ownsEngine ? engine : undefined, logger)),
  };
}

function buildTargets(options: Partial<StartOptions>): Map<string, TargetApi> {
  const map = new Map<string, TargetApi>();
  const regs = defaultTargets();
  for (const [prefix, reg] of Object.entries(regs)) {
    const extra = prefix === DYNAMODB_TARGET ? options.operations : prefix === STREAMS_TARGET ? options.streamsOperations : undefined;
    const operations = { ...reg.operations, ...extra };
    map.set(prefix, { operations, validate: compileModel(reg.model) });
  }
  return map;
}

const KEEP_ALIVE_MS = 60_000;

/** The fast HTTP/1.1 path on the listening socket, with node:http for the connections it hands over. */
function createFrontEnd(handler: ReturnType<typeof createPipeline>, logger: Logger): FastHttpServer {
  const onError = (err: unknown): void => logger.debug('request stream error', { err });
  const fallbackBusy = new Set<Socket>();
  const node = createServer({ keepAlive: true }, nodeRequestListener(handler, onError, fallbackBusy));
  node.keepAliveTimeout = KEEP_ALIVE_MS;
  return new FastHttpServer({ handler, fallback: node, idleTimeoutMs: KEEP_ALIVE_MS, fallbackBusy });
}

function listen(server: NetServer, port: number, host: string): Promise<void> {
  return new Promise((res, rej) => {
    const onError = (err: Error): void => rej(err);
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      res();
    });
  });
}

async function shutdown(
  server: FastHttpServer | undefined,
  stopFns: (() => Promise<void> | void)[],
  tables: TableManager,
  engine: StorageEngine | undefined,
  logger: Logger,
): Promise<void> {
  // Idle keep-alive connections close at once; in-flight requests get up to 2 s to finish.
  if (server?.server.listening) await server.close(2_000);
  for (const fn of stopFns.splice(0).reverse()) {
    try {
      await fn();
    } catch (err) {
      logger.error('error while stopping', { err });
    }
  }
  try {
    await tables.stop();
  } catch (err) {
    logger.error('error while stopping tables', { err });
  }
  if (engine) await engine.close();
}
