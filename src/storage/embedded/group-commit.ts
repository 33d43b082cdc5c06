import type Database from 'better-sqlite3';
import { AppendListeners } from '../append-listeners.js';
import type { AtomicPlan, CommitInfo, LogId, Write } from '../engine.js';
import { checkWrites } from '../write-checks.js';
import type { Statements } from './sqlite-schema.js';
import type { SpaceIds } from './space-ids.js';
import type { WalSync } from './wal-sync.js';

interface Pending {
  plan: AtomicPlan<unknown>;
  resolve(info: CommitInfo<unknown>): void;
  reject(err: unknown): void;
}

type Outcome = { ok: true; info: CommitInfo<unknown> } | { ok: false; error: unknown };

/** Plans per transaction; the rest waits for the next tick so reads are not starved by bursts. */
const MAX_BATCH = 2000;

/**
 * Group commit: every `atomic` that arrives before the next `setImmediate` is applied in ONE
 * transaction. On a file, its plans are settled only once `walSync` has made the commit durable
 * (one fdatasync, off the main thread, covers every batch committed before it). Plans run in
 * arrival order inside it, each reading the database as the previous plans left it, so
 * read-modify-write on one key serializes and never loses an update.
 * A plan whose apply throws (or whose writes are malformed) is rejected alone, before any of its
 * writes are made; an SQLite failure rolls back the batch and rejects every plan in it.
 */
export class GroupCommitter {
  private queue: Pending[] = [];
  private scheduled = false;
  private readonly heads = new Map<LogId, number>();
  private readonly listeners = new AppendListeners();
  private drainWaiters: (() => void)[] = [];
  /** Bumped by every catalog write this engine applies (see StorageEngine.catalogVersion). */
  catalogVersion = 0;

  constructor(
    private readonly db: Database.Database,
    private readonly st: Statements,
    private readonly spaces: SpaceIds,
    private readonly walSync?: WalSync,
  ) {}

  submit<T>(plan: AtomicPlan<T>): Promise<CommitInfo<T>> {
    return new Promise<CommitInfo<T>>((resolve, reject) => {
      this.queue.push({ plan, resolve: resolve as Pending['resolve'], reject });
      this.schedule();
    });
  }

  /** Committed head of a log (0 when none). */
  head(log: LogId): number {
    let head = this.heads.get(log);
    if (head === undefined) {
      head = (this.st.headGet.get(log) as number | undefined) ?? 0;
      this.heads.set(log, head);
    }
    return head;
  }

  forgetHead(log: LogId): void {
    this.heads.delete(log);
  }

  onAppend(listener: (log: LogId, seq: number) => void): () => void {
    return this.listeners.add(listener);
  }

  /** Resolves once every submitted plan has been committed or rejected. */
  private drainQueue(): Promise<void> {
    if (this.queue.length === 0 && !this.scheduled) return Promise.resolve();
    return new Promise((resolve) => this.drainWaiters.push(resolve));
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    // While the WAL sync of the previous batch runs (off the main thread), writes gather for the
    // next batch instead of committing in small transactions: one commit and one sync per cycle,
    // as with a blocking fsync, but reads and request parsing go on meanwhile.
    if (this.walSync?.busy) this.walSync.whenFree(() => setImmediate(() => this.runBatch()));
    else setImmediate(() => this.runBatch());
  }

  private runBatch(): void {
    this.scheduled = false;
    const batch = this.queue.length <= MAX_BATCH ? this.queue : this.queue.slice(0, MAX_BATCH);
    this.queue = batch === this.queue ? [] : this.queue.slice(MAX_BATCH);
    const batchHeads = new Map<LogId, number>();
    const outcomes: Outcome[] = [];
    try {
      this.st.begin.run();
      const deltas = new Map<number, { items: number; bytes: number }>();
      for (const p of batch) outcomes.push(this.applyOne(p.plan, batchHeads, deltas));
      for (const [id, d] of deltas) {
        if (d.items !== 0 || d.bytes !== 0) this.st.spaceAdjust.run(d.items, d.bytes, id);
      }
      for (const [log, head] of batchHeads) this.st.headSet.run(log, head);
      this.st.commit.run();
    } catch (err) {
      if (this.db.inTransaction) {
        try {
          this.st.rollback.run();
        } catch {
          // The connection already rolled back (e.g. SQLITE_FULL); nothing more to undo.
        }
      }
      this.spaces.rolledBack();
      for (const p of batch) p.reject(err);
      this.afterBatch();
      return;
    }
    this.spaces.committed();
    for (const [log, head] of batchHeads) this.heads.set(log, head);
    if (this.walSync) this.walSync.afterCommit((err) => settle(batch, outcomes, err));
    else settle(batch, outcomes, undefined);
    if (batchHeads.size > 0 && this.listeners.size > 0) this.listeners.notify(batchHeads);
    this.afterBatch();
  }

  /** Resolves when every submitted plan is settled (committed and, on a file, synced). */
  async drain(): Promise<void> {
    await this.drainQueue();
    await this.walSync?.idle();
  }

  private afterBatch(): void {
    if (this.queue.length > 0) {
      this.schedule();
    } else if (this.drainWaiters.length > 0) {
      const waiters = this.drainWaiters;
      this.drainWaiters = [];
      for (const w of waiters) w();
    }
  }

  /** Runs one plan inside the open transaction. SQLite errors propagate (they fail the batch). */
  private applyOne(
    plan: AtomicPlan<unknown>,
    batchHeads: Map<LogId, number>,
    deltas: Map<number, { items: number; bytes: number }>,
  ): Outcome {
    const current: (string | undefined)[] = new Array(plan.reads.length);
    for (let i = 0; i < plan.reads.length; i++) {
      const ref = plan.reads[i] as AtomicPlan<unknown>['reads'][number];
      const id = this.spaces.lookup(ref.space);
      current[i] = id === undefined ? undefined : (this.st.kvGet.get(id, transient(ref.key)) as string | undefined);
    }
    const catalogReads = plan.catalogReads ?? [];
    const catalog: (string | undefined)[] = new Array(catalogReads.length);
    for (let i = 0; i < catalogReads.length; i++) {
      catalog[i] = this.st.catGet.get(catalogReads[i]) as string | undefined;
    }
    let writes: Write[];
    let result: unknown;
    try {
      const applied = plan.apply(current, catalog);
      writes = applied.writes;
      result = applied.result;
      checkWrites(writes);
    } catch (error) {
      return { ok: false, error };
    }
    const appended: { log: LogId; seq: number }[] = [];
    const used: boolean[] = [];
    for (const w of writes) {
      switch (w.kind) {
        case 'put': {
          const id = this.spaces.ensure(w.space);
          const key = transient(w.key);
          const len = Buffer.byteLength(w.value, 'utf8');
          const known = oldLength(plan.reads, current, used, w.space, key);
          const old = known !== null ? known : (this.st.kvOldLen.get(id, key) as number | undefined);
          this.st.kvPut.run(id, key, w.value);
          addDelta(deltas, id, old === undefined ? 1 : 0, old === undefined ? key.length + len : len - old);
          break;
        }
        case 'delete': {
          const id = this.spaces.lookup(w.space);
          if (id === undefined) break;
          const key = transient(w.key);
          const known = oldLength(plan.reads, current, used, w.space, key);
          if (known === null) {
            const old = this.st.kvDeleteLen.get(id, key) as number | undefined;
            if (old !== undefined) addDelta(deltas, id, -1, -(key.length + old));
            break;
          }
          if (known === undefined) break;
          this.st.kvDelete.run(id, key);
          addDelta(deltas, id, -1, -(key.length + known));
          break;
        }
        case 'append': {
          const seq = (batchHeads.get(w.log) ?? this.head(w.log)) + 1;
          this.st.logAppend.run(w.log, seq, w.value);
          batchHeads.set(w.log, seq);
          appended.push({ log: w.log, seq });
          break;
        }
        case 'catalog-put':
          this.catalogVersion++;
          this.st.catPut.run(w.key, w.value);
          break;
        case 'catalog-delete':
          this.catalogVersion++;
          this.st.catDelete.run(w.key);
          break;
      }
    }
    return { ok: true, info: { result, appended } };
  }
}

/**
 * The byte length of a key's current value when the plan itself read that key (saves a second
 * b-tree lookup for the stats counters): null when the plan did not read it, undefined when it
 * read it as absent. A key's read is used once, so a plan writing one key twice falls back to
 * SQLite for the second write (which must see the first).
 */
function oldLength(
  reads: AtomicPlan<unknown>['reads'],
  current: (string | undefined)[],
  used: boolean[],
  space: string,
  key: Uint8Array,
): number | undefined | null {
  for (let i = 0; i < reads.length; i++) {
    const ref = reads[i] as AtomicPlan<unknown>['reads'][number];
    if (used[i] === true || ref.space !== space || !sameBytes(key, ref.key)) continue;
    // Later reads of the same key saw the same (now stale) value: retire them too.
    for (let j = i; j < reads.length; j++) {
      const other = reads[j] as AtomicPlan<unknown>['reads'][number];
      if (other.space === space && sameBytes(key, other.key)) used[j] = true;
    }
    const value = current[i];
    return value === undefined ? undefined : Buffer.byteLength(value, 'utf8');
  }
  return null;
}

/**
 * A key as a Buffer for binding: copied into Node's Buffer pool (cheap, and the copy lives only
 * until the statement ran). Wrapping the key's own memory (Buffer.from(key.buffer, …)) or binding
 * the Uint8Array itself forces V8 to move the small on-heap typed array to a backing store of
 * its own, which cost more per key (and more GC) than this copy.
 */
function transient(key: Uint8Array): Buffer {
  return Buffer.isBuffer(key) ? key : Buffer.from(key);
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function addDelta(deltas: Map<number, { items: number; bytes: number }>, id: number, items: number, bytes: number): void {
  const d = deltas.get(id);
  if (d === undefined) deltas.set(id, { items, bytes });
  else {
    d.items += items;
    d.bytes += bytes;
  }
}

/**
 * Answers a committed batch's plans. A failed sync fails every plan of the batch: its writes are
 * committed but may not be durable, so the callers must not take them as acknowledged.
 */
function settle(batch: Pending[], outcomes: Outcome[], syncError: Error | undefined): void {
  for (let i = 0; i < batch.length; i++) {
    const p = batch[i] as Pending;
    const o = outcomes[i] as Outcome;
    if (syncError !== undefined) p.reject(syncError);
    else if (o.ok) p.resolve(o.info);
    else p.reject(o.error);
  }
}
