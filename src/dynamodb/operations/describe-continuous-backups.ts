import type { OperationHandler } from '../../server/context.js';
import { continuousBackupsDescription } from '../backups/pitr.js';
import { tableNotFound } from '../backups/validate.js';
import { manager } from '../tables/manager.js';
import { checkTableArnOwner } from '../tables/resource-arn.js';

/** DescribeContinuousBackups: TableNotFoundException "Table not found: <name>" when absent. */
export const handler: OperationHandler = async (ctx, input) => {
  const tables = manager(ctx);
  const name = input.TableName as string;
  checkTableArnOwner(ctx, name);
  const def = await tables.find(ctx, name);
  // A restore target is unknown to the backup APIs until it is ACTIVE (DDB-TABLE-217).
  if (!def || (def.status === 'CREATING' && def.restore)) throw tableNotFound(tables.displayName(name));
  return { ContinuousBackupsDescription: continuousBackupsDescription(def, ctx.services.clock.now()) };
};
