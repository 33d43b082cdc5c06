import type { TableDef, VectorIndexDef } from '../tables/table-types.js';

/**
 * Where a vector index stands. An index added by UpdateTable walks two CREATING phases, as live
 * DynamoDB reports them (conformance suite vectorSearch/updateLifecycle, eu-west-2, 2026-08-23):
 *
 *   ALLOCATING   table UPDATING, IndexStatus CREATING, Backfilling false; a Delete of the index is
 *                refused ("Index creation is in resource allocation phase"), and so is any other
 *                index action ("Only 1 online index ...").
 *   BACKFILLING  table ACTIVE again, IndexStatus CREATING, Backfilling true; a Delete is taken
 *                (it cancels the build), DeleteTable is refused while it lasts.
 *   ACTIVE       IndexStatus ACTIVE with no Backfilling field.
 *
 * A Delete marks the index DELETING (table UPDATING) until the table's transition ends. An index
 * created with its table has no phase of its own and follows the table's status.
 *
 * The end of the backfill is not a table transition (the table is ACTIVE meanwhile), so it is
 * stored as a time (`readyAt`) and read against the server clock wherever the phase matters.
 */
export type VectorIndexPhase = 'ALLOCATING' | 'BACKFILLING' | 'ACTIVE' | 'DELETING';

/**
 * The shortest allocation and backfill phases, whatever the configured status delay. On DynamoDB
 * they take about thirty seconds and many minutes; Eddy keeps each long enough for a client that
 * polls the way tests written against DynamoDB do to see it: a DescribeTable and two UpdateTables
 * right after the change see allocation; a poll 5 s after the change sees the table ACTIVE with
 * the index still CREATING (the suite polls every 1 s and 5 s); searches are served 7.5 s after it.
 */
export const MIN_ALLOCATION_MS = 2_000;
export const MIN_BACKFILL_MS = 5_500;

export function vectorIndexPhase(ix: VectorIndexDef, now: number | undefined): VectorIndexPhase {
  if (ix.status === 'DELETING') return 'DELETING';
  if (ix.status !== 'CREATING') return 'ACTIVE';
  if (ix.backfilling !== true) return 'ALLOCATING';
  // Without a clock (a description built for CreateTable or a restore) the stored phase stands.
  if (ix.readyAt === undefined || now === undefined || now < ix.readyAt) return 'BACKFILLING';
  return 'ACTIVE';
}

/** True while any vector index of the table is being created or deleted. */
export function vectorIndexWorkInProgress(def: TableDef, now: number): boolean {
  return def.vectorIndexes?.some((v) => vectorIndexPhase(v, now) !== 'ACTIVE') === true;
}

/** Drops the phase fields of indexes whose backfill has ended by `now` (inside a mutation). */
export function settleVectorIndexes(def: TableDef, now: number): void {
  for (const v of def.vectorIndexes ?? []) {
    if (v.status === 'CREATING' && vectorIndexPhase(v, now) === 'ACTIVE') {
      delete v.status;
      delete v.backfilling;
      delete v.phaseMs;
      delete v.readyAt;
    }
  }
}
