import { DynamoError } from '../../protocol/errors.js';
import type { OperationHandler } from '../../server/context.js';
import { checkUpdateQuotas } from '../tables/capacity-quotas.js';
import { describeTable, loadTableStats } from '../tables/describe.js';
import { manager } from '../tables/manager.js';
import type { TableDef } from '../tables/table-types.js';
import { applyUpdate } from '../tables/update-apply.js';
import { validateUpdateInput, type UpdateTableInput } from '../tables/update-validate.js';
import { checkWarmShapes } from '../tables/warm-shape.js';
import { resolveThroughputMode } from '../tables/throughput-mode.js';
import { checkVectorShapes } from '../vectors/vector-shape.js';
import { updateVectorIndexes, vectorIndexUpdatesAlone, type VectorDefinitions } from '../vectors/update-vector-indexes.js';

/** UpdateTable: billing mode, throughput, streams, SSE, table class, deletion protection, warm throughput. */
export const handler: OperationHandler = async (ctx, raw) => {
  checkWarmShapes(raw);
  checkVectorShapes(raw);
  resolveThroughputMode(raw);
  const input = raw as unknown as UpdateTableInput;
  if (touchesRegion(input.ReplicaUpdates, ctx.region)) throw DynamoError.validation(LOCAL_REPLICA_MESSAGE);
  const vectorUpdates = vectorIndexUpdatesAlone(raw);
  if (vectorUpdates) return updateVectorIndexes(ctx, input.TableName, vectorUpdates, raw.AttributeDefinitions as VectorDefinitions);
  validateUpdateInput(input);
  const tables = manager(ctx);
  let shown = 'ACTIVE';
  let disabledSse: TableDef['sse'];
  let switched = false;
  const { after } = await tables.mutate(ctx, input.TableName, (def, now) => {
    const sseBefore = def.sse;
    const billingBefore = def.billingMode;
    checkUpdateQuotas(input, ctx.region);
    shown = applyUpdate(def, input, now, tables.statusDelayMs);
    disabledSse = sseBefore?.enabled && !def.sse ? sseBefore : undefined;
    switched = def.billingMode !== billingBefore;
    return def;
  });
  const stats = await loadTableStats(ctx.services.engine, after);
  const description = describeTable(after, stats, { status: shown, now: ctx.services.clock.now() });
  // The answer to a billing-mode switch names the new mode only; DescribeTable adds the timestamp
  // (live DynamoDB, October 2026: ack-api-quirks DDB-TABLE-060).
  if (switched) {
    description.BillingModeSummary = { BillingMode: after.billingMode };
    description.TableThroughputModeSummary = { TableThroughputMode: after.billingMode };
  }
  // The answer to a table throughput change still shows the old units and count, but already the
  // new increase/decrease time (live DynamoDB, October 2026: ack-api-quirks DDB-TABLE-060,
  // DDB-TABLE-184); DescribeTable stamps the change when it completes.
  const next = input.ProvisionedThroughput && !switched ? after.updating?.provisioned : undefined;
  const shownPt = description.ProvisionedThroughput as Record<string, unknown> | undefined;
  if (next && shownPt) {
    const at = ctx.services.clock.now() / 1000;
    const old = after.provisioned;
    const { LastIncreaseDateTime, LastDecreaseDateTime, ...rest } = shownPt;
    description.ProvisionedThroughput = {
      ...(next.read > old.read || next.write > old.write ? { LastIncreaseDateTime: at } : LastIncreaseDateTime !== undefined ? { LastIncreaseDateTime } : {}),
      ...(next.read < old.read || next.write < old.write ? { LastDecreaseDateTime: at } : LastDecreaseDateTime !== undefined ? { LastDecreaseDateTime } : {}),
      ...rest,
    };
  }
  // The answer echoes the limits this request cleared as -1 (DDB-TABLE-182); DescribeTable omits them.
  const od = input.OnDemandThroughput;
  if (od && (od.MaxReadRequestUnits === -1 || od.MaxWriteRequestUnits === -1)) {
    const shown = (description.OnDemandThroughput ?? {}) as Record<string, number>;
    const echo: Record<string, number> = {};
    const read = od.MaxReadRequestUnits === -1 ? -1 : shown.MaxReadRequestUnits;
    const write = od.MaxWriteRequestUnits === -1 ? -1 : shown.MaxWriteRequestUnits;
    if (read !== undefined) echo.MaxReadRequestUnits = read;
    if (write !== undefined) echo.MaxWriteRequestUnits = write;
    description.OnDemandThroughput = echo;
  }
  // Eddy drops the KMS key at once, but DynamoDB's answer to the request that turns SSE off still
  // describes the old key, as UPDATING (LocalStack's AWS-validated
  // test_dynamodb_create_table_with_partial_sse_specification snapshot).
  if (disabledSse) {
    const sse: Record<string, unknown> = { Status: 'UPDATING', SSEType: disabledSse.type ?? 'KMS' };
    if (disabledSse.kmsKeyArn) sse.KMSMasterKeyArn = disabledSse.kmsKeyArn;
    description.SSEDescription = sse;
  }
  return { TableDescription: description };
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
