import { DynamoError } from '../../protocol/errors.js';
import type { OperationHandler } from '../../server/context.js';
import { manager } from '../tables/manager.js';
import { checkTableArnOwner } from '../tables/resource-arn.js';

/** DescribeTimeToLive: DISABLED until enabled; refused while the table is CREATING or DELETING. */
export const handler: OperationHandler = async (ctx, input) => {
  const tables = manager(ctx);
  checkTableArnOwner(ctx, input.TableName as string);
  const def = await tables.require(ctx, input.TableName as string);
  // A restore target is unknown to the TTL APIs until it is ACTIVE (DDB-TABLE-217).
  if (def.status === 'CREATING' && def.restore) throw tables.notFound(def.name);
  if (def.status === 'CREATING' || def.status === 'DELETING') {
    throw DynamoError.validation(
      `Cannot describe time to live while table is in ${def.status} state: Current table state is ${def.status}`,
    );
  }
  const ttl = def.ttl;
  if (!ttl || ttl.status === 'DISABLED') return { TimeToLiveDescription: { TimeToLiveStatus: 'DISABLED' } };
  return { TimeToLiveDescription: { TimeToLiveStatus: ttl.status, AttributeName: ttl.attributeName } };
};
