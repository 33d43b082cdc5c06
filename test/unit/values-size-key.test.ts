import { test } from 'node:test';
import assert from 'node:assert/strict';
import { attributeValueSize, checkItemSize, itemSize, numberSize } from '../../src/dynamodb/values/size.js';
import { extractKeyFromItem, validateKey } from '../../src/dynamodb/values/key.js';
import { compareScalars, valuesEqual } from '../../src/dynamodb/values/compare.js';
import { readCapacityUnits, writeCapacityUnits } from '../../src/dynamodb/values/capacity.js';
import type { KeySchemaDef } from '../../src/dynamodb/tables/table-types.js';
import type { Item } from '../../src/dynamodb/values/types.js';
import { DynamoError } from '../../src/protocol/errors.js';

function rejects(fn: () => unknown, message: string): void {
  assert.throws(fn, (e: unknown) => e instanceof DynamoError && e.code === 'ValidationException' && e.message === message);
}

test('number sizes measured on live DynamoDB', () => {
  const captured: [string, number][] = [
    ['0', 1], ['1', 2], ['12', 2], ['123', 3], ['1234', 3], ['12345678901234567890123456789012345678', 20],
    ['0042', 2], ['100', 2], ['1010', 3], ['0.0000001', 2], ['1E125', 2], ['1E-100', 2], ['1.5', 3],
    ['15', 2], ['1.2', 3], ['1.200', 3], ['1.234', 4], ['3.14159', 5], ['123456', 4], ['100.5', 4],
    ['0.15', 2], ['-42', 3], ['-0', 1],
  ];
  for (const [n, bytes] of captured) assert.equal(numberSize(n), bytes, n);
});

test('value and item sizes', () => {
  assert.equal(attributeValueSize({ S: 'héllo' }), 6);
  assert.equal(attributeValueSize({ B: 'AAEC' }), 3);
  assert.equal(attributeValueSize({ BOOL: true }), 1);
  assert.equal(attributeValueSize({ NULL: true }), 1);
  assert.equal(attributeValueSize({ SS: ['a', 'bc'] }), 3);
  assert.equal(attributeValueSize({ L: [] }), 3);
  assert.equal(attributeValueSize({ L: [{ S: 'ab' }, { N: '1' }] }), 3 + 1 + 2 + 1 + 2);
  assert.equal(attributeValueSize({ M: { ab: { S: 'c' } } }), 3 + 1 + 2 + 1);
  assert.equal(itemSize({ pk: { S: 'abc' }, 'é': { N: '12' } }), 2 + 3 + 2 + 2);
  const at: Item = { pk: { S: 'k' }, p: { S: 'x'.repeat(409600 - 4) } };
  assert.equal(checkItemSize(at), 409600);
  const over: Item = { pk: { S: 'k' }, p: { S: 'x'.repeat(409600 - 3) } };
  rejects(() => checkItemSize(over), 'Item size has exceeded the maximum allowed size');
});

const hashOnly: KeySchemaDef = { hash: { name: 'id', type: 'S' } };
const composite: KeySchemaDef = { hash: { name: 'a', type: 'S' }, range: { name: 'b', type: 'B' } };

test('extractKeyFromItem', () => {
  assert.deepEqual(extractKeyFromItem(hashOnly, { id: { S: 'x' }, other: { N: '1' } }), { id: { S: 'x' } });
  rejects(() => extractKeyFromItem(hashOnly, { b: { S: 'a' } }), 'One or more parameter values were invalid: Missing the key id in the item');
  rejects(() => extractKeyFromItem(composite, { a: { S: 'a' } }), 'One or more parameter values were invalid: Missing the key b in the item');
  rejects(() => extractKeyFromItem(hashOnly, { id: { N: '1' } }), 'One or more parameter values were invalid: Type mismatch for key id expected: S actual: N');
  rejects(() => extractKeyFromItem(hashOnly, { id: { M: {} } }), 'One or more parameter values were invalid: Type mismatch for key id expected: S actual: M');
  rejects(() => extractKeyFromItem(hashOnly, { id: { S: '' } }), 'One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an empty string value. Key: id');
  rejects(() => extractKeyFromItem(composite, { a: { S: 'a' }, b: { B: '' } }), 'One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an empty binary value. Key: b');
  extractKeyFromItem(hashOnly, { id: { S: 'a'.repeat(2048) } });
  rejects(() => extractKeyFromItem(hashOnly, { id: { S: 'a'.repeat(2049) } }), 'One or more parameter values were invalid: Size of hashkey has exceeded the maximum size limit of2048 bytes');
  const big = Buffer.alloc(1025).toString('base64');
  rejects(() => extractKeyFromItem(composite, { a: { S: 'a' }, b: { B: big } }), 'One or more parameter values were invalid: Aggregated size of all range keys has exceeded the size limit of 1024 bytes');
});

test('validateKey', () => {
  const SCHEMA = 'The provided key element does not match the schema';
  assert.deepEqual(validateKey(composite, { b: { B: 'AA==' }, a: { S: 'x' } }), { a: { S: 'x' }, b: { B: 'AA==' } });
  rejects(() => validateKey(composite, { a: { S: 'x' } }), SCHEMA);
  rejects(() => validateKey(hashOnly, { id: { S: 'x' }, extra: { S: 'y' } }), SCHEMA);
  rejects(() => validateKey(hashOnly, { other: { S: 'x' } }), SCHEMA);
  rejects(() => validateKey(hashOnly, { id: { N: '1' } }), SCHEMA);
  rejects(() => validateKey(hashOnly, { id: { S: '' } }), 'One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an empty string value. Key: id');
});

test('compare and equality', () => {
  assert.ok((compareScalars({ S: '\uFF61' }, { S: '\u{1F600}' }) ?? 0) < 0); // UTF-8 order, not UTF-16
  assert.ok((compareScalars({ S: 'a' }, { S: 'B' }) ?? 0) > 0);
  assert.ok((compareScalars({ N: '-10' }, { N: '9' }) ?? 0) < 0);
  assert.ok((compareScalars({ B: '/w==' }, { B: 'AQ==' }) ?? 0) > 0); // unsigned bytes
  assert.equal(compareScalars({ S: '1' }, { N: '1' }), undefined);
  assert.equal(compareScalars({ BOOL: true }, { BOOL: true }), undefined);
  assert.ok(valuesEqual({ NS: ['1', '2'] }, { NS: ['2', '1.0'] }));
  assert.ok(valuesEqual({ SS: ['a', 'b'] }, { SS: ['b', 'a'] }));
  assert.ok(!valuesEqual({ SS: ['a'] }, { SS: ['a', 'b'] }));
  assert.ok(valuesEqual({ M: { x: { L: [{ N: '1' }, { B: 'Yg' }] } } }, { M: { x: { L: [{ N: '1.00' }, { B: 'Yg==' }] } } }));
  assert.ok(!valuesEqual({ L: [{ N: '1' }, { N: '2' }] }, { L: [{ N: '2' }, { N: '1' }] }));
  assert.ok(!valuesEqual({ S: '1' }, { N: '1' }));
  assert.ok(valuesEqual({ NULL: true }, { NULL: true }));
});

test('capacity units', () => {
  assert.equal(readCapacityUnits(0, true), 1);
  assert.equal(readCapacityUnits(0, false), 0.5);
  assert.equal(readCapacityUnits(4096, true), 1);
  assert.equal(readCapacityUnits(4097, true), 2);
  assert.equal(readCapacityUnits(4097, false), 1);
  assert.equal(writeCapacityUnits(0), 1);
  assert.equal(writeCapacityUnits(1024), 1);
  assert.equal(writeCapacityUnits(1025), 2);
});
