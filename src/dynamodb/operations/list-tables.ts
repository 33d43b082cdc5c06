import type { OperationHandler } from '../../server/context.js';
import { manager } from '../tables/manager.js';

const DEFAULT_LIMIT = 100;

/** ListTables: names in order after ExclusiveStartTableName; LastEvaluatedTableName only when more remain. */
export const handler: OperationHandler = async (ctx, input) => {
  const start = input.ExclusiveStartTableName as string | undefined;
  const limit = (input.Limit as number | undefined) ?? DEFAULT_LIMIT;
  const names = (await manager(ctx).list(ctx)).map((t) => t.name).filter((n) => start === undefined || n > start);
  const page = names.slice(0, limit);
  const out: Record<string, unknown> = { TableNames: page };
  if (names.length > limit) out.LastEvaluatedTableName = page[page.length - 1];
  return out;
};
