import { DynamoError } from '../../protocol/errors.js';
import type { OperationHandler } from '../../server/context.js';
import { updateBackup } from '../backups/backup-store.js';
import { backupDescription } from '../backups/describe-backup-shapes.js';
import { storedBackupArn } from '../backups/validate.js';

/** DeleteBackup: refuses backups still being created or being restored (BackupInUseException). */
export const handler: OperationHandler = async (ctx, input) => {
  const arn = input.BackupArn as string;
  const { before } = await updateBackup(ctx.services.engine, ctx.namespace, storedBackupArn(ctx, arn), (rec) => {
    if (rec.type === 'SYSTEM') {
      // Live DynamoDB, October 2026 (ack-api-quirks DDB-TABLE-167, DDB-TABLE-453); the form of the
      // expiry time is not recorded in full.
      const expires = new Date(rec.expiresAt ?? rec.createdAt).toISOString();
      throw DynamoError.validation(`Invalid Request: User is not allowed to delete the system backup with arn ${arn}. It will automatically expire on ${expires}`);
    }
    if (Object.keys(rec.restoring ?? {}).length > 0) {
      // Live DynamoDB, October 2026 (ack-api-quirks DDB-BACKUP-010).
      throw DynamoError.service('BackupInUseException', `Backup is being used to restore table: ${arn}`);
    }
    if (rec.status === 'CREATING') {
      // Unverified wording (a backup is CREATING for ~50 ms on DynamoDB; no answer is recorded).
      throw DynamoError.service('BackupInUseException', `Backup is in use: ${arn}`);
    }
    return undefined;
  });
  await ctx.services.engine.dropSpace(before.space);
  return { BackupDescription: backupDescription({ ...before, arn }, 'DELETED') };
};
