import { DynamoError } from '../../protocol/errors.js';
import { INVALID, validateKeySchemaOfIndex, type IndexInput } from './create-validate.js';
import { MAX_MULTI_KEY_ATTRIBUTES } from './key-schema.js';

/**
 * A GSI's KeySchema: one element, or a HASH and a RANGE one, keep DynamoDB's recorded messages
 * (validateKeySchemaOfIndex); two HASH elements and longer lists are multi-attribute keys (up to 4
 * HASH then up to 4 RANGE elements; the shape check caps the list at 8). Messages: a catalogue of
 * DynamoDB's ValidationException texts mined from live AWS (ack-api-quirks, October 2026); the
 * order of the checks among themselves is unverified.
 */
export function validateGsiKeySchema(index: IndexInput, defNames: string[]): void {
  const keys = index.KeySchema;
  // Two HASH elements (and no RANGE) is a multi-attribute partition key, not a misplaced sort key.
  const twoHashes = keys.length === 2 && keys[0]?.KeyType === 'HASH' && keys[1]?.KeyType === 'HASH';
  if (keys.length <= 2 && !twoHashes) {
    validateKeySchemaOfIndex(index, defNames);
    return;
  }
  const names = keys.map((k) => k.AttributeName);
  if (names.some((n) => !defNames.includes(n))) {
    throw DynamoError.validation(
      `${INVALID}Some index key attributes are not defined in AttributeDefinitions. Keys: [${names.join(', ')}], AttributeDefinitions: [${defNames.join(', ')}]`,
    );
  }
  if (names.some((n, i) => names.indexOf(n) !== i)) {
    throw DynamoError.validation('The KeySchema contains multiple key attributes with the same name');
  }
  if (keys[0]?.KeyType !== 'HASH') throw DynamoError.validation('Invalid KeySchema: The first KeySchemaElement is not a HASH key type');
  const firstRange = keys.findIndex((k) => k.KeyType === 'RANGE');
  if (firstRange >= 0 && keys.some((k, i) => i > firstRange && k.KeyType !== 'RANGE')) {
    throw DynamoError.validation(`${INVALID}All HASH key attributes must precede RANGE key attributes in the KeySchema`);
  }
  const hashCount = firstRange < 0 ? keys.length : firstRange;
  if (hashCount > MAX_MULTI_KEY_ATTRIBUTES) {
    throw DynamoError.validation(`${INVALID}The KeySchema exceeds the maximum allowed number of HASH key attributes`);
  }
  if (keys.length - hashCount > MAX_MULTI_KEY_ATTRIBUTES) {
    throw DynamoError.validation(`${INVALID}The KeySchema exceeds the maximum allowed number of RANGE key attributes`);
  }
}
