import type { OperationHandler } from '../../server/context.js';
import { loadBackup } from '../backups/backup-store.js';
import { backupDescription } from '../backups/describe-backup-shapes.js';
import { ConstraintErrors } from '../backups/validate.js';

/** DescribeBackup: BackupNotFoundException "Backup not found: <arn>" when absent. */
export const handler: OperationHandler = async (ctx, input) => {
  const errors = new ConstraintErrors();
  errors.arn(input.BackupArn, 'backupArn');
  errors.throwIfAny();
  const rec = await loadBackup(ctx.services.engine, ctx.namespace, input.BackupArn as string);
  return { BackupDescription: backupDescription(rec) };
};
