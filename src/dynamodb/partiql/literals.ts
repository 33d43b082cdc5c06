/**
 * PartiQL values → AttributeValues: 'text' → S, numbers → N (DynamoDB's number rules, messages
 * suffixed with "under <path>"), true/false → BOOL, null → NULL, [..] → L, {'k': v} → M,
 * <<..>> → SS or NS, `?` → the request's parameter.
 */
import { DynamoError } from '../../protocol/errors.js';
import { stringSetDuplicatesMessage, VALUE_MESSAGES } from '../values/messages.js';
import { formatNumber, parseNumber } from '../values/number.js';
import type { AttributeValue, Item } from '../values/types.js';
import type { Expr } from './ast.js';
import { notWellFormed, PQ, pqError, pqMessages } from './errors.js';
import { sortSetMembers } from '../values/set-order.js';

const INT32_MAX = 2147483647;

/**
 * The PartiQL parser's limits on a number literal's exponent and scale (32-bit): beyond them the
 * statement is not well formed, reported while parsing (ahead of table and index checks, e.g. the
 * multi-attribute index refusal; conformance suite, October 2026).
 */
export function checkNumberLiteral(text: string): void {
  const m = /^(-?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(text);
  if (!m) throw notWellFormed();
  const exp = m[4] === undefined ? 0 : Number(m[4]);
  const frac = m[3]?.length ?? 0;
  if (!Number.isSafeInteger(exp) || Math.abs(exp) > INT32_MAX || Math.abs(frac - exp) > INT32_MAX) throw notWellFormed();
}

/** Converts a number literal, with the PartiQL parser's limits on exponent and scale. */
export function numberLiteral(text: string, under: string): AttributeValue {
  checkNumberLiteral(text);
  try {
    return { N: formatNumber(parseNumber(text)) };
  } catch (e) {
    if (e instanceof DynamoError) throw DynamoError.validation(`${e.message} under ${under}`);
    throw e;
  }
}

export function isConstant(e: Expr): boolean {
  switch (e.k) {
    case 'lit':
    case 'param':
      return true;
    case 'list':
    case 'bag':
      return e.items.every(isConstant);
    case 'struct':
      return e.entries.every(([k, v]) => isConstant(k) && isConstant(v));
    default:
      return false;
  }
}

export function typeLabel(e: Expr): string {
  return e.k === 'call' ? e.name : e.k === 'path' ? 'path' : e.k;
}

/**
 * The value of a constant expression; undefined for MISSING. `under` names the position in number
 * and tuple messages; with `itemRoot` (an INSERT item) each top-level attribute value is its own root,
 * as DynamoDB reports `{'pk': 1e126}` "under root" and `{'m': {'x': 1e126}}` "under root.x".
 */
export function constantValue(e: Expr, params: AttributeValue[], under = 'root', itemRoot = false, text?: string): AttributeValue | undefined {
  switch (e.k) {
    case 'lit':
      switch (e.v.t) {
        case 'str':
          return { S: e.v.s };
        case 'num':
          return numberLiteral(e.v.text, under);
        case 'bool':
          return { BOOL: e.v.b };
        case 'null':
          return { NULL: true };
        case 'missing':
          return undefined;
      }
      break;
    case 'param': {
      const v = params[e.index];
      if (v === undefined) throw pqError(PQ.paramCount);
      return v;
    }
    case 'list': {
      const out: AttributeValue[] = [];
      e.items.forEach((x, i) => {
        const v = constantValue(x, params, `${under}[${i}]`, false, text);
        if (v !== undefined) out.push(v);
      });
      return { L: out };
    }
    case 'struct': {
      const m: Item = {};
      for (const [k, v] of e.entries) {
        const key = constantValue(k, params, under);
        if (!key || !('S' in key)) throw pqError(`Tuple keys must be of type String. Actual type: ${key ? Object.keys(key)[0] : 'MISSING'} under ${under}`);
        if (Object.hasOwn(m, key.S)) throw pqError(pqMessages.duplicateTupleKey(key.S, under));
        const val = constantValue(v, params, itemRoot ? under : `${under}.${key.S}`, false, text);
        if (val !== undefined) m[key.S] = val;
      }
      return { M: m };
    }
    case 'bag':
      return bagValue(e.items, params, under);
  }
  const where = e.k === 'call' && text !== undefined ? ` at ${positionOf(text, e.pos, e.name.length)}` : '';
  throw pqError(`Unsupported data type: ${typeLabel(e)} under key ${under}${where}`);
}

function bagValue(items: Expr[], params: AttributeValue[], under: string): AttributeValue {
  if (items.length === 0) throw pqError(PQ.emptyBag);
  const values = items.map((x) => constantValue(x, params, under));
  if (values.every((v) => v !== undefined && 'S' in v)) {
    const ss = values.map((v) => (v as { S: string }).S);
    if (new Set(ss).size !== ss.length) throw DynamoError.validation(stringSetDuplicatesMessage(ss));
    return { SS: sortSetMembers('SS', ss) };
  }
  if (values.every((v) => v !== undefined && 'N' in v)) {
    const ns = values.map((v) => (v as { N: string }).N);
    if (new Set(ns).size !== ns.length) throw DynamoError.validation(VALUE_MESSAGES.numberSetDuplicates);
    return { NS: sortSetMembers('NS', ns) };
  }
  throw pqError(PQ.bagType);
}

/** 1-based `line:column:length` of a position, as DynamoDB's positioned messages give it. */
export function positionOf(text: string, pos: number, length: number): string {
  let line = 1;
  let col = 1;
  for (let i = 0; i < pos && i < text.length; i++) {
    if (text[i] === '\n') {
      line++;
      col = 1;
    } else col++;
  }
  return `${line}:${col}:${length}`;
}
