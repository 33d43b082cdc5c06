/**
 * KeyConditionExpression: the restricted condition grammar DynamoDB accepts for Query, and its
 * binding to a table's or index's key schema.
 */
import { DynamoError } from '../../protocol/errors.js';
import { isMultiAttributeKey, keySchemaAttributes } from '../tables/key-schema.js';
import type { KeySchemaDef } from '../tables/table-types.js';
import type { AttributeValue } from '../values/types.js';
import { typeOf } from '../values/types.js';
import { keyValueBytes, MAX_SORT_KEY_BYTES } from '../values/key.js';
import { emptyKeyValueMessage, KEY_MESSAGES } from '../values/messages.js';
import type { CompiledKeyCondition, Cond, KeyOp, KeyPart, Operand } from './compiled.js';
import { bindMultiKeyCondition } from './multi-key-condition.js';

const FLIP: Readonly<Record<string, KeyOp>> = { '=': 'EQ', '<': 'GT', '<=': 'GE', '>': 'LT', '>=': 'LE' };
const DIRECT: Readonly<Record<string, KeyOp>> = { '=': 'EQ', '<': 'LT', '<=': 'LE', '>': 'GT', '>=': 'GE' };
const FUNCTION_NAMES: Readonly<Record<string, string>> = {
  exists: 'attribute_exists',
  notExists: 'attribute_not_exists',
  type: 'attribute_type',
  contains: 'contains',
};

export interface BoundKeyCondition {
  hash: { name: string; value: AttributeValue };
  /** The condition on the (last named) sort key attribute. */
  range?: { name: string; op: KeyOp; values: AttributeValue[] };
  /** Multi-attribute keys only (multi-key-condition.ts): the equalities on the other HASH attributes. */
  moreHash?: { name: string; value: AttributeValue }[];
  /** Multi-attribute keys only: the equalities on the RANGE attributes before `range`'s. */
  rangePrefix?: { name: string; value: AttributeValue }[];
}

/** Returns the message for a key condition DynamoDB rejects, or the parts. */
function collect(c: Cond, parts: KeyPart[]): string | undefined {
  switch (c.k) {
    case 'and':
      return collect(c.l, parts) ?? collect(c.r, parts);
    case 'or':
    case 'not':
    case 'in':
      return `Invalid operator used in KeyConditionExpression: ${c.k.toUpperCase()}`;
    case 'exists':
    case 'notExists':
    case 'type':
    case 'contains':
      return `Invalid operator used in KeyConditionExpression: ${FUNCTION_NAMES[c.k]}`;
    case 'cmp':
      if (c.op === '<>') return 'Invalid operator used in KeyConditionExpression: <>';
      return part(c.k, [c.a, c.b], c.op, parts);
    case 'between':
      if (c.a.k !== 'path') {
        return 'Invalid condition in KeyConditionExpression: BETWEEN operator must have the key attribute as its first operand';
      }
      return part(c.k, [c.a, c.lo, c.hi], 'BETWEEN', parts);
    case 'beginsWith':
      if (c.a.k !== 'path') {
        return 'Invalid condition in KeyConditionExpression: begins_with operator must have the key attribute as its first operand';
      }
      return part(c.k, [c.a, c.b], 'BEGINS_WITH', parts);
  }
}

function part(kind: string, operands: Operand[], op: string, parts: KeyPart[]): string | undefined {
  let name: string | undefined;
  let at = 0;
  const values: AttributeValue[] = [];
  for (let i = 0; i < operands.length; i++) {
    const o = operands[i] as Operand;
    if (o.k === 'size') return 'KeyConditionExpressions cannot contain nested operations';
    if (o.k === 'path') {
      if (name !== undefined) return 'Invalid condition in KeyConditionExpression: Multiple attribute names used in one condition';
      if (o.path.length > 1 || typeof o.path[0] !== 'string') {
        return 'KeyConditionExpressions cannot have conditions on nested attributes';
      }
      name = o.path[0];
      at = i;
    } else if (o.k === 'value') values.push(o.v);
  }
  if (name === undefined) return 'Invalid condition in KeyConditionExpression: No key attribute specified';
  // Prefixed since (at least) 2026: live DynamoDB, conformance suite queryKeyConditionOperands;
  // dynalite recorded it bare.
  if (parts.some((p) => p.name === name)) {
    return 'Invalid KeyConditionExpression: KeyConditionExpressions must only contain one condition per key';
  }
  const keyOp = kind === 'cmp' ? ((at === 0 ? DIRECT : FLIP)[op] as KeyOp) : (op as KeyOp);
  parts.push({ name, op: keyOp, values });
  return undefined;
}

/** Compiles a resolved KeyConditionExpression; returns the error message DynamoDB gives, if any. */
export function compileKeyCondition(c: Cond): CompiledKeyCondition | string {
  const parts: KeyPart[] = [];
  const error = collect(c, parts);
  if (error !== undefined) return error;
  // More than two conditions are counted against the key schema once the table is known (see
  // bindKeyCondition), not refused up front as dynalite recorded: multi-attribute GSI keys take up
  // to 8, and DynamoDB names the count it found (conformance suite, 2026).
  return { parts, source: 'expression' };
}

/**
 * Binds a key condition to a key schema with DynamoDB's Query messages, attribute by attribute
 * (hash, then range). `beforeAttribute` runs first for each key attribute: DynamoDB checks the
 * ExclusiveStartKey's element for an attribute before that attribute's condition (dynalite's query
 * tests record the interleaving).
 */
export function bindKeyCondition(
  k: CompiledKeyCondition,
  schema: KeySchemaDef,
  beforeAttribute?: (name: string, type: string, isHash: boolean) => void,
): BoundKeyCondition {
  const count = k.parts.length;
  if (isMultiAttributeKey(schema)) {
    // The count rule below, applied to all the key's attributes (unverified for these keys).
    const n = keySchemaAttributes(schema).length;
    if (k.source === 'expression' && count > n) throw tooManyConditions(count, n);
    return bindMultiKeyCondition(k, schema, beforeAttribute);
  }
  const mismatch = 'One or more parameter values were invalid: Condition parameter type does not match schema type';
  let bound: BoundKeyCondition | undefined;
  const attrs = schema.range ? [schema.hash, schema.range] : [schema.hash];
  // Live DynamoDB 2026 (conformance suite queryKeyConditionOperands): a KeyConditionExpression with
  // three conditions on a two-attribute key. Legacy KeyConditions keep dynalite's recorded text
  // (Query refuses them before the lookup unless the table has a multi-attribute GSI).
  if (count > 2) {
    if (k.source === 'expression') throw tooManyConditions(count, attrs.length);
    throw DynamoError.validation('Conditions can be of length 1 or 2 only');
  }
  for (const attr of attrs) {
    const isHash = attr === schema.hash;
    beforeAttribute?.(attr.name, attr.type, isHash);
    if (isHash && !schema.range && count > 1) throw DynamoError.validation('Query key condition not supported');
    const part = k.parts.find((p) => p.name === attr.name);
    if (!part) {
      if (isHash || count > 1) throw DynamoError.validation(`Query condition missed key schema element: ${attr.name}`);
      continue;
    }
    if (part.notIndexable) throw DynamoError.validation('Attempted conditional constraint is not an indexable operation');
    if (part.values.some((v) => typeOf(v) !== attr.type)) throw DynamoError.validation(mismatch);
    // A key value cannot be empty, so an equality with "" is refused like an empty key in GetItem
    // (moto records the message for both key attributes). On the sort key every operator's values
    // are held to the key rules: an empty begins_with prefix gets the same text and a value over
    // 1024 bytes the range-key size text (aux-storage's query tests; ministack PR 1067 records the
    // refusal of empty operands). A non-equality on the HASH key stays "not supported" below.
    if ((part.op === 'EQ' || !isHash) && attr.type !== 'N' && part.values.some(isEmpty)) {
      throw DynamoError.validation(emptyKeyValueMessage(attr.name, attr.type as 'S' | 'B'));
    }
    if (!isHash && part.values.some((v) => keyValueBytes(v) > MAX_SORT_KEY_BYTES)) {
      throw DynamoError.validation(KEY_MESSAGES.rangeKeyTooLarge);
    }
    if (isHash) {
      if (part.op !== 'EQ') throw DynamoError.validation('Query key condition not supported');
      bound = { hash: { name: attr.name, value: part.values[0] as AttributeValue } };
    } else if (bound) {
      if (part.op === 'BEGINS_WITH' && attr.type === 'N') throw DynamoError.validation('Query key condition not supported');
      bound.range = { name: part.name, op: part.op, values: part.values };
    }
  }
  if (!bound) throw DynamoError.validation(`Query condition missed key schema element: ${schema.hash.name}`);
  return bound;
}

function isEmpty(v: AttributeValue | undefined): boolean {
  const x = v as { S?: unknown; B?: unknown } | undefined;
  return x !== undefined && (x.S === '' || x.B === '' || (x.B instanceof Uint8Array && x.B.length === 0));
}

function tooManyConditions(count: number, attributes: number): DynamoError {
  return DynamoError.validation(
    `The number of query conditions (${count}) exceeds the number of key attributes defined in the schema (${attributes})`,
  );
}
