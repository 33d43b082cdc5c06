import type {
  AtomicPlan,
  CommitInfo,
  KeyValue,
  LogId,
  LogRecord,
  RangeQuery,
  ReadRef,
  SpaceId,
  SpaceStats,
  StorageEngine,
  ValueEntry,
  Write,
} from '../engine.js';
import { AppendListeners } from '../append-listeners.js';
import { closedError, firstAfter, keyBytes, keyText, listPrefix, newTree, scanSpace, spacePage, type Tree, writeKeyTexts } from '../key-tree.js';
import type { OrderedMap } from '../key-map.js';
import { numberIndex } from '../native-index.js';
import { ValueSlabs } from './value-slabs.js';
import { checkWrites } from '../write-checks.js';

/**
 * A value handed out by `rangeEntriesSync`: its text, read from the slabs when first asked for (a
 * reply that only copies the bytes, `copyTo`, never makes it), and its memo, kept in the value's
 * chunk. Both are valid in the tick the entry is handed out (the reader's), before a later write can
 * reuse the chunk.
 */
class SlabEntry implements ValueEntry {
  private text: string | undefined = undefined;
  constructor(
    private readonly slabs: ValueSlabs,
    private readonly addr: number,
    readonly utf8Bytes: number,
  ) {}

  get value(): string {
    return (this.text ??= this.slabs.value(this.addr));
  }

  get memo(): number {
    return this.slabs.memo(this.addr);
  }

  set memo(memo: number) {
    this.slabs.setMemo(this.addr, memo);
  }

  copyTo(target: Buffer, offset: number): void {
    this.slabs.copyTo(this.addr, target, offset);
  }
}

/**
 * A space: its values' addresses (value-slabs.ts) in one ordered map for point reads, writes and
 * ranges, outside the heap when the addon is built (native-index.ts), else KeyMap (key-map.ts).
 */
class Space {
  readonly index = numberIndex();
  bytes = 0;

  get items(): number {
    return this.index.size;
  }
}

interface Log {
  /** Retained records, ascending by seq. */
  records: LogRecord[];
  /** Highest seq ever assigned (survives trims; reset by dropLog). */
  head: number;
}

/** Chunks given back per turn of the event loop when a space is dropped. */
const RELEASE_SLICE = 4096;

/**
 * The in-memory engine: every space is an ordered map (a B+ tree) in the JavaScript heap from
 * keys to their values' addresses, logs are arrays, the catalog is a sorted tree. Nothing is written
 * anywhere: the data lives as long as the process (what `--in-memory` promises; DynamoDB Local's
 * -inMemory is the same).
 *
 * An atomic runs whole inside the `atomic()` call (read, apply, write on one tick), so plans are
 * applied one after another in call order and every read sees only committed state: the
 * serializability the embedded SQLite engine gets from its group commit, without a transaction.
 * Compared with SQLite in memory this removes SQLite's statement and b-tree costs from every
 * request (docs/performance.md, round five). The values themselves live outside the V8 heap
 * (value-slabs.ts): the heap holds the keys and the trees, so the items cost the GC little (a
 * few collections as slabs are added, none per item).
 */
export function openHeapEngine(): StorageEngine {
  return new HeapEngine();
}

class HeapEngine implements StorageEngine {
  readonly kind = 'memory';
  private readonly spaces = new Map<SpaceId, Space>();
  private readonly logs = new Map<LogId, Log>();
  private readonly catalog: Tree = newTree();
  private readonly listeners = new AppendListeners();
  private readonly slabs = new ValueSlabs();
  private catVersion = 0;
  private closed = false;

  get(space: SpaceId, key: Uint8Array): Promise<string | undefined> {
    if (this.closed) return closedError();
    const addr = this.spaces.get(space)?.index.get(keyText(key));
    return Promise.resolve(addr === undefined ? undefined : this.slabs.value(addr));
  }

  getMany(refs: ReadRef[]): Promise<(string | undefined)[]> {
    if (this.closed) return closedError();
    return Promise.resolve(this.readAll(refs));
  }

  range(q: RangeQuery): Promise<KeyValue[]> {
    if (this.closed) return closedError();
    const out: KeyValue[] = [];
    this.scan(q, (k, addr) => {
      out.push({ key: keyBytes(k), value: this.slabs.value(addr) });
    });
    return Promise.resolve(out);
  }

  rangeValuesSync(q: RangeQuery): { values: string[]; lastKey?: Uint8Array } {
    const { values: addrs, lastKey } = this.rangeAddrs(q);
    const values: string[] = new Array(addrs.length);
    for (let i = 0; i < addrs.length; i++) values[i] = this.slabs.value(addrs[i] as number);
    return lastKey === undefined ? { values } : { values, lastKey };
  }

  rangeEntriesSync(q: RangeQuery): { entries: ValueEntry[]; lastKey?: Uint8Array } {
    const { values: addrs, lastKey } = this.rangeAddrs(q);
    const slabs = this.slabs;
    const entries: ValueEntry[] = new Array(addrs.length);
    for (let i = 0; i < addrs.length; i++) {
      const addr = addrs[i] as number;
      entries[i] = new SlabEntry(slabs, addr, slabs.utf8Bytes(addr));
    }
    return lastKey === undefined ? { entries } : { entries, lastKey };
  }

  /** The slab addresses of `q`'s rows, and the last key when `q.limit` rows came back. */
  private rangeAddrs(q: RangeQuery): { values: number[]; lastKey?: Uint8Array } {
    if (this.closed) throw new Error('storage engine is closed');
    return spacePage(this.spaces.get(q.space)?.index, q);
  }

  /** Calls `each` for the rows of `q`, in order, at most `q.limit` of them. */
  private scan(q: RangeQuery, each: (key: string, addr: number) => void): void {
    const space = this.spaces.get(q.space);
    if (space !== undefined) scanSpace(space.index, q, each);
  }

  stats(space: SpaceId): Promise<SpaceStats> {
    if (this.closed) return closedError();
    const s = this.spaces.get(space);
    return Promise.resolve(s === undefined ? { items: 0, bytes: 0 } : { items: s.items, bytes: s.bytes });
  }

  dropSpace(space: SpaceId): Promise<void> {
    if (this.closed) return closedError();
    const s = this.spaces.get(space);
    if (s !== undefined) {
      this.spaces.delete(space);
      this.releaseLater(s.index);
    }
    return Promise.resolve();
  }

  atomic<T>(plan: AtomicPlan<T>): Promise<CommitInfo<T>> {
    if (this.closed) return closedError();
    let writes: Write[];
    let result: T;
    try {
      const current = this.readAll(plan.reads);
      const catalogReads = plan.catalogReads ?? [];
      const catalog: (string | undefined)[] = new Array(catalogReads.length);
      for (let i = 0; i < catalogReads.length; i++) catalog[i] = this.catalog.get(catalogReads[i] as string);
      const applied = plan.apply(current, catalog);
      writes = applied.writes;
      result = applied.result;
      checkWrites(writes);
    } catch (err) {
      return Promise.reject(err);
    }
    const appended: { log: LogId; seq: number }[] = [];
    const texts = writeKeyTexts(writes, (space) => this.spaces.get(space)?.index);
    for (let i = 0; i < writes.length; i++) {
      const w = writes[i] as Write;
      switch (w.kind) {
        case 'put':
          this.write(w.space, texts[i] as string, w.value, w.bytes);
          break;
        case 'delete':
          this.write(w.space, texts[i] as string, undefined);
          break;
        case 'append': {
          let log = this.logs.get(w.log);
          if (log === undefined) this.logs.set(w.log, (log = { records: [], head: 0 }));
          const seq = ++log.head;
          log.records.push({ seq, value: w.value });
          appended.push({ log: w.log, seq });
          break;
        }
        case 'catalog-put':
          this.catVersion++;
          this.catalog.set(w.key, w.value);
          break;
        case 'catalog-delete':
          this.catVersion++;
          this.catalog.delete(w.key);
          break;
      }
    }
    if (appended.length > 0 && this.listeners.size > 0) {
      // One call per log with the commit's highest seq, as the file engines do per commit.
      const heads = new Map<LogId, number>();
      for (const a of appended) heads.set(a.log, Math.max(heads.get(a.log) ?? 0, a.seq));
      this.listeners.notify(heads);
    }
    return Promise.resolve({ result, appended });
  }

  /**
   * Gives a dropped space's chunks back to the slabs in slices between other work (a table of 1M
   * items took ~0.5 s in one go, a stall for every other request); until then they are not reused.
   */
  private releaseLater(index: OrderedMap<number>): void {
    let after: string | undefined;
    const slice = (): void => {
      if (this.closed) return;
      let n = 0;
      let more = false;
      index.forEachFrom(after, after !== undefined, (k, addr) => {
        this.slabs.release(addr);
        after = k;
        if (++n < RELEASE_SLICE) return true;
        more = true;
        return false;
      });
      if (more) setImmediate(slice);
    };
    if (index.size > 0) setImmediate(slice);
  }

  private readAll(refs: ReadRef[]): (string | undefined)[] {
    const out: (string | undefined)[] = new Array(refs.length);
    for (let i = 0; i < refs.length; i++) {
      const ref = refs[i] as ReadRef;
      const addr = this.spaces.get(ref.space)?.index.get(keyText(ref.key));
      out[i] = addr === undefined ? undefined : this.slabs.value(addr);
    }
    return out;
  }

  /**
   * Sets (value) or deletes (undefined) key `k`, keeping the stats: the map hands back the address
   * it replaced, whose chunk is then given back, so no lookup of the old value comes first. `bytes`:
   * the value's UTF-8 length when the writer gave it (Write), else measured here.
   */
  private write(spaceId: SpaceId, k: string, value: string | undefined, bytes?: number): void {
    let space = this.spaces.get(spaceId);
    const slabs = this.slabs;
    if (value === undefined) {
      const old = space?.index.delete(k);
      if (space !== undefined && old !== undefined) {
        space.bytes -= k.length + slabs.utf8Bytes(old);
        slabs.release(old);
      }
      return;
    }
    if (space === undefined) this.spaces.set(spaceId, (space = new Space()));
    const len = bytes ?? Buffer.byteLength(value, 'utf8');
    const old = space.index.set(k, slabs.put(value, len));
    if (old === undefined) {
      space.bytes += k.length + len;
    } else {
      space.bytes += len - slabs.utf8Bytes(old);
      slabs.release(old);
    }
  }

  readLog(log: LogId, afterSeq: number, limit: number): Promise<LogRecord[]> {
    if (this.closed) return closedError();
    const records = this.logs.get(log)?.records;
    if (records === undefined || limit <= 0) return Promise.resolve([]);
    const from = firstAfter(records, afterSeq);
    const out: LogRecord[] = [];
    for (let i = from; i < records.length && out.length < limit; i++) {
      const r = records[i] as LogRecord;
      out.push({ seq: r.seq, value: r.value });
    }
    return Promise.resolve(out);
  }

  logHead(log: LogId): Promise<number> {
    if (this.closed) return closedError();
    return Promise.resolve(this.logs.get(log)?.head ?? 0);
  }

  trimLog(log: LogId, beforeSeq: number): Promise<void> {
    if (this.closed) return closedError();
    const l = this.logs.get(log);
    if (l !== undefined) {
      const cut = firstAfter(l.records, beforeSeq - 1);
      if (cut > 0) l.records = l.records.slice(cut);
    }
    return Promise.resolve();
  }

  dropLog(log: LogId): Promise<void> {
    if (this.closed) return closedError();
    this.logs.delete(log);
    return Promise.resolve();
  }

  catalogGet(key: string): Promise<string | undefined> {
    if (this.closed) return closedError();
    return Promise.resolve(this.catalog.get(key));
  }

  catalogList(prefix: string): Promise<{ key: string; value: string }[]> {
    if (this.closed) return closedError();
    return Promise.resolve(listPrefix(this.catalog, prefix));
  }

  catalogVersion(): number {
    return this.catVersion;
  }

  onAppend(listener: (log: LogId, seq: number) => void): () => void {
    return this.listeners.add(listener);
  }

  close(): Promise<void> {
    this.closed = true;
    return Promise.resolve();
  }
}
