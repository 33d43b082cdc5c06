import { DynamoError, isDynamoError } from '../../protocol/errors.js';
import type { RequestContext } from '../../server/context.js';
import {
  checkEmptyIndexKeyValues,
  checkUpdateForTable,
  type IndexKeyTypes,
  type PreparedExpressions,
  prepareExpressions,
} from '../expressions/index.js';
import { activeTable } from '../operations/item-support.js';
import type { TableDef } from '../tables/table-types.js';
import { checkIndexKeys } from '../tables/index-keys.js';
import { extractKeyFromItem, keyAttributes, keyOfItem, validateKey } from '../values/key.js';
import { INDEX_KEY_TYPE_MISMATCH_PREFIX, KEY_MESSAGES } from '../values/messages.js';
import { itemSize, MAX_ITEM_SIZE_BYTES } from '../values/size.js';
import type { Item } from '../values/types.js';
import { VALUE_MESSAGES } from '../values/messages.js';
import { measureItem, mayHoldOversizeItem } from '../values/measure.js';
import { validateItem } from '../values/validate.js';
import { isDeepRequest } from '../../protocol/request-layers.js';
import { encodeTableKey } from '../keys/key-encoding.js';
import { transactionCanceled } from '../operations/transact-write-items.js';

/**
 * Parsing and static validation of TransactWriteItems actions: everything that can be checked
 * before reading data. Runtime failures (conditions, operand types) become cancellation reasons.
 */
export type ActionKind = 'ConditionCheck' | 'Put' | 'Delete' | 'Update';

export interface TransactAction {
  kind: ActionKind;
  table: TableDef;
  key: Item;
  storageKey: Uint8Array;
  /** Put only: the full item. */
  item?: Item;
  prepared: PreparedExpressions;
  returnOldOnFailure: boolean;
  /** Update only: index key types the update may set (from checkUpdateForTable). */
  indexKeys?: IndexKeyTypes;
  /** An expression value is nested past the item limit: the finished item's depth is checked. */
  deepValues?: boolean;
}

export const MAX_TRANSACTION_BYTES = 4 * 1024 * 1024;

const KINDS: ActionKind[] = ['ConditionCheck', 'Put', 'Delete', 'Update'];

/** An action as read from the request, before its table is looked up. */
interface StagedAction {
  kind: ActionKind;
  body: Record<string, unknown>;
  keyOrItem: Item;
  prepared: PreparedExpressions;
  deepValues: boolean;
}

export async function parseTransactActions(ctx: RequestContext, raw: Record<string, unknown>[]): Promise<TransactAction[]> {
  const staged: StagedAction[] = [];
  let totalBytes = 0;
  const large = mayHoldOversizeItem(ctx.requestBytes);
  for (const entry of raw) {
    const kinds = KINDS.filter((k) => entry[k] !== undefined);
    if (kinds.length === 0) {
      // DynamoDB Local's request validator wording (unverified against the service).
      throw DynamoError.validation('Invalid Request: TransactWriteRequest should contain Delete or Put or Update request');
    }
    if (kinds.length > 1) {
      throw DynamoError.validation('TransactItems can only contain one of Check, Put, Update or Delete');
    }
    const kind = kinds[0] as ActionKind;
    const body = entry[kind] as Record<string, unknown>;
    const rawValue = kind === 'Put' ? body.Item : body.Key;
    if (kind === 'Put') checkAttributeNames(rawValue);
    // A value nested past ~62 levels is reported after the action's expressions (live DynamoDB
    // 2026, conformance suite validation-ordering/deepRequests); shallower nesting comes first.
    let deferred: unknown;
    let keyOrItem: Item = {};
    let oversize = false;
    try {
      // As PutItem: in a body over 400 KB, an item is measured before it is built (values/measure.ts).
      oversize = kind === 'Put' && large && measureItem(rawValue) > MAX_ITEM_SIZE_BYTES;
      if (!oversize) keyOrItem = validateItem(rawValue);
    } catch (e) {
      if (!(isDynamoError(e) && e.message === VALUE_MESSAGES.nesting && isDeepRequest({ Item: rawValue }))) throw e;
      deferred = e;
    }
    if (kind === 'Put') {
      const size = oversize ? Infinity : itemSize(keyOrItem);
      if (size > MAX_ITEM_SIZE_BYTES) throw DynamoError.validation('Item size has exceeded the maximum allowed size');
      totalBytes += size;
    }
    if (kind === 'ConditionCheck' && body.ConditionExpression === undefined) {
      throw DynamoError.validation('The ConditionExpression parameter is required for ConditionCheck');
    }
    const { prepared, deepValues } = prepareActionExpressions(ctx, kind, body);
    if (deferred !== undefined) throw deferred;
    staged.push({ kind, body, keyOrItem, prepared, deepValues });
  }
  if (totalBytes > MAX_TRANSACTION_BYTES) {
    // DynamoDB's text says the transaction payload "size cannot exceed" the limit (alternator's
    // test_transact_write_items_put_5MB, run against AWS); the rest of the wording is not recorded.
    throw DynamoError.validation('Transaction payload size cannot exceed 4 MB');
  }

  const actions: TransactAction[] = [];
  const seen = new Set<string>();
  let failure: { index: number; message: string } | undefined;
  for (const [index, s] of staged.entries()) {
    const table = await activeTable(ctx, s.body.TableName as string);
    const checked = checkActionKeys(table, s);
    if ('reason' in checked) {
      // Reported once every action has passed the request-level checks (tables, duplicates).
      failure ??= { index, message: checked.reason };
      continue;
    }
    const { key, indexKeys } = checked;
    const storageKey = encodeTableKey(table.key, key);
    const id = `${table.space}\u0000${Buffer.from(storageKey).toString('latin1')}`;
    if (seen.has(id)) throw DynamoError.validation('Transaction request cannot include multiple operations on one item');
    seen.add(id);
    const action: TransactAction = {
      kind: s.kind,
      table,
      key,
      storageKey,
      prepared: s.prepared,
      returnOldOnFailure: s.body.ReturnValuesOnConditionCheckFailure === 'ALL_OLD',
    };
    if (s.kind === 'Put') action.item = s.keyOrItem;
    if (indexKeys) action.indexKeys = indexKeys;
    if (s.deepValues) action.deepValues = true;
    actions.push(action);
  }
  if (failure) {
    // A ValidationError reason for the first such action and None for every other: DynamoDB stops there.
    const { index, message } = failure;
    throw transactionCanceled(staged.map((_, i) => (i === index ? { Code: 'ValidationError', Message: message } : { Code: 'None' })));
  }
  return actions;
}

/** Wrapped words of an expression value nested too deep (see prepareActionExpressions). */
const DEEP_VALUE_PREFIX = `ExpressionAttributeValues contains invalid value: ${VALUE_MESSAGES.nesting} for key `;
/**
 * Start level that lets an expression value hold one container more than an item may (32 maps or
 * lists); a value deeper still fails the request with the wrapped text above, before any table is
 * read (us-east-1, 2026-10-09, from 33 to 101 levels: the conformance suite's nestingDepth notes).
 */
const DEEP_VALUE_LEVEL = 0; // values usually start at level 1 (validate.ts)

/**
 * An action's expressions. An expression value one level past the item's nesting limit is let
 * through: only compared, it leaves the condition to be evaluated; written by an Update, it cancels
 * the transaction with a ValidationError reason once the item is built (us-east-1 and 29 other
 * regions on 2026-10-08, conformance captures, transact-write rollout; eu-west-2, eu-north-1 and
 * ap-northeast-2 fail the request with the bare nesting sentence instead). Checked at the usual
 * level first, so the common request pays nothing.
 */
function prepareActionExpressions(
  ctx: RequestContext,
  kind: ActionKind,
  body: Record<string, unknown>,
): { prepared: PreparedExpressions; deepValues: boolean } {
  const req = {
    operation: 'TransactWriteItems',
    ConditionExpression: body.ConditionExpression as string | undefined,
    UpdateExpression: kind === 'Update' ? (body.UpdateExpression as string | undefined) : undefined,
    ExpressionAttributeNames: body.ExpressionAttributeNames as Record<string, string> | undefined,
    ExpressionAttributeValues: body.ExpressionAttributeValues as Record<string, unknown> | undefined,
  };
  try {
    return { prepared: prepareExpressions(req, ctx.services.expressions), deepValues: false };
  } catch (e) {
    if (!(isDynamoError(e) && e.message.startsWith(DEEP_VALUE_PREFIX))) throw e;
    return { prepared: prepareExpressions({ ...req, valueLevel: DEEP_VALUE_LEVEL }, ctx.services.expressions), deepValues: true };
  }
}

/** A Put item's top-level attribute names may not be empty (checked before its values). */
function checkAttributeNames(item: unknown): void {
  if (typeof item !== 'object' || item === null) return;
  if (Object.hasOwn(item, '')) throw DynamoError.validation('Empty attribute name');
}

/**
 * The key checks of one action against its table. DynamoDB splits them (conformance suite,
 * recorded on DynamoDB): a key attribute that is missing or of the wrong type, and an index key of
 * the wrong type, cancel the transaction with a ValidationError reason; an empty or oversized key
 * value, and an Update setting an index key to an empty literal, fail the request up front.
 */
function checkActionKeys(table: TableDef, s: StagedAction): { key: Item; indexKeys?: IndexKeyTypes } | { reason: string } {
  if (s.kind === 'Put') {
    if (keyOfItem(table.key, s.keyOrItem) === undefined) return { reason: failureMessage(() => extractKeyFromItem(table.key, s.keyOrItem)) };
    const key = extractKeyFromItem(table.key, s.keyOrItem);
    try {
      checkIndexKeys(table, s.keyOrItem);
    } catch (e) {
      if (!isIndexKeyTypeMismatch(e)) throw e;
      return { reason: e.message };
    }
    return { key };
  }
  const matches = Object.keys(s.keyOrItem).length === keyAttributes(table.key).length && keyOfItem(table.key, s.keyOrItem) !== undefined;
  if (!matches) return { reason: KEY_MESSAGES.schemaMismatch };
  const key = validateKey(table.key, s.keyOrItem);
  const update = s.kind === 'Update' ? s.prepared.update : undefined;
  if (!update) return { key };
  // Key-attribute errors of an update come before any condition, as in UpdateItem.
  let indexKeys: IndexKeyTypes | undefined;
  let reason: string | undefined;
  try {
    indexKeys = checkUpdateForTable(update, table);
  } catch (e) {
    if (!isIndexKeyTypeMismatch(e)) throw e;
    reason = e.message;
  }
  checkEmptyIndexKeyValues(update, table);
  if (reason !== undefined) return { reason };
  return indexKeys ? { key, indexKeys } : { key };
}

function isIndexKeyTypeMismatch(e: unknown): e is DynamoError {
  return isDynamoError(e) && e.code === 'ValidationException' && e.message.startsWith(INDEX_KEY_TYPE_MISMATCH_PREFIX);
}

function failureMessage(check: () => unknown): string {
  try {
    check();
  } catch (e) {
    if (isDynamoError(e)) return e.message;
    throw e;
  }
  return KEY_MESSAGES.schemaMismatch;
}
