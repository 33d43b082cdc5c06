import { DynamoError } from '../../protocol/errors.js';
import type { OperationHandler } from '../../server/context.js';
import { loadBackup, updateBackup, type BackupRecord } from '../backups/backup-store.js';
import { checkOverrideShapes, restoreInto, spaceRows, type RestoreOverrides } from '../backups/restore.js';
import { ConstraintErrors, storedBackupArn } from '../backups/validate.js';

/**
 * RestoreTableFromBackup: a new table with the backup's items, key schema and indexes (or the
 * overrides). The backup is marked as being restored so DeleteBackup refuses it meanwhile.
 */
export const handler: OperationHandler = async (ctx, input) => {
  const o = input as unknown as RestoreOverrides & { BackupArn: string };
  const errors = new ConstraintErrors();
  checkOverrideShapes(o, errors);
  errors.throwIfAny();
  const { engine, clock } = ctx.services;
  const rec = await loadBackup(engine, ctx.namespace, storedBackupArn(ctx, o.BackupArn));
  // A BackupArn naming another region is a cross-region restore, which needs an explicit SSE
  // override (live DynamoDB, October 2026: ack-api-quirks DDB-TABLE-274).
  if (o.BackupArn.split(':')[3] !== ctx.region && o.SSESpecificationOverride === undefined) {
    throw DynamoError.validation('Invalid Request: sseSpecificationOverride must be provided for cross-region restores');
  }
  if (rec.status !== 'AVAILABLE') {
    // Unverified wording.
    throw DynamoError.service('BackupInUseException', `Backup is being created: ${rec.arn}`);
  }
  const target = o.TargetTableName;
  await updateBackup(engine, ctx.namespace, rec.arn, (r) => ({ ...r, restoring: { ...r.restoring, [target]: clock.now() } }));
  try {
    return await restoreInto(
      ctx,
      rec.source,
      o,
      { sourceBackupArn: rec.arn, sourceTableArn: rec.source.arn, restoreDateTime: rec.createdAt },
      () => spaceRows(engine, rec.space),
    );
  } finally {
    await updateBackup(engine, ctx.namespace, rec.arn, (r) => {
      const restoring = { ...r.restoring };
      delete restoring[target];
      const next: BackupRecord = { ...r, restoring };
      if (Object.keys(restoring).length === 0) delete next.restoring;
      return next;
    }).catch(() => undefined);
  }
};
