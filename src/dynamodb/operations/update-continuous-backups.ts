import { DynamoError } from '../../protocol/errors.js';
import type { OperationHandler } from '../../server/context.js';
import { updateTable } from '../backups/capture.js';
import { continuousBackupsDescription, DEFAULT_RECOVERY_PERIOD_DAYS, disablePitr, enablePitr } from '../backups/pitr.js';
import { backupsBeingEnabled, ConstraintErrors, tableNotFound } from '../backups/validate.js';
import { manager } from '../tables/manager.js';

interface PitrSpecification {
  PointInTimeRecoveryEnabled: boolean;
  RecoveryPeriodInDays?: number;
}

/**
 * UpdateContinuousBackups: enables PITR (a consistent base snapshot is taken before the response),
 * changes its recovery period, or disables it (dropping its history).
 */
export const handler: OperationHandler = async (ctx, input) => {
  const spec = input.PointInTimeRecoverySpecification as PitrSpecification;
  const errors = new ConstraintErrors();
  errors.range(spec.RecoveryPeriodInDays, 'pointInTimeRecoverySpecification.recoveryPeriodInDays', 1, 35);
  errors.throwIfAny();
  // Live DynamoDB, October 2026 (ack-api-quirks catalogue, DDB-TABLE-442).
  if (!spec.PointInTimeRecoveryEnabled && spec.RecoveryPeriodInDays !== undefined && spec.RecoveryPeriodInDays !== null) {
    throw DynamoError.validation('Invalid Request: Cannot specify RecoveryPeriodInDays when disabling point-in-time recovery.');
  }
  const { engine, clock } = ctx.services;
  const tables = manager(ctx);
  const name = input.TableName as string;
  const table = await tables.find(ctx, name);
  if (!table || table.status === 'DELETING') throw tableNotFound(tables.displayName(name));
  // A restore target is unknown to the backup APIs until it is ACTIVE (DDB-TABLE-217).
  if (table.status === 'CREATING' && table.restore) throw tableNotFound(table.name);
  if (table.status === 'CREATING') throw backupsBeingEnabled(table.name);
  const ref = { namespace: table.namespace, name: table.name };
  const notFound = () => tableNotFound(table.name);
  const now = clock.now();
  let def = table;
  const current = table.history?.pitr;
  if (spec.PointInTimeRecoveryEnabled) {
    const period = spec.RecoveryPeriodInDays ?? current?.recoveryPeriodDays ?? DEFAULT_RECOVERY_PERIOD_DAYS;
    if (!current) def = await enablePitr(engine, ref, now, period, notFound);
    else if (current.recoveryPeriodDays !== period) {
      def = (await updateTable(engine, ref, now, (d) => {
        const p = d.history?.pitr;
        if (p) p.recoveryPeriodDays = period;
        return d;
      }, notFound)).after;
    }
  } else if (current) {
    def = await disablePitr(engine, ref, now, notFound);
  }
  return { ContinuousBackupsDescription: continuousBackupsDescription(def, clock.now()) };
};
