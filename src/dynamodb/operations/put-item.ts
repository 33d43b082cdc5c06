import { DynamoError } from '../../protocol/errors.js';
import type { OperationHandler } from '../../server/context.js';
import { prepareExpressions } from '../expressions/index.js';
import { checkExpressionMixing } from '../expressions/mixing.js';
import { encodeTableKey } from '../keys/key-encoding.js';
import { checkIndexKeys } from '../tables/index-keys.js';
import { changeNeedsOldItem, itemChangeWrites } from '../tables/item-writes.js';
import { extractKeyFromItem } from '../values/key.js';
import { MAX_ITEM_SIZE_BYTES } from '../values/size.js';
import type { Item } from '../values/types.js';
import { measureItem, mayHoldOversizeItem } from '../values/measure.js';
import { prepareItem, type PreparedItem } from '../values/validate.js';
import {
  activeTable,
  conditionedOldItem,
  envelopeRequestError,
  type CapacityMode,
  itemCollectionMetrics,
  writeCapacity,
} from './item-support.js';

/** Stands in for the item of a request refused for its size (never written). */
const NOT_WRITTEN: PreparedItem = { item: {}, json: '{}', bytes: 2, size: 0 };

/** PutItem: https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_PutItem.html */
export const handler: OperationHandler = async (ctx, input) => {
  const exprInput = {
    operation: 'PutItem',
    ConditionExpression: input.ConditionExpression as string | undefined,
    ExpressionAttributeNames: input.ExpressionAttributeNames as Record<string, string> | undefined,
    ExpressionAttributeValues: input.ExpressionAttributeValues as Record<string, unknown> | undefined,
    Expected: input.Expected,
    ConditionalOperator: input.ConditionalOperator as string | undefined,
  };
  let written: ReturnType<typeof prepareItem>;
  let prepared: ReturnType<typeof prepareExpressions>;
  const returnValues = input.ReturnValues as string | undefined;
  try {
    // DynamoDB's order (dynalite's recordings): expression/non-expression mixing, the item's values,
    // ReturnValues, item size, then Expected and the expressions.
    if (exprInput.ConditionExpression !== undefined || exprInput.ExpressionAttributeNames !== undefined || exprInput.ExpressionAttributeValues !== undefined) {
      checkExpressionMixing(exprInput);
    }
    // A body over 400 KB may hold an item over it: measured first (the same value checks, without
    // building the item), so that a ~16 MB item is refused without being copied and sorted.
    const oversize = mayHoldOversizeItem(ctx.requestBytes) && measureItem(input.Item) > MAX_ITEM_SIZE_BYTES;
    written = oversize ? NOT_WRITTEN : prepareItem(input.Item, ctx.escapeFree === true);
    if (returnValues !== undefined && returnValues !== 'NONE' && returnValues !== 'ALL_OLD') {
      throw DynamoError.validation('ReturnValues can only be ALL_OLD or NONE');
    }
    if (oversize || written.size > MAX_ITEM_SIZE_BYTES) {
      throw DynamoError.validation('Item size has exceeded the maximum allowed size');
    }
    prepared = prepareExpressions(exprInput, ctx.services.expressions);
  } catch (err) {
    throw envelopeRequestError(err, input);
  }
  const item = written.item;

  const table = await activeTable(ctx, input.TableName as string);
  const key = extractKeyFromItem(table.key, item);
  checkIndexKeys(table, item);
  const storageKey = encodeTableKey(table.key, item);
  const returnOldOnFailure = input.ReturnValuesOnConditionCheckFailure === 'ALL_OLD';
  const now = ctx.services.clock.now();

  const mode = input.ReturnConsumedCapacity as CapacityMode;
  const needOld =
    prepared.condition !== undefined || returnValues === 'ALL_OLD' || mode === 'TOTAL' || mode === 'INDEXES' || changeNeedsOldItem(table);
  const { result } = await ctx.services.engine.atomic({
    // A plain overwrite (no condition, no old attributes or capacity asked for, no indexes,
    // stream or backup history) does not look the old item up at all (see BatchWriteItem).
    reads: needOld ? [{ space: table.space, key: storageKey }] : [],
    apply: ([raw]) => {
      const oldItem = needOld ? conditionedOldItem(raw, prepared.condition, returnOldOnFailure) : undefined;
      const change = itemChangeWrites(table, { key: storageKey, oldItem, newItem: item, oldJson: raw, newJson: written.json, newBytes: written.bytes }, { now });
      return { writes: change.writes, result: { oldItem, indexes: change.indexes } };
    },
  });

  const out: Record<string, unknown> = {};
  if (returnValues === 'ALL_OLD' && result.oldItem) out.Attributes = result.oldItem;
  const cc = writeCapacity(mode, table, result.oldItem, item, result.indexes);
  if (cc) out.ConsumedCapacity = cc;
  if (input.ReturnItemCollectionMetrics === 'SIZE') {
    const icm = itemCollectionMetrics('SIZE', table, key as Item, written.size);
    if (icm) out.ItemCollectionMetrics = icm;
  }
  return out;
};
