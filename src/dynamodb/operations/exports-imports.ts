import { DynamoError, NS_CORAL_SERVICE } from '../../protocol/errors.js';
import type { OperationHandler, RequestContext } from '../../server/context.js';
import { ConstraintErrors } from '../backups/validate.js';

/**
 * The read side of table exports to S3 and imports from S3. Eddy has no S3, so no export or import
 * ever exists: the lists are empty and every well-formed ARN is not found.
 * ExportTableToPointInTime and ImportTable are not routed: DynamoDB accepts them for a missing or
 * inaccessible bucket (200 IN_PROGRESS) and fails the job asynchronously (S3NoSuchBucket), which
 * needs stored job records (see docs/compatibility.md).
 *
 * Sources: the ack-api-quirks live-probe catalogue of DynamoDB (us-west-2/us-east-1, October 2026),
 * findings DDB-EXPORT-006, DDB-IMPORT-010, DDB-IMPORT-011; the API reference for the ranges.
 */

/** MaxResults of ListExports and PageSize of ListImports: 1..25 (API reference). */
const MAX_PAGE = 25;
const ARN_MIN = 37;
const ARN_MAX = 1024;
const TABLE_ARN_MAX = 1024;

/** Members shared by the two list calls: the page size, TableArn's length, then NextToken. */
function checkList(input: Record<string, unknown>, pageMember: 'MaxResults' | 'PageSize'): void {
  const errors = new ConstraintErrors();
  const path = pageMember === 'MaxResults' ? 'maxResults' : 'pageSize';
  errors.range(input[pageMember], path, 1, MAX_PAGE);
  const tableArn = input.TableArn;
  if (typeof tableArn === 'string') {
    if (tableArn.length < 1) errors.add(tableArn, 'tableArn', 'Member must have length greater than or equal to 1');
    if (tableArn.length > TABLE_ARN_MAX) errors.add(tableArn, 'tableArn', `Member must have length less than or equal to ${TABLE_ARN_MAX}`);
  }
  errors.throwIfAny();
  // No token was ever issued here. A token of the other list call is refused with this text
  // (DDB-EXPORT-006; its 72 characters show that ListImports' documented 112-character minimum
  // is not checked).
  const token = input.NextToken;
  if (typeof token === 'string') throw DynamoError.validation(`Invalid Request: Provided nextToken is invalid: ${token}`);
}

/** ListExports: `{ExportSummaries: []}` (the empty list's presence is unverified). */
export const listExports: OperationHandler = async (_ctx, input) => {
  checkList(input, 'MaxResults');
  return { ExportSummaries: [] };
};

/** ListImports: `{ImportSummaryList: []}` (the empty list's presence is unverified). */
export const listImports: OperationHandler = async (_ctx, input) => {
  checkList(input, 'PageSize');
  return { ImportSummaryList: [] };
};

interface JobKind {
  /** ARN resource segment: `table/<name>/<segment>/<id>`. */
  segment: 'export' | 'import';
  member: 'exportArn' | 'importArn';
  invalid: string;
  notFound: string;
  /** Not-found text for a well-formed ARN of the caller's account and region. */
  missing: (arn: string) => string;
  /** Not-found text for an ARN of another region. */
  otherRegion: string;
}

const EXPORT: JobKind = {
  segment: 'export',
  member: 'exportArn',
  invalid: 'Invalid Export ARN',
  notFound: 'ExportNotFoundException',
  // Recorded with the prefix twice (DDB-EXPORT-006).
  missing: (arn) => `Export not found: Export not found: ${arn}`,
  otherRegion: 'Export not found: Invalid export arn',
};

/**
 * ImportNotFoundException and 'Invalid Import ARN' are recorded (DDB-IMPORT-010), the not-found
 * messages are not: these follow DescribeExport's (unverified).
 */
const IMPORT: JobKind = {
  segment: 'import',
  member: 'importArn',
  invalid: 'Invalid Import ARN',
  notFound: 'ImportNotFoundException',
  missing: (arn) => `Import not found: Import not found: ${arn}`,
  otherRegion: 'Import not found: Invalid import arn',
};

/**
 * DescribeExport / DescribeImport of an ARN, in DynamoDB's order (DDB-EXPORT-006, DDB-IMPORT-010):
 * the model's length (37..1024, coral wording; the server-side check is unverified), then the shape
 * `arn:<partition>:dynamodb:<region>:<account>:table/<name>/<export|import>/<id>` (a table ARN, an
 * ARN of the other kind or plain text is a ValidationException; any id is well-formed, even `0`),
 * then another account (AccessDeniedException, as IAM answers), then another region, then not found.
 */
function describeJob(ctx: RequestContext, arn: string, kind: JobKind): never {
  const errors = new ConstraintErrors();
  if (arn.length < ARN_MIN) errors.add(arn, kind.member, `Member must have length greater than or equal to ${ARN_MIN}`);
  if (arn.length > ARN_MAX) errors.add(arn, kind.member, `Member must have length less than or equal to ${ARN_MAX}`);
  errors.throwIfAny();
  const m = new RegExp(`^arn:aws[a-z-]*:dynamodb:([^:]*):([^:]*):table/[^/]+/${kind.segment}/[^/]+$`).exec(arn);
  if (!m) throw DynamoError.validation(kind.invalid);
  const [, region = '', account = ''] = m;
  if (account !== ctx.account) {
    throw new DynamoError({ name: 'AccessDeniedException', namespace: NS_CORAL_SERVICE, message: 'Access is denied' });
  }
  if (region !== ctx.region) throw DynamoError.service(kind.notFound, kind.otherRegion);
  throw DynamoError.service(kind.notFound, kind.missing(arn));
}

export const describeExport: OperationHandler = async (ctx, input) => describeJob(ctx, input.ExportArn as string, EXPORT);

export const describeImport: OperationHandler = async (ctx, input) => describeJob(ctx, input.ImportArn as string, IMPORT);
