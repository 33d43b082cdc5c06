import { DynamoError } from '../../protocol/errors.js';
import type { OperationHandler } from '../../server/context.js';
import { applyUpdate, checkUpdateForTable, type ExpressionRequest, prepareExpressions, projectPaths } from '../expressions/index.js';
import { OversizeValues } from '../expressions/oversize-values.js';
import { checkUpdateStatementCharge } from '../expressions/update-charge.js';
import { encodeTableKey } from '../keys/key-encoding.js';
import { checkIndexKeys } from '../tables/index-keys.js';
import { itemChangeWrites } from '../tables/item-writes.js';
import { validateKey } from '../values/key.js';
import { VALUE_MESSAGES } from '../values/messages.js';
import { itemSize, MAX_ITEM_SIZE_BYTES } from '../values/size.js';
import { mayHoldOversizeItem } from '../values/measure.js';
import type { Item } from '../values/types.js';
import { validateItem } from '../values/validate.js';
import {
  activeTable,
  conditionedOldItem,
  envelopeRequestError,
  type CapacityMode,
  itemCollectionMetrics,
  writeCapacity,
} from './item-support.js';

const UPDATE_TOO_LARGE: string = VALUE_MESSAGES.itemToUpdateTooLarge;

/** UpdateItem: https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_UpdateItem.html */
export const handler: OperationHandler = async (ctx, input) => {
  let keyInput: ReturnType<typeof validateItem>;
  let prepared: ReturnType<typeof prepareExpressions>;
  let oversizeCharge = false;
  try {
    keyInput = validateItem(input.Key);
    const exprInput: ExpressionRequest = {
      operation: 'UpdateItem',
      UpdateExpression: input.UpdateExpression as string | undefined,
      ConditionExpression: input.ConditionExpression as string | undefined,
      ExpressionAttributeNames: input.ExpressionAttributeNames as Record<string, string> | undefined,
      ExpressionAttributeValues: input.ExpressionAttributeValues as Record<string, unknown> | undefined,
      Expected: input.Expected,
      ConditionalOperator: input.ConditionalOperator as string | undefined,
      AttributeUpdates: input.AttributeUpdates,
    };
    // In a body over 400 KB, large values are measured, not built, while the statement charge
    // surely refuses the update (expressions/oversize-values.ts); else prepared as usual.
    const big = mayHoldOversizeItem(ctx.requestBytes) && input.ExpressionAttributeValues ? new OversizeValues(input.ConditionExpression) : undefined;
    prepared = prepareExpressions(big ? { ...exprInput, buildValue: big.build } : exprInput, ctx.services.expressions);
    oversizeCharge = big !== undefined && big.surelyOverCharge(prepared.update);
    if (big?.stoodIn && !oversizeCharge) prepared = prepareExpressions(exprInput, ctx.services.expressions);
  } catch (err) {
    throw envelopeRequestError(err, input);
  }
  const returnValues = (input.ReturnValues as string | undefined) ?? 'NONE';
  const table = await activeTable(ctx, input.TableName as string);
  const key = validateKey(table.key, keyInput);
  const indexKeys = prepared.update ? checkUpdateForTable(prepared.update, table) : undefined;
  const storageKey = encodeTableKey(table.key, key);
  const returnOldOnFailure = input.ReturnValuesOnConditionCheckFailure === 'ALL_OLD';
  const now = ctx.services.clock.now();

  const { result } = await ctx.services.engine.atomic({
    reads: [{ space: table.space, key: storageKey }],
    apply: ([raw]) => {
      const oldItem = conditionedOldItem(raw, prepared.condition, returnOldOnFailure, (stored) => {
        if (oversizeCharge) throw DynamoError.validation(UPDATE_TOO_LARGE);
        checkUpdateStatementCharge(prepared.update, stored, UPDATE_TOO_LARGE);
      });
      let newItem: Item;
      let updatedPaths: Parameters<typeof projectPaths>[1] = [];
      if (prepared.update) {
        const applied = applyUpdate(prepared.update, oldItem, key, table.key, indexKeys);
        if (applied.skipped) return { writes: [], result: { oldItem, newItem: applied.item, updatedPaths, indexes: [], skipped: true } };
        newItem = applied.item;
        updatedPaths = applied.updatedPaths;
      } else {
        newItem = oldItem ?? { ...key };
      }
      if (itemSize(newItem) > MAX_ITEM_SIZE_BYTES) {
        throw DynamoError.validation(UPDATE_TOO_LARGE);
      }
      checkIndexKeys(table, newItem, 'update');
      const change = itemChangeWrites(table, { key: storageKey, oldItem, newItem, oldJson: raw }, { now });
      return { writes: change.writes, result: { oldItem, newItem, updatedPaths, indexes: change.indexes, skipped: false } };
    },
  });

  const out: Record<string, unknown> = {};
  const attributes = result.skipped ? undefined : returnAttributes(returnValues, result.oldItem, result.newItem, result.updatedPaths);
  if (attributes && Object.keys(attributes).length > 0) out.Attributes = attributes;
  const cc = writeCapacity(
    input.ReturnConsumedCapacity as CapacityMode,
    table,
    result.oldItem,
    result.newItem,
    result.indexes,
  );
  if (cc) out.ConsumedCapacity = cc;
  if (input.ReturnItemCollectionMetrics === 'SIZE') {
    const icm = itemCollectionMetrics('SIZE', table, key, itemSize(result.newItem));
    if (icm) out.ItemCollectionMetrics = icm;
  }
  return out;
};

function returnAttributes(
  mode: string,
  oldItem: Item | undefined,
  newItem: Item,
  paths: Parameters<typeof projectPaths>[1],
): Item | undefined {
  switch (mode) {
    case 'ALL_OLD':
      return oldItem;
    case 'ALL_NEW':
      return newItem;
    case 'UPDATED_OLD':
      return oldItem ? projectPaths(oldItem, paths) : undefined;
    case 'UPDATED_NEW':
      return projectPaths(newItem, paths);
    default:
      return undefined;
  }
}
