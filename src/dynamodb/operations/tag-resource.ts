import { DynamoError } from '../../protocol/errors.js';
import { EMPTY_RESPONSE, type OperationHandler } from '../../server/context.js';
import { manager } from '../tables/manager.js';
import { resourceArnNotFound, taggableTableName } from '../tables/resource-arn.js';
import { validateTags, type TagInput } from '../tables/tags.js';

/** TagResource: adds or overwrites tags of a table (at most 50). */
export const handler: OperationHandler = async (ctx, input) => {
  const arn = input.ResourceArn as string;
  const tags = (input.Tags as TagInput[] | undefined) ?? [];
  const name = taggableTableName(ctx, arn);
  if (!tags.length) throw DynamoError.validation('Atleast one Tag needs to be provided as Input.');
  validateTags(tags, {});
  await manager(ctx).mutate(
    ctx,
    name,
    (def) => {
      // While CREATING the tagging backend does not know the table yet (recorded from DynamoDB).
      if (def.status === 'CREATING') throw resourceArnNotFound(arn);
      if (def.status === 'DELETING') {
        throw DynamoError.resourceInUse(`Attempt to change a resource which is still in use: Table is being deleted: ${def.name}`);
      }
      def.tags = validateTags(tags, def.tags);
      return def;
    },
    () => resourceArnNotFound(arn),
  );
  return EMPTY_RESPONSE;
};
