import type { OperationHandler } from '../../server/context.js';
import { describeTable, loadTableStats } from '../tables/describe.js';
import { manager } from '../tables/manager.js';

/** DescribeTable: "Requested resource not found: Table: <name> not found" when absent. */
export const handler: OperationHandler = async (ctx, input) => {
  const def = await manager(ctx).require(ctx, input.TableName as string);
  const stats = await loadTableStats(ctx.services.engine, def);
  return { Table: describeTable(def, stats, { now: ctx.services.clock.now() }) };
};
