import type { OperationHandler } from '../../server/context.js';
import { buildTableDef } from '../tables/build.js';
import { checkCreateQuotas } from '../tables/capacity-quotas.js';
import type { TableManager } from '../tables/catalog.js';
import { validateCreateTable, type CreateTableInput } from '../tables/create-validate.js';
import { checkWarmShapes } from '../tables/warm-shape.js';
import { resolveThroughputMode } from '../tables/throughput-mode.js';
import { checkVectorShapes } from '../vectors/vector-shape.js';
import { describeTable } from '../tables/describe.js';
import { manager } from '../tables/manager.js';
import { parsePolicy } from '../policies/policy-document.js';
import { createTimePolicy } from '../policies/policy-slot.js';

/** CreateTable: validate, store atomically in CREATING, become ACTIVE after the status delay. */
export const handler: OperationHandler = async (ctx, raw) => {
  checkWarmShapes(raw);
  checkVectorShapes(raw);
  resolveThroughputMode(raw);
  const input = raw as unknown as CreateTableInput;
  validateCreateTable(input);
  checkCreateQuotas(input, ctx.region);
  // ResourcePolicy is checked as PutResourcePolicy checks it; the policy is readable with the
  // creation instant as its RevisionId and is not shown by Create/DescribeTable (DDB-TABLE-233).
  const policy = typeof raw.ResourcePolicy === 'string' ? parsePolicy(raw.ResourcePolicy) : undefined;
  const tables: TableManager = manager(ctx);
  const now = ctx.services.clock.now();
  const def = buildTableDef(ctx, input, now, tables.statusDelayMs);
  if (policy) def.resourcePolicy = createTimePolicy(policy, now);
  const stored = await tables.create(def);
  // The response always shows CREATING, even with a zero delay (as DynamoDB's). It carries
  // WarmThroughput only when the request set it, and BillingModeSummary without its timestamp;
  // DescribeTable adds both (live DynamoDB, October 2026: ack-api-quirks DDB-TABLE-033).
  const description = describeTable(stored, undefined, { status: 'CREATING' });
  if (input.WarmThroughput === undefined || input.WarmThroughput === null) delete description.WarmThroughput;
  // Nor do its indexes (DDB-TABLE-134, DDB-TABLE-138).
  for (const gsi of (description.GlobalSecondaryIndexes ?? []) as Record<string, unknown>[]) delete gsi.WarmThroughput;
  if (stored.billingMode === 'PAY_PER_REQUEST') {
    description.BillingModeSummary = { BillingMode: stored.billingMode };
    description.TableThroughputModeSummary = { TableThroughputMode: stored.billingMode };
  }
  return { TableDescription: description };
};
