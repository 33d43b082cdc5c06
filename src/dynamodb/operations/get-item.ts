import type { OperationHandler } from '../../server/context.js';
import { prepareExpressions, projectItem } from '../expressions/index.js';
import { encodeTableKey } from '../keys/key-encoding.js';
import { validateKey } from '../values/key.js';
import { validateItem } from '../values/validate.js';
import { activeTable, type CapacityMode, consumedCapacity, parseStoredItem, readUnitsFor } from './item-support.js';

/** GetItem: https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_GetItem.html */
export const handler: OperationHandler = async (ctx, input) => {
  const keyInput = validateItem(input.Key);
  const prepared = prepareExpressions(
    {
      operation: 'GetItem',
      ProjectionExpression: input.ProjectionExpression as string | undefined,
      ExpressionAttributeNames: input.ExpressionAttributeNames as Record<string, string> | undefined,
      AttributesToGet: input.AttributesToGet as string[] | undefined,
    },
    ctx.services.expressions,
  );
  const table = await activeTable(ctx, input.TableName as string);
  const key = validateKey(table.key, keyInput);
  const raw = await ctx.services.engine.get(table.space, encodeTableKey(table.key, key));
  const item = parseStoredItem(raw);
  const out: Record<string, unknown> = {};
  if (item) out.Item = prepared.projection ? projectItem(prepared.projection, item) : item;
  const mode = input.ReturnConsumedCapacity as CapacityMode;
  if (mode === 'TOTAL' || mode === 'INDEXES') {
    out.ConsumedCapacity = consumedCapacity(mode, table, readUnitsFor(item, input.ConsistentRead === true));
  }
  return out;
};
