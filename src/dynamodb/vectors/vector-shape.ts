import { DynamoError } from '../../protocol/errors.js';

/**
 * The JSON types of the vector members the bundled API model predates (CreateTable's VectorIndexes,
 * UpdateTable's VectorIndexUpdates, the restores' VectorIndexOverride), checked before anything
 * reads them, with coral's SerializationException texts as the protocol layer words them for
 * modelled members (src/protocol/shape-validate.ts: a null list element that must be a structure
 * reads as an empty one, a null member as absent). Shapes and Java names from the AWS SDK v3 model.
 * Unchecked, a string or a null element here was a TypeError and a list nested thousands deep a
 * RangeError (500s; found by a fuzzer). That DynamoDB answers these texts here is unverified.
 */

type Shape = 'string' | 'integer' | { list: Shape } | { java: string; members: Record<string, Shape> };

const PROJECTION: Shape = { java: 'Projection', members: { ProjectionType: 'string', NonKeyAttributes: { list: 'string' } } };
const SEARCH_SCHEMA: Shape = { list: { java: 'SearchSchemaElement', members: { AttributeName: 'string', SearchSchemaElementType: 'string' } } };
const VECTOR_ATTRIBUTE: Shape = { java: 'VectorAttributeDefinition', members: { AttributeName: 'string' } };
const INDEX_MEMBERS: Record<string, Shape> = {
  IndexName: 'string',
  VectorAttribute: VECTOR_ATTRIBUTE,
  Projection: PROJECTION,
  Dimensions: 'integer',
  DistanceFunction: 'string',
  SearchSchema: SEARCH_SCHEMA,
};

const MEMBERS: Record<string, Shape> = {
  VectorIndexes: { list: { java: 'VectorIndex', members: INDEX_MEMBERS } },
  VectorIndexOverride: { list: { java: 'VectorIndexInfo', members: INDEX_MEMBERS } },
  VectorIndexUpdates: {
    list: {
      java: 'VectorIndexUpdate',
      members: {
        Create: { java: 'CreateVectorIndexAction', members: INDEX_MEMBERS },
        Delete: { java: 'DeleteVectorIndexAction', members: { IndexName: 'string' } },
      },
    },
  },
};

const NOT_EXPECTED_STRUCT = 'Start of structure or map found where not expected';
const CAST_MSG =
  "class sun.reflect.generics.reflectiveObjects.ParameterizedTypeImpl cannot be cast to class java.lang.Class (sun.reflect.generics.reflectiveObjects.ParameterizedTypeImpl and java.lang.Class are in module java.base of loader 'bootstrap')";

/** Checks the vector members present in an operation's input (the other members are the protocol layer's). */
export function checkVectorShapes(input: Record<string, unknown>): void {
  for (const [name, shape] of Object.entries(MEMBERS)) {
    const value = input[name];
    if (value !== undefined && value !== null) check(shape, value, true);
  }
}

function check(shape: Shape, value: unknown, field: boolean): void {
  if (shape === 'string') {
    if (typeof value !== 'string') throw typeError(value, 'String');
  } else if (shape === 'integer') {
    if (typeof value !== 'number') throw typeError(value, 'Integer');
  } else if ('list' in shape) {
    if (!Array.isArray(value)) {
      throw DynamoError.serialization(typeof value === 'object' && value !== null ? NOT_EXPECTED_STRUCT : field ? 'Unexpected field type' : CAST_MSG);
    }
    for (let i = 0; i < value.length; i++) {
      if (value[i] === null && typeof shape.list === 'object' && !('list' in shape.list)) value[i] = {};
      if (value[i] !== null && value[i] !== undefined) check(shape.list, value[i], false);
    }
  } else {
    if (typeof value !== 'object' || value === null) throw DynamoError.serialization(field ? 'Unexpected field type' : 'Unexpected value type in payload');
    if (Array.isArray(value)) throw DynamoError.serialization(`Unrecognized collection type class com.amazonaws.dynamodb.v20120810.${shape.java}`);
    const obj = value as Record<string, unknown>;
    for (const [name, member] of Object.entries(shape.members)) {
      if (obj[name] !== undefined && obj[name] !== null) check(member, obj[name], true);
    }
  }
}

/** Coral's message for a JSON value where a String or Integer was expected. */
function typeError(value: unknown, java: 'String' | 'Integer'): DynamoError {
  if (typeof value === 'boolean') return DynamoError.serialization(`${value ? 'TRUE' : 'FALSE'}_VALUE cannot be converted to ${java}`);
  if (typeof value === 'number') return DynamoError.serialization(`${Number.isInteger(value) ? 'NUMBER_VALUE' : 'DECIMAL_VALUE'} cannot be converted to ${java}`);
  if (typeof value === 'string') return DynamoError.serialization(`STRING_VALUE cannot be converted to ${java}`);
  if (Array.isArray(value)) return DynamoError.serialization(`Unrecognized collection type class java.lang.${java}`);
  return DynamoError.serialization(NOT_EXPECTED_STRUCT);
}
