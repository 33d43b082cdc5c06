/** Base64 (standard alphabet) checks and canonicalization for B and BS values. */

const BASE64_RE = /^[A-Za-z0-9+/]*={0,2}$/;

/** True if `text` is standard base64 (padding optional, no whitespace). */
export function isValidBase64(text: string): boolean {
  if (!BASE64_RE.test(text)) return false;
  const body = text.replace(/=+$/, '');
  if (text.length !== body.length && text.length % 4 !== 0) return false;
  return body.length % 4 !== 1;
}

/** The canonical (padded) base64 of the bytes `text` encodes. */
export function canonicalBase64(text: string): string {
  return Buffer.from(text, 'base64').toString('base64');
}

/** The bytes a base64 value encodes. */
export function base64Bytes(text: string): Buffer {
  return Buffer.from(text, 'base64');
}

/** Number of bytes a (valid) base64 text encodes, without decoding it. */
export function base64ByteLength(text: string): number {
  let len = text.length;
  while (len > 0 && text.charCodeAt(len - 1) === 61) len--;
  return Math.floor((len * 3) / 4);
}
