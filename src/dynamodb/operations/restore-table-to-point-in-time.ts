import { DynamoError } from '../../protocol/errors.js';
import type { OperationHandler } from '../../server/context.js';
import { restorableWindow, rowsAt } from '../backups/pitr.js';
import { checkOverrideShapes, restoreInto, type RestoreOverrides } from '../backups/restore.js';
import { ConstraintErrors, timestampMs } from '../backups/validate.js';
import { manager } from '../tables/manager.js';

type Input = RestoreOverrides & {
  SourceTableName?: string;
  SourceTableArn?: string;
  RestoreDateTime?: unknown;
  UseLatestRestorableTime?: boolean;
};

/**
 * RestoreTableToPointInTime: a new table holding the source as of RestoreDateTime (or the latest
 * restorable time): the PITR base overlaid with the history records up to that time.
 */
export const handler: OperationHandler = async (ctx, raw) => {
  const input = raw as unknown as Input;
  const errors = new ConstraintErrors();
  checkOverrideShapes(input, errors);
  errors.name(input.SourceTableName, 'sourceTableName');
  errors.throwIfAny();
  // Unverified wordings for the source / time combinations.
  if (input.SourceTableName === undefined && input.SourceTableArn === undefined) {
    throw DynamoError.validation('Either SourceTableArn or SourceTableName must be specified');
  }
  if (input.SourceTableName !== undefined && input.SourceTableArn !== undefined) {
    throw DynamoError.validation('Only one of SourceTableArn or SourceTableName can be specified');
  }
  const requested = timestampMs(input.RestoreDateTime);
  if (input.UseLatestRestorableTime === true && requested !== undefined) {
    throw DynamoError.validation('Only one of RestoreDateTime or UseLatestRestorableTime can be specified');
  }
  if (input.UseLatestRestorableTime !== true && requested === undefined) {
    throw DynamoError.validation('Either RestoreDateTime or UseLatestRestorableTime must be specified');
  }
  const tables = manager(ctx);
  const sourceRef = input.SourceTableArn ?? input.SourceTableName ?? '';
  const source = await tables.find(ctx, sourceRef);
  if (!source || source.status === 'DELETING') {
    throw DynamoError.service('SourceTableNotFoundException', `Source table not found: ${tables.displayName(sourceRef)}`);
  }
  const pitr = source.history?.pitr;
  if (!pitr?.base) {
    throw DynamoError.service('PointInTimeRecoveryUnavailableException', `Point in time recovery is not enabled for table '${source.name}'`);
  }
  const now = ctx.services.clock.now();
  const { earliest, latest } = restorableWindow(pitr, now);
  const at = input.UseLatestRestorableTime === true || requested === undefined ? latest : requested;
  if (at < earliest || at > latest) {
    throw DynamoError.service(
      'InvalidRestoreTimeException',
      'RestoreDateTime must be between EarliestRestorableDateTime and LatestRestorableDateTime',
    );
  }
  return restoreInto(ctx, source, input, { sourceTableArn: source.arn, restoreDateTime: at }, () =>
    rowsAt(ctx.services.engine, source, at),
  );
};
