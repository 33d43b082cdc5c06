import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { bytes, incrementPlan, type OpenEngine, put, uniq, utf8, withEngine } from './helpers.js';

export function atomicTests(open: OpenEngine): void {
  describe('atomic', () => {
    it('passes current values in the order of reads and returns the result', () =>
      withEngine(open, async (e) => {
        const s = uniq('s');
        const t = uniq('t');
        await put(e, s, bytes(1), 'one');
        await put(e, t, bytes(3), 'three');
        const seen: (string | undefined)[][] = [];
        const info = await e.atomic({
          reads: [
            { space: t, key: bytes(3) },
            { space: s, key: bytes(2) },
            { space: s, key: bytes(1) },
            { space: uniq('none'), key: bytes(1) },
          ],
          apply: (current) => {
            seen.push(current);
            return { writes: [], result: { ok: 42 } };
          },
        });
        assert.deepEqual(seen.at(-1), ['three', undefined, 'one', undefined]);
        assert.deepEqual(info.result, { ok: 42 });
        assert.deepEqual(info.appended, []);
      }));

    it('writes nothing when apply throws, and rethrows the same error', () =>
      withEngine(open, async (e) => {
        const s = uniq('s');
        await put(e, s, bytes(1), 'before');
        const boom = new Error('condition failed');
        await assert.rejects(
          e.atomic({
            reads: [{ space: s, key: bytes(1) }],
            apply: () => {
              throw boom;
            },
          }),
          (err) => err === boom,
        );
        assert.equal(await e.get(s, bytes(1)), 'before');
      }));

    it('a throwing plan does not affect plans committed alongside it', () =>
      withEngine(open, async (e) => {
        const s = uniq('s');
        const log = uniq('log');
        const results = await Promise.allSettled([
          e.atomic(incrementPlan(s, bytes(1))),
          e.atomic({
            reads: [{ space: s, key: bytes(1) }],
            apply: () => {
              throw new Error('rejected');
            },
          }),
          e.atomic({
            reads: [],
            apply: () => ({
              writes: [
                { kind: 'put', space: s, key: bytes(2), value: 'x' },
                { kind: 'append', log, value: 'ok' },
              ],
              result: 'third',
            }),
          }),
          e.atomic(incrementPlan(s, bytes(1))),
        ]);
        assert.deepEqual(
          results.map((r) => r.status),
          ['fulfilled', 'rejected', 'fulfilled', 'fulfilled'],
        );
        assert.equal(await e.get(s, bytes(1)), '2');
        assert.equal(await e.get(s, bytes(2)), 'x');
        assert.deepEqual((await e.readLog(log, 0, 10)).map((r) => r.value), ['ok']);
      }));

    it('commits all writes of one plan or none (many keys, spaces, logs, catalog)', () =>
      withEngine(open, async (e) => {
        const s = uniq('s');
        const t = uniq('t');
        const log = uniq('log');
        const cat = uniq('cat');
        const info = await e.atomic({
          reads: [],
          apply: () => ({
            writes: [
              ...Array.from({ length: 100 }, (_, i) => ({ kind: 'put' as const, space: s, key: bytes(i), value: `v${i}` })),
              { kind: 'put', space: t, key: utf8('index-row'), value: '{}' },
              { kind: 'delete', space: s, key: bytes(99) },
              { kind: 'append', log, value: 'rec' },
              { kind: 'catalog-put', key: cat, value: 'c' },
            ],
            result: null,
          }),
        });
        assert.equal(info.appended.length, 1);
        assert.equal((await e.range({ space: s })).length, 99);
        assert.equal(await e.get(t, utf8('index-row')), '{}');
        assert.equal(await e.catalogGet(cat), 'c');
      }));

    it('applies writes of one plan in order (later write to a key wins)', () =>
      withEngine(open, async (e) => {
        const s = uniq('s');
        await e.atomic({
          reads: [],
          apply: () => ({
            writes: [
              { kind: 'put', space: s, key: bytes(1), value: 'first' },
              { kind: 'put', space: s, key: bytes(1), value: 'second' },
              { kind: 'put', space: s, key: bytes(2), value: 'gone' },
              { kind: 'delete', space: s, key: bytes(2) },
            ],
            result: null,
          }),
        });
        assert.equal(await e.get(s, bytes(1)), 'second');
        assert.equal(await e.get(s, bytes(2)), undefined);
        assert.deepEqual(await e.stats(s), { items: 1, bytes: 7 });
      }));

    it('never loses an update: 200 concurrent read-modify-write increments give 200', () =>
      withEngine(open, async (e) => {
        const s = uniq('s');
        const results = await Promise.all(Array.from({ length: 200 }, () => e.atomic(incrementPlan(s, bytes(7)))));
        assert.equal(await e.get(s, bytes(7)), '200');
        // Each increment saw a distinct previous value.
        assert.deepEqual(
          results.map((r) => r.result).sort((a, b) => a - b),
          Array.from({ length: 200 }, (_, i) => i + 1),
        );
      }));

    it('serializes concurrent increments spread over time and keys', () =>
      withEngine(open, async (e) => {
        const s = uniq('s');
        const work: Promise<unknown>[] = [];
        for (let round = 0; round < 10; round++) {
          for (let k = 0; k < 5; k++) for (let j = 0; j < 10; j++) work.push(e.atomic(incrementPlan(s, bytes(k))));
          await new Promise((r) => setImmediate(r));
        }
        await Promise.all(work);
        for (let k = 0; k < 5; k++) assert.equal(await e.get(s, bytes(k)), '100');
      }));

    it('conditional create: of many concurrent "put if absent", exactly one wins', () =>
      withEngine(open, async (e) => {
        const s = uniq('s');
        const attempts = Array.from({ length: 50 }, (_, i) =>
          e.atomic({
            reads: [{ space: s, key: bytes(1) }],
            apply: ([cur]) => {
              if (cur !== undefined) throw new Error('exists');
              return { writes: [{ kind: 'put', space: s, key: bytes(1), value: `owner${i}` }], result: i };
            },
          }),
        );
        const settled = await Promise.allSettled(attempts);
        const winners = settled.filter((r) => r.status === 'fulfilled');
        assert.equal(winners.length, 1);
        const winner = winners[0] as PromiseFulfilledResult<{ result: number }>;
        assert.equal(await e.get(s, bytes(1)), `owner${winner.value.result}`);
      }));

    it('reads the catalog through catalogReads, seeing earlier commits', () =>
      withEngine(open, async (e) => {
        const a = uniq('cat');
        const b = uniq('cat');
        await e.atomic({ reads: [], apply: () => ({ writes: [{ kind: 'catalog-put', key: a, value: '1' }], result: null }) });
        const bump = (): Promise<unknown> =>
          e.atomic({
            reads: [],
            catalogReads: [b, a],
            apply: (_cur, [bv, av]) => {
              assert.equal(bv, undefined);
              return { writes: [{ kind: 'catalog-put', key: a, value: String(Number(av) + 1) }], result: null };
            },
          });
        await Promise.all([bump(), bump(), bump()]);
        assert.equal(await e.catalogGet(a), '4');
      }));

    it('writes through several key arrays with the same bytes: the last write wins, stats follow', () =>
      withEngine(open, async (e) => {
        const s = uniq('s');
        await put(e, s, bytes(9), 'old');
        const a = bytes(5);
        const b = bytes(5);
        const c = bytes(9);
        await e.atomic({
          reads: [
            { space: s, key: a },
            { space: s, key: b },
            { space: s, key: c },
          ],
          apply: (current) => {
            assert.deepEqual(current, [undefined, undefined, 'old']);
            return {
              writes: [
                { kind: 'put', space: s, key: a, value: 'first' },
                { kind: 'delete', space: s, key: b },
                { kind: 'put', space: s, key: bytes(5), value: 'third' },
                { kind: 'delete', space: s, key: c },
                { kind: 'put', space: s, key: c, value: 'again' },
                { kind: 'delete', space: s, key: bytes(9) },
              ],
              result: undefined,
            };
          },
        });
        assert.equal(await e.get(s, bytes(5)), 'third');
        assert.equal(await e.get(s, bytes(9)), undefined);
        assert.deepEqual(await e.stats(s), { items: 1, bytes: 1 + utf8('third').length });
        await e.atomic({
          reads: [{ space: s, key: a }],
          apply: () => ({
            writes: [
              { kind: 'delete', space: s, key: a },
              { kind: 'put', space: s, key: a, value: 'back' },
            ],
            result: undefined,
          }),
        });
        assert.equal(await e.get(s, bytes(5)), 'back');
        assert.deepEqual(await e.stats(s), { items: 1, bytes: 1 + utf8('back').length });
        // A put through one array, then a delete through another with the same bytes.
        await e.atomic({
          reads: [
            { space: s, key: a },
            { space: s, key: b },
          ],
          apply: () => ({
            writes: [
              { kind: 'put', space: s, key: a, value: 'gone soon' },
              { kind: 'delete', space: s, key: b },
            ],
            result: undefined,
          }),
        });
        assert.equal(await e.get(s, bytes(5)), undefined);
        assert.deepEqual(await e.stats(s), { items: 0, bytes: 0 });
      }));
  });
}
