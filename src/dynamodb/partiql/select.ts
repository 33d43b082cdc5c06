/**
 * Executes a planned SELECT: reads pinned partitions in order (Query) or the whole key space
 * (Scan), `Limit` counting evaluated items, pages of at most 1 MB, NextToken over the position.
 */
import { createHash } from 'node:crypto';
import type { RequestContext } from '../../server/context.js';
import type { RangeQuery } from '../../storage/engine.js';
import { evaluateCondition } from '../expressions/evaluate.js';
import { getPath } from '../expressions/paths.js';
import { encodeTableKey, partitionBounds, rangeBounds } from '../keys/key-encoding.js';
import { itemSize } from '../values/size.js';
import type { Item } from '../values/types.js';
import type { PathExpr } from './ast.js';
import { PQ, pqError } from './errors.js';
import type { SelectPlan } from './plan.js';

const MAX_PAGE_BYTES = 1024 * 1024;
const CHUNK = 256;

export interface SelectResult {
  items: Item[];
  nextToken?: string;
  lastEvaluatedKey?: Item;
  bytesRead: number;
  /** Sizes of the items fetched from the base table (each charged on its own). */
  fetched: number[];
}

interface Position {
  /** Index into the partition list (0 for a scan). */
  p: number;
  /** Base64 storage key of the last evaluated row. */
  k: string;
  /** Fingerprint of the request the token belongs to. */
  f: string;
}

export function fingerprint(statement: string, params: unknown): string {
  return createHash('sha256').update(JSON.stringify([statement, params ?? null])).digest('base64url').slice(0, 22);
}

export function decodeToken(token: string, fp: string): Position {
  let pos: Position;
  try {
    pos = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as Position;
  } catch {
    throw pqError(PQ.invalidNextToken);
  }
  if (typeof pos !== 'object' || pos === null || typeof pos.p !== 'number' || typeof pos.k !== 'string') throw pqError(PQ.invalidNextToken);
  if (pos.f !== fp) throw pqError(PQ.tokenMismatch);
  return pos;
}

function ranges(plan: SelectPlan): RangeQuery[] {
  const { space, schema } = plan.target;
  if (!plan.partitions) return [{ space }];
  return plan.partitions.map((v) => {
    const b = plan.sort && schema.range ? rangeBounds(schema, v, plan.sort.op, plan.sort.values) : partitionBounds(schema, v);
    const q: RangeQuery = { space, reverse: plan.reverse };
    if (b.start) q.start = b.start;
    if ('startExclusive' in b && b.startExclusive) q.startExclusive = true;
    if (b.end) q.end = b.end;
    if ('endInclusive' in b && b.endInclusive) q.endInclusive = true;
    return q;
  });
}

/** The name a projected path gets in the result: its last map key, or `name[i]` for a list index. */
export function projectedName(p: PathExpr): string {
  let name = p.root;
  for (const s of p.steps) name = typeof s === 'number' ? `${name}[${s}]` : s;
  return name;
}

export function project(item: Item, projection: PathExpr[] | undefined): Item {
  if (!projection) return item;
  const out: Item = {};
  for (const p of projection) {
    const v = getPath(item, [p.root, ...p.steps]);
    if (v !== undefined) out[projectedName(p)] = v;
  }
  return out;
}

function keyOf(plan: SelectPlan, item: Item): Item {
  const out: Item = {};
  const t = plan.target;
  for (const n of [t.table.key.hash.name, t.table.key.range?.name, t.index?.key.hash.name, t.index?.key.range?.name]) {
    if (n === undefined) continue;
    const v = item[n];
    if (v !== undefined) out[n] = v;
  }
  return out;
}

export async function runSelect(
  ctx: RequestContext,
  plan: SelectPlan,
  opts: { limit?: number; start?: Position; fp: string },
): Promise<SelectResult> {
  const all = ranges(plan);
  const items: Item[] = [];
  const fetched: number[] = [];
  let scanned = 0;
  let bytes = 0;
  for (let p = opts.start?.p ?? 0; p < all.length; p++) {
    const range: RangeQuery = { ...(all[p] as RangeQuery) };
    if (opts.start && p === opts.start.p) {
      const after = Buffer.from(opts.start.k, 'base64');
      if (range.reverse) {
        range.end = after;
        range.endInclusive = false;
      } else {
        range.start = after;
        range.startExclusive = true;
      }
    }
    for (;;) {
      const want = opts.limit === undefined ? CHUNK : Math.min(CHUNK, opts.limit - scanned);
      const rows = await ctx.services.engine.range({ ...range, limit: want });
      for (const row of rows) {
        const item = JSON.parse(row.value) as Item;
        scanned++;
        bytes += itemSize(item);
        // Every walked row is fetched (and charged), kept or not.
        const whole = plan.fetchFromTable ? await baseItem(ctx, plan, item, fetched) : item;
        if (!plan.filter || evaluateCondition(plan.filter, item)) items.push(project(whole, plan.projection));
        const full = (opts.limit !== undefined && scanned >= opts.limit) || bytes >= MAX_PAGE_BYTES;
        const moreHere = row !== rows[rows.length - 1] || rows.length === want;
        if (full && (moreHere || p < all.length - 1)) {
          const pos: Position = { p, k: Buffer.from(row.key).toString('base64'), f: opts.fp };
          return {
            items,
            nextToken: Buffer.from(JSON.stringify(pos)).toString('base64url'),
            lastEvaluatedKey: keyOf(plan, item),
            bytesRead: bytes,
            fetched,
          };
        }
        if (full) return { items, bytesRead: bytes, fetched };
      }
      const last = rows[rows.length - 1];
      if (rows.length < want || !last) break;
      if (range.reverse) {
        range.end = last.key;
        range.endInclusive = false;
      } else {
        range.start = last.key;
        range.startExclusive = true;
      }
    }
  }
  return { items, bytesRead: bytes, fetched };
}

/** The base-table item behind an index row (the row itself if the item is gone). */
async function baseItem(ctx: RequestContext, plan: SelectPlan, row: Item, fetched: number[]): Promise<Item> {
  const t = plan.target;
  const raw = await ctx.services.engine.get(t.table.space, encodeTableKey(t.table.key, row));
  if (raw === undefined) return row;
  const item = JSON.parse(raw) as Item;
  fetched.push(itemSize(item));
  return item;
}
