import { test } from 'node:test';
import assert from 'node:assert/strict';
import { validateAttributeValue, validateItem } from '../../src/dynamodb/values/validate.js';
import type { AttributeValue } from '../../src/dynamodb/values/types.js';
import { DynamoError } from '../../src/protocol/errors.js';

const P = 'One or more parameter values were invalid: ';
const EMPTY = 'Supplied AttributeValue is empty, must contain exactly one of the supported datatypes';
const MULTI = 'Supplied AttributeValue has more than one datatypes set, must contain exactly one of the supported datatypes';
const NEST = 'Nesting Levels have exceeded supported limits: Attributes in the item have nested levels beyond supported limit';

function rejects(v: unknown, message: string, code = 'ValidationException'): void {
  assert.throws(() => validateAttributeValue(v), (e: unknown) => {
    assert.ok(e instanceof DynamoError);
    assert.equal(e.code, code);
    assert.equal(e.message, message);
    return true;
  }, JSON.stringify(v));
}

function deepMap(depth: number, leaf: AttributeValue = { S: 'leaf' }): AttributeValue {
  let v = leaf;
  for (let i = 0; i < depth; i++) v = { M: { n: v } };
  return v;
}

test('empty and multi-typed values', () => {
  for (const v of [{}, { a: '' }, { M: { a: {} } }, { L: [{}] }, { L: [{ a: {} }] }, { S: null }]) rejects(v, EMPTY);
  rejects({ S: 'a', N: '1' }, MULTI);
  rejects({ S: 'a', BOOL: true, NULL: true }, MULTI);
});

test('per-type problems come before the multiple-types check', () => {
  rejects({ S: '', N: '' }, 'The parameter cannot be converted to a numeric value');
  rejects({ S: 'a', N: 'b' }, 'The parameter cannot be converted to a numeric value: b');
  rejects({ S: 'a', NULL: false }, `${P}Null attribute value types must have the value of true`);
});

test('set and null messages', () => {
  rejects({ NULL: false }, `${P}Null attribute value types must have the value of true`);
  rejects({ SS: [] }, `${P}An string set  may not be empty`);
  rejects({ NS: [] }, `${P}An number set  may not be empty`);
  rejects({ BS: [] }, `${P}Binary sets should not be empty`);
  rejects({ SS: ['a', 'a'] }, `${P}Input collection [a, a] contains duplicates.`);
  rejects({ BS: ['Yg==', 'Yg=='] }, `${P}Input collection [Yg==, Yg==]of type BS contains duplicates.`);
  rejects({ NS: ['1', '1'] }, 'Input collection contains duplicates');
  rejects({ NS: ['1', '2', '2.0'] }, 'Input collection contains duplicates');
  rejects({ NS: ['1', ''] }, 'The parameter cannot be converted to a numeric value');
  rejects({ NS: ['1', 'b'] }, 'The parameter cannot be converted to a numeric value: b');
});

test('numbers inside values', () => {
  rejects({ N: '1e126' }, 'Number overflow. Attempting to store a number with magnitude larger than supported range');
  rejects({ N: '-1e-131' }, 'Number underflow. Attempting to store a number with magnitude smaller than supported range');
  rejects({ L: [{ N: '123456789012345678901234567890123456789' }] }, 'Attempting to store more than 38 significant digits in a Number');
});

test('nesting: 31 wraps accepted, 32 rejected, first problem in document order wins', () => {
  assert.deepEqual(validateAttributeValue(deepMap(31)), deepMap(31));
  rejects(deepMap(32), NEST);
  rejects(deepMap(100), NEST);
  let list: AttributeValue = { S: 'x' };
  for (let i = 0; i < 32; i++) list = { L: [list] };
  rejects(list, NEST);
  rejects(deepMap(40, { N: 'abc' }), NEST);
  rejects({ M: { bad: { N: 'abc' }, d: deepMap(40) } }, 'The parameter cannot be converted to a numeric value: abc');
  rejects({ M: { d: deepMap(40), bad: { N: 'abc' } } }, NEST);
  assert.throws(() => validateAttributeValue(deepMap(31), { level: 2 }), { message: NEST });
});

test('normalizes without mutating the input', () => {
  const input = {
    n: { N: '001.50' },
    ns: { NS: ['1e2', '-0'] },
    b: { B: 'Yg' },
    bs: { BS: ['YWI='] },
    m: { M: { x: { N: '+7' }, ['__proto__']: { S: 'p' } } },
    l: { L: [{ N: '1E1' }, { BOOL: false }, { NULL: true }, { SS: [''] }, { S: '' }] },
  };
  const frozen = JSON.stringify(input);
  const out = validateItem(JSON.parse(frozen));
  assert.equal(JSON.stringify(input), frozen);
  assert.deepEqual(out.n, { N: '1.5' });
  assert.deepEqual(out.ns, { NS: ['0', '100'] }); // stored in DynamoDB's set order (by value)
  assert.deepEqual(out.b, { B: 'Yg==' });
  const m = out.m as { M: Record<string, AttributeValue> };
  assert.deepEqual(m.M.x, { N: '7' });
  assert.ok(Object.hasOwn(m.M, '__proto__'));
  assert.deepEqual(out.l, { L: [{ N: '10' }, { BOOL: false }, { NULL: true }, { SS: [''] }, { S: '' }] });
});

test('invalid base64 is a SerializationException', () => {
  rejects({ B: 'not base64!' }, 'SerializationException', 'SerializationException');
  rejects({ BS: ['Yg==', 'a'] }, 'SerializationException', 'SerializationException');
});
