import { DynamoError } from '../../protocol/errors.js';

/**
 * The JSON types of WarmThroughput ({ReadUnitsPerSecond, WriteUnitsPerSecond}: longs), which the
 * bundled API model predates, so the protocol layer does not check them: with coral's
 * SerializationException texts, as the protocol layer words them for the modelled members (its
 * structure and long cases, src/protocol/shape-validate.ts). Unchecked, a string here made UpdateTable
 * an InternalFailure, `{"ReadUnitsPerSecond": "x"}` was stored, and a list nested thousands deep was
 * compared as a number (a RangeError, a 500; found by a fuzzer). That DynamoDB answers these texts
 * for WarmThroughput is unverified.
 */
export function checkWarmShape(w: unknown): void {
  if (w === undefined || w === null) return;
  if (typeof w !== 'object') throw DynamoError.serialization('Unexpected field type');
  if (Array.isArray(w)) throw DynamoError.serialization('Unrecognized collection type class com.amazonaws.dynamodb.v20120810.WarmThroughput');
  const obj = w as Record<string, unknown>;
  for (const member of ['ReadUnitsPerSecond', 'WriteUnitsPerSecond']) {
    const v = obj[member];
    if (v === undefined || v === null || typeof v === 'number') continue;
    if (typeof v === 'string') throw DynamoError.serialization('STRING_VALUE cannot be converted to Long');
    if (typeof v === 'boolean') throw DynamoError.serialization(`${v ? 'TRUE' : 'FALSE'}_VALUE cannot be converted to Long`);
    if (Array.isArray(v)) throw DynamoError.serialization('Unrecognized collection type class java.lang.Long');
    throw DynamoError.serialization('Start of structure or map found where not expected');
  }
}

/** WarmThroughput of the table and of each index a CreateTable or UpdateTable request configures. */
export function checkWarmShapes(input: Record<string, unknown>): void {
  checkWarmShape(input.WarmThroughput);
  for (const list of [input.GlobalSecondaryIndexes, input.GlobalSecondaryIndexUpdates]) {
    if (!Array.isArray(list)) continue;
    for (const entry of list as unknown[]) {
      if (typeof entry !== 'object' || entry === null) continue;
      const e = entry as Record<string, unknown>;
      checkWarmShape(e.WarmThroughput);
      const update = e.Update;
      if (typeof update === 'object' && update !== null) checkWarmShape((update as Record<string, unknown>).WarmThroughput);
    }
  }
}
