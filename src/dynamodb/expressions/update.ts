/**
 * Applying a compiled update to an item: a pure function of the previous item (safe to retry).
 * Every SET operand is evaluated against the item as it was before the update, as DynamoDB does.
 */
import { DynamoError } from '../../protocol/errors.js';
import { addNumbers, subtractNumbers } from '../values/number.js';
import { differenceMembers, unionMembers } from '../values/set-members.js';
import { sortSetMembers } from '../values/set-order.js';
import type { AttributeValue, Item } from '../values/types.js';
import type { KeySchemaDef } from '../tables/table-types.js';
import type { CompiledUpdate, Operand, UpdateAction } from './compiled.js';
import { applyLegacyUpdate } from './legacy-update.js';
import { cloneItem, cloneValue, getPath, type DocumentPath } from './paths.js';

export const UPDATE_MESSAGES = {
  missingAttribute: 'The provided expression refers to an attribute that does not exist in the item',
  wrongType: 'An operand in the update expression has an incorrect data type',
  invalidPath: 'The document path provided in the update expression is invalid for update',
} as const;

export function keyUpdateMessage(name: string): string {
  return `One or more parameter values were invalid: Cannot update attribute ${name}. This attribute is part of the key`;
}

/** Throws DynamoDB's error if the update touches a key attribute (checked before reading data). */
export function checkUpdateKeys(u: CompiledUpdate, keySchema: KeySchemaDef): void {
  const keys = [keySchema.hash.name, keySchema.range?.name];
  for (const a of u.actions) {
    const head = a.path[0];
    if (typeof head === 'string' && keys.includes(head)) throw DynamoError.validation(keyUpdateMessage(head));
  }
}

function invalid(message: string): DynamoError {
  return DynamoError.validation(message);
}

/** Value of an update operand against the original item. */
function valueOf(op: Operand, item: Item | undefined): AttributeValue {
  switch (op.k) {
    case 'value':
      return op.v;
    case 'path': {
      const v = getPath(item, op.path);
      if (v === undefined) throw invalid(UPDATE_MESSAGES.missingAttribute);
      return v;
    }
    case 'ifNotExists':
      return getPath(item, op.path) ?? valueOf(op.fallback, item);
    case 'listAppend': {
      const a = valueOf(op.a, item);
      const b = valueOf(op.b, item);
      if (!('L' in a) || !('L' in b)) throw invalid(UPDATE_MESSAGES.wrongType);
      return { L: [...a.L, ...b.L] };
    }
    case 'arith': {
      const a = valueOf(op.a, item);
      const b = valueOf(op.b, item);
      if (!('N' in a) || !('N' in b)) throw invalid(UPDATE_MESSAGES.wrongType);
      return { N: op.op === '+' ? addNumbers(a.N, b.N) : subtractNumbers(a.N, b.N) };
    }
    case 'size':
      throw invalid(UPDATE_MESSAGES.wrongType);
  }
}

interface Slot {
  /** The map or list holding the target. */
  parent: Item | AttributeValue[];
  key: string | number;
}

/** Locates the container of `path` in `item`; throws "invalid for update" if it is not there. */
function slot(item: Item, path: DocumentPath): Slot {
  let parent: Item | AttributeValue[] = item;
  for (let i = 0; i < path.length - 1; i++) {
    const step = path[i] as string | number;
    const v: AttributeValue | undefined = Array.isArray(parent)
      ? typeof step === 'number' ? parent[step] : undefined
      : typeof step === 'string' ? parent[step] : undefined;
    const next = path[i + 1];
    if (v !== undefined && typeof next === 'number' && 'L' in v) parent = v.L;
    else if (v !== undefined && typeof next === 'string' && 'M' in v) parent = v.M;
    else throw invalid(UPDATE_MESSAGES.invalidPath);
  }
  const key = path[path.length - 1] as string | number;
  if (Array.isArray(parent) !== (typeof key === 'number')) throw invalid(UPDATE_MESSAGES.invalidPath);
  return { parent, key };
}

function read(s: Slot): AttributeValue | undefined {
  return Array.isArray(s.parent) ? s.parent[s.key as number] : (s.parent as Item)[s.key as string];
}

function write(s: Slot, v: AttributeValue): void {
  if (Array.isArray(s.parent)) {
    const i = s.key as number;
    if (i >= s.parent.length) s.parent.push(v); // beyond the end: appended
    else s.parent[i] = v;
  } else {
    (s.parent as Item)[s.key as string] = v;
  }
}

function erase(s: Slot): void {
  if (Array.isArray(s.parent)) {
    const i = s.key as number;
    if (i < s.parent.length) s.parent.splice(i, 1);
  } else {
    delete (s.parent as Item)[s.key as string];
  }
}

function addTo(existing: AttributeValue | undefined, v: AttributeValue): AttributeValue {
  if (existing === undefined) return cloneValue(v);
  if ('N' in existing && 'N' in v) return { N: addNumbers(existing.N, v.N) };
  if ('SS' in existing && 'SS' in v) return { SS: sortSetMembers('SS', unionMembers('SS', existing.SS, v.SS)) };
  if ('NS' in existing && 'NS' in v) return { NS: sortSetMembers('NS', unionMembers('NS', existing.NS, v.NS)) };
  if ('BS' in existing && 'BS' in v) return { BS: sortSetMembers('BS', unionMembers('BS', existing.BS, v.BS)) };
  throw invalid(UPDATE_MESSAGES.wrongType);
}

/** Set difference; undefined when the result is empty (the attribute is then removed). */
function deleteFrom(existing: AttributeValue, v: AttributeValue): AttributeValue | undefined {
  let members: string[];
  if ('SS' in existing && 'SS' in v) members = differenceMembers('SS', existing.SS, v.SS);
  else if ('NS' in existing && 'NS' in v) members = differenceMembers('NS', existing.NS, v.NS);
  else if ('BS' in existing && 'BS' in v) members = differenceMembers('BS', existing.BS, v.BS);
  else throw invalid(UPDATE_MESSAGES.wrongType);
  if (members.length === 0) return undefined;
  const t = 'SS' in existing ? 'SS' : 'NS' in existing ? 'NS' : 'BS';
  return { [t]: members } as AttributeValue;
}

function lastIndex(a: UpdateAction): number | undefined {
  const last = a.path[a.path.length - 1];
  return typeof last === 'number' ? last : undefined;
}

/**
 * List-element removals run last, highest index first, so indexes refer to the original list.
 * Writes to list elements run in ascending index order, so that elements written past the end
 * are appended in index order whatever the order of the actions (recorded by dynalite:
 * `SET c[4] = …, c[2] = …` on a 2-element list gives [c0, c1, c[2], c[4]]).
 */
function removalOrder(actions: UpdateAction[]): UpdateAction[] {
  const removes = actions.filter((a) => a.k === 'REMOVE');
  const others: UpdateAction[] = actions.filter((a) => a.k !== 'REMOVE');
  const slots: number[] = [];
  for (let i = 0; i < others.length; i++) if (lastIndex(others[i] as UpdateAction) !== undefined) slots.push(i);
  if (slots.length > 1) {
    const sorted = slots.map((i) => others[i] as UpdateAction).sort((x, y) => (lastIndex(x) as number) - (lastIndex(y) as number));
    slots.forEach((slotIndex, j) => (others[slotIndex] = sorted[j] as UpdateAction));
  }
  removes.sort((x, y) => {
    const a = x.path[x.path.length - 1];
    const b = y.path[y.path.length - 1];
    return typeof a === 'number' && typeof b === 'number' ? b - a : 0;
  });
  return [...others, ...removes];
}

/**
 * Applies the update to `item` (undefined if there is none; the new item then starts from `key`).
 * Returns the new item and the document paths the update wrote or removed.
 */
export function applyUpdate(
  u: CompiledUpdate,
  item: Item | undefined,
  key: Item,
  keySchema: KeySchemaDef,
  indexKeys?: ReadonlyMap<string, string>,
): { item: Item; updatedPaths: DocumentPath[]; skipped?: boolean } {
  checkUpdateKeys(u, keySchema);
  // Removing from a missing item does not create it (alternator's test_update_item_non_existent,
  // recorded on DynamoDB); `skipped` tells the caller to write nothing and return nothing.
  if (item === undefined && u.actions.length > 0 && u.actions.every((a) => a.k === 'REMOVE' || a.k === 'DELETE')) {
    return { item: cloneItem(key), updatedPaths: [], skipped: true };
  }
  if (u.legacy) return applyLegacyUpdate(u, item, key);
  const values = new Map<UpdateAction, AttributeValue>();
  // A missing item is read as just its key (`SET b = if_not_exists(b, a)` copies the key).
  const base = item ?? key;
  for (const a of u.actions) {
    if (a.k !== 'SET') continue;
    const v = valueOf(a.value, base);
    if (indexKeys !== undefined && a.path.length === 1) {
      const want = indexKeys.get(a.path[0] as string);
      if (want !== undefined && !(want in v)) {
        throw invalid('The update expression attempted to update the secondary index key to unsupported type');
      }
    }
    values.set(a, v);
  }
  const next = item ? cloneItem(item) : cloneItem(key);
  for (const a of removalOrder(u.actions)) {
    // REMOVE of any path from a missing item is ignored (alternator, recorded on DynamoDB).
    if (item === undefined && a.k === 'REMOVE') continue;
    const s = slot(next, a.path);
    if (a.k === 'SET') write(s, values.get(a) as AttributeValue);
    else if (a.k === 'REMOVE') erase(s);
    else if (a.k === 'ADD') write(s, addTo(read(s), a.value));
    else {
      const existing = read(s);
      if (existing === undefined) continue;
      const rest = deleteFrom(existing, a.value);
      if (rest === undefined) erase(s);
      else write(s, rest);
    }
  }
  return { item: next, updatedPaths: u.actions.map((a) => a.path) };
}
