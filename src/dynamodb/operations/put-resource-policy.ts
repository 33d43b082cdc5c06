import type { OperationHandler } from '../../server/context.js';
import { manager } from '../tables/manager.js';
import { parsePolicy } from '../policies/policy-document.js';
import { checkSelfLockout } from '../policies/policy-lockout.js';
import { putPolicy } from '../policies/policy-slot.js';
import { admitted, policyTarget, readSlot, tableMissing, writeSlot } from '../policies/policy-target.js';

/**
 * PutResourcePolicy: attaches a policy to a table or stream ARN and answers its RevisionId. The
 * document is checked and kept in DynamoDB's canonical form (policies/policy-document.ts); Eddy has
 * no IAM yet, so nothing enforces it. The table's status does not change (DDB-TABLE-348).
 */
export const handler: OperationHandler = async (ctx, input) => {
  const target = policyTarget(ctx, input.ResourceArn as string);
  const doc = parsePolicy(input.Policy as string);
  checkSelfLockout(doc, target.arn, input.ConfirmRemoveSelfResourceAccess === true);
  const expected = typeof input.ExpectedRevisionId === 'string' ? input.ExpectedRevisionId : undefined;
  let revisionId = '';
  await manager(ctx).mutate(
    ctx,
    target.table,
    (def, now) => {
      const table = admitted(def, target);
      const slot = putPolicy(table, target, readSlot(table, target), { doc, expected }, now);
      writeSlot(table, target, slot);
      revisionId = slot.revisionId;
      return table;
    },
    () => tableMissing(target.table),
  );
  return { RevisionId: revisionId };
};
