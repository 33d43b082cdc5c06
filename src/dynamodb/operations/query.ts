import { DynamoError } from '../../protocol/errors.js';
import type { OperationHandler } from '../../server/context.js';
import type { RangeQuery } from '../../storage/engine.js';
import { bindKeyCondition, prepareExpressions } from '../expressions/index.js';
import { validateItem } from '../values/validate.js';
import { activeTable, type CapacityMode } from './item-support.js';
import { compareBytes, keyConditionRange } from './key-bounds.js';
import {
  checkSelect,
  checkSelectForTarget,
  projectionTopNames,
  readCapacity,
  readPage,
  resolveTarget,
  startKeyBytes,
} from './read-path.js';

/** Query: https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_Query.html */
export const handler: OperationHandler = async (ctx, input) => {
  const select = checkSelect(input, 'Query');
  if (input.KeyConditionExpression === undefined && input.KeyConditions === undefined) {
    throw DynamoError.validation('Either the KeyConditions or KeyConditionExpression parameter must be specified in the request.');
  }
  const prepared = prepareExpressions(
    {
      operation: 'Query',
      KeyConditionExpression: input.KeyConditionExpression as string | undefined,
      FilterExpression: input.FilterExpression as string | undefined,
      ProjectionExpression: input.ProjectionExpression as string | undefined,
      ExpressionAttributeNames: input.ExpressionAttributeNames as Record<string, string> | undefined,
      ExpressionAttributeValues: input.ExpressionAttributeValues as Record<string, unknown> | undefined,
      KeyConditions: input.KeyConditions,
      QueryFilter: input.QueryFilter,
      ConditionalOperator: input.ConditionalOperator as string | undefined,
      AttributesToGet: input.AttributesToGet as string[] | undefined,
    },
    ctx.services.expressions,
  );
  const esk = input.ExclusiveStartKey === undefined ? undefined : validateStartKey(input.ExclusiveStartKey);

  const table = await activeTable(ctx, input.TableName as string);
  const target = resolveTarget(table, input.IndexName as string | undefined);
  const consistent = input.ConsistentRead === true;
  const { fetchFromTable } = checkSelectForTarget(
    target,
    select,
    consistent,
    projectionTopNames(input, prepared.projection?.paths),
  );
  if (!prepared.keyCondition) throw DynamoError.validation('KeyConditions must not be null');
  const bound = bindKeyCondition(prepared.keyCondition, target.schema);
  const forward = input.ScanIndexForward !== false;
  const range: RangeQuery = { space: target.space, ...keyConditionRange(target, bound), reverse: !forward };

  if (esk) {
    const start = startKeyBytes(target, esk);
    if (!withinRange(start, range)) {
      throw DynamoError.validation('The provided starting key is outside query boundaries based on provided conditions');
    }
    if (forward) {
      range.start = start;
      range.startExclusive = true;
    } else {
      range.end = start;
      range.endInclusive = false;
    }
  }

  const page = await readPage(ctx, target, {
    range,
    limit: input.Limit as number | undefined,
    prepared,
    count: select === 'COUNT',
    consistent,
    fetchFromTable,
  });
  const out: Record<string, unknown> = {};
  if (select !== 'COUNT') out.Items = page.items;
  out.Count = page.count;
  out.ScannedCount = page.scannedCount;
  if (page.lastEvaluatedKey) out.LastEvaluatedKey = page.lastEvaluatedKey;
  const cc = readCapacity(input.ReturnConsumedCapacity as CapacityMode, target, page.bytesRead, consistent);
  if (cc) out.ConsumedCapacity = cc;
  return out;
};

export function validateStartKey(raw: unknown): Record<string, import('../values/types.js').AttributeValue> {
  try {
    return validateItem(raw);
  } catch (e) {
    if (e instanceof DynamoError && e.code === 'ValidationException') {
      throw DynamoError.validation(`The provided starting key is invalid: ${e.message}`);
    }
    throw e;
  }
}

function withinRange(key: Uint8Array, range: RangeQuery): boolean {
  if (range.start) {
    const c = compareBytes(key, range.start);
    if (c < 0 || (c === 0 && range.startExclusive)) return false;
  }
  if (range.end) {
    const c = compareBytes(key, range.end);
    if (c > 0 || (c === 0 && !range.endInclusive)) return false;
  }
  return true;
}
