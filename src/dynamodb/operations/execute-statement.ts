import type { OperationHandler } from '../../server/context.js';
import { PQ, pqError } from '../partiql/errors.js';
import { planSelect, planWrite } from '../partiql/plan.js';
import { prepareStatement } from '../partiql/prepare.js';
import { decodeToken, fingerprint, runSelect } from '../partiql/select.js';
import { executeWrite, returningItems, writeConsumed } from '../partiql/write.js';
import { readCapacityUnits } from '../values/capacity.js';
import { type CapacityMode, consumedCapacity } from './item-support.js';

/** ExecuteStatement: https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_ExecuteStatement.html */
export const handler: OperationHandler = async (ctx, input) => {
  const text = input.Statement as string;
  const { stmt, env } = prepareStatement(text, input.Parameters);
  const mode = input.ReturnConsumedCapacity as CapacityMode;
  if (stmt.kind === 'exists') throw pqError(PQ.existsOutsideTx);

  if (stmt.kind === 'select') {
    const consistent = input.ConsistentRead === true;
    const plan = await planSelect(ctx, stmt, env, consistent);
    const fp = fingerprint(text, input.Parameters);
    const token = input.NextToken as string | undefined;
    const opts: Parameters<typeof runSelect>[2] = { fp };
    if (typeof input.Limit === 'number') opts.limit = input.Limit;
    if (token !== undefined) opts.start = decodeToken(token, fp);
    const page = await runSelect(ctx, plan, opts);
    const out: Record<string, unknown> = { Items: page.items };
    if (page.nextToken) out.NextToken = page.nextToken;
    if (page.lastEvaluatedKey) out.LastEvaluatedKey = page.lastEvaluatedKey;
    if (mode === 'TOTAL' || mode === 'INDEXES') {
      const units = readCapacityUnits(page.bytesRead, consistent);
      const t = plan.target;
      const tableUnits = page.fetched.reduce((sum, size) => sum + readCapacityUnits(size, consistent), 0);
      out.ConsumedCapacity = t.index
        ? consumedCapacity(mode, t.table, tableUnits, [{ index: t.index, units }])
        : consumedCapacity(mode, t.table, units);
    }
    return out;
  }

  const plan = await planWrite(ctx, stmt, env);
  const returnOld = input.ReturnValuesOnConditionCheckFailure === 'ALL_OLD';
  const outcome = await executeWrite(ctx, plan, returnOld);
  const out: Record<string, unknown> = { Items: returningItems(plan, outcome.effect) };
  const cc = writeConsumed(mode, plan, outcome);
  if (cc) out.ConsumedCapacity = cc;
  return out;
};
