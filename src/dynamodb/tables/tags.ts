import { DynamoError } from '../../protocol/errors.js';

/**
 * Tag rules of DynamoDB (TagResource, UntagResource, CreateTable's Tags). Limits from the
 * DynamoDB developer guide (50 tags, key ≤ 128 and value ≤ 256 Unicode characters, letters,
 * whitespace, numbers and + - = . _ : / @, `aws:` reserved); messages from live-DynamoDB catalogues.
 */
export interface TagInput {
  Key: string;
  Value: string;
}

export const MAX_TAGS = 50;
export const MAX_TAG_KEY_LENGTH = 128;
export const MAX_TAG_VALUE_LENGTH = 256;
const TAG_CHARS = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;

function charLength(s: string): number {
  return [...s].length;
}

/** `undefined`: a tag sent without its Key (answered with this rule's message, "Key: null"). */
export function validateTagKey(key: string | undefined): void {
  if (key === undefined || key === null) throw DynamoError.validation('The Tag Key provided is invalid, Key: null');
  if (!key || charLength(key) > MAX_TAG_KEY_LENGTH || !TAG_CHARS.test(key)) {
    throw DynamoError.validation(`The Tag Key provided is invalid, Key: ${key}`);
  }
  if (key.toLowerCase().startsWith('aws:')) {
    throw DynamoError.validation(`Tag Key cannot be prefixed with aws:, Key: ${key}`);
  }
}

export function validateTagValue(value: string | undefined): void {
  if (value === undefined || value === null || charLength(value) > MAX_TAG_VALUE_LENGTH || !TAG_CHARS.test(value)) {
    throw DynamoError.validation(`The Tag Value provided is invalid, Value: ${value ?? 'null'}`);
  }
}

/** Validates tags to add to `current` and returns the merged set (later values win). */
export function validateTags(tags: TagInput[], current: Record<string, string>): Record<string, string> {
  const seen = new Set<string>();
  for (const tag of tags) {
    validateTagKey(tag.Key);
    validateTagValue(tag.Value);
    if (seen.has(tag.Key)) {
      throw DynamoError.validation(`Duplicate Tag Keys provided as input: Duplicate Tag Key found ${tag.Key}`);
    }
    seen.add(tag.Key);
  }
  const merged: Record<string, string> = { ...current };
  for (const tag of tags) merged[tag.Key] = tag.Value;
  if (Object.keys(merged).length > MAX_TAGS) {
    throw DynamoError.validation('Number of Tags exceed the current limit for the provided ResourceArn');
  }
  return merged;
}

/**
 * The total size of a resource's tags (keys and values, UTF-8 bytes) is limited to 10240 bytes,
 * checked by TagResource on the merged set (live DynamoDB, October 2026: ack-api-quirks DDB-TABLE-109,
 * text from its ValidationException catalogue DDB-TABLE-442). How DynamoDB counts the bytes is not
 * recorded; for ASCII tags every reading gives the same number.
 */
export const MAX_TAG_SET_BYTES = 10240;

export function checkTagSetSize(tags: Record<string, string>): void {
  let size = 0;
  for (const [key, value] of Object.entries(tags)) size += Buffer.byteLength(key, 'utf8') + Buffer.byteLength(value, 'utf8');
  if (size > MAX_TAG_SET_BYTES) {
    throw DynamoError.validation(`Tag set size ${size} bytes is above max size limit of ${MAX_TAG_SET_BYTES} bytes`);
  }
}

export function tagList(tags: Record<string, string>): TagInput[] {
  return Object.entries(tags).map(([Key, Value]) => ({ Key, Value }));
}
