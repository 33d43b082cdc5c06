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
    const type = text.slice(i + 1, typeEnd);
    i = typeEnd + 2;
    if (type === 'S' || type === 'N' || type === 'B') {
      if (text.charCodeAt(i) !== QUOTE) return undefined;
      const valueEnd = text.indexOf('"', i + 1);
      if (valueEnd < 0) return undefined;
      if (type === 'S') sum += ascii ? valueEnd - i - 1 : Buffer.byteLength(text.slice(i + 1, valueEnd), 'utf8');
      else if (type === 'N') sum += numberSize(text.slice(i + 1, valueEnd));
      else sum += base64ByteLength(text.slice(i + 1, valueEnd));
      i = valueEnd + 1;
    } else if (type === 'BOOL' || type === 'NULL') {
      if (text.startsWith('true', i)) i += 4;
      else if (type === 'BOOL' && text.startsWith('false', i)) i += 5;
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
