import type { OperationHandler } from '../../server/context.js';
import { manager } from '../tables/manager.js';
import { resourceArnNotFound, taggableTableName } from '../tables/resource-arn.js';
import { tagList } from '../tables/tags.js';

/** ListTagsOfResource: every tag in one page (a table has at most 50), so no NextToken is returned. */
export const handler: OperationHandler = async (ctx, input) => {
  const arn = input.ResourceArn as string;
  const name = taggableTableName(ctx, arn);
  const def = await manager(ctx).find(ctx, name);
  if (!def || def.status === 'CREATING') throw resourceArnNotFound(arn);
  return { Tags: tagList(def.tags) };
};
