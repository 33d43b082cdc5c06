import { DynamoError, NS_DYNAMODB } from '../../protocol/errors.js';
import type { OperationHandler, RequestContext } from '../../server/context.js';
import type { Write } from '../../storage/engine.js';
import { applyUpdate, evaluateCondition } from '../expressions/index.js';
import { checkIndexKeys } from '../tables/index-keys.js';
import { type IndexWrite, itemChangeWrites } from '../tables/item-writes.js';
import { type TransactAction, parseTransactActions } from '../transactions/parse-actions.js';
import { VALUE_MESSAGES } from '../values/messages.js';
import { itemSize, MAX_ITEM_SIZE_BYTES } from '../values/size.js';
import type { AttributeValue, Item } from '../values/types.js';
import { itemNestedTooDeep } from '../values/validate.js';
import {
  type CapacityMode,
  type ConsumedCapacity,
  consumedCapacity,
  indexWriteUnits,
  itemCollectionMetrics,
  parseStoredItem,
  withReadUnitsBreakdown,
  writeUnitsFor,
} from './item-support.js';
import { readCapacityUnits } from '../values/capacity.js';
import { requestFingerprint } from '../transactions/request-fingerprint.js';
import { addVectorWriteCapacity, type VectorWriteCapacity } from '../vectors/vector-capacity.js';

/**
 * TransactWriteItems: all actions commit in one storage transaction or none does.
 * https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_TransactWriteItems.html
 *
 * Idempotency: a ClientRequestToken is remembered for 10 minutes (in the storage catalog, in the
 * same commit as the writes, so it survives restarts and is shared by nodes on one database).
 */
export const IDEMPOTENCY_WINDOW_MS = 10 * 60 * 1000;

interface Reason {
  Code: string;
  Message?: string;
  Item?: Item;
}

interface Effect {
  oldItem: Item | undefined;
  newItem: Item | undefined;
  indexes: IndexWrite[];
}

/**
 * What a ClientRequestToken remembers. `sizes`: per action, the bytes its table arm was sized on
 * (the larger of the item before and after; a ConditionCheck's item as read), which a same-token
 * replay is billed on at 4 KB read granularity: a replayed Delete of a 9 KB item costs 6 read
 * units, not the 2 of the item now gone (dynoxide's CHANGELOG and PR 188, measured on DynamoDB).
 */
export interface TokenRecord {
  fingerprint: string;
  expiresAt: number;
  sizes?: number[];
}

export function sizedImage(e: { oldItem: Item | undefined; newItem: Item | undefined }): number {
  return Math.max(e.oldItem ? itemSize(e.oldItem) : 0, e.newItem ? itemSize(e.newItem) : 0);
}

export const handler: OperationHandler = async (ctx, input) => {
  const actions = await parseTransactActions(ctx, input.TransactItems as Record<string, unknown>[]);
  const token = input.ClientRequestToken as string | undefined;
  const fingerprint = token === undefined ? '' : requestFingerprint(input.TransactItems);
  const tokenKey = token === undefined ? undefined : `txtoken/${ctx.namespace}/${token}`;
  const now = ctx.services.clock.now();

  const { result } = await ctx.services.engine.atomic({
    reads: actions.map((a) => ({ space: a.table.space, key: a.storageKey })),
    catalogReads: tokenKey ? [tokenKey] : [],
    apply: (current, catalog) => {
      if (tokenKey) {
        const previous = catalog[0] === undefined ? undefined : (JSON.parse(catalog[0]) as TokenRecord);
        if (previous && previous.expiresAt > now) {
          if (previous.fingerprint !== fingerprint) throw idempotentMismatch();
          // A replay is billed as transactional reads of the images the first call was sized on
          // (a record from before sizes were kept: the items as stored now).
          const sizes = previous.sizes ?? current.map((raw) => (raw === undefined ? 0 : itemSize(JSON.parse(raw) as Item)));
          return { writes: [], result: { replay: true, effects: [] as Effect[], sizes } };
        }
      }
      const { writes, effects } = planTransaction(actions, current, now);
      if (tokenKey) {
        const record: TokenRecord = { fingerprint, expiresAt: now + IDEMPOTENCY_WINDOW_MS, sizes: effects.map(sizedImage) };
        writes.push({ kind: 'catalog-put', key: tokenKey, value: JSON.stringify(record) });
      }
      return { writes, result: { replay: false, effects, sizes: [] as number[] } };
    },
  });

  const out: Record<string, unknown> = {};
  const mode = input.ReturnConsumedCapacity as CapacityMode;
  const cc = result.replay ? replayCapacity(mode, actions, result.sizes) : transactionCapacity(mode, actions, result.effects);
  if (cc) out.ConsumedCapacity = cc;
  const icm = collectionMetrics(ctx, input.ReturnItemCollectionMetrics, actions);
  if (icm) out.ItemCollectionMetrics = icm;
  return out;
};

function planTransaction(actions: TransactAction[], current: (string | undefined)[], now: number): { writes: Write[]; effects: Effect[] } {
  const reasons: Reason[] = [];
  const effects: Effect[] = [];
  let failed = false;
  actions.forEach((action, i) => {
    const oldItem = parseStoredItem(current[i]);
    try {
      const newItem = applyAction(action, oldItem);
      effects.push({ oldItem, newItem, indexes: [] });
      reasons.push({ Code: 'None' });
    } catch (e) {
      failed = true;
      effects.push({ oldItem, newItem: oldItem, indexes: [] });
      reasons.push(reasonFor(e, action, oldItem));
    }
  });
  if (failed) throw transactionCanceled(reasons);
  const writes: Write[] = [];
  actions.forEach((action, i) => {
    const effect = effects[i] as Effect;
    if (action.kind === 'ConditionCheck') return;
    const change = itemChangeWrites(action.table, { key: action.storageKey, oldItem: effect.oldItem, newItem: effect.newItem }, { now });
    writes.push(...change.writes);
    effect.indexes = change.indexes;
  });
  return { writes, effects };
}

/** The item after the action (unchanged for ConditionCheck); throws on a failed condition or runtime error. */
function applyAction(action: TransactAction, oldItem: Item | undefined): Item | undefined {
  if (action.prepared.condition && !evaluateCondition(action.prepared.condition, oldItem)) {
    throw DynamoError.conditionalCheckFailed();
  }
  switch (action.kind) {
    case 'ConditionCheck':
      return oldItem;
    case 'Put':
      return action.item;
    case 'Delete':
      return undefined;
    case 'Update': {
      const applied = action.prepared.update
        ? applyUpdate(action.prepared.update, oldItem, action.key, action.table.key, action.indexKeys)
        : undefined;
      // REMOVE/DELETE-only updates of a missing item write nothing (as UpdateItem).
      if (applied?.skipped) return oldItem;
      const newItem = applied ? applied.item : (oldItem ?? { ...action.key });
      // A value the Update wrote past the nesting limit cancels the transaction with the short
      // sentence as reason (us-east-1, 2026-10-09; see prepareActionExpressions: only checked when
      // an expression value was that deep).
      if (action.deepValues && itemNestedTooDeep(newItem)) {
        throw DynamoError.validation(VALUE_MESSAGES.nestingReason);
      }
      if (itemSize(newItem) > MAX_ITEM_SIZE_BYTES) {
        throw DynamoError.validation('Item size to update has exceeded the maximum allowed size');
      }
      checkIndexKeys(action.table, newItem, 'update'); // UpdateItem's wording for an empty index key value
      return newItem;
    }
  }
}

function reasonFor(e: unknown, action: TransactAction, oldItem: Item | undefined): Reason {
  if (e instanceof DynamoError && e.code === 'ConditionalCheckFailedException') {
    const reason: Reason = { Code: 'ConditionalCheckFailed', Message: 'The conditional request failed' };
    if (action.returnOldOnFailure && oldItem) reason.Item = oldItem;
    return reason;
  }
  if (e instanceof DynamoError && e.code === 'ValidationException') return { Code: 'ValidationError', Message: e.message };
  throw e;
}

export function transactionCanceled(reasons: Reason[]): DynamoError {
  return new DynamoError({
    name: 'TransactionCanceledException',
    namespace: NS_DYNAMODB,
    message: `Transaction cancelled, please refer cancellation reasons for specific reasons [${reasons.map((r) => r.Code).join(', ')}]`,
    messageKey: 'Message',
    extra: { CancellationReasons: reasons },
  });
}

export function idempotentMismatch(): DynamoError {
  return new DynamoError({
    name: 'IdempotentParameterMismatchException',
    namespace: NS_DYNAMODB,
    message: 'The request uses the same client token as a previous, but non-identical request.',
    messageKey: 'Message',
  });
}

function transactionCapacity(mode: CapacityMode, actions: TransactAction[], effects: Effect[]): ConsumedCapacity[] | undefined {
  if (mode !== 'TOTAL' && mode !== 'INDEXES') return undefined;
  type Acc = { action: TransactAction; units: number; indexes: { index: IndexWrite['index']; units: number }[]; vectors?: VectorWriteCapacity };
  const perTable = new Map<string, Acc>();
  actions.forEach((a, i) => {
    const effect = effects[i];
    const acc = perTable.get(a.table.name) ?? { action: a, units: 0, indexes: [] };
    acc.units += effect ? writeUnitsFor(effect.oldItem, effect.newItem, a.table) : writeUnitsFor(undefined, a.item, a.table);
    for (const w of effect?.indexes ?? []) acc.indexes.push({ index: w.index, units: indexWriteUnits(w) });
    // The vector bytes are what each index received (not doubled like the units); a replay writes nothing.
    if (mode === 'INDEXES' && effect) acc.vectors = addVectorWriteCapacity(acc.vectors, a.table, effect.oldItem, effect.newItem);
    perTable.set(a.table.name, acc);
  });
  const out: ConsumedCapacity[] = [];
  for (const acc of perTable.values()) {
    const cc = consumedCapacity(mode, acc.action.table, acc.units, acc.indexes, 2);
    if (cc && acc.vectors) cc.VectorIndexes = acc.vectors;
    if (cc) out.push(withReadUnitsBreakdown(cc, 'WriteCapacityUnits'));
  }
  return out;
}

/**
 * A same-token replay writes nothing and is billed as the transactional reads of the images the
 * first call was sized on (2 read units for an item of ~1.5 KB whose first call cost 4 write units:
 * conformance suite PRs 67 and 74, recorded in eu-west-2, and nubo-db/dynoxide PRs 125 and 188).
 */
function replayCapacity(mode: CapacityMode, actions: TransactAction[], sizes: number[]): ConsumedCapacity[] | undefined {
  if (mode !== 'TOTAL' && mode !== 'INDEXES') return undefined;
  const perTable = new Map<string, { action: TransactAction; units: number }>();
  actions.forEach((a, i) => {
    const acc = perTable.get(a.table.name) ?? { action: a, units: 0 };
    acc.units += readCapacityUnits(sizes[i] ?? 0, true);
    perTable.set(a.table.name, acc);
  });
  const out: ConsumedCapacity[] = [];
  for (const acc of perTable.values()) {
    const cc = consumedCapacity(mode, acc.action.table, acc.units, [], 2);
    if (cc) out.push(withReadUnitsBreakdown(cc, 'ReadCapacityUnits'));
  }
  return out;
}

function collectionMetrics(_ctx: RequestContext, requested: unknown, actions: TransactAction[]): Record<string, unknown[]> | undefined {
  if (requested !== 'SIZE') return undefined;
  const out: Record<string, unknown[]> = {};
  for (const a of actions) {
    if (a.kind === 'ConditionCheck') continue;
    const m = itemCollectionMetrics('SIZE', a.table, a.key, 0);
    if (m) (out[a.table.name] ??= []).push(m);
  }
  return out;
}
