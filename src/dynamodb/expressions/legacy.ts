/**
 * Legacy conditional parameters compiled to the expression forms: Expected (+ ConditionalOperator),
 * QueryFilter / ScanFilter, KeyConditions and AttributesToGet. Messages from DynamoDB as recorded
 * by dynalite's validations.
 */
import { DynamoError } from '../../protocol/errors.js';
import { compareScalars } from '../values/compare.js';
import { validateAttributeValue } from '../values/validate.js';
import type { AttributeValue } from '../values/types.js';
import { typeOf } from '../values/types.js';
import type { CompiledCondition, CompiledKeyCondition, CompiledProjection, Cond, KeyOp, KeyPart } from './compiled.js';
import { MAX_KEY_CONDITION_PARTS } from './multi-key-condition.js';

const INVALID = 'One or more parameter values were invalid: ';

const ARG_COUNTS: Readonly<Record<string, [number, number]>> = {
  EQ: [1, 1], NE: [1, 1], LE: [1, 1], LT: [1, 1], GE: [1, 1], GT: [1, 1],
  CONTAINS: [1, 1], NOT_CONTAINS: [1, 1], BEGINS_WITH: [1, 1],
  NULL: [0, 0], NOT_NULL: [0, 0], IN: [1, Infinity], BETWEEN: [2, 2],
};

const VALID_TYPES: Readonly<Record<string, readonly string[]>> = {
  EQ: ['S', 'N', 'B', 'SS', 'NS', 'BS', 'BOOL', 'NULL', 'L', 'M'],
  NE: ['S', 'N', 'B', 'SS', 'NS', 'BS', 'BOOL', 'NULL', 'L', 'M'],
  LE: ['S', 'N', 'B'], LT: ['S', 'N', 'B'], GE: ['S', 'N', 'B'], GT: ['S', 'N', 'B'],
  // Sets, lists and maps are refused (dynalite's recorded CONTAINS type tests; alternator's test_expected).
  CONTAINS: ['S', 'N', 'B', 'BOOL', 'NULL'], NOT_CONTAINS: ['S', 'N', 'B', 'BOOL', 'NULL'],
  BEGINS_WITH: ['S', 'B'], IN: ['S', 'N', 'B'], BETWEEN: ['S', 'N', 'B'],
};

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function invalid(message: string): DynamoError {
  return DynamoError.validation(INVALID + message);
}

/** Checks an operator and its values; returns the validated values. */
function checkOperator(op: string, rawValues: unknown[]): AttributeValue[] {
  const counts = ARG_COUNTS[op];
  const values = rawValues.map((v) => validateAttributeValue(v));
  if (!counts || values.length < counts[0] || values.length > counts[1]) {
    throw invalid(`Invalid number of argument(s) for the ${op} ComparisonOperator`);
  }
  const first = values[0];
  if (first && values.some((v) => typeOf(v) !== typeOf(first))) {
    throw invalid('AttributeValues inside AttributeValueList must be of same type');
  }
  for (const v of values) {
    if (!(VALID_TYPES[op] ?? []).includes(typeOf(v))) {
      throw invalid(`ComparisonOperator ${op} is not valid for ${typeOf(v)} AttributeValue type`);
    }
  }
  if (op === 'BETWEEN' && (compareScalars(values[0] as AttributeValue, values[1] as AttributeValue) ?? 0) > 0) {
    throw DynamoError.validation('The BETWEEN condition was provided a range where the lower bound is greater than the upper bound');
  }
  return values;
}

/** The condition `name <op> values` in compiled form. */
function operatorCond(name: string, op: string, values: AttributeValue[]): Cond {
  const a = { k: 'path' as const, path: [name] };
  const v = (i: number) => ({ k: 'value' as const, v: values[i] as AttributeValue });
  switch (op) {
    case 'EQ': return { k: 'cmp', op: '=', a, b: v(0) };
    case 'NE': return { k: 'cmp', op: '<>', a, b: v(0) };
    case 'LE': return { k: 'cmp', op: '<=', a, b: v(0) };
    case 'LT': return { k: 'cmp', op: '<', a, b: v(0) };
    case 'GE': return { k: 'cmp', op: '>=', a, b: v(0) };
    case 'GT': return { k: 'cmp', op: '>', a, b: v(0) };
    case 'NULL': return { k: 'notExists', path: [name] };
    case 'NOT_NULL': return { k: 'exists', path: [name] };
    case 'CONTAINS': return { k: 'contains', a, b: v(0) };
    // The attribute must exist for NOT_CONTAINS to hold.
    case 'NOT_CONTAINS': return { k: 'and', l: { k: 'exists', path: [name] }, r: { k: 'not', c: { k: 'contains', a, b: v(0) } } };
    case 'BEGINS_WITH': return { k: 'beginsWith', a, b: v(0) };
    case 'IN': return { k: 'in', a, list: values.map((_, i) => v(i)) };
    default: return { k: 'between', a, lo: v(0), hi: v(1) };
  }
}

function combine(conds: Cond[], operator: string | undefined): CompiledCondition | undefined {
  if (conds.length === 0) return undefined;
  return { root: joined(conds, operator === 'OR' ? 'or' : 'and', 0, conds.length) };
}

/**
 * conds[from..to) joined by one operator, as a balanced tree (in the same left-to-right order): a
 * chain one level deeper per attribute overflowed the stack of the recursive walks (evaluation,
 * query-checks) at an Expected or ScanFilter of 40,000 attributes (test/superlinear-requests.test.ts).
 */
function joined(conds: Cond[], k: 'and' | 'or', from: number, to: number): Cond {
  if (to - from === 1) return conds[from] as Cond;
  const mid = (from + to) >>> 1;
  return { k, l: joined(conds, k, from, mid), r: joined(conds, k, mid, to) };
}

/** Compiles Expected (+ ConditionalOperator). */
export function compileExpected(raw: unknown, operator: string | undefined): CompiledCondition | undefined {
  if (!isRecord(raw)) return undefined;
  const conds: Cond[] = [];
  for (const name of Object.keys(raw)) {
    const c = isRecord(raw[name]) ? (raw[name] as Record<string, unknown>) : {};
    const has = (k: string) => c[k] !== undefined && c[k] !== null;
    if (has('AttributeValueList') && has('Value')) {
      throw invalid(`Value and AttributeValueList cannot be used together for Attribute: ${name}`);
    }
    if (has('ComparisonOperator')) {
      const op = String(c.ComparisonOperator);
      if (has('Exists')) throw invalid(`Exists and ComparisonOperator cannot be used together for Attribute: ${name}`);
      if (op !== 'NULL' && op !== 'NOT_NULL' && !has('AttributeValueList') && !has('Value')) {
        throw invalid(`Value or AttributeValueList must be used with ComparisonOperator: ${op} for Attribute: ${name}`);
      }
      const list = has('AttributeValueList') ? (c.AttributeValueList as unknown[]) : has('Value') ? [c.Value] : [];
      conds.push(operatorCond(name, op, checkOperator(op, Array.isArray(list) ? list : [])));
    } else if (has('AttributeValueList')) {
      throw invalid(`AttributeValueList can only be used with a ComparisonOperator for Attribute: ${name}`);
    } else {
      const exists = c.Exists === undefined || c.Exists === null || c.Exists === true;
      if (exists && !has('Value')) {
        throw invalid(`Value must be provided when Exists is ${has('Exists') ? String(c.Exists) : 'null'} for Attribute: ${name}`);
      }
      if (!exists && has('Value')) throw invalid(`Value cannot be used when Exists is false for Attribute: ${name}`);
      if (exists) conds.push(operatorCond(name, 'EQ', [validateAttributeValue(c.Value)]));
      else conds.push({ k: 'notExists', path: [name] });
    }
  }
  return combine(conds, operator);
}

/** Compiles QueryFilter / ScanFilter (+ ConditionalOperator). */
export function compileFilterConditions(raw: unknown, operator: string | undefined): CompiledCondition | undefined {
  if (!isRecord(raw)) return undefined;
  const conds: Cond[] = [];
  for (const name of Object.keys(raw)) {
    const c = isRecord(raw[name]) ? (raw[name] as Record<string, unknown>) : {};
    const op = String(c.ComparisonOperator);
    const list = Array.isArray(c.AttributeValueList) ? c.AttributeValueList : [];
    conds.push(operatorCond(name, op, checkOperator(op, list)));
  }
  return combine(conds, operator);
}

const KEY_OPS: ReadonlySet<string> = new Set(['EQ', 'LE', 'LT', 'GE', 'GT', 'BEGINS_WITH', 'BETWEEN']);

/** Compiles KeyConditions (bound to the schema later by bindKeyCondition). */
export function compileKeyConditions(raw: unknown): CompiledKeyCondition | undefined {
  if (!isRecord(raw)) return undefined;
  const parts: KeyPart[] = [];
  for (const name of Object.keys(raw)) {
    const c = isRecord(raw[name]) ? (raw[name] as Record<string, unknown>) : {};
    const op = String(c.ComparisonOperator);
    const values = checkOperator(op, Array.isArray(c.AttributeValueList) ? c.AttributeValueList : []);
    // DynamoDB refuses non-indexable operators only after finding the table (dynalite's query tests).
    const part: KeyPart = { name, op: op as KeyOp, values };
    if (!KEY_OPS.has(op)) part.notIndexable = true;
    parts.push(part);
  }
  // Up to 8 for multi-attribute GSI keys; bindKeyCondition refuses more than 2 on other key schemas.
  if (parts.length === 0 || parts.length > MAX_KEY_CONDITION_PARTS) throw DynamoError.validation('Conditions can be of length 1 or 2 only');
  return { parts, source: 'legacy' };
}

/** AttributesToGet as a projection of top-level attributes. */
export function compileAttributesToGet(names: string[]): CompiledProjection {
  const seen = new Set<string>();
  for (const n of names) {
    if (seen.has(n)) throw invalid(`Duplicate value in attribute name: ${n}`);
    seen.add(n);
  }
  return { paths: names.map((n) => [n]) };
}
