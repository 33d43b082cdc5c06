import { DynamoError } from '../../protocol/errors.js';
import {
  INVALID,
  validateSse,
  validateThroughputBounds,
  type OnDemandInput,
  type SseSpecificationInput,
  type StreamSpecificationInput,
  type ThroughputInput,
  type WarmInput,
} from './create-validate.js';
import { validateTableClass } from './class-warm-validate.js';

/** UpdateTable's request-level rules, checked before the table is looked up. */

export interface GsiUpdateInput {
  Update?: { IndexName: string; ProvisionedThroughput?: ThroughputInput; OnDemandThroughput?: OnDemandInput; WarmThroughput?: WarmInput };
  Create?: Record<string, unknown> & { IndexName: string };
  Delete?: { IndexName: string };
}

export interface UpdateTableInput {
  TableName: string;
  AttributeDefinitions?: unknown[];
  BillingMode?: string;
  ProvisionedThroughput?: ThroughputInput;
  GlobalSecondaryIndexUpdates?: GsiUpdateInput[];
  StreamSpecification?: StreamSpecificationInput;
  SSESpecification?: SseSpecificationInput;
  ReplicaUpdates?: unknown[];
  TableClass?: string;
  DeletionProtectionEnabled?: boolean;
  OnDemandThroughput?: OnDemandInput;
  WarmThroughput?: WarmInput;
  MultiRegionConsistency?: string;
}

/** Recorded from DynamoDB (2026): the list of members that make an UpdateTable non-empty. */
export const EMPTY_UPDATE_MESSAGE =
  'At least one of ProvisionedThroughput, BillingMode, UpdateStreamEnabled, GlobalSecondaryIndexUpdates, SSESpecification, ReplicaUpdates, MultiAccountReplicaReady, ReplicaTransitRoleArn, MultiRegionConsistency, DeletionProtectionEnabled, OnDemandThroughput, WarmThroughput or TableClass is required';

/** A WarmThroughput naming neither unit: DynamoDB does not count an empty one as a change. */
export function warmGiven(w: WarmInput | undefined): w is WarmInput {
  return w !== undefined && w !== null && (w.ReadUnitsPerSecond !== undefined || w.WriteUnitsPerSecond !== undefined);
}

/** `member` is the request's only member besides TableName and AttributeDefinitions, even if empty. */
/**
 * The UpdateTable members that ask for a change. Members the API does not have (KeySchema,
 * LocalSecondaryIndexes, anything made up) are ignored: beside a change they do not count as a
 * second one (live DynamoDB, October 2026: ack-api-quirks DDB-TABLE-357).
 */
const CHANGE_MEMBERS: ReadonlySet<string> = new Set([
  'BillingMode',
  'ProvisionedThroughput',
  'GlobalSecondaryIndexUpdates',
  'StreamSpecification',
  'SSESpecification',
  'ReplicaUpdates',
  'TableClass',
  'DeletionProtectionEnabled',
  'MultiRegionConsistency',
  'OnDemandThroughput',
  'WarmThroughput',
]);

export function onlyMember(input: UpdateTableInput, member: keyof UpdateTableInput): boolean {
  return (Object.keys(input) as (keyof UpdateTableInput)[]).every((k) => k === member || !CHANGE_MEMBERS.has(k) || input[k] === undefined);
}

function only(input: UpdateTableInput, member: keyof UpdateTableInput): boolean {
  const present = (Object.keys(input) as (keyof UpdateTableInput)[]).filter(
    (k) => CHANGE_MEMBERS.has(k) && input[k] !== undefined && !(k === 'WarmThroughput' && !warmGiven(input.WarmThroughput)),
  );
  return present.length === 1 && present[0] === member;
}

/**
 * A GSI Update whose WarmThroughput names no unit is refused before anything else is looked at
 * (even the table: a missing table gets this message too), ahead of the one-concern rules. An
 * empty table-level WarmThroughput is not counted as a concern (TableClass beside it is accepted).
 * Live DynamoDB, October 2026 (ack-api-quirks catalogue, DDB-TABLE-457).
 */
function refuseEmptyIndexWarm(updates: GsiUpdateInput[] | undefined): void {
  for (const u of updates ?? []) {
    const w = u.Update?.WarmThroughput;
    if (w !== undefined && w !== null && !warmGiven(w)) {
      throw DynamoError.validation(
        `${INVALID}WarmThroughput must have at least one of ReadUnitsPerSecond or WriteUnitsPerSecond specified for index: ${u.Update?.IndexName ?? ''}`,
      );
    }
  }
}

/**
 * The shape rules of ReplicaUpdates, checked before anything about the table (live DynamoDB,
 * October 2026: ack-api-quirks DDB-TABLE-265, DDB-TABLE-258, DDB-TABLE-442). Two Creates of one
 * region count once; a STRONG group may create two replicas in one call.
 */
function validateReplicaActions(updates: unknown[], consistency: string | undefined): void {
  const regions: Record<'Create' | 'Delete', Set<unknown>> = { Create: new Set(), Delete: new Set() };
  for (const u of updates) {
    const action = (u ?? {}) as { Create?: { RegionName?: unknown }; Update?: Record<string, unknown>; Delete?: { RegionName?: unknown } };
    const kinds = (['Create', 'Update', 'Delete'] as const).filter((k) => action[k] !== undefined && action[k] !== null);
    const updateChanges = action.Update ? Object.keys(action.Update).filter((k) => k !== 'RegionName' && action.Update?.[k] !== undefined) : [];
    if (kinds.length === 0 || (kinds.length === 1 && kinds[0] === 'Update' && updateChanges.length === 0)) {
      throw DynamoError.validation('There are no actions specified in the Replica Update Action of the request.');
    }
    if (kinds.length > 1) throw DynamoError.validation('Update table operation with more than one type of replica actions not allowed.');
    if (action.Create) regions.Create.add(action.Create.RegionName);
    if (action.Delete) regions.Delete.add(action.Delete.RegionName);
  }
  const createsOrDeletes = regions.Create.size + regions.Delete.size;
  if (createsOrDeletes > 1 && !(consistency === 'STRONG' && regions.Delete.size === 0)) {
    throw DynamoError.validation('Update table operation with more than one create or delete replica actions not allowed');
  }
}

export function validateUpdateInput(input: UpdateTableInput): void {
  const gsiUpdates = input.GlobalSecondaryIndexUpdates;
  const any =
    input.ProvisionedThroughput !== undefined ||
    input.BillingMode !== undefined ||
    input.StreamSpecification !== undefined ||
    (gsiUpdates !== undefined && gsiUpdates.length > 0) ||
    input.SSESpecification !== undefined ||
    (input.ReplicaUpdates !== undefined && input.ReplicaUpdates.length > 0) ||
    input.MultiRegionConsistency !== undefined ||
    input.DeletionProtectionEnabled !== undefined ||
    input.OnDemandThroughput !== undefined ||
    input.WarmThroughput !== undefined ||
    input.TableClass !== undefined;
  if (!any) throw DynamoError.validation(EMPTY_UPDATE_MESSAGE);
  // A request whose only member is MultiRegionConsistency changes nothing on its own; DynamoDB's
  // list then leaves that member out. An empty GlobalSecondaryIndexUpdates list counts as absent
  // for the check above but is refused beside any other change. Live DynamoDB, October 2026
  // (ack-api-quirks catalogue, DDB-TABLE-442 and DDB-TABLE-359).
  if (only(input, 'MultiRegionConsistency')) throw DynamoError.validation(EMPTY_UPDATE_MESSAGE.replace(' MultiRegionConsistency,', ''));
  if (gsiUpdates !== undefined && gsiUpdates.length === 0) throw DynamoError.validation(`${INVALID}List of GlobalSecondaryIndexUpdates is empty`);
  refuseEmptyIndexWarm(gsiUpdates);

  // DynamoDB changes one concern per UpdateTable; the precedence SSE > TableClass > DP > Warm is recorded.
  if (input.SSESpecification !== undefined && !only(input, 'SSESpecification')) {
    throw DynamoError.validation(`${INVALID}Server-Side Encryption modification must be the only operation in the request`);
  }
  if (input.TableClass !== undefined && !only(input, 'TableClass')) {
    throw DynamoError.validation(`${INVALID}TableClass modification must be the only operation in the request`);
  }
  validateTableClass(input.TableClass);
  if (input.DeletionProtectionEnabled !== undefined && !only(input, 'DeletionProtectionEnabled')) {
    throw DynamoError.validation(`${INVALID}DeletionProtection modification must be the only operation in the request`);
  }
  // Live DynamoDB, October 2026 (ack-api-quirks DDB-TABLE-174): a GSI Create beside a WarmThroughput.
  if (warmGiven(input.WarmThroughput) && gsiUpdates?.some((u) => u.Create)) {
    throw DynamoError.validation(`${INVALID}Create global secondary index cannot be specified when updating WarmThroughput`);
  }
  if (warmGiven(input.WarmThroughput) && !only(input, 'WarmThroughput')) {
    throw DynamoError.validation(`${INVALID}WarmThroughput must be the only operation in the request`);
  }
  if (input.ReplicaUpdates?.length) {
    validateReplicaActions(input.ReplicaUpdates, input.MultiRegionConsistency);
    throw DynamoError.validation(`${INVALID}Replica modification is not supported by this server`);
  }
  if (
    input.OnDemandThroughput !== undefined &&
    (input.ProvisionedThroughput !== undefined || input.StreamSpecification !== undefined || gsiUpdates?.length)
  ) {
    throw DynamoError.validation(`${INVALID}OnDemandThroughput can only be combined with BillingMode in an UpdateTable request`);
  }
  const iops = input.ProvisionedThroughput !== undefined || input.BillingMode === 'PROVISIONED';
  if (input.StreamSpecification !== undefined && iops) {
    throw DynamoError.validation(`${INVALID}You cannot modify stream status while updating table IOPS`);
  }
  const createsOrDeletes = gsiUpdates?.some((u) => u.Create || u.Delete) ?? false;
  if (createsOrDeletes && input.ProvisionedThroughput !== undefined) {
    throw DynamoError.validation(`${INVALID}You cannot create or delete index while updating table IOPS`);
  }
  if (createsOrDeletes && input.StreamSpecification !== undefined) {
    throw DynamoError.validation(`${INVALID}You cannot create or delete index while changing stream status`);
  }
  if (input.ProvisionedThroughput) validateThroughputBounds(input.ProvisionedThroughput);
  const spec = input.StreamSpecification;
  if (spec?.StreamEnabled && !spec.StreamViewType) {
    throw DynamoError.validation(`${INVALID}If stream is being enabled then UpdateViewType is required`);
  }
  if (spec && !spec.StreamEnabled && spec.StreamViewType) {
    throw DynamoError.validation(`${INVALID}If stream is being disabled, then UpdateViewType must not be specified`);
  }
  validateSse(input.SSESpecification);
  validateGsiUpdateList(gsiUpdates);
}

function validateGsiUpdateList(updates: GsiUpdateInput[] | undefined): void {
  if (!updates) return;
  const names = new Set<string>();
  for (const u of updates) {
    const actions = [u.Update, u.Create, u.Delete].filter((a) => a !== undefined);
    if (!actions.length) {
      throw DynamoError.validation(
        `${INVALID}One of GlobalSecondaryIndexUpdate.Update, GlobalSecondaryIndexUpdate.Create, GlobalSecondaryIndexUpdate.Delete must not be null`,
      );
    }
    if (actions.length > 1) {
      throw DynamoError.validation(`${INVALID}Only one global secondary index action is allowed per GlobalSecondaryIndexUpdate object`);
    }
    const name = actions[0]?.IndexName ?? '';
    if (names.has(name)) {
      throw DynamoError.validation(
        `${INVALID}Only one global secondary index update per index is allowed simultaneously. Index: ${name}`,
      );
    }
    names.add(name);
  }
}
