import { DynamoError } from '../../protocol/errors.js';
import type { OperationHandler } from '../../server/context.js';
import type { RangeQuery } from '../../storage/engine.js';
import { prepareExpressions } from '../expressions/index.js';
import { segmentBounds } from '../keys/key-encoding.js';
import { activeTable, type CapacityMode } from './item-support.js';
import { compareBytes } from './key-bounds.js';
import { validateStartKey } from './query.js';
import {
  checkSelect,
  checkSelectForTarget,
  projectionTopNames,
  readCapacity,
  readPage,
  resolveTarget,
  startKeyBytes,
} from './read-path.js';

/** Scan: https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_Scan.html */
export const handler: OperationHandler = async (ctx, input) => {
  const segment = input.Segment as number | undefined;
  const total = input.TotalSegments as number | undefined;
  checkSegments(segment, total);
  const select = checkSelect(input, 'Scan');
  const prepared = prepareExpressions(
    {
      operation: 'Scan',
      FilterExpression: input.FilterExpression as string | undefined,
      ProjectionExpression: input.ProjectionExpression as string | undefined,
      ExpressionAttributeNames: input.ExpressionAttributeNames as Record<string, string> | undefined,
      ExpressionAttributeValues: input.ExpressionAttributeValues as Record<string, unknown> | undefined,
      ScanFilter: input.ScanFilter,
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
  const range: RangeQuery = { space: target.space };
  if (segment !== undefined && total !== undefined) {
    const b = segmentBounds(segment, total);
    if (b.start) range.start = b.start;
    if (b.end) range.end = b.end;
  }
  if (esk) {
    const start = startKeyBytes(target, esk);
    if (range.end && compareBytes(start, range.end) >= 0) {
      throw DynamoError.validation('The provided Exclusive start key does not map to the provided Segment and TotalSegments values.');
    }
    if (range.start && compareBytes(start, range.start) < 0) {
      throw DynamoError.validation('The provided Exclusive start key does not map to the provided Segment and TotalSegments values.');
    }
    range.start = start;
    range.startExclusive = true;
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
