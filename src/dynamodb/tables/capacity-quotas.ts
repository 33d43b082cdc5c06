import { DynamoError } from '../../protocol/errors.js';
import { TABLE_MAX_CAPACITY_UNITS } from '../operations/describe-limits.js';
import type { IndexInput, OnDemandInput, ThroughputInput } from './create-validate.js';
import type { UpdateTableInput } from './update-validate.js';

/**
 * The account's per-table and per-index capacity quotas (40000 read and write units, as
 * DescribeLimits reports), checked once the request is otherwise valid. Texts of live DynamoDB,
 * October 2026 (ack-api-quirks DDB-TABLE-154, DDB-TABLE-170, DDB-TABLE-393); the per-index
 * provisioned text's end is completed like the per-table one's, whose whole text is recorded.
 */
const REFER = 'Refer to the Amazon DynamoDB Developer Guide for current limits and how to request higher limits.';

function checkProvisioned(pt: ThroughputInput | undefined, region: string, index?: string): void {
  if (!pt) return;
  for (const unit of ['ReadCapacityUnits', 'WriteCapacityUnits'] as const) {
    const n = pt[unit];
    if (typeof n !== 'number' || n <= TABLE_MAX_CAPACITY_UNITS) continue;
    const what = index === undefined ? `${unit}, ${n}, is above the per table maximum` : `${unit} for index ${index}, ${n}, is above the per index maximum`;
    // The index text, too, says "Per table maximum" (DDB-TABLE-170).
    throw DynamoError.limitExceeded(`The requested ${what} for the account in ${region}. Per table maximum: ${TABLE_MAX_CAPACITY_UNITS}. ${REFER}`);
  }
}

function checkOnDemand(od: OnDemandInput | undefined, region: string, index?: string): void {
  if (!od) return;
  for (const [member, quota] of [
    ['MaxReadRequestUnits', 'TableMaxReadCapacityUnits'],
    ['MaxWriteRequestUnits', 'TableMaxWriteCapacityUnits'],
  ] as const) {
    const n = od[member];
    if (typeof n !== 'number' || n <= TABLE_MAX_CAPACITY_UNITS) continue;
    const of = index === undefined ? 'table' : `index : ${index}`;
    throw DynamoError.limitExceeded(`Subscriber limit exceeded: Requested ${member} for OnDemandThroughput for ${of} exceeds ${quota} of the account in region ${region}`);
  }
}

export function checkCreateQuotas(
  input: { ProvisionedThroughput?: ThroughputInput; OnDemandThroughput?: OnDemandInput; GlobalSecondaryIndexes?: IndexInput[] },
  region: string,
): void {
  checkProvisioned(input.ProvisionedThroughput, region);
  checkOnDemand(input.OnDemandThroughput, region);
  for (const gsi of input.GlobalSecondaryIndexes ?? []) {
    checkProvisioned(gsi.ProvisionedThroughput, region, gsi.IndexName);
    checkOnDemand(gsi.OnDemandThroughput, region, gsi.IndexName);
  }
}

export function checkUpdateQuotas(input: UpdateTableInput, region: string): void {
  checkProvisioned(input.ProvisionedThroughput, region);
  checkOnDemand(input.OnDemandThroughput, region);
  for (const u of input.GlobalSecondaryIndexUpdates ?? []) {
    const action = (u.Update ?? u.Create) as { IndexName: string; ProvisionedThroughput?: ThroughputInput; OnDemandThroughput?: OnDemandInput } | undefined;
    if (!action) continue;
    checkProvisioned(action.ProvisionedThroughput, region, action.IndexName);
    checkOnDemand(action.OnDemandThroughput, region, action.IndexName);
  }
}
