/**
 * Applies planned PartiQL writes through the one write path (engine.atomic + itemChangeWrites),
 * conditions evaluated inside apply. INSERT fails on an existing item (DuplicateItemException),
 * UPDATE requires the item to exist (ConditionalCheckFailedException), DELETE of an absent item is
 * a no-op.
 */
import { DynamoError, NS_DYNAMODB } from '../../protocol/errors.js';
import type { RequestContext } from '../../server/context.js';
import { evaluateCondition } from '../expressions/evaluate.js';
import { applyUpdate } from '../expressions/index.js';
import { type DocumentPath, projectPaths } from '../expressions/paths.js';
import { checkIndexKeys } from '../tables/index-keys.js';
import { type IndexWrite, itemChangeWrites } from '../tables/item-writes.js';
import { type CapacityMode, parseStoredItem, writeCapacity } from '../operations/item-support.js';
import { itemSize, MAX_ITEM_SIZE_BYTES } from '../values/size.js';
import type { Item } from '../values/types.js';
import { checkItemNesting } from '../values/validate.js';
import { PQ } from './errors.js';
import type { WritePlan } from './plan.js';

export function duplicateItem(): DynamoError {
  return new DynamoError({ name: 'DuplicateItemException', namespace: NS_DYNAMODB, message: PQ.duplicateItem });
}

export interface WriteEffect {
  oldItem: Item | undefined;
  newItem: Item | undefined;
  updatedPaths: DocumentPath[];
}

/** Pure: the item after the write; throws DuplicateItem / ConditionalCheckFailed / validation errors. */
export function applyWrite(plan: WritePlan, oldItem: Item | undefined, returnOldOnFailure: boolean): WriteEffect {
  const failed = (): DynamoError => DynamoError.conditionalCheckFailed(returnOldOnFailure ? oldItem : undefined);
  switch (plan.kind) {
    case 'insert':
      if (oldItem) throw duplicateItem();
      return { oldItem, newItem: plan.item, updatedPaths: [] };
    case 'delete':
      if (!oldItem) return { oldItem, newItem: undefined, updatedPaths: [] };
      if (plan.condition && !evaluateCondition(plan.condition, oldItem)) throw failed();
      return { oldItem, newItem: undefined, updatedPaths: [] };
    case 'check':
      if (!oldItem || (plan.condition && !evaluateCondition(plan.condition, oldItem))) throw failed();
      return { oldItem, newItem: oldItem, updatedPaths: [] };
    case 'update': {
      if (!oldItem || (plan.condition && !evaluateCondition(plan.condition, oldItem))) throw failed();
      const applied = applyUpdate(plan.update ?? { actions: [] }, oldItem, plan.key, plan.table.key);
      // A SET of a tuple or list literal may nest past the limit (only parameters are checked up front).
      checkItemNesting(applied.item);
      if (itemSize(applied.item) > MAX_ITEM_SIZE_BYTES) {
        throw DynamoError.validation('Item size to update has exceeded the maximum allowed size');
      }
      checkIndexKeys(plan.table, applied.item);
      return { oldItem, newItem: applied.item, updatedPaths: applied.updatedPaths };
    }
  }
}

/** The RETURNING rows of a write. */
export function returningItems(plan: WritePlan, effect: WriteEffect): Item[] {
  const r = plan.returning;
  if (!r) return [];
  let item: Item | undefined;
  if (r.mode === 'ALL') item = r.side === 'OLD' ? effect.oldItem : effect.newItem;
  else {
    const source = r.side === 'OLD' ? effect.oldItem : effect.newItem;
    item = source ? projectPaths(source, effect.updatedPaths) : undefined;
  }
  return item && Object.keys(item).length > 0 ? [item] : [];
}

export interface WriteOutcome {
  effect: WriteEffect;
  indexes: IndexWrite[];
}

/** One statement, one atomic commit. */
export async function executeWrite(ctx: RequestContext, plan: WritePlan, returnOldOnFailure: boolean): Promise<WriteOutcome> {
  const now = ctx.services.clock.now();
  const { result } = await ctx.services.engine.atomic({
    reads: [{ space: plan.table.space, key: plan.storageKey }],
    apply: ([raw]) => {
      const effect = applyWrite(plan, parseStoredItem(raw), returnOldOnFailure);
      if (plan.kind === 'check') return { writes: [], result: { effect, indexes: [] as IndexWrite[] } };
      const change = itemChangeWrites(plan.table, { key: plan.storageKey, oldItem: effect.oldItem, newItem: effect.newItem }, { now });
      return { writes: change.writes, result: { effect, indexes: change.indexes } };
    },
  });
  return result;
}

export function writeConsumed(mode: CapacityMode, plan: WritePlan, out: WriteOutcome): ReturnType<typeof writeCapacity> {
  return writeCapacity(mode, plan.table, out.effect.oldItem, out.effect.newItem, out.indexes);
}
