import { DynamoError } from '../../protocol/errors.js';
import type { OperationHandler } from '../../server/context.js';
import { prepareExpressions, projectItem } from '../expressions/index.js';
import type { TableDef, VectorIndexDef } from '../tables/table-types.js';
import type { AttributeValue, Item } from '../values/types.js';
import { closer, f32Text, vectorRequestBytes, vectorScore } from '../vectors/distance.js';
import { matchesSearchCondition, parseSearchCondition } from '../vectors/search-condition.js';
import { throwModelErrors } from '../vectors/vector-validate.js';
import { indexedVector, toF32 } from '../vectors/vector-write-check.js';
import { activeTable, parseStoredItem } from './item-support.js';

export const MAX_TOP_K = 100;

interface SearchVectorsInput {
  TableName?: string;
  IndexName?: string;
  SearchVector?: AttributeValue[];
  TopK?: number;
  SearchConditionExpression?: string;
  ProjectionExpression?: string;
  ExpressionAttributeNames?: Record<string, string>;
  ExpressionAttributeValues?: Record<string, AttributeValue>;
  ReturnConsumedCapacity?: string;
}

/** The request-model checks the bundled (pre-2026) API model cannot make. */
function modelErrors(input: SearchVectorsInput): string[] {
  const errors: string[] = [];
  if (typeof input.TableName !== 'string') errors.push("Value null at 'tableName' failed to satisfy constraint: Member must not be null");
  if (typeof input.IndexName !== 'string') errors.push("Value null at 'indexName' failed to satisfy constraint: Member must not be null");
  if (!Array.isArray(input.SearchVector)) errors.push("Value null at 'searchVector' failed to satisfy constraint: Member must not be null");
  if (typeof input.TopK !== 'number') errors.push("Value null at 'topK' failed to satisfy constraint: Member must not be null");
  else if (input.TopK < 1) errors.push(`Value '${input.TopK}' at 'topK' failed to satisfy constraint: Member must have value greater than or equal to 1`);
  return errors;
}

/** The query vector as f32 components, after DynamoDB's checks (conformance suite tier3/searchVectors). */
function queryVector(input: SearchVectorsInput, ix: VectorIndexDef): number[] {
  const out: number[] = [];
  for (const el of input.SearchVector ?? []) {
    const n = (el as { N?: unknown }).N;
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

/** What the index holds of an item: its projection, without the vector unless asked for. */
function indexView(table: TableDef, ix: VectorIndexDef, item: Item): Item {
  if (ix.projection.type === 'ALL') {
    const out: Item = { ...item };
    delete out[ix.attribute];
    return out;
  }
  const keep = [table.key.hash.name, ...(table.key.range ? [table.key.range.name] : []), ...(ix.searchSchema ?? []).map((e) => e.AttributeName)];
  if (ix.projection.type === 'INCLUDE') keep.push(...(ix.projection.nonKeyAttributes ?? []));
  const out: Item = {};
  for (const name of keep) {
    const v = item[name];
    if (v !== undefined && name !== ix.attribute) out[name] = v;
  }
  return out;
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
  const input = raw as unknown as SearchVectorsInput;
  throwModelErrors(modelErrors(input));
  const topK = input.TopK ?? 1;
  if (topK > MAX_TOP_K) {
    throw DynamoError.validation(`Provided TopK value '${topK}' is out of valid range. The value must be between 1 and ${MAX_TOP_K} inclusive`);
  }
  const table = await activeTable(ctx, input.TableName as string);
  const ix = table.vectorIndexes?.find((v) => v.name === input.IndexName && v.status !== 'DELETING');
  if (!ix) throw DynamoError.validation(`The table does not have the specified index: ${input.IndexName ?? ''}`);
  if (ix.status === 'CREATING') throw DynamoError.validation(`Cannot search backfilling vector index: ${ix.name}`);
  const query = queryVector(input, ix);
  const terms = parseSearchCondition(ix, input.SearchConditionExpression, input.ExpressionAttributeNames, input.ExpressionAttributeValues);
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
    let item = indexView(table, ix, h.item);
    if (projection) {
      item = projectItem(projection, { ...item, [ix.attribute]: { L: h.vector.map((f) => ({ N: f32Text(f) })) } });
    }
    return { Item: item, Score: h.score };
  });
  const out: Record<string, unknown> = { SearchResults };
  const mode = input.ReturnConsumedCapacity;
  if (mode === 'TOTAL' || mode === 'INDEXES') out.ConsumedCapacity = { VectorSearchRequestBytes: vectorRequestBytes(ix) };
  return out;
};

