import { close, closeSync, fdatasync, fsyncSync, openSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * Durable commits without blocking the event loop on fsync.
 *
 * With `synchronous = FULL`, SQLite fsyncs the WAL inside every COMMIT, and better-sqlite3 runs
 * COMMIT on the main thread: the whole server stops for each fsync (~0.25–1 ms here), however many
 * requests are ready to run. The file engine therefore commits with `synchronous = NORMAL` (SQLite
 * writes the WAL frames but does not fsync them; the database stays consistent, and SQLite still
 * fsyncs around checkpoints) and this class makes the commits durable before anyone is told: it
 * fdatasyncs the WAL file on libuv's thread pool and only then calls the commits' callbacks. Commits
 * made while a sync runs wait for the next one, so one fdatasync covers every commit before it.
 *
 * An acknowledged write is thus on disk exactly as with FULL. What differs: another request may
 * read a committed write before its sync ends (and so before its writer is answered).
 *
 * The WAL file keeps its inode while the connection is open (SQLite truncates or rewrites it, and
 * deletes it only when the last connection closes), so one file descriptor serves for the engine's
 * lifetime.
 */
export class WalSync {
  private fd: number | undefined;
  private running = false;
  private waiting: ((err: Error | undefined) => void)[] = [];
  private idleWaiters: (() => void)[] = [];
  private freeWaiters: (() => void)[] = [];

  constructor(private readonly walPath: string) {}

  /** Calls `done` once every commit made before this call is on disk (or the sync failed). */
  afterCommit(done: (err: Error | undefined) => void): void {
    this.waiting.push(done);
    if (!this.running) this.run();
  }

  /** True while a sync is running. */
  get busy(): boolean {
    return this.running;
  }

  /** Calls `fn` once no sync is running (at once when none is). */
  whenFree(fn: () => void): void {
    if (!this.running) fn();
    else this.freeWaiters.push(fn);
  }

  /** Resolves when no sync is running or waiting. */
  idle(): Promise<void> {
    if (!this.running && this.waiting.length === 0) return Promise.resolve();
    return new Promise((res) => this.idleWaiters.push(res));
  }

  /** Closes the file descriptor (after `idle()`). */
  close(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }

  private run(): void {
    const batch = this.waiting;
    this.waiting = [];
    this.running = true;
    let fd: number;
    try {
      fd = this.open();
    } catch (err) {
      this.finish(batch, err as Error);
      return;
    }
    fdatasync(fd, (err) => this.finish(batch, err ?? undefined));
  }

  private finish(batch: ((err: Error | undefined) => void)[], err: Error | undefined): void {
    this.running = false;
    for (const done of batch) done(err);
    if (this.waiting.length > 0) {
      this.run();
      return;
    }
    for (const fn of this.freeWaiters.splice(0)) fn();
    if (!this.running && this.waiting.length === 0) for (const res of this.idleWaiters.splice(0)) res();
  }

  /** The WAL's descriptor; on first use also syncs the directory, so the file's entry is durable. */
  private open(): number {
    if (this.fd !== undefined) return this.fd;
    const fd = openSync(this.walPath, 'r');
    const dir = openSync(dirname(this.walPath), 'r');
    try {
      fsyncSync(dir);
    } finally {
      close(dir, () => undefined);
    }
    this.fd = fd;
    return fd;
  }
}
