/**
 * Set algebra on the members of an SS, NS or BS: union (ADD), difference (DELETE) and equality
 * (conditions), by member identity as DynamoDB has it: strings as they are, numbers by value
 * (`1` and `1.0` are one member), binaries by their bytes.
 *
 * Each member is reduced once to a key string and the keys go into a hash set, so these cost time
 * in proportion to the members. Comparing every member of one set with every member of the other
 * (as this was done before) made an ADD of a large number set onto another a quadratic number of
 * decimal parses: two sets of ~40k numbers, each well within the item size limit, kept the server
 * busy for minutes per request.
 */
import { base64Bytes } from './base64.js';
import { parseDecimalSyntax } from './number.js';

export type SetType = 'SS' | 'NS' | 'BS';

/** A key equal for two members exactly when DynamoDB counts them as the same member. */
export function memberKey(type: SetType, text: string): string {
  if (type === 'SS') return text;
  if (type === 'NS') {
    const d = parseDecimalSyntax(text);
    // Validated numbers always parse; anything else is only ever equal to its own text.
    if (d === undefined) return `?${text}`;
    return d.sign === 0 ? '0' : `${d.sign < 0 ? '-' : '+'}${d.digits}e${d.exponent}`;
  }
  return base64Bytes(text).toString('latin1');
}

/** The members of `a`, then those of `b` not already among them (in their order, each once). */
export function unionMembers(type: SetType, a: readonly string[], b: readonly string[]): string[] {
  const out = [...a];
  const seen = new Set<string>();
  for (const m of a) seen.add(memberKey(type, m));
  for (const m of b) {
    const k = memberKey(type, m);
    if (seen.has(k)) continue;
    seen.add(k);
    out.push(m);
  }
  return out;
}

/** The members of `a` that are not members of `b`, in their order. */
export function differenceMembers(type: SetType, a: readonly string[], b: readonly string[]): string[] {
  const drop = new Set<string>();
  for (const m of b) drop.add(memberKey(type, m));
  return a.filter((m) => !drop.has(memberKey(type, m)));
}

/** True if `a` and `b` (sets: no member twice) have the same members. */
export function sameMembers(type: SetType, a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  const keys = new Set<string>();
  for (const m of b) keys.add(memberKey(type, m));
  return a.every((m) => keys.has(memberKey(type, m)));
}
