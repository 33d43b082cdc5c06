/**
 * True if `text`, base64 of the standard alphabet with at most two trailing `=` (and no fourth
 * character short of a group: length % 4 !== 1 once unpadded), is already in canonical form, that
 * is equal to `Buffer.from(text, 'base64').toString('base64')`: whole groups of four, and the bits
 * a padded group leaves over are zero. The same answer as that round trip without decoding and
 * encoding the bytes (which cost ~0.5 µs a value, seconds for a set of millions of members).
 */
export function isCanonicalBase64(text: string): boolean {
  const n = text.length;
  if (n % 4 !== 0) return false;
  if (n === 0 || text.charCodeAt(n - 1) !== 61) return true;
  const twoPads = text.charCodeAt(n - 2) === 61;
  const last = sextet(text.charCodeAt(n - (twoPads ? 3 : 2)));
  return (last & (twoPads ? 0x0f : 0x03)) === 0;
}

/** The value of one base64 character (standard alphabet: A-Z, a-z, 0-9, +, /). */
function sextet(c: number): number {
  if (c >= 65 && c <= 90) return c - 65;
  if (c >= 97 && c <= 122) return c - 71;
  if (c >= 48 && c <= 57) return c + 4;
  return c === 43 ? 62 : 63;
}
