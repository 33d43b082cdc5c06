import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ValueSlabs } from '../../src/storage/memory/value-slabs.js';

const utf8 = (s: string): number => Buffer.byteLength(s, 'utf8');

test('values come back exactly: ASCII, multi-byte UTF-8, empty, and escaped lone surrogates', () => {
  const slabs = new ValueSlabs();
  const values = ['', 'a', '{"pk":{"S":"x"}}', 'héllo wörld', '日本語テキスト', '😀 emoji 𝄞', JSON.stringify('\ud800 lone'), 'x'.repeat(5000)];
  const addrs = values.map((v) => slabs.put(v, utf8(v)));
  values.forEach((v, i) => {
    const a = addrs[i] as number;
    assert.equal(slabs.value(a), v);
    assert.equal(slabs.utf8Bytes(a), utf8(v));
    assert.equal(slabs.memo(a), -1);
  });
});

test('a memo is kept with its value and starts at -1 for a value stored in a reused chunk', () => {
  const slabs = new ValueSlabs();
  const a = slabs.put('first value', 11);
  const b = slabs.put('other value', 11);
  slabs.setMemo(a, 1234);
  assert.equal(slabs.memo(a), 1234);
  assert.equal(slabs.memo(b), -1);
  slabs.release(a);
  const c = slabs.put('third value', 11);
  assert.equal(c, a, 'a freed chunk of the same class is reused');
  assert.equal(slabs.memo(c), -1);
  assert.equal(slabs.value(c), 'third value');
  assert.equal(slabs.value(b), 'other value');
});

test('values above a chunk get their own buffer, freed and reused; many values span several slabs', () => {
  const slabs = new ValueSlabs();
  const big = 'B'.repeat(3 << 20);
  const addr = slabs.put(big, big.length);
  assert.equal(slabs.value(addr), big);
  slabs.release(addr);
  const again = slabs.put('y'.repeat(2 << 20), 2 << 20);
  assert.equal(again, addr, 'the released buffer number is reused');
  assert.equal(slabs.utf8Bytes(again), 2 << 20);

  // ~40 MB of 1 KB values: more than the first slabs (4, 8, 16 MB) hold.
  const kept: [number, string][] = [];
  for (let i = 0; i < 40_000; i++) {
    const v = `${i}:`.padEnd(1000 + (i % 50), 'v');
    kept.push([slabs.put(v, v.length), v]);
  }
  for (let i = 0; i < kept.length; i += 997) {
    const [a, v] = kept[i] as [number, string];
    assert.equal(slabs.value(a), v);
  }
  assert.equal(new Set(kept.map(([a]) => a)).size, kept.length, 'every live value has its own address');
});

test('a random mix of puts and releases never lets two live values share bytes', () => {
  const slabs = new ValueSlabs();
  let seed = 7;
  const rnd = (n: number): number => {
    seed = (seed * 1103515245 + 12345) >>> 0;
    return seed % n;
  };
  const live = new Map<number, string>();
  for (let step = 0; step < 20_000; step++) {
    if (live.size > 0 && rnd(3) === 0) {
      const addrs = [...live.keys()];
      const a = addrs[rnd(addrs.length)] as number;
      slabs.release(a);
      live.delete(a);
    } else {
      const len = rnd(4) === 0 ? 1024 + rnd(5000) : rnd(300);
      const v = String.fromCharCode(97 + rnd(26)).repeat(len) + (rnd(5) === 0 ? 'é' : '');
      const a = slabs.put(v, utf8(v));
      assert.ok(!live.has(a));
      live.set(a, v);
    }
  }
  for (const [a, v] of live) assert.equal(slabs.value(a), v);
});
