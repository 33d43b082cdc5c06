import { DynamoError } from '../../protocol/errors.js';
import type { OperationHandler, RequestContext } from '../../server/context.js';
import { encodeTableKey } from '../keys/key-encoding.js';
import { PQ, pqError } from '../partiql/errors.js';
import { keyOnlySelect, planWrite, resolveSource, type Target, type WritePlan } from '../partiql/plan.js';
import type { SelectStatement } from '../partiql/ast.js';
import { type PreparedStatement, prepareStatement } from '../partiql/prepare.js';
import { project } from '../partiql/select.js';
import { executeWrite, returningItems } from '../partiql/write.js';
import type { Item } from '../values/types.js';
import type { IndexWrite } from '../tables/item-writes.js';
import type { TableDef } from '../tables/table-types.js';
import { type CapacityMode, consumedCapacity, type ConsumedCapacity, indexWriteUnits, parseStoredItem, readUnitsFor, writeUnitsFor } from './item-support.js';

/**
 * BatchExecuteStatement: up to 25 independent statements, all reads or all writes; each statement
 * fails on its own with an `Error { Code, Message }` entry.
 * https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_BatchExecuteStatement.html
 */
interface Entry {
  TableName?: string;
  Item?: Item;
  Error?: { Code: string; Message?: string; Item?: Item };
}

/** `ConditionalCheckFailedException` → `ConditionalCheckFailed`, `ValidationException` → `ValidationError`. */
export function batchErrorCode(code: string): string {
  if (code === 'ValidationException') return 'ValidationError';
  return code.endsWith('Exception') ? code.slice(0, -'Exception'.length) : code;
}

export const handler: OperationHandler = async (ctx, input) => {
  const statements = input.Statements as Record<string, unknown>[];
  const prepared = statements.map((s): PreparedStatement | DynamoError => {
    try {
      return prepareStatement(s.Statement as string, s.Parameters);
    } catch (e) {
      if (e instanceof DynamoError) return e;
      throw e;
    }
  });
  const kinds = new Set(prepared.map((p) => (p instanceof DynamoError ? undefined : p.stmt.kind === 'select' ? 'read' : 'write')));
  kinds.delete(undefined);
  if (kinds.size > 1) throw pqError(PQ.batchMixed);
  // Two members naming one item fail the whole request before any runs, reads included
  // (dynoxide's eu-west-2 captures); a member whose item cannot be resolved fails on its own later.
  // Each member is resolved once, here: its item's identity for this check, and the target or plan
  // it runs with below (a member that fails to resolve keeps its error, raised when it runs).
  const resolved: (Resolved | DynamoError)[] = [];
  const seen = new Set<string>();
  for (const p of prepared) {
    const r = p instanceof DynamoError ? p : await resolveMember(ctx, p);
    resolved.push(r);
    if (r instanceof DynamoError) continue;
    const id = 'write' in r ? itemId(r.write.table.space, r.write.storageKey) : itemId(r.read.table.space, r.storageKey);
    if (seen.has(id)) throw DynamoError.validation('Provided list of item keys contains duplicates');
    seen.add(id);
  }
  const mode = input.ReturnConsumedCapacity as CapacityMode;
  const units = new Map<string, TableCharge>();
  const charge: Charge = (table, n, indexes, failed) => {
    const acc = units.get(table.name) ?? { table, units: 0, indexes: [], failed: 0, succeeded: false };
    if (failed) acc.failed += n;
    else {
      acc.units += n;
      acc.succeeded = true;
      for (const w of indexes ?? []) acc.indexes.push({ index: w.index, units: indexWriteUnits(w) });
    }
    units.set(table.name, acc);
  };

  const responses: Entry[] = [];
  for (let i = 0; i < statements.length; i++) {
    const r = resolved[i];
    const s = statements[i] as Record<string, unknown>;
    const entry: Entry = {};
    try {
      if (r instanceof DynamoError) throw r;
      if (r === undefined) throw DynamoError.internal();
      // ConsistentRead is a per-statement member of BatchStatementRequest.
      await runOne(ctx, r, entry, s.ConsistentRead === true, mode === 'TOTAL' || mode === 'INDEXES' ? charge : undefined);
    } catch (e) {
      if (!(e instanceof DynamoError)) throw e;
      const err: Entry['Error'] = { Code: batchErrorCode(e.code), Message: e.message };
      const item = e.extra?.Item as Item | undefined;
      if (item) err.Item = item;
      entry.Error = err;
    }
    responses.push(entry);
  }
  const out: Record<string, unknown> = { Responses: responses };
  // Capacity per table, with index arms. A member that ran and failed is still charged the write it
  // attempted, on its table's total but in no arm; a table whose members all failed is left out, and
  // a batch where nothing succeeded reports no ConsumedCapacity at all (dynoxide's CHANGELOG,
  // measured on DynamoDB in eu-west-2: a failing 3 KB insert beside a small success reports a total
  // 3 above its arms).
  const charged = [...units.values()].filter((acc) => acc.succeeded);
  if ((mode === 'TOTAL' || mode === 'INDEXES') && charged.length > 0) {
    const list: ConsumedCapacity[] = [];
    for (const acc of charged) {
      const cc = consumedCapacity(mode, acc.table, acc.units, acc.indexes);
      if (!cc) continue;
      cc.CapacityUnits += acc.failed;
      list.push(cc);
    }
    out.ConsumedCapacity = list;
  }
  return out;
};

interface TableCharge {
  table: TableDef;
  units: number;
  indexes: { index: IndexWrite['index']; units: number }[];
  /** Units of members that ran and failed: on the total, in no arm. */
  failed: number;
  succeeded: boolean;
}

type Charge = (table: TableDef, units: number, indexes?: IndexWrite[], failed?: boolean) => void;

/** A member resolved: the item a keyed SELECT reads, or a write's plan. */
type Resolved = { read: Target; storageKey: Uint8Array; projection: SelectStatement['projection'] } | { write: WritePlan };

/** Resolves a member as it will run; the DynamoError it fails with, if it does. */
async function resolveMember(ctx: RequestContext, p: PreparedStatement): Promise<Resolved | DynamoError> {
  const { stmt, env } = p;
  try {
    if (stmt.kind === 'exists') throw pqError(PQ.existsOutsideTx);
    if (stmt.kind !== 'select') return { write: await planWrite(ctx, stmt, env) };
    const target = await resolveSource(ctx, stmt.source);
    if (stmt.countOnIndex) throw pqError(PQ.countUnsupported);
    if (target.index) throw pqError(PQ.batchSelectKey);
    const key = keyOnlySelect(stmt, target, env);
    if (!key) throw pqError(PQ.batchSelectKey);
    return { read: target, storageKey: encodeTableKey(target.table.key, key), projection: stmt.projection };
  } catch (e) {
    if (e instanceof DynamoError) return e;
    throw e;
  }
}

function itemId(space: string, key: Uint8Array): string {
  return `${space}\u0000${Buffer.from(key).toString('latin1')}`;
}

async function runOne(ctx: RequestContext, r: Resolved, entry: Entry, consistent: boolean, charge: Charge | undefined): Promise<void> {
  if ('read' in r) {
    const target = r.read;
    // A member refused before it ran carries no TableName (recorded on DynamoDB: public
    // conformance suite, tier2 partiql/batchExecuteStatement).
    entry.TableName = target.table.name;
    const raw = await ctx.services.engine.get(target.table.space, r.storageKey);
    const item = parseStoredItem(raw);
    charge?.(target.table, readUnitsFor(item, consistent));
    if (item) entry.Item = project(item, r.projection);
    return;
  }
  const plan = r.write;
  entry.TableName = plan.table.name;
  // ReturnValuesOnConditionCheckFailure is accepted and inert on a batch member: live DynamoDB returns
  // no Item whatever it is set to (conformance suite, tier2 partiql/batchExecuteStatement; dynoxide's
  // eu-west-2 capture), though the API reference describes BatchStatementError.Item.
  let outcome: Awaited<ReturnType<typeof executeWrite>>;
  try {
    outcome = await executeWrite(ctx, plan, false);
  } catch (e) {
    // Sized on the larger of the item stored and the item the statement carried (an INSERT's).
    if (charge && e instanceof DynamoError) {
      const stored = parseStoredItem(await ctx.services.engine.get(plan.table.space, plan.storageKey));
      charge(plan.table, writeUnitsFor(stored, plan.kind === 'insert' ? plan.item : undefined, plan.table), undefined, true);
    }
    throw e;
  }
  charge?.(plan.table, writeUnitsFor(outcome.effect.oldItem, outcome.effect.newItem, plan.table), outcome.indexes);
  // A member's RETURNING row is its Item; an empty projection leaves Item out (recorded on
  // DynamoDB: public conformance suite, tier2 partiql/batchExecuteStatement).
  const [row] = returningItems(plan, outcome.effect);
  if (row) entry.Item = row;
}
