import { DynamoError } from '../../protocol/errors.js';
import type { OperationHandler } from '../../server/context.js';
import { manager } from '../tables/manager.js';

/** DescribeTimeToLive: DISABLED until enabled; refused while the table is CREATING or DELETING. */
export const handler: OperationHandler = async (ctx, input) => {
  const def = await manager(ctx).require(ctx, input.TableName as string);
  if (def.status === 'CREATING' || def.status === 'DELETING') {
    throw DynamoError.validation(
      `Cannot describe time to live while table is in ${def.status} state: Current table state is ${def.status}`,
    );
  }
  const ttl = def.ttl;
  if (!ttl || ttl.status === 'DISABLED') return { TimeToLiveDescription: { TimeToLiveStatus: 'DISABLED' } };
  return { TimeToLiveDescription: { TimeToLiveStatus: ttl.status, AttributeName: ttl.attributeName } };
};
