import type { OperationHandler } from '../../server/context.js';
import { describeReply, resolveTarget } from '../insights/insights-request.js';
import { manager } from '../tables/manager.js';
import { checkTableArnOwner } from '../tables/resource-arn.js';

/** DescribeContributorInsights: the table's or one GSI's status, DISABLED until first enabled. */
export const handler: OperationHandler = async (ctx, input) => {
  const tables = manager(ctx);
  const name = input.TableName as string;
  checkTableArnOwner(ctx, name);
  const { def, target } = resolveTarget(await tables.find(ctx, name), tables.displayName(name), input.IndexName);
  return describeReply(def, target, ctx.services.clock.now());
};
