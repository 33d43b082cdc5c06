import { DynamoError } from '../../protocol/errors.js';
import { keyValueBytes, MAX_PARTITION_KEY_BYTES, MAX_SORT_KEY_BYTES } from '../values/key.js';
import { indexKeyTypeMismatchMessage, KEY_MESSAGES } from '../values/messages.js';
import type { AttributeValue, Item } from '../values/types.js';
import type { IndexDef, KeyAttribute, TableDef } from './table-types.js';
import { indexesByName } from './index-order.js';
import { checkVectorWrite } from '../vectors/vector-write-check.js';

/** `update`: the item an UpdateItem produced (an empty key value gets the update wording). */
export type IndexKeyCheckForm = 'write' | 'update';

/**
 * Every write type-checks the item's secondary-index key attributes: an index key attribute that
 * is present must have the type its AttributeDefinition declares (absent is fine: sparse index),
 * and must not be an empty string or binary. Indexes are checked in name order: when several fail,
 * DynamoDB names the alphabetically first (an attribute keyed by lsi1 and gsi1 is reported for
 * gsi1: live DynamoDB 2026, conformance suite indexKeyValues).
 */
export function checkIndexKeys(table: TableDef, item: Item, form: IndexKeyCheckForm = 'write'): void {
  if (table.vectorIndexes !== undefined) checkVectorWrite(table, table.vectorIndexes, item);
  if (table.lsis.length === 0 && table.gsis.length === 0) return;
  for (const index of indexesByName(table)) checkIndex(index, item, form);
}

function checkIndex(index: IndexDef, item: Item, form: IndexKeyCheckForm): void {
  checkOne(index.name, index.key.hash, item[index.key.hash.name], true, form);
  if (index.key.range) checkOne(index.name, index.key.range, item[index.key.range.name], false, form);
  if (index.key.moreHash) for (const a of index.key.moreHash) checkOne(index.name, a, item[a.name], true, form);
  if (index.key.moreRange) for (const a of index.key.moreRange) checkOne(index.name, a, item[a.name], false, form);
}

function checkOne(indexName: string, attr: KeyAttribute, value: AttributeValue | undefined, isHash: boolean, form: IndexKeyCheckForm): void {
  if (value === undefined) return;
  const actual = Object.keys(value)[0] ?? '';
  if (actual !== attr.type) {
    throw DynamoError.validation(indexKeyTypeMismatchMessage(attr.name, attr.type, actual, indexName));
  }
  const raw = (value as Record<string, unknown>)[actual];
  if (raw === '' && form === 'update') {
    // UpdateItem's wording names neither index nor attribute (conformance suite indexKeyValues).
    throw DynamoError.validation(
      `One or more parameter values are not valid. The update expression attempted to update a secondary index key to a value that is not supported. The AttributeValue for a key attribute cannot contain an empty ${attr.type === 'S' ? 'string' : 'binary'} value.`,
    );
  }
  if (raw === '') {
    throw DynamoError.validation(
      `One or more parameter values are not valid. A value specified for a secondary index key is not supported. The AttributeValue for a key attribute cannot contain an empty ${attr.type === 'S' ? 'string' : 'binary'} value. IndexName: ${indexName}, IndexKey: ${attr.name}`,
    );
  }
  // Index keys have the table's key size limits (2048 bytes partition, 1024 bytes sort key).
  const bytes = keyValueBytes(value);
  if (isHash && bytes > MAX_PARTITION_KEY_BYTES) throw DynamoError.validation(KEY_MESSAGES.hashKeyTooLarge);
  if (!isHash && bytes > MAX_SORT_KEY_BYTES) throw DynamoError.validation(KEY_MESSAGES.rangeKeyTooLarge);
}
