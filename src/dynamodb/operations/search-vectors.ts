import { DynamoError } from '../../protocol/errors.js';
import type { OperationHandler } from '../../server/context.js';
import { prepareExpressions, projectItem } from '../expressions/index.js';
import type { TableDef, VectorIndexDef } from '../tables/table-types.js';
import type { Item } from '../values/types.js';
import { closer, f32Text, vectorScore, vectorSearchRequestBytes } from '../vectors/distance.js';
import { matchesSearchCondition, parseSearchCondition } from '../vectors/search-condition.js';
import { deserializeSearchVectors, type SearchVectorsInput } from '../vectors/search-request.js';
import { projectedAttributes } from '../vectors/vector-entry.js';
import { vectorIndexPhase } from '../vectors/vector-phase.js';
import { indexedVector, toF32 } from '../vectors/vector-write-check.js';
import { activeTable, parseStoredItem } from './item-support.js';

export const MAX_TOP_K = 100;

/** The query vector as f32 components, after DynamoDB's checks (conformance suite tier3/searchVectors). */
function queryVector(input: SearchVectorsInput, ix: VectorIndexDef): number[] {
  const out: number[] = [];
  for (const el of input.SearchVector) {
    const n = (el as { N?: unknown } | null)?.N;
    const f = typeof n === 'string' ? toF32(n) : undefined;
    if (f === undefined) {
      throw DynamoError.validation('Search vector contains invalid values. All values in the search vector must be a 32-bit floating-point number attribute');
    }
    out.push(f);
  }
  if (out.length !== ix.dimensions) {
    throw DynamoError.validation(`Input search vector dimension ${out.length} does not match vector index dimension ${ix.dimensions}`);
  }
  return out;
}

/**
 * The index a search may use. One UpdateTable is adding answers "does not have the specified
 * index" while its resources are allocated, then "Cannot search backfilling vector index" until
 * it is ACTIVE: live DynamoDB shows the two in that order (conformance suite
 * vectorSearch/updateLifecycle; tying each to a phase is Eddy's reading). A deleted one is gone.
 */
function searchableIndex(table: TableDef, name: string, now: number): VectorIndexDef {
  const ix = table.vectorIndexes?.find((v) => v.name === name);
  const phase = ix ? vectorIndexPhase(ix, now) : 'DELETING';
  if (!ix || phase === 'DELETING' || phase === 'ALLOCATING') throw DynamoError.validation(`The table does not have the specified index: ${name}`);
  if (phase === 'BACKFILLING') throw DynamoError.validation(`Cannot search backfilling vector index: ${ix.name}`);
  return ix;
}

/** Names used by the ProjectionExpression only (the search condition may use others). */
function projectionNames(input: SearchVectorsInput): Record<string, string> | undefined {
  const names = input.ExpressionAttributeNames;
  const text = input.ProjectionExpression ?? '';
  if (!names) return undefined;
  const used = Object.entries(names).filter(([k]) => text.includes(k));
  return used.length > 0 ? Object.fromEntries(used) : undefined;
}

/**
 * SearchVectors: the TopK nearest items of an index. Eddy searches exactly (a scan of the table
 * scoring every indexed item), which is one correct answer of DynamoDB's approximate search.
 */
export const handler: OperationHandler = async (ctx, raw) => {
  const input = deserializeSearchVectors(raw);
  const topK = input.TopK;
  if (topK > MAX_TOP_K) {
    throw DynamoError.validation(`Provided TopK value '${topK}' is out of valid range. The value must be between 1 and ${MAX_TOP_K} inclusive`);
  }
  const table = await activeTable(ctx, input.TableName);
  const ix = searchableIndex(table, input.IndexName, ctx.services.clock.now());
  const query = queryVector(input, ix);
  const terms = parseSearchCondition(ix, input.SearchConditionExpression, input.ExpressionAttributeNames, input.ExpressionAttributeValues, table.attributeDefinitions);
  const projection =
    input.ProjectionExpression === undefined
      ? undefined
      : prepareExpressions({ operation: 'Query', ProjectionExpression: input.ProjectionExpression, ExpressionAttributeNames: projectionNames(input) }, ctx.services.expressions).projection;

  const hits: { item: Item; vector: number[]; score: number }[] = [];
  for (const row of await ctx.services.engine.range({ space: table.space })) {
    const item = parseStoredItem(row.value);
    if (!item) continue;
    const vector = indexedVector(ix, item);
    if (!vector || !matchesSearchCondition(terms, item)) continue;
    hits.push({ item, vector, score: vectorScore(ix.distance, query, vector) });
  }
  hits.sort((a, b) => (closer(ix.distance, a.score, b.score) ? -1 : closer(ix.distance, b.score, a.score) ? 1 : 0));

  const SearchResults = hits.slice(0, topK).map((h) => {
    let item = projectedAttributes(table, ix, h.item);
    if (projection) {
      item = projectItem(projection, { ...item, [ix.attribute]: { L: h.vector.map((f) => ({ N: f32Text(f) })) } });
    }
    return { Item: item, Score: h.score };
  });
  const out: Record<string, unknown> = { SearchResults };
  const mode = input.ReturnConsumedCapacity;
  if (mode === 'TOTAL' || mode === 'INDEXES') out.ConsumedCapacity = { VectorSearchRequestBytes: vectorSearchRequestBytes(ix) };
  return out;
};

