import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type OpenEngine, uniq, withEngine, write } from './helpers.js';

export function catalogTests(open: OpenEngine): void {
  describe('catalog', () => {
    it('get, put, overwrite and delete through atomic', () =>
      withEngine(open, async (e) => {
        const k = uniq('cat');
        assert.equal(await e.catalogGet(k), undefined);
        await write(e, { kind: 'catalog-put', key: k, value: '{"v":1}' });
        assert.equal(await e.catalogGet(k), '{"v":1}');
        await write(e, { kind: 'catalog-put', key: k, value: '{"v":2}' });
        assert.equal(await e.catalogGet(k), '{"v":2}');
        await write(e, { kind: 'catalog-delete', key: k });
        assert.equal(await e.catalogGet(k), undefined);
        await write(e, { kind: 'catalog-delete', key: k });
      }));

    it('lists entries by prefix, ordered by key', () =>
      withEngine(open, async (e) => {
        const p = uniq('ns');
        const keys = [`${p}/table/b`, `${p}/table/a`, `${p}/table/a/x`, `${p}/tablez`, `${p}/tab`, `${p}0`, `${p}/table/é`];
        await write(e, ...keys.map((key, i) => ({ kind: 'catalog-put' as const, key, value: `v${i}` })));
        const list = await e.catalogList(`${p}/table/`);
        assert.deepEqual(
          list.map((x) => x.key),
          [`${p}/table/a`, `${p}/table/a/x`, `${p}/table/b`, `${p}/table/é`],
        );
        assert.deepEqual(list[0], { key: `${p}/table/a`, value: 'v1' });
        assert.equal((await e.catalogList(`${p}/`)).length, 6);
        assert.deepEqual(await e.catalogList(`${p}/nothing`), []);
        assert.deepEqual(
          (await e.catalogList(p)).map((x) => x.key),
          [`${p}/tab`, `${p}/table/a`, `${p}/table/a/x`, `${p}/table/b`, `${p}/table/é`, `${p}/tablez`, `${p}0`],
        );
      }));

    it('treats LIKE and GLOB metacharacters in prefixes literally', () =>
      withEngine(open, async (e) => {
        const p = uniq('meta');
        await write(
          e,
          { kind: 'catalog-put', key: `${p}%_*/a`, value: '1' },
          { kind: 'catalog-put', key: `${p}xx*/b`, value: '2' },
        );
        assert.deepEqual((await e.catalogList(`${p}%_*`)).map((x) => x.value), ['1']);
      }));

    it('catalog writes roll back with their plan', () =>
      withEngine(open, async (e) => {
        const k = uniq('cat');
        await assert.rejects(
          e.atomic({
            reads: [],
            catalogReads: [k],
            apply: () => {
              throw new Error('abort');
            },
          }),
          /abort/,
        );
        assert.equal(await e.catalogGet(k), undefined);
      }));
  });
}
