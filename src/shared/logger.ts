import type { LogLevel, Logger } from '../server/context.js';

const RANK: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export const LOG_LEVELS: readonly LogLevel[] = ['debug', 'info', 'warn', 'error'];

export function isLogLevel(s: string): s is LogLevel {
  return s in RANK;
}

/** Where log lines go; one JSON object per line. */
export type LogSink = (line: string) => void;

const stderrSink: LogSink = (line) => {
  process.stderr.write(line + '\n');
};

/**
 * Structured JSON logger, one line per call. Levels below `level` are dropped before any
 * allocation, so debug logging costs one comparison on the hot path when it is off.
 */
export function createLogger(level: LogLevel = 'info', sink: LogSink = stderrSink): Logger {
  const logger: Logger = {
    level,
    debug: (msg, fields) => write('debug', msg, fields),
    info: (msg, fields) => write('info', msg, fields),
    warn: (msg, fields) => write('warn', msg, fields),
    error: (msg, fields) => write('error', msg, fields),
  };
  function write(lvl: LogLevel, msg: string, fields?: Record<string, unknown>): void {
    if (RANK[lvl] < RANK[logger.level]) return;
    const entry: Record<string, unknown> = { time: new Date().toISOString(), level: lvl, msg };
    if (fields) {
      for (const k in fields) {
        const v = fields[k];
        entry[k] = v instanceof Error ? { name: v.name, message: v.message, stack: v.stack } : v;
      }
    }
    let line: string;
    try {
      line = JSON.stringify(entry);
    } catch {
      line = JSON.stringify({ time: entry.time, level: lvl, msg, note: 'unserializable fields' });
    }
    sink(line);
  }
  return logger;
}

/** True when `level` would be written by `logger`. */
export function logs(logger: Logger, level: LogLevel): boolean {
  return RANK[level] >= RANK[logger.level];
}
