import { SerializedReply } from '../../protocol/preserialized.js';
import type { OperationHandler } from '../../server/context.js';
import { prepareExpressions, projectItem } from '../expressions/index.js';
import { checkExpressionMixing } from '../expressions/mixing.js';
import { checkNestedKeyPaths } from './query-checks.js';
import { encodeTableKey } from '../keys/key-encoding.js';
import { validateKey } from '../values/key.js';
import { currentLayerError } from '../values/layers.js';
import { validateItem } from '../values/validate.js';
import { activeTable, type CapacityMode, consumedCapacity, parseStoredItem, readUnitsFor } from './item-support.js';

/** GetItem: https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_GetItem.html */
export const handler: OperationHandler = async (ctx, input) => {
  const exprInput = {
    operation: 'GetItem',
    ProjectionExpression: input.ProjectionExpression as string | undefined,
    ExpressionAttributeNames: input.ExpressionAttributeNames as Record<string, string> | undefined,
    AttributesToGet: input.AttributesToGet as string[] | undefined,
  };
  // DynamoDB's order: expression/non-expression mixing, then the key's values, then the expressions.
  if (exprInput.ProjectionExpression !== undefined || exprInput.ExpressionAttributeNames !== undefined) {
    checkExpressionMixing(exprInput);
  }
  let keyInput: ReturnType<typeof validateItem>;
  let prepared: ReturnType<typeof prepareExpressions>;
  try {
    keyInput = validateItem(input.Key);
    prepared = prepareExpressions(exprInput, ctx.services.expressions);
  } catch (err) {
    throw currentLayerError(err); // GetItem words value errors in the current layer (values/layers.ts)
  }
  const table = await activeTable(ctx, input.TableName as string);
  const key = validateKey(table.key, keyInput);
  if (prepared.projection && input.ProjectionExpression !== undefined) checkNestedKeyPaths(table, prepared.projection.paths);
  const raw = await ctx.services.engine.get(table.space, encodeTableKey(table.key, key));
  const mode = input.ReturnConsumedCapacity as CapacityMode;
  const wantCapacity = mode === 'TOTAL' || mode === 'INDEXES';
  if (raw !== undefined && !prepared.projection && !wantCapacity) {
    // The common case: the stored text is the reply's Item, verbatim (no parse, no re-serialize).
    return new SerializedReply(`{"Item":${raw}}`, () => ({ Item: JSON.parse(raw) as unknown }));
  }
  const item = parseStoredItem(raw);
  const out: Record<string, unknown> = {};
  if (item) out.Item = prepared.projection ? projectItem(prepared.projection, item) : item;
  if (wantCapacity) {
    out.ConsumedCapacity = consumedCapacity(mode, table, readUnitsFor(item, input.ConsistentRead === true));
  }
  return out;
};
