import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import * as zlib from 'node:zlib';
import { crc32, crc32Js } from '../../src/http/crc32.js';
import { nativeAddon } from '../../src/storage/native-addon.js';

const folded = (nativeAddon() as { crc32?: (data: Uint8Array, value?: number) => number } | null)?.crc32;
const zlibCrc = (zlib as unknown as { crc32?: (data: Uint8Array | string) => number }).crc32;

test('crc32 agrees with the table CRC for every length 0-2100 and unaligned views', () => {
  const block = randomBytes(2200);
  for (let n = 0; n <= 2100; n++) {
    const off = n % 13;
    const view = block.subarray(off, off + n);
    assert.equal(crc32(view), crc32Js(view), `length ${n} at offset ${off}`);
  }
  // Known values: the standard check value, and a string (UTF-8 bytes).
  assert.equal(crc32(Buffer.from('123456789')), 0xcbf43926);
  assert.equal(crc32('123456789'), 0xcbf43926);
  assert.equal(crc32(Buffer.alloc(4096, 0xff)), crc32Js(Buffer.alloc(4096, 0xff)));
});

test('the addon\'s folded CRC agrees with zlib on large buffers and continues from a value', { skip: folded === undefined && 'the addon is not built here or the CPU lacks PCLMULQDQ' }, () => {
  const fold = folded!;
  for (const n of [64, 65, 79, 80, 127, 128, 1000, 10_240, 262_144, 1_048_576 + 7]) {
    const b = randomBytes(n);
    assert.equal(fold(b), crc32Js(b), `length ${n}`);
    if (zlibCrc) assert.equal(fold(b), zlibCrc(b), `length ${n} (zlib)`);
    // In two parts, the second continuing from the first's result, as zlib's crc32(data, value).
    const cut = Math.floor(n / 3);
    assert.equal(fold(b.subarray(cut), fold(b.subarray(0, cut))), fold(b), `length ${n} in two parts`);
  }
  const call = (...a: unknown[]): unknown => (fold as (...x: unknown[]) => unknown)(...a);
  assert.throws(() => call('text'), TypeError);
  assert.throws(() => call(new Uint32Array(4)), TypeError);
  assert.throws(() => call(), TypeError);
});
