/**
 * AttributeUpdates (the legacy form of UpdateExpression): PUT / ADD / DELETE on top-level
 * attributes, compiled to the same action list as UpdateExpression but applied with the legacy
 * semantics (ADD appends to lists; type mismatches have their own message).
 */
import { DynamoError } from '../../protocol/errors.js';
import { addNumbers } from '../values/number.js';
import { differenceMembers, type SetType, unionMembers } from '../values/set-members.js';
import { validateAttributeValue } from '../values/validate.js';
import type { AttributeValue, Item } from '../values/types.js';
import { typeOf } from '../values/types.js';
import type { CompiledUpdate, UpdateAction } from './compiled.js';
import { cloneItem, cloneValue, type DocumentPath } from './paths.js';
import { sortSetMembers } from '../values/set-order.js';

const INVALID = 'One or more parameter values were invalid: ';
const TYPE_MISMATCH = 'Type mismatch for attribute to update';

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Validates AttributeUpdates and compiles it. */
export function compileAttributeUpdates(raw: unknown): CompiledUpdate {
  const actions: UpdateAction[] = [];
  if (!isRecord(raw)) return { actions, legacy: true };
  for (const name of Object.keys(raw)) {
    const update = raw[name];
    const u = isRecord(update) ? update : {};
    const action = typeof u.Action === 'string' ? u.Action : 'PUT';
    const value = u.Value === undefined || u.Value === null ? undefined : validateAttributeValue(u.Value);
    if (value === undefined) {
      if (action !== 'DELETE') throw DynamoError.validation(`${INVALID}Only DELETE action is allowed when no attribute value is specified`);
      actions.push({ k: 'REMOVE', path: [name] });
      continue;
    }
    const t = typeOf(value);
    if (action === 'ADD') {
      if (!['N', 'SS', 'NS', 'BS', 'L'].includes(t)) {
        throw DynamoError.validation(`${INVALID}ADD action is not supported for the type ${t}`);
      }
      actions.push({ k: 'ADD', path: [name], value });
    } else if (action === 'DELETE') {
      if (!['SS', 'NS', 'BS'].includes(t)) {
        throw DynamoError.validation(`${INVALID}DELETE action with value is not supported for the type ${t}`);
      }
      actions.push({ k: 'DELETE', path: [name], value });
    } else {
      actions.push({ k: 'SET', path: [name], value: { k: 'value', v: value } });
    }
  }
  return { actions, legacy: true };
}

function members(v: AttributeValue): string[] | undefined {
  if ('SS' in v) return v.SS;
  if ('NS' in v) return v.NS;
  if ('BS' in v) return v.BS;
  return undefined;
}

function legacyAdd(existing: AttributeValue | undefined, v: AttributeValue): AttributeValue {
  if (existing === undefined) return cloneValue(v);
  const t = typeOf(v);
  if (typeOf(existing) !== t) throw DynamoError.validation(TYPE_MISMATCH);
  if ('N' in v && 'N' in existing) return { N: addNumbers(existing.N, v.N) };
  if ('L' in v && 'L' in existing) return { L: [...existing.L, ...v.L.map(cloneValue)] };
  const out = unionMembers(t as SetType, members(existing) ?? [], members(v) ?? []);
  return { [t]: sortSetMembers(t as SetType, out) } as AttributeValue;
}

export function applyLegacyUpdate(
  u: CompiledUpdate,
  item: Item | undefined,
  key: Item,
): { item: Item; updatedPaths: DocumentPath[] } {
  const next = item ? cloneItem(item) : cloneItem(key);
  for (const a of u.actions) {
    const name = a.path[0] as string;
    if (a.k === 'SET') {
      if (a.value.k === 'value') next[name] = cloneValue(a.value.v);
    } else if (a.k === 'REMOVE') {
      delete next[name];
    } else if (a.k === 'ADD') {
      next[name] = legacyAdd(next[name], a.value);
    } else {
      const existing = next[name];
      if (existing === undefined) continue;
      const t = typeOf(a.value);
      if (typeOf(existing) !== t) throw DynamoError.validation(TYPE_MISMATCH);
      const del = members(a.value) ?? [];
      const rest = differenceMembers(t as SetType, members(existing) ?? [], del);
      if (rest.length === 0) delete next[name];
      else next[name] = { [t]: rest } as AttributeValue;
    }
  }
  return { item: next, updatedPaths: u.actions.map((a) => a.path) };
}
