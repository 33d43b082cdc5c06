/**
 * Storage keys of items and index rows, shared by every engine (see ARCHITECTURE.md "Key encoding").
 *
 *   table key = hashPrefix(pk) ‖ enc(pk) ‖ enc(sk)?
 *   index key = hashPrefix(ipk) ‖ enc(ipk) ‖ enc(isk)? ‖ enc(pk) ‖ enc(sk)?   (table key suffix: rows unique)
 *
 * hashPrefix is 4 bytes of MurmurHash3 over the partition key's encoding, seeded by its type, so a
 * scan visits partitions in hash order and parallel-scan segments are ranges of the prefix. enc()
 * is the order-preserving, self-delimiting encoding of key-values.ts: within one partition, keys
 * sort exactly as DynamoDB sorts sort keys, and every query condition is one contiguous byte range.
 */
import type { KeyAttribute, KeySchemaDef } from '../tables/table-types.js';
import type { AttributeValue, Item, ScalarAttributeType } from '../values/types.js';
import { murmur3 } from './hash-prefix.js';
import { ByteReader, ByteWriter, rawBytes, writeKeyValue } from './key-values.js';

export const HASH_PREFIX_BYTES = 4;
const TYPE_SEED: Record<ScalarAttributeType, number> = { S: 1, N: 2, B: 3 };

/** Bounds in the terms of RangeQuery: start inclusive, end exclusive (unless the flags say otherwise). */
export interface KeyBounds {
  start: Uint8Array;
  startExclusive: boolean;
  end: Uint8Array;
  endInclusive: boolean;
}

export type SortKeyOp = 'EQ' | 'LT' | 'LE' | 'GT' | 'GE' | 'BETWEEN' | 'BEGINS_WITH';

/** The wire text of a key attribute in `item`, or undefined if absent or of another type. */
function keyText(attr: KeyAttribute, item: Item): string | undefined {
  const v = Object.hasOwn(item, attr.name) ? item[attr.name] : undefined;
  return v === undefined ? undefined : valueText(attr.type, v);
}

function valueText(type: ScalarAttributeType, v: AttributeValue): string | undefined {
  const text = (v as Record<string, unknown>)[type];
  return typeof text === 'string' ? text : undefined;
}

function requireText(attr: KeyAttribute, v: AttributeValue): string {
  const text = valueText(attr.type, v);
  if (text === undefined) throw new TypeError(`key attribute ${attr.name} is not of type ${attr.type}`);
  return text;
}

/** Writes hashPrefix ‖ enc(partition key value). */
function writePartition(w: ByteWriter, type: ScalarAttributeType, text: string): void {
  const at = w.len;
  w.bytes(ZERO_PREFIX);
  writeKeyValue(w, type, text);
  const h = murmur3(w.buf.subarray(at + HASH_PREFIX_BYTES, w.len), TYPE_SEED[type]);
  w.buf.writeUInt32BE(h, at);
}
const ZERO_PREFIX = new Uint8Array(HASH_PREFIX_BYTES);

/** Writes enc(pk) ‖ enc(sk)? of the table key (no prefix). */
function writeTableSuffix(w: ByteWriter, schema: KeySchemaDef, item: Item): boolean {
  const hash = keyText(schema.hash, item);
  if (hash === undefined) return false;
  writeKeyValue(w, schema.hash.type, hash);
  if (schema.range !== undefined) {
    const range = keyText(schema.range, item);
    if (range === undefined) return false;
    writeKeyValue(w, schema.range.type, range);
  }
  return true;
}

/** The storage key of an item (validated: key attributes present with their declared types). */
export function encodeTableKey(schema: KeySchemaDef, item: Item): Uint8Array {
  const w = new ByteWriter();
  const hash = keyText(schema.hash, item);
  if (hash === undefined) throw new TypeError(`item lacks key attribute ${schema.hash.name}`);
  writePartition(w, schema.hash.type, hash);
  if (schema.range !== undefined) {
    const range = keyText(schema.range, item);
    if (range === undefined) throw new TypeError(`item lacks key attribute ${schema.range.name}`);
    writeKeyValue(w, schema.range.type, range);
  }
  return w.result();
}

/**
 * The key of an item's row in an index, or undefined if the item is not in the index (sparse:
 * an index key attribute is absent or not of the index's type).
 */
export function encodeIndexKey(indexSchema: KeySchemaDef, tableSchema: KeySchemaDef, item: Item): Uint8Array | undefined {
  if (indexSchema.moreHash !== undefined || indexSchema.moreRange !== undefined) return encodeMultiIndexKey(indexSchema, tableSchema, item);
  const hash = keyText(indexSchema.hash, item);
  if (hash === undefined) return undefined;
  const w = new ByteWriter(96);
  writePartition(w, indexSchema.hash.type, hash);
  if (indexSchema.range !== undefined) {
    const range = keyText(indexSchema.range, item);
    if (range === undefined) return undefined;
    writeKeyValue(w, indexSchema.range.type, range);
  }
  if (!writeTableSuffix(w, tableSchema, item)) throw new TypeError('item lacks a table key attribute');
  return w.result();
}

/**
 * A multi-attribute index key (tables/key-schema.ts): hashPrefix ‖ enc(h1) ‖ … ‖ enc(r1) ‖ … ‖ table
 * key. The RANGE encodings follow one another, so rows sort by r1, then r2, … (each by its own
 * type), and a prefix of RANGE equalities is one contiguous byte range. Every key attribute must be
 * present, else the item is not in the index.
 */
function encodeMultiIndexKey(indexSchema: KeySchemaDef, tableSchema: KeySchemaDef, item: Item): Uint8Array | undefined {
  const w = new ByteWriter(128);
  if (!writeMultiPartition(w, indexSchema, (attr) => keyText(attr, item))) return undefined;
  if (indexSchema.range !== undefined) {
    const range = keyText(indexSchema.range, item);
    if (range === undefined) return undefined;
    writeKeyValue(w, indexSchema.range.type, range);
    for (const attr of indexSchema.moreRange ?? []) {
      const text = keyText(attr, item);
      if (text === undefined) return undefined;
      writeKeyValue(w, attr.type, text);
    }
  }
  if (!writeTableSuffix(w, tableSchema, item)) throw new TypeError('item lacks a table key attribute');
  return w.result();
}

/**
 * hashPrefix ‖ enc(h1) ‖ enc(h2) ‖ …: the hash prefix is taken over every HASH value (DynamoDB
 * "hashes them together"), seeded by the first one's type. With one HASH attribute this is
 * exactly writePartition.
 */
function writeMultiPartition(w: ByteWriter, schema: KeySchemaDef, text: (attr: KeyAttribute) => string | undefined): boolean {
  const at = w.len;
  w.bytes(ZERO_PREFIX);
  const first = text(schema.hash);
  if (first === undefined) return false;
  writeKeyValue(w, schema.hash.type, first);
  for (const attr of schema.moreHash ?? []) {
    const t = text(attr);
    if (t === undefined) return false;
    writeKeyValue(w, attr.type, t);
  }
  const h = murmur3(w.buf.subarray(at + HASH_PREFIX_BYTES, w.len), TYPE_SEED[schema.hash.type]);
  w.buf.writeUInt32BE(h, at);
  return true;
}

/**
 * The keys of a multi-attribute index that a Query reads: equalities on every HASH attribute
 * (`hashValues`, KeySchema order), equalities on the first RANGE attributes (`rangeEqualities`),
 * and optionally one condition on the RANGE attribute after them.
 */
export function multiKeyBounds(
  schema: KeySchemaDef,
  hashValues: AttributeValue[],
  rangeEqualities: AttributeValue[],
  last?: { op: SortKeyOp; values: AttributeValue[] },
): KeyBounds {
  const hashAttrs = [schema.hash, ...(schema.moreHash ?? [])];
  const rangeAttrs = schema.range ? [schema.range, ...(schema.moreRange ?? [])] : [];
  const w = new ByteWriter();
  const hashText = (attr: KeyAttribute): string => {
    const v = hashValues[hashAttrs.indexOf(attr)];
    if (v === undefined) throw new TypeError(`no value for HASH attribute ${attr.name}`);
    return requireText(attr, v);
  };
  writeMultiPartition(w, schema, hashText);
  rangeEqualities.forEach((v, i) => {
    const attr = rangeAttrs[i];
    if (attr === undefined) throw new TypeError('more RANGE equalities than RANGE attributes');
    writeKeyValue(w, attr.type, requireText(attr, v));
  });
  const base = w.result();
  if (!last) return { start: base, startExclusive: false, end: prefixSuccessor(base), endInclusive: false };
  const attr = rangeAttrs[rangeEqualities.length];
  if (attr === undefined) throw new TypeError('no RANGE attribute for the last condition');
  return boundsAfter(base, attr, last.op, last.values);
}

/** hashPrefix ‖ enc(hash value): the common prefix of every key of one partition. */
function partitionPrefix(schema: KeySchemaDef, hashValue: AttributeValue): Uint8Array {
  const w = new ByteWriter();
  writePartition(w, schema.hash.type, requireText(schema.hash, hashValue));
  return w.result();
}

/** The smallest byte string greater than every string that starts with `prefix`. */
export function prefixSuccessor(prefix: Uint8Array): Uint8Array {
  let i = prefix.length - 1;
  while (i >= 0 && prefix[i] === 0xff) i--;
  if (i < 0) throw new RangeError('no successor of an all-0xFF prefix');
  const out = new Uint8Array(prefix.subarray(0, i + 1)); // a copy (Buffer#slice would share memory)
  out[i] = (out[i] as number) + 1;
  return out;
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}

function encodedValue(type: ScalarAttributeType, text: string): Uint8Array {
  const w = new ByteWriter();
  writeKeyValue(w, type, text);
  return w.result();
}

/** All keys of one partition (table or index key space, schema = that space's key schema). */
export function partitionBounds(schema: KeySchemaDef, hashValue: AttributeValue): { start: Uint8Array; end: Uint8Array } {
  const start = partitionPrefix(schema, hashValue);
  return { start, end: prefixSuccessor(start) };
}

/**
 * The keys of one partition whose sort key satisfies `op` (KeyConditionExpression / KeyConditions).
 * Works for table and index key spaces alike: whatever follows the sort key (an index row's table
 * key suffix) stays inside the bounds, because encodings are prefix-free.
 * BEGINS_WITH is for S and B sort keys (a byte prefix); the caller validates operand types and
 * BETWEEN's order (a > b gives empty bounds here).
 */
export function rangeBounds(schema: KeySchemaDef, hashValue: AttributeValue, op: SortKeyOp, values: AttributeValue[]): KeyBounds {
  const range = schema.range;
  if (range === undefined) throw new TypeError('rangeBounds needs a key schema with a sort key');
  return boundsAfter(partitionPrefix(schema, hashValue), range, op, values);
}

/** The keys below `base` whose next key value (of attribute `range`) satisfies `op`. */
function boundsAfter(base: Uint8Array, range: KeyAttribute, op: SortKeyOp, values: AttributeValue[]): KeyBounds {
  const operand = (i: number): Uint8Array => {
    const v = values[i];
    if (v === undefined) throw new TypeError(`${op} needs ${i + 1} value(s)`);
    return concat(base, encodedValue(range.type, requireText(range, v)));
  };
  const bounds = (start: Uint8Array, end: Uint8Array): KeyBounds => ({ start, startExclusive: false, end, endInclusive: false });
  switch (op) {
    case 'EQ': {
      const at = operand(0);
      return bounds(at, prefixSuccessor(at));
    }
    case 'LT':
      return bounds(base, operand(0));
    case 'LE':
      return bounds(base, prefixSuccessor(operand(0)));
    case 'GT':
      return bounds(prefixSuccessor(operand(0)), prefixSuccessor(base));
    case 'GE':
      return bounds(operand(0), prefixSuccessor(base));
    case 'BETWEEN':
      return bounds(operand(0), prefixSuccessor(operand(1)));
    case 'BEGINS_WITH': {
      if (range.type === 'N') throw new TypeError('BEGINS_WITH is not defined for N sort keys');
      const v = values[0];
      if (v === undefined) throw new TypeError('BEGINS_WITH needs 1 value');
      const w = new ByteWriter();
      w.escaped(rawBytes(range.type, requireText(range, v)));
      const start = concat(base, w.result());
      return bounds(start, prefixSuccessor(start));
    }
  }
}

function readKey(r: ByteReader, schema: KeySchemaDef, into: Item): void {
  setValue(into, schema.hash, r.keyValue(schema.hash.type));
  if (schema.moreHash !== undefined) for (const attr of schema.moreHash) setValue(into, attr, r.keyValue(attr.type));
  if (schema.range !== undefined) setValue(into, schema.range, r.keyValue(schema.range.type));
  if (schema.moreRange !== undefined) for (const attr of schema.moreRange) setValue(into, attr, r.keyValue(attr.type));
}

function setValue(item: Item, attr: KeyAttribute, text: string): void {
  const v = { [attr.type]: text } as AttributeValue;
  // defineProperty: attribute names such as "__proto__" are legal in DynamoDB.
  Object.defineProperty(item, attr.name, { value: v, enumerable: true, writable: true, configurable: true });
}

/** The key attributes of a table key (numbers in canonical form, binaries as base64). */
export function decodeTableKey(schema: KeySchemaDef, bytes: Uint8Array): Item {
  const r = new ByteReader(bytes, HASH_PREFIX_BYTES);
  const key: Item = {};
  readKey(r, schema, key);
  if (!r.done) throw new RangeError('trailing bytes after table key');
  return key;
}

/** The index key and the table key of an index row. */
export function decodeIndexKey(indexSchema: KeySchemaDef, tableSchema: KeySchemaDef, bytes: Uint8Array): { indexKey: Item; tableKey: Item } {
  const r = new ByteReader(bytes, HASH_PREFIX_BYTES);
  const indexKey: Item = {};
  readKey(r, indexSchema, indexKey);
  const tableKey: Item = {};
  readKey(r, tableSchema, tableKey);
  if (!r.done) throw new RangeError('trailing bytes after index key');
  return { indexKey, tableKey };
}

/**
 * Key range of one parallel-scan segment: segment i covers hash prefixes
 * [⌊i·2³²/n⌋, ⌊(i+1)·2³²/n⌋). The first segment has no start, the last no end, so every key of a
 * space falls in exactly one segment. Bounds are start inclusive, end exclusive.
 */
export function segmentBounds(segment: number, totalSegments: number): { start?: Uint8Array; end?: Uint8Array } {
  if (!Number.isInteger(segment) || !Number.isInteger(totalSegments) || segment < 0 || segment >= totalSegments) {
    throw new RangeError(`bad segment ${segment} of ${totalSegments}`);
  }
  const at = (i: number): Uint8Array => {
    const b = Buffer.alloc(HASH_PREFIX_BYTES);
    b.writeUInt32BE(Math.floor((i * 2 ** 32) / totalSegments));
    return b;
  };
  const out: { start?: Uint8Array; end?: Uint8Array } = {};
  if (segment > 0) out.start = at(segment);
  if (segment < totalSegments - 1) out.end = at(segment + 1);
  return out;
}

/** The 32-bit hash prefix of a key (for diagnostics and segment tests). */
export function hashPrefixOf(key: Uint8Array): number {
  return Buffer.from(key.buffer, key.byteOffset, key.byteLength).readUInt32BE(0);
}
