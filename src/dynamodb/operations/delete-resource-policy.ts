import type { OperationHandler } from '../../server/context.js';
import { manager } from '../tables/manager.js';
import { deletePolicy, type DeleteOutcome } from '../policies/policy-slot.js';
import { admitted, policyTarget, readSlot, tableMissing, writeSlot } from '../policies/policy-target.js';

/**
 * DeleteResourcePolicy: removes the policy of a table or stream and echoes its RevisionId; without a
 * policy it is an idempotent 200 (ack-api-quirks DDB-TABLE-205), unless ExpectedRevisionId is given.
 */
export const handler: OperationHandler = async (ctx, input) => {
  const target = policyTarget(ctx, input.ResourceArn as string);
  const expected = typeof input.ExpectedRevisionId === 'string' ? input.ExpectedRevisionId : undefined;
  let outcome: DeleteOutcome = { slot: undefined, response: {} };
  await manager(ctx).mutate(
    ctx,
    target.table,
    (def, now) => {
      const table = admitted(def, target);
      outcome = deletePolicy(table, target, readSlot(table, target), expected, now);
      if (outcome.slot) writeSlot(table, target, outcome.slot);
      return table;
    },
    () => tableMissing(target.table),
  );
  return outcome.response;
};
