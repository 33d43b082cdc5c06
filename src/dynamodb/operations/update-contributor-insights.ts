import type { OperationHandler } from '../../server/context.js';
import { checkUpdatable, parseUpdate, resolveTarget, updateReply } from '../insights/insights-request.js';
import { applyChange, entryOf, MIN_TRANSITION_MS, rulesInUse, settled, storeEntry } from '../insights/insights-state.js';
import { manager } from '../tables/manager.js';
import { checkTableArnOwner } from '../tables/resource-arn.js';
import type { InsightsEntryDef } from '../tables/table-types.js';

/**
 * UpdateContributorInsights: ENABLE / DISABLE for the table or one GSI. The reply says ENABLING /
 * DISABLING at once; the status settles on the server clock (no CloudWatch rules are made).
 */
export const handler: OperationHandler = async (ctx, input) => {
  const { action, mode } = parseUpdate(input);
  const tables = manager(ctx);
  const name = input.TableName as string;
  checkTableArnOwner(ctx, name);
  const found = resolveTarget(await tables.find(ctx, name), tables.displayName(name), input.IndexName);
  checkUpdatable(found.target);
  // The rule quota counts every table of the caller's account and region (read before the change).
  const rulesElsewhere =
    action === 'ENABLE'
      ? rulesInUse(await tables.list(ctx), ctx.services.clock.now(), { table: found.def.name, index: found.target.index?.name })
      : 0;
  const delayMs = Math.max(MIN_TRANSITION_MS, tables.statusDelayMs);
  let reply: Record<string, unknown> = {};
  await tables.mutate(ctx, name, (def, now) => {
    const { target } = resolveTarget(def, def.name, input.IndexName);
    checkUpdatable(target);
    const current = settled(entryOf(def, target), now);
    const next = applyChange(def, target, current, { action, ...(mode ? { mode } : {}), now, delayMs, rulesElsewhere });
    const shown: InsightsEntryDef | undefined = next ?? current;
    if (next) storeEntry(def, target, next);
    reply = updateReply(def, target, shown);
    return def;
  });
  return reply;
};
