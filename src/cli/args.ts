import type { LogLevel } from '../server/context.js';
import { DEFAULT_DATA_DIR, DEFAULT_HOST, DEFAULT_PORT, type FileEngineKind } from '../server/defaults.js';
import { isLogLevel } from '../shared/logger.js';

export interface ServeArgs {
  command: 'serve' | 'help' | 'version';
  port: number;
  host: string;
  dataDir: string;
  /** Absent: the log engine, or SQLite for a directory that already holds eddy.sqlite. */
  fileEngine?: FileEngineKind;
  inMemory: boolean;
  /** postgres://… URL of a PostgreSQL database (several nodes may share it). */
  storage?: string;
  sharedDb: boolean;
  logLevel: LogLevel;
}

export const USAGE = `Usage: eddy [serve] [options]

Options:
  --port N         port to listen on (default ${DEFAULT_PORT}; 0 picks a free port)
  --host H         interface to bind (default ${DEFAULT_HOST})
  --data DIR       data directory (default ./${DEFAULT_DATA_DIR})
  --engine E       how --data is stored: log (default; append-only segment files) or sqlite
                   (one file, eddy.sqlite; the default for a directory that already holds one)
  --in-memory      keep everything in memory
  --storage URL    store everything in PostgreSQL (postgres://user@host:port/db); nodes may share it
  --shared-db      one database for every access key and region
  --log-level L    debug | info | warn | error (default info; debug logs every request)
  -h, --help       show this help
  -v, --version    print the version
`;

export class UsageError extends Error {}

export function parseArgs(argv: readonly string[]): ServeArgs {
  const out: ServeArgs = {
    command: 'serve',
    port: DEFAULT_PORT,
    host: DEFAULT_HOST,
    dataDir: DEFAULT_DATA_DIR,
    inMemory: false,
    sharedDb: false,
    logLevel: 'info',
  };
  const args = [...argv];
  if (args[0] === 'serve') args.shift();
  for (let i = 0; i < args.length; i++) {
    const raw = args[i] as string;
    const eq = raw.indexOf('=');
    const flag = raw.startsWith('--') && eq > 0 ? raw.slice(0, eq) : raw;
    const value = (): string => {
      if (raw.startsWith('--') && eq > 0) return raw.slice(eq + 1);
      const v = args[++i];
      if (v === undefined) throw new UsageError(`${flag} needs a value`);
      return v;
    };
    switch (flag) {
      case '--port': {
        const v = value();
        const n = Number(v);
        if (!/^\d+$/.test(v) || n > 65535) throw new UsageError(`invalid --port: ${v}`);
        out.port = n;
        break;
      }
      case '--host':
        out.host = value();
        break;
      case '--data':
        out.dataDir = value();
        break;
      case '--engine': {
        const v = value();
        if (v !== 'log' && v !== 'sqlite') throw new UsageError(`invalid --engine: ${v} (expected log or sqlite)`);
        out.fileEngine = v;
        break;
      }
      case '--in-memory':
        out.inMemory = true;
        break;
      case '--storage': {
        const v = value();
        if (!/^postgres(ql)?:\/\//.test(v)) throw new UsageError(`invalid --storage: ${v} (expected postgres://…)`);
        out.storage = v;
        break;
      }
      case '--shared-db':
        out.sharedDb = true;
        break;
      case '--log-level': {
        const v = value();
        if (!isLogLevel(v)) throw new UsageError(`invalid --log-level: ${v}`);
        out.logLevel = v;
        break;
      }
      case '-h':
      case '--help':
      case 'help':
        out.command = 'help';
        break;
      case '-v':
      case '--version':
        out.command = 'version';
        break;
      default:
        throw new UsageError(`unknown argument: ${raw}`);
    }
  }
  return out;
}
