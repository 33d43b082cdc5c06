import type { OperationHandler } from '../../server/context.js';
import { restoreSummary } from '../backups/describe-backup-shapes.js';
import { describeTable, loadTableStats } from '../tables/describe.js';
import { manager } from '../tables/manager.js';
import { checkTableArnOwner } from '../tables/resource-arn.js';

/** DescribeTable: "Requested resource not found: Table: <name> not found" when absent. */
export const handler: OperationHandler = async (ctx, input) => {
  checkTableArnOwner(ctx, input.TableName as string);
  const def = await manager(ctx).require(ctx, input.TableName as string);
  const stats = await loadTableStats(ctx.services.engine, def);
  const table = describeTable(def, stats, { now: ctx.services.clock.now() });
  // A restore target shows its RestoreSummary only while it is CREATING; from ACTIVE on nothing
  // marks it as restored (live DynamoDB, October 2026: ack-api-quirks DDB-TABLE-216).
  if (def.status === 'CREATING' && def.restore) table.RestoreSummary = restoreSummary(def, true);
  return { Table: table };
};
