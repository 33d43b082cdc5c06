import type { OperationHandler } from '../../server/context.js';
import { loadBackup } from '../backups/backup-store.js';
import { backupDescription } from '../backups/describe-backup-shapes.js';
import { storedBackupArn } from '../backups/validate.js';

/** DescribeBackup: BackupNotFoundException "Backup not found: <arn>" when absent. */
export const handler: OperationHandler = async (ctx, input) => {
  const arn = input.BackupArn as string;
  const rec = await loadBackup(ctx.services.engine, ctx.namespace, storedBackupArn(ctx, arn));
  // The ARN is echoed as given (its region may differ from the request's: DDB-BACKUP-012).
  return { BackupDescription: backupDescription({ ...rec, arn }) };
};
