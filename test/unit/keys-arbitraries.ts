/** fast-check arbitraries and oracles (DynamoDB order computed independently) for key tests. */
import fc from 'fast-check';
import { formatNumber } from '../../src/dynamodb/values/number.js';
import type { AttributeValue, ScalarAttributeType } from '../../src/dynamodb/values/types.js';

/** Strings with many edge characters: NUL, 0x01, 0x7F, 0xFF, BMP max, astral, plus any unicode. */
export const keyString = fc.oneof(
  fc.string({ unit: fc.constantFrom('\0', '\u0001', 'a', 'b', '\u007f', '\u00ff', '\uffff', '😀', 'é'), minLength: 1, maxLength: 6 }),
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 12 }),
  fc.string({ unit: 'binary', minLength: 1, maxLength: 12 }),
);

export const keyBinary = fc.oneof(
  fc.uint8Array({ minLength: 1, maxLength: 12 }),
  fc.array(fc.constantFrom(0, 1, 0x7f, 0x80, 0xfe, 0xff), { minLength: 1, maxLength: 6 }).map((a) => Uint8Array.from(a)),
);

const digitsArb = fc
  .array(fc.integer({ min: 0, max: 9 }), { minLength: 0, maxLength: 36 })
  .chain((mid) =>
    fc.tuple(fc.integer({ min: 1, max: 9 }), fc.integer({ min: 1, max: 9 }), fc.boolean()).map(([first, last, single]) =>
      single ? String(first) : `${first}${mid.join('')}${last}`,
    ),
  );

/** Canonical number texts across the whole range 1E-130 .. 9.99…E125, negative, zero. */
export const keyNumber = fc.oneof(
  { weight: 1, arbitrary: fc.constant('0') },
  {
    weight: 6,
    arbitrary: fc
      .tuple(fc.constantFrom<1 | -1>(1, -1), digitsArb, fc.integer({ min: -129, max: 126 }))
      .map(([sign, digits, exponent]) => formatNumber({ sign, digits, exponent })),
  },
  {
    weight: 3,
    // Small, close numbers so that equal exponents and shared digit prefixes are common.
    arbitrary: fc.tuple(fc.integer({ min: -2000, max: 2000 }), fc.integer({ min: 0, max: 3 })).map(([n, scale]) =>
      formatNumber(scaledDecimal(BigInt(n), -scale)),
    ),
  },
);

function scaledDecimal(coefficient: bigint, scaleExponent: number): { sign: -1 | 0 | 1; digits: string; exponent: number } {
  if (coefficient === 0n) return { sign: 0, digits: '', exponent: 0 };
  const neg = coefficient < 0n;
  const text = (neg ? -coefficient : coefficient).toString();
  const digits = text.replace(/0+$/, '');
  return { sign: neg ? -1 : 1, digits, exponent: scaleExponent + text.length };
}

export function b64(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('base64');
}

export function scalarArb(type: ScalarAttributeType): fc.Arbitrary<AttributeValue> {
  if (type === 'S') return keyString.map((S) => ({ S }));
  if (type === 'N') return keyNumber.map((N) => ({ N }));
  return keyBinary.map((b) => ({ B: b64(b) }));
}

/** Exact value of a number text as a fraction over 10^400 (independent of number.ts). */
function numberValue(text: string): bigint {
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(text);
  if (!m) throw new Error(`not canonical: ${text}`);
  const frac = m[3] ?? '';
  const v = BigInt((m[2] ?? '') + frac) * 10n ** BigInt(400 - frac.length);
  return m[1] === '-' ? -v : v;
}

/** DynamoDB's order of two values of one key type. */
export function dynamoCompare(a: AttributeValue, b: AttributeValue): number {
  if ('S' in a && 'S' in b) return Buffer.compare(Buffer.from(a.S, 'utf8'), Buffer.from(b.S, 'utf8'));
  if ('B' in a && 'B' in b) return Buffer.compare(Buffer.from(a.B, 'base64'), Buffer.from(b.B, 'base64'));
  if ('N' in a && 'N' in b) {
    const x = numberValue(a.N);
    const y = numberValue(b.N);
    return x < y ? -1 : x > y ? 1 : 0;
  }
  throw new Error('different types');
}

/** DynamoDB's begins_with on S (code points) and B (bytes). */
export function beginsWith(v: AttributeValue, prefix: AttributeValue): boolean {
  if ('S' in v && 'S' in prefix) return Buffer.from(v.S, 'utf8').subarray(0, Buffer.byteLength(prefix.S)).equals(Buffer.from(prefix.S, 'utf8'));
  if ('B' in v && 'B' in prefix) {
    const p = Buffer.from(prefix.B, 'base64');
    return Buffer.from(v.B, 'base64').subarray(0, p.length).equals(p);
  }
  return false;
}

export function sign(n: number): number {
  return n < 0 ? -1 : n > 0 ? 1 : 0;
}
