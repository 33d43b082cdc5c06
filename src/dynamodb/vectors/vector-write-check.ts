import { DynamoError } from '../../protocol/errors.js';
import { indexKeyTypeMismatchMessage } from '../values/messages.js';
import type { AttributeValue, Item } from '../values/types.js';
import type { TableDef, VectorIndexDef } from '../tables/table-types.js';

const INVALID = 'One or more parameter values were invalid. ';

/** A decimal number as the index stores it (f32); undefined when it is no finite 32-bit float. */
export function toF32(n: string): number | undefined {
  const f = Math.fround(Number(n));
  return Number.isFinite(f) ? f : undefined;
}

/**
 * Every write to a table with vector indexes checks the item against each index, in declaration
 * order: the vector attribute, when present, must be a list of exactly `dimensions` numbers that
 * fit a 32-bit float; SearchSchema attributes, when present, must have their defined type and not
 * be empty. An item without the vector or a HASH attribute is accepted and simply not indexed.
 * Messages as recorded on live DynamoDB (conformance suite tier3/error-messages/vectorWrites).
 */
export function checkVectorWrite(table: TableDef, indexes: VectorIndexDef[], item: Item): void {
  for (const ix of indexes) {
    const value = item[ix.attribute];
    if (value !== undefined) checkVector(ix, value);
    for (const e of ix.searchSchema ?? []) {
      const v = item[e.AttributeName];
      if (v === undefined) continue;
      const expected = table.attributeDefinitions.find((d) => d.AttributeName === e.AttributeName)?.AttributeType ?? 'S';
      const actual = Object.keys(v)[0] ?? '';
      if (actual !== expected) throw DynamoError.validation(indexKeyTypeMismatchMessage(e.AttributeName, expected, actual, ix.name));
      if ((v as Record<string, unknown>)[actual] === '') {
        throw DynamoError.validation(
          `One or more parameter values are not valid. A value specified for a secondary index key is not supported. The AttributeValue for a key attribute cannot contain an empty ${expected === 'B' ? 'binary' : 'string'} value. IndexName: ${ix.name}, IndexKey: ${e.AttributeName}`,
        );
      }
    }
  }
}

function checkVector(ix: VectorIndexDef, value: AttributeValue): void {
  const list = (value as { L?: AttributeValue[] }).L;
  if (!Array.isArray(list)) {
    throw DynamoError.validation(`${INVALID}Invalid type for parameter ${ix.attribute}, Expected: 32-bit floating point number list IndexName: ${ix.name}`);
  }
  if (list.length !== ix.dimensions) {
    throw DynamoError.validation(
      `${INVALID}Invalid size for parameter ${ix.attribute}, Expected: ${ix.dimensions}, Actual: ${list.length} IndexName: ${ix.name}`,
    );
  }
  list.forEach((el, i) => {
    const n = (el as { N?: string }).N;
    if (typeof n !== 'string' || toF32(n) === undefined) {
      const actual = Object.keys(el)[0] ?? '';
      throw DynamoError.validation(
        `${INVALID}Invalid type for parameter ${ix.attribute}[${i}], Expected: 32-bit floating point number, Actual: ${actual}. IndexName: ${ix.name}`,
      );
    }
  });
}

/** The vector an item holds for an index (f32 components), or undefined when the item is not in it. */
export function indexedVector(ix: VectorIndexDef, item: Item): number[] | undefined {
  const list = (item[ix.attribute] as { L?: AttributeValue[] } | undefined)?.L;
  if (!Array.isArray(list) || list.length !== ix.dimensions) return undefined;
  const out: number[] = [];
  for (const el of list) {
    const n = (el as { N?: string }).N;
    const f = typeof n === 'string' ? toF32(n) : undefined;
    if (f === undefined) return undefined;
    out.push(f);
  }
  for (const e of ix.searchSchema ?? []) if (e.SearchSchemaElementType === 'HASH' && item[e.AttributeName] === undefined) return undefined;
  return out;
}
