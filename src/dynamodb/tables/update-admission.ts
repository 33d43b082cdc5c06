import { DynamoError } from '../../protocol/errors.js';
import { validateOnDemand } from './create-validate.js';
import { refuseDuringIndexWork } from './gsi-updates.js';
import type { TableDef } from './table-types.js';
import { warmGiven, type UpdateTableInput } from './update-validate.js';

/**
 * Which UpdateTable requests a table admits while it is CREATING, DELETING or UPDATING, and the
 * ResourceInUseException texts of the others. Admission is per field and per running job (live
 * DynamoDB: ack-api-quirks DDB-TABLE-119, DDB-TABLE-286, DDB-TABLE-369, DDB-TABLE-450).
 */
const IN_USE = 'Attempt to change a resource which is still in use: ';

/** Refuses what the table's current work does not admit; 'dropped': accepted, but without effect. */
export function refuseWhileBusy(def: TableDef, input: UpdateTableInput): 'dropped' | undefined {
  const name = def.name;
  // The target of a restore is unknown to UpdateTable until it is ACTIVE (DDB-TABLE-217).
  if (def.status === 'CREATING' && def.restore) throw DynamoError.resourceNotFound(`Requested resource not found: Table: ${name} not found`);
  if (def.status === 'CREATING') throw DynamoError.resourceInUse(`${IN_USE}Table is being created: ${name}`);
  if (def.status === 'DELETING') throw DynamoError.resourceInUse(`${IN_USE}Table is being deleted: ${name}`);
  if (def.status !== 'UPDATING' || input.DeletionProtectionEnabled !== undefined) return;
  if (refuseDuringIndexWork(def, input)) return;
  const u = def.updating;
  const label = def.stream?.label ?? def.previousStreams?.[def.previousStreams.length - 1]?.label ?? '';
  const op = u?.streamOperation ?? 'ENABLE';
  if (u?.kind === 'tableClass') {
    // Recorded from DynamoDB (ack-api-quirks DDB-TABLE-286, 2026).
    const inProgress = `TableClassUpdateInProgress: ${u.tableClass ?? def.tableClass}`;
    // SSE and a WarmThroughput raise are admitted (DDB-TABLE-286, DDB-TABLE-450, October 2026).
    if (input.SSESpecification !== undefined || warmGiven(input.WarmThroughput)) return;
    if (input.StreamSpecification) {
      throw DynamoError.resourceInUse(`${IN_USE}Can't change stream status when a table class update is in progress. Table: ${name} ${inProgress}`);
    }
    if (input.OnDemandThroughput !== undefined) {
      throw DynamoError.resourceInUse(`${IN_USE}OnDemandThroughput cannot be updated while TableClass update is in progress. ${inProgress}`);
    }
  }
  if (u?.kind === 'billing') {
    const verdict = billingSwitchVerdict(def, input);
    if (verdict !== undefined) return verdict === 'dropped' ? 'dropped' : undefined;
  }
  if (input.StreamSpecification) {
    if (u?.kind === 'stream') {
      throw DynamoError.resourceInUse(
        `${IN_USE}A stream status change is currently in progress. Table: ${name} Stream: ${label} Operation: ${op}`,
      );
    }
    throw DynamoError.resourceInUse(`${IN_USE}Can't enable or disable stream while table IOPS are being updated. Table: ${name}`);
  }
  // While a stream toggle runs, SSE and WarmThroughput changes are admitted and a TableClass change
  // has its own text (ack-api-quirks DDB-TABLE-119, recorded from DynamoDB 2026; suffix unverified).
  if (u?.kind === 'stream' && (input.SSESpecification !== undefined || input.WarmThroughput !== undefined)) return;
  if (u?.kind === 'stream' && input.OnDemandThroughput !== undefined) {
    // Recorded prefix (ack-api-quirks DDB-TABLE-119, October 2026); any suffix after "in progress" unverified.
    throw DynamoError.resourceInUse(`${IN_USE}OnDemandThroughput cannot be updated while stream status update is in progress`);
  }
  if (u?.kind === 'stream' && input.TableClass !== undefined) {
    throw DynamoError.resourceInUse(
      `${IN_USE}Can't update table class when stream status is being updated. Table: ${name} Stream: ${label} Operation: ${op}`,
    );
  }
  if (u?.kind === 'stream') {
    throw DynamoError.resourceInUse(
      `${IN_USE}Can't change table IOPS when stream status is being updated. Table: ${name} Stream: ${label} Operation: ${op}`,
    );
  }
  if (u?.kind === 'tableClass') {
    throw DynamoError.resourceInUse(
      `${IN_USE}Can't update table class when a table class update is in progress. Table: ${name} TableClassUpdateInProgress: ${u.tableClass ?? def.tableClass}`,
    );
  }
  throw DynamoError.resourceInUse(`${IN_USE}Table IOPS are currently being updated. Table: ${name}`);
}

/**
 * While a billing-mode switch runs (live DynamoDB, October 2026: ack-api-quirks DDB-TABLE-369,
 * DDB-TABLE-450, DDB-TABLE-452): a WarmThroughput raise and an SSE change are admitted; OnDemandThroughput is first checked against
 * the mode the table is leaving, then refused; BillingMode=PAY_PER_REQUEST during a switch to
 * PROVISIONED is accepted and dropped (the table ends PROVISIONED).
 */
function billingSwitchVerdict(def: TableDef, input: UpdateTableInput): 'admitted' | 'dropped' | undefined {
  if (warmGiven(input.WarmThroughput) || input.SSESpecification !== undefined) return 'admitted';
  if (input.OnDemandThroughput !== undefined) {
    validateOnDemand(input.OnDemandThroughput, def.billingMode !== 'PAY_PER_REQUEST', 'table', true);
    throw DynamoError.resourceInUse(`${IN_USE}OnDemandThroughput cannot be updated while BillingMode update is in progress`);
  }
  const others = (Object.keys(input) as (keyof UpdateTableInput)[]).filter((k) => k !== 'TableName' && k !== 'BillingMode' && input[k] !== undefined);
  if (def.billingMode === 'PROVISIONED' && input.BillingMode === 'PAY_PER_REQUEST' && others.length === 0) return 'dropped';
  return undefined;
}
