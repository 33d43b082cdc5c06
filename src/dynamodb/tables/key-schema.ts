import type { KeyAttribute, KeySchemaDef } from './table-types.js';

/**
 * Multi-attribute keys (GSIs only, DynamoDB since November 2025): up to 4 HASH and up to 4 RANGE
 * attributes, https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/GSI.DesignPattern.MultiAttributeKeys.html
 * A KeySchemaDef keeps the first HASH and RANGE attribute in `hash` / `range` and the others in
 * `moreHash` / `moreRange`, so single-attribute code paths stay as they were.
 */
export const MAX_MULTI_KEY_ATTRIBUTES = 4;

export function isMultiAttributeKey(key: KeySchemaDef): boolean {
  return key.moreHash !== undefined || key.moreRange !== undefined;
}

/** The HASH attributes in KeySchema order. */
export function hashAttributes(key: KeySchemaDef): KeyAttribute[] {
  return key.moreHash ? [key.hash, ...key.moreHash] : [key.hash];
}

/** The RANGE attributes in KeySchema order (empty without a sort key). */
export function rangeAttributes(key: KeySchemaDef): KeyAttribute[] {
  if (!key.range) return [];
  return key.moreRange ? [key.range, ...key.moreRange] : [key.range];
}

/** Every key attribute, HASH ones first, in KeySchema order. */
export function keySchemaAttributes(key: KeySchemaDef): KeyAttribute[] {
  return [...hashAttributes(key), ...rangeAttributes(key)];
}

/** The names of every key attribute, in KeySchema order. */
export function keySchemaNames(key: KeySchemaDef): string[] {
  return keySchemaAttributes(key).map((a) => a.name);
}

/**
 * A KeySchemaDef of a validated KeySchema (HASH elements first, then RANGE ones). The second and
 * further HASH / RANGE elements go to `moreHash` / `moreRange`, which stay absent otherwise.
 */
export function keyDefOf(keys: { AttributeName: string; KeyType: string }[], attr: (name: string) => KeyAttribute): KeySchemaDef {
  const hashes = keys.filter((k) => k.KeyType === 'HASH').map((k) => attr(k.AttributeName));
  const ranges = keys.filter((k) => k.KeyType === 'RANGE').map((k) => attr(k.AttributeName));
  const [hash, ...moreHash] = hashes;
  if (!hash) throw new TypeError('validated KeySchema has a HASH key');
  const out: KeySchemaDef = { hash };
  const [range, ...moreRange] = ranges;
  if (range) out.range = range;
  if (moreHash.length > 0) out.moreHash = moreHash;
  if (moreRange.length > 0) out.moreRange = moreRange;
  return out;
}
