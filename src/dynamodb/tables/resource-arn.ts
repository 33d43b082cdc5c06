import { DynamoError, NS_CORAL_SERVICE } from '../../protocol/errors.js';
import type { RequestContext } from '../../server/context.js';
import { parseArn, parseTableArn } from './arn.js';
import { INVALID } from './create-validate.js';

/** What a tagging API's ResourceArn names: a table, or one of its streams (by label). */
export interface TagTarget {
  table: string;
  stream?: string;
}

/**
 * Checks a ResourceArn of the tagging APIs and returns what it names. Messages recorded from
 * DynamoDB (2026): index ARNs are refused, an ARN of another region is an "Invalid TableArn"; a
 * stream ARN names the stream's own tag slot (tag-slots.ts).
 */
export function taggableResource(ctx: RequestContext, arn: string): TagTarget {
  if (!arn.startsWith('arn:')) throw DynamoError.validation(`${INVALID}ARNs must start with 'arn:': ${arn}`);
  const parsed = parseArn(arn);
  if (!parsed || parsed.service !== 'dynamodb') {
    throw DynamoError.validation(`${INVALID}Provided Arn is not a DynamoDB resource arn: ${arn}`);
  }
  // A backup is not a taggable resource at all (live DynamoDB, October 2026: ack-api-quirks DDB-BACKUP-013).
  if (/^table\/[^/]+\/backup\//.test(parsed.resource)) {
    throw DynamoError.validation(`${INVALID}Provided Arn is not a DynamoDB resource arn: ${arn}`);
  }
  const ref = parseTableArn(arn);
  if (ref && ref.account !== ctx.account) throw foreignResource();
  if (!ref || ref.index !== undefined) {
    throw DynamoError.validation(
      `${INVALID}Invalid resource arn provided, only table or stream is accepted. Provided resource arn: ${arn}`,
    );
  }
  if (ref.region !== ctx.region) throw DynamoError.validation(`Invalid TableArn: Invalid ResourceArn provided as input ${arn}`);
  return ref.stream === undefined ? { table: ref.table } : { table: ref.table, stream: ref.stream };
}

/**
 * Another account's table: IAM refuses the call before DynamoDB looks at the ARN (region included).
 * Code from a 2026 conformance suite run on live DynamoDB (tier2 tags/basic), text from the
 * ack-api-quirks live-probe catalogue (2026).
 */
function foreignResource(): DynamoError {
  return new DynamoError({ name: 'AccessDeniedException', namespace: NS_CORAL_SERVICE, message: 'Access is denied' });
}

export function resourceArnNotFound(arn: string): DynamoError {
  return DynamoError.resourceNotFound(`Requested resource not found: ResourceArn: ${arn} not found`);
}

/**
 * A table ARN given as the TableName of DescribeTable, DescribeTimeToLive or
 * DescribeContinuousBackups: another account is denied, another region is a ValidationException
 * naming the ARN (live DynamoDB, October 2026: ack-api-quirks DDB-TABLE-011, DDB-TABLE-442).
 */
export function checkTableArnOwner(ctx: RequestContext, nameOrArn: string): void {
  if (!nameOrArn.startsWith('arn:')) return;
  const ref = parseTableArn(nameOrArn);
  if (!ref || ref.index !== undefined || ref.stream !== undefined) return;
  if (ref.account !== ctx.account) throw foreignResource();
  if (ref.region !== ctx.region) throw DynamoError.validation(`1 validation error detected: Invalid AWS region in '${nameOrArn}'`);
}
