import { vectorWriteCapacity } from '../vectors/vector-capacity.js';
import { billedItemSize } from '../vectors/vector-billing.js';
import { DynamoError } from '../../protocol/errors.js';
import { evaluateCondition } from '../expressions/index.js';
import type { CompiledCondition } from '../expressions/compiled.js';
import type { RequestContext, TableCatalog } from '../../server/context.js';
import type { TableDef } from '../tables/table-types.js';
import type { IndexWrite } from '../tables/item-writes.js';
import { projectForIndex } from '../tables/index-projection.js';
import type { Item } from '../values/types.js';
import { readCapacityUnits, writeCapacityUnits } from '../values/capacity.js';
import { isDeepRequest } from '../../protocol/request-layers.js';
import { currentLayerError } from '../values/layers.js';
import { itemSize } from '../values/size.js';

/** Shared pieces of the single-item operations: table lookup, capacity, item-collection metrics. */

const ENVELOPE = '1 validation error detected: ';
/** Messages PutItem, UpdateItem and DeleteItem still report bare before the table is read. */
const BARE_BEFORE_TABLE = ['Item size has exceeded the maximum allowed size'];

/**
 * PutItem, UpdateItem and DeleteItem report the request checks made before the table is read
 * (expression/non-expression rules, the item's, key's and expression values, ReturnValues,
 * Expected, the expressions themselves) inside the `1 validation error detected: ` envelope. Live
 * DynamoDB, eu-west-2 and us-east-1, 2026-10-09 (conformance suite tier3 error-messages put/
 * update/delete and valueLayers); dynalite recorded them bare. Errors found once the table is
 * known (key schema, index keys, key attributes in an update) stay bare.
 */
export function envelopeRequestError(thrown: unknown, input: Record<string, unknown>): unknown {
  // Bare in either layer; decided before isDeepRequest, a walk over the whole (here oversize) item.
  if (thrown instanceof DynamoError && BARE_BEFORE_TABLE.includes(thrown.message)) return thrown;
  // A request nested past ~62 levels is answered by the older layer: no envelope, older wording.
  if (isDeepRequest(input)) return thrown;
  const err = currentLayerError(thrown);
  if (!(err instanceof DynamoError) || err.code !== 'ValidationException') return err;
  const m = err.message;
  if (/^\d+ validation errors? detected: /.test(m) || BARE_BEFORE_TABLE.includes(m)) return err;
  return DynamoError.validation(ENVELOPE + m);
}

/**
 * A catalog with a synchronous fast path (TableManager.cached): the table when this node's copy
 * is known to be current (see StorageEngine.catalogVersion), else undefined.
 */
type CachingCatalog = TableCatalog & { cached?(ctx: RequestContext, nameOrArn: string): TableDef | undefined };

/** The table, synchronously when this node's cached copy is current (no promise hops), else read. */
export function activeTable(ctx: RequestContext, name: string): TableDef | Promise<TableDef> {
  const tables: CachingCatalog = ctx.services.tables;
  const hit = tables.cached?.(ctx, name);
  if (hit !== undefined) return checkActive(hit);
  return tables.get(ctx, name).then(checkActive);
}

function checkActive(table: TableDef): TableDef {
  if (table.status === 'CREATING' || table.status === 'DELETING') {
    throw DynamoError.resourceNotFound('Requested resource not found');
  }
  return table;
}

export function parseStoredItem(raw: string | undefined): Item | undefined {
  return raw === undefined ? undefined : (JSON.parse(raw) as Item);
}

/**
 * Inside a write's atomic apply: the stored item, after checking the request's condition against
 * it (ConditionalCheckFailedException, with the old item when ReturnValuesOnConditionCheckFailure
 * is ALL_OLD).
 */
export function conditionedOldItem(
  raw: string | undefined,
  condition: CompiledCondition | undefined,
  returnOldOnFailure: boolean,
  beforeCondition?: (oldItem: Item | undefined) => void,
): Item | undefined {
  const oldItem = parseStoredItem(raw);
  beforeCondition?.(oldItem);
  if (condition && !evaluateCondition(condition, oldItem)) {
    throw DynamoError.conditionalCheckFailed(returnOldOnFailure ? oldItem : undefined);
  }
  return oldItem;
}

export type CapacityMode = 'TOTAL' | 'INDEXES' | 'NONE' | undefined;

/** Units consumed on a table or index; transactions also say whether they were reads or writes. */
export interface Capacity {
  CapacityUnits: number;
  ReadCapacityUnits?: number;
  WriteCapacityUnits?: number;
}

export interface ConsumedCapacity extends Capacity {
  TableName: string;
  Table?: Capacity;
  GlobalSecondaryIndexes?: Record<string, Capacity>;
  LocalSecondaryIndexes?: Record<string, Capacity>;
  /** Vector search: per vector index, the bytes a write sent to it (INDEXES only). */
  VectorIndexes?: Record<string, { VectorWriteRequestBytes: number }>;
}

/**
 * Repeats the CapacityUnits of a transaction's entry, and of each entry of its INDEXES breakdown,
 * as ReadCapacityUnits or WriteCapacityUnits: DynamoDB names the kind beside the total in
 * TransactGetItems and TransactWriteItems answers (a TransactGetItems breakdown's
 * `Table.ReadCapacityUnits`: conformance suite; the top-level split and the write side: ExtendDB
 * issues 76/77 and PRs 84/212, u19r/aux-storage's parity tests, the conformance suite's PR 67).
 * The split on index entries is unverified. Single-item, batch, Query and Scan answers have none.
 */
export function withReadUnitsBreakdown(cc: ConsumedCapacity, kind: 'ReadCapacityUnits' | 'WriteCapacityUnits' = 'ReadCapacityUnits'): ConsumedCapacity {
  const split = (c: Capacity): void => {
    c[kind] = c.CapacityUnits;
  };
  split(cc);
  if (cc.Table) split(cc.Table);
  for (const c of Object.values(cc.GlobalSecondaryIndexes ?? {})) split(c);
  for (const c of Object.values(cc.LocalSecondaryIndexes ?? {})) split(c);
  return cc;
}

/** Read capacity of one item read (a missing item still costs one unit, halved if eventually consistent). */
export function readUnitsFor(item: Item | undefined, consistent: boolean): number {
  return readCapacityUnits(item ? itemSize(item) : 0, consistent);
}

/**
 * Write capacity: charged on the larger of the old and new item, at least one unit. With the
 * table, each item is sized as a write bills it (a vector at 4 bytes per dimension:
 * vectors/vector-billing.ts).
 */
export function writeUnitsFor(oldItem: Item | undefined, newItem: Item | undefined, table?: TableDef): number {
  const sized = (item: Item): number => (table?.vectorIndexes !== undefined ? billedItemSize(table, item) : itemSize(item));
  const size = Math.max(oldItem ? sized(oldItem) : 0, newItem ? sized(newItem) : 0);
  return writeCapacityUnits(size);
}

/**
 * Write units of one index's row change, sized on the projected entries (not the base item): an
 * entry written or removed costs its own size; one rewritten in place costs the larger of the two;
 * a moved index key costs both, each rounded on its own. As measured on DynamoDB (dynoxide's
 * CHANGELOG and issue #176, eu-west-2, 2026-08: a 3017-byte entry removed costs 3, a move from it
 * to an 18-byte entry 4, a 2017-byte entry shrunk in place to 117 bytes 2).
 */
export function indexWriteUnits(w: IndexWrite): number {
  const before = w.oldItem ? writeCapacityUnits(itemSize(projectForIndex(w.table, w.index, w.oldItem))) : 0;
  const after = w.written ? writeCapacityUnits(itemSize(w.written)) : 0;
  return w.removed ? before + after : Math.max(before, after);
}

export function consumedCapacity(
  mode: CapacityMode,
  table: TableDef,
  tableUnits: number,
  indexes: { index: { name: string; kind: 'GSI' | 'LSI' }; units: number }[] = [],
  multiplier = 1,
): ConsumedCapacity | undefined {
  if (mode !== 'TOTAL' && mode !== 'INDEXES') return undefined;
  const base = tableUnits * multiplier;
  let total = base;
  const gsis: Record<string, { CapacityUnits: number }> = {};
  const lsis: Record<string, { CapacityUnits: number }> = {};
  let haveG = false;
  let haveL = false;
  // The transactional factor applies to the table arm alone: an index arm inside a transaction
  // costs what the same write costs outside one (dynoxide PR 188, measured on DynamoDB, eu-west-2).
  for (const { index, units: u } of indexes) {
    total += u;
    if (index.kind === 'GSI') {
      gsis[index.name] = { CapacityUnits: (gsis[index.name]?.CapacityUnits ?? 0) + u };
      haveG = true;
    } else {
      lsis[index.name] = { CapacityUnits: (lsis[index.name]?.CapacityUnits ?? 0) + u };
      haveL = true;
    }
  }
  const out: ConsumedCapacity = { TableName: table.name, CapacityUnits: total };
  if (mode === 'INDEXES') {
    out.Table = { CapacityUnits: base };
    if (haveG) out.GlobalSecondaryIndexes = gsis;
    if (haveL) out.LocalSecondaryIndexes = lsis;
  }
  return out;
}

export function writeCapacity(
  mode: CapacityMode,
  table: TableDef,
  oldItem: Item | undefined,
  newItem: Item | undefined,
  indexes: IndexWrite[],
): ConsumedCapacity | undefined {
  if (mode !== 'TOTAL' && mode !== 'INDEXES') return undefined;
  const cc = consumedCapacity(
    mode,
    table,
    writeUnitsFor(oldItem, newItem, table),
    indexes.map((w) => ({ index: w.index, units: indexWriteUnits(w) })),
  );
  if (cc && mode === 'INDEXES' && table.vectorIndexes !== undefined) {
    const vectors = vectorWriteCapacity(table, oldItem, newItem);
    if (vectors) cc.VectorIndexes = vectors;
  }
  return cc;
}

/**
 * ItemCollectionMetrics for tables with local secondary indexes (DynamoDB returns them only
 * then). The estimate is a 1 GB range around the collection's size.
 */
export function itemCollectionMetrics(
  requested: unknown,
  table: TableDef,
  key: Item,
  collectionBytes: number,
): Record<string, unknown> | undefined {
  if (requested !== 'SIZE' || table.lsis.length === 0) return undefined;
  const hash = key[table.key.hash.name];
  const gb = collectionBytes / (1024 * 1024 * 1024);
  const lower = Math.floor(gb);
  return {
    ItemCollectionKey: hash ? { [table.key.hash.name]: hash } : {},
    SizeEstimateRangeGB: [lower, lower + 1],
  };
}

export function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}
