/**
 * Duplicate checks for the members of very large sets (values/measure.ts). A Set of a million
 * short strings costs ~0.5 µs a member in V8 (hashing into a table that keeps growing, out of
 * cache); hashing each member to a 53-bit number, sorting those (a typed array sorts natively)
 * and comparing neighbours costs a third of that. Equal members always hash alike, so no equal
 * neighbours means no duplicates; equal neighbours (a duplicate, or once in ~10^10 sets of a
 * million members a collision) are settled exactly with a Set.
 */
import type { Decimal } from './number.js';

/** Below this many members a Set is as fast. */
const HASHED_FROM = 4096;
/** 2^21: the second hash keeps 21 bits, so the pair fits a double's 53-bit integer range. */
const LOW = 2097152;

/** True if the strings are pairwise different. */
export function distinctStrings(members: readonly string[]): boolean {
  const n = members.length;
  if (n < HASHED_FROM) return new Set(members).size === n;
  const hashes = new Float64Array(n);
  for (let i = 0; i < n; i++) hashes[i] = hashText(members[i] as string, 0);
  return noEqualNeighbours(hashes) || new Set(members).size === n;
}

/**
 * True if the numbers are pairwise different in value (as formatNumber texts: `key` gives them).
 * `numbers` are as parseDecimalSyntax gives them: digits without leading or trailing zeros.
 */
export function distinctNumbers(numbers: readonly Decimal[], key: (d: Decimal) => string): boolean {
  const n = numbers.length;
  if (n < HASHED_FROM) return new Set(numbers.map(key)).size === n;
  const hashes = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const d = numbers[i] as Decimal;
    // Every zero is the same number, whatever exponent it was written with.
    hashes[i] = d.sign === 0 ? 0 : hashText(d.digits, d.sign * 1000 + d.exponent);
  }
  return noEqualNeighbours(hashes) || new Set(numbers.map(key)).size === n;
}

function noEqualNeighbours(hashes: Float64Array): boolean {
  hashes.sort();
  for (let i = 1; i < hashes.length; i++) if (hashes[i] === hashes[i - 1]) return false;
  return true;
}

/** Two multiplicative hashes of the UTF-16 units (and a seed), as one integer below 2^53. */
function hashText(text: string, seed: number): number {
  let a = (0x811c9dc5 ^ seed) | 0;
  let b = (text.length ^ Math.imul(seed, 0x9e3779b1)) | 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
    b ^= b >>> 13;
  }
  return (a >>> 0) * LOW + ((b >>> 0) & (LOW - 1));
}
