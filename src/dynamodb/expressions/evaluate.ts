/**
 * Evaluation of compiled conditions against an item. Type mismatches make a comparison false,
 * never an error (DynamoDB semantics); a missing attribute makes everything but `<>` false.
 */
import { base64Bytes } from '../values/base64.js';
import { compareScalars, valuesEqual } from '../values/compare.js';
import { compareNumbers } from '../values/number.js';
import type { AttributeValue, Item } from '../values/types.js';
import { typeOf } from '../values/types.js';
import type { CompiledCondition, Cond, Operand } from './compiled.js';
import { inList } from './in-lookup.js';
import { getPath } from './paths.js';

/** The value of a condition operand, or undefined (missing attribute, size of an unsized type). */
export function operandValue(op: Operand, item: Item | undefined): AttributeValue | undefined {
  switch (op.k) {
    case 'path':
      return getPath(item, op.path);
    case 'value':
      return op.v;
    case 'size': {
      const v = operandValue(op.of, item);
      const n = v === undefined ? undefined : sizeOf(v);
      return n === undefined ? undefined : { N: String(n) };
    }
    default:
      return undefined; // update-only operands never appear in conditions
  }
}

/**
 * DynamoDB's size(): string length in UTF-16 code units (what a JS string's length counts, so
 * 'é\u{1d11e}' is 3, not 6 UTF-8 bytes; live-verified conformance suite, tier1
 * query/expressions, 2026), binary bytes, element counts.
 */
export function sizeOf(v: AttributeValue): number | undefined {
  if ('S' in v) return v.S.length;
  if ('B' in v) return base64Bytes(v.B).length;
  if ('SS' in v) return v.SS.length;
  if ('NS' in v) return v.NS.length;
  if ('BS' in v) return v.BS.length;
  if ('L' in v) return v.L.length;
  if ('M' in v) return Object.keys(v.M).length;
  return undefined;
}

function ordered(a: AttributeValue | undefined, b: AttributeValue | undefined): number | undefined {
  return a === undefined || b === undefined ? undefined : compareScalars(a, b);
}

export function beginsWith(a: AttributeValue, b: AttributeValue): boolean {
  if ('S' in a && 'S' in b) return a.S.startsWith(b.S);
  if ('B' in a && 'B' in b) {
    const x = base64Bytes(a.B);
    const y = base64Bytes(b.B);
    return y.length <= x.length && x.subarray(0, y.length).equals(y);
  }
  return false;
}

export function contains(a: AttributeValue, b: AttributeValue): boolean {
  if ('S' in a) return 'S' in b && a.S.includes(b.S);
  if ('B' in a) return 'B' in b && base64Bytes(a.B).includes(base64Bytes(b.B));
  if ('SS' in a) return 'S' in b && a.SS.includes(b.S);
  if ('NS' in a) return 'N' in b && a.NS.some((n) => compareNumbers(n, b.N) === 0);
  if ('BS' in a) {
    if (!('B' in b)) return false;
    const y = base64Bytes(b.B);
    return a.BS.some((m) => base64Bytes(m).equals(y));
  }
  if ('L' in a) return a.L.some((e) => valuesEqual(e, b));
  return false;
}

function evalCond(c: Cond, item: Item | undefined): boolean {
  switch (c.k) {
    case 'and':
      return evalCond(c.l, item) && evalCond(c.r, item);
    case 'or':
      return evalCond(c.l, item) || evalCond(c.r, item);
    case 'not':
      return !evalCond(c.c, item);
    case 'exists':
      return getPath(item, c.path) !== undefined;
    case 'notExists':
      return getPath(item, c.path) === undefined;
    case 'cmp': {
      const a = operandValue(c.a, item);
      const b = operandValue(c.b, item);
      switch (c.op) {
        case '=':
          return a !== undefined && b !== undefined && valuesEqual(a, b);
        case '<>':
          return a === undefined || b === undefined || !valuesEqual(a, b);
        case '<':
          return (ordered(a, b) ?? 0) < 0;
        case '<=': {
          const o = ordered(a, b);
          return o !== undefined && o <= 0;
        }
        case '>':
          return (ordered(a, b) ?? 0) > 0;
        case '>=': {
          const o = ordered(a, b);
          return o !== undefined && o >= 0;
        }
      }
      return false;
    }
    case 'between': {
      const a = operandValue(c.a, item);
      const lo = ordered(a, operandValue(c.lo, item));
      const hi = ordered(a, operandValue(c.hi, item));
      return lo !== undefined && hi !== undefined && lo >= 0 && hi <= 0;
    }
    case 'in': {
      const a = operandValue(c.a, item);
      return a !== undefined && inList(a, c.list, item, operandValue);
    }
    case 'type': {
      const a = operandValue(c.a, item);
      return a !== undefined && typeOf(a) === c.t;
    }
    case 'beginsWith':
    case 'contains': {
      const a = operandValue(c.a, item);
      const b = operandValue(c.b, item);
      if (a === undefined || b === undefined) return false;
      return c.k === 'beginsWith' ? beginsWith(a, b) : contains(a, b);
    }
  }
}

/** True if `item` (undefined = no item) satisfies the condition. */
export function evaluateCondition(c: CompiledCondition, item: Item | undefined): boolean {
  return evalCond(c.root, item);
}
