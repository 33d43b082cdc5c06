import type { ProjectionType, TableDef, VectorIndexDef } from '../tables/table-types.js';
import { vectorIndexPhase } from './vector-phase.js';
import type { VectorIndexInput } from './vector-validate.js';

/** The stored form of a validated VectorIndex. */
export function vectorIndexDef(input: VectorIndexInput, tableArn: string): VectorIndexDef {
  const name = input.IndexName ?? '';
  const def: VectorIndexDef = {
    name,
    attribute: input.VectorAttribute?.AttributeName ?? '',
    dimensions: input.Dimensions ?? 0,
    distance: (input.DistanceFunction ?? 'COSINE') as VectorIndexDef['distance'],
    projection: { type: (input.Projection?.ProjectionType ?? 'ALL') as ProjectionType },
    arn: `${tableArn}/index/${name}`,
  };
  const nonKey = input.Projection?.NonKeyAttributes;
  if (nonKey) def.projection.nonKeyAttributes = [...nonKey];
  if (input.SearchSchema && input.SearchSchema.length > 0) {
    def.searchSchema = input.SearchSchema.map((e) => ({
      AttributeName: e.AttributeName ?? '',
      SearchSchemaElementType: e.SearchSchemaElementType === 'HASH' ? 'HASH' : 'INLINE_FILTER',
    }));
  }
  return def;
}

/**
 * A vector index as DescribeTable shows it. An index created with its table follows the table's
 * CREATING → ACTIVE walk and reports no Backfilling field (live DynamoDB, conformance suite
 * vectorSearch/lifecycle); one UpdateTable adds reports CREATING with Backfilling false, then true,
 * then ACTIVE without the field (vector-phase.ts). ItemCount and IndexSizeBytes are not tracked:
 * always 0 (DynamoDB refreshes them only about every six hours). `now` is the server clock, for
 * the end of a backfill.
 */
export function describeVectorIndex(table: TableDef, ix: VectorIndexDef, status?: string, now?: number): Record<string, unknown> {
  const out: Record<string, unknown> = { IndexName: ix.name };
  if (ix.searchSchema) out.SearchSchema = ix.searchSchema.map((e) => ({ ...e }));
  const projection: Record<string, unknown> = { ProjectionType: ix.projection.type };
  if (ix.projection.nonKeyAttributes) projection.NonKeyAttributes = [...ix.projection.nonKeyAttributes];
  out.Projection = projection;
  out.VectorAttribute = { AttributeName: ix.attribute };
  out.Dimensions = ix.dimensions;
  out.DistanceFunction = ix.distance;
  const phase = vectorIndexPhase(ix, now);
  if (ix.status === undefined) out.IndexStatus = (status ?? table.status) === 'CREATING' ? 'CREATING' : 'ACTIVE';
  else out.IndexStatus = phase === 'ACTIVE' ? 'ACTIVE' : phase === 'DELETING' ? 'DELETING' : 'CREATING';
  // Reported only for an index UpdateTable adds, and only until it is ACTIVE (live DynamoDB,
  // conformance suite vectorSearch/updateLifecycle).
  if (phase === 'ALLOCATING' || phase === 'BACKFILLING') out.Backfilling = phase === 'BACKFILLING';
  out.IndexSizeBytes = 0;
  out.ItemCount = 0;
  out.IndexArn = ix.arn;
  return out;
}

/**
 * A vector index's definition as a VectorIndex / VectorIndexInfo (backups' SourceTableFeatureDetails,
 * and the CreateTable input of a restored table): no status, size or ARN.
 */
export function vectorIndexInfo(ix: VectorIndexDef): VectorIndexInput & { IndexName: string } {
  const out: VectorIndexInput & { IndexName: string } = {
    IndexName: ix.name,
    VectorAttribute: { AttributeName: ix.attribute },
    Projection: { ProjectionType: ix.projection.type, ...(ix.projection.nonKeyAttributes ? { NonKeyAttributes: [...ix.projection.nonKeyAttributes] } : {}) },
    Dimensions: ix.dimensions,
    DistanceFunction: ix.distance,
  };
  if (ix.searchSchema) out.SearchSchema = ix.searchSchema.map((e) => ({ ...e }));
  return out;
}
