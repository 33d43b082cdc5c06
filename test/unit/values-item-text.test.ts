import { test } from 'node:test';
import assert from 'node:assert/strict';
import { prepareItem, validateItem } from '../../src/dynamodb/values/validate.js';
import { itemSize } from '../../src/dynamodb/values/size.js';
import { DynamoError } from '../../src/protocol/errors.js';

/**
 * prepareItem must give exactly JSON.stringify(validateItem(x)), its UTF-8 length and itemSize, and
 * the same errors.
 */
function same(raw: unknown): void {
  let expected: unknown;
  try {
    const item = validateItem(raw);
    expected = { json: JSON.stringify(item), size: itemSize(item), item };
  } catch (e) {
    assert.ok(e instanceof DynamoError);
    assert.throws(() => prepareItem(raw), (f: unknown) => f instanceof DynamoError && f.code === e.code && f.message === e.message);
    return;
  }
  const got = prepareItem(raw);
  assert.deepEqual({ json: got.json, size: got.size, item: got.item }, expected, JSON.stringify(raw));
  assert.equal(got.bytes, Buffer.byteLength(got.json, 'utf8'), JSON.stringify(raw));
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
