/**
 * The storage contract suite: every StorageEngine runs it (see sqlite.test.ts). Engine-agnostic:
 * it uses only the StorageEngine interface and unique space/log/catalog names per test, so it also
 * works against a shared database (PostgreSQL).
 */
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { atomicTests } from './contract-atomic.js';
import { catalogTests } from './contract-catalog.js';
import { logTests } from './contract-log.js';
import { rangeTests } from './contract-range.js';
import type { Write } from '../../src/storage/engine.js';
import { bytes, type OpenEngine, put, uniq, utf8, withEngine, write } from './helpers.js';

export interface StorageContractOptions {
  /** The engine keeps data across close/open (each `open()` sees what earlier engines committed). */
  durable?: boolean;
}

export function runStorageContract(
  name: string,
  open: OpenEngine,
  cleanup?: () => Promise<void>,
  options: StorageContractOptions = {},
): void {
  describe(`storage contract: ${name}`, () => {
    if (cleanup !== undefined) after(cleanup);
    basicTests(open);
    rangeTests(open);
    atomicTests(open);
    logTests(open);
    catalogTests(open);
    entriesTests(open);
    if (options.durable === true) durabilityTests(open);
  });
}

function entriesTests(open: OpenEngine): void {
  describe('rangeEntriesSync (optional)', () => {
    it('gives the rows of rangeValuesSync with UTF-8 lengths; a memo stays with its value until it changes', (t) =>
      withEngine(open, async (e) => {
        if (e.rangeEntriesSync === undefined || e.rangeValuesSync === undefined) {
          t.skip(`${e.kind} keeps no values in memory`);
          return;
        }
        const s = uniq('s');
        const texts = ['a', 'héllo', '日本', 'x'.repeat(3000), ''];
        for (let i = 0; i < texts.length; i++) await put(e, s, bytes(i), texts[i] as string);
        const q = { space: s, limit: 3 };
        const { entries, lastKey } = e.rangeEntriesSync(q);
        const plain = e.rangeValuesSync(q);
        assert.deepEqual(entries.map((x) => x.value), plain.values);
        assert.deepEqual(lastKey, plain.lastKey);
        assert.deepEqual(entries.map((x) => x.utf8Bytes), texts.slice(0, 3).map((x) => Buffer.byteLength(x, 'utf8')));
        assert.deepEqual(entries.map((x) => x.memo), [-1, -1, -1]);
        (entries[1] as { memo: number }).memo = 42;
        const again = e.rangeEntriesSync({ space: s });
        assert.equal(again.entries.length, 5);
        assert.equal(again.lastKey, undefined);
        assert.equal(again.entries[1]?.memo, 42, 'the memo is kept with an unchanged value');
        // copyTo (engines that keep values as bytes) writes exactly the value's UTF-8 bytes where asked.
        again.entries.forEach((entry, i) => {
          if (entry.copyTo === undefined) return;
          const want = Buffer.from(texts[i] as string, 'utf8');
          const target = Buffer.alloc(want.length + 4, 0x7e);
          entry.copyTo(target, 2);
          assert.deepEqual(target, Buffer.concat([Buffer.from('~~'), want, Buffer.from('~~')]), `copyTo of entry ${i}`);
        });
        await put(e, s, bytes(1), 'changed');
        const after = e.rangeEntriesSync({ space: s });
        assert.equal(after.entries[1]?.value, 'changed');
        assert.equal(after.entries[1]?.memo, -1, 'a new value starts without a memo');
        assert.equal(after.entries[1]?.utf8Bytes, 7);
      }));
  });
}

function basicTests(open: OpenEngine): void {
  describe('get / getMany / stats / dropSpace', () => {
    it('reports its kind', () =>
      withEngine(open, async (e) => {
        assert.equal(typeof e.kind, 'string');
        assert.ok(e.kind.length > 0);
      }));

    it('get returns undefined for absent keys and unknown spaces', () =>
      withEngine(open, async (e) => {
        assert.equal(await e.get(uniq('nospace'), bytes(1)), undefined);
        const s = uniq('s');
        await put(e, s, bytes(1), 'one');
        assert.equal(await e.get(s, bytes(2)), undefined);
        assert.equal(await e.get(s, bytes(1, 0)), undefined);
      }));

    it('put, overwrite and delete', () =>
      withEngine(open, async (e) => {
        const s = uniq('s');
        await put(e, s, utf8('k'), 'v1');
        assert.equal(await e.get(s, utf8('k')), 'v1');
        await put(e, s, utf8('k'), 'v2');
        assert.equal(await e.get(s, utf8('k')), 'v2');
        await write(e, { kind: 'delete', space: s, key: utf8('k') });
        assert.equal(await e.get(s, utf8('k')), undefined);
        // Deleting an absent key (or in an unknown space) is not an error.
        await write(e, { kind: 'delete', space: s, key: utf8('k') }, { kind: 'delete', space: uniq('x'), key: bytes(1) });
      }));

    it('keeps spaces apart', () =>
      withEngine(open, async (e) => {
        const a = uniq('a');
        const b = uniq('b');
        await write(e, { kind: 'put', space: a, key: bytes(7), value: 'A' }, { kind: 'put', space: b, key: bytes(7), value: 'B' });
        assert.equal(await e.get(a, bytes(7)), 'A');
        assert.equal(await e.get(b, bytes(7)), 'B');
        assert.deepEqual((await e.range({ space: a })).map((r) => r.value), ['A']);
      }));

    it('treats keys as exact bytes (0x00, 0xFF, prefixes, Uint8Array views)', () =>
      withEngine(open, async (e) => {
        const s = uniq('s');
        const keys = [bytes(0), bytes(0, 0), bytes(0xff), bytes(0xff, 0xff), bytes(1), bytes(1, 0)];
        for (const [i, k] of keys.entries()) await put(e, s, k, `v${i}`);
        for (const [i, k] of keys.entries()) assert.equal(await e.get(s, k), `v${i}`);
        // A key that is a view into a larger buffer must be read by its own bytes only.
        const big = Uint8Array.from([9, 9, 0xff, 0xff, 9]);
        assert.equal(await e.get(s, big.subarray(2, 4)), 'v3');
        await put(e, s, big.subarray(1, 3), 'view');
        assert.equal(await e.get(s, bytes(9, 0xff)), 'view');
      }));

    it('stores values exactly (unicode, JSON, large)', () =>
      withEngine(open, async (e) => {
        const s = uniq('s');
        const values = ['', 'plain', 'äöü €𝄞 日本語', JSON.stringify({ a: { S: 'x\u0000y' } }), 'x'.repeat(500_000)];
        for (const [i, v] of values.entries()) await put(e, s, bytes(i + 1), v);
        for (const [i, v] of values.entries()) assert.equal(await e.get(s, bytes(i + 1)), v);
      }));

    it("stores values given with their UTF-8 length (a put's bytes) exactly, concatenations included", () =>
      withEngine(open, async (e) => {
        const s = uniq('s');
        // Built by concatenation, as an item's text is (a rope in V8, which a UTF-8 write flattens).
        const payload = 'x'.repeat(1000);
        const values = ['{"a":' + payload + '}', '{"é":"' + payload + '日本"}', 'plain', '𝄞' + payload, ''];
        await write(e, ...values.map((v, i): Write => ({ kind: 'put', space: s, key: bytes(i + 1), value: v, bytes: Buffer.byteLength(v, 'utf8') })));
        for (const [i, v] of values.entries()) assert.equal(await e.get(s, bytes(i + 1)), v);
        const stats = await e.stats(s);
        assert.equal(stats.items, values.length);
        if (e.rangeEntriesSync !== undefined) {
          const { entries } = e.rangeEntriesSync({ space: s });
          assert.deepEqual(entries.map((x) => x.utf8Bytes), values.map((v) => Buffer.byteLength(v, 'utf8')));
        }
      }));

    it('getMany returns values in the order of the refs, across spaces', () =>
      withEngine(open, async (e) => {
        const a = uniq('a');
        const b = uniq('b');
        await write(e, { kind: 'put', space: a, key: bytes(1), value: 'a1' }, { kind: 'put', space: b, key: bytes(2), value: 'b2' });
        const got = await e.getMany([
          { space: b, key: bytes(2) },
          { space: a, key: bytes(2) },
          { space: a, key: bytes(1) },
          { space: uniq('none'), key: bytes(1) },
          { space: a, key: bytes(1) },
        ]);
        assert.deepEqual(got, ['b2', undefined, 'a1', undefined, 'a1']);
        assert.deepEqual(await e.getMany([]), []);
      }));

    it('stats counts items and key+value bytes', () =>
      withEngine(open, async (e) => {
        const s = uniq('s');
        assert.deepEqual(await e.stats(s), { items: 0, bytes: 0 });
        await put(e, s, bytes(1, 2, 3), 'abc'); // 3 + 3
        await put(e, s, bytes(4), 'é€'); // 1 + 2 + 3 (UTF-8 bytes)
        assert.deepEqual(await e.stats(s), { items: 2, bytes: 12 });
        await put(e, s, bytes(1, 2, 3), 'abcdef'); // overwrite: 3 + 6
        assert.deepEqual(await e.stats(s), { items: 2, bytes: 15 });
        await write(e, { kind: 'delete', space: s, key: bytes(4) }, { kind: 'delete', space: s, key: bytes(5) });
        assert.deepEqual(await e.stats(s), { items: 1, bytes: 9 });
      }));

    it('stats follow writes of one key made twice in one atomic without reading it', () =>
      withEngine(open, async (e) => {
        const s = uniq('s');
        await write(e, { kind: 'put', space: s, key: bytes(1), value: 'ab' }, { kind: 'put', space: s, key: bytes(1), value: 'abcd' });
        assert.deepEqual(await e.stats(s), { items: 1, bytes: 5 });
        assert.equal(await e.get(s, bytes(1)), 'abcd');
        await write(e, { kind: 'put', space: s, key: bytes(1), value: 'x' }, { kind: 'delete', space: s, key: bytes(1) });
        assert.deepEqual(await e.stats(s), { items: 0, bytes: 0 });
        await write(e, { kind: 'delete', space: s, key: bytes(1) }, { kind: 'put', space: s, key: bytes(1), value: 'xyz' });
        assert.deepEqual(await e.stats(s), { items: 1, bytes: 4 });
      }));

    it('stats is not changed by a failed atomic', () =>
      withEngine(open, async (e) => {
        const s = uniq('s');
        await put(e, s, bytes(1), 'x');
        await assert.rejects(
          e.atomic({
            reads: [],
            apply: () => {
              throw new Error('no');
            },
          }),
        );
        assert.deepEqual(await e.stats(s), { items: 1, bytes: 2 });
      }));

    it('dropSpace removes every row of one space only', () =>
      withEngine(open, async (e) => {
        const s = uniq('s');
        const other = uniq('o');
        for (let i = 0; i < 50; i++) await put(e, s, bytes(i), `v${i}`);
        await put(e, other, bytes(1), 'keep');
        await e.dropSpace(s);
        assert.equal(await e.get(s, bytes(1)), undefined);
        assert.deepEqual(await e.range({ space: s }), []);
        assert.deepEqual(await e.stats(s), { items: 0, bytes: 0 });
        assert.equal(await e.get(other, bytes(1)), 'keep');
        await e.dropSpace(uniq('never-existed'));
        // The space can be used again.
        await put(e, s, bytes(1), 'again');
        assert.equal(await e.get(s, bytes(1)), 'again');
        assert.deepEqual(await e.stats(s), { items: 1, bytes: 6 });
      }));
  });
}

function durabilityTests(open: OpenEngine): void {
  describe('durability', () => {
    it('keeps items, logs, catalog and stats across close and reopen', async () => {
      const s = uniq('s');
      const log = uniq('log');
      const cat = uniq('cat');
      await withEngine(open, async (e) => {
        await write(
          e,
          { kind: 'put', space: s, key: bytes(1), value: 'one' },
          { kind: 'put', space: s, key: bytes(2), value: 'two' },
          { kind: 'append', log, value: 'r1' },
          { kind: 'catalog-put', key: cat, value: 'meta' },
        );
        await write(e, { kind: 'delete', space: s, key: bytes(2) }, { kind: 'append', log, value: 'r2' });
      });
      await withEngine(open, async (e) => {
        assert.equal(await e.get(s, bytes(1)), 'one');
        assert.equal(await e.get(s, bytes(2)), undefined);
        assert.deepEqual(await e.stats(s), { items: 1, bytes: 4 });
        assert.deepEqual(
          (await e.readLog(log, 0, 10)).map((r) => r.value),
          ['r1', 'r2'],
        );
        assert.equal(await e.logHead(log), (await e.readLog(log, 0, 10))[1]?.seq);
        assert.equal(await e.catalogGet(cat), 'meta');
        // Sequence numbers keep increasing after a reopen.
        const info = await write(e, { kind: 'append', log, value: 'r3' });
        assert.ok((info.appended[0]?.seq ?? 0) > ((await e.readLog(log, 0, 2))[1]?.seq ?? Infinity));
      });
    });

    it('keeps values given with their UTF-8 length across close and reopen', async () => {
      const s = uniq('s');
      const values = ['{"a":"' + 'x'.repeat(700) + '"}', '{"é":"' + 'y'.repeat(700) + '日本"}'];
      await withEngine(open, (e) =>
        write(e, ...values.map((v, i): Write => ({ kind: 'put', space: s, key: bytes(i + 1), value: v, bytes: Buffer.byteLength(v, 'utf8') }))),
      );
      await withEngine(open, async (e) => {
        for (const [i, v] of values.entries()) assert.equal(await e.get(s, bytes(i + 1)), v);
      });
    });

    it('close waits for atomics still queued', async () => {
      const s = uniq('s');
      const e = await open();
      const pending = [put(e, s, bytes(1), 'a'), put(e, s, bytes(2), 'b')];
      await e.close();
      await Promise.all(pending);
      await withEngine(open, async (e2) => {
        assert.deepEqual(await e2.getMany([{ space: s, key: bytes(1) }, { space: s, key: bytes(2) }]), ['a', 'b']);
      });
    });
  });
}
