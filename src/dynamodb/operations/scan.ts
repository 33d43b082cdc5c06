import { DynamoError } from '../../protocol/errors.js';
import type { OperationHandler } from '../../server/context.js';
import type { RangeQuery } from '../../storage/engine.js';
import { prepareExpressions } from '../expressions/index.js';
import { compileAttributesToGet, compileFilterConditions } from '../expressions/legacy.js';
import { checkExpressionMixing } from '../expressions/mixing.js';
import { encodeIndexKey, encodeTableKey, segmentBounds } from '../keys/key-encoding.js';
import { READ_UNIT_BYTES } from '../values/capacity.js';
import { activeTable, type CapacityMode } from './item-support.js';
import { compareBytes } from './key-bounds.js';
import {
  checkNestedKeyPaths,
  checkStartKeyCount,
  checkStartKeyElement,
  checkStartKeyTablePart,
  conditionPaths,
  validateStartKeyValues,
} from './query-checks.js';
import { checkSelect, checkSelectForTarget, projectionTopNames, pageResponse, readCapacity, readPage, resolveTarget } from './read-path.js';

/** Scan: https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_Scan.html */
export const handler: OperationHandler = async (ctx, input) => {
  const segment = input.Segment as number | undefined;
  const total = input.TotalSegments as number | undefined;
  const select = checkSelect(input, 'Scan');
  const exprInput = {
    operation: 'Scan',
    FilterExpression: input.FilterExpression as string | undefined,
    ProjectionExpression: input.ProjectionExpression as string | undefined,
    ExpressionAttributeNames: input.ExpressionAttributeNames as Record<string, string> | undefined,
    ExpressionAttributeValues: input.ExpressionAttributeValues as Record<string, unknown> | undefined,
    ScanFilter: input.ScanFilter,
    ConditionalOperator: input.ConditionalOperator as string | undefined,
    AttributesToGet: input.AttributesToGet as string[] | undefined,
  };
  // DynamoDB's order (dynalite's validations): mixing, AttributesToGet duplicates, ScanFilter,
  // ExclusiveStartKey values, Segment/TotalSegments, expressions.
  checkExpressionMixing(exprInput);
  if (Array.isArray(input.AttributesToGet)) compileAttributesToGet(input.AttributesToGet as string[]);
  if (input.ScanFilter !== undefined && input.ScanFilter !== null) compileFilterConditions(input.ScanFilter, undefined);
  const esk = input.ExclusiveStartKey == null ? undefined : validateStartKeyValues(input.ExclusiveStartKey);
  checkSegments(segment, total);
  const prepared = prepareExpressions(exprInput, ctx.services.expressions);

  const table = await activeTable(ctx, input.TableName as string);
  const indexName = input.IndexName as string | undefined;
  if (esk && indexName !== undefined && !table.gsis.some((i) => i.name === indexName) && !table.lsis.some((i) => i.name === indexName)) {
    throw DynamoError.validation('The provided starting key is invalid');
  }
  const target = resolveTarget(table, indexName);
  const consistent = input.ConsistentRead === true;
  if (target.index?.kind === 'GSI' && consistent) {
    throw DynamoError.validation('Consistent reads are not supported on global secondary indexes');
  }
  if (esk) {
    checkStartKeyCount(target, esk, target.index !== undefined);
    if (target.index) {
      const k = target.index.key;
      checkStartKeyElement(esk, k.hash.name, k.hash.type, true);
      for (const a of k.moreHash ?? []) checkStartKeyElement(esk, a.name, a.type, true);
      if (k.range) checkStartKeyElement(esk, k.range.name, k.range.type, false);
      for (const a of k.moreRange ?? []) checkStartKeyElement(esk, a.name, a.type, false);
    }
  }
  const projectionNames = projectionTopNames(input, prepared.projection?.paths);
  const { fetchFromTable } = checkSelectForTarget(target, select, consistent, projectionNames);
  if (esk) checkStartKeyTablePart(target, esk);
  const range: RangeQuery = { space: target.space };
  if (segment !== undefined && total !== undefined) {
    const b = segmentBounds(segment, total);
    if (b.start) range.start = b.start;
    if (b.end) range.end = b.end;
  }
  if (esk) {
    const start = target.index ? encodeIndexKey(target.index.key, table.key, esk) : encodeTableKey(table.key, esk);
    if (!start) throw DynamoError.validation('The provided starting key is invalid');
    if ((range.end && compareBytes(start, range.end) >= 0) || (range.start && compareBytes(start, range.start) < 0)) {
      throw DynamoError.validation(
        'The provided starting key is invalid: Invalid ExclusiveStartKey. Please use ExclusiveStartKey with correct Segment. ' +
          `TotalSegments: ${total} Segment: ${segment}`,
      );
    }
    range.start = start;
    range.startExclusive = true;
  }
  checkNestedKeyPaths(table, prepared.projection?.paths);
  if (prepared.filter) checkNestedKeyPaths(table, conditionPaths(prepared.filter));
  const page = await readPage(ctx, target, {
    range,
    limit: input.Limit as number | undefined,
    prepared,
    count: select === 'COUNT',
    consistent,
    fetchFromTable,
  });
  // An on-demand table starts with four partitions and a Scan reads each for at least one unit:
  // a Scan of a one-item on-demand table costs DynamoDB 4 units (2 eventually consistent), as
  // alternator's test_scan_consumed_capacity records against AWS. Only that case is modelled: a
  // whole table in one page, no segments, no start key.
  const whole = segment === undefined && esk === undefined && page.lastEvaluatedKey === undefined;
  const bytes =
    whole && !target.index && table.billingMode === 'PAY_PER_REQUEST'
      ? Math.max(page.bytesRead, ON_DEMAND_PARTITIONS * READ_UNIT_BYTES)
      : page.bytesRead;
  const cc = readCapacity(input.ReturnConsumedCapacity as CapacityMode, target, bytes, consistent);
  return pageResponse(page, select === 'COUNT', cc);
};

/** Partitions of a new on-demand table (4000 WCU / 12000 RCU of initial throughput). */
const ON_DEMAND_PARTITIONS = 4;

function checkSegments(segment: number | undefined, total: number | undefined): void {
  if (segment !== undefined && total === undefined) {
    throw DynamoError.validation('The TotalSegments parameter is required but was not present in the request when Segment parameter is present');
  }
  if (total !== undefined && segment === undefined) {
    throw DynamoError.validation('The Segment parameter is required but was not present in the request when parameter TotalSegments is present');
  }
  if (segment !== undefined && total !== undefined && segment >= total) {
    throw DynamoError.validation(`The Segment parameter is zero-based and must be less than parameter TotalSegments: Segment: ${segment} is not less than TotalSegments: ${total}`);
  }
}
