import { DynamoError } from '../../protocol/errors.js';
import type { OperationHandler, RequestContext } from '../../server/context.js';
import type { RangeQuery } from '../../storage/engine.js';
import { bindKeyCondition, prepareExpressions } from '../expressions/index.js';
import { checkConditionalOperator, checkExpressionMixing } from '../expressions/mixing.js';
import { compileAttributesToGet, compileFilterConditions } from '../expressions/legacy.js';
import { encodeIndexKey, encodeTableKey } from '../keys/key-encoding.js';
import { isMultiAttributeKey } from '../tables/key-schema.js';
import type { TableDef } from '../tables/table-types.js';
import { activeTable, type CapacityMode } from './item-support.js';
import { keyConditionRange } from './key-bounds.js';
import { currentLayerError } from '../values/layers.js';
import type { Item } from '../values/types.js';
import {
  checkFilterOnKeys,
  checkFilterProjected,
  checkNestedKeyPaths,
  checkStartKeyBounds,
  checkStartKeyCount,
  checkStartKeyElement,
  checkStartKeyTablePart,
  conditionPaths,
  validateStartKeyValues,
} from './query-checks.js';
import { checkSelect, checkSelectForTarget, projectionTopNames, pageResponse, readCapacity, readPage, resolveTarget } from './read-path.js';

const TOO_MANY_CONDITIONS = 'Conditions can be of length 1 or 2 only';

/**
 * More than 2 legacy KeyConditions are valid only on a multi-attribute GSI key. DynamoDB refused
 * them before looking the table up until such keys came (dynalite's recorded query tests); a
 * missing table or one without a multi-attribute GSI still gets that answer at once (what DynamoDB
 * answers now is unverified), a table with one has the count checked once the key schema is known
 * (bindKeyCondition). A KeyConditionExpression's count is always checked after the lookup.
 */
async function tableForManyConditions(ctx: RequestContext, name: string): Promise<TableDef> {
  let table: TableDef;
  try {
    table = await activeTable(ctx, name);
  } catch (e) {
    if (e instanceof DynamoError && e.code === 'ResourceNotFoundException') throw DynamoError.validation(TOO_MANY_CONDITIONS);
    throw e;
  }
  if (!table.gsis.some((g) => isMultiAttributeKey(g.key))) throw DynamoError.validation(TOO_MANY_CONDITIONS);
  return table;
}

/** Query: https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_Query.html */
export const handler: OperationHandler = async (ctx, input) => {
  const exprInput = {
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
  };
  // DynamoDB's order (dynalite's validations): parameter mixing, QueryFilter, AttributesToGet
  // duplicates, ExclusiveStartKey values, key condition presence, expressions, condition count.
  let select: ReturnType<typeof checkSelect>;
  let esk: Item | undefined;
  let prepared: ReturnType<typeof prepareExpressions>;
  try {
    select = checkSelect(input, 'Query');
    checkExpressionMixing(exprInput);
    // The ConditionalOperator rule comes before the key-condition presence check on AWS.
    checkConditionalOperator(exprInput);
    if (input.QueryFilter !== undefined && input.QueryFilter !== null) compileFilterConditions(input.QueryFilter, undefined);
    if (Array.isArray(input.AttributesToGet)) compileAttributesToGet(input.AttributesToGet as string[]);
    esk = input.ExclusiveStartKey === undefined || input.ExclusiveStartKey === null ? undefined : validateStartKeyValues(input.ExclusiveStartKey);
    if (input.KeyConditionExpression == null && input.KeyConditions == null) {
      throw DynamoError.validation('Either the KeyConditions or KeyConditionExpression parameter must be specified in the request.');
    }
    prepared = prepareExpressions(exprInput, ctx.services.expressions);
  } catch (err) {
    throw currentLayerError(err); // Query words value errors in the current layer (values/layers.ts)
  }
  if (!prepared.keyCondition) throw DynamoError.validation('Conditions can be of length 1 or 2 only');

  const pending = prepared.keyCondition.source !== 'expression' && prepared.keyCondition.parts.length > 2
    ? tableForManyConditions(ctx, input.TableName as string)
    : activeTable(ctx, input.TableName as string);
  const table = pending instanceof Promise ? await pending : pending;
  const target = resolveTarget(table, input.IndexName as string | undefined);
  const consistent = input.ConsistentRead === true;
  if (target.index?.kind === 'GSI' && consistent) {
    throw DynamoError.validation('Consistent reads are not supported on global secondary indexes');
  }
  if (esk) checkStartKeyCount(target, esk, true);
  const bound = bindKeyCondition(prepared.keyCondition, target.schema, (name, type, isHash) => {
    if (esk) checkStartKeyElement(esk, name, type, isHash);
  });
  if (esk) {
    checkStartKeyTablePart(target, esk);
    checkStartKeyBounds(esk, bound);
  }
  checkNestedKeyPaths(table, prepared.projection?.paths);
  const filterPaths = prepared.filter ? conditionPaths(prepared.filter) : undefined;
  if (filterPaths) {
    checkFilterOnKeys(target, filterPaths, input.QueryFilter != null);
    checkFilterProjected(target, filterPaths);
  }
  const { fetchFromTable } = checkSelectForTarget(target, select, consistent, projectionTopNames(input, prepared.projection?.paths));
  checkNestedKeyPaths(table, filterPaths);

  const forward = input.ScanIndexForward !== false;
  const range: RangeQuery = { space: target.space, ...keyConditionRange(target, bound), reverse: !forward };
  if (esk) {
    const start = target.index ? encodeIndexKey(target.index.key, table.key, esk) : encodeTableKey(table.key, esk);
    if (!start) throw DynamoError.validation('The provided starting key is invalid');
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
  const cc = readCapacity(input.ReturnConsumedCapacity as CapacityMode, target, page.bytesRead, consistent);
  return pageResponse(page, select === 'COUNT', cc);
};
