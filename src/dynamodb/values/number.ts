/**
 * DynamoDB numbers: signed decimals with at most 38 significant digits and a magnitude in
 * [1E-130, 9.9999999999999999999999999999999999999E+125] (or exactly zero).
 *
 * Numbers travel as strings. Once validated they are kept in the canonical form DynamoDB returns
 * (formatNumber): no exponent, no leading zeros, no trailing fractional zeros, no '+', no '-0'.
 */
import { DynamoError } from '../../protocol/errors.js';

/** value = sign × 0.d1d2d3… × 10^exponent. `digits` has no leading or trailing zeros; '' iff zero. */
export interface Decimal {
  sign: -1 | 0 | 1;
  digits: string;
  exponent: number;
}

export const MAX_SIGNIFICANT_DIGITS = 38;
/** Largest `exponent` of a Decimal (value < 10^126). */
export const MAX_DECIMAL_EXPONENT = 126;
/** Smallest `exponent` of a non-zero Decimal (value ≥ 10^-130 = 0.1 × 10^-129). */
export const MIN_DECIMAL_EXPONENT = -129;

export const NUMBER_MESSAGES = {
  notNumeric: 'The parameter cannot be converted to a numeric value',
  precision: 'Attempting to store more than 38 significant digits in a Number',
  overflow: 'Number overflow. Attempting to store a number with magnitude larger than supported range',
  underflow: 'Number underflow. Attempting to store a number with magnitude smaller than supported range',
} as const;

export const ZERO: Decimal = Object.freeze({ sign: 0, digits: '', exponent: 0 }) as Decimal;

const NUMBER_RE = /^([+-]?)([0-9]*)(?:\.([0-9]*))?(?:[eE]([+-]?[0-9]+))?$/;
/** Exponents beyond this are clamped; they are out of range whatever the mantissa. */
const EXPONENT_CLAMP = 1e15;

/** The message DynamoDB gives for text that is not a number ('…value' for '', '…value: x' otherwise). */
export function notNumericMessage(text: string): string {
  return text === '' ? NUMBER_MESSAGES.notNumeric : `${NUMBER_MESSAGES.notNumeric}: ${text}`;
}

/** Parses the syntax only (no precision or range check). Returns undefined for malformed text. */
export function parseDecimalSyntax(text: string): Decimal | undefined {
  const m = NUMBER_RE.exec(text);
  if (!m) return undefined;
  const intPart = m[2] ?? '';
  const fracPart = m[3] ?? '';
  if (intPart === '' && fracPart === '') return undefined;
  if (m[4] !== undefined && m[4].length > 18 && !fitsInt64(m[4])) return undefined;
  let exp = m[4] === undefined ? 0 : Number(m[4]);
  if (exp > EXPONENT_CLAMP) exp = EXPONENT_CLAMP;
  else if (exp < -EXPONENT_CLAMP) exp = -EXPONENT_CLAMP;
  const all = intPart + fracPart;
  let start = 0;
  while (start < all.length && all.charCodeAt(start) === 48) start++;
  // A zero keeps the exponent it was written with (as the position of its last digit, like
  // 1eN), because DynamoDB range-checks 0e126 and 0e-131 like 1e126 and 1e-131.
  if (start === all.length) return { sign: 0, digits: '', exponent: m[4] === undefined ? 0 : exp - fracPart.length + 1 };
  let end = all.length;
  while (all.charCodeAt(end - 1) === 48) end--;
  return {
    sign: m[1] === '-' ? -1 : 1,
    digits: all.slice(start, end),
    exponent: intPart.length - start + exp,
  };
}

/**
 * True if an exponent's text fits a signed 64-bit integer. DynamoDB reads the exponent in full:
 * past 32 bits it is an overflow or underflow, past 64 bits the text is not a number at all.
 */
function fitsInt64(expText: string): boolean {
  const negative = expText.charCodeAt(0) === 45;
  const digits = expText.replace(/^[+-]?0*/, '');
  if (digits.length !== 19) return digits.length < 19;
  return digits <= (negative ? '9223372036854775808' : '9223372036854775807');
}

/** Throws DynamoDB's ValidationException if `d` has too many digits or is out of range. */
export function checkDecimal(d: Decimal): Decimal {
  if (d.sign === 0) {
    if (d.exponent > MAX_DECIMAL_EXPONENT) throw DynamoError.validation(NUMBER_MESSAGES.overflow);
    if (d.exponent < MIN_DECIMAL_EXPONENT) throw DynamoError.validation(NUMBER_MESSAGES.underflow);
    return d;
  }
  if (d.digits.length > MAX_SIGNIFICANT_DIGITS) throw DynamoError.validation(NUMBER_MESSAGES.precision);
  if (d.exponent > MAX_DECIMAL_EXPONENT) throw DynamoError.validation(NUMBER_MESSAGES.overflow);
  if (d.exponent < MIN_DECIMAL_EXPONENT) throw DynamoError.validation(NUMBER_MESSAGES.underflow);
  return d;
}

/** Parses a DynamoDB number, throwing DynamoDB's ValidationException messages. */
export function parseNumber(text: string): Decimal {
  const d = typeof text === 'string' ? parseDecimalSyntax(text) : undefined;
  if (!d) throw DynamoError.validation(notNumericMessage(typeof text === 'string' ? text : String(text)));
  return checkDecimal(d);
}

/** The canonical text DynamoDB returns: plain digits, no exponent. */
export function formatNumber(d: Decimal): string {
  if (d.sign === 0 || d.digits === '') return '0';
  const sign = d.sign < 0 ? '-' : '';
  const { digits, exponent } = d;
  if (exponent <= 0) return `${sign}0.${'0'.repeat(-exponent)}${digits}`;
  if (exponent >= digits.length) return sign + digits + '0'.repeat(exponent - digits.length);
  return `${sign}${digits.slice(0, exponent)}.${digits.slice(exponent)}`;
}

/** formatNumber(parseNumber(text)). */
export function normalizeNumber(text: string): string {
  return formatNumber(parseNumber(text));
}

/** True if `text` is already the canonical form of a valid number. */
export function isCanonicalNumber(text: string): boolean {
  const d = parseDecimalSyntax(text);
  if (!d) return false;
  try {
    checkDecimal(d);
  } catch {
    return false;
  }
  return formatNumber(d) === text;
}

/** Numeric order of two decimals (negative, 0, positive). */
export function compareDecimals(a: Decimal, b: Decimal): number {
  if (a.sign !== b.sign) return a.sign < b.sign ? -1 : 1;
  if (a.sign === 0) return 0;
  let c: number;
  if (a.exponent !== b.exponent) c = a.exponent < b.exponent ? -1 : 1;
  else if (a.digits === b.digits) return 0; // not `sign * 0`, which is -0 for negatives
  else c = a.digits < b.digits ? -1 : 1;
  return a.sign * c;
}

/** Numeric order of two number strings (parsed and validated). */
export function compareNumbers(a: string, b: string): number {
  return compareDecimals(parseNumber(a), parseNumber(b));
}

/** True if two decimals are numerically equal. */
export function decimalsEqual(a: Decimal, b: Decimal): boolean {
  return a.sign === b.sign && a.digits === b.digits && (a.sign === 0 || a.exponent === b.exponent);
}

/** value = coefficient × 10^scaleExponent, exactly. */
export function decimalToScaled(d: Decimal): { coefficient: bigint; scaleExponent: number } {
  if (d.sign === 0) return { coefficient: 0n, scaleExponent: 0 };
  const c = BigInt(d.digits);
  return { coefficient: d.sign < 0 ? -c : c, scaleExponent: d.exponent - d.digits.length };
}

/** The Decimal equal to coefficient × 10^scaleExponent (no range check). */
export function scaledToDecimal(coefficient: bigint, scaleExponent: number): Decimal {
  if (coefficient === 0n) return { sign: 0, digits: '', exponent: 0 };
  const negative = coefficient < 0n;
  const text = (negative ? -coefficient : coefficient).toString();
  let end = text.length;
  while (text.charCodeAt(end - 1) === 48) end--;
  return { sign: negative ? -1 : 1, digits: text.slice(0, end), exponent: scaleExponent + text.length };
}

/**
 * a + b exactly. A result DynamoDB cannot store fails like DynamoDB's UpdateExpression arithmetic:
 * too large in magnitude, or needing more than 38 significant digits → "Number overflow…";
 * too small in magnitude → "Number underflow…".
 */
export function addDecimals(a: Decimal, b: Decimal): Decimal {
  if (a.sign === 0) return b;
  if (b.sign === 0) return a;
  const x = decimalToScaled(a);
  const y = decimalToScaled(b);
  const scale = Math.min(x.scaleExponent, y.scaleExponent);
  const sum =
    x.coefficient * 10n ** BigInt(x.scaleExponent - scale) + y.coefficient * 10n ** BigInt(y.scaleExponent - scale);
  const r = scaledToDecimal(sum, scale);
  if (r.sign === 0) return r;
  if (r.exponent > MAX_DECIMAL_EXPONENT) throw DynamoError.validation(NUMBER_MESSAGES.overflow);
  if (r.digits.length > MAX_SIGNIFICANT_DIGITS) throw DynamoError.validation(NUMBER_MESSAGES.overflow);
  if (r.exponent < MIN_DECIMAL_EXPONENT) throw DynamoError.validation(NUMBER_MESSAGES.underflow);
  return r;
}

export function negateDecimal(d: Decimal): Decimal {
  return d.sign === 0 ? d : { sign: d.sign < 0 ? 1 : -1, digits: d.digits, exponent: d.exponent };
}

export function subtractDecimals(a: Decimal, b: Decimal): Decimal {
  return addDecimals(a, negateDecimal(b));
}

/**
 * Canonical integers of at most 15 digits ('0', '7', '-120'): their sum or difference is exact in
 * a double, and String() of it is its canonical text. A counter's ADD is such a sum; parsing both
 * into decimals and back cost ~1 µs where this costs ~0.2.
 */
const SMALL_INTEGER = /^(?:0|-?[1-9][0-9]{0,14})$/;

/** a + b of two number strings, as a canonical number string. */
export function addNumbers(a: string, b: string): string {
  if (SMALL_INTEGER.test(a) && SMALL_INTEGER.test(b)) return String(Number(a) + Number(b));
  return formatNumber(addDecimals(parseNumber(a), parseNumber(b)));
}

/** a − b of two number strings, as a canonical number string. */
export function subtractNumbers(a: string, b: string): string {
  if (SMALL_INTEGER.test(a) && SMALL_INTEGER.test(b)) return String(Number(a) - Number(b));
  return formatNumber(subtractDecimals(parseNumber(a), parseNumber(b)));
}
