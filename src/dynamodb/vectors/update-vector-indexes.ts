import type { RequestContext } from '../../server/context.js';
import { describeTable, loadTableStats } from '../tables/describe.js';
import { manager } from '../tables/manager.js';
import { applyVectorIndexUpdates, type VectorIndexUpdateInput } from './vector-updates.js';

export type VectorDefinitions = { AttributeName: string; AttributeType: string }[] | undefined;

/** Members an UpdateTable carrying only VectorIndexUpdates may have besides them. */
const ALONGSIDE = new Set(['TableName', 'VectorIndexUpdates', 'AttributeDefinitions']);

/**
 * The VectorIndexUpdates of an UpdateTable that changes nothing else (the only form Eddy
 * implements; combined with other changes they are still ignored, as before vector search).
 */
export function vectorIndexUpdatesAlone(raw: Record<string, unknown>): VectorIndexUpdateInput[] | undefined {
  const updates = raw.VectorIndexUpdates;
  if (!Array.isArray(updates) || updates.length === 0) return undefined;
  if (Object.keys(raw).some((k) => !ALONGSIDE.has(k) && raw[k] !== undefined && raw[k] !== null)) return undefined;
  return updates as VectorIndexUpdateInput[];
}

export async function updateVectorIndexes(
  ctx: RequestContext,
  tableName: string,
  updates: VectorIndexUpdateInput[],
  definitions: VectorDefinitions,
): Promise<Record<string, unknown>> {
  const tables = manager(ctx);
  const { after } = await tables.mutate(ctx, tableName, (def, now) => {
    applyVectorIndexUpdates(def, updates, definitions, now, tables.statusDelayMs);
    return def;
  });
  const stats = await loadTableStats(ctx.services.engine, after);
  return { TableDescription: describeTable(after, stats, { now: ctx.services.clock.now() }) };
}
