import type { OperationHandler } from '../../server/context.js';
import { createBackup } from '../backups/create.js';
import { backupDetails } from '../backups/describe-backup-shapes.js';
import { ConstraintErrors } from '../backups/validate.js';

/**
 * CreateBackup. The copy completes before the response; the response still shows CREATING, as
 * DynamoDB's does (DescribeBackup shows AVAILABLE).
 */
export const handler: OperationHandler = async (ctx, input) => {
  const errors = new ConstraintErrors();
  errors.name(input.BackupName, 'backupName');
  errors.throwIfAny();
  const rec = await createBackup(ctx, input.TableName as string, input.BackupName as string);
  return { BackupDetails: backupDetails(rec, 'CREATING') };
};
