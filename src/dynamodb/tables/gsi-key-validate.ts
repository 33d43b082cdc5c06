import { DynamoError } from '../../protocol/errors.js';
import { INVALID, validateKeySchemaOfIndex, type IndexInput } from './create-validate.js';
import { MAX_MULTI_KEY_ATTRIBUTES } from './key-schema.js';

const ORDINALS = ['first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth'];

/**
 * A GSI's KeySchema: one or two elements keep DynamoDB's recorded messages (validateKeySchemaOfIndex);
 * longer ones are multi-attribute keys (up to 4 HASH then up to 4 RANGE elements; the API model
 * caps the list at 8 elements). The messages of the multi-attribute rules are not recorded
 * anywhere we found (docs/compatibility.md): the limits follow another emulator's (floci) wording,
 * the order and duplicate rules the nearest messages DynamoDB uses for short key schemas.
 */
export function validateGsiKeySchema(index: IndexInput, defNames: string[]): void {
  const keys = index.KeySchema;
  if (keys.length <= 2) {
    validateKeySchemaOfIndex(index, defNames);
    return;
  }
  const names = keys.map((k) => k.AttributeName);
  if (names.some((n) => !defNames.includes(n))) {
    throw DynamoError.validation(
      `${INVALID}Some index key attributes are not defined in AttributeDefinitions. Keys: [${names.join(', ')}], AttributeDefinitions: [${defNames.join(', ')}]`,
    );
  }
  const dup = names.find((n, i) => names.indexOf(n) !== i);
  if (dup !== undefined) throw DynamoError.validation(`${INVALID}Duplicate element in KeySchema: ${dup}`);
  if (keys[0]?.KeyType !== 'HASH') throw DynamoError.validation('Invalid KeySchema: The first KeySchemaElement is not a HASH key type');
  const firstRange = keys.findIndex((k) => k.KeyType === 'RANGE');
  if (firstRange >= 0) {
    const misplaced = keys.findIndex((k, i) => i > firstRange && k.KeyType !== 'RANGE');
    if (misplaced >= 0) {
      throw DynamoError.validation(`Invalid KeySchema: The ${ORDINALS[misplaced] ?? `#${misplaced + 1}`} KeySchemaElement is not a RANGE key type`);
    }
  }
  const hashCount = firstRange < 0 ? keys.length : firstRange;
  if (hashCount > MAX_MULTI_KEY_ATTRIBUTES) {
    throw DynamoError.validation(
      `${INVALID}Global secondary index ${index.IndexName} must not have more than ${MAX_MULTI_KEY_ATTRIBUTES} partition key (HASH) attributes`,
    );
  }
  if (keys.length - hashCount > MAX_MULTI_KEY_ATTRIBUTES) {
    throw DynamoError.validation(
      `${INVALID}Global secondary index ${index.IndexName} must not have more than ${MAX_MULTI_KEY_ATTRIBUTES} sort key (RANGE) attributes`,
    );
  }
}
