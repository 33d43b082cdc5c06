/**
 * Primary-key extraction and validation against a table's (or index's) key schema, with
 * DynamoDB's messages. Values are expected to be validated already (validate.ts).
 */
import { DynamoError } from '../../protocol/errors.js';
import type { KeyAttribute, KeySchemaDef } from '../tables/table-types.js';
import { base64ByteLength } from './base64.js';
import {
  emptyKeyValueMessage,
  KEY_MESSAGES,
  keyTypeMismatchMessage,
  missingKeyMessage,
} from './messages.js';
import { typeOf, type AttributeValue, type Item } from './types.js';

export const MAX_PARTITION_KEY_BYTES = 2048;
export const MAX_SORT_KEY_BYTES = 1024;

/** The key attributes of a schema, hash first. */
export function keyAttributes(schema: KeySchemaDef): KeyAttribute[] {
  return schema.range ? [schema.hash, schema.range] : [schema.hash];
}

/** Byte size of a key value as the key-size limits count it (S: UTF-8, B: raw, N: not limited). */
export function keyValueBytes(v: AttributeValue): number {
  if ('S' in v) return Buffer.byteLength(v.S, 'utf8');
  if ('B' in v) return base64ByteLength(v.B);
  return 0;
}

/** Empty-value and size checks shared by items and keys. */
function checkKeyValue(attr: KeyAttribute, v: AttributeValue, isHash: boolean): void {
  if ('S' in v && v.S === '') throw DynamoError.validation(emptyKeyValueMessage(attr.name, 'S'));
  if ('B' in v && v.B === '') throw DynamoError.validation(emptyKeyValueMessage(attr.name, 'B'));
  const bytes = keyValueBytes(v);
  if (isHash && bytes > MAX_PARTITION_KEY_BYTES) throw DynamoError.validation(KEY_MESSAGES.hashKeyTooLarge);
  if (!isHash && bytes > MAX_SORT_KEY_BYTES) throw DynamoError.validation(KEY_MESSAGES.rangeKeyTooLarge);
}

function own(item: Item, name: string): AttributeValue | undefined {
  return Object.hasOwn(item, name) ? item[name] : undefined;
}

/**
 * The key of an item being written (PutItem, BatchWrite Put, transactional Put): every key
 * attribute must be present, of the declared type, non-empty and within the size limits.
 */
export function extractKeyFromItem(schema: KeySchemaDef, item: Item): Item {
  const key: Item = {};
  for (const attr of keyAttributes(schema)) {
    const v = own(item, attr.name);
    if (v === undefined) throw DynamoError.validation(missingKeyMessage(attr.name));
    const actual = typeOf(v);
    if (actual !== attr.type) throw DynamoError.validation(keyTypeMismatchMessage(attr.name, attr.type, actual));
    checkKeyValue(attr, v, attr === schema.hash);
    setOwn(key, attr.name, v);
  }
  return key;
}

/**
 * A `Key` parameter (GetItem, DeleteItem, UpdateItem, BatchGet, …): exactly the key attributes,
 * each of the declared type; otherwise "The provided key element does not match the schema".
 */
export function validateKey(schema: KeySchemaDef, key: Item): Item {
  const attrs = keyAttributes(schema);
  if (Object.keys(key).length !== attrs.length) throw DynamoError.validation(KEY_MESSAGES.schemaMismatch);
  const out: Item = {};
  for (const attr of attrs) {
    const v = own(key, attr.name);
    if (v === undefined || typeOf(v) !== attr.type) throw DynamoError.validation(KEY_MESSAGES.schemaMismatch);
    checkKeyValue(attr, v, attr === schema.hash);
    setOwn(out, attr.name, v);
  }
  return out;
}

/** out[name] = v as an own property, also for `__proto__` (a plain assignment would set the prototype). */
function setOwn(out: Item, name: string, v: AttributeValue): void {
  if (name === '__proto__') Object.defineProperty(out, name, { value: v, enumerable: true, writable: true, configurable: true });
  else out[name] = v;
}

/** The key attributes of a stored (already valid) item, or undefined if one is missing. */
export function keyOfItem(schema: KeySchemaDef, item: Item): Item | undefined {
  const out: Item = {};
  for (const attr of keyAttributes(schema)) {
    const v = own(item, attr.name);
    if (v === undefined || typeOf(v) !== attr.type) return undefined;
    Object.defineProperty(out, attr.name, { value: v, enumerable: true, writable: true, configurable: true });
  }
  return out;
}
