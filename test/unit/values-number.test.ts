import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  addNumbers,
  compareNumbers,
  formatNumber,
  normalizeNumber,
  parseNumber,
  subtractNumbers,
} from '../../src/dynamodb/values/number.js';
import { DynamoError } from '../../src/protocol/errors.js';

const OVERFLOW = 'Number overflow. Attempting to store a number with magnitude larger than supported range';
const UNDERFLOW = 'Number underflow. Attempting to store a number with magnitude smaller than supported range';
const PRECISION = 'Attempting to store more than 38 significant digits in a Number';

function rejects(fn: () => unknown, message: string): void {
  assert.throws(fn, (e: unknown) => {
    assert.ok(e instanceof DynamoError);
    assert.equal(e.code, 'ValidationException');
    assert.equal(e.message, message);
    return true;
  });
}

test('normalizes like DynamoDB', () => {
  const cases: [string, string][] = [
    ['1.0', '1'], ['-0', '0'], ['1E+2', '100'], ['0.010', '0.01'], ['+3', '3'], ['.123', '0.123'],
    ['0001.23', '1.23'], ['1e+5', '100000'], ['0e125', '0'], ['0e-130', '0'], ['1.', '1'], ['-15.789e6', '-15789000'],
    ['0000012345678901234567890123456789012345678', '12345678901234567890123456789012345678'],
    ['-00001.23456789012345678901234567890123456780000', '-1.2345678901234567890123456789012345678'],
    ['0009.99999999999999999999999999999999999990000e125', '9'.repeat(38) + '0'.repeat(88)],
    ['-0001.000e-130', '-0.' + '0'.repeat(129) + '1'],
    ['1.00000000000000007629769841092E+50', '100000000000000007629769841092000000000000000000000'],
  ];
  for (const [input, out] of cases) assert.equal(normalizeNumber(input), out, input);
});

test('rejects malformed numbers with the exact message', () => {
  rejects(() => parseNumber(''), 'The parameter cannot be converted to a numeric value');
  for (const s of ['NaN', 'Infinity', '-Infinity', 'dog', ' 1', '1 ', '.', 'e1', '1e', '1.2.3', '0x10', '--1']) {
    rejects(() => parseNumber(s), `The parameter cannot be converted to a numeric value: ${s}`);
  }
});

test('range and precision limits', () => {
  rejects(() => parseNumber('123456789012345678901234567890123456789'), PRECISION);
  rejects(() => parseNumber('-1.23456789012345678901234567890123456789'), PRECISION);
  rejects(() => parseNumber('1e126'), OVERFLOW);
  rejects(() => parseNumber('-1e126'), OVERFLOW);
  rejects(() => parseNumber('11e125'), OVERFLOW);
  rejects(() => parseNumber('1e99999999999'), OVERFLOW);
  // Past a 64-bit exponent the text is not a number at all; a zero is range-checked by its exponent.
  rejects(() => parseNumber('1e99999999999999999999'), 'The parameter cannot be converted to a numeric value: 1e99999999999999999999');
  rejects(() => parseNumber('0e1000'), OVERFLOW);
  rejects(() => parseNumber('0e-131'), UNDERFLOW);
  rejects(() => parseNumber('1e-131'), UNDERFLOW);
  rejects(() => parseNumber('-0.9e-130'), UNDERFLOW);
  assert.equal(normalizeNumber('9.9999999999999999999999999999999999999E+125').length, 126);
  assert.equal(normalizeNumber('1e-130'), '0.' + '0'.repeat(129) + '1');
  assert.equal(normalizeNumber('1' + '0'.repeat(60)), '1' + '0'.repeat(60));
});

test('arithmetic', () => {
  assert.equal(addNumbers('1', '10000000000000000000000'), '10000000000000000000001');
  assert.equal(subtractNumbers('10000000000000000000000', '1'), '9999999999999999999999');
  assert.equal(addNumbers('0.1', '0.2'), '0.3');
  assert.equal(addNumbers('-5', '5'), '0');
  assert.equal(subtractNumbers('1e-130', '1e-130'), '0');
  rejects(() => addNumbers('9e125', '9e125'), OVERFLOW);
  rejects(() => subtractNumbers('9e125', '-9e125'), OVERFLOW);
  // DynamoDB reports a result needing more than 38 digits as an overflow.
  rejects(() => subtractNumbers('1e50', '1'), OVERFLOW);
  rejects(() => addNumbers('1e50', '1'), OVERFLOW);
  rejects(() => subtractNumbers('1.0000000000000000000000000000000000001e-100', '1e-100'), UNDERFLOW);
});

test('compare', () => {
  assert.ok(compareNumbers('-1', '-2') > 0);
  assert.ok(compareNumbers('0.1', '0.12') < 0);
  assert.equal(compareNumbers('1.0', '1'), 0);
  assert.ok(compareNumbers('-0.5', '0') < 0);
  assert.ok(compareNumbers('100', '99.999') > 0);
});

// Reference: value = coefficient × 10^-SCALE as BigInt.
const SCALE = 40;
function ref(text: string): bigint {
  const d = parseNumber(text);
  if (d.sign === 0) return 0n;
  const shift = d.exponent - d.digits.length + SCALE;
  const c = BigInt(d.digits) * (shift >= 0 ? 10n ** BigInt(shift) : 1n);
  return d.sign < 0 ? -c : c;
}
function fromRef(v: bigint): string {
  const neg = v < 0n;
  let s = (neg ? -v : v).toString().padStart(SCALE + 1, '0');
  s = `${s.slice(0, -SCALE)}.${s.slice(-SCALE)}`;
  return normalizeNumber((neg ? '-' : '') + s);
}
/** The result must equal the reference, or fail with "overflow" when it needs > 38 digits. */
function expectResult(fn: () => string, expected: bigint): void {
  let want: string | undefined;
  try {
    want = fromRef(expected);
  } catch (e) {
    assert.ok(e instanceof DynamoError && e.message === PRECISION);
  }
  if (want === undefined) rejects(fn, OVERFLOW);
  else assert.equal(fn(), want);
}
const numberArb = fc
  .tuple(fc.boolean(), fc.bigInt({ min: 0n, max: 10n ** 18n }), fc.integer({ min: -20, max: 20 }))
  .map(([neg, c, e]) => `${neg ? '-' : ''}${c}e${e}`);

test('property: add/subtract/compare agree with a scaled BigInt reference', () => {
  fc.assert(
    fc.property(numberArb, numberArb, (a, b) => {
      const ra = ref(a);
      const rb = ref(b);
      expectResult(() => addNumbers(a, b), ra + rb);
      expectResult(() => subtractNumbers(a, b), ra - rb);
      assert.equal(Math.sign(compareNumbers(a, b)), ra < rb ? -1 : ra > rb ? 1 : 0);
      assert.equal(formatNumber(parseNumber(normalizeNumber(a))), normalizeNumber(a));
    }),
    { numRuns: 2000 },
  );
});

test('equal negative numbers compare as 0, never -0', () => {
  assert.ok(Object.is(compareNumbers('-5', '-5.00'), 0));
  assert.ok(Object.is(compareNumbers('-1E-130', '-0.1E-129'), 0));
});

test('integer arithmetic: the fast path for small canonical integers agrees with the exact one', () => {
  const MAX = 10n ** 15n - 1n; // 15 digits: the fast path's limit
  const int = fc.oneof(fc.bigInt({ min: -MAX, max: MAX }), fc.bigInt({ min: -(MAX * 1000n), max: MAX * 1000n }), fc.constantFrom(0n, 1n, -1n, MAX, -MAX));
  fc.assert(
    fc.property(int, int, (x, y) => {
      const a = x.toString();
      const b = y.toString();
      assert.equal(addNumbers(a, b), fromRef(ref(a) + ref(b)), `${a} + ${b}`);
      assert.equal(subtractNumbers(a, b), fromRef(ref(a) - ref(b)), `${a} - ${b}`);
    }),
    { numRuns: 2000 },
  );
  // Texts like integers that are not canonical go the exact way, and come out canonical.
  for (const [a, b, sum] of [
    ['007', '1', '8'],
    ['-0', '5', '5'],
    ['+5', '1', '6'],
    ['1e2', '1', '101'],
    ['5.0', '-5', '0'],
    ['999999999999999', '999999999999999', '1999999999999998'],
    ['-999999999999999', '999999999999999', '0'],
    ['1000000000000000', '1', '1000000000000001'],
  ] as const) {
    assert.equal(addNumbers(a, b), sum, `${a} + ${b}`);
  }
  assert.equal(subtractNumbers('5', '5'), '0');
  assert.equal(subtractNumbers('0', '7'), '-7');
  rejects(() => addNumbers('1', 'abc'), 'The parameter cannot be converted to a numeric value: abc');
});
