/** Validation of the ExpressionAttributeNames / ExpressionAttributeValues maps themselves. */
import { DynamoError, isDynamoError } from '../../protocol/errors.js';
import { noteWrapped } from '../values/layers.js';
import { validateAttributeValue } from '../values/validate.js';
import type { AttributeValue } from '../values/types.js';

/** Longest placeholder key, in UTF-8 bytes, including the # or : prefix. */
export const MAX_PLACEHOLDER_BYTES = 255;

const NAME_KEY = /^#[A-Za-z0-9_]+$/;
const VALUE_KEY = /^:[A-Za-z0-9_]+$/;

export function validateNames(names: Record<string, string>): void {
  const keys = Object.keys(names);
  if (keys.length === 0) throw DynamoError.validation('ExpressionAttributeNames must not be empty');
  for (const k of keys) {
    const bytes = Buffer.byteLength(k, 'utf8');
    if (bytes > MAX_PLACEHOLDER_BYTES) {
      throw DynamoError.validation(
        `ExpressionAttributeNames contains invalid key: The expression attribute map contains a key that is too long; size of key: ${bytes}`,
      );
    }
    if (!NAME_KEY.test(k)) throw DynamoError.validation(`ExpressionAttributeNames contains invalid key: Syntax error; key: "${k}"`);
    if (names[k] === '') {
      throw DynamoError.validation(`ExpressionAttributeNames contains invalid value: Empty attribute name for key ${k}`);
    }
  }
}

/**
 * Validates and normalizes ExpressionAttributeValues. `level` is the nesting level the values start
 * at (1 unless given; a lower start admits deeper values, see parse-actions.ts).
 */
/** Builds one value in validateValues' place (its checks and errors): see oversize-values.ts. */
export type ValueBuilder = (raw: unknown, key: string, level: number | undefined) => AttributeValue;

export function validateValues(values: Record<string, unknown>, level?: number, build?: ValueBuilder): Record<string, AttributeValue> {
  const keys = Object.keys(values);
  if (keys.length === 0) throw DynamoError.validation('ExpressionAttributeValues must not be empty');
  for (const k of keys) {
    if (Buffer.byteLength(k, 'utf8') > MAX_PLACEHOLDER_BYTES) {
      throw DynamoError.validation(
        'ExpressionAttributeValues contains invalid key: The expression attribute map contains a key that is too long;',
      );
    }
    if (!VALUE_KEY.test(k)) throw DynamoError.validation(`ExpressionAttributeValues contains invalid key: Syntax error; key: "${k}"`);
  }
  const out: Record<string, AttributeValue> = {};
  for (const k of keys) {
    try {
      out[k] = build ? build(values[k], k, level) : validateAttributeValue(values[k], level === undefined ? undefined : { level });
    } catch (e) {
      if (isDynamoError(e) && e.code === 'ValidationException') {
        throw noteWrapped(DynamoError.validation(`ExpressionAttributeValues contains invalid value: ${e.message} for key ${k}`), e);
      }
      throw e;
    }
  }
  return out;
}
