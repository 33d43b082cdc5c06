import { test } from 'node:test';
import assert from 'node:assert/strict';
import { integerSize, storedItemSize } from '../../src/dynamodb/values/stored-size.js';
import { itemSize, numberSize } from '../../src/dynamodb/values/size.js';
import type { AttributeValue, Item } from '../../src/dynamodb/values/types.js';

/** A small deterministic generator, so failures reproduce. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

test('integerSize equals numberSize for canonical integers and declines anything else', () => {
  const r = rng(7);
  for (let k = 0; k < 20000; k++) {
    let t = String(1 + Math.floor(r() * 9));
    const len = Math.floor(r() * 38);
    for (let j = 0; j < len; j++) t += r() < 0.4 ? '0' : String(Math.floor(r() * 10));
    if (r() < 0.3) t = `-${t}`;
    assert.equal(integerSize(t, 0, t.length), numberSize(t), t);
  }
  assert.equal(integerSize('0', 0, 1), numberSize('0'));
  for (const t of ['', '-', '-0', '00', '012', '+1', '1.5', '1e5', '1 ', 'x']) assert.equal(integerSize(t, 0, t.length), undefined, t);
  assert.equal(integerSize('"123"', 1, 4), numberSize('123'));
});

test('storedItemSize equals itemSize of the parsed item whenever it answers', () => {
  const r = rng(11);
  const pick = <T>(xs: T[]): T => xs[Math.floor(r() * xs.length)] as T;
  const numbers = ['0', '1', '-1', '120', '-4500', '3.25', '-0.001', '1E+5', '99999999999999999999999999999999999999'];
  const strings = ['', 'a', 'héllo', '😀 wide', 'quote " inside', 'back\\slash', 'x'.repeat(300)];
  const values: (() => AttributeValue)[] = [
    () => ({ S: pick(strings) }),
    () => ({ N: pick(numbers) }),
    () => ({ B: pick(['', 'AA==', 'AAEC', 'AAECAw==']) }),
    () => ({ BOOL: r() < 0.5 }),
    () => ({ NULL: true }),
    () => ({ SS: ['a', 'bc'] }),
    () => ({ M: { k: { S: 'v' } } }),
    () => ({ L: [{ N: '1' }] }),
  ];
  let answered = 0;
  for (let k = 0; k < 3000; k++) {
    const item: Item = {};
    const n = Math.floor(r() * 6);
    for (let j = 0; j < n; j++) item[pick(['pk', 'sk', 'n', 'data', 'ü', 'a b'])] = (pick(values))();
    const text = JSON.stringify(item);
    const size = storedItemSize(text);
    if (size === undefined) continue;
    answered++;
    assert.equal(size, itemSize(item), text);
  }
  assert.ok(answered > 500, `answered ${answered}`);
});
