import { DynamoError } from '../../protocol/errors.js';
import { EMPTY_RESPONSE, type OperationHandler } from '../../server/context.js';
import { manager } from '../tables/manager.js';
import { resourceArnNotFound, taggableResource } from '../tables/resource-arn.js';
import { setSlotTags, writableSlotTags } from '../tables/tag-slots.js';
import { checkTagSetSize, validateTags, type TagInput } from '../tables/tags.js';

/** TagResource: adds or overwrites tags of a table or of its live stream (at most 50, 10240 bytes). */
export const handler: OperationHandler = async (ctx, input) => {
  const arn = input.ResourceArn as string;
  const tags = (input.Tags as TagInput[] | undefined) ?? [];
  const target = taggableResource(ctx, arn);
  if (!tags.length) throw DynamoError.validation('Atleast one Tag needs to be provided as Input.');
  validateTags(tags, {});
  await manager(ctx).mutate(
    ctx,
    target.table,
    (def) => {
      // While CREATING the tagging backend does not know the table yet (recorded from DynamoDB).
      const merged = validateTags(tags, writableSlotTags(def, target, arn));
      // The size limit applies to the merged set (DDB-TABLE-109), after the count limit (order unprobed).
      checkTagSetSize(merged);
      setSlotTags(def, target, merged);
      return def;
    },
    () => resourceArnNotFound(arn),
  );
  return EMPTY_RESPONSE;
};
