import type { ExportRecord } from './export-request.js';
import type { ImportRecord } from './import-request.js';
import { isFailed } from './job-store.js';

/**
 * The wire shapes of export and import jobs. Every job fails (the bucket cannot be used), so the
 * states are IN_PROGRESS and FAILED with FailureCode S3NoSuchBucket (DDB-EXPORT-010, DDB-IMPORT-012).
 */
const FAILURE_CODE = 'S3NoSuchBucket';

/**
 * ExportDescription. While IN_PROGRESS: ClientToken, ExportArn, ExportFormat, ExportStatus,
 * ExportTime, S3Bucket, S3SseAlgorithm, StartTime, TableArn, TableId, plus the optional members
 * that were sent (DDB-EXPORT-016, DDB-EXPORT-017: ExportFormat and S3SseAlgorithm back-filled,
 * ExportType never shown, S3BucketOwner only when sent); DestinationType S3 on every body, and the
 * FilterSpecification when sent (DDB-EXPORT-008). FAILED adds FailureCode and FailureMessage; a
 * failed export shows no EndTime, ItemCount, BilledSizeBytes or ExportManifest (DDB-EXPORT-005,
 * DDB-EXPORT-011: no duration could be computed for any FAILED export).
 */
export function exportDescription(rec: ExportRecord, now: number): Record<string, unknown> {
  const failed = isFailed(rec, now);
  const inc = rec.incremental;
  return {
    ExportArn: rec.arn,
    ExportStatus: failed ? 'FAILED' : 'IN_PROGRESS',
    StartTime: rec.startTime / 1000,
    TableArn: rec.tableArn,
    TableId: rec.tableId,
    ...(rec.exportTime !== undefined ? { ExportTime: rec.exportTime / 1000 } : {}),
    ClientToken: rec.clientToken,
    S3Bucket: rec.s3Bucket,
    ...(rec.s3BucketOwner !== undefined ? { S3BucketOwner: rec.s3BucketOwner } : {}),
    ...(rec.s3Prefix !== undefined ? { S3Prefix: rec.s3Prefix } : {}),
    S3SseAlgorithm: rec.sseAlgorithm,
    ...(rec.sseKmsKeyId !== undefined ? { S3SseKmsKeyId: rec.sseKmsKeyId } : {}),
    ...(failed ? { FailureCode: FAILURE_CODE, FailureMessage: rec.failureMessage } : {}),
    ExportFormat: rec.format,
    ...(inc ? { IncrementalExportSpecification: { ExportFromTime: inc.from / 1000, ExportToTime: inc.to / 1000, ExportViewType: inc.viewType } } : {}),
    ...(rec.filter ? { FilterSpecification: rec.filter } : {}),
    DestinationType: 'S3',
  };
}

/** ExportSummary: ExportArn, ExportStatus, ExportType (shown here although Describe omits it, DDB-EXPORT-016). */
export function exportSummary(rec: ExportRecord, now: number): Record<string, unknown> {
  return { ExportArn: rec.arn, ExportStatus: isFailed(rec, now) ? 'FAILED' : 'IN_PROGRESS', ExportType: rec.type };
}

/** `arn:aws:logs:<region>:<account>:log-group:/aws-dynamodb/imports:*` (DDB-IMPORT-003). */
function logGroupArn(rec: ImportRecord): string {
  return `arn:aws:logs:${rec.region}:${rec.account}:log-group:/aws-dynamodb/imports:*`;
}

function bucketSource(rec: ImportRecord): Record<string, unknown> {
  return { S3BucketOwner: rec.s3BucketOwner, S3Bucket: rec.s3Bucket, ...(rec.s3KeyPrefix !== undefined ? { S3KeyPrefix: rec.s3KeyPrefix } : {}) };
}

/**
 * ImportTableDescription: TableArn and TableId of a table that is never created (DDB-IMPORT-012:
 * the failed import keeps a dangling reference), S3BucketOwner, InputCompressionType NONE and the
 * log group back-filled, InputFormatOptions only when sent, TableCreationParameters echoed as sent
 * (DDB-IMPORT-003, DDB-IMPORT-004, DDB-IMPORT-015). FAILED adds EndTime, the three counters at 0
 * and the failure (DDB-IMPORT-012); which counters an IN_PROGRESS import shows is unrecorded
 * (none here), and so is ProcessedSizeBytes (left out).
 */
export function importDescription(rec: ImportRecord, now: number): Record<string, unknown> {
  const failed = isFailed(rec, now);
  return {
    ImportArn: rec.arn,
    ImportStatus: failed ? 'FAILED' : 'IN_PROGRESS',
    TableArn: rec.tableArn,
    TableId: rec.tableId,
    ClientToken: rec.clientToken,
    S3BucketSource: bucketSource(rec),
    ...(failed ? { ErrorCount: 0 } : {}),
    CloudWatchLogGroupArn: logGroupArn(rec),
    InputFormat: rec.inputFormat,
    ...(rec.inputFormatOptions ? { InputFormatOptions: rec.inputFormatOptions } : {}),
    InputCompressionType: rec.compression,
    TableCreationParameters: rec.tableCreationParameters,
    StartTime: rec.startTime / 1000,
    ...(failed ? { EndTime: rec.failAt / 1000, ProcessedItemCount: 0, ImportedItemCount: 0 } : {}),
    ...(failed ? { FailureCode: FAILURE_CODE, FailureMessage: rec.failureMessage } : {}),
  };
}

/** ImportSummary. */
export function importSummary(rec: ImportRecord, now: number): Record<string, unknown> {
  const failed = isFailed(rec, now);
  return {
    ImportArn: rec.arn,
    ImportStatus: failed ? 'FAILED' : 'IN_PROGRESS',
    TableArn: rec.tableArn,
    S3BucketSource: bucketSource(rec),
    CloudWatchLogGroupArn: logGroupArn(rec),
    InputFormat: rec.inputFormat,
    StartTime: rec.startTime / 1000,
    ...(failed ? { EndTime: rec.failAt / 1000 } : {}),
  };
}
