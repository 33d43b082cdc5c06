/**
 * Order-preserving, self-delimiting byte encodings of key values (S, N, B). Comparing two
 * encodings as unsigned bytes gives DynamoDB's order of the values, and no encoding is a prefix of
 * another, so encodings can be concatenated (hash ‖ range ‖ table-key suffix) without changing order.
 *
 * - S (UTF-8 bytes) and B (raw bytes): 0x00 is escaped as 0x00 0x01, and the value ends with
 *   0x00 0x00. Every byte other than 0x00 stands for itself, so the escaped body of a prefix is a
 *   byte prefix of the escaped body of every value that starts with it (begins_with = byte range).
 * - N: one tag byte (0x01 negative, 0x02 zero, 0x03 positive); for non-zero numbers then one byte
 *   of exponent (exponent + 129, range 0..255), then the digits in pairs (pair value + 1, last
 *   pair padded with 0), then 0x00. For negatives every byte after the tag is inverted (255 − b),
 *   so larger magnitudes sort first.
 */
import { type Decimal, formatNumber, MIN_DECIMAL_EXPONENT, MAX_DECIMAL_EXPONENT, parseNumber } from '../values/number.js';
import type { ScalarAttributeType } from '../values/types.js';

const N_NEGATIVE = 0x01;
const N_ZERO = 0x02;
const N_POSITIVE = 0x03;

/** A growable byte buffer, reused per call. */
export class ByteWriter {
  buf: Buffer;
  len = 0;
  constructor(capacity = 64) {
    this.buf = Buffer.allocUnsafe(capacity);
  }
  private ensure(extra: number): void {
    if (this.len + extra <= this.buf.length) return;
    const next = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.len + extra));
    this.buf.copy(next, 0, 0, this.len);
    this.buf = next;
  }
  byte(b: number): void {
    this.ensure(1);
    this.buf[this.len++] = b;
  }
  bytes(src: Uint8Array): void {
    this.ensure(src.length);
    this.buf.set(src, this.len);
    this.len += src.length;
  }
  /** src with 0x00 escaped as 0x00 0x01 (no terminator). */
  escaped(src: Uint8Array): void {
    if (src.indexOf(0) === -1) return this.bytes(src);
    this.ensure(src.length * 2);
    for (let i = 0; i < src.length; i++) {
      const b = src[i] as number;
      this.buf[this.len++] = b;
      if (b === 0) this.buf[this.len++] = 1;
    }
  }
  /**
   * The UTF-8 bytes of text with 0x00 escaped as 0x00 0x01 (as escaped(rawBytes('S', text))),
   * written in place: no intermediate Buffer for ASCII texts, the usual key.
   */
  utf8Escaped(text: string): void {
    const n = text.length;
    this.ensure(n * 2);
    const buf = this.buf;
    let len = this.len;
    for (let i = 0; i < n; i++) {
      const c = text.charCodeAt(i);
      if (c >= 0x80) return this.escaped(Buffer.from(text, 'utf8'));
      buf[len++] = c;
      if (c === 0) buf[len++] = 1;
    }
    this.len = len;
  }
  /** A copy of the bytes written so far, in its own exact-size buffer (no pool slab retained). */
  result(): Uint8Array {
    return new Uint8Array(this.buf.subarray(0, this.len));
  }
}

/** The raw bytes of a key value of type `type` (UTF-8 for S, decoded base64 for B). */
export function rawBytes(type: 'S' | 'B', text: string): Buffer {
  return type === 'S' ? Buffer.from(text, 'utf8') : Buffer.from(text, 'base64');
}

export function writeBytesValue(w: ByteWriter, raw: Uint8Array): void {
  w.escaped(raw);
  w.byte(0);
  w.byte(0);
}

export function writeDecimal(w: ByteWriter, d: Decimal): void {
  if (d.sign === 0) {
    w.byte(N_ZERO);
    return;
  }
  if (d.exponent < MIN_DECIMAL_EXPONENT || d.exponent > MAX_DECIMAL_EXPONENT) {
    throw new RangeError(`number exponent ${d.exponent} outside the key encoding's range`);
  }
  const neg = d.sign < 0;
  const flip = neg ? 255 : 0;
  w.byte(neg ? N_NEGATIVE : N_POSITIVE);
  w.byte(flip ^ (d.exponent - MIN_DECIMAL_EXPONENT));
  const digits = d.digits;
  for (let i = 0; i < digits.length; i += 2) {
    const hi = digits.charCodeAt(i) - 48;
    const lo = i + 1 < digits.length ? digits.charCodeAt(i + 1) - 48 : 0;
    w.byte(flip ^ (hi * 10 + lo + 1));
  }
  w.byte(flip);
}

/** Appends the self-delimiting encoding of a key value (text as on the wire) of the given type. */
export function writeKeyValue(w: ByteWriter, type: ScalarAttributeType, text: string): void {
  if (type === 'N') writeDecimal(w, parseNumber(text));
  else if (type === 'S') {
    w.utf8Escaped(text);
    w.byte(0);
    w.byte(0);
  } else writeBytesValue(w, rawBytes(type, text));
}

/** Reads encodings back; `pos` advances past each value read. */
export class ByteReader {
  pos: number;
  constructor(
    readonly buf: Uint8Array,
    pos = 0,
  ) {
    this.pos = pos;
  }

  get done(): boolean {
    return this.pos >= this.buf.length;
  }

  private next(): number {
    if (this.pos >= this.buf.length) throw new RangeError('truncated key encoding');
    return this.buf[this.pos++] as number;
  }

  /** An escaped, terminated byte string (S or B). */
  bytesValue(): Buffer {
    const buf = this.buf;
    const zero = buf.indexOf(0, this.pos);
    if (zero !== -1 && buf[zero + 1] === 0) {
      // Fast path: no escaped NUL before the terminator.
      const out = Buffer.from(buf.buffer, buf.byteOffset + this.pos, zero - this.pos);
      this.pos = zero + 2;
      return out;
    }
    const out: number[] = [];
    for (;;) {
      const b = this.next();
      if (b !== 0) {
        out.push(b);
        continue;
      }
      const e = this.next();
      if (e === 0) return Buffer.from(out);
      if (e !== 1) throw new RangeError('bad escape in key encoding');
      out.push(0);
    }
  }

  decimal(): Decimal {
    const tag = this.next();
    if (tag === N_ZERO) return { sign: 0, digits: '', exponent: 0 };
    if (tag !== N_NEGATIVE && tag !== N_POSITIVE) throw new RangeError('bad number tag in key encoding');
    const flip = tag === N_NEGATIVE ? 255 : 0;
    const exponent = (flip ^ this.next()) + MIN_DECIMAL_EXPONENT;
    let digits = '';
    for (;;) {
      const b = flip ^ this.next();
      if (b === 0) break;
      const pair = b - 1;
      digits += pair < 10 ? `0${pair}` : String(pair);
    }
    if (digits.endsWith('0')) digits = digits.slice(0, -1);
    return { sign: tag === N_NEGATIVE ? -1 : 1, digits, exponent };
  }

  /** The wire text of a key value of the given type. */
  keyValue(type: ScalarAttributeType): string {
    if (type === 'N') return formatNumber(this.decimal());
    const raw = this.bytesValue();
    return type === 'S' ? raw.toString('utf8') : raw.toString('base64');
  }
}
