import { DynamoError } from '../../protocol/errors.js';
import type { BoundKeyCondition, CompiledCondition } from '../expressions/index.js';
import type { Cond, Operand } from '../expressions/compiled.js';
import type { DocumentPath } from '../expressions/paths.js';
import { projectedAttributeNames } from '../tables/index-projection.js';
import { keySchemaNames } from '../tables/key-schema.js';
import type { TableDef } from '../tables/table-types.js';
import { compareScalars, valuesEqual } from '../values/compare.js';
import { keyValueBytes, MAX_PARTITION_KEY_BYTES, MAX_SORT_KEY_BYTES, validateKey } from '../values/key.js';
import { KEY_MESSAGES, VALUE_MESSAGES } from '../values/messages.js';
import type { AttributeValue, Item } from '../values/types.js';
import { typeOf } from '../values/types.js';
import { validateItem } from '../values/validate.js';
import type { ReadTarget } from './read-path.js';

/**
 * Query/Scan checks on ExclusiveStartKey, filters and projections, in DynamoDB's order and words
 * (dynalite's query/scan tests, which record DynamoDB's responses).
 */

const INVALID_START = 'The provided starting key is invalid';

/** Value problems DynamoDB reports inside "The provided starting key is invalid: …"; others go bare. */
const PREFIXED = new Set<string>([
  VALUE_MESSAGES.empty,
  VALUE_MESSAGES.multiple,
  VALUE_MESSAGES.nullNotTrue,
  VALUE_MESSAGES.emptyStringSet,
  VALUE_MESSAGES.emptyBinarySet,
  VALUE_MESSAGES.nesting,
]);

/** Validates the values of ExclusiveStartKey (before the table is looked up). */
export function validateStartKeyValues(raw: unknown): Item {
  try {
    return validateItem(raw);
  } catch (e) {
    if (e instanceof DynamoError && e.code === 'ValidationException' && PREFIXED.has(e.message)) {
      throw DynamoError.validation(`${INVALID_START}: ${e.message}`);
    }
    throw e;
  }
}

/** Every attribute name of the table's and the target's key schema (table first). */
export function startKeyNames(target: ReadTarget): string[] {
  const names = [target.table.key.hash.name];
  if (target.table.key.range) names.push(target.table.key.range.name);
  if (target.index) {
    for (const n of keySchemaNames(target.index.key)) {
      if (!names.includes(n)) names.push(n);
    }
  }
  return names;
}

/** The ExclusiveStartKey element of one key attribute of the target: present, right type, size. */
export function checkStartKeyElement(esk: Item, name: string, type: string, isHash: boolean): void {
  const v = Object.hasOwn(esk, name) ? esk[name] : undefined;
  if (v === undefined) throw DynamoError.validation(INVALID_START);
  if (typeOf(v) !== type) throw DynamoError.validation(KEY_MESSAGES.schemaMismatch);
  const bytes = keyValueBytes(v);
  if (isHash && bytes > MAX_PARTITION_KEY_BYTES) throw DynamoError.validation(KEY_MESSAGES.hashKeyTooLarge);
  if (!isHash && bytes > MAX_SORT_KEY_BYTES) throw DynamoError.validation(KEY_MESSAGES.rangeKeyTooLarge);
}

export function checkStartKeyCount(target: ReadTarget, esk: Item, bareMessage: boolean): void {
  if (Object.keys(esk).length !== startKeyNames(target).length) {
    throw DynamoError.validation(bareMessage ? INVALID_START : `${INVALID_START}: ${KEY_MESSAGES.schemaMismatch}`);
  }
}

/** The table's own key inside ExclusiveStartKey must be a valid key of the table. */
export function checkStartKeyTablePart(target: ReadTarget, esk: Item): void {
  const schema = target.table.key;
  const key: Item = {};
  for (const n of [schema.hash.name, schema.range?.name]) {
    if (n !== undefined && esk[n] !== undefined) key[n] = esk[n] as AttributeValue;
  }
  try {
    validateKey(schema, key);
  } catch (e) {
    if (e instanceof DynamoError) throw DynamoError.validation(`${INVALID_START}: ${e.message}`);
    throw e;
  }
}

function matchesRange(v: AttributeValue, op: string, values: AttributeValue[]): boolean {
  const first = values[0] as AttributeValue;
  if (op === 'BEGINS_WITH') {
    if ('S' in v && 'S' in first) return v.S.startsWith(first.S);
    if ('B' in v && 'B' in first) {
      return Buffer.from(v.B, 'base64').subarray(0, Buffer.from(first.B, 'base64').length).equals(Buffer.from(first.B, 'base64'));
    }
    return false;
  }
  const c = compareScalars(v, first);
  if (c === undefined) return false;
  switch (op) {
    case 'EQ': return c === 0;
    case 'LT': return c < 0;
    case 'LE': return c <= 0;
    case 'GT': return c > 0;
    case 'GE': return c >= 0;
    case 'BETWEEN': return c >= 0 && (compareScalars(v, values[1] as AttributeValue) ?? 1) <= 0;
    default: return false;
  }
}

/** Whether ExclusiveStartKey lies inside the key condition, with DynamoDB's three messages. */
export function checkStartKeyBounds(esk: Item, bound: BoundKeyCondition): void {
  const hashValue = esk[bound.hash.name] as AttributeValue;
  let sameHash = valuesEqual(hashValue, bound.hash.value);
  // Multi-attribute keys: every HASH value, and the RANGE equalities before the last condition.
  if (bound.moreHash) sameHash &&= bound.moreHash.every((h) => valuesEqual(esk[h.name] as AttributeValue, h.value));
  if (bound.rangePrefix?.some((r) => !valuesEqual(esk[r.name] as AttributeValue, r.value))) {
    throw DynamoError.validation('The provided starting key does not match the range key predicate');
  }
  if (!bound.range) {
    if (!sameHash) throw DynamoError.validation('The provided starting key is outside query boundaries based on provided conditions');
    return;
  }
  const rangeValue = esk[bound.range.name] as AttributeValue;
  if (!matchesRange(rangeValue, bound.range.op, bound.range.values)) {
    throw DynamoError.validation('The provided starting key does not match the range key predicate');
  }
  if (!sameHash) throw DynamoError.validation('The query can return at most one row and cannot be restarted');
}

/** Top-level names a condition reads, and those it reads below the top level. */
export function conditionPaths(c: CompiledCondition): DocumentPath[] {
  const out: DocumentPath[] = [];
  const operand = (o: Operand): void => {
    switch (o.k) {
      case 'path': out.push(o.path); break;
      case 'size': operand(o.of); break;
      case 'ifNotExists': out.push(o.path); operand(o.fallback); break;
      case 'listAppend':
      case 'arith': operand(o.a); operand(o.b); break;
      default: break;
    }
  };
  const walk = (n: Cond): void => {
    switch (n.k) {
      case 'and': case 'or': walk(n.l); walk(n.r); break;
      case 'not': walk(n.c); break;
      case 'exists': case 'notExists': out.push(n.path); break;
      case 'cmp': case 'beginsWith': case 'contains': operand(n.a); operand(n.b); break;
      case 'between': operand(n.a); operand(n.lo); operand(n.hi); break;
      case 'in': operand(n.a); n.list.forEach(operand); break;
      case 'type': operand(n.a); break;
    }
  };
  walk(c.root);
  return out;
}

/** Query filters may not read the queried key schema's attributes. */
export function checkFilterOnKeys(target: ReadTarget, paths: DocumentPath[], legacy: boolean): void {
  const heads = new Set(paths.map((p) => p[0]));
  for (const n of keySchemaNames(target.schema)) {
    if (heads.has(n)) {
      throw DynamoError.validation(
        `${legacy ? 'QueryFilter' : 'Filter Expression'} can only contain non-primary key attributes: Primary key attribute: ${n}`,
      );
    }
  }
}

/**
 * A Query on a KEYS_ONLY or INCLUDE index may filter only on attributes the index projects, even
 * when the rows are completed from the table (LSI with ALL_ATTRIBUTES). DynamoDB checks this right
 * after the key-attribute rule and names the missing attributes sorted, with "Secondary index" for
 * GSIs and LSIs alike (alternator test_lsi.py, DynamoDB Local's QueryFunction). Scan has no such
 * rule: its filter just sees the unprojected attributes as absent.
 */
export function checkFilterProjected(target: ReadTarget, paths: DocumentPath[]): void {
  if (!target.index) return;
  const projected = projectedAttributeNames(target.table, target.index);
  if (!projected) return;
  const missing = new Set<string>();
  for (const p of paths) {
    const head = p[0];
    if (typeof head === 'string' && !projected.has(head)) missing.add(head);
  }
  if (missing.size === 0) return;
  throw DynamoError.validation(
    `One or more parameter values were invalid: Secondary index ${target.index.name} does not project one or more filter attributes: [${[...missing].sort().join(', ')}]`,
  );
}

/** Key attributes (of the table, then of its indexes) may not be read below the top level. */
export function checkNestedKeyPaths(table: TableDef, paths: DocumentPath[] | undefined): void {
  if (!paths) return;
  const nested = new Set<string | number | undefined>();
  for (const p of paths) if (p.length > 1) nested.add(p[0]);
  if (nested.size === 0) return;
  const prefix = "Key attributes must be scalars; list random access '[]' and map lookup '.' are not allowed: ";
  for (const n of [table.key.hash.name, table.key.range?.name]) {
    if (n !== undefined && nested.has(n)) throw DynamoError.validation(`${prefix}Key: ${n}`);
  }
  for (const index of [...table.lsis, ...table.gsis]) {
    for (const n of keySchemaNames(index.key)) {
      if (nested.has(n)) throw DynamoError.validation(`${prefix}IndexKey: ${n}`);
    }
  }
}

