import { DynamoError } from '../../protocol/errors.js';
import dynamodbModel from '../../protocol/generated/dynamodb.json' with { type: 'json' };
import { validateAttributeValueMap } from '../values/validate.js';
import { objectMember } from './request-checks.js';

/**
 * ExportTableToPointInTime and ImportTable keep their request: canonical JSON of it decides a
 * client-token replay, and DescribeExport/DescribeImport echo parts of it. DynamoDB binds a request
 * to its model and ignores unknown members, at any depth; so do these: a job sees only the members
 * of the API model (and FilterSpecification, which the bundled model lacks). An unknown member
 * nested ten thousand deep used to reach the canonical JSON and the stored record, past what their
 * recursion can write (a RangeError, a 500; found by a fuzzer).
 */

/** A node of the generated model (src/protocol/shape-model.ts): structure members, or a list's or map's element. */
type RawNode = [kind: string, a?: unknown, b?: unknown];
type RawMember = [name: string, child: number, required: number, constraints: unknown];

const MODEL = dynamodbModel as unknown as { operations: Record<string, number>; nodes: RawNode[] };

/** `value` with only the members of model node `idx`; the protocol layer has checked their JSON types. */
function bind(idx: number, value: unknown): unknown {
  const [kind, a, b] = MODEL.nodes[idx] as RawNode;
  if (value === null || typeof value !== 'object') return value;
  if (kind === 'list') {
    const element = (a as [number, unknown])[0];
    return Array.isArray(value) ? value.map((v) => bind(element, v)) : value;
  }
  if (kind === 'map') {
    const element = (a as [number, unknown])[0];
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) Object.defineProperty(out, k, { value: bind(element, v), enumerable: true, writable: true, configurable: true });
    return out;
  }
  if (kind !== 'structure' || Array.isArray(value)) return value;
  const obj = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [name, child] of b as RawMember[]) if (Object.hasOwn(obj, name) && obj[name] !== undefined) out[name] = bind(child, obj[name]);
  return out;
}

/** The request as the operation's model reads it. */
export function modelledInput(operation: 'ExportTableToPointInTime' | 'ImportTable', input: Record<string, unknown>): Record<string, unknown> {
  const out = bind(MODEL.operations[operation] as number, input) as Record<string, unknown>;
  if (operation === 'ExportTableToPointInTime' && input.FilterSpecification !== undefined && input.FilterSpecification !== null) {
    out.FilterSpecification = filterSpecification(input.FilterSpecification);
  }
  return out;
}

const FILTER_STRINGS = ['FilterExpression', 'ProjectionExpression', 'KeyConditionExpression'];

/**
 * FilterSpecification's members (API reference): three expressions, ExpressionAttributeNames and
 * ExpressionAttributeValues, with coral's SerializationException texts for wrong JSON types and the
 * AttributeValue checks of the other operations (that an export checks its values so is unverified).
 */
function filterSpecification(spec: unknown): Record<string, unknown> {
  const obj = objectMember(spec);
  if (!obj) throw DynamoError.serialization(Array.isArray(spec) ? 'Unrecognized collection type class com.amazonaws.dynamodb.v20120810.FilterSpecification' : 'Unexpected field type');
  const out: Record<string, unknown> = {};
  for (const name of FILTER_STRINGS) if (obj[name] !== undefined && obj[name] !== null) out[name] = stringValue(obj[name]);
  const names = obj.ExpressionAttributeNames;
  if (names !== undefined && names !== null) {
    const map = objectMember(names);
    if (!map) throw DynamoError.serialization(Array.isArray(names) ? 'Unrecognized collection type java.util.Map<java.lang.String, java.lang.String>' : 'Unexpected field type');
    out.ExpressionAttributeNames = Object.fromEntries(Object.entries(map).map(([k, v]) => [k, stringValue(v)]));
  }
  const values = obj.ExpressionAttributeValues;
  if (values !== undefined && values !== null) out.ExpressionAttributeValues = validateAttributeValueMap(values);
  return out;
}

function stringValue(v: unknown): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number') throw DynamoError.serialization(`${Number.isInteger(v) ? 'NUMBER_VALUE' : 'DECIMAL_VALUE'} cannot be converted to String`);
  if (typeof v === 'boolean') throw DynamoError.serialization(`${v ? 'TRUE' : 'FALSE'}_VALUE cannot be converted to String`);
  if (Array.isArray(v)) throw DynamoError.serialization('Unrecognized collection type class java.lang.String');
  throw DynamoError.serialization('Start of structure or map found where not expected');
}
