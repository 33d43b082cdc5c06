import { DynamoError } from '../../protocol/errors.js';
import type { OperationHandler } from '../../server/context.js';
import { createBackup } from '../backups/create.js';
import { describeTable, loadTableStats } from '../tables/describe.js';
import { manager } from '../tables/manager.js';
import { pendingPolicyUpdate } from '../policies/policy-slot.js';
import type { TableDef } from '../tables/table-types.js';
import { vectorIndexWorkInProgress } from '../vectors/vector-phase.js';

const IN_USE = 'Attempt to change a resource which is still in use: ';

/** Why a table cannot be deleted right now (ResourceInUseException texts recorded from DynamoDB). */
function refuseDelete(def: TableDef, now: number): void {
  if (def.status === 'CREATING') throw DynamoError.resourceInUse(`${IN_USE}Table is being created: ${def.name}`);
  if (def.status === 'DELETING') throw DynamoError.resourceInUse(`${IN_USE}Table is being deleted: ${def.name}`);
  if (def.status === 'UPDATING' && def.updating?.kind === 'stream') {
    // Recorded from DynamoDB (ack-api-quirks DDB-TABLE-002/119, 2026).
    throw DynamoError.resourceInUse(`${IN_USE}Cannot delete table while stream is being enabled/disabled.`);
  }
  // Index work names itself even while it holds the table in UPDATING (a GSI being deleted or
  // allocated): live DynamoDB, October 2026 (ack-api-quirks DDB-TABLE-150, DDB-TABLE-376). So does a
  // vector index UpdateTable is adding, while the table is ACTIVE again during its backfill
  // (conformance suite vectorSearch/updateLifecycle, eu-west-2, 2026-08-21).
  if (def.gsis.some((g) => g.status !== 'ACTIVE') || vectorIndexWorkInProgress(def, now)) {
    throw DynamoError.resourceInUse(`${IN_USE}Cannot delete table while indexes are being created, updated, or deleted.`);
  }
  if (def.status === 'UPDATING') {
    throw DynamoError.resourceInUse(`${IN_USE}Table: ${def.name} is in the process of being updated.`);
  }
  // While a resource-based policy change still applies, though the table is ACTIVE (live DynamoDB,
  // October 2026: ack-api-quirks DDB-TABLE-348; its place before deletion protection is our reading).
  const pending = pendingPolicyUpdate(def, now);
  if (pending) throw pending;
  if (def.deletionProtection) {
    throw DynamoError.validation(
      'Resource cannot be deleted as it is currently protected against deletion. Disable deletion protection first.',
    );
  }
}

/** DeleteTable: DELETING now, gone (and its storage dropped) after the status delay. */
export const handler: OperationHandler = async (ctx, input) => {
  const tables = manager(ctx);
  const name = input.TableName as string;
  const current = await tables.require(ctx, name);
  refuseDelete(current, ctx.services.clock.now());
  // A table with point-in-time recovery on leaves a SYSTEM backup '<table>$DeletedTableBackup',
  // kept 35 days (live DynamoDB, October 2026: ack-api-quirks DDB-TABLE-167).
  if (current.history?.pitr) await createBackup(ctx, name, `${current.name}$DeletedTableBackup`, true);
  const stats = await loadTableStats(ctx.services.engine, current);
  const { after } = await tables.mutate(ctx, name, (def, now) => {
    refuseDelete(def, now);
    def.status = 'DELETING';
    def.pendingUntil = now + tables.statusDelayMs;
    if (def.stream) {
      // The table's stream is disabled with the table; its records stay readable until they expire.
      def.previousStreams = [...(def.previousStreams ?? []), { ...def.stream, enabled: false }];
      delete def.stream;
    }
    return def;
  });
  const description = describeTable(after, stats, { forDelete: true, now: ctx.services.clock.now() });
  // Nor does the answer describe the warm throughput (live DynamoDB, October 2026: ack-api-quirks DDB-TABLE-363).
  delete description.WarmThroughput;
  return { TableDescription: description };
};
