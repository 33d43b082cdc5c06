import type { OperationHandler } from '../../server/context.js';
import { buildTableDef } from '../tables/build.js';
import { checkCreateQuotas } from '../tables/capacity-quotas.js';
import type { TableManager } from '../tables/catalog.js';
import { validateCreateTable, type CreateTableInput } from '../tables/create-validate.js';
import { describeTable } from '../tables/describe.js';
import { manager } from '../tables/manager.js';

/** CreateTable: validate, store atomically in CREATING, become ACTIVE after the status delay. */
export const handler: OperationHandler = async (ctx, raw) => {
  const input = raw as unknown as CreateTableInput;
  validateCreateTable(input);
  checkCreateQuotas(input, ctx.region);
  const tables: TableManager = manager(ctx);
  const def = buildTableDef(ctx, input, ctx.services.clock.now(), tables.statusDelayMs);
  const stored = await tables.create(def);
  // The response always shows CREATING, even with a zero delay (as DynamoDB's). It carries
  // WarmThroughput only when the request set it, and BillingModeSummary without its timestamp;
  // DescribeTable adds both (live DynamoDB, October 2026: ack-api-quirks DDB-TABLE-033).
  const description = describeTable(stored, undefined, { status: 'CREATING' });
  if (input.WarmThroughput === undefined || input.WarmThroughput === null) delete description.WarmThroughput;
  // Nor do its indexes (DDB-TABLE-134, DDB-TABLE-138).
  for (const gsi of (description.GlobalSecondaryIndexes ?? []) as Record<string, unknown>[]) delete gsi.WarmThroughput;
  if (stored.billingMode === 'PAY_PER_REQUEST') description.BillingModeSummary = { BillingMode: stored.billingMode };
  return { TableDescription: description };
};
