import { DynamoError } from '../../protocol/errors.js';
import type { RequestContext } from '../../server/context.js';
import type { RangeQuery, ValueEntry } from '../../storage/engine.js';
import { evaluateCondition, projectItem, type PreparedExpressions } from '../expressions/index.js';
import { encodeTableKey } from '../keys/key-encoding.js';
import { checkIndexReadable } from '../tables/gsi-updates.js';
import { projectedAttributeNames } from '../tables/index-projection.js';
import type { IndexDef, KeySchemaDef, TableDef } from '../tables/table-types.js';
import { readCapacityUnits } from '../values/capacity.js';
import { itemSize } from '../values/size.js';
import { storedItemSize } from '../values/stored-size.js';
import type { Item } from '../values/types.js';
import { type CapacityMode, consumedCapacity, type ConsumedCapacity } from './item-support.js';
import { joinItems, splicedReply, type ItemsBody } from './read-reply.js';

/**
 * The read path shared by Query and Scan: a table or an index is just another key space. A page
 * reads rows in key order until `Limit` items were evaluated or 1 MB was read (before filtering),
 * then filters, projects and reports LastEvaluatedKey exactly when DynamoDB does.
 */
export const MAX_PAGE_BYTES = 1024 * 1024;
const CHUNK_ROWS = 256;

export interface ReadTarget {
  table: TableDef;
  index?: IndexDef;
  space: string;
  /** Key schema of the space (the index's for an index). */
  schema: KeySchemaDef;
}

export function resolveTarget(table: TableDef, indexName: string | undefined): ReadTarget {
  if (indexName === undefined) return { table, space: table.space, schema: table.key };
  const index = table.gsis.find((i) => i.name === indexName) ?? table.lsis.find((i) => i.name === indexName);
  if (!index) throw DynamoError.validation(`The table does not have the specified index: ${indexName}`);
  checkIndexReadable(index);
  return { table, index, space: index.space, schema: index.key };
}

export type SelectMode = 'ALL_ATTRIBUTES' | 'ALL_PROJECTED_ATTRIBUTES' | 'SPECIFIC_ATTRIBUTES' | 'COUNT';

/** Select rules that need no table (DynamoDB checks them before looking the table up). */
export function checkSelect(input: Record<string, unknown>, operation: 'Query' | 'Scan'): SelectMode | undefined {
  const select = input.Select as SelectMode | undefined;
  const what = input.ProjectionExpression !== undefined ? 'ProjectionExpression' : input.AttributesToGet !== undefined ? 'AttributesToGet' : undefined;
  if (select === undefined) return undefined;
  // Query reports these from its request validator, with the "1 validation error detected: " envelope;
  // Scan does not (ExtendDB's parity tests and moto's AWS-verified test_dynamodb_select.py). Scan's
  // message also says "Querying".
  const envelope = operation === 'Query' ? '1 validation error detected: ' : '';
  if (what && select === 'COUNT') {
    throw DynamoError.validation(`${envelope}Cannot specify the ${what} when choosing to get only the Count`);
  }
  if (what && (select === 'ALL_ATTRIBUTES' || select === 'ALL_PROJECTED_ATTRIBUTES')) {
    throw DynamoError.validation(`${envelope}Cannot specify the ${what} when choosing to get ${select}`);
  }
  // Checked after the projection rules: with both broken, DynamoDB names the projection
  // (live-verified conformance suite, tier1 query/select and scan/select, 2026).
  if (select === 'ALL_PROJECTED_ATTRIBUTES' && input.IndexName === undefined) {
    throw DynamoError.validation(`${envelope}ALL_PROJECTED_ATTRIBUTES can be used only when Querying using an IndexName`);
  }
  if (!what && select === 'SPECIFIC_ATTRIBUTES') {
    throw DynamoError.validation(`${envelope}Must specify the AttributesToGet or ProjectionExpression when choosing to get SPECIFIC_ATTRIBUTES`);
  }
  return select;
}

/** Select rules that depend on the index. Returns whether rows must be completed from the table. */
export function checkSelectForTarget(
  target: ReadTarget,
  select: SelectMode | undefined,
  consistent: boolean,
  projectionNames: string[] | undefined,
): { fetchFromTable: boolean } {
  const index = target.index;
  if (!index) return { fetchFromTable: false };
  if (index.kind === 'GSI' && consistent) {
    throw DynamoError.validation('Consistent reads are not supported on global secondary indexes');
  }
  const projected = projectedAttributeNames(target.table, index);
  if (!projected) return { fetchFromTable: false };
  if (select === 'ALL_ATTRIBUTES') {
    if (index.kind === 'GSI') {
      throw DynamoError.validation(
        `One or more parameter values were invalid: Select type ALL_ATTRIBUTES is not supported for global secondary index ${index.name} because its projection type is not ALL`,
      );
    }
    return { fetchFromTable: true };
  }
  if (projectionNames) {
    const missing = projectionNames.filter((n) => !projected.has(n));
    if (missing.length > 0) {
      if (index.kind === 'GSI') {
        throw DynamoError.validation(
          `One or more parameter values were invalid: Global secondary index ${index.name} does not project [${missing.join(', ')}]`,
        );
      }
      return { fetchFromTable: true };
    }
  }
  return { fetchFromTable: false };
}

export interface PageRequest {
  range: RangeQuery;
  limit: number | undefined;
  prepared: PreparedExpressions;
  count: boolean;
  consistent: boolean;
  fetchFromTable: boolean;
}

export interface Page {
  /** The returned items, parsed and projected; empty when `texts` holds them (pageResponse uses those). */
  items: Item[];
  /**
   * The stored JSON texts of the items, already written as the reply's first bytes, when every
   * item is returned verbatim (no projection).
   */
  texts: ItemsBody | undefined;
  count: number;
  scannedCount: number;
  lastEvaluatedKey?: Item;
  bytesRead: number;
}

export async function readPage(ctx: RequestContext, target: ReadTarget, req: PageRequest): Promise<Page> {
  const engine = ctx.services.engine;
  const items: Item[] = [];
  // The verbatim items: texts, or the engine's entries (copied as bytes before this function returns).
  const texts: (string | ValueEntry)[] | undefined = req.count || req.prepared.projection ? undefined : [];
  const textBytes: number[] = [];
  let scanned = 0;
  let count = 0;
  let bytes = 0;
  let last: Item | undefined;
  let stoppedEarly = false;
  let lastText: string | ValueEntry | undefined;
  // Items returned verbatim and unfiltered need not be parsed at all: their size comes from the
  // stored text (storedItemSize); the reply is spliced from `texts` (parsed lazily for in-process callers).
  const verbatim = texts !== undefined && !req.prepared.filter && !(req.fetchFromTable && target.index);
  const range: RangeQuery = { ...req.range };
  for (;;) {
    const want = req.limit === undefined ? CHUNK_ROWS : Math.min(CHUNK_ROWS, req.limit - scanned);
    range.limit = want;
    let values: string[] | undefined;
    let entries: ValueEntry[] | undefined;
    let lastKey: Uint8Array | undefined;
    // The embedded engines read synchronously and without building a key per row (no promise hop).
    // The heap engine hands out its entries: their UTF-8 lengths, and the item sizes an earlier read
    // kept in them (memo: the size, or -2 when the text cannot be sized without parsing).
    if (verbatim && engine.rangeEntriesSync) {
      ({ entries, lastKey } = engine.rangeEntriesSync(range));
    } else if (engine.rangeValuesSync) {
      ({ values, lastKey } = engine.rangeValuesSync(range));
    } else {
      const rows = await engine.range(range);
      values = rows.map((r) => r.value);
      lastKey = rows[rows.length - 1]?.key;
    }
    const got = entries !== undefined ? entries.length : (values as string[]).length;
    for (let r = 0; r < got; r++) {
      const entry = entries?.[r];
      let utf8 = 0;
      let size: number | undefined;
      if (entry !== undefined) {
        utf8 = entry.utf8Bytes;
        if (entry.memo === -1) entry.memo = storedItemSize(entry.value, utf8) ?? -2;
        size = entry.memo >= 0 ? entry.memo : undefined;
      } else if (verbatim) {
        const value = (values as string[])[r] as string;
        utf8 = Buffer.byteLength(value, 'utf8');
        size = storedItemSize(value, utf8);
      }
      if (size !== undefined) {
        scanned++;
        count++;
        bytes += size;
        last = undefined;
        const verbatimText = entry ?? ((values as string[])[r] as string);
        lastText = verbatimText;
        texts?.push(verbatimText);
        textBytes.push(utf8);
        if ((req.limit !== undefined && scanned >= req.limit) || bytes >= MAX_PAGE_BYTES) {
          stoppedEarly = true;
          break;
        }
        continue;
      }
      let text = entry !== undefined ? entry.value : ((values as string[])[r] as string);
      let item = JSON.parse(text) as Item;
      if (req.fetchFromTable && target.index) {
        const raw = await engine.get(target.table.space, encodeTableKey(target.table.key, item));
        if (raw !== undefined) {
          text = raw;
          item = JSON.parse(raw) as Item;
        }
      }
      scanned++;
      bytes += itemSize(item);
      last = item;
      if (!req.prepared.filter || evaluateCondition(req.prepared.filter, item)) {
        count++;
        if (!req.count && !verbatim) items.push(req.prepared.projection ? projectItem(req.prepared.projection, item) : item);
        if (texts) {
          texts.push(text);
          textBytes.push(Buffer.byteLength(text, 'utf8'));
        }
      }
      if ((req.limit !== undefined && scanned >= req.limit) || bytes >= MAX_PAGE_BYTES) {
        stoppedEarly = true;
        break;
      }
    }
    if (stoppedEarly || got < want) break;
    if (lastKey === undefined) break;
    if (range.reverse) {
      range.end = lastKey;
      range.endInclusive = false;
    } else {
      range.start = lastKey;
      range.startExclusive = true;
    }
  }
  // Written now: an engine's entries are valid only in this tick.
  const page: Page = { items, texts: texts && joinItems(texts, textBytes), count, scannedCount: scanned, bytesRead: bytes };
  if (stoppedEarly && last === undefined && lastText !== undefined) {
    last = JSON.parse(typeof lastText === 'string' ? lastText : lastText.value) as Item;
  }
  if (stoppedEarly && last) page.lastEvaluatedKey = keyOf(target, last);
  return page;
}

/**
 * The Query/Scan reply. When the items are returned verbatim its body is spliced, as UTF-8 bytes,
 * from the stored item texts (same bytes as JSON.stringify of the parsed reply; read-reply.ts).
 */
export function pageResponse(page: Page, count: boolean, cc: ConsumedCapacity | undefined): Record<string, unknown> {
  if (!count && page.texts !== undefined) {
    return splicedReply(page.texts, page.count, page.scannedCount, page.lastEvaluatedKey, cc);
  }
  const out: Record<string, unknown> = {};
  if (!count) out.Items = page.items;
  out.Count = page.count;
  out.ScannedCount = page.scannedCount;
  if (page.lastEvaluatedKey) out.LastEvaluatedKey = page.lastEvaluatedKey;
  if (cc) out.ConsumedCapacity = cc;
  return out;
}

function keyOf(target: ReadTarget, item: Item): Item {
  const out: Item = {};
  const names = [target.table.key.hash.name, target.table.key.range?.name, target.index?.key.hash.name, target.index?.key.range?.name];
  const index = target.index?.key;
  if (index?.moreHash) for (const a of index.moreHash) names.push(a.name);
  if (index?.moreRange) for (const a of index.moreRange) names.push(a.name);
  for (const n of names) {
    if (n === undefined) continue;
    const v = item[n];
    if (v !== undefined) out[n] = v;
  }
  return out;
}

export function readCapacity(
  mode: CapacityMode,
  target: ReadTarget,
  bytes: number,
  consistent: boolean,
): ConsumedCapacity | undefined {
  if (mode !== 'TOTAL' && mode !== 'INDEXES') return undefined;
  const units = readCapacityUnits(bytes, consistent);
  if (!target.index) return consumedCapacity(mode, target.table, units);
  const cc = consumedCapacity(mode, target.table, 0, [{ index: target.index, units }]);
  return cc;
}

/** Top-level attribute names a projection reads (for index projection checks). */
export function projectionTopNames(input: Record<string, unknown>, paths: (string | number)[][] | undefined): string[] | undefined {
  if (paths) return [...new Set(paths.map((p) => p[0]).filter((p): p is string => typeof p === 'string'))];
  const atg = input.AttributesToGet;
  return Array.isArray(atg) ? (atg as string[]) : undefined;
}
