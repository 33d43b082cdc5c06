/**
 * Key conditions on a GSI with a multi-attribute key (tables/key-schema.ts). DynamoDB's rules
 * (conformance suite verified against live DynamoDB, October 2026; moto's AWS-verified tests): an
 * equality on every HASH attribute; conditions on a gap-free prefix of the RANGE attributes, all
 * equalities except possibly the last one named (<, <=, >, >=, BETWEEN, begins_with); clauses in
 * any order. A gap, or a range condition before the last attribute named, is refused with
 * "RANGE key attributes <earlier> must have equality conditions specified in the query because a
 * condition is present on key attribute <later>". The texts for a missing HASH attribute and for a
 * condition on a non-key attribute are another emulator's (floci), unverified.
 */
import { DynamoError } from '../../protocol/errors.js';
import { hashAttributes, rangeAttributes } from '../tables/key-schema.js';
import type { KeyAttribute, KeySchemaDef } from '../tables/table-types.js';
import { emptyKeyValueMessage } from '../values/messages.js';
import type { AttributeValue } from '../values/types.js';
import { typeOf } from '../values/types.js';
import type { CompiledKeyCondition, KeyPart } from './compiled.js';
import type { BoundKeyCondition } from './key-condition.js';

const MISMATCH = 'One or more parameter values were invalid: Condition parameter type does not match schema type';
const NOT_SUPPORTED = 'Query key condition not supported';

/** The most conditions a key condition can have: 4 HASH and 4 RANGE attributes. */
export const MAX_KEY_CONDITION_PARTS = 8;

export function bindMultiKeyCondition(
  k: CompiledKeyCondition,
  schema: KeySchemaDef,
  beforeAttribute?: (name: string, type: string, isHash: boolean) => void,
): BoundKeyCondition {
  const hashes = hashAttributes(schema);
  const ranges = rangeAttributes(schema);
  const hashValues: { name: string; value: AttributeValue }[] = [];
  for (const attr of hashes) {
    beforeAttribute?.(attr.name, attr.type, true);
    const part = k.parts.find((p) => p.name === attr.name);
    if (!part) throw DynamoError.validation(`Query condition missed key schema element: ${attr.name}`);
    checkPart(part, attr);
    if (part.op !== 'EQ') throw DynamoError.validation(NOT_SUPPORTED);
    hashValues.push({ name: attr.name, value: part.values[0] as AttributeValue });
  }
  const rangeParts: (KeyPart | undefined)[] = [];
  for (const attr of ranges) {
    beforeAttribute?.(attr.name, attr.type, false);
    const part = k.parts.find((p) => p.name === attr.name);
    if (part) {
      checkPart(part, attr);
      if (part.op === 'BEGINS_WITH' && attr.type === 'N') throw DynamoError.validation(NOT_SUPPORTED);
    }
    rangeParts.push(part);
  }
  if (k.parts.some((p) => !hashes.some((a) => a.name === p.name) && !ranges.some((a) => a.name === p.name))) {
    throw DynamoError.validation(NOT_SUPPORTED);
  }
  checkRangePrefix(ranges, rangeParts);
  const [first, ...moreHash] = hashValues;
  if (!first) throw new TypeError('a key schema has a HASH attribute');
  const bound: BoundKeyCondition = { hash: first, moreHash, rangePrefix: [] };
  const last = rangeParts.reduce((at, p, i) => (p ? i : at), -1);
  for (let i = 0; i < last; i++) {
    const p = rangeParts[i] as KeyPart;
    bound.rangePrefix?.push({ name: p.name, value: p.values[0] as AttributeValue });
  }
  const lastPart = rangeParts[last];
  if (lastPart) bound.range = { name: lastPart.name, op: lastPart.op, values: lastPart.values };
  return bound;
}

function checkPart(part: KeyPart, attr: KeyAttribute): void {
  if (part.notIndexable) throw DynamoError.validation('Attempted conditional constraint is not an indexable operation');
  if (part.values.some((v) => typeOf(v) !== attr.type)) throw DynamoError.validation(MISMATCH);
  if (part.op === 'EQ' && attr.type !== 'N' && isEmpty(part.values[0])) {
    throw DynamoError.validation(emptyKeyValueMessage(attr.name, attr.type as 'S' | 'B'));
  }
}

/** For the first RANGE attribute with a condition after an attribute without an equality: refused. */
function checkRangePrefix(ranges: KeyAttribute[], parts: (KeyPart | undefined)[]): void {
  for (let later = 1; later < ranges.length; later++) {
    if (!parts[later]) continue;
    for (let prior = 0; prior < later; prior++) {
      if (parts[prior]?.op !== 'EQ') {
        throw DynamoError.validation(
          `RANGE key attributes ${ranges[prior]?.name} must have equality conditions specified in the query because a condition is present on key attribute ${ranges[later]?.name}`,
        );
      }
    }
  }
}

function isEmpty(v: AttributeValue | undefined): boolean {
  const x = v as { S?: unknown; B?: unknown } | undefined;
  return x !== undefined && (x.S === '' || x.B === '' || (x.B instanceof Uint8Array && x.B.length === 0));
}
