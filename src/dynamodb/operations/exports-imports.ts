import { DynamoError, NS_CORAL_SERVICE } from '../../protocol/errors.js';
import type { OperationHandler, RequestContext } from '../../server/context.js';
import { ConstraintErrors } from '../backups/validate.js';
import { manager } from '../tables/manager.js';
import type { ExportRecord } from '../s3-jobs/export-request.js';
import type { ImportRecord } from '../s3-jobs/import-request.js';
import { exportDescription, exportSummary, importDescription, importSummary } from '../s3-jobs/job-shapes.js';
import { listJobs, loadJob, pageOf, type JobKind } from '../s3-jobs/job-store.js';

/**
 * The read side of table exports to S3 and imports from S3: the jobs ExportTableToPointInTime and
 * ImportTable stored (s3-jobs/job-store.ts), newest first, in their state as of now.
 *
 * Sources: the ack-api-quirks live-probe catalogue of DynamoDB (us-west-2/us-east-1, October 2026),
 * findings DDB-EXPORT-006, DDB-EXPORT-016, DDB-EXPORT-020, DDB-IMPORT-008, DDB-IMPORT-010,
 * DDB-IMPORT-011, DDB-IMPORT-016; the API reference for the ranges.
 */

/** MaxResults of ListExports and PageSize of ListImports: 1..25 (API reference). */
const MAX_PAGE = 25;
const ARN_MIN = 37;
const ARN_MAX = 1024;
const TABLE_ARN_MAX = 1024;

/** Page size of both lists when none is asked for (DDB-IMPORT-016: 10 entries, NextToken set). */
const DEFAULT_PAGE = 10;

/** Members shared by the two list calls: the page size and TableArn's length. */
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
}

/**
 * One page of a list. A token of the other list call is refused with "Invalid Request: Provided
 * nextToken is invalid: <token>" (DDB-EXPORT-006; its 72 characters show that ListImports'
 * documented 112-character minimum is not checked).
 */
function listPage<T extends ExportRecord | ImportRecord>(kind: JobKind, jobs: T[], input: Record<string, unknown>, pageMember: 'MaxResults' | 'PageSize') {
  const size = typeof input[pageMember] === 'number' ? (input[pageMember] as number) : DEFAULT_PAGE;
  const token = typeof input.NextToken === 'string' ? input.NextToken : undefined;
  return pageOf(kind, jobs, size, token);
}

/**
 * ListExports: `{ExportSummaries: [...]}` (the empty list's presence is unverified). With TableArn,
 * only the exports of the table that has that ARN now: none once it is deleted, nor after it is
 * created again under the name (DDB-EXPORT-020).
 */
export const listExports: OperationHandler = async (ctx, input) => {
  checkList(input, 'MaxResults');
  let jobs = await listJobs<ExportRecord>(ctx.services.engine, 'export', ctx.namespace);
  const tableArn = input.TableArn;
  if (typeof tableArn === 'string') {
    const def = await manager(ctx).find(ctx, tableArn);
    jobs = jobs.filter((j) => j.tableArn === tableArn && def?.tableId === j.tableId);
  }
  const now = ctx.services.clock.now();
  const { page, next } = listPage('export', jobs, input, 'MaxResults');
  return { ExportSummaries: page.map((j) => exportSummary(j, now)), ...(next ? { NextToken: next } : {}) };
};

/**
 * ListImports: `{ImportSummaryList: [...]}` (the empty list's presence is unverified). TableArn
 * matches the ARN an import was for, whether or not that table exists (DDB-IMPORT-008).
 */
export const listImports: OperationHandler = async (ctx, input) => {
  checkList(input, 'PageSize');
  let jobs = await listJobs<ImportRecord>(ctx.services.engine, 'import', ctx.namespace);
  const tableArn = input.TableArn;
  if (typeof tableArn === 'string') jobs = jobs.filter((j) => j.tableArn === tableArn);
  const now = ctx.services.clock.now();
  const { page, next } = listPage('import', jobs, input, 'PageSize');
  return { ImportSummaryList: page.map((j) => importSummary(j, now)), ...(next ? { NextToken: next } : {}) };
};

interface JobKindTexts {
  /** ARN resource segment: `table/<name>/<segment>/<id>`. */
  segment: JobKind;
  member: 'exportArn' | 'importArn';
  invalid: string;
  notFound: string;
  /** Not-found text for a well-formed ARN of the caller's account and region. */
  missing: (arn: string) => string;
  /** Not-found text for an ARN of another region. */
  otherRegion: string;
}

const EXPORT: JobKindTexts = {
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
const IMPORT: JobKindTexts = {
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
 * then another account (AccessDeniedException, as IAM answers), then another region, then the
 * stored job or not found. A job outlives its table (DDB-EXPORT-020, DDB-IMPORT-008).
 */
async function describeJob<T extends ExportRecord | ImportRecord>(ctx: RequestContext, arn: string, kind: JobKindTexts): Promise<T> {
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
  const job = await loadJob<T>(ctx.services.engine, kind.segment, ctx.namespace, arn);
  if (!job) throw DynamoError.service(kind.notFound, kind.missing(arn));
  return job;
}

export const describeExport: OperationHandler = async (ctx, input) => {
  const job = await describeJob<ExportRecord>(ctx, input.ExportArn as string, EXPORT);
  return { ExportDescription: exportDescription(job, ctx.services.clock.now()) };
};

export const describeImport: OperationHandler = async (ctx, input) => {
  const job = await describeJob<ImportRecord>(ctx, input.ImportArn as string, IMPORT);
  return { ImportTableDescription: importDescription(job, ctx.services.clock.now()) };
};
