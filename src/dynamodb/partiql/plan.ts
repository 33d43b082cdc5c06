/**
 * Planning: resolves a parsed statement against its table — which key it pins, which rows a
 * SELECT reads (Query over pinned partitions, or Scan), and what a write does to its one item.
 */
import { checkIndexReadable } from '../tables/gsi-updates.js';
import { DynamoError } from '../../protocol/errors.js';
import type { RequestContext } from '../../server/context.js';
import type { CompiledCondition, CompiledUpdate, Cond } from '../expressions/compiled.js';
import { encodeTableKey, type SortKeyOp } from '../keys/key-encoding.js';
import { activeTable } from '../operations/item-support.js';
import { checkIndexKeys } from '../tables/index-keys.js';
import { isMultiAttributeKey } from '../tables/key-schema.js';
import type { IndexDef, KeySchemaDef, TableDef } from '../tables/table-types.js';
import { keyAttributes } from '../values/key.js';
import { checkItemSize } from '../values/size.js';
import { checkItemNesting } from '../values/validate.js';
import type { AttributeValue, Item } from '../values/types.js';
import { typeOf } from '../values/types.js';
import type { Expr, PathExpr, Returning, SelectStatement, Source, Statement } from './ast.js';
import { andAll, type CompileEnv, condition, conjuncts, updateActions } from './compile.js';
import { PQ, pqError, pqMessages } from './errors.js';
import { checkIndexColumns } from './index-read.js';
import { roots } from './roots.js';
import { constantValue, isConstant, positionOf } from './literals.js';

export interface Target {
  table: TableDef;
  index?: IndexDef;
  schema: KeySchemaDef;
  space: string;
}

export async function resolveSource(ctx: RequestContext, src: Source): Promise<Target> {
  const table = await activeTable(ctx, src.table);
  if (src.index === undefined) return { table, schema: table.key, space: table.space };
  const index = table.gsis.find((i) => i.name === src.index) ?? table.lsis.find((i) => i.name === src.index);
  if (!index) throw pqError(table.vectorIndexes?.some((v) => v.name === src.index) === true ? PQ.vectorIndex : PQ.noSuchIndex);
  checkIndexReadable(index);
  // Live DynamoDB refuses every statement on a multi-attribute GSI (while the table itself, its
  // other indexes and writes run), after parsing and parameter conversion and ahead of key types,
  // WHERE requirements and COUNT (conformance suite, October 2026).
  if (isMultiAttributeKey(index.key)) throw pqError(PQ.multiAttributeIndex);
  return { table, index, schema: index.key, space: index.space };
}

interface KeyMatch {
  name: string;
  value: AttributeValue;
}

/** `key = constant` (either side) on a top-level key attribute. */
function keyEquality(e: Expr, names: string[], env: CompileEnv): KeyMatch | undefined {
  if (e.k !== 'bin' || e.op !== '=') return undefined;
  const [p, v] = e.l.k === 'path' ? [e.l, e.r] : [e.r, e.l];
  if (p.k !== 'path' || p.steps.length > 0 || !names.includes(p.root) || !isConstant(v)) return undefined;
  const value = constantValue(v, env.params);
  if (value === undefined) return undefined;
  return { name: p.root, value };
}

/** The full primary key pinned by a WHERE clause, and the conditions left over. */
export function extractKey(schema: KeySchemaDef, where: Expr | undefined, env: CompileEnv): { key: Item; rest: Expr[] } {
  if (!where) throw pqError(PQ.incompleteKey);
  const names = keyAttributes(schema).map((a) => a.name);
  const key: Item = {};
  const rest: Expr[] = [];
  for (const c of conjuncts(where)) {
    const m = keyEquality(c, names, env);
    if (!m) {
      rest.push(c);
      continue;
    }
    if (Object.hasOwn(key, m.name)) throw pqError(pqMessages.multipleKeyConditions(m.name));
    key[m.name] = m.value;
  }
  for (const attr of keyAttributes(schema)) {
    const v = key[attr.name];
    if (v === undefined) throw pqError(PQ.incompleteKey);
    if (typeOf(v) !== attr.type) throw pqError(pqMessages.keyTypeMismatch(attr.name));
  }
  return { key, rest };
}

export type WriteKind = 'insert' | 'update' | 'delete' | 'check';

export interface WritePlan {
  kind: WriteKind;
  table: TableDef;
  key: Item;
  storageKey: Uint8Array;
  item?: Item;
  update?: CompiledUpdate;
  condition?: CompiledCondition;
  returning?: Returning;
}

function restCondition(rest: Expr[], env: CompileEnv): CompiledCondition | undefined {
  const c = andAll(rest.map((e) => condition(e, env)));
  return c ? { root: c } : undefined;
}

export async function planWrite(ctx: RequestContext, stmt: Statement, env: CompileEnv): Promise<WritePlan> {
  if (stmt.kind === 'select') throw DynamoError.internal('not a write');
  const src = stmt.kind === 'exists' ? stmt.select.source : stmt.source;
  if (src.index !== undefined) {
    if (stmt.kind === 'insert') {
      // Recorded with the table name's position; the length counting the quotes is unverified.
      const len = env.text[src.pos] === '"' ? src.table.length + 2 : src.table.length;
      throw pqError(`${PQ.dmlInvalidFrom} at ${positionOf(env.text, src.pos, len)}`);
    }
    if (stmt.kind === 'exists') throw pqError(PQ.txIndexOp);
    throw pqError(PQ.notOnIndex);
  }
  if (stmt.kind === 'insert') {
    if (stmt.value.k !== 'struct' && stmt.value.k !== 'param') {
      throw pqError(stmt.value.k === 'bag' ? PQ.multipleInsert : PQ.itemSyntax);
    }
    const v = constantValue(stmt.value, env.params, 'root', true, env.text);
    if (!v || !('M' in v)) throw pqError(PQ.itemSyntax);
    const item = v.M;
    const target = await resolveSource(ctx, src);
    for (const attr of keyAttributes(target.table.key)) {
      const kv = item[attr.name];
      if (kv === undefined) throw pqError(pqMessages.keyAbsent(attr.name));
      if (typeOf(kv) !== attr.type) throw pqError(pqMessages.keyTypeMismatch(attr.name));
    }
    // Its tuple literal may nest past the limit (parameters are checked on their own, literals not).
    checkItemNesting(item);
    checkItemSize(item);
    checkIndexKeys(target.table, item);
    const storageKey = encodeTableKey(target.table.key, item);
    const key: Item = {};
    for (const a of keyAttributes(target.table.key)) key[a.name] = item[a.name] as AttributeValue;
    return { kind: 'insert', table: target.table, key, storageKey, item };
  }
  const where = stmt.kind === 'exists' ? stmt.select.where : stmt.where;
  const target = await resolveSource(ctx, src);
  const { key, rest } = extractKey(target.table.key, where, env);
  const plan: WritePlan = {
    kind: stmt.kind === 'exists' ? 'check' : stmt.kind,
    table: target.table,
    key,
    storageKey: encodeTableKey(target.table.key, key),
  };
  if (stmt.kind === 'exists' && rest.length === 0) throw pqError(PQ.existsShape);
  const cond = restCondition(rest, env);
  if (cond) plan.condition = cond;
  if (stmt.kind === 'update') {
    plan.update = { actions: updateActions(stmt.actions, env) };
    if (stmt.returning) plan.returning = stmt.returning;
  }
  if (stmt.kind === 'delete' && stmt.returning) {
    const r = stmt.returning;
    if (r.mode !== 'ALL' || r.side !== 'OLD') throw pqError(pqMessages.deleteReturning(`${r.mode} ${r.side} *`));
    plan.returning = r;
  }
  return plan;
}

export interface SortBound {
  op: SortKeyOp;
  values: AttributeValue[];
}

export interface SelectPlan {
  target: Target;
  /** Pinned partition key values (Query); undefined = Scan. */
  partitions?: AttributeValue[];
  sort?: SortBound;
  filter?: CompiledCondition;
  projection?: PathExpr[];
  reverse: boolean;
  /** Complete each index row from the base table (an LSI asked for columns it does not project). */
  fetchFromTable?: boolean;
}

const SORT_OPS: Record<string, SortKeyOp> = { '=': 'EQ', '<': 'LT', '<=': 'LE', '>': 'GT', '>=': 'GE' };

function sortBound(e: Expr, name: string, type: string, env: CompileEnv): SortBound | undefined {
  const isKey = (x: Expr): boolean => x.k === 'path' && x.root === name && x.steps.length === 0;
  const val = (x: Expr): AttributeValue | undefined => (isConstant(x) ? constantValue(x, env.params) : undefined);
  const ok = (vs: (AttributeValue | undefined)[]): vs is AttributeValue[] => vs.every((v) => v !== undefined && typeOf(v) === type);
  if (e.k === 'bin' && SORT_OPS[e.op] && isKey(e.l)) {
    const v = [val(e.r)];
    return ok(v) ? { op: SORT_OPS[e.op] as SortKeyOp, values: v } : undefined;
  }
  if (e.k === 'between' && !e.not && isKey(e.e)) {
    const v = [val(e.lo), val(e.hi)];
    return ok(v) ? { op: 'BETWEEN', values: v } : undefined;
  }
  if (e.k === 'call' && e.name === 'begins_with' && e.args.length === 2 && isKey(e.args[0] as Expr) && type !== 'N') {
    const v = [val(e.args[1] as Expr)];
    return ok(v) ? { op: 'BEGINS_WITH', values: v } : undefined;
  }
  return undefined;
}

function disjuncts(e: Expr | undefined): Expr[] {
  if (!e) return [];
  if (e.k === 'bin' && e.op === 'or') return [...disjuncts(e.l), ...disjuncts(e.r)];
  return [e];
}

/** True if `e` reads the top-level attribute `name` anywhere. */
function mentions(e: Expr, name: string): boolean {
  const read: string[] = [];
  roots(e, read);
  return read.includes(name);
}

/**
 * DynamoDB refuses OR branches on one partition where one branch bounds the sort key and another
 * reads the whole partition (recorded against live DynamoDB). A branch whose sort-key condition is
 * not a bound (negated, `<>`) takes no part: `pk = 'p' AND NOT sk = '1' OR pk = 'p' AND sk = '2'`
 * runs (public conformance suite, tier2 partiql/whereOverlap, live DynamoDB 2026). Other overlaps
 * are not refused here.
 */
function checkOverlappingRanges(where: Expr | undefined, schema: Target['schema'], env: CompileEnv): void {
  const range = schema.range;
  const branches = disjuncts(where);
  if (!range || branches.length < 2) return;
  const groups = new Map<string, boolean[]>();
  for (const b of branches) {
    const cs = conjuncts(b);
    const m = cs.map((c) => keyEquality(c, [schema.hash.name], env)).find((x) => x !== undefined);
    if (!m) return;
    const bounds = cs.map((c) => sortBound(c, range.name, range.type, env) !== undefined);
    if (cs.some((c, i) => !bounds[i] && mentions(c, range.name))) continue;
    const bounded = bounds.includes(true);
    const k = JSON.stringify(m.value);
    groups.set(k, [...(groups.get(k) ?? []), bounded]);
  }
  for (const g of groups.values()) {
    if (g.includes(true) && g.includes(false)) throw pqError(PQ.overlapRange);
  }
}

export async function planSelect(ctx: RequestContext, stmt: SelectStatement, env: CompileEnv, consistent: boolean): Promise<SelectPlan> {
  // The WHERE clause compiles (operand-type checks included) before the table is looked up: a
  // statement-level refusal wins over ResourceNotFound (public conformance suite,
  // tier3 validation-ordering/partiql, live DynamoDB).
  const filter = stmt.where ? { root: condition(stmt.where, env) as Cond } : undefined;
  const target = await resolveSource(ctx, stmt.source);
  if (stmt.countOnIndex) throw pqError(PQ.countUnsupported);
  if (target.index?.kind === 'GSI' && consistent) throw pqError(PQ.consistentGsi);
  const plan: SelectPlan = { target, reverse: false };
  if (filter) plan.filter = filter;
  if (stmt.projection) plan.projection = stmt.projection;
  const hash = target.schema.hash;
  checkOverlappingRanges(stmt.where, target.schema, env);
  for (const c of conjuncts(stmt.where)) {
    const m = keyEquality(c, [hash.name], env);
    if (m) {
      plan.partitions = typeOf(m.value) === hash.type ? [m.value] : [];
      break;
    }
    if (c.k === 'in' && !c.not && c.e.k === 'path' && c.e.root === hash.name && c.e.steps.length === 0 && (c.list.k === 'list' || c.list.k === 'bag') && c.list.items.every(isConstant)) {
      const seen = new Set<string>();
      plan.partitions = [];
      for (const x of c.list.items) {
        const v = constantValue(x, env.params);
        if (!v || typeOf(v) !== hash.type || seen.has(JSON.stringify(v))) continue;
        seen.add(JSON.stringify(v));
        plan.partitions.push(v);
      }
      break;
    }
  }
  if (checkIndexColumns(target, stmt, plan.partitions !== undefined)) plan.fetchFromTable = true;
  const range = target.schema.range;
  if (plan.partitions && range) {
    for (const c of conjuncts(stmt.where)) {
      const b = sortBound(c, range.name, range.type, env);
      if (b) {
        plan.sort = b;
        break;
      }
    }
  }
  if (stmt.orderBy.length > 0) {
    if (!stmt.where) throw pqError(PQ.orderByNeedsWhere);
    if (!plan.partitions) throw pqError(PQ.orderByNeedsHash);
    for (const o of stmt.orderBy) {
      if (o.path.steps.length > 0 || (o.path.root !== hash.name && o.path.root !== range?.name)) {
        throw pqError(pqMessages.orderByAttribute(o.path.root));
      }
    }
    const first = stmt.orderBy.find((o) => o.path.root === range?.name) ?? stmt.orderBy[0];
    plan.reverse = first?.desc ?? false;
  }
  return plan;
}

/** SELECT by full primary key only (batch and transaction reads). */
export function keyOnlySelect(stmt: SelectStatement, target: Target, env: CompileEnv): Item | undefined {
  try {
    const { key, rest } = extractKey(target.table.key, stmt.where, env);
    return rest.length === 0 ? key : undefined;
  } catch (e) {
    if (e instanceof DynamoError && e.message === PQ.incompleteKey) return undefined;
    throw e;
  }
}
