import { DynamoError } from '../../protocol/errors.js';
import { EMPTY_RESPONSE, type OperationHandler } from '../../server/context.js';
import { manager } from '../tables/manager.js';
import { resourceArnNotFound, taggableResource } from '../tables/resource-arn.js';
import { setSlotTags, writableSlotTags } from '../tables/tag-slots.js';
import { MAX_TAGS, validateTagKey } from '../tables/tags.js';

/** UntagResource: removes tags of a table or of its live stream by key; keys that are not set are ignored. */
export const handler: OperationHandler = async (ctx, input) => {
  const arn = input.ResourceArn as string;
  const keys = (input.TagKeys as string[] | undefined) ?? [];
  const target = taggableResource(ctx, arn);
  if (!keys.length) throw DynamoError.validation('Atleast one Tag Key needs to be provided as Input.');
  for (const key of keys) validateTagKey(key);
  // More keys than a table can hold tags is refused with the tag-count text (live DynamoDB, October
  // 2026: ack-api-quirks DDB-TABLE-107).
  if (keys.length > MAX_TAGS) throw DynamoError.validation('Number of Tags exceed the current limit for the provided ResourceArn');
  await manager(ctx).mutate(
    ctx,
    target.table,
    (def) => {
      const remaining = { ...writableSlotTags(def, target, arn) };
      for (const key of keys) delete remaining[key];
      setSlotTags(def, target, remaining);
      return def;
    },
    () => resourceArnNotFound(arn),
  );
  return EMPTY_RESPONSE;
};
