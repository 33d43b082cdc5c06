import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { LogRecord } from '../../src/storage/engine.js';
import { type OpenEngine, uniq, withEngine, write } from './helpers.js';

function append(log: string, value: string): { kind: 'append'; log: string; value: string } {
  return { kind: 'append', log, value };
}

export function logTests(open: OpenEngine): void {
  describe('logs', () => {
    it('assigns strictly increasing sequence numbers, reported in CommitInfo.appended', () =>
      withEngine(open, async (e) => {
        const a = uniq('log');
        const b = uniq('log');
        assert.equal(await e.logHead(a), 0);
        assert.deepEqual(await e.readLog(a, 0, 10), []);
        const first = await write(e, append(a, 'a1'), append(b, 'b1'), append(a, 'a2'));
        assert.deepEqual(
          first.appended.map((x) => x.log),
          [a, b, a],
        );
        const [a1, b1, a2] = first.appended.map((x) => x.seq) as [number, number, number];
        assert.ok(a1 > 0 && b1 > 0 && a2 > a1);
        const second = await write(e, append(a, 'a3'));
        const a3 = second.appended[0]?.seq ?? 0;
        assert.ok(a3 > a2);
        assert.deepEqual(await e.readLog(a, 0, 10), [
          { seq: a1, value: 'a1' },
          { seq: a2, value: 'a2' },
          { seq: a3, value: 'a3' },
        ]);
        assert.deepEqual(await e.readLog(b, 0, 10), [{ seq: b1, value: 'b1' }]);
        assert.equal(await e.logHead(a), a3);
        assert.equal(await e.logHead(b), b1);
      }));

    it('orders concurrent appends by commit, without gaps in what readers see', () =>
      withEngine(open, async (e) => {
        const log = uniq('log');
        const resolved: number[] = [];
        const work = Array.from({ length: 100 }, (_, i) =>
          write(e, append(log, `r${i}`)).then((info) => {
            resolved.push(info.appended[0]?.seq ?? -1);
            return info;
          }),
        );
        const infos = await Promise.all(work);
        const seqs = infos.map((x) => x.appended[0]?.seq ?? -1);
        assert.equal(new Set(seqs).size, 100);
        const records = await e.readLog(log, 0, 1000);
        assert.equal(records.length, 100);
        for (let i = 1; i < records.length; i++) {
          assert.ok((records[i] as LogRecord).seq > (records[i - 1] as LogRecord).seq);
        }
        // Each commit's reported seq holds its own record.
        const bySeq = new Map(records.map((r) => [r.seq, r.value]));
        infos.forEach((info, i) => assert.equal(bySeq.get(info.appended[0]?.seq ?? -1), `r${i}`));
        assert.equal(await e.logHead(log), Math.max(...seqs));
      }));

    it('readLog honours afterSeq and limit', () =>
      withEngine(open, async (e) => {
        const log = uniq('log');
        for (let i = 0; i < 20; i++) await write(e, append(log, `r${i}`));
        const all = await e.readLog(log, 0, 100);
        assert.equal(all.length, 20);
        const s5 = (all[4] as LogRecord).seq;
        const page = await e.readLog(log, s5, 3);
        assert.deepEqual(page, all.slice(5, 8));
        assert.deepEqual(await e.readLog(log, (all[19] as LogRecord).seq, 10), []);
        assert.deepEqual(await e.readLog(log, 0, 0), []);
        assert.deepEqual(await e.readLog(uniq('none'), 0, 10), []);
      }));

    it('trimLog deletes records below a seq and keeps the head', () =>
      withEngine(open, async (e) => {
        const log = uniq('log');
        for (let i = 0; i < 10; i++) await write(e, append(log, `r${i}`));
        const all = await e.readLog(log, 0, 100);
        const head = await e.logHead(log);
        await e.trimLog(log, (all[6] as LogRecord).seq);
        assert.deepEqual(await e.readLog(log, 0, 100), all.slice(6));
        assert.equal(await e.logHead(log), head);
        await e.trimLog(log, head + 1);
        assert.deepEqual(await e.readLog(log, 0, 100), []);
        assert.equal(await e.logHead(log), head);
        // Appends continue after the head, never reusing trimmed numbers.
        const next = await write(e, append(log, 'after'));
        assert.ok((next.appended[0]?.seq ?? 0) > head);
      }));

    it('dropLog removes the log and leaves other logs alone', () =>
      withEngine(open, async (e) => {
        const log = uniq('log');
        const other = uniq('log');
        await write(e, append(log, 'x'), append(other, 'y'));
        await e.dropLog(log);
        assert.deepEqual(await e.readLog(log, 0, 10), []);
        assert.deepEqual((await e.readLog(other, 0, 10)).map((r) => r.value), ['y']);
        await e.dropLog(uniq('none'));
      }));

    it('onAppend fires after commit with the log and its new head; unsubscribe stops it', () =>
      withEngine(open, async (e) => {
        const log = uniq('log');
        const other = uniq('log');
        const calls: { log: string; seq: number }[] = [];
        const visible: Promise<LogRecord[]>[] = [];
        const off = e.onAppend((l, seq) => {
          if (l !== log && l !== other) return; // tolerate appends of other tests on a shared database
          calls.push({ log: l, seq });
          visible.push(e.readLog(l, seq - 1, 1));
        });
        const info = await write(e, append(log, 'a'), append(log, 'b'), append(other, 'c'));
        await write(e, { kind: 'put', space: uniq('s'), key: Uint8Array.of(1), value: 'no append' });
        // Delivered by now (the engine may call listeners right after resolving).
        await new Promise((r) => setImmediate(r));
        const lastOf = (l: string): number => Math.max(...info.appended.filter((x) => x.log === l).map((x) => x.seq));
        assert.deepEqual(
          calls.filter((c) => c.log === log).at(-1),
          { log, seq: lastOf(log) },
        );
        assert.deepEqual(
          calls.filter((c) => c.log === other).at(-1),
          { log: other, seq: lastOf(other) },
        );
        // The record is committed (readable) when the listener runs.
        for (const rows of await Promise.all(visible)) assert.equal(rows.length, 1);
        off();
        const before = calls.length;
        await write(e, append(log, 'd'));
        await new Promise((r) => setImmediate(r));
        assert.equal(calls.length, before);
      }));

    it('a listener that throws does not break commits', () =>
      withEngine(open, async (e) => {
        const log = uniq('log');
        const off = e.onAppend(() => {
          throw new Error('listener bug');
        });
        const info = await write(e, append(log, 'x'));
        assert.equal(info.appended.length, 1);
        const again = await write(e, append(log, 'y'));
        assert.equal(again.appended.length, 1);
        off();
      }));
  });
}
