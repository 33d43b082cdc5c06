import { test } from 'node:test';
import assert from 'node:assert/strict';
import { prepareItem, validateItem } from '../../src/dynamodb/values/validate.js';
import { itemSize } from '../../src/dynamodb/values/size.js';
import { DynamoError } from '../../src/protocol/errors.js';
import { prng } from '../storage-contract/helpers.js';

/**
 * prepareItem must give exactly JSON.stringify(validateItem(x)), its UTF-8 length and itemSize, and
 * the same errors.
 */
/** Returns whether the item was valid (its text compared) rather than refused by both. */
function same(raw: unknown): boolean {
  let expected: unknown;
  try {
    const item = validateItem(raw);
    expected = { json: JSON.stringify(item), size: itemSize(item), item };
  } catch (e) {
    assert.ok(e instanceof DynamoError);
    assert.throws(() => prepareItem(raw), (f: unknown) => f instanceof DynamoError && f.code === e.code && f.message === e.message);
    return false;
  }
  const got = prepareItem(raw);
  assert.deepEqual({ json: got.json, size: got.size, item: got.item }, expected, JSON.stringify(raw));
  assert.equal(got.bytes, Buffer.byteLength(got.json, 'utf8'), JSON.stringify(raw));
  return true;
}

const STRINGS = [
  '', 'a', 'x'.repeat(1000), 'quote " inside', 'back\\slash', 'tab\there', 'nl\n', '\u0000', '\u001f', '\u007f', 'é', '日本語',
  '😀', '\ud800', 'lone \udc00 low', 'mixed é "q" \\', '</script>', '\u2028\u2029',
];

test('prepareItem: text and size equal JSON.stringify and itemSize', () => {
  for (const s of STRINGS) {
    same({ a: { S: s } });
    same({ [s === '' ? 'e' : s]: { S: 'v' }, n: { N: '1' } });
    same({ k: { SS: [s === '' ? 'x' : s, 'y'] } });
    same({ m: { M: { [s]: { S: s } } }, l: { L: [{ S: s }, { N: '2' }] } });
  }
  same({});
  same({ n1: { N: '-0012.50' }, n2: { N: '1E+3' }, n3: { N: '0.000' }, ns: { NS: ['1', '2.0', '-3'] } });
  same({ b: { B: 'AAEC' }, bs: { BS: ['AA==', 'AQ=='] }, t: { BOOL: true }, f: { BOOL: false }, z: { NULL: true } });
  // Integer-like names are enumerated first by both JSON.stringify and Object.keys.
  same({ b: { S: '1' }, 2: { S: '2' }, a: { S: '3' }, 1: { S: '4' } });
  same(JSON.parse('{"__proto__":{"S":"p"},"x":{"N":"5"}}'));
  same({ deep: { M: { a: { L: [{ M: { b: { BOOL: true } } }, { NULL: true }] } } } });
});

test('prepareItem: the same errors as validateItem', () => {
  same({ a: { S: 'x' }, b: { N: 'abc' } });
  same({ a: { S: 1 } });
  same({ a: { NULL: false } });
  same({ a: {} });
  same({ a: { S: 'x', N: '1' } });
  same({ a: { SS: [] } });
  same({ a: { NS: ['1', '1.0'] } });
  same([{ S: 'x' }]);
  same(null);
});

test('prepareItem with escapeFree: the same text for items parsed from a body without backslashes', () => {
  // What escapeFree promises: the item came from JSON text without a backslash, so no string in
  // it holds a quote, a backslash or a control character. Such items must give the same text.
  let checked = 0;
  for (const s of STRINGS) {
    const body = JSON.stringify({ a: { S: s }, [s === '' ? 'e' : s]: { S: 'v' }, m: { M: { [s]: { S: s } } }, k: { SS: [s === '' ? 'x' : s, 'y'] } });
    if (body.includes('\\')) continue;
    const raw = JSON.parse(body) as unknown;
    const plain = prepareItem(raw);
    const fast = prepareItem(raw, true);
    assert.deepEqual({ json: fast.json, size: fast.size, item: fast.item }, { json: plain.json, size: plain.size, item: plain.item }, body);
    assert.equal(fast.json, JSON.stringify(validateItem(raw)));
    assert.equal(fast.bytes, Buffer.byteLength(fast.json, 'utf8'), body);
    checked++;
  }
  assert.ok(checked >= 8, `only ${checked} escape-free bodies`);
});

test('prepareItem: random items give JSON.stringify, itemSize and the UTF-8 length', () => {
  // Strings drawn from ASCII, escapes, control characters, two-, three- and four-byte characters
  // and lone surrogates; values of every type, nested up to three levels.
  const next = prng(20261204);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)] as T;
  const CHARS = ['a', 'Z', '0', ' ', '"', '\\', '\n', '\u0001', '\u007f', 'é', 'ß', '€', '日', '😀', '\ud83d', '\ude00', '\u2028'];
  const str = (min: number): string => {
    let s = '';
    const n = min + Math.floor(next() * 12);
    for (let i = 0; i < n; i++) s += pick(CHARS);
    return s;
  };
  const value = (depth: number): unknown => {
    switch (Math.floor(next() * (depth < 3 ? 9 : 7))) {
      case 0: return { S: str(0) };
      case 1: return { N: pick(['0', '-1.50', '1e3', '12345678901234567890', '0.001']) };
      case 2: return { B: pick(['', 'AAEC', 'aGVsbG8=']) };
      case 3: return { BOOL: next() < 0.5 };
      case 4: return { NULL: true };
      case 5: return { SS: [str(1), str(1) + 'x'] };
      case 6: return { NS: ['1', '2.5'] };
      case 7: return { M: { [str(0)]: value(depth + 1), [str(1) + 'k']: value(depth + 1) } };
      default: return { L: [value(depth + 1), value(depth + 1)] };
    }
  };
  let valid = 0;
  for (let i = 0; i < 400; i++) {
    const item: Record<string, unknown> = {};
    const n = 1 + Math.floor(next() * 4);
    for (let j = 0; j < n; j++) item[str(1) + j] = value(1);
    if (same(item)) valid++;
  }
  assert.ok(valid >= 200, `only ${valid} of 400 random items were valid`);
});
