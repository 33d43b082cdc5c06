/**
 * The stored text of an item (exactly `JSON.stringify(item)`) and its DynamoDB size (`itemSize`),
 * built attribute by attribute while the item is validated, so a write walks its item once.
 *
 * `JSON.stringify` of a 1 KB string costs ~1–2 µs on Node 20 (it examines every character for
 * escapes); most attribute strings are plain printable ASCII, for which the JSON text is the
 * string between quotes. That is decided with native scans (UTF-8 length, `indexOf`, one regex
 * over control characters) that together cost a fraction of it; anything else goes through
 * `JSON.stringify`, so the text is always byte-identical to it.
 */
import { base64ByteLength } from './base64.js';
import { attributeValueSize, numberSize } from './size.js';
import type { AttributeValue } from './types.js';

const CONTROL = /[\u0000-\u001f]/;

/**
 * JSON.stringify(text), given bytes = its UTF-8 length. Equal lengths mean pure ASCII (no
 * surrogates); then only `"`, `\` and control characters would be escaped, and `escapeFree`
 * says the text holds none of them (ItemText's constructor).
 */
export function jsonString(text: string, bytes: number, escapeFree = false): string {
  if (bytes === text.length && (escapeFree || (text.indexOf('"') === -1 && text.indexOf('\\') === -1 && !CONTROL.test(text)))) {
    return `"${text}"`;
  }
  return JSON.stringify(text);
}

/**
 * The UTF-8 length of `quoted`, jsonString(text, bytes): the text's own length and two quotes when
 * it was taken as it is (escapes would lengthen it), else measured (the result is a flat string).
 */
function jsonBytes(quoted: string, text: string, bytes: number): number {
  return bytes === text.length && quoted.length === bytes + 2 ? bytes + 2 : Buffer.byteLength(quoted, 'utf8');
}

/**
 * Accumulates `JSON.stringify(item)`, its UTF-8 length and `itemSize(item)` over normalized
 * attributes, in order.
 */
export class ItemText {
  private json = '';
  size = 0;
  /**
   * The UTF-8 length of the text so far, known piece by piece, so that the storage engines need not
   * measure the finished text, a pass over all of it (Write's `bytes`, ../../storage/engine.ts).
   */
  private utf8 = 0;

  /**
   * escapeFree: no string of the item holds `"`, `\` or a control character (the request body
   * had no backslash: RequestContext.escapeFree), so ASCII strings need no scan.
   */
  constructor(private readonly escapeFree = false) {}

  /** Appends one attribute (a normalized AttributeValue, as validateAttributeValue returns it). */
  add(name: string, v: AttributeValue): void {
    const nameBytes = Buffer.byteLength(name, 'utf8');
    const r = v as Record<string, unknown>;
    let value: string;
    let valueSize: number;
    let valueBytes: number;
    const s = r.S;
    if (typeof s === 'string') {
      valueSize = Buffer.byteLength(s, 'utf8');
      const quoted = jsonString(s, valueSize, this.escapeFree);
      value = `{"S":${quoted}}`;
      valueBytes = 6 + jsonBytes(quoted, s, valueSize);
    } else if (typeof r.N === 'string') {
      // Canonical numbers (formatNumber) hold only digits, '-' and '.': nothing to escape.
      valueSize = numberSize(r.N);
      value = `{"N":"${r.N}"}`;
      valueBytes = value.length;
    } else if (typeof r.B === 'string') {
      // Canonical base64 holds only [A-Za-z0-9+/=]: nothing to escape.
      valueSize = base64ByteLength(r.B);
      value = `{"B":"${r.B}"}`;
      valueBytes = value.length;
    } else {
      valueSize = attributeValueSize(v);
      value = JSON.stringify(v);
      valueBytes = Buffer.byteLength(value, 'utf8');
    }
    const quotedName = jsonString(name, nameBytes, this.escapeFree);
    this.json += `${this.json.length === 0 ? '{' : ','}${quotedName}:${value}`;
    // The separator and the colon, the name, the value.
    this.utf8 += 2 + jsonBytes(quotedName, name, nameBytes) + valueBytes;
    this.size += nameBytes + valueSize;
  }

  /** The complete JSON text. */
  text(): string {
    return this.json.length === 0 ? '{}' : `${this.json}}`;
  }

  /** The UTF-8 length of text(). */
  bytes(): number {
    return this.json.length === 0 ? 2 : this.utf8 + 1;
  }
}
