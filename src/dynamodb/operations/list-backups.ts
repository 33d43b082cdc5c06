import { DynamoError } from '../../protocol/errors.js';
import type { OperationHandler } from '../../server/context.js';
import { listBackupRecords, type BackupRecord } from '../backups/backup-store.js';
import { backupSummary } from '../backups/describe-backup-shapes.js';
import { ConstraintErrors, timestampMs } from '../backups/validate.js';

const BACKUP_TYPES = ['USER', 'SYSTEM', 'AWS_BACKUP', 'ALL'];
const MAX_LIMIT = 100;

/**
 * ListBackups: the caller's backups oldest first, filtered by table, creation time
 * ([lower, upper)) and type; paged by backup ARN.
 */
export const handler: OperationHandler = async (ctx, input) => {
  const errors = new ConstraintErrors();
  errors.range(input.Limit, 'limit', 1, MAX_LIMIT);
  errors.oneOf(input.BackupType, 'backupType', BACKUP_TYPES);
  errors.arn(input.ExclusiveStartBackupArn, 'exclusiveStartBackupArn');
  errors.throwIfAny();
  const type = (input.BackupType as string | undefined) ?? 'USER';
  const lower = timestampMs(input.TimeRangeLowerBound);
  const upper = timestampMs(input.TimeRangeUpperBound);
  // Live DynamoDB, October 2026 (ack-api-quirks catalogue, DDB-TABLE-442).
  if (lower !== undefined && upper !== undefined && lower > upper) {
    throw DynamoError.validation('One or more parameter values were invalid: Time range lower bound must be less than or equal to upper bound');
  }
  const table = input.TableName as string | undefined;
  let all = (await listBackupRecords(ctx.services.engine, ctx.namespace)).filter(
    (r) =>
      (type === 'ALL' || r.type === type) &&
      (table === undefined || r.source.name === table) &&
      (lower === undefined || r.createdAt >= lower) &&
      (upper === undefined || r.createdAt < upper),
  );
  const startArn = input.ExclusiveStartBackupArn as string | undefined;
  if (startArn !== undefined) all = afterCursor(all, startArn, ctx.region);
  const limit = typeof input.Limit === 'number' ? input.Limit : MAX_LIMIT;
  const page = all.slice(0, limit);
  const out: Record<string, unknown> = { BackupSummaries: page.map(backupSummary) };
  const last = page[page.length - 1];
  if (last && all.length > page.length) out.LastEvaluatedBackupArn = last.arn;
  return out;
};

/**
 * ExclusiveStartBackupArn is a pure cursor: the ARN of a deleted or never-existing backup resumes
 * after its position (its id starts with the creation time in ms); an ARN of another region is
 * refused. Live DynamoDB, October 2026 (ack-api-quirks DDB-BACKUP-012, DDB-BACKUP-014).
 */
function afterCursor(all: BackupRecord[], startArn: string, region: string): BackupRecord[] {
  const parts = startArn.split(':');
  if (parts.length >= 6 && parts[0] === 'arn' && parts[3] !== region) {
    throw DynamoError.validation('Invalid Request: The supplied ExclusiveStartBackupArn does not match the region');
  }
  const at = all.findIndex((r) => r.arn === startArn);
  if (at >= 0) return all.slice(at + 1);
  const m = /\/backup\/(\d{14})-[0-9a-f]{8}$/.exec(startArn);
  if (!m) return all;
  const t0 = Number(m[1]);
  return all.filter((r) => r.createdAt > t0 || (r.createdAt === t0 && r.arn > startArn));
}
