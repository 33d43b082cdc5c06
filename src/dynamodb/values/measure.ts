/**
 * The size of a request's item, measured while checking its values exactly as validate.ts does
 * (same checks, same order, same first error), without building the normalized copy, the stored
 * text or the sorted sets.
 *
 * For refusing an item over 400 KB cheaply: DynamoDB reports any problem in the item's values
 * before its size, so every value is still checked, but an item of millions of small values
 * (a 15 MB list, map, or set) was copied, sorted and stringified before the size was compared,
 * seconds of CPU for a request that is refused. Writes call measureItem only when the request body
 * itself is over the limit (an item's size never exceeds the length of its JSON text), so requests
 * of ordinary size do no extra work. Keep it in step with validateAt/validateMember.
 */
import { isCanonicalBase64 } from '../../protocol/base64-canonical.js';
import { DynamoError } from '../../protocol/errors.js';
import { base64ByteLength, isValidBase64, canonicalBase64 } from './base64.js';
import { valueError } from './layers.js';
import { binarySetDuplicatesMessage, stringSetDuplicatesMessage, VALUE_MESSAGES } from './messages.js';
import { distinctNumbers, distinctStrings } from './distinct.js';
import { formatNumber, type Decimal } from './number.js';
import { decimalSize, MAX_ITEM_SIZE_BYTES, utf8Length } from './size.js';
import { badShape, isPlainObject, MAX_CONTAINER_LEVEL, MEMBER_ORDER, MEMBER_SET, soleMember, stringList, valueNumber } from './validate.js';

type Member = (typeof MEMBER_ORDER)[number];

/**
 * True when a request body of `bytes` (UTF-8, after any content decoding) could hold an item over
 * the limit: an item's size is at most the length of its JSON text.
 */
export function mayHoldOversizeItem(bytes: number | undefined): boolean {
  return bytes !== undefined && bytes > MAX_ITEM_SIZE_BYTES;
}

/** validateItem's checks and errors; returns the item's size (itemSize of the validated item). */
export function measureItem(item: unknown): number {
  if (!isPlainObject(item)) throw badShape();
  let size = 0;
  for (const name of Object.keys(item)) size += utf8Length(name) + measureAt(item[name], 1);
  return size;
}

/** validateAttributeValue's checks and errors; returns the value's size (attributeValueSize). */
export function measureAttributeValue(v: unknown, level = 1): number {
  return measureAt(v, level);
}

function measureAt(v: unknown, level: number): number {
  if (v === null || v === undefined) throw DynamoError.validation(VALUE_MESSAGES.empty);
  if (!isPlainObject(v)) throw badShape();
  const only = soleMember(v);
  if (only !== undefined) {
    const raw = v[only];
    if (raw === null || raw === undefined || !MEMBER_SET.has(only)) throw DynamoError.validation(VALUE_MESSAGES.empty);
    return measureMember(only as Member, raw, level);
  }
  let size = 0;
  let count = 0;
  for (const type of MEMBER_ORDER) {
    if (!Object.hasOwn(v, type)) continue;
    const raw = v[type];
    if (raw === null || raw === undefined) continue;
    size = measureMember(type, raw, level);
    count++;
  }
  if (count === 0) throw DynamoError.validation(VALUE_MESSAGES.empty);
  if (count > 1) throw DynamoError.validation(VALUE_MESSAGES.multiple);
  return size;
}

function measureMember(type: Member, raw: unknown, level: number): number {
  switch (type) {
    case 'S':
      if (typeof raw !== 'string') throw badShape();
      return utf8Length(raw);
    case 'N':
      if (typeof raw !== 'string') throw badShape();
      return decimalSize(valueNumber(raw));
    case 'B':
      return binarySize(raw);
    case 'BOOL':
      if (typeof raw !== 'boolean') throw badShape();
      return 1;
    case 'NULL':
      if (typeof raw !== 'boolean') throw badShape();
      if (!raw) throw DynamoError.validation(VALUE_MESSAGES.nullNotTrue);
      return 1;
    case 'SS': {
      const members = stringList(raw);
      if (members.length === 0) throw DynamoError.validation(VALUE_MESSAGES.emptyStringSet);
      if (!distinctStrings(members)) {
        throw valueError(stringSetDuplicatesMessage(members), { kind: 'duplicateStrings', members });
      }
      let size = 0;
      for (const m of members) size += utf8Length(m);
      return size;
    }
    case 'NS': {
      const members = stringList(raw);
      if (members.length === 0) throw DynamoError.validation(VALUE_MESSAGES.emptyNumberSet);
      const numbers: Decimal[] = [];
      let size = 0;
      for (const m of members) {
        const d = valueNumber(m);
        size += decimalSize(d);
        numbers.push(d);
      }
      if (!distinctNumbers(numbers, formatNumber)) throw valueError(VALUE_MESSAGES.numberSetDuplicates, { kind: 'duplicateNumbers' });
      return size;
    }
    case 'BS': {
      const members = stringList(raw);
      if (members.length === 0) throw DynamoError.validation(VALUE_MESSAGES.emptyBinarySet);
      const canonical: string[] = [];
      let size = 0;
      for (const m of members) {
        size += binarySize(m);
        canonical.push(isCanonicalBase64(m) ? m : canonicalBase64(m));
      }
      if (!distinctStrings(canonical)) {
        throw valueError(binarySetDuplicatesMessage(members), { kind: 'duplicateBinaries', members });
      }
      return size;
    }
    case 'M': {
      if (!isPlainObject(raw)) throw badShape();
      if (level > MAX_CONTAINER_LEVEL) throw DynamoError.validation(VALUE_MESSAGES.nesting);
      let size = 3;
      for (const name of Object.keys(raw)) size += 1 + utf8Length(name) + measureAt(raw[name], level + 1);
      return size;
    }
    case 'L': {
      if (!Array.isArray(raw)) throw badShape();
      if (level > MAX_CONTAINER_LEVEL) throw DynamoError.validation(VALUE_MESSAGES.nesting);
      let size = 3;
      for (const element of raw as unknown[]) size += 1 + measureAt(element, level + 1);
      return size;
    }
  }
}

/** validateBinary's check; the size of the bytes (the same for the text and its canonical form). */
function binarySize(text: unknown): number {
  if (typeof text !== 'string' || !isValidBase64(text)) throw badShape();
  return base64ByteLength(text);
}
