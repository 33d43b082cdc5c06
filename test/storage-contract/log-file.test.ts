/**
 * What only the log-structured file engine does (src/storage/log/log-engine.ts): it owns its
 * directory (LOCK), replays its segment files at open, cuts a torn tail off the last segment, refuses
 * a damaged older segment, and compacts old segments away. The kill -9 test is in crash.test.ts.
 */
import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { appendFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import type { CommitInfo, KeyValue, LogRecord, StorageEngine, Write } from '../../src/storage/engine.js';
import { type LogEngineOptions, openLogEngine } from '../../src/storage/log/log-engine.js';
import { openHeapEngine } from '../../src/storage/memory/heap-engine.js';
import { bytes, hex, incrementPlan, prng, put, utf8, write } from './helpers.js';

const dirs: string[] = [];
after(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'eddy-logfile-'));
  dirs.push(d);
  return d;
}

interface Segment {
  path: string;
  num: number;
  size: number;
}

/** The directory's segment files, by number. */
function segments(dir: string): Segment[] {
  return readdirSync(dir)
    .filter((n) => /^seg-\d+\.log$/.test(n))
    .map((n) => ({ path: join(dir, n), num: Number(n.slice(4, -4)), size: statSync(join(dir, n)).size }))
    .sort((a, b) => a.num - b.num);
}

function lastSegment(dir: string): Segment {
  const seg = segments(dir).at(-1);
  assert.ok(seg !== undefined, `no segment file in ${dir}`);
  return seg;
}

/** A directory whose log engine holds one put (space s, key 1, value 'a'), closed. */
async function dirWithOneItem(): Promise<string> {
  const dir = tempDir();
  const e = openLogEngine({ dir });
  await put(e, 's', bytes(1), 'a');
  await e.close();
  return dir;
}

/** Runs fn with the pid of a live child process, killed afterwards. */
async function withLiveProcess(fn: (pid: number) => Promise<void>): Promise<void> {
  const live = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60_000)'], { stdio: 'ignore' });
  try {
    assert.ok(live.pid !== undefined);
    await fn(live.pid);
  } finally {
    live.kill('SIGKILL');
    await once(live, 'exit');
  }
}

/** The pid of a process that has exited (and been reaped). */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '0'], { stdio: 'ignore' });
  await once(child, 'exit');
  assert.ok(child.pid !== undefined);
  return child.pid;
}

/** A deterministic string of `units` characters drawn from ASCII, 2-, 3- and 4-byte UTF-8. */
function randomText(rand: () => number, units: number): string {
  const alphabet = ['a', 'b', 'x', 'Z', ' ', '"', '\\', '\n', 'é', '€', '日', '😀'];
  const parts: string[] = new Array(units);
  for (let i = 0; i < units; i++) parts[i] = alphabet[Math.floor(rand() * alphabet.length)] as string;
  return parts.join('');
}

/** Everything readable about some spaces, logs and the catalog, keys as hex (comparable with deepEqual). */
async function snapshot(e: StorageEngine, spaces: string[], logs: string[]): Promise<unknown> {
  const rows = (kvs: KeyValue[]) => kvs.map((kv) => [hex(kv.key), kv.value]);
  const out: Record<string, unknown> = {};
  for (const s of spaces) out[`space ${s}`] = { rows: rows(await e.range({ space: s })), stats: await e.stats(s) };
  for (const l of logs) out[`log ${l}`] = { records: await e.readLog(l, 0, 1_000_000), head: await e.logHead(l) };
  out.catalog = await e.catalogList('');
  return out;
}

describe('log engine: LOCK', () => {
  it('refuses a second open of the same directory in this process, and reopens after close', async () => {
    const dir = tempDir();
    const first = openLogEngine({ dir });
    await put(first, 's', bytes(1), 'a');
    assert.throws(() => openLogEngine({ dir }), /is in use by another process/);
    // The refused open changed nothing for the owner.
    await put(first, 's', bytes(2), 'b');
    assert.equal(await first.get('s', bytes(1)), 'a');
    await first.close();
    const again = openLogEngine({ dir });
    assert.deepEqual(await again.getMany([{ space: 's', key: bytes(1) }, { space: 's', key: bytes(2) }]), ['a', 'b']);
    await again.close();
  });

  it('refuses a directory whose LOCK names another live process', async () => {
    const dir = await dirWithOneItem();
    await withLiveProcess(async (pid) => {
      writeFileSync(join(dir, 'LOCK'), String(pid));
      assert.throws(() => openLogEngine({ dir }), /is in use by another process/);
      assert.equal(readFileSync(join(dir, 'LOCK'), 'utf8').trim(), String(pid), 'the refused open changed LOCK');
    });
  });

  it('takes over a LOCK whose pid is alive but belongs to a process started at another time (a reused pid)', async () => {
    const dir = await dirWithOneItem();
    await withLiveProcess(async (pid) => {
      const started = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ')[19];
      assert.ok(started !== undefined && /^\d+$/.test(started), `start time of ${pid}: ${started}`);
      // The same pid with its real start time holds the directory ...
      writeFileSync(join(dir, 'LOCK'), `${pid} ${started}\n`);
      assert.throws(() => openLogEngine({ dir }), /is in use by another process/);
      // ... and with another start time it is a stale LOCK.
      writeFileSync(join(dir, 'LOCK'), `${pid} ${Number(started) + 1}\n`);
      const taken = openLogEngine({ dir });
      try {
        assert.equal(readFileSync(join(dir, 'LOCK'), 'utf8').split(' ')[0], String(process.pid));
        assert.equal(await taken.get('s', bytes(1)), 'a');
      } finally {
        await taken.close();
      }
    });
  });

  it('takes over a LOCK left by a process that is gone, and writes its own pid there', async () => {
    const dir = await dirWithOneItem();
    writeFileSync(join(dir, 'LOCK'), String(await deadPid()));
    const taken = openLogEngine({ dir });
    try {
      assert.equal(readFileSync(join(dir, 'LOCK'), 'utf8').trim().split(' ')[0], String(process.pid));
      assert.equal(await taken.get('s', bytes(1)), 'a');
      assert.throws(() => openLogEngine({ dir }), /is in use by another process/);
    } finally {
      await taken.close();
    }
  });
});

describe('log engine: recovery', () => {
  it('has every acknowledged write after close and reopen (twice), with the same stats, logs and catalog', async () => {
    const dir = tempDir();
    const spaces = ['items', 'gone', 'counters'];
    const logs = ['la', 'lb', 'lc'];
    let e = openLogEngine({ dir });
    const values = new Map<number, string>();
    const big = 'ü'.repeat(100_000);
    for (let i = 0; i < 60; i++) {
      const v = i === 7 ? big : i % 5 === 0 ? '' : `v${i}-é😀-${'x'.repeat(i * 10)}`;
      values.set(i, v);
      await put(e, 'items', bytes(i), v);
    }
    // Overwrites and deletes, some in one atomic.
    for (let i = 0; i < 60; i += 3) {
      values.set(i, `new-${i}`);
      await put(e, 'items', bytes(i), `new-${i}`);
    }
    await write(
      e,
      { kind: 'delete', space: 'items', key: bytes(1) },
      { kind: 'delete', space: 'items', key: bytes(2) },
      { kind: 'put', space: 'items', key: bytes(4), value: 'four' },
      { kind: 'delete', space: 'items', key: bytes(200) },
    );
    values.delete(1);
    values.delete(2);
    values.set(4, 'four');
    // A dropped space, used again.
    for (let i = 0; i < 10; i++) await put(e, 'gone', bytes(i), `g${i}`);
    await e.dropSpace('gone');
    await put(e, 'gone', bytes(3), 'back');
    // Counters written by concurrent read-modify-write atomics.
    const incs = await Promise.all(Array.from({ length: 20 }, () => e.atomic(incrementPlan('counters', bytes(0)))));
    assert.deepEqual(incs.map((r) => r.result).sort((a, b) => a - b), Array.from({ length: 20 }, (_, i) => i + 1));
    // Logs: trimmed, dropped, trimmed to empty.
    const seqs: number[] = [];
    for (let i = 0; i < 20; i += 2) {
      const info = await write(e, { kind: 'append', log: 'la', value: `r${i}` }, { kind: 'append', log: 'la', value: `r${i + 1}` });
      seqs.push(...info.appended.map((a) => a.seq));
    }
    await e.trimLog('la', seqs[8] as number);
    for (let i = 0; i < 5; i++) await write(e, { kind: 'append', log: 'lb', value: `b${i}` });
    await e.dropLog('lb');
    let lcHead = 0;
    for (let i = 0; i < 3; i++) lcHead = (await write(e, { kind: 'append', log: 'lc', value: `c${i}` })).appended[0]?.seq ?? -1;
    await e.trimLog('lc', lcHead + 1);
    // Catalog.
    await write(e, { kind: 'catalog-put', key: 'cat/a', value: '1' }, { kind: 'catalog-put', key: 'cat/b', value: '2' });
    await write(e, { kind: 'catalog-put', key: 'cat/c', value: '3' }, { kind: 'catalog-delete', key: 'cat/b' });
    await write(e, { kind: 'catalog-put', key: 'cat/c', value: 'three' });

    const expectState = async (x: StorageEngine) => {
      const rows = await x.range({ space: 'items' });
      assert.deepEqual(
        rows.map((r) => [hex(r.key), r.value]),
        [...values.entries()].sort((a, b) => a[0] - b[0]).map(([k, v]) => [hex(bytes(k)), v]),
      );
      const itemBytes = [...values.values()].reduce((n, v) => n + 1 + Buffer.byteLength(v, 'utf8'), 0);
      assert.deepEqual(await x.stats('items'), { items: values.size, bytes: itemBytes });
      assert.deepEqual((await x.range({ space: 'gone' })).map((r) => r.value), ['back']);
      assert.deepEqual(await x.stats('gone'), { items: 1, bytes: 5 });
      assert.equal(await x.get('counters', bytes(0)), '20');
      assert.deepEqual(
        await x.readLog('la', 0, 100),
        seqs.slice(8).map((seq, i) => ({ seq, value: `r${i + 8}` })),
      );
      assert.equal(await x.logHead('la'), seqs[19]);
      assert.deepEqual(await x.readLog('lb', 0, 100), []);
      assert.deepEqual(await x.readLog('lc', 0, 100), []);
      assert.equal(await x.logHead('lc'), lcHead);
      assert.deepEqual(await x.catalogList('cat/'), [
        { key: 'cat/a', value: '1' },
        { key: 'cat/c', value: 'three' },
      ]);
      assert.equal(await x.catalogGet('cat/b'), undefined);
    };
    await expectState(e);
    const before = await snapshot(e, spaces, logs);
    await e.close();

    e = openLogEngine({ dir });
    await expectState(e);
    assert.deepEqual(await snapshot(e, spaces, logs), before);
    // Writes after a reopen: sequence numbers continue above the recovered heads.
    const la = (await write(e, { kind: 'append', log: 'la', value: 'after' })).appended[0]?.seq ?? -1;
    assert.ok(la > (seqs[19] as number), `seq ${la} after reopen is not above the head ${seqs[19]}`);
    const lc = (await write(e, { kind: 'append', log: 'lc', value: 'after' })).appended[0]?.seq ?? -1;
    assert.ok(lc > lcHead, `seq ${lc} after reopen is not above the trimmed log's head ${lcHead}`);
    await put(e, 'items', bytes(250), 'after');
    const before2 = await snapshot(e, spaces, logs);
    await e.close();

    e = openLogEngine({ dir });
    try {
      assert.deepEqual(await snapshot(e, spaces, logs), before2);
      assert.deepEqual((await e.readLog('la', la - 1, 10)).map((r) => r.value), ['after']);
      assert.equal(await e.logHead('lc'), lc);
      assert.equal(await e.get('items', bytes(250)), 'after');
    } finally {
      await e.close();
    }
  });

  /**
   * Writes 40 commits, then one last commit alone (its own frame), closes; `damage` then spoils the
   * last segment's tail. After reopening, the 40 are all there; the last one is there unless
   * `lastMayBeLost`. New writes after the reopen must survive another reopen (the damaged bytes
   * were cut off, not left between the old data and the new).
   */
  async function tornTail(damage: (seg: Segment) => void, lastMayBeLost: boolean): Promise<void> {
    const dir = tempDir();
    let e = openLogEngine({ dir });
    for (let i = 0; i < 40; i++) {
      await write(e, { kind: 'put', space: 's', key: bytes(i), value: `v${i}` }, { kind: 'append', log: 'l', value: `r${i}` });
    }
    await put(e, 's', bytes(99), `last-${'y'.repeat(100)}`);
    await e.close();
    const seg = lastSegment(dir);
    assert.ok(seg.size > 0, 'the last segment holds the commits');
    damage(seg);

    const check = async (x: StorageEngine) => {
      for (let i = 0; i < 40; i++) assert.equal(await x.get('s', bytes(i)), `v${i}`, `acknowledged put ${i} lost`);
      assert.deepEqual((await x.readLog('l', 0, 40)).map((r) => r.value), Array.from({ length: 40 }, (_, i) => `r${i}`));
      const last = await x.get('s', bytes(99));
      if (lastMayBeLost) assert.ok(last === undefined || last === `last-${'y'.repeat(100)}`, `the torn last put reads as ${last}`);
      else assert.equal(last, `last-${'y'.repeat(100)}`);
    };
    e = openLogEngine({ dir });
    await check(e);
    const head = await e.logHead('l');
    const lastThere = (await e.get('s', bytes(99))) !== undefined;
    for (let i = 100; i < 110; i++) {
      await write(e, { kind: 'put', space: 's', key: bytes(i), value: `new${i}` }, { kind: 'append', log: 'l', value: `n${i}` });
    }
    await e.close();

    e = openLogEngine({ dir });
    try {
      await check(e);
      assert.equal((await e.get('s', bytes(99))) !== undefined, lastThere, 'the last put changed between two reopens');
      for (let i = 100; i < 110; i++) assert.equal(await e.get('s', bytes(i)), `new${i}`, `put ${i} made after the recovery lost`);
      assert.deepEqual(
        (await e.readLog('l', head, 100)).map((r) => r.value),
        Array.from({ length: 10 }, (_, i) => `n${i + 100}`),
      );
      // The engine still works and keeps what it is given.
      await put(e, 's', bytes(200), 'end');
      assert.equal(await e.get('s', bytes(200)), 'end');
    } finally {
      await e.close();
    }
  }

  it('cuts random garbage off the end of the last segment; nothing acknowledged is lost', async () => {
    const rand = prng(7);
    await tornTail((seg) => appendFileSync(seg.path, Buffer.from(Array.from({ length: 1000 }, () => Math.floor(rand() * 256)))), false);
  });

  it('cuts a complete frame header with a bad checksum off the end of the last segment', async () => {
    // A header that declares 16 payload bytes which are all there, but whose checksum is wrong.
    const frame = Buffer.alloc(8 + 16, 0x41);
    frame.writeUInt32LE(16, 0);
    frame.writeUInt32LE(0xdeadbeef, 4);
    await tornTail((seg) => appendFileSync(seg.path, frame), false);
  });

  it('survives zeros at the end of the last segment (a file extended but never written)', async () => {
    await tornTail((seg) => appendFileSync(seg.path, Buffer.alloc(13)), false);
  });

  for (const k of [1, 4, 9, 60]) {
    it(`recovers the last segment cut short by ${k} byte(s): only the last commit may be lost`, async () => {
      await tornTail((seg) => truncateSync(seg.path, seg.size - k), true);
    });
  }

  /** Writes enough distinct keys to fill several 4 KiB segments (no garbage: nothing is compacted). */
  async function severalSegments(dir: string): Promise<LogEngineOptions> {
    const options = { dir, segmentBytes: 4096 };
    const e = openLogEngine(options);
    for (let i = 0; i < 150; i++) await put(e, 's', utf8(`key-${i}`), `${i}-${'v'.repeat(150)}`);
    await e.close();
    assert.ok(segments(dir).length >= 4, `expected several segments, found ${segments(dir).length}`);
    return options;
  }

  async function expectAll(options: LogEngineOptions): Promise<void> {
    const e = openLogEngine(options);
    try {
      for (let i = 0; i < 150; i++) assert.equal(await e.get('s', utf8(`key-${i}`)), `${i}-${'v'.repeat(150)}`);
    } finally {
      await e.close();
    }
  }

  it('refuses to open when a byte inside an older segment is damaged, and opens again once it is repaired', async () => {
    const dir = tempDir();
    const options = await severalSegments(dir);
    const first = segments(dir)[0] as Segment;
    assert.equal(first.num, 1);
    const original = readFileSync(first.path);
    const damaged = Buffer.from(original);
    const at = Math.floor(damaged.length / 2);
    damaged[at] = (damaged[at] as number) ^ 0xff;
    writeFileSync(first.path, damaged);
    assert.throws(() => openLogEngine(options), /corrupt/);
    // The failed open neither changed the files nor kept the directory locked.
    assert.deepEqual(readFileSync(first.path), damaged);
    writeFileSync(first.path, original);
    await expectAll(options);
  });

  it('refuses to open when an older segment (not the last) is cut short', async () => {
    const dir = tempDir();
    const options = await severalSegments(dir);
    const middle = segments(dir)[1] as Segment;
    const original = readFileSync(middle.path);
    truncateSync(middle.path, middle.size - 5);
    assert.throws(() => openLogEngine(options), /corrupt/);
    assert.equal(statSync(middle.path).size, middle.size - 5, 'the failed open changed an older segment');
    writeFileSync(middle.path, original);
    await expectAll(options);
  });
});

describe('log engine: compaction', () => {
  it('matches the heap engine through ~3000 random operations with rolling and compaction, across reopens', async (t) => {
    const dir = tempDir();
    const SEGMENT = 4096;
    const options: LogEngineOptions = { dir, segmentBytes: SEGMENT, compactMinGarbageBytes: 4096 };
    const OPS = 3000;
    const rand = prng(0x5eed);
    const int = (n: number) => Math.floor(rand() * n);
    const heap = openHeapEngine();
    let log = openLogEngine(options);
    try {
      const SPACES = ['t0', 't1', 'idx'];
      const COUNTERS = 'counters';
      const LOGS = ['stream-a', 'stream-b'];
      // Written only during the first 20 operations (then the log is trimmed empty): what compaction
      // must carry forward without any later write touching it (values, catalog entries, a log's head).
      const EARLY = 'early';
      const EARLY_LOG = 'stream-early';
      const ALL_SPACES = [...SPACES, COUNTERS, EARLY];
      const ALL_LOGS = [...LOGS, EARLY_LOG];
      // A small key set per space (many overwrites, so lots of garbage), with 0x00/0xFF bytes and prefixes.
      const KEYS: Uint8Array[] = [];
      for (let i = 0; i < 12; i++) KEYS.push(bytes(i), bytes(0xff, i), utf8(`k${i}`));
      KEYS.push(bytes(0), bytes(0, 0), bytes(0xff), bytes(0xff, 0xff));
      const CATALOG_KEYS = Array.from({ length: 16 }, (_, i) => `tbl/${i % 4}/${i}`);

      /** Every record appended to a log, with the seq each engine gave it; records below `trimmed` are gone. */
      const logModel = new Map(ALL_LOGS.map((l) => [l, { records: [] as { value: string; heap: number; log: number }[], trimmed: 0 }]));
      let bytesWritten = 0;

      // Operations run in batches of concurrent atomics (so the log engine groups them into one
      // frame) that touch disjoint keys, logs and catalog keys, so the result does not depend on the
      // order the engines commit them in. Counter increments may share keys (serializable either way).
      type Pending = { heap: Promise<CommitInfo<unknown>>; log: Promise<CommitInfo<unknown>>; values: string[] };
      let batch: Pending[] = [];
      let touched = new Set<string>();
      let batchLimit = 1;

      async function flush(): Promise<void> {
        const ops = batch;
        batch = [];
        touched = new Set();
        batchLimit = 1 + int(8);
        const heapInfos = await Promise.all(ops.map((o) => o.heap));
        const logInfos = await Promise.all(ops.map((o) => o.log));
        const incs: [unknown[], unknown[]] = [[], []];
        ops.forEach((op, i) => {
          const h = heapInfos[i] as CommitInfo<unknown>;
          const l = logInfos[i] as CommitInfo<unknown>;
          assert.deepEqual(l.appended.map((a) => a.log), h.appended.map((a) => a.log));
          l.appended.forEach((a, j) => {
            const m = logModel.get(a.log);
            assert.ok(m !== undefined);
            m.records.push({ value: op.values[j] as string, heap: (h.appended[j] as { seq: number }).seq, log: a.seq });
          });
          if (typeof h.result === 'number') {
            incs[0].push(h.result);
            incs[1].push(l.result);
          }
        });
        const sorted = (xs: unknown[]) => [...xs].sort((a, b) => (a as number) - (b as number));
        assert.deepEqual(sorted(incs[1]), sorted(incs[0]), 'counter increments returned different results');
      }

      async function submit(writes: Write[], marks: string[]): Promise<void> {
        if (batch.length >= batchLimit || marks.some((m) => touched.has(m))) await flush();
        for (const m of marks) touched.add(m);
        const appends = writes.filter((w): w is Extract<Write, { kind: 'append' }> => w.kind === 'append');
        batch.push({
          heap: write(heap, ...writes),
          log: write(log, ...writes),
          values: appends.map((w) => w.value),
        });
      }

      const pick = <T>(xs: T[]): T => xs[int(xs.length)] as T;
      const randomPutOrDelete = (): { w: Write; mark: string } => {
        const space = pick(SPACES);
        const key = pick(KEYS);
        const mark = `s:${space}:${hex(key)}`;
        if (rand() < 0.2) return { w: { kind: 'delete', space, key }, mark };
        const value = rand() < 0.1 ? '' : randomText(rand, int(3001));
        bytesWritten += Buffer.byteLength(value, 'utf8');
        return { w: { kind: 'put', space, key, value }, mark };
      };

      async function compare(label: string): Promise<void> {
        for (const space of ALL_SPACES) {
          const rows = async (e: StorageEngine, reverse: boolean) =>
            (await e.range({ space, reverse, limit: reverse ? 7 : undefined })).map((kv) => [hex(kv.key), kv.value]);
          assert.deepEqual(await rows(log, false), await rows(heap, false), `${label}: rows of ${space}`);
          assert.deepEqual(await rows(log, true), await rows(heap, true), `${label}: last rows of ${space}`);
          assert.deepEqual(await log.stats(space), await heap.stats(space), `${label}: stats of ${space}`);
        }
        for (const l of ALL_LOGS) {
          const m = logModel.get(l);
          assert.ok(m !== undefined);
          const kept = m.records.slice(m.trimmed);
          const want = (which: 'heap' | 'log'): LogRecord[] => kept.map((r) => ({ seq: r[which], value: r.value }));
          assert.deepEqual(await heap.readLog(l, 0, 1_000_000), want('heap'), `${label}: heap log ${l}`);
          assert.deepEqual(await log.readLog(l, 0, 1_000_000), want('log'), `${label}: log ${l}`);
          assert.equal(await log.logHead(l), m.records.at(-1)?.log ?? 0, `${label}: head of ${l}`);
          if (kept.length > 2) {
            // A read from the middle of the log.
            const from = kept[1] as { log: number };
            assert.deepEqual(await log.readLog(l, from.log, 2), want('log').slice(2, 4), `${label}: middle of ${l}`);
          }
        }
        assert.deepEqual(await log.catalogList(''), await heap.catalogList(''), `${label}: catalog`);
        assert.deepEqual(await log.catalogList('tbl/1/'), await heap.catalogList('tbl/1/'), `${label}: catalog prefix`);
      }

      /** Trims a log below its record number `upTo` (past the head when there is none): each engine by its own seq for it. */
      async function trimBoth(l: string, upTo: number): Promise<void> {
        const m = logModel.get(l);
        assert.ok(m !== undefined);
        const at = m.records[upTo];
        const last = m.records.at(-1);
        await heap.trimLog(l, at?.heap ?? (last?.heap ?? 0) + 1);
        await log.trimLog(l, at?.log ?? (last?.log ?? 0) + 1);
        m.trimmed = upTo;
      }

      let compactedBeforeReopen = false;
      for (let op = 1; op <= OPS; op++) {
        if (op <= 20) {
          await submit(
            [
              { kind: 'put', space: EARLY, key: bytes(op), value: `early-${op}-é😀` },
              { kind: 'append', log: EARLY_LOG, value: `early-${op}` },
              { kind: 'catalog-put', key: `early/${op}`, value: `${op}` },
            ],
            [`s:${EARLY}:${op}`, `l:${EARLY_LOG}`, `c:early/${op}`],
          );
        }
        if (op === 20) {
          await submit([{ kind: 'catalog-delete', key: 'early/3' }, { kind: 'delete', space: EARLY, key: bytes(3) }], ['c:early/3', `s:${EARLY}:3`]);
          await flush();
          await trimBoth(EARLY_LOG, 20);
        }
        const r = rand();
        if (r < 0.4) {
          const { w, mark } = randomPutOrDelete();
          await submit([w], [mark]);
        } else if (r < 0.48) {
          // Several writes in one atomic, sometimes with an append.
          const writes: Write[] = [];
          const marks: string[] = [];
          for (let i = 1 + int(4); i > 0; i--) {
            const { w, mark } = randomPutOrDelete();
            if (marks.includes(mark)) continue;
            writes.push(w);
            marks.push(mark);
          }
          if (rand() < 0.5) {
            const l = pick(LOGS);
            writes.push({ kind: 'append', log: l, value: `multi-${op}` });
            marks.push(`l:${l}`);
          }
          await submit(writes, marks);
        } else if (r < 0.6) {
          const l = pick(LOGS);
          const writes: Write[] = [];
          for (let i = 1 + int(3); i > 0; i--) writes.push({ kind: 'append', log: l, value: `${op}:${randomText(rand, int(200))}` });
          await submit(writes, [`l:${l}`]);
        } else if (r < 0.68) {
          const key = bytes(int(4));
          batch.push({ heap: heap.atomic(incrementPlan(COUNTERS, key)), log: log.atomic(incrementPlan(COUNTERS, key)), values: [] });
        } else if (r < 0.75) {
          const key = pick(CATALOG_KEYS);
          const value = randomText(rand, int(300));
          await submit([{ kind: 'catalog-put', key, value }], [`c:${key}`]);
        } else if (r < 0.79) {
          const key = pick(CATALOG_KEYS);
          await submit([{ kind: 'catalog-delete', key }], [`c:${key}`]);
        } else if (r < 0.83) {
          // Reads in the middle of it all.
          await flush();
          const refs = Array.from({ length: 5 }, () => ({ space: pick(ALL_SPACES), key: pick(KEYS) }));
          assert.deepEqual(await log.getMany(refs), await heap.getMany(refs), `op ${op}: getMany`);
          const ck = pick(CATALOG_KEYS);
          assert.equal(await log.catalogGet(ck), await heap.catalogGet(ck), `op ${op}: catalogGet`);
        } else if (r < 0.87) {
          await flush();
          const l = pick(LOGS);
          const m = logModel.get(l);
          assert.ok(m !== undefined);
          await trimBoth(l, m.trimmed + int(m.records.length - m.trimmed + 1));
        } else if (r < 0.875) {
          await flush();
          const space = pick([...SPACES, COUNTERS]);
          await heap.dropSpace(space);
          await log.dropSpace(space);
        } else {
          // A put to a key of its own, kept small (the live data stays bounded).
          const space = pick(SPACES);
          const key = utf8(`own-${int(20)}`);
          const value = `${op}`;
          await submit([{ kind: 'put', space, key, value }], [`s:${space}:${hex(key)}`]);
        }

        if (op % 300 === 0 || op === OPS) {
          await flush();
          await compare(`after op ${op}`);
        }
        if (op === OPS / 2) {
          await flush();
          compactedBeforeReopen = (segments(dir)[0]?.num ?? 0) > 1;
          await log.close();
          log = openLogEngine(options);
          await compare(`reopened after op ${op}`);
        }
      }
      await flush();
      await compare('at the end');
      await log.close();
      log = openLogEngine(options);
      await compare('reopened at the end');

      // Compaction happened: the early segments are gone and few remain of all that were written.
      const segs = segments(dir);
      const totalBytes = segs.reduce((n, s) => n + s.size, 0);
      const highest = segs.at(-1)?.num ?? 0;
      let live = 0;
      let records = 0;
      for (const space of ALL_SPACES) {
        const st = await heap.stats(space);
        live += st.bytes;
        records += st.items;
      }
      for (const l of ALL_LOGS) {
        for (const rec of await heap.readLog(l, 0, 1_000_000)) {
          live += Buffer.byteLength(rec.value, 'utf8');
          records++;
        }
      }
      for (const c of await heap.catalogList('')) {
        live += Buffer.byteLength(c.key, 'utf8') + Buffer.byteLength(c.value, 'utf8');
        records++;
      }
      // Framing: a record's type, length prefixes, space or log name, seq.
      const liveOnDisk = live + records * 40;
      t.diagnostic(
        `wrote ≥${bytesWritten} value bytes; ${segs.length} segment files (numbers ${segs[0]?.num}–${highest}) holding ${totalBytes} bytes; live ≈ ${liveOnDisk} bytes`,
      );
      assert.ok(compactedBeforeReopen, 'segment 1 was still there half-way through (no compaction while running)');
      assert.ok(bytesWritten / SEGMENT > 200, 'the test wrote too little to need compaction');
      assert.ok(highest > 50, `only ${highest} segments were ever created for ${bytesWritten} bytes`);
      assert.ok((segs[0]?.num ?? 0) > 1, 'segment 1 is still there');
      assert.ok(segs.length < highest / 3, `${segs.length} of ${highest} segments remain`);
      assert.ok(
        totalBytes < 2 * liveOnDisk + 64 * SEGMENT,
        `the segments hold ${totalBytes} bytes for about ${liveOnDisk} live bytes (compaction should keep it under ${2 * liveOnDisk + 64 * SEGMENT})`,
      );
    } finally {
      // Also when an assertion failed: a compaction left running would keep the process alive.
      await log.close();
      await heap.close();
    }
  });

  it('stops compacting (once, with one warning) when the segment to compact is damaged, and keeps serving writes', async () => {
    const dir = tempDir();
    const e = openLogEngine({ dir, segmentBytes: 4096, compactMinGarbageBytes: 4096 });
    const warnings: string[] = [];
    const onWarning = (w: Error): void => void warnings.push(w.message);
    process.on('warning', onWarning);
    try {
      for (let i = 0; i < 20; i++) await put(e, 's', bytes(i), 'v'.repeat(300));
      // Damage segment 1 behind the engine's back, then make garbage so that compaction starts.
      const first = segments(dir)[0] as Segment;
      const damaged = readFileSync(first.path);
      damaged[100] = (damaged[100] as number) ^ 0xff;
      writeFileSync(first.path, damaged);
      for (let i = 0; i < 40; i++) await put(e, 's', bytes(0), `w${i}`.repeat(100));
      const cpu0 = process.cpuUsage();
      await new Promise((r) => setTimeout(r, 300));
      const cpu = process.cpuUsage(cpu0);
      const ours = warnings.filter((w) => w.includes('compaction stopped'));
      assert.equal(ours.length, 1, ours.join('\n'));
      assert.ok(cpu.user + cpu.system < 150_000, `an idle engine used ${cpu.user + cpu.system} µs of CPU in 300 ms`);
      await put(e, 's', bytes(1), 'after');
      assert.equal(await e.get('s', bytes(1)), 'after');
      assert.equal(await e.get('s', bytes(0)), 'w39'.repeat(100));
      assert.ok(segments(dir).some((seg) => seg.num === first.num), 'the damaged segment was removed');
    } finally {
      process.off('warning', onWarning);
      await e.close();
    }
  });

  it('answers reads with the right values while a commit that compacts is being written and synced', async () => {
    const dir = tempDir();
    const e = openLogEngine({ dir, segmentBytes: 8192, compactMinGarbageBytes: 4096 });
    try {
      // Values above the recent-values cache's limit (512 bytes): reads of them go to the files.
      const stable = (i: number): string => `${i}:`.padEnd(700, String.fromCharCode(97 + (i % 26)));
      for (let i = 0; i < 30; i++) await put(e, 'stable', bytes(i), stable(i));
      const first = segments(dir)[0] as Segment;
      let reads = 0;
      let inFlight = 0;
      // Overwrites of one key make garbage; compaction then copies the stable items out of the old
      // segments inside these commits. Between a commit's start and its acknowledgement, read them all.
      for (let round = 0; round < 60; round++) {
        let done = false;
        const w = put(e, 'churn', bytes(0), `r${round}`.padEnd(2000, 'z')).then(() => {
          done = true;
        });
        while (!done) {
          await new Promise((r) => setImmediate(r));
          if (done) break;
          inFlight++;
          for (let i = 0; i < 30; i++) {
            assert.equal(await e.get('stable', bytes(i)), stable(i), `round ${round}, key ${i}`);
            reads++;
          }
          const rows = await e.range({ space: 'stable' });
          assert.deepEqual(
            rows.map((r) => r.value),
            Array.from({ length: 30 }, (_, i) => stable(i)),
          );
        }
        await w;
      }
      assert.ok(inFlight > 60, `reads were made while ${inFlight} commits were in flight`);
      assert.ok(reads > 0);
      assert.ok(!segments(dir).some((seg) => seg.num === first.num), 'compaction never removed the first segment');
      await e.close();
      const again = openLogEngine({ dir });
      try {
        for (let i = 0; i < 30; i++) assert.equal(await again.get('stable', bytes(i)), stable(i));
      } finally {
        await again.close();
      }
    } catch (err) {
      await e.close().catch(() => undefined);
      throw err;
    }
  });
  it('reads large values applied but not yet written from the frame being built or being written, and from the file once written', async () => {
    const dir = tempDir();
    // Prepared segments are full-size files of zeros: a read that went to the file before the
    // frame is written would find zeros there, not the value.
    const e = openLogEngine({ dir, segmentBytes: 64 << 10 });
    try {
      // Above the recent-values cache's limit (512 bytes): no Loc holds these texts. Non-ASCII too.
      const big = (i: number, round: number): string => `${round}/${i}é`.padEnd(900 + i * 37, String.fromCharCode(97 + ((i + round) % 26)));
      const keys = Array.from({ length: 12 }, (_, i) => bytes(2 * i)); // gaps: written and unwritten keys interleave
      const current: (string | undefined)[] = keys.map(() => undefined);
      for (let i = 0; i < keys.length; i += 2) {
        current[i] = big(i, 0);
        await put(e, 'big', keys[i] as Uint8Array, current[i] as string);
      }
      for (let round = 1; round <= 40; round++) {
        // Applied now, written at the end of this turn (or after a sync in flight): reads in
        // between see them, mixed with values already in the file.
        const pending = [];
        for (let i = round % 2; i < keys.length; i += 2) {
          current[i] = big(i, round);
          pending.push(put(e, 'big', keys[i] as Uint8Array, current[i] as string));
        }
        for (let i = 0; i < keys.length; i++) assert.equal(await e.get('big', keys[i] as Uint8Array), current[i], `round ${round}, key ${i}`);
        const values = current.filter((v): v is string => v !== undefined);
        const rows = await e.range({ space: 'big' });
        assert.deepEqual(rows.map((r) => r.value), values, `range, round ${round}`);
        const { entries } = (e.rangeEntriesSync as NonNullable<StorageEngine['rangeEntriesSync']>)({ space: 'big' });
        assert.equal(entries.length, values.length);
        entries.forEach((entry, i) => {
          const text = values[i] as string;
          assert.equal(entry.utf8Bytes, Buffer.byteLength(text));
          if (entry.copyTo !== undefined) {
            const target = Buffer.alloc(entry.utf8Bytes + 2, 126);
            entry.copyTo(target, 1);
            assert.equal(target.toString('utf8', 1, 1 + entry.utf8Bytes), text, `copyTo, round ${round}, entry ${i}`);
          }
          assert.equal(entry.value, text, `entry ${i}, round ${round}`);
        });
        // A turn later the frame is closed and being written on the thread pool (its write and sync
        // take longer than a turn): reads now take the values from the frame handed over.
        await new Promise((r) => setImmediate(r));
        for (let i = 0; i < keys.length; i++) assert.equal(await e.get('big', keys[i] as Uint8Array), current[i], `in flight: round ${round}, key ${i}`);
        assert.deepEqual((await e.range({ space: 'big' })).map((r) => r.value), values, `range in flight, round ${round}`);
        await Promise.all(pending);
        for (let i = 0; i < keys.length; i++) assert.equal(await e.get('big', keys[i] as Uint8Array), current[i], `after the sync: round ${round}, key ${i}`);
      }
      assert.ok(segments(dir).length > 2, 'the writes rolled into further segments');
      await e.close();
      const again = openLogEngine({ dir });
      try {
        for (let i = 0; i < keys.length; i++) assert.equal(await again.get('big', keys[i] as Uint8Array), current[i]);
      } finally {
        await again.close();
      }
    } catch (err) {
      await e.close().catch(() => undefined);
      throw err;
    }
  });
  it('splits a burst of large writes over several frames (no frame past 16 MiB), all durable', async () => {
    const dir = tempDir();
    const big = (i: number): string => String.fromCharCode(97 + (i % 26)).repeat(1 << 20);
    let e = openLogEngine({ dir });
    try {
      await Promise.all(Array.from({ length: 40 }, (_, i) => put(e, 's', bytes(i), big(i))));
    } finally {
      await e.close();
    }
    // Frames: u32 payload length, u32 checksum, payload; walk them in every segment (a zero length
    // is where a prepared segment's data ends) and check their sizes.
    let frames = 0;
    for (const seg of segments(dir)) {
      const file = readFileSync(seg.path);
      for (let at = 0; at + 8 <= file.length; frames++) {
        const length = file.readUInt32LE(at);
        if (length === 0) break;
        assert.ok(length <= (16 << 20) + (1 << 20) + 64, `a frame of ${length} bytes`);
        at += 8 + length;
      }
    }
    assert.ok(frames >= 3, `${frames} frames for 40 MiB`);
    e = openLogEngine({ dir });
    try {
      for (let i = 0; i < 40; i++) assert.equal(await e.get('s', bytes(i)), big(i));
    } finally {
      await e.close();
    }
  });

  it('rolls into a segment file it filled with zeros in the background (a steady writer)', async () => {
    const dir = tempDir();
    const segmentBytes = 1 << 20;
    const e = openLogEngine({ dir, segmentBytes });
    try {
      const value = 'p'.repeat(8 << 10);
      const sizesAfterRoll: number[] = [];
      let count = segments(dir).length;
      for (let i = 0; sizesAfterRoll.length < 3 && i < 2000; i++) {
        await put(e, 's', bytes(i >> 8, i & 255), value);
        const now = segments(dir);
        if (now.length > count) {
          // Just rolled: one commit of ~8 KB is in the new segment.
          sizesAfterRoll.push((now.at(-1) as Segment).size);
          count = now.length;
        }
        // A writer slow enough for the fill (128 KiB writes with O_DSYNC) to finish before the roll.
        if (i % 16 === 15) await new Promise((r) => setTimeout(r, 40));
      }
      assert.equal(sizesAfterRoll.length, 3, 'three rolls');
      assert.deepEqual(sizesAfterRoll, [segmentBytes, segmentBytes, segmentBytes], 'each new segment was a prepared, full-size file');
      assert.ok(!readdirSync(dir).some((n) => n.endsWith('.log') && statSync(join(dir, n)).size < segmentBytes), 'an appended segment');
    } finally {
      await e.close();
    }
    assert.ok(!readdirSync(dir).some((n) => n.endsWith('.prep')), 'a prepared file left behind after close');
  });

  it('opens older segments that end in zeros (prepared, rolled early), but not zeros followed by data', async () => {
    const dir = tempDir();
    let e = openLogEngine({ dir, segmentBytes: 4096, compactMinGarbageBytes: 1 << 30 });
    for (let i = 0; i < 60; i++) await put(e, 's', bytes(i), `value-${i}-`.repeat(30));
    await e.close();
    const first = segments(dir)[0] as Segment;
    assert.ok(segments(dir).length >= 3);
    appendFileSync(first.path, Buffer.alloc(5000));
    e = openLogEngine({ dir });
    try {
      for (let i = 0; i < 60; i++) assert.equal(await e.get('s', bytes(i)), `value-${i}-`.repeat(30));
    } finally {
      await e.close();
    }
    appendFileSync(first.path, Buffer.from('not zeros'));
    assert.throws(() => openLogEngine({ dir }), /corrupt/);
  });
});
