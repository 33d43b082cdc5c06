import { DynamoError } from '../../protocol/errors.js';
import type { OperationHandler, RequestContext } from '../../server/context.js';
import type { Write } from '../../storage/engine.js';
import { encodeTableKey } from '../keys/key-encoding.js';
import type { SelectStatement } from '../partiql/ast.js';
import { PQ, pqError, pqMessages } from '../partiql/errors.js';
import { keyOnlySelect, planWrite, resolveSource, type WritePlan } from '../partiql/plan.js';
import { validateParameters } from '../partiql/parameters.js';
import { parseStatement } from '../partiql/parser.js';
import { bindParameters, type PreparedStatement } from '../partiql/prepare.js';
import { project } from '../partiql/select.js';
import { applyWrite, type WriteEffect } from '../partiql/write.js';
import { type IndexWrite, itemChangeWrites } from '../tables/item-writes.js';
import type { TableDef } from '../tables/table-types.js';
import { readCapacityUnits } from '../values/capacity.js';
import { itemSize } from '../values/size.js';
import type { Item } from '../values/types.js';
import { type CapacityMode, consumedCapacity, type ConsumedCapacity, indexWriteUnits, parseStoredItem, writeUnitsFor } from './item-support.js';
import { IDEMPOTENCY_WINDOW_MS, idempotentMismatch, sizedImage, type TokenRecord, transactionCanceled } from './transact-write-items.js';
import { requestFingerprint } from '../transactions/request-fingerprint.js';

/**
 * ExecuteTransaction: up to 100 statements, all SELECTs by full primary key (one consistent read)
 * or all writes (INSERT / UPDATE / DELETE / EXISTS condition checks) committed in one atomic.
 * https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_ExecuteTransaction.html
 */
interface Reason {
  Code: string;
  Message?: string;
  Item?: Item;
}

interface ReadPlan {
  table: TableDef;
  key: Item;
  stmt: SelectStatement;
}

export const handler: OperationHandler = async (ctx, input) => {
  const entries = input.TransactStatements as Record<string, unknown>[];
  const prepared: PreparedStatement[] = entries.map((s, i) => {
    const text = s.Statement as string;
    const stmt = inMember(i, () => parseStatement(text));
    // A bad parameter value is reported without the "Validation failed in TransactStatements[i]"
    // prefix (recorded on DynamoDB: partiqlParameterNumbers in the public conformance suite).
    const params = validateParameters(s.Parameters);
    return inMember(i, () => bindParameters(stmt, text, params));
  });
  const reads = prepared.filter((p) => p.stmt.kind === 'select').length;
  if (reads > 0 && reads < prepared.length) throw pqError(PQ.txMixed);
  const mode = input.ReturnConsumedCapacity as CapacityMode;
  if (reads > 0) return readTransaction(ctx, prepared, mode);

  const plans: WritePlan[] = [];
  const seen = new Set<string>();
  for (let i = 0; i < prepared.length; i++) {
    const p = prepared[i] as PreparedStatement;
    const plan = await inMemberAsync(i, async () => {
      if ((p.stmt.kind === 'update' || p.stmt.kind === 'delete') && p.stmt.returning) throw pqError(PQ.txReturning);
      return planWrite(ctx, p.stmt, p.env);
    });
    const id = `${plan.table.space}\u0000${Buffer.from(plan.storageKey).toString('latin1')}`;
    if (seen.has(id)) throw DynamoError.validation('Transaction request cannot include multiple operations on one item');
    seen.add(id);
    plans.push(plan);
  }
  const returnOld = entries.map((e) => e.ReturnValuesOnConditionCheckFailure === 'ALL_OLD');
  const token = input.ClientRequestToken as string | undefined;
  const fingerprint = token === undefined ? '' : requestFingerprint(entries);
  const tokenKey = token === undefined ? undefined : `txtoken/${ctx.namespace}/partiql/${token}`;
  const now = ctx.services.clock.now();

  let replaySizes: number[] | undefined;
  const indexWrites: IndexWrite[][] = [];
  const { result } = await ctx.services.engine.atomic({
    reads: plans.map((p) => ({ space: p.table.space, key: p.storageKey })),
    catalogReads: tokenKey ? [tokenKey] : [],
    apply: (current, catalog) => {
      replaySizes = undefined; // apply may run again (a retried storage transaction)
      indexWrites.length = 0;
      if (tokenKey && catalog[0] !== undefined) {
        const previous = JSON.parse(catalog[0]) as TokenRecord;
        if (previous.expiresAt > now) {
          if (previous.fingerprint !== fingerprint) throw idempotentMismatch();
          replaySizes = previous.sizes ?? [];
          return { writes: [], result: [] as WriteEffect[] };
        }
      }
      const effects: WriteEffect[] = [];
      const reasons: Reason[] = [];
      let failed = false;
      plans.forEach((plan, i) => {
        const oldItem = parseStoredItem(current[i]);
        try {
          effects.push(applyWrite(plan, oldItem, returnOld[i] === true));
          reasons.push({ Code: 'None' });
        } catch (e) {
          if (!(e instanceof DynamoError)) throw e;
          failed = true;
          reasons.push(reasonFor(e));
        }
      });
      if (failed) throw transactionCanceled(reasons);
      const writes: Write[] = [];
      plans.forEach((plan, i) => {
        const effect = effects[i] as WriteEffect;
        if (plan.kind === 'check') return;
        const change = itemChangeWrites(plan.table, { key: plan.storageKey, oldItem: effect.oldItem, newItem: effect.newItem }, { now });
        writes.push(...change.writes);
        indexWrites[i] = change.indexes;
      });
      if (tokenKey) {
        const record: TokenRecord = { fingerprint, expiresAt: now + IDEMPOTENCY_WINDOW_MS, sizes: effects.map(sizedImage) };
        writes.push({ kind: 'catalog-put', key: tokenKey, value: JSON.stringify(record) });
      }
      return { writes, result: effects };
    },
  });
  // A committed write transaction still carries an empty Responses list (recorded on DynamoDB).
  const out: Record<string, unknown> = { Responses: [] };
  if (mode === 'TOTAL' || mode === 'INDEXES') {
    // A replay under the same token reads the stored result: a transactional read (2 units per
    // statement) instead of the write. Each entry names its kind beside CapacityUnits (recorded on
    // DynamoDB: public conformance suite, tier2 partiql/executeTransaction).
    // A replay is billed on the images the first call was sized on, at 4 KB read granularity
    // (dynoxide's CHANGELOG, PR 188); index arms are not doubled (consumedCapacity).
    const replay = result.length === 0;
    const per = new Map<string, { table: TableDef; units: number; indexes: { index: IndexWrite['index']; units: number }[] }>();
    plans.forEach((p, i) => {
      const e = result[i];
      const acc = per.get(p.table.name) ?? { table: p.table, units: 0, indexes: [] };
      acc.units += replay ? readCapacityUnits(replaySizes?.[i] ?? 0, true) : writeUnitsFor(e?.oldItem, e?.newItem ?? p.item, p.table);
      for (const w of indexWrites[i] ?? []) acc.indexes.push({ index: w.index, units: indexWriteUnits(w) });
      per.set(p.table.name, acc);
    });
    out.ConsumedCapacity = [...per.values()]
      .map((a) => consumedCapacity(mode, a.table, a.units, a.indexes, 2))
      .filter((c): c is ConsumedCapacity => c !== undefined)
      .map((c) => ({ ...c, [replay ? 'ReadCapacityUnits' : 'WriteCapacityUnits']: c.CapacityUnits }));
  }
  return out;
};

function reasonFor(e: DynamoError): Reason {
  switch (e.code) {
    case 'ConditionalCheckFailedException': {
      const r: Reason = { Code: 'ConditionalCheckFailed', Message: e.message };
      const item = e.extra?.Item as Item | undefined;
      if (item) r.Item = item;
      return r;
    }
    case 'DuplicateItemException':
      return { Code: 'DuplicateItem', Message: e.message };
    case 'ValidationException':
      return { Code: 'ValidationError', Message: e.message };
    default:
      throw e;
  }
}

function wrap(i: number, e: unknown): unknown {
  if (e instanceof DynamoError && e.code === 'ValidationException') return DynamoError.validation(pqMessages.txValidation(i, e.message));
  return e;
}

function inMember<T>(i: number, fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    throw wrap(i, e);
  }
}

async function inMemberAsync<T>(i: number, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    throw wrap(i, e);
  }
}

async function readTransaction(ctx: RequestContext, prepared: PreparedStatement[], mode: CapacityMode): Promise<Record<string, unknown>> {
  const plans: ReadPlan[] = [];
  for (let i = 0; i < prepared.length; i++) {
    const { stmt, env } = prepared[i] as PreparedStatement;
    if (stmt.kind !== 'select') throw DynamoError.internal();
    plans.push(
      await inMemberAsync(i, async () => {
        // Refused before the table or index is looked up, like the write-side index check.
        if (stmt.countOnIndex) throw pqError(PQ.countUnsupported);
        if (stmt.source.index !== undefined) throw pqError(PQ.txIndexRead);
        const target = await resolveSource(ctx, stmt.source);
        const key = keyOnlySelect(stmt, target, env);
        if (!key) throw pqError(PQ.txSelectKey);
        return { table: target.table, key, stmt };
      }),
    );
  }
  const keys = plans.map((p) => ({ space: p.table.space, key: encodeTableKey(p.table.key, p.key) }));
  // One item read twice is refused as in a write transaction, once every statement resolved
  // (dynoxide's eu-west-2 captures: "reads included").
  const seen = new Set(keys.map((k) => `${k.space}\u0000${Buffer.from(k.key).toString('latin1')}`));
  if (seen.size < keys.length) throw DynamoError.validation('Transaction request cannot include multiple operations on one item');
  const raws = await ctx.services.engine.getMany(keys);
  const responses = raws.map((raw, i) => {
    const item = parseStoredItem(raw);
    const plan = plans[i] as ReadPlan;
    return item ? { Item: project(item, plan.stmt.projection) } : {};
  });
  const out: Record<string, unknown> = { Responses: responses };
  if (mode === 'TOTAL' || mode === 'INDEXES') {
    const per = new Map<string, { table: TableDef; units: number }>();
    raws.forEach((raw, i) => {
      const p = plans[i] as ReadPlan;
      const acc = per.get(p.table.name) ?? { table: p.table, units: 0 };
      acc.units += readCapacityUnits(raw === undefined ? 0 : itemSize(JSON.parse(raw) as Item), true);
      per.set(p.table.name, acc);
    });
    out.ConsumedCapacity = [...per.values()].map((a) => consumedCapacity(mode, a.table, a.units, [], 2)).filter((c): c is ConsumedCapacity => c !== undefined);
  }
  return out;
}
