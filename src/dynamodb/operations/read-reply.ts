import { attachSerialized } from '../../protocol/preserialized.js';
import type { Item } from '../values/types.js';
import type { ConsumedCapacity } from './item-support.js';

/**
 * The Query/Scan reply when the returned items are their stored JSON texts (no projection, not
 * COUNT). The body is written once, as UTF-8 bytes, straight into one Buffer: the stored texts
 * (ASCII ones copied byte for byte), separated by commas, between the same members in the same
 * order as JSON.stringify of the parsed reply (Items, Count, ScannedCount, LastEvaluatedKey,
 * ConsumedCapacity). No 10 KB string is joined, re-encoded for the checksum and again for the
 * socket. In-process callers get an ordinary object whose `Items` is parsed on first access.
 */
export interface SplicedItems {
  texts: string[];
  /** UTF-8 byte length of each text (equal to its length when it is ASCII). */
  bytes: number[];
}

const HEAD = '{"Items":[';

export function splicedReply(
  items: SplicedItems,
  count: number,
  scannedCount: number,
  lastEvaluatedKey: Item | undefined,
  cc: ConsumedCapacity | undefined,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  defineLazyItems(out, items.texts);
  out.Count = count;
  out.ScannedCount = scannedCount;
  if (lastEvaluatedKey) out.LastEvaluatedKey = lastEvaluatedKey;
  if (cc) out.ConsumedCapacity = cc;
  let tail = `],"Count":${count},"ScannedCount":${scannedCount}`;
  if (lastEvaluatedKey) tail += `,"LastEvaluatedKey":${JSON.stringify(lastEvaluatedKey)}`;
  if (cc) tail += `,"ConsumedCapacity":${JSON.stringify(cc)}`;
  tail += '}';
  const { texts, bytes } = items;
  const n = texts.length;
  let total = HEAD.length + (n > 0 ? n - 1 : 0) + Buffer.byteLength(tail, 'utf8');
  for (let i = 0; i < n; i++) total += bytes[i] as number;
  const buf = Buffer.allocUnsafe(total);
  let off = buf.write(HEAD, 0, 'latin1');
  for (let i = 0; i < n; i++) {
    if (i > 0) buf[off++] = 44; // ,
    const text = texts[i] as string;
    const len = bytes[i] as number;
    // ASCII text: latin1 copies one byte per character (the UTF-8 bytes), without UTF-8 encoding.
    off += buf.write(text, off, len, len === text.length ? 'latin1' : 'utf8');
  }
  off += buf.write(tail, off, 'utf8');
  if (off !== total) throw new Error(`reply length ${off} != ${total}`);
  return attachSerialized(out, buf);
}

/**
 * `Items` as an enumerable property parsed on first read. Assigning it replaces the value and the
 * attached body with JSON.stringify of the updated reply (the attached body must always match).
 */
function defineLazyItems(out: Record<string, unknown>, texts: string[]): void {
  Object.defineProperty(out, 'Items', {
    enumerable: true,
    configurable: true,
    get(): unknown {
      const value: unknown = texts.map((t) => JSON.parse(t) as unknown);
      Object.defineProperty(out, 'Items', { value, enumerable: true, configurable: true, writable: true });
      return value;
    },
    set(value: unknown): void {
      Object.defineProperty(out, 'Items', { value, enumerable: true, configurable: true, writable: true });
      attachSerialized(out, JSON.stringify(out));
    },
  });
}
