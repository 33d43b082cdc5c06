import { DynamoError } from '../../protocol/errors.js';
import type { OperationHandler } from '../../server/context.js';
import { prepareExpressions, projectItem } from '../expressions/index.js';
import { encodeTableKey } from '../keys/key-encoding.js';
import type { TableDef } from '../tables/table-types.js';
import { readCapacityUnits } from '../values/capacity.js';
import { keyAttributes, keyOfItem, validateKey } from '../values/key.js';
import { KEY_MESSAGES } from '../values/messages.js';
import { itemSize } from '../values/size.js';
import type { Item } from '../values/types.js';
import { validateItem } from '../values/validate.js';
import { activeTable, type CapacityMode, type ConsumedCapacity, consumedCapacity, withReadUnitsBreakdown } from './item-support.js';
import { transactionCanceled } from './transact-write-items.js';

/**
 * TransactGetItems: up to 100 items read as one consistent snapshot (a single engine read).
 * https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_TransactGetItems.html
 */
export const MAX_TRANSACTION_READ_BYTES = 4 * 1024 * 1024;

export const handler: OperationHandler = async (ctx, input) => {
  const entries = input.TransactItems as Record<string, unknown>[];
  const gets = entries.map((entry) => {
    const get = entry.Get as Record<string, unknown> | undefined;
    if (!get) throw DynamoError.validation('TransactItems can only contain Get');
    const key = validateItem(get.Key);
    const prepared = prepareExpressions(
      {
        operation: 'TransactGetItems',
        ProjectionExpression: get.ProjectionExpression as string | undefined,
        ExpressionAttributeNames: get.ExpressionAttributeNames as Record<string, string> | undefined,
      },
      ctx.services.expressions,
    );
    return { get, key, prepared };
  });
  const resolved: { table: TableDef; key: Item; bytes: Uint8Array }[] = [];
  const seen = new Set<string>();
  let mismatch: number | undefined;
  let duplicate = false;
  for (const [index, g] of gets.entries()) {
    const table = await activeTable(ctx, g.get.TableName as string);
    // A Key that does not match the schema (missing, extra or wrongly typed attributes) cancels the
    // transaction with a ValidationError reason; an empty key value fails the request (as in
    // TransactWriteItems; conformance suite, recorded on DynamoDB for an empty Key).
    const matches = Object.keys(g.key).length === keyAttributes(table.key).length && keyOfItem(table.key, g.key) !== undefined;
    if (!matches) {
      mismatch ??= index;
      continue;
    }
    const key = validateKey(table.key, g.key);
    const bytes = encodeTableKey(table.key, key);
    const id = `${table.space}\u0000${Buffer.from(bytes).toString('latin1')}`;
    // Reported only once every table was found and every Key matched its schema: a missing table
    // and a mismatched Key (anywhere in the list) win over a repeated item (u19r/aux-storage's
    // parity tests for TransactGetItems).
    if (seen.has(id)) duplicate = true;
    seen.add(id);
    resolved.push({ table, key, bytes });
  }
  if (mismatch !== undefined) {
    const at = mismatch;
    throw transactionCanceled(gets.map((_, i) => (i === at ? { Code: 'ValidationError', Message: KEY_MESSAGES.schemaMismatch } : { Code: 'None' })));
  }
  if (duplicate) throw DynamoError.validation('Transaction request cannot include multiple operations on one item');
  // A read-only atomic: one snapshot on every engine (getMany across spaces is not one on PostgreSQL).
  const { result: raws } = await ctx.services.engine.atomic({
    reads: resolved.map((r) => ({ space: r.table.space, key: r.bytes })),
    apply: (current) => ({ writes: [], result: current }),
  });
  let total = 0;
  const responses = raws.map((raw, i) => {
    if (raw === undefined) return {};
    const item = JSON.parse(raw) as Item;
    total += itemSize(item);
    const prepared = gets[i]?.prepared;
    if (!prepared?.projection) return { Item: item };
    // A projection that selects nothing of a present item returns no Item, not an empty one.
    const projected = projectItem(prepared.projection, item);
    return Object.keys(projected).length === 0 ? {} : { Item: projected };
  });
  if (total > MAX_TRANSACTION_READ_BYTES) {
    throw DynamoError.validation(
      'Collection size of items exceeded, which can also be caused by the aggregate size of the items in the transaction exceeding the 4MB limit',
    );
  }
  const out: Record<string, unknown> = { Responses: responses };
  const mode = input.ReturnConsumedCapacity as CapacityMode;
  if (mode === 'TOTAL' || mode === 'INDEXES') {
    const perTable = new Map<string, { table: TableDef; units: number }>();
    raws.forEach((raw, i) => {
      const r = resolved[i];
      if (!r) return;
      const size = raw === undefined ? 0 : itemSize(JSON.parse(raw) as Item);
      const acc = perTable.get(r.table.name) ?? { table: r.table, units: 0 };
      acc.units += readCapacityUnits(size, true);
      perTable.set(r.table.name, acc);
    });
    const list: ConsumedCapacity[] = [];
    for (const acc of perTable.values()) {
      const cc = consumedCapacity(mode, acc.table, acc.units, [], 2);
      if (cc) list.push(withReadUnitsBreakdown(cc));
    }
    out.ConsumedCapacity = list;
  }
  return out;
};
