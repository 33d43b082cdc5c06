import { DynamoError } from '../../protocol/errors.js';
import type { OperationHandler } from '../../server/context.js';
import { describeTable, loadTableStats } from '../tables/describe.js';
import { manager } from '../tables/manager.js';
import { applyUpdate } from '../tables/update-apply.js';
import { validateUpdateInput, type UpdateTableInput } from '../tables/update-validate.js';

/** UpdateTable: billing mode, throughput, streams, SSE, table class, deletion protection, warm throughput. */
export const handler: OperationHandler = async (ctx, raw) => {
  const input = raw as unknown as UpdateTableInput;
  if (touchesRegion(input.ReplicaUpdates, ctx.region)) throw DynamoError.validation(LOCAL_REPLICA_MESSAGE);
  validateUpdateInput(input);
  const tables = manager(ctx);
  let shown = 'ACTIVE';
  const { after } = await tables.mutate(ctx, input.TableName, (def, now) => {
    shown = applyUpdate(def, input, now, tables.statusDelayMs);
    return def;
  });
  const stats = await loadTableStats(ctx.services.engine, after);
  return { TableDescription: describeTable(after, stats, { status: shown, now: ctx.services.clock.now() }) };
};

/** DynamoDB's answer to a ReplicaUpdates Create or Delete naming the region the request went to. */
const LOCAL_REPLICA_MESSAGE =
  'Cannot add or delete the local region through ReplicaUpdates. Use CreateTable, DeleteTable, or UpdateTable as required.';

function touchesRegion(updates: unknown[] | undefined, region: string): boolean {
  return (updates ?? []).some((u) => {
    if (u === null || typeof u !== 'object') return false;
    const { Create, Delete } = u as { Create?: { RegionName?: unknown }; Delete?: { RegionName?: unknown } };
    return Create?.RegionName === region || Delete?.RegionName === region;
  });
}
