import { randomUUID } from 'node:crypto';
import { DynamoError } from '../../protocol/errors.js';
import type { OperationHandler } from '../../server/context.js';
import { manager } from '../tables/manager.js';
import {
  checkExportCouplings,
  checkExportMembers,
  checkExportTableArn,
  exportPoint,
  incrementalPeriod,
  pitrOf,
  type ExportRecord,
} from '../s3-jobs/export-request.js';
import { exportDescription } from '../s3-jobs/job-shapes.js';
import { JOB_FAIL_AFTER_MS, newJobId, noSuchBucketMessage, startJob } from '../s3-jobs/job-store.js';
import { modelledInput } from '../s3-jobs/modelled.js';
import { canonical, objectMember } from '../s3-jobs/request-checks.js';

/**
 * ExportTableToPointInTime. Eddy has no S3, so every bucket is one that does not exist, and the
 * export is what DynamoDB makes of that (DDB-EXPORT-010): 200 IN_PROGRESS, then FAILED with
 * FailureCode S3NoSuchBucket; DescribeExport and ListExports show it from the start, also after the
 * table is deleted (DDB-EXPORT-020). The synchronous checks come first (export-request.ts); then the
 * client token: the same parameters give back that export in its current state, others are
 * ExportConflictException (DDB-EXPORT-009, DDB-EXPORT-010; the token is checked after the table,
 * DDB-EXPORT-023 saw TableNotFoundException for a replay whose table was gone).
 */
export const handler: OperationHandler = async (ctx, raw) => {
  const input = modelledInput('ExportTableToPointInTime', raw);
  checkExportMembers(input);
  const tableArn = input.TableArn as string;
  checkExportTableArn(ctx, tableArn);
  checkExportCouplings(input);
  const tables = manager(ctx);
  // Another region's ARN names no table here: the ARN's region is not checked, the name is looked
  // up in the endpoint's region (DDB-EXPORT-002); Eddy keeps regions apart, so it is not found.
  const def = await tables.find(ctx, tableArn);
  if (!def || def.status === 'CREATING' || def.status === 'DELETING') {
    throw DynamoError.service('TableNotFoundException', `Table not found: ${tableArn}`);
  }
  const now = ctx.services.clock.now();
  const incremental = incrementalPeriod(input, def, now);
  const pitr = pitrOf(def);
  const exportTime = incremental ? undefined : exportPoint(input, pitr, now);
  const { ClientToken: token, ...params } = input;
  const filter = objectMember(input.FilterSpecification);
  const rec: ExportRecord = {
    kind: 'export',
    arn: `${def.arn}/export/${newJobId(now)}`,
    namespace: ctx.namespace,
    tableArn: def.arn,
    tableId: def.tableId,
    clientToken: typeof token === 'string' ? token : randomUUID(),
    params: canonical(params),
    startTime: now,
    failAt: now + JOB_FAIL_AFTER_MS,
    failureMessage: noSuchBucketMessage(),
    s3Bucket: input.S3Bucket as string,
    ...(typeof input.S3BucketOwner === 'string' ? { s3BucketOwner: input.S3BucketOwner } : {}),
    ...(typeof input.S3Prefix === 'string' ? { s3Prefix: input.S3Prefix } : {}),
    sseAlgorithm: typeof input.S3SseAlgorithm === 'string' ? input.S3SseAlgorithm : 'AES256',
    ...(typeof input.S3SseKmsKeyId === 'string' ? { sseKmsKeyId: input.S3SseKmsKeyId } : {}),
    format: typeof input.ExportFormat === 'string' ? input.ExportFormat : 'DYNAMODB_JSON',
    type: incremental ? 'INCREMENTAL_EXPORT' : 'FULL_EXPORT',
    ...(exportTime !== undefined ? { exportTime } : {}),
    ...(incremental ? { incremental } : {}),
    ...(filter ? { filter } : {}),
  };
  const job = await startJob(ctx.services.engine, rec, now);
  return { ExportDescription: exportDescription(job, now) };
};
