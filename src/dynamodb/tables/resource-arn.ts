import { DynamoError } from '../../protocol/errors.js';
import type { RequestContext } from '../../server/context.js';
import { parseArn, parseTableArn } from './arn.js';
import { INVALID } from './create-validate.js';

/**
 * Checks a ResourceArn of the tagging APIs and returns the table name it names. Messages recorded
 * from DynamoDB (2026): index ARNs are refused, an ARN of another region is an "Invalid TableArn".
 */
export function taggableTableName(ctx: RequestContext, arn: string): string {
  if (!arn.startsWith('arn:')) throw DynamoError.validation(`${INVALID}ARNs must start with 'arn:': ${arn}`);
  const parsed = parseArn(arn);
  if (!parsed || parsed.service !== 'dynamodb') {
    throw DynamoError.validation(`${INVALID}Provided Arn is not a DynamoDB resource arn: ${arn}`);
  }
  const ref = parseTableArn(arn);
  if (!ref || ref.index !== undefined) {
    throw DynamoError.validation(
      `${INVALID}Invalid resource arn provided, only table or stream is accepted. Provided resource arn: ${arn}`,
    );
  }
  if (ref.region !== ctx.region) throw DynamoError.validation(`Invalid TableArn: Invalid ResourceArn provided as input ${arn}`);
  if (ref.account !== ctx.account || ref.stream !== undefined) throw resourceArnNotFound(arn);
  return ref.table;
}

export function resourceArnNotFound(arn: string): DynamoError {
  return DynamoError.resourceNotFound(`Requested resource not found: ResourceArn: ${arn} not found`);
}
