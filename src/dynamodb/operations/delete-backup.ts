import { DynamoError } from '../../protocol/errors.js';
import type { OperationHandler } from '../../server/context.js';
import { updateBackup } from '../backups/backup-store.js';
import { backupDescription } from '../backups/describe-backup-shapes.js';
import { ConstraintErrors } from '../backups/validate.js';

/** DeleteBackup: refuses backups still being created or being restored (BackupInUseException). */
export const handler: OperationHandler = async (ctx, input) => {
  const errors = new ConstraintErrors();
  errors.arn(input.BackupArn, 'backupArn');
  errors.throwIfAny();
  const arn = input.BackupArn as string;
  const { before } = await updateBackup(ctx.services.engine, ctx.namespace, arn, (rec) => {
    if (rec.status === 'CREATING' || Object.keys(rec.restoring ?? {}).length > 0) {
      // Unverified wording (the exception is documented, its message is not recorded anywhere we found).
      throw DynamoError.service('BackupInUseException', `Backup is in use: ${arn}`);
    }
    return undefined;
  });
  await ctx.services.engine.dropSpace(before.space);
  return { BackupDescription: backupDescription(before, 'DELETED') };
};
