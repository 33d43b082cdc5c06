import { DynamoError } from '../../protocol/errors.js';
import type { OperationHandler } from '../../server/context.js';
import { restorableWindow, rowsAt } from '../backups/pitr.js';
import { checkOverrideShapes, restoreInto, type RestoreOverrides } from '../backups/restore.js';
import { ConstraintErrors, isoSeconds, tableNotFound, timestampMs } from '../backups/validate.js';
import { parseTableArn } from '../tables/arn.js';
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
  // Texts and order of live DynamoDB, October 2026 (ack-api-quirks DDB-TABLE-100, DDB-TABLE-272):
  // the time flags first, then the source, then PITR, then the time, then the target.
  const requested = timestampMs(input.RestoreDateTime);
  if (input.UseLatestRestorableTime === true && requested !== undefined) {
    // The recorded text is cut after "Pleas"; the rest is unverified.
    throw DynamoError.validation(
      'Invalid Request: Both RestoreDateTime and UseLatestRestorableTime cannot be set for point-in-time restore request. Please specify either RestoreDateTime time or UseLatestRestorableTime',
    );
  }
  if (input.UseLatestRestorableTime !== true && requested === undefined) {
    throw DynamoError.validation('Invalid Request: Either one of RestoreDateTime or UseLatestRestorableTime must be specified, but not both');
  }
  if (input.SourceTableName !== undefined && input.SourceTableArn !== undefined) {
    throw DynamoError.validation('Must provide exactly one of: sourceTableArn, sourceTableName');
  }
  if (input.SourceTableName === undefined && input.SourceTableArn === undefined) {
    throw DynamoError.validation("The parameter 'TableName' is required but was not present in the request");
  }
  if (input.SourceTableArn !== undefined) {
    const ref = parseTableArn(input.SourceTableArn);
    if (!ref || ref.index !== undefined || ref.stream !== undefined) throw DynamoError.validation('sourceTableArn is not a valid ARN');
    if (ref.account !== ctx.account) {
      throw DynamoError.validation('This action is only supported by accounts that match the resource owner\u2019s account.');
    }
  }
  const tables = manager(ctx);
  const sourceRef = input.SourceTableArn ?? input.SourceTableName ?? '';
  const source = await tables.find(ctx, sourceRef);
  if (!source || source.status === 'DELETING') {
    // A source named by ARN is not found without a name (ack-api-quirks DDB-TABLE-447).
    if (input.SourceTableArn !== undefined) throw DynamoError.service('TableNotFoundException', 'Table not found');
    throw tableNotFound(tables.displayName(sourceRef));
  }
  const pitr = source.history?.pitr;
  if (!pitr?.base) {
    throw DynamoError.service('PointInTimeRecoveryUnavailableException', `Point in time recovery is not enabled for table '${source.name}'`);
  }
  const now = ctx.services.clock.now();
  const { earliest, latest } = restorableWindow(pitr, now);
  const at = input.UseLatestRestorableTime === true || requested === undefined ? latest : requested;
  if (at < earliest || at > latest) {
    // Recorded up to "and LatestRestor" (DDB-TABLE-100); the end is completed by analogy.
    throw DynamoError.service(
      'InvalidRestoreTimeException',
      `RestoreDateTime '${isoSeconds(at)}' must be within EarliestRestorableDateTime '${isoSeconds(earliest)}' and LatestRestorableDateTime '${isoSeconds(latest)}'`,
    );
  }
  return restoreInto(ctx, source, input, { sourceTableArn: source.arn, restoreDateTime: at }, () =>
    rowsAt(ctx.services.engine, source, at),
  );
};
