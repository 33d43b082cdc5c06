import type { OperationHandler } from '../../server/context.js';
import { manager } from '../tables/manager.js';
import { readPolicy } from '../policies/policy-slot.js';
import { admitted, policyTarget, readSlot } from '../policies/policy-target.js';

/**
 * GetResourcePolicy: the policy of a table or stream as DynamoDB's canonical document, with its
 * RevisionId; PolicyNotFoundException when none is attached. Still answered while the table is
 * DELETING (ack-api-quirks DDB-TABLE-236).
 */
export const handler: OperationHandler = async (ctx, input) => {
  const target = policyTarget(ctx, input.ResourceArn as string);
  const def = admitted(await manager(ctx).find(ctx, target.table), target);
  return readPolicy(readSlot(def, target), target.arn);
};
