/**
 * Item size (see size.ts) straight from an item's stored JSON text, without parsing it, for the
 * common shape: top-level attributes of type S, N, B, BOOL or NULL and no JSON escapes anywhere.
 * Anything else (sets, maps, lists, escapes, unexpected text) returns undefined: the caller then
 * parses the item and uses `itemSize`, so the result is always the same as `itemSize(JSON.parse(text))`.
 * `utf8Bytes` is the text's UTF-8 byte length (callers that need it anyway pass it in).
 */
import { base64ByteLength } from './base64.js';
import { numberSize } from './size.js';

const QUOTE = 34; // "
const COLON = 58; // :
const COMMA = 44; // ,
const OPEN = 123; // {
const CLOSE = 125; // }
const S = 83;
const N = 78;
const B = 66;
const MINUS = 45;
const ZERO = 48;
const NINE = 57;

/**
 * `numberSize` of text[start, end) when it is an integer in canonical form (`0`, or an optional
 * '-' then digits without a leading zero; how stored numbers usually look), else undefined.
 * Same arithmetic as decimalSize: digits = the integer without its trailing zeros, exponent = its
 * length.
 */
export function integerSize(text: string, start: number, end: number): number | undefined {
  const negative = text.charCodeAt(start) === MINUS;
  const first = negative ? start + 1 : start;
  const length = end - first;
  if (length <= 0) return undefined;
  const lead = text.charCodeAt(first);
  if (lead === ZERO) return length === 1 && !negative ? 1 : undefined;
  let significant = 0;
  for (let i = first; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c < ZERO || c > NINE) return undefined;
    if (c !== ZERO) significant = i - first + 1;
  }
  const pairs = Math.ceil(significant / 2) + (significant % 2 === 0 && (length - 1) % 2 === 0 ? 1 : 0);
  return 1 + pairs + (negative ? 1 : 0);
}

export function storedItemSize(text: string, utf8Bytes: number = Buffer.byteLength(text, 'utf8')): number | undefined {
  if (text.charCodeAt(0) !== OPEN || text.indexOf('\\') >= 0) return undefined;
  // All-ASCII text (the usual case): UTF-8 lengths are string lengths.
  const ascii = utf8Bytes === text.length;
  const end = text.length;
  let i = 1;
  let sum = 0;
  if (text.charCodeAt(i) === CLOSE) return i + 1 === end ? 0 : undefined;
  for (;;) {
    // "name":{"T":value}
    if (text.charCodeAt(i) !== QUOTE) return undefined;
    const nameEnd = text.indexOf('"', i + 1);
    if (nameEnd < 0 || text.charCodeAt(nameEnd + 1) !== COLON || text.charCodeAt(nameEnd + 2) !== OPEN) return undefined;
    sum += ascii ? nameEnd - i - 1 : Buffer.byteLength(text.slice(i + 1, nameEnd), 'utf8');
    i = nameEnd + 3;
    if (text.charCodeAt(i) !== QUOTE) return undefined;
    const typeEnd = text.indexOf('"', i + 1);
    if (typeEnd < 0 || text.charCodeAt(typeEnd + 1) !== COLON) return undefined;
    // One-letter types by character code (no substring per attribute).
    const type = typeEnd === i + 2 ? text.charCodeAt(i + 1) : 0;
    const word = type === 0 ? text.slice(i + 1, typeEnd) : '';
    i = typeEnd + 2;
    if (type === S || type === N || type === B) {
      if (text.charCodeAt(i) !== QUOTE) return undefined;
      const valueEnd = text.indexOf('"', i + 1);
      if (valueEnd < 0) return undefined;
      if (type === S) sum += ascii ? valueEnd - i - 1 : Buffer.byteLength(text.slice(i + 1, valueEnd), 'utf8');
      else if (type === N) sum += integerSize(text, i + 1, valueEnd) ?? numberSize(text.slice(i + 1, valueEnd));
      else sum += base64ByteLength(text.slice(i + 1, valueEnd));
      i = valueEnd + 1;
    } else if (word === 'BOOL' || word === 'NULL') {
      if (text.startsWith('true', i)) i += 4;
      else if (word === 'BOOL' && text.startsWith('false', i)) i += 5;
      else return undefined;
      sum += 1;
    } else {
      return undefined;
    }
    if (text.charCodeAt(i) !== CLOSE) return undefined;
    i++;
    const c = text.charCodeAt(i);
    if (c === COMMA) {
      i++;
      continue;
    }
    return c === CLOSE && i + 1 === end ? sum : undefined;
  }
}
