import { DynamoError } from '../../protocol/errors.js';
import type { ScalarAttributeType } from '../values/types.js';
import type { TableDef, VectorIndexDef } from '../tables/table-types.js';
import { vectorIndexDef } from './vector-describe.js';
import { MIN_ALLOCATION_MS, MIN_BACKFILL_MS, settleVectorIndexes, vectorIndexPhase } from './vector-phase.js';
import { MAX_VECTOR_INDEXES, throwModelErrors, validateOne, vectorModelErrors, type VectorIndexInput } from './vector-validate.js';

/** UpdateTable's VectorIndexUpdates entry. */
export interface VectorIndexUpdateInput {
  Create?: VectorIndexInput;
  Delete?: { IndexName?: string };
}

const INVALID = 'One or more parameter values were invalid: ';
const ONE_ONLINE_INDEX = 'Subscriber limit exceeded: Only 1 online index can be created or deleted simultaneously per table';

/**
 * Applies one VectorIndexUpdates action to a table (inside the catalog's read-modify-write):
 * Create adds the index CREATING in its allocation phase and turns the table UPDATING until
 * `pendingUntil`, when completeTransition calls finishVectorIndexUpdates; Delete marks the index
 * DELETING (table UPDATING). One online index action per call and per table, and a Delete of an
 * index still allocating is refused (live DynamoDB: conformance suite
 * vectorSearch/updateLifecycle, "reports UPDATING with Backfilling false while allocating, and
 * takes a cancel only once backfilling starts"). Messages not recorded for vector indexes
 * (duplicate or unknown names) are Eddy's own.
 */
export function applyVectorIndexUpdates(
  def: TableDef,
  updates: VectorIndexUpdateInput[],
  definitions: { AttributeName: string; AttributeType: string }[] | undefined,
  now: number,
  delayMs: number,
): void {
  if (updates.length > 1) throw DynamoError.limitExceeded(ONE_ONLINE_INDEX);
  const update = updates[0];
  if (!update) return;
  if (def.status === 'CREATING') throw DynamoError.resourceInUse(`Attempt to change a resource which is still in use: Table is being created: ${def.name}`);
  settleVectorIndexes(def, now);
  const existing = def.vectorIndexes ?? [];
  const target = update.Delete ? existing.find((v) => v.name === update.Delete?.IndexName) : undefined;
  if (target && vectorIndexPhase(target, now) === 'ALLOCATING') {
    throw DynamoError.resourceInUse(
      `Attempt to change a resource which is still in use: Index creation is in resource allocation phase. Retry deletion during backfilling phase or when the index is active. Table: ${def.name} Index: ${target.name}`,
    );
  }
  // The index being backfilled takes a Delete (it cancels the build); anything else waits.
  const cancelling = (v: VectorIndexDef): boolean => v === target && vectorIndexPhase(v, now) === 'BACKFILLING';
  const busy = existing.some((v) => vectorIndexPhase(v, now) !== 'ACTIVE' && !cancelling(v));
  if (def.status !== 'ACTIVE' || def.gsis.some((g) => g.status !== 'ACTIVE') || busy) {
    throw DynamoError.limitExceeded(ONE_ONLINE_INDEX);
  }
  if (update.Create) {
    const create = update.Create;
    throwModelErrors(vectorModelErrors([create], () => 'vectorIndexUpdates.1.member.create'));
    if (def.billingMode !== 'PAY_PER_REQUEST') throw DynamoError.validation(`${INVALID}Vector indexes are only supported for PAY_PER_REQUEST tables`);
    if (existing.length >= MAX_VECTOR_INDEXES) throw DynamoError.validation(`${INVALID}VectorIndex count exceeds the per-table limit of ${MAX_VECTOR_INDEXES}`);
    for (const d of definitions ?? []) {
      if (!def.attributeDefinitions.some((a) => a.AttributeName === d.AttributeName)) {
        def.attributeDefinitions.push({ AttributeName: d.AttributeName, AttributeType: d.AttributeType as ScalarAttributeType });
      }
    }
    const names = new Set(existing.map((v) => v.name));
    const dims = new Map(existing.map((v) => [v.attribute, v.dimensions]));
    validateOne(create, def.attributeDefinitions.map((a) => a.AttributeName), names, dims);
    const ix = vectorIndexDef(create, def.arn);
    ix.status = 'CREATING';
    ix.backfilling = false;
    ix.phaseMs = Math.max(MIN_BACKFILL_MS, delayMs);
    def.vectorIndexes = [...existing, ix];
    def.pendingUntil = now + Math.max(MIN_ALLOCATION_MS, delayMs);
  } else if (update.Delete) {
    if (!target) throw DynamoError.resourceNotFound(`Requested resource not found: Table: ${def.name} index: ${update.Delete.IndexName ?? ''} not found`);
    target.status = 'DELETING';
    delete target.backfilling;
    delete target.phaseMs;
    delete target.readyAt;
    def.pendingUntil = now + delayMs;
  } else {
    return;
  }
  def.status = 'UPDATING';
  def.updating = { kind: 'noop' };
}

/**
 * At the end of an UPDATING phase (the table is ACTIVE again): an index that was allocating
 * starts its backfill, which ends `phaseMs` later without the table leaving ACTIVE (live DynamoDB
 * returns the table to ACTIVE about thirty seconds in while the index keeps building: conformance
 * suite vectorSearch/updateLifecycle); deleted indexes go; finished backfills are settled.
 */
export function finishVectorIndexUpdates(def: TableDef, at: number): void {
  for (const v of def.vectorIndexes ?? []) {
    if (v.status === 'CREATING' && v.backfilling === false) {
      v.backfilling = true;
      v.readyAt = at + (v.phaseMs ?? MIN_BACKFILL_MS);
    } else if (v.status === 'CREATING' && v.readyAt === undefined) {
      // Stored by an earlier Eddy, whose backfill ended with the table's transition.
      v.readyAt = at;
    }
  }
  settleVectorIndexes(def, at);
  const kept = (def.vectorIndexes ?? []).filter((v) => v.status !== 'DELETING');
  if (kept.length > 0) def.vectorIndexes = kept;
  else delete def.vectorIndexes;
}
