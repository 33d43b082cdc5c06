import { DynamoError } from '../../protocol/errors.js';
import type { OperationHandler } from '../../server/context.js';
import { type PreparedExpressions, prepareExpressions, projectItem } from '../expressions/index.js';
import { checkExpressionMixing } from '../expressions/mixing.js';
import { encodeTableKey } from '../keys/key-encoding.js';
import type { TableDef } from '../tables/table-types.js';
import { validateKey } from '../values/key.js';
import { readCapacityUnits } from '../values/capacity.js';
import { itemSize } from '../values/size.js';
import type { Item } from '../values/types.js';
import { currentLayerError } from '../values/layers.js';
import { validateItem } from '../values/validate.js';
import { activeTable, type CapacityMode, type ConsumedCapacity, consumedCapacity } from './item-support.js';
import { checkNestedKeyPaths } from './query-checks.js';

/**
 * BatchGetItem: https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_BatchGetItem.html
 * Up to 100 keys across tables; a response holds at most 16 MB of items and the keys not read are
 * returned in UnprocessedKeys with the table's request parameters.
 */
export const MAX_BATCH_GET = 100;
export const MAX_BATCH_GET_BYTES = 16 * 1024 * 1024;

interface TableRequest {
  name: string;
  raw: Record<string, unknown>;
  keys: Item[];
  prepared: PreparedExpressions;
  consistent: boolean;
}

export const handler: OperationHandler = async (ctx, input) => {
  const requestItems = input.RequestItems as Record<string, Record<string, unknown>>;
  const requests: TableRequest[] = [];
  let total = 0;
  // The request as a whole may not mix them either, one table each (2026 conformance suite, recorded on DynamoDB).
  let projection: string | undefined;
  let attributesToGet: string[] | undefined;
  for (const [name, raw] of Object.entries(requestItems)) {
    const exprInput = {
      operation: 'BatchGetItem',
      ProjectionExpression: raw.ProjectionExpression as string | undefined,
      ExpressionAttributeNames: raw.ExpressionAttributeNames as Record<string, string> | undefined,
      AttributesToGet: raw.AttributesToGet as string[] | undefined,
    };
    // DynamoDB's order per table (dynalite's validations): mixing, then the keys (values,
    // duplicates, the 100-key limit), then AttributesToGet and the expressions.
    checkExpressionMixing(exprInput);
    const keys: Item[] = [];
    const seen = new Set<string>();
    for (const k of raw.Keys as unknown[]) {
      let key: Item;
      try {
        key = validateItem(k);
      } catch (err) {
        throw currentLayerError(err); // the current layer's wording (values/layers.ts)
      }
      const id = canonicalKey(key);
      if (seen.has(id)) throw DynamoError.validation('Provided list of item keys contains duplicates');
      seen.add(id);
      keys.push(key);
      if (++total > MAX_BATCH_GET) throw DynamoError.validation('Too many items requested for the BatchGetItem call');
    }
    const prepared = prepareExpressions(exprInput, ctx.services.expressions);
    requests.push({ name, raw, keys, prepared, consistent: raw.ConsistentRead === true });
    projection ??= exprInput.ProjectionExpression;
    attributesToGet ??= exprInput.AttributesToGet;
  }
  checkExpressionMixing({ operation: 'BatchGetItem', ProjectionExpression: projection, AttributesToGet: attributesToGet });
  // An empty RequestItems map (the generated model constraints leave out its minimum of 1).
  if (requests.length === 0) throw DynamoError.validation("1 validation error detected: Value at 'RequestItems' failed to satisfy constraint: Member must have length greater than or equal to 1");

  const tables = new Map<string, TableDef>();
  for (const r of requests) {
    const table = await activeTable(ctx, r.name);
    tables.set(r.name, table);
    r.keys = r.keys.map((k) => validateKey(table.key, k));
    if (r.prepared.projection && r.raw.ProjectionExpression !== undefined) checkNestedKeyPaths(table, r.prepared.projection.paths);
  }

  const responses: Record<string, Item[]> = {};
  const unprocessed: Record<string, Record<string, unknown>> = {};
  const capacity: ConsumedCapacity[] = [];
  const mode = input.ReturnConsumedCapacity as CapacityMode;
  let bytes = 0;
  // Once an item would take the response past 16 MB, it and every key after it are left for
  // UnprocessedKeys: DynamoDB returns fewer items "so as not to exceed the 16 MB limit" (API docs).
  let full = false;
  for (const r of requests) {
    const table = tables.get(r.name) as TableDef;
    const list: Item[] = (responses[r.name] = []);
    const raws = await ctx.services.engine.getMany(r.keys.map((k) => ({ space: table.space, key: encodeTableKey(table.key, k) })));
    let units = 0;
    const left: Item[] = [];
    raws.forEach((raw, i) => {
      if (!full) {
        const item = raw === undefined ? undefined : (JSON.parse(raw) as Item);
        const size = item ? itemSize(item) : 0;
        full = bytes + size > MAX_BATCH_GET_BYTES;
        if (!full) {
          units += readCapacityUnits(size, r.consistent);
          if (!item) return;
          bytes += size;
          list.push(r.prepared.projection ? projectItem(r.prepared.projection, item) : item);
          return;
        }
      }
      left.push(r.keys[i] as Item);
    });
    if (left.length > 0) unprocessed[r.name] = { ...r.raw, Keys: left };
    const cc = consumedCapacity(mode, table, units);
    if (cc) capacity.push(cc);
  }
  const out: Record<string, unknown> = { Responses: responses, UnprocessedKeys: unprocessed };
  if (mode === 'TOTAL' || mode === 'INDEXES') out.ConsumedCapacity = capacity;
  return out;
};

/** A key's identity independent of attribute order (numbers are already normalized). */
function canonicalKey(key: Item): string {
  return JSON.stringify(Object.keys(key).sort().map((k) => [k, key[k]]));
}
