import { DynamoError } from '../../protocol/errors.js';
import type { OperationHandler, RequestContext } from '../../server/context.js';
import type { ReadRef, Write } from '../../storage/engine.js';
import { encodeTableKey } from '../keys/key-encoding.js';
import { checkIndexKeys } from '../tables/index-keys.js';
import { changeNeedsOldItem, type IndexWrite, itemChangeWrites } from '../tables/item-writes.js';
import type { TableDef } from '../tables/table-types.js';
import { extractKeyFromItem, validateKey } from '../values/key.js';
import { MAX_ITEM_SIZE_BYTES } from '../values/size.js';
import type { AttributeValue, Item } from '../values/types.js';
import { measureItem, mayHoldOversizeItem } from '../values/measure.js';
import { prepareItem, validateItem } from '../values/validate.js';
import {
  activeTable,
  type CapacityMode,
  type ConsumedCapacity,
  consumedCapacity,
  indexWriteUnits,
  itemCollectionMetrics,
  parseStoredItem,
  writeUnitsFor,
} from './item-support.js';
import { addVectorWriteCapacity, type VectorWriteCapacity } from '../vectors/vector-capacity.js';

/**
 * BatchWriteItem: https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_BatchWriteItem.html
 * Each request is an independent put or delete (no conditions); Eddy commits the whole batch in one
 * storage transaction, which is allowed (DynamoDB promises no atomicity) and far cheaper.
 * UnprocessedItems is always empty until throttling exists.
 */
export const MAX_BATCH_WRITE = 25;

interface Parsed {
  tableName: string;
  kind: 'put' | 'delete';
  item: Item; // the item (put) or key (delete)
  json: string | undefined; // put: the stored text of the item (JSON.stringify(item))
  bytes: number | undefined; // put: the UTF-8 length of json
}

type Effect = { oldItem: Item | undefined; indexes: IndexWrite[] };

export const handler: OperationHandler = async (ctx, input) => {
  const requestItems = input.RequestItems as Record<string, Record<string, unknown>[]>;
  const parsed: Parsed[] = [];
  const large = mayHoldOversizeItem(ctx.requestBytes);
  for (const [tableName, requests] of Object.entries(requestItems)) {
    for (const request of requests) {
      const put = request.PutRequest as Record<string, unknown> | undefined;
      const del = request.DeleteRequest as Record<string, unknown> | undefined;
      // Only an empty request gets this (odd) message; with both, the PutRequest wins (dynalite).
      if (!put && !del) {
        throw DynamoError.validation('Supplied AttributeValue has more than one datatypes set, must contain exactly one of the supported datatypes');
      }
      if (put) {
        // As PutItem: in a body over 400 KB, an item is measured before it is built (values/measure.ts).
        if (large && measureItem(put.Item) > MAX_ITEM_SIZE_BYTES) throw DynamoError.validation('Item size has exceeded the maximum allowed size');
        const prepared = prepareItem(put.Item, ctx.escapeFree === true);
        if (prepared.size > MAX_ITEM_SIZE_BYTES) throw DynamoError.validation('Item size has exceeded the maximum allowed size');
        parsed.push({ tableName, kind: 'put', item: prepared.item, json: prepared.json, bytes: prepared.bytes });
      } else if (del) {
        parsed.push({ tableName, kind: 'delete', item: validateItem(del.Key), json: undefined, bytes: undefined });
      }
    }
  }
  if (parsed.length > MAX_BATCH_WRITE) throw DynamoError.validation('Too many items requested for the BatchWriteItem call');
  // An empty RequestItems map. Regions differ while DynamoDB moves to a newer validation wording
  // ("Value at 'RequestItems' failed to satisfy constraint: ..."); most still answer this sentence
  // (2026 conformance suite, recorded on DynamoDB).
  if (parsed.length === 0 && Object.keys(requestItems).length === 0) throw DynamoError.validation('The requestItems parameter is required for BatchWriteItem');

  const tables = new Map<string, TableDef>();
  for (const p of parsed) if (!tables.has(p.tableName)) tables.set(p.tableName, await activeTable(ctx, p.tableName));

  const storageKeys: Uint8Array[] = [];
  const keys: Item[] = [];
  const seen = new Set<string>();
  for (const p of parsed) {
    const table = tables.get(p.tableName) as TableDef;
    const key = p.kind === 'put' ? putKey(table, p.item) : validateKey(table.key, p.item);
    if (p.kind === 'put') checkIndexKeys(table, p.item);
    const id = keyId(table, key);
    if (seen.has(id)) throw DynamoError.validation('Provided list of item keys contains duplicates');
    seen.add(id);
    storageKeys.push(encodeTableKey(table.key, key));
    keys.push(key);
  }

  const mode = input.ReturnConsumedCapacity as CapacityMode;
  const capacity = mode === 'TOTAL' || mode === 'INDEXES';
  const metrics = input.ReturnItemCollectionMetrics === 'SIZE';
  // Returned, not awaited: this frame (the request, its items and their texts) is not kept alive
  // while the write waits for its commit (a disk sync); the answer keeps only what it reads.
  const answer = answerFor(mode, metrics, capacity || metrics ? parsed : undefined, tables, metrics ? keys : undefined);
  return writeWithOldItems(ctx, parsed, tables, storageKeys, capacity).then(answer);
};

function answerFor(
  mode: CapacityMode,
  metrics: boolean,
  parsed: Parsed[] | undefined,
  tables: Map<string, TableDef>,
  keys: Item[] | undefined,
): (effects: Effect[]) => Record<string, unknown> {
  return (effects) => {
    const out: Record<string, unknown> = { UnprocessedItems: {} };
    if (parsed === undefined) return out;
    const cc = batchCapacity(mode, parsed, tables, effects);
    if (cc) out.ConsumedCapacity = cc;
    const icm = metrics ? batchCollectionMetrics(parsed, tables, keys as Item[]) : undefined;
    if (icm) out.ItemCollectionMetrics = icm;
    return out;
  };
}

/** Not async: no frame of its own waits for the commit (see the handler). */
function writeWithOldItems(
  ctx: RequestContext,
  parsed: Parsed[],
  tables: Map<string, TableDef>,
  storageKeys: Uint8Array[],
  /** Capacity is reported: the old items' sizes count. Otherwise old items are parsed only when the table needs them. */
  capacity: boolean,
): Promise<Effect[]> {
  // Puts whose old items nothing reads (no capacity asked for; no index, stream or backup history
  // on the table) are written without first looking the old items up: the engines keep their own
  // counts, and a put of an identical item writes the same bytes again.
  const blind = !capacity && parsed.every((p) => p.kind === 'put' && !changeNeedsOldItem(tables.get(p.tableName) as TableDef));
  const reads: ReadRef[] = blind ? [] : parsed.map((p, i) => ({ space: (tables.get(p.tableName) as TableDef).space, key: storageKeys[i] as Uint8Array }));
  const now = ctx.services.clock.now();
  return ctx.services.engine.atomic({
    reads,
    apply: (current) => {
      const writes: Write[] = [];
      const effects: Effect[] = [];
      parsed.forEach((p, i) => {
        const table = tables.get(p.tableName) as TableDef;
        const oldItem = capacity || changeNeedsOldItem(table) ? parseStoredItem(current[i]) : undefined;
        const newItem = p.kind === 'put' ? p.item : undefined;
        const change = itemChangeWrites(table, { key: storageKeys[i] as Uint8Array, oldItem, newItem, oldJson: current[i], newJson: p.json, newBytes: p.bytes }, { now });
        writes.push(...change.writes);
        effects.push({ oldItem, indexes: change.indexes });
      });
      return { writes, result: effects };
    },
  }).then(effectsOf);
}

/**
 * A commit's result. A function of its own, not an arrow in writeWithOldItems: closures made in
 * one scope share its context, so an arrow there would keep everything `apply` captured (the
 * request's items and their texts, ~60 KB for 25 items) alive until the commit is answered, through
 * every young-generation collection meanwhile (a disk sync's worth of requests: ~1.1 MB copied by
 * each scavenge of on-disk BatchWrite25).
 */
function effectsOf(info: { result: Effect[] }): Effect[] {
  return info.result;
}

/** Identifies a (normalized, validated) key within the request, for the duplicates check. */
function keyId(table: TableDef, key: Item): string {
  const hash = keyText(key[table.key.hash.name]);
  const range = table.key.range ? keyText(key[table.key.range.name]) : '';
  return `${table.space}\u0000${hash.length}\u0000${hash}${range}`;
}

function keyText(v: AttributeValue | undefined): string {
  const r = v as Record<string, unknown> | undefined;
  return String(r?.S ?? r?.N ?? r?.B);
}

function batchCapacity(
  mode: CapacityMode,
  parsed: Parsed[],
  tables: Map<string, TableDef>,
  effects: Effect[],
): ConsumedCapacity[] | undefined {
  if (mode !== 'TOTAL' && mode !== 'INDEXES') return undefined;
  const perTable = new Map<string, { units: number; indexes: { index: IndexWrite['index']; units: number }[]; vectors?: VectorWriteCapacity }>();
  parsed.forEach((p, i) => {
    const effect = effects[i];
    if (!effect) return;
    const acc = perTable.get(p.tableName) ?? { units: 0, indexes: [] };
    const newItem = p.kind === 'put' ? p.item : undefined;
    acc.units += writeUnitsFor(effect.oldItem, newItem, tables.get(p.tableName));
    for (const w of effect.indexes) acc.indexes.push({ index: w.index, units: indexWriteUnits(w) });
    if (mode === 'INDEXES') acc.vectors = addVectorWriteCapacity(acc.vectors, tables.get(p.tableName) as TableDef, effect.oldItem, newItem);
    perTable.set(p.tableName, acc);
  });
  const out: ConsumedCapacity[] = [];
  for (const [name, acc] of perTable) {
    const cc = consumedCapacity(mode, tables.get(name) as TableDef, acc.units, acc.indexes);
    if (cc && acc.vectors) cc.VectorIndexes = acc.vectors;
    if (cc) out.push(cc);
  }
  return out;
}

function batchCollectionMetrics(parsed: Parsed[], tables: Map<string, TableDef>, keys: Item[]): Record<string, unknown[]> {
  const out: Record<string, unknown[]> = {};
  parsed.forEach((p, i) => {
    const table = tables.get(p.tableName) as TableDef;
    const m = itemCollectionMetrics('SIZE', table, keys[i] as Item, 0);
    if (m) (out[p.tableName] ??= []).push(m);
  });
  return out;
}

/** PutRequest key problems read as a key mismatch in BatchWriteItem (dynalite's batchWriteItem tests). */
function putKey(table: TableDef, item: Item): Item {
  try {
    return extractKeyFromItem(table.key, item);
  } catch (e) {
    if (e instanceof DynamoError && /Missing the key|Type mismatch for key/.test(e.message)) {
      throw DynamoError.validation('The provided key element does not match the schema');
    }
    throw e;
  }
}
