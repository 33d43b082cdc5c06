import { DynamoError } from '../../protocol/errors.js';
import type { ScalarAttributeType } from '../values/types.js';
import type { TableDef } from '../tables/table-types.js';
import { vectorIndexDef } from './vector-describe.js';
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
 * Create adds the index CREATING and backfilling, Delete marks it DELETING; the table is UPDATING
 * until `pendingUntil`, when completeTransition calls finishVectorIndexUpdates. One online index
 * action per call and per table, as for GSIs (live DynamoDB: conformance suite
 * vectorSearch/updateLifecycle). Messages not recorded for vector indexes are Eddy's own.
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
  if (def.status !== 'ACTIVE' || def.gsis.some((g) => g.status !== 'ACTIVE') || def.vectorIndexes?.some((v) => v.status !== undefined)) {
    throw DynamoError.limitExceeded(ONE_ONLINE_INDEX);
  }
  const existing = def.vectorIndexes ?? [];
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
    ix.phaseMs = delayMs;
    def.vectorIndexes = [...existing, ix];
  } else if (update.Delete) {
    const ix = existing.find((v) => v.name === update.Delete?.IndexName);
    if (!ix) throw DynamoError.resourceNotFound(`Requested resource not found: Table: ${def.name} index: ${update.Delete.IndexName ?? ''} not found`);
    ix.status = 'DELETING';
  } else {
    return;
  }
  def.status = 'UPDATING';
  def.updating = { kind: 'noop' };
  def.pendingUntil = now + delayMs;
}

/** The shortest backfill phase of a new vector index. */
const BACKFILL_FLOOR_MS = 200;

/**
 * At the end of an UPDATING phase. A created index walks two phases, as DynamoDB reports them:
 * CREATING with Backfilling false (allocation), then CREATING with Backfilling true (the table
 * stays UPDATING for another phase), then ACTIVE with no Backfilling field. Deleted indexes go.
 */
export function finishVectorIndexUpdates(def: TableDef, at: number): void {
  const allocating = def.vectorIndexes?.find((v) => v.status === 'CREATING' && v.backfilling === false);
  if (allocating) {
    allocating.backfilling = true;
    def.status = 'UPDATING';
    // At least BACKFILL_FLOOR_MS even with a zero status delay: a client that polls right after the
    // change (as SDK waiters and tests written against DynamoDB do, where this phase lasts minutes)
    // sees the backfill phase. With a 1 ms floor a DescribeTable sent just after the UpdateTable
    // answer often came too late to see it.
    def.pendingUntil = at + Math.max(BACKFILL_FLOOR_MS, allocating.phaseMs ?? 0);
    return;
  }
  const kept = (def.vectorIndexes ?? []).filter((v) => v.status !== 'DELETING');
  for (const v of kept) {
    delete v.status;
    delete v.backfilling;
    delete v.phaseMs;
  }
  if (kept.length > 0) def.vectorIndexes = kept;
  else delete def.vectorIndexes;
}
