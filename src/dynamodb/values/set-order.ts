/**
 * The order DynamoDB keeps a set's members in: string sets by UTF-8 bytes, number sets by value,
 * binary sets by unsigned bytes. A write stores them in that order, not as sent, so reads return
 * them sorted (recorded on live DynamoDB, eu-west-2, 2026: `ADD tags :v` with `['']` onto
 * `['a']` reads back `['', 'a']`).
 */
import { base64Bytes } from './base64.js';
import { compareDecimals, parseNumber } from './number.js';

/**
 * UTF-16 strings in code point order, which is UTF-8 byte order: surrogates (which encode code
 * points above U+FFFF) sort after U+E000–U+FFFF.
 */
export function compareCodePoints(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) return codePointRank(x) - codePointRank(y);
  }
  return a.length - b.length;
}

function codePointRank(unit: number): number {
  if (unit >= 0xd800 && unit <= 0xdfff) return unit + 0x2000;
  if (unit >= 0xe000) return unit - 0x800;
  return unit;
}

/** Sorts a validated set's members in place into DynamoDB's order and returns them. */
export function sortSetMembers(type: 'SS' | 'NS' | 'BS', members: string[]): string[] {
  if (members.length < 2) return members;
  if (type === 'SS') return members.sort(compareCodePoints);
  if (type === 'NS') return sortByKey(members, parseNumber, compareDecimals);
  return sortByKey(members, base64Bytes, Buffer.compare);
}

/** Sorts in place by a key decoded once per member (not once per comparison). */
function sortByKey<K>(members: string[], decode: (text: string) => K, compare: (a: K, b: K) => number): string[] {
  const keyed = members.map((text) => ({ text, key: decode(text) }));
  keyed.sort((a, b) => compare(a.key, b.key));
  keyed.forEach((entry, i) => (members[i] = entry.text));
  return members;
}
