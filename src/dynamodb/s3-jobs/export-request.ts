import { DynamoError, NS_CORAL_SERVICE } from '../../protocol/errors.js';
import type { RequestContext } from '../../server/context.js';
import { restorableWindow } from '../backups/pitr.js';
import { isoSeconds, timestampMs } from '../backups/validate.js';
import { parseArn, parseTableArn } from '../tables/arn.js';
import type { PitrDef, TableDef } from '../tables/table-types.js';
import type { JobRecord } from './job-store.js';
import {
  EXPORT_FORMATS,
  EXPORT_TYPES,
  JobConstraints,
  objectMember,
  SSE_ALGORITHMS,
  VIEW_TYPES,
} from './request-checks.js';

/**
 * The checks of ExportTableToPointInTime before a job is started, with the texts of live DynamoDB
 * (ack-api-quirks, October 2026): DDB-EXPORT-001 (PITR, missing table, bare name, export time),
 * DDB-EXPORT-002 (other account, other region, index ARN, member constraints), DDB-EXPORT-003 and
 * DDB-EXPORT-004 (incremental couplings and window), DDB-EXPORT-005 (KMS key id), DDB-EXPORT-008
 * (FilterSpecification). Their order across kinds of check is Eddy's reading where a single probe
 * does not pin it (see docs/compatibility.md).
 */
export interface ExportRecord extends JobRecord {
  kind: 'export';
  s3Bucket: string;
  s3BucketOwner?: string;
  s3Prefix?: string;
  sseAlgorithm: string;
  sseKmsKeyId?: string;
  format: string;
  type: 'FULL_EXPORT' | 'INCREMENTAL_EXPORT';
  /** epoch ms; full exports only (an incremental one shows its period instead). */
  exportTime?: number;
  incremental?: { from: number; to: number; viewType: string };
  /** FilterSpecification as sent (live API member missing from the SDK models, DDB-EXPORT-008). */
  filter?: Record<string, unknown>;
}

const INVALID_REQUEST = 'Invalid Request: ';
const QUARTER_HOUR_MS = 15 * 60_000;
const DAY_MS = 86_400_000;

/** The member constraints, listed together in the model's member order. */
export function checkExportMembers(input: Record<string, unknown>): void {
  const errors = new JobConstraints();
  errors.length(input.TableArn, 'tableArn', 1, 1024);
  errors.clientToken(input.ClientToken);
  errors.bucket(input.S3Bucket, 's3Bucket');
  errors.owner(input.S3BucketOwner, 's3BucketOwner');
  errors.length(input.S3Prefix, 's3Prefix', undefined, 1024);
  errors.oneOf(input.S3SseAlgorithm, 's3SseAlgorithm', SSE_ALGORITHMS);
  errors.length(input.S3SseKmsKeyId, 's3SseKmsKeyId', 1, 2048);
  errors.oneOf(input.ExportFormat, 'exportFormat', EXPORT_FORMATS);
  errors.oneOf(input.ExportType, 'exportType', EXPORT_TYPES);
  const spec = objectMember(input.IncrementalExportSpecification);
  errors.oneOf(spec?.ExportViewType, 'incrementalExportSpecification.exportViewType', VIEW_TYPES);
  errors.throwIfAny();
}

/** TableArn's shape and owner: the table's name in the caller's account, or the recorded refusal. */
export function checkExportTableArn(ctx: RequestContext, tableArn: string): void {
  if (!parseArn(tableArn)) throw DynamoError.validation('One or more parameter values were invalid: tableArn is not a valid ARN');
  const ref = parseTableArn(tableArn);
  if (!ref || ref.index !== undefined || ref.stream !== undefined) throw DynamoError.validation(`${INVALID_REQUEST}Table ARN is invalid.`);
  if (ref.account !== ctx.account) {
    throw new DynamoError({ name: 'AccessDeniedException', namespace: NS_CORAL_SERVICE, message: 'Access is denied' });
  }
}

/** The request-level couplings of ExportType, IncrementalExportSpecification, KMS and the filter. */
export function checkExportCouplings(input: Record<string, unknown>): void {
  const spec = objectMember(input.IncrementalExportSpecification);
  const type = input.ExportType;
  if (spec && type === undefined) {
    throw DynamoError.validation(`${INVALID_REQUEST}Export Type expected to be Incremental Export when incremental export specification is provided`);
  }
  if (spec && type === 'FULL_EXPORT') {
    throw DynamoError.validation(`${INVALID_REQUEST}When Export Type is Full Export , Incremental Export Specification should not be provided`);
  }
  if (type === 'INCREMENTAL_EXPORT' && !spec) {
    throw DynamoError.validation(`${INVALID_REQUEST}Incremental Export Specification expected when export type is set as Incremental Export`);
  }
  if (type === 'INCREMENTAL_EXPORT' && spec?.ExportFromTime === undefined) {
    throw DynamoError.validation(`${INVALID_REQUEST}ExportFromTime must be provided in IncrementalExportSpecification`);
  }
  if (input.S3SseKmsKeyId !== undefined && input.S3SseAlgorithm !== 'KMS') {
    throw DynamoError.validation(`${INVALID_REQUEST}KMS Key Id is not supported for this encryption type`);
  }
  const filter = objectMember(input.FilterSpecification);
  if (filter && Object.keys(filter).length === 0) {
    throw DynamoError.validation(`${INVALID_REQUEST}Invalid FilterSpecification: The specification can not be empty`);
  }
}

function invalidTime(message: string): DynamoError {
  return DynamoError.service('InvalidExportTimeException', message);
}

/**
 * The period of an incremental export: from the table's creation on (the message quotes the from
 * time), not past now (quotes the to time), 15 minutes to 24 hours long; ExportToTime defaults to
 * now and ExportViewType to NEW_AND_OLD_IMAGES (DDB-EXPORT-019). The 24-hour text is unrecorded.
 */
export function incrementalPeriod(input: Record<string, unknown>, def: TableDef, now: number): ExportRecord['incremental'] {
  const spec = objectMember(input.IncrementalExportSpecification);
  if (input.ExportType !== 'INCREMENTAL_EXPORT' || !spec) return undefined;
  const from = timestampMs(spec.ExportFromTime) ?? now;
  const to = timestampMs(spec.ExportToTime) ?? now;
  if (from < def.createdAt) throw invalidTime(`Incremental export period from time cannot be less than the table creation time : ${isoSeconds(from)}`);
  if (to > now) throw invalidTime(`Incremental export period to time cannot be greater than the current time : ${isoSeconds(to)}`);
  if (to - from < QUARTER_HOUR_MS) throw invalidTime('Difference between export period from time and export period to time is less than 15 minutes');
  if (to - from > DAY_MS) throw invalidTime('Difference between export period from time and export period to time is more than 24 hours');
  const viewType = typeof spec.ExportViewType === 'string' ? spec.ExportViewType : 'NEW_AND_OLD_IMAGES';
  return { from, to, viewType };
}

/**
 * The point of a full export: ExportTime, or now. A time in the future or before the restorable
 * window is "Export Time is invalid" (DDB-EXPORT-001). DynamoDB's latest restorable time lags about
 * five minutes, which it refuses with another text; Eddy's is now (backups/pitr.ts), so that
 * refusal does not arise.
 */
export function exportPoint(input: Record<string, unknown>, pitr: PitrDef, now: number): number {
  const at = timestampMs(input.ExportTime);
  if (at === undefined) return now;
  const { earliest, latest } = restorableWindow(pitr, now);
  if (at > latest || at < earliest) throw invalidTime('Export Time is invalid');
  return at;
}

/** PointInTimeRecoveryUnavailableException for a table without PITR (DDB-EXPORT-001). */
export function pitrOf(def: TableDef): PitrDef {
  const pitr = def.history?.pitr;
  if (!pitr) throw DynamoError.service('PointInTimeRecoveryUnavailableException', `Point in time recovery is not enabled for table '${def.name}'`);
  return pitr;
}
