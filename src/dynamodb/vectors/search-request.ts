import { DynamoError } from '../../protocol/errors.js';
import type { AttributeValue } from '../values/types.js';
import { throwModelErrors } from './vector-validate.js';

export interface SearchVectorsInput {
  TableName: string;
  IndexName: string;
  SearchVector: AttributeValue[];
  TopK: number;
  SearchConditionExpression?: string;
  ProjectionExpression?: string;
  ExpressionAttributeNames?: Record<string, string>;
  ExpressionAttributeValues?: Record<string, AttributeValue>;
  ReturnConsumedCapacity?: string;
}

type Expected = 'a string' | 'a sequence' | 'i32' | 'a map';

/** The members the deserialiser types, in the order it checks the required ones for absence. */
const MEMBERS: [name: string, expected: Expected, required: boolean][] = [
  ['TableName', 'a string', true],
  ['IndexName', 'a string', true],
  ['SearchVector', 'a sequence', true],
  ['TopK', 'i32', true],
  ['SearchConditionExpression', 'a string', false],
  ['ProjectionExpression', 'a string', false],
  ['ExpressionAttributeNames', 'a map', false],
  ['ExpressionAttributeValues', 'a map', false],
];

const I32_MIN = -2_147_483_648;
const I32_MAX = 2_147_483_647;

/** How the deserialiser names a value it did not expect (serde's `Unexpected`). */
function unexpected(v: unknown): string {
  if (v === null) return 'null';
  if (typeof v === 'boolean') return `boolean \`${v}\``;
  if (typeof v === 'number') return Number.isInteger(v) ? `integer \`${v}\`` : `floating point \`${v}\``;
  if (typeof v === 'string') return `string ${JSON.stringify(v)}`;
  return Array.isArray(v) ? 'sequence' : 'map';
}

function fits(v: unknown, expected: Expected): boolean {
  if (expected === 'a string') return typeof v === 'string';
  if (expected === 'a sequence') return Array.isArray(v);
  if (expected === 'a map') return typeof v === 'object' && v !== null && !Array.isArray(v);
  return typeof v === 'number';
}

/**
 * SearchVectors reads its body with a strict deserialiser before it validates any member (live
 * DynamoDB, eu-west-2 and us-east-1, 2026-10-09: conformance suite tier3/error-messages/
 * searchVectors, "request shape errors"): an explicit null for a required member is a
 * SerializationException ("invalid type: null, expected a string at line 1 column N"; "a sequence"
 * for SearchVector, "i32" for TopK), a missing one a ValidationException ("missing field
 * `TableName` at line 1 column N"), before any length or range check. Null optional members read
 * as absent. Members are read in the body's order; missing ones are reported in MEMBERS order
 * (only TableName's is recorded). Wrong-typed values get the same deserialiser's wording
 * (unverified). The column is counted on the request re-encoded as compact JSON, which is how the
 * AWS SDKs send it.
 */
export function deserializeSearchVectors(raw: Record<string, unknown>): SearchVectorsInput {
  let column = 1; // the opening brace
  let first = true;
  for (const [name, value] of Object.entries(raw)) {
    if (value === undefined) continue;
    column += (first ? 0 : 1) + Buffer.byteLength(JSON.stringify(name), 'utf8') + 1;
    first = false;
    const member = MEMBERS.find(([n]) => n === name);
    if (member && !(value === null && !member[2])) {
      const [, expected] = member;
      const at = column + (typeof value === 'object' && value !== null ? 1 : jsonBytes(value));
      if (!fits(value, expected)) {
        throw DynamoError.serialization(`invalid type: ${unexpected(value)}, expected ${expected} at line 1 column ${at}`);
      }
      if (expected === 'i32' && (!Number.isInteger(value) || (value as number) < I32_MIN || (value as number) > I32_MAX)) {
        const problem = Number.isInteger(value) ? `invalid value: integer \`${String(value)}\`` : `invalid type: ${unexpected(value)}`;
        throw DynamoError.serialization(`${problem}, expected i32 at line 1 column ${at}`);
      }
      if (expected === 'a map') checkMapValues(name, value as Record<string, unknown>, column);
    }
    column += jsonBytes(value);
  }
  const end = column + 1; // the closing brace
  for (const [name, , required] of MEMBERS) {
    if (required && (raw[name] === undefined || raw[name] === null)) {
      throw DynamoError.validation(`missing field \`${name}\` at line 1 column ${end}`);
    }
  }
  // Null optional members are absent from here on.
  const input = Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== null)) as unknown as SearchVectorsInput;
  throwModelErrors(modelErrors(input));
  return input;
}

/**
 * The values of ExpressionAttributeNames (strings) and ExpressionAttributeValues (AttributeValue
 * maps), read like the members: a name that is no string is "invalid type: …, expected a string";
 * a value that is no JSON object is serde_json's "expected value" at its first byte, as an
 * externally tagged enum reads (Eddy's reading; neither is recorded). A null value used to reach
 * the search condition (a TypeError, a 500; found by a fuzzer). `column` is the member's colon.
 */
function checkMapValues(member: string, map: Record<string, unknown>, column: number): void {
  let at = column + 1; // the opening brace
  let first = true;
  for (const [key, value] of Object.entries(map)) {
    if (value === undefined) continue;
    at += (first ? 0 : 1) + Buffer.byteLength(JSON.stringify(key), 'utf8') + 1;
    first = false;
    const isObject = typeof value === 'object' && value !== null;
    if (member === 'ExpressionAttributeNames' && typeof value !== 'string') {
      throw DynamoError.serialization(`invalid type: ${unexpected(value)}, expected a string at line 1 column ${at + (isObject ? 1 : jsonBytes(value))}`);
    }
    if (member === 'ExpressionAttributeValues' && (!isObject || Array.isArray(value))) {
      throw DynamoError.serialization(`expected value at line 1 column ${at + 1}`);
    }
    at += jsonBytes(value);
  }
}

/**
 * UTF-8 length of `value` written as compact JSON, without JSON.stringify's recursion: a member may
 * nest ten thousand deep, past what JSON.stringify can write (a RangeError, once a 500; found by a
 * fuzzer).
 */
function jsonBytes(root: unknown): number {
  let bytes = 0;
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const value = stack.pop();
    if (typeof value !== 'object' || value === null) {
      bytes += Buffer.byteLength(JSON.stringify(value) ?? 'null', 'utf8');
    } else if (Array.isArray(value)) {
      bytes += 2 + Math.max(value.length - 1, 0);
      for (const el of value) stack.push(el === undefined ? null : el);
    } else {
      const entries = Object.entries(value).filter(([, v]) => v !== undefined);
      bytes += 2 + Math.max(entries.length - 1, 0);
      for (const [k, v] of entries) {
        bytes += Buffer.byteLength(JSON.stringify(k), 'utf8') + 1;
        stack.push(v);
      }
    }
  }
  return bytes;
}

function lengthErrors(value: string, member: string, min: number, max: number, errors: string[]): void {
  if (value.length < min) errors.push(`Value '${value}' at '${member}' failed to satisfy constraint: Member must have length greater than or equal to ${min}`);
  else if (value.length > max) errors.push(`Value '${value}' at '${member}' failed to satisfy constraint: Member must have length less than or equal to ${max}`);
}

/**
 * The request-model constraints, checked once the body is read (the bundled pre-2026 API model
 * does not know SearchVectors): TopK ≥ 1 is recorded ("greater than or equal to 1": conformance
 * suite vectorSearch/validation); the name lengths are the API model's constraints on the other
 * operations' TableName (a name or ARN, 1–1024), worded as there (not recorded for this one).
 */
function modelErrors(input: SearchVectorsInput): string[] {
  const errors: string[] = [];
  lengthErrors(input.TableName, 'tableName', 1, 1024, errors);
  // SearchVectors words its IndexName and SearchVector constraints in the newer layer: no value
  // echoed, the member capitalised (live DynamoDB, eu-west-2 and us-east-1, 2026-08-13, recorded in
  // nubo-db/dynoxide src/actions/search_vectors.rs; the 255 bound's wording is inferred from it).
  if (input.IndexName.length < 3) errors.push(`Value at 'IndexName' failed to satisfy constraint: Member must have length greater than or equal to 3`);
  else if (input.IndexName.length > 255) errors.push(`Value at 'IndexName' failed to satisfy constraint: Member must have length less than or equal to 255`);
  if (input.SearchVector.length === 0) errors.push(`Value at 'SearchVector' failed to satisfy constraint: Member must have length greater than or equal to 1`);
  if (input.TopK < 1) errors.push(`Value '${input.TopK}' at 'topK' failed to satisfy constraint: Member must have value greater than or equal to 1`);
  return errors;
}
