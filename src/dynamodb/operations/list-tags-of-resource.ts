import type { OperationHandler } from '../../server/context.js';
import { manager } from '../tables/manager.js';
import { resourceArnNotFound, taggableResource } from '../tables/resource-arn.js';
import { slotTags } from '../tables/tag-slots.js';
import { tagList } from '../tables/tags.js';

/**
 * ListTagsOfResource: the tags of a table or of its live stream, every tag in one page (a resource
 * has at most 50), so no NextToken is returned.
 */
export const handler: OperationHandler = async (ctx, input) => {
  const arn = input.ResourceArn as string;
  const target = taggableResource(ctx, arn);
  const def = await manager(ctx).find(ctx, target.table);
  if (!def) throw resourceArnNotFound(arn);
  return { Tags: tagList(slotTags(def, target, arn)) };
};
