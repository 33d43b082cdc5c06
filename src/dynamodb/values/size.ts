/**
 * Item size as DynamoDB measures it against the 400 KB limit and for capacity units:
 * the sum over attributes of UTF-8 name bytes + value size, where
 *   S      UTF-8 bytes;           B  raw bytes;           BOOL, NULL  1 byte
 *   N      1 + one byte per base-100 digit pair, pairs aligned on the decimal point
 *          (+1 if negative; zero is 1) — matches the byte sizes measured on live DynamoDB
 *          (e.g. 1→2, 12→2, 123→3, 1.5→3, 3.14159→5, 123456→4, 0.15→2, -42→3, 1E125→2)
 *   SS/NS/BS  sum of the members' sizes
 *   M      3 + per entry (1 + UTF-8 name bytes + value size)
 *   L      3 + per element (1 + value size)
 */
import { DynamoError } from '../../protocol/errors.js';
import { base64ByteLength } from './base64.js';
import { VALUE_MESSAGES } from './messages.js';
import { parseDecimalSyntax, type Decimal } from './number.js';
import type { AttributeValue, Item } from './types.js';

export const MAX_ITEM_SIZE_BYTES = 409600;
const ITEM_TOO_LARGE: string = VALUE_MESSAGES.itemTooLarge;

export function utf8Length(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

/** Storage size of a number (see the module comment). */
export function decimalSize(d: Decimal): number {
  if (d.sign === 0) return 1;
  const n = d.digits.length;
  // exponent of the leading digit: value = d1.d2… × 10^lead
  const lead = d.exponent - 1;
  const pairs = Math.ceil(n / 2) + (n % 2 === 0 && lead % 2 === 0 ? 1 : 0);
  return 1 + pairs + (d.sign < 0 ? 1 : 0);
}

export function numberSize(text: string): number {
  const d = parseDecimalSyntax(text);
  return d ? decimalSize(d) : utf8Length(text);
}

export function attributeValueSize(v: AttributeValue): number {
  if ('S' in v) return utf8Length(v.S);
  if ('N' in v) return numberSize(v.N);
  if ('B' in v) return base64ByteLength(v.B);
  if ('BOOL' in v || 'NULL' in v) return 1;
  if ('SS' in v) return v.SS.reduce((sum, s) => sum + utf8Length(s), 0);
  if ('NS' in v) return v.NS.reduce((sum, s) => sum + numberSize(s), 0);
  if ('BS' in v) return v.BS.reduce((sum, s) => sum + base64ByteLength(s), 0);
  if ('L' in v) return v.L.reduce((sum, e) => sum + 1 + attributeValueSize(e), 3);
  if ('M' in v) {
    let sum = 3;
    for (const name of Object.keys(v.M)) {
      const e = v.M[name];
      if (e) sum += 1 + utf8Length(name) + attributeValueSize(e);
    }
    return sum;
  }
  return 0;
}

/** Size of one attribute: UTF-8 name bytes + value size. */
export function attributeSize(name: string, v: AttributeValue): number {
  return utf8Length(name) + attributeValueSize(v);
}

export function itemSize(item: Item): number {
  let sum = 0;
  for (const name of Object.keys(item)) {
    const v = item[name];
    if (v) sum += attributeSize(name, v);
  }
  return sum;
}

/** Throws DynamoDB's ValidationException if the item is larger than 400 KB. */
export function checkItemSize(item: Item, message: string = ITEM_TOO_LARGE): number {
  const size = itemSize(item);
  if (size > MAX_ITEM_SIZE_BYTES) throw DynamoError.validation(message);
  return size;
}
