import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Write } from '../../src/storage/engine.js';
import { checkWrites } from '../../src/storage/write-checks.js';
import { openHeapEngine } from '../../src/storage/memory/heap-engine.js';

const key = Uint8Array.of(1);
const refused = (w: unknown): void => assert.throws(() => checkWrites([w as Write]), TypeError, JSON.stringify(w));

test('checkWrites: well-formed writes pass, malformed ones are refused', () => {
  checkWrites([
    { kind: 'put', space: 's', key, value: 'v' },
    { kind: 'delete', space: 's', key },
    { kind: 'append', log: 'l', value: 'r' },
    { kind: 'catalog-put', key: 'k', value: 'v' },
    { kind: 'catalog-delete', key: 'k' },
  ]);
  refused({ kind: 'put', space: 's', key: 'not bytes', value: 'v' });
  refused({ kind: 'put', space: 's', key, value: 1 });
  refused({ kind: 'delete', space: 1, key });
  refused({ kind: 'append', log: 'l' });
  refused({ kind: 'catalog-put', key: 'k' });
  refused({ kind: 'nothing' });
  assert.throws(() => checkWrites(undefined as unknown as Write[]), TypeError);
});

test("checkWrites: a put's UTF-8 length must be one the value can have", () => {
  for (const value of ['', 'ascii', 'é', '日本', '𝄞', '\ud800']) {
    checkWrites([{ kind: 'put', space: 's', key, value, bytes: Buffer.byteLength(value, 'utf8') }]);
  }
  refused({ kind: 'put', space: 's', key, value: 'abc', bytes: 2 });
  refused({ kind: 'put', space: 's', key, value: 'abc', bytes: 10 });
  refused({ kind: 'put', space: 's', key, value: 'abc', bytes: 3.5 });
  refused({ kind: 'put', space: 's', key, value: 'abc', bytes: '3' });
});

test('an engine refuses a plan whose put has an impossible length, and writes none of it', async () => {
  const e = openHeapEngine();
  try {
    const plan = (bytes: number) => ({
      reads: [],
      apply: () => ({
        writes: [
          { kind: 'put', space: 's', key: Uint8Array.of(1), value: 'first' },
          { kind: 'put', space: 's', key: Uint8Array.of(2), value: 'abc', bytes },
        ] as Write[],
        result: null,
      }),
    });
    await assert.rejects(e.atomic(plan(1)), TypeError);
    assert.equal(await e.get('s', Uint8Array.of(1)), undefined);
    await e.atomic(plan(3));
    assert.deepEqual(await e.getMany([{ space: 's', key: Uint8Array.of(1) }, { space: 's', key: Uint8Array.of(2) }]), ['first', 'abc']);
  } finally {
    await e.close();
  }
});
