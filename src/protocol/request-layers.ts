/**
 * Which validation layer answers an item request (live DynamoDB 2026, conformance suite tier3
 * validation-ordering/updateItem, query and deepRequests). The newer layer is the usual one; the
 * older layer answers PutItem, UpdateItem and DeleteItem when a value in the request is nested past
 * about 62 levels, and UpdateItem when the request has no Key. The older layer lists enums in their
 * older order ([OR, AND], [ALL_NEW, UPDATED_OLD, ALL_OLD, NONE, UPDATED_NEW]), joins UpdateItem's
 * failures member by member, and does not put the item writes' later checks in the envelope.
 */
import { DynamoError } from './errors.js';

/** A value nested this deep (maps and lists around a leaf) sends the request to the older layer. */
const OLDER_LAYER_DEPTH = 63;

const OLDER_ENUMS: readonly [string, string][] = [
  ['[AND, OR]', '[OR, AND]'],
  ['[NONE, ALL_OLD, UPDATED_OLD, ALL_NEW, UPDATED_NEW]', '[ALL_NEW, UPDATED_OLD, ALL_OLD, NONE, UPDATED_NEW]'],
];
/** UpdateItem's older listing order (the rest keep their place after these). */
const OLDER_UPDATE_ORDER = ['returnConsumedCapacity', 'tableName', 'returnValues', 'conditionalOperator', 'key'];
/**
 * The newer layer's own texts for two members of PutItem, UpdateItem and DeleteItem (eu-west-2,
 * captured 2026-06-09 and 2026-07-13, unchanged in the 2026-09-20 and 2026-10-07 captures): an empty TableName is
 * named as the model spells it, without the value, and an unknown ReturnValues has no value or
 * path and its own enum order (UPDATE_NEW sic).
 */
const OLD_EMPTY_NAME = "Value '' at 'tableName' failed to satisfy constraint: Member must have length greater than or equal to 1";
const NEWER_EMPTY_NAME = "Value at 'TableName' failed to satisfy constraint: Member must have length greater than or equal to 1";
const RETURN_VALUES_ENUM = " at 'returnValues' failed to satisfy constraint: Member must satisfy enum value set:";
const NEWER_RETURN_VALUES = 'Failed to satisfy constraint: Member must satisfy enum value set: [ALL_OLD, UPDATED_OLD, ALL_NEW, UPDATE_NEW, NONE]';
/** PutItem's and DeleteItem's newer layer lists these three in this order (same captures). */
const NEWER_ENUM_ORDER = ['returnConsumedCapacity', 'returnValues', 'returnItemCollectionMetrics'];
/** The newer layer's answer to an unknown ConditionalOperator in a Query, on its own. */
const NEWER_CONDITIONAL_OPERATOR = 'Failed to satisfy constraint: Member must satisfy enum value set: [ALL, OR]';

function depthReaches(v: unknown, depth: number): boolean {
  if (depth >= OLDER_LAYER_DEPTH) return true;
  if (typeof v !== 'object' || v === null) return false;
  const av = v as Record<string, unknown>;
  const m = av.M;
  if (typeof m === 'object' && m !== null) {
    for (const k in m) if (depthReaches((m as Record<string, unknown>)[k], depth + 1)) return true;
  }
  if (Array.isArray(av.L)) for (const e of av.L as unknown[]) if (depthReaches(e, depth + 1)) return true;
  return false;
}

function anyDeep(map: unknown, pick: (entry: unknown) => unknown[]): boolean {
  if (typeof map !== 'object' || map === null) return false;
  for (const k in map) {
    for (const v of pick((map as Record<string, unknown>)[k])) if (depthReaches(v, 0)) return true;
  }
  return false;
}

const self = (v: unknown): unknown[] => [v];
const conditionValues = (c: unknown): unknown[] => {
  if (typeof c !== 'object' || c === null) return [];
  const { Value, AttributeValueList } = c as { Value?: unknown; AttributeValueList?: unknown };
  return [Value, ...(Array.isArray(AttributeValueList) ? (AttributeValueList as unknown[]) : [])];
};

/** A PutItem/UpdateItem/DeleteItem request holding a value nested past the newer layer's reach. */
export function isDeepRequest(input: Record<string, unknown>): boolean {
  return (
    anyDeep(input.Item, self) ||
    anyDeep(input.Key, self) ||
    anyDeep(input.ExpressionAttributeValues, self) ||
    anyDeep(input.Expected, conditionValues) ||
    anyDeep(input.AttributeUpdates, conditionValues)
  );
}

const LAYERED_OPS = new Set(['PutItem', 'UpdateItem', 'DeleteItem', 'Query']);

/** Adjusts a non-empty constraint listing of an item request to the layer that answers it. */
export function adjustListing(operation: string, input: Record<string, unknown>, errors: string[]): void {
  if (!LAYERED_OPS.has(operation)) return;
  if (operation === 'Query') {
    if (errors.some((e) => e.includes(" at 'conditionalOperator' failed"))) throw DynamoError.validation(NEWER_CONDITIONAL_OPERATOR);
    return;
  }
  const older = (operation === 'UpdateItem' && (input.Key === undefined || input.Key === null)) || isDeepRequest(input);
  if (!older) {
    if (operation !== 'UpdateItem') reorderEnums(errors);
    for (let i = 0; i < errors.length; i++) {
      const e = errors[i] as string;
      if (e === OLD_EMPTY_NAME) errors[i] = NEWER_EMPTY_NAME;
      else if (e.includes(RETURN_VALUES_ENUM)) errors[i] = NEWER_RETURN_VALUES;
    }
    // UpdateItem's newer layer stops at the first failure (eu-west-2, 2026-06).
    if (operation === 'UpdateItem') errors.splice(1);
    return;
  }
  for (let i = 0; i < errors.length; i++) {
    for (const [newer, old] of OLDER_ENUMS) errors[i] = (errors[i] as string).replace(`enum value set: ${newer}`, `enum value set: ${old}`);
  }
  if (operation === 'UpdateItem') {
    const rank = (e: string): number => {
      const i = OLDER_UPDATE_ORDER.findIndex((p) => e.includes(` at '${p}' failed`));
      return i === -1 ? OLDER_UPDATE_ORDER.length : i;
    };
    errors.sort((a, b) => rank(a) - rank(b));
  }
}

/** Puts the enum failures of NEWER_ENUM_ORDER in that order, in the places they already hold. */
function reorderEnums(errors: string[]): void {
  const rank = (e: string): number => NEWER_ENUM_ORDER.findIndex((p) => e.includes(` at '${p}' failed`));
  const slots: number[] = [];
  for (let i = 0; i < errors.length; i++) if (rank(errors[i] as string) >= 0) slots.push(i);
  if (slots.length < 2) return;
  const sorted = slots.map((i) => errors[i] as string).sort((a, b) => rank(a) - rank(b));
  slots.forEach((slot, k) => {
    errors[slot] = sorted[k] as string;
  });
}
