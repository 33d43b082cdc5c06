import { DynamoError } from '../../protocol/errors.js';
import type { OperationHandler } from '../../server/context.js';
import { prepareExpressions } from '../expressions/index.js';
import { checkExpressionMixing } from '../expressions/mixing.js';
import { encodeTableKey } from '../keys/key-encoding.js';
import { itemChangeWrites } from '../tables/item-writes.js';
import { validateKey } from '../values/key.js';
import { validateItem } from '../values/validate.js';
import {
  activeTable,
  conditionedOldItem,
  envelopeRequestError,
  type CapacityMode,
  itemCollectionMetrics,
  writeCapacity,
} from './item-support.js';

/** DeleteItem: https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_DeleteItem.html */
export const handler: OperationHandler = async (ctx, input) => {
  const exprInput = {
    operation: 'DeleteItem',
    ConditionExpression: input.ConditionExpression as string | undefined,
    ExpressionAttributeNames: input.ExpressionAttributeNames as Record<string, string> | undefined,
    ExpressionAttributeValues: input.ExpressionAttributeValues as Record<string, unknown> | undefined,
    Expected: input.Expected,
    ConditionalOperator: input.ConditionalOperator as string | undefined,
  };
  let keyInput: ReturnType<typeof validateItem>;
  let prepared: ReturnType<typeof prepareExpressions>;
  const returnValues = input.ReturnValues as string | undefined;
  try {
    // DynamoDB's order (dynalite's recordings): expression/non-expression mixing, the key's values,
    // ReturnValues, then Expected and the expressions.
    if (exprInput.ConditionExpression !== undefined || exprInput.ExpressionAttributeNames !== undefined || exprInput.ExpressionAttributeValues !== undefined) {
      checkExpressionMixing(exprInput);
    }
    keyInput = validateItem(input.Key);
    if (returnValues !== undefined && returnValues !== 'NONE' && returnValues !== 'ALL_OLD') {
      throw DynamoError.validation('ReturnValues can only be ALL_OLD or NONE');
    }
    prepared = prepareExpressions(exprInput, ctx.services.expressions);
  } catch (err) {
    throw envelopeRequestError(err, input);
  }
  const table = await activeTable(ctx, input.TableName as string);
  const key = validateKey(table.key, keyInput);
  const storageKey = encodeTableKey(table.key, key);
  const returnOldOnFailure = input.ReturnValuesOnConditionCheckFailure === 'ALL_OLD';
  const now = ctx.services.clock.now();

  const { result } = await ctx.services.engine.atomic({
    reads: [{ space: table.space, key: storageKey }],
    apply: ([raw]) => {
      const oldItem = conditionedOldItem(raw, prepared.condition, returnOldOnFailure);
      const change = itemChangeWrites(table, { key: storageKey, oldItem, newItem: undefined }, { now });
      return { writes: change.writes, result: { oldItem, indexes: change.indexes } };
    },
  });

  const out: Record<string, unknown> = {};
  if (returnValues === 'ALL_OLD' && result.oldItem) out.Attributes = result.oldItem;
  const cc = writeCapacity(input.ReturnConsumedCapacity as CapacityMode, table, result.oldItem, undefined, result.indexes);
  if (cc) out.ConsumedCapacity = cc;
  const icm = itemCollectionMetrics(input.ReturnItemCollectionMetrics, table, key, 0);
  if (icm) out.ItemCollectionMetrics = icm;
  return out;
};
