import type { LogId } from '../engine.js';

/**
 * In-process locks per log. Appenders to one log all update that log's head row, so under
 * SERIALIZABLE two of them in flight at once means one fails with a serialization error and
 * retries; with many callers that becomes a retry storm. Holding this lock from BEGIN to COMMIT
 * turns the contention inside one node into a queue; only appenders on other nodes still
 * conflict (and are retried).
 */
export class LogLocks {
  private readonly locks = new Map<LogId, (() => void)[]>();

  /** Takes every lock at once if all are free; else takes none. */
  tryAcquire(logs: LogId[]): boolean {
    if (logs.some((l) => this.locks.has(l))) return false;
    for (const l of logs) this.locks.set(l, []);
    return true;
  }

  /** Takes the locks in sorted order (so two callers never wait on each other in a cycle). */
  async acquire(logs: LogId[]): Promise<void> {
    for (const l of [...logs].sort()) {
      const waiters = this.locks.get(l);
      if (waiters === undefined) this.locks.set(l, []);
      else await new Promise<void>((resolve) => waiters.push(resolve));
    }
  }

  release(logs: LogId[]): void {
    for (const l of logs) {
      const waiters = this.locks.get(l);
      if (waiters === undefined) continue;
      const next = waiters.shift();
      // Ownership passes straight to the next waiter; the entry stays while anyone holds it.
      if (next !== undefined) next();
      else this.locks.delete(l);
    }
  }
}
