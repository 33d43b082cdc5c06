/** The rules about which expression and non-expression parameters may appear together. */
import { DynamoError } from '../../protocol/errors.js';
import type { ExpressionRequest } from './index.js';

const EXPRESSION_PARAMS = [
  'UpdateExpression',
  'ConditionExpression',
  'ProjectionExpression',
  'FilterExpression',
  'KeyConditionExpression',
] as const;
// The order DynamoDB lists them in the mixing message: UpdateItem says
// {AttributeUpdates, Expected, ConditionalOperator}, PutItem {Expected, ConditionalOperator},
// Query {QueryFilter, ConditionalOperator, KeyConditions} (dynalite's recordings and suites
// run against AWS agree).
const NON_EXPRESSION_PARAMS = [
  'AttributesToGet',
  'QueryFilter',
  'ScanFilter',
  'AttributeUpdates',
  'Expected',
  'ConditionalOperator',
  'KeyConditions',
] as const;

/** Expressions that take :values, per operation (for the "can only be specified" message). */
const VALUE_EXPRESSIONS: Readonly<Record<string, readonly string[]>> = {
  PutItem: ['ConditionExpression'],
  DeleteItem: ['ConditionExpression'],
  UpdateItem: ['UpdateExpression', 'ConditionExpression'],
  Query: ['FilterExpression', 'KeyConditionExpression'],
  Scan: ['FilterExpression'],
  TransactWriteItems: ['UpdateExpression', 'ConditionExpression'],
};

/**
 * Operations whose "can only be specified" message no longer names the missing expression
 * (": ConditionExpression is null"): live DynamoDB, eu-west-2 and us-east-1, 2026-10-09
 * (conformance suite error-messages put/delete). dynalite recorded the suffix.
 */
const NO_NULL_SUFFIX = new Set(['PutItem', 'DeleteItem']);

function present(req: ExpressionRequest, name: string): boolean {
  const v = (req as unknown as Record<string, unknown>)[name];
  return v !== undefined && v !== null;
}

export function checkExpressionMixing(req: ExpressionRequest): void {
  const expr = EXPRESSION_PARAMS.filter((p) => present(req, p));
  if (expr.length > 0) {
    // KeyConditions may accompany other expressions when there is no KeyConditionExpression (dynalite).
    const nonExpr = NON_EXPRESSION_PARAMS.filter(
      (p) => present(req, p) && !(p === 'KeyConditions' && !present(req, 'KeyConditionExpression')),
    );
    if (nonExpr.length > 0) {
      throw DynamoError.validation(
        'Can not use both expression and non-expression parameters in the same request: ' +
          `Non-expression parameters: {${nonExpr.join(', ')}} Expression parameters: {${expr.join(', ')}}`,
      );
    }
  }
  if (present(req, 'ExpressionAttributeNames') && expr.length === 0) {
    throw DynamoError.validation('ExpressionAttributeNames can only be specified when using expressions');
  }
  const valueExprs = VALUE_EXPRESSIONS[req.operation] ?? [];
  if (present(req, 'ExpressionAttributeValues') && !valueExprs.some((p) => present(req, p))) {
    throw DynamoError.validation(
      valueExprs.length === 0 || NO_NULL_SUFFIX.has(req.operation)
        ? 'ExpressionAttributeValues can only be specified when using expressions'
        : `ExpressionAttributeValues can only be specified when using expressions: ${valueExprs.join(' and ')} ${valueExprs.length > 1 ? 'are' : 'is'} null`,
    );
  }
}

function entryCount(v: unknown): number {
  return typeof v === 'object' && v !== null ? Object.keys(v).length : 0;
}

/**
 * ConditionalOperator needs a legacy Expected, QueryFilter or ScanFilter with at least two
 * conditions: none (or an empty map) and exactly one are both rejected, each with its own message.
 */
export function checkConditionalOperator(req: ExpressionRequest): void {
  if (req.ConditionalOperator === undefined || req.ConditionalOperator === null) return;
  const conditions = entryCount(req.Expected) + entryCount(req.QueryFilter) + entryCount(req.ScanFilter);
  if (conditions === 0) throw DynamoError.validation('ConditionalOperator cannot be used without Filter or Expected');
  if (conditions === 1) {
    throw DynamoError.validation('ConditionalOperator can only be used when Filter or Expected has two or more elements');
  }
}
