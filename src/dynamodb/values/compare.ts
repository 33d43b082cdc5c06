/**
 * Equality and ordering of AttributeValues, as DynamoDB's conditions and key order use them.
 * Values are expected to be validated (numbers parseable, binaries valid base64).
 */
import { base64Bytes } from './base64.js';
import { compareDecimals, decimalsEqual, parseDecimalSyntax } from './number.js';
import { sameMembers } from './set-members.js';
import { typeOf, type AttributeValue } from './types.js';

function numbersEqual(a: string, b: string): boolean {
  if (a === b) return true;
  const x = parseDecimalSyntax(a);
  const y = parseDecimalSyntax(b);
  return x !== undefined && y !== undefined && decimalsEqual(x, y);
}

/** Numeric order of two number texts (syntax only, no range check). */
function numberOrder(a: string, b: string): number {
  const x = parseDecimalSyntax(a);
  const y = parseDecimalSyntax(b);
  if (!x || !y) return a < b ? -1 : a > b ? 1 : 0;
  return compareDecimals(x, y);
}

/** Byte order of the UTF-8 encodings of two strings (what DynamoDB sorts S by). */
export function compareStrings(a: string, b: string): number {
  if (a === b) return 0;
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

/** Unsigned byte order of two base64 binaries. */
export function compareBinaries(a: string, b: string): number {
  if (a === b) return 0;
  return Buffer.compare(base64Bytes(a), base64Bytes(b));
}

function binariesEqual(a: string, b: string): boolean {
  return a === b || base64Bytes(a).equals(base64Bytes(b));
}

/** Deep equality: sets as sets, numbers numerically, binaries by bytes, M and L deeply. */
export function valuesEqual(a: AttributeValue, b: AttributeValue): boolean {
  if ('S' in a) return 'S' in b && a.S === b.S;
  if ('N' in a) return 'N' in b && numbersEqual(a.N, b.N);
  if ('B' in a) return 'B' in b && binariesEqual(a.B, b.B);
  if ('BOOL' in a) return 'BOOL' in b && a.BOOL === b.BOOL;
  if ('NULL' in a) return 'NULL' in b;
  if ('SS' in a) return 'SS' in b && sameMembers('SS', a.SS, b.SS);
  if ('NS' in a) return 'NS' in b && sameMembers('NS', a.NS, b.NS);
  if ('BS' in a) return 'BS' in b && sameMembers('BS', a.BS, b.BS);
  if ('L' in a) {
    if (!('L' in b) || a.L.length !== b.L.length) return false;
    return a.L.every((x, i) => {
      const y = b.L[i];
      return y !== undefined && valuesEqual(x, y);
    });
  }
  if ('M' in a) {
    if (!('M' in b)) return false;
    const ka = Object.keys(a.M);
    if (ka.length !== Object.keys(b.M).length) return false;
    return ka.every((k) => {
      const x = a.M[k];
      const y = Object.hasOwn(b.M, k) ? b.M[k] : undefined;
      return x !== undefined && y !== undefined && valuesEqual(x, y);
    });
  }
  return false;
}

/**
 * Order of two scalars of the same type: S by UTF-8 bytes, N numerically, B by unsigned bytes.
 * undefined when the types differ or are not S, N or B.
 */
export function compareScalars(a: AttributeValue, b: AttributeValue): number | undefined {
  if ('S' in a) return 'S' in b ? compareStrings(a.S, b.S) : undefined;
  if ('N' in a) return 'N' in b ? numberOrder(a.N, b.N) : undefined;
  if ('B' in a) return 'B' in b ? compareBinaries(a.B, b.B) : undefined;
  return undefined;
}

/** True if both values have the same type tag. */
export function sameType(a: AttributeValue, b: AttributeValue): boolean {
  return typeOf(a) === typeOf(b);
}
