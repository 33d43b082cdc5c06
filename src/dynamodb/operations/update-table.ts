import type { OperationHandler } from '../../server/context.js';
import { describeTable, loadTableStats } from '../tables/describe.js';
import { manager } from '../tables/manager.js';
import { applyUpdate } from '../tables/update-apply.js';
import { validateUpdateInput, type UpdateTableInput } from '../tables/update-validate.js';

/** UpdateTable: billing mode, throughput, streams, SSE, table class, deletion protection, warm throughput. */
export const handler: OperationHandler = async (ctx, raw) => {
  const input = raw as unknown as UpdateTableInput;
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
