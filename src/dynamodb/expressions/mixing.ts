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
const NON_EXPRESSION_PARAMS = [
  'AttributesToGet',
  'QueryFilter',
  'ScanFilter',
  'ConditionalOperator',
  'Expected',
  'AttributeUpdates',
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
      valueExprs.length === 0
        ? 'ExpressionAttributeValues can only be specified when using expressions'
        : `ExpressionAttributeValues can only be specified when using expressions: ${valueExprs.join(' and ')} ${valueExprs.length > 1 ? 'are' : 'is'} null`,
    );
  }
}
