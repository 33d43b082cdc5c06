/**
 * Semantic validation of AttributeValues and items, with DynamoDB's messages and precedence.
 *
 * The JSON shape has been checked by the protocol layer; this module still refuses wrong JSON types
 * defensively (SerializationException). It returns normalized copies (numbers canonical, binaries
 * canonical base64) and never mutates its input.
 *
 * Precedence, as DynamoDB reports it: values are checked depth-first in document order and the first
 * problem wins; within one AttributeValue the members are examined in the order S, SS, N, NS, B, BS,
 * M, L, BOOL, NULL (each one fully, nested values included) before "empty"/"more than one datatypes"
 * is decided. Unknown members (e.g. `{ "a": "" }`) and JSON nulls are ignored, as DynamoDB does.
 */
import { DynamoError } from '../../protocol/errors.js';
import { canonicalBase64, isValidBase64 } from './base64.js';
import { binarySetDuplicatesMessage, stringSetDuplicatesMessage, VALUE_MESSAGES } from './messages.js';
import { ItemText } from './item-text.js';
import { valueError } from './layers.js';
import { checkDecimal, formatNumber, MAX_DECIMAL_EXPONENT, notNumericMessage, NUMBER_MESSAGES, parseDecimalSyntax, type Decimal } from './number.js';
import type { AttributeValue, Item } from './types.js';
import { sortSetMembers } from './set-order.js';

/** Containers (M, L) may sit at levels 1..MAX_CONTAINER_LEVEL; an item's attributes are level 1. */
export const MAX_CONTAINER_LEVEL = 31;
/** Deepest level any value may sit at (a scalar inside a container at level 31). */
export const MAX_NESTING_LEVEL = 32;

export interface ValidateContext {
  /** Nesting level of the value: 1 (default) for an attribute of an item or a top-level operand. */
  level?: number;
}

export const MEMBER_ORDER = ['S', 'SS', 'N', 'NS', 'B', 'BS', 'M', 'L', 'BOOL', 'NULL'] as const;
export const MEMBER_SET: ReadonlySet<string> = new Set(MEMBER_ORDER);

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function badShape(): DynamoError {
  return DynamoError.serialization();
}

export function stringList(v: unknown): string[] {
  if (!Array.isArray(v)) throw badShape();
  for (const m of v) if (typeof m !== 'string') throw badShape();
  return v as string[];
}

export function validateBinary(text: unknown): string {
  if (typeof text !== 'string' || !isValidBase64(text)) throw badShape();
  return canonicalBase64(text);
}

/** Largest Java int: an exponent past it wraps negative in the older layer's arithmetic. */
const INT_MAX = 2147483647;

/**
 * A number of an AttributeValue. The older layer (see layers.ts) reads an exponent that fits an int
 * but pushes the magnitude past one as Java's BigDecimal does: it wraps, and 1e2147483647 is an
 * underflow there; the current layer calls it an overflow.
 */
export function valueNumber(raw: string): Decimal {
  const d = parseDecimalSyntax(raw);
  if (!d) throw valueError(notNumericMessage(raw), { kind: 'notNumeric', text: raw });
  if (d.exponent > INT_MAX && d.exponent > MAX_DECIMAL_EXPONENT) {
    const m = /[eE]([+-]?[0-9]+)$/.exec(raw);
    if (m && Math.abs(Number(m[1])) <= INT_MAX) throw valueError(NUMBER_MESSAGES.underflow, { kind: 'numberWrap' });
  }
  return checkDecimal(d);
}

function validateMember(type: (typeof MEMBER_ORDER)[number], raw: unknown, level: number): AttributeValue {
  switch (type) {
    case 'S':
      if (typeof raw !== 'string') throw badShape();
      return { S: raw };
    case 'N':
      if (typeof raw !== 'string') throw badShape();
      return { N: formatNumber(valueNumber(raw)) };
    case 'B':
      return { B: validateBinary(raw) };
    case 'BOOL':
      if (typeof raw !== 'boolean') throw badShape();
      return { BOOL: raw };
    case 'NULL':
      if (typeof raw !== 'boolean') throw badShape();
      if (!raw) throw DynamoError.validation(VALUE_MESSAGES.nullNotTrue);
      return { NULL: true };
    case 'SS': {
      const members = stringList(raw);
      if (members.length === 0) throw DynamoError.validation(VALUE_MESSAGES.emptyStringSet);
      if (new Set(members).size !== members.length) {
        throw valueError(stringSetDuplicatesMessage(members), { kind: 'duplicateStrings', members });
      }
      return { SS: sortSetMembers('SS', members.slice()) };
    }
    case 'NS': {
      const members = stringList(raw);
      if (members.length === 0) throw DynamoError.validation(VALUE_MESSAGES.emptyNumberSet);
      const normalized = members.map((m) => formatNumber(valueNumber(m)));
      if (new Set(normalized).size !== normalized.length) {
        throw valueError(VALUE_MESSAGES.numberSetDuplicates, { kind: 'duplicateNumbers' });
      }
      return { NS: sortSetMembers('NS', normalized) };
    }
    case 'BS': {
      const members = stringList(raw);
      if (members.length === 0) throw DynamoError.validation(VALUE_MESSAGES.emptyBinarySet);
      const normalized = members.map(validateBinary);
      if (new Set(normalized).size !== normalized.length) {
        throw valueError(binarySetDuplicatesMessage(members), { kind: 'duplicateBinaries', members });
      }
      return { BS: sortSetMembers('BS', normalized) };
    }
    case 'M': {
      if (!isPlainObject(raw)) throw badShape();
      if (level > MAX_CONTAINER_LEVEL) throw DynamoError.validation(VALUE_MESSAGES.nesting);
      const entries: [string, AttributeValue][] = [];
      for (const name of Object.keys(raw)) entries.push([name, validateAt(raw[name], level + 1)]);
      return { M: Object.fromEntries(entries) as Item };
    }
    case 'L': {
      if (!Array.isArray(raw)) throw badShape();
      if (level > MAX_CONTAINER_LEVEL) throw DynamoError.validation(VALUE_MESSAGES.nesting);
      return { L: raw.map((element: unknown) => validateAt(element, level + 1)) };
    }
  }
}

/** The one member an AttributeValue object holds, or undefined when it holds none or several. */
export function soleMember(v: Record<string, unknown>): string | undefined {
  let only: string | undefined;
  let members = 0;
  for (const k in v) {
    if (++members > 1) return undefined;
    only = k;
  }
  return only !== undefined && Object.hasOwn(v, only) ? only : undefined;
}

function validateAt(v: unknown, level: number): AttributeValue {
  if (v === null || v === undefined) throw DynamoError.validation(VALUE_MESSAGES.empty);
  if (!isPlainObject(v)) throw badShape();
  // The usual AttributeValue has one member: dispatch on it directly (same outcome as the ordered
  // walk below, which only matters for precedence when several members are present).
  const only = soleMember(v);
  if (only !== undefined) {
    const raw = v[only];
    if (raw === null || raw === undefined || !MEMBER_SET.has(only)) throw DynamoError.validation(VALUE_MESSAGES.empty);
    return validateMember(only as (typeof MEMBER_ORDER)[number], raw, level);
  }
  let result: AttributeValue | undefined;
  let count = 0;
  for (const type of MEMBER_ORDER) {
    if (!Object.hasOwn(v, type)) continue;
    const raw = v[type];
    if (raw === null || raw === undefined) continue;
    result = validateMember(type, raw, level);
    count++;
  }
  if (count === 0 || !result) throw DynamoError.validation(VALUE_MESSAGES.empty);
  if (count > 1) throw DynamoError.validation(VALUE_MESSAGES.multiple);
  return result;
}

/** Validates one AttributeValue and returns its normalized copy. */
export function validateAttributeValue(v: unknown, ctx?: ValidateContext): AttributeValue {
  return validateAt(v, ctx?.level ?? 1);
}

/** Validates every attribute of an item (document order) and returns the normalized copy. */
export function validateItem(item: unknown): Item {
  if (!isPlainObject(item)) throw badShape();
  const out: Item = {};
  for (const name of Object.keys(item)) defineEntry(out, name, validateAt(item[name], 1));
  return out;
}

/** A validated, normalized item with its stored text and size (see prepareItem). */
export interface PreparedItem {
  item: Item;
  /** Exactly JSON.stringify(item): the text a write stores. */
  json: string;
  /** The UTF-8 length of `json`. */
  bytes: number;
  /** itemSize(item). */
  size: number;
}

/**
 * validateItem (same checks, order and messages) that also returns the item's stored text and
 * size, computed in the same walk (writes need all three; see item-text.ts).
 */
export function prepareItem(item: unknown, escapeFree = false): PreparedItem {
  if (!isPlainObject(item)) throw badShape();
  const out: Item = {};
  const text = new ItemText(escapeFree);
  for (const name of Object.keys(item)) {
    const value = validateAt(item[name], 1);
    defineEntry(out, name, value);
    text.add(name, value);
  }
  return { item: out, json: text.text(), bytes: text.bytes(), size: text.size };
}

/** out[name] = value, also for names like `__proto__` (as Object.fromEntries does). */
function defineEntry(out: Item, name: string, value: AttributeValue): void {
  if (name === '__proto__') Object.defineProperty(out, name, { value, enumerable: true, writable: true, configurable: true });
  else out[name] = value;
}

/** Validates a map of values such as ExpressionAttributeValues; each value is level 1. */
export function validateAttributeValueMap(values: unknown): Record<string, AttributeValue> {
  return validateItem(values);
}

/** True if an item (made of valid values) has a map or list past MAX_CONTAINER_LEVEL (its attributes are level 1). */
export function itemNestedTooDeep(item: Item): boolean {
  for (const name of Object.keys(item)) if (nestedTooDeep(item[name] as AttributeValue, 1)) return true;
  return false;
}

function nestedTooDeep(v: AttributeValue, level: number): boolean {
  if ('M' in v) {
    if (level > MAX_CONTAINER_LEVEL) return true;
    // Keys, then lookups: Object.values of a map of ~10^5 entries costs twice as much.
    for (const name of Object.keys(v.M)) if (nestedTooDeep(v.M[name] as AttributeValue, level + 1)) return true;
    return false;
  }
  if ('L' in v) return level > MAX_CONTAINER_LEVEL || v.L.some((e) => nestedTooDeep(e, level + 1));
  return false;
}

/**
 * Refuses an item (already made of valid values) whose maps and lists nest past DynamoDB's limit,
 * with the message validateItem gives a request's item: for items put together from pieces that
 * were checked one by one, such as a PartiQL INSERT's tuple literal with `?` parameters inside it,
 * or the item a PartiQL UPDATE leaves.
 */
export function checkItemNesting(item: Item): void {
  if (itemNestedTooDeep(item)) throw DynamoError.validation(VALUE_MESSAGES.nesting);
}
