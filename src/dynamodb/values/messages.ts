/**
 * DynamoDB's wording for attribute-value problems, bare (without the "1 validation error detected: "
 * envelope or "ExpressionAttributeValues contains invalid value: … for key :x" context, which the
 * operations add where DynamoDB does). Oddities (double spaces, missing spaces) are DynamoDB's own.
 */
export { NUMBER_MESSAGES } from './number.js';

export const INVALID_PREFIX = 'One or more parameter values were invalid: ';

export const VALUE_MESSAGES = {
  empty: 'Supplied AttributeValue is empty, must contain exactly one of the supported datatypes',
  multiple: 'Supplied AttributeValue has more than one datatypes set, must contain exactly one of the supported datatypes',
  nullNotTrue: `${INVALID_PREFIX}Null attribute value types must have the value of true`,
  emptyStringSet: `${INVALID_PREFIX}An string set  may not be empty`,
  emptyNumberSet: `${INVALID_PREFIX}An number set  may not be empty`,
  emptyBinarySet: `${INVALID_PREFIX}Binary sets should not be empty`,
  /** NS duplicates (judged after normalization) carry neither prefix nor the collection. */
  numberSetDuplicates: 'Input collection contains duplicates',
  nesting:
    'Nesting Levels have exceeded supported limits: Attributes in the item have nested levels beyond supported limit',
  /** Short form: the cancellation reason of a transacted Update that writes a value too deep. */
  nestingReason: 'Nesting Levels have exceeded supported limits',
  itemTooLarge: 'Item size has exceeded the maximum allowed size',
  itemToUpdateTooLarge: 'Item size to update has exceeded the maximum allowed size',
} as const;

export function stringSetDuplicatesMessage(members: readonly string[]): string {
  return `${INVALID_PREFIX}Input collection [${members.join(', ')}] contains duplicates.`;
}

export function binarySetDuplicatesMessage(members: readonly string[]): string {
  return `${INVALID_PREFIX}Input collection [${members.join(', ')}]of type BS contains duplicates.`;
}

export const KEY_MESSAGES = {
  schemaMismatch: 'The provided key element does not match the schema',
  hashKeyTooLarge: `${INVALID_PREFIX}Size of hashkey has exceeded the maximum size limit of2048 bytes`,
  rangeKeyTooLarge: `${INVALID_PREFIX}Aggregated size of all range keys has exceeded the size limit of 1024 bytes`,
} as const;

export function missingKeyMessage(name: string): string {
  return `${INVALID_PREFIX}Missing the key ${name} in the item`;
}

export function keyTypeMismatchMessage(name: string, expected: string, actual: string): string {
  return `${INVALID_PREFIX}Type mismatch for key ${name} expected: ${expected} actual: ${actual}`;
}

/** Secondary-index key of the wrong type (PutItem, BatchWriteItem, and as a transaction reason). */
export const INDEX_KEY_TYPE_MISMATCH_PREFIX = `${INVALID_PREFIX}Type mismatch for Index Key `;

export function indexKeyTypeMismatchMessage(name: string, expected: string, actual: string, indexName: string): string {
  return `${INDEX_KEY_TYPE_MISMATCH_PREFIX}${name} Expected: ${expected} Actual: ${actual} IndexName: ${indexName}`;
}

/**
 * An update expression that sets a secondary-index key to an empty value: unlike the item form it
 * names neither the index nor the key (recorded from DynamoDB for a transactional Update).
 */
export function emptyIndexKeyUpdateMessage(type: 'S' | 'B'): string {
  const what = type === 'S' ? 'string' : 'binary';
  return `One or more parameter values are not valid. The update expression attempted to update a secondary index key to a value that is not supported. The AttributeValue for a key attribute cannot contain an empty ${what} value.`;
}

export function emptyKeyValueMessage(name: string, type: 'S' | 'B'): string {
  const what = type === 'S' ? 'string' : 'binary';
  return `One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an empty ${what} value. Key: ${name}`;
}
