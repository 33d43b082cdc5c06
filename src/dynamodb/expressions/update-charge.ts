/**
 * UpdateItem's second size gate. Besides capping the finished item at 400 KB, DynamoDB sizes the
 * UpdateExpression itself: what each clause writes plus a fixed cost per clause and per operand.
 * The key and every attribute the statement leaves alone are outside this figure, so at a short key
 * an update is refused below a 409,600-byte finished item. Measured against live DynamoDB
 * (eu-west-2, 2026) by the conformance suite's tier3/limits/itemSizeBySurface (bisected, read back);
 * ten regions do not apply it (see docs/compatibility.md). PartiQL UPDATE, transacted Updates and
 * AttributeUpdates size only the finished item (a transacted Update is sized by its statement in
 * eu-west-2, eu-north-1 and ap-northeast-2 since 2026-10-08; Eddy follows us-east-1).
 *
 * The charge: 3 for the update, plus per clause
 *   SET t = e        19 + target(t) + operand(e)
 *   ADD t :v         19 + target(t) + size(v), a set counting only the members it adds
 *   REMOVE t         1 + target(t)
 *   DELETE t :v      1 + target(t)
 * where target(a.b[1]) = bytes(a) + Σ (4 + element) over the later elements, and an operand is
 *   :v               its size (at every use)
 *   a path           1 + Σ (14 + element) over its elements (the value it reads is free)
 *   x + y / x - y    34 / 37 + both operands
 *   if_not_exists    39 + both operands
 *   list_append      37 + both operands
 * An element is a name's UTF-8 bytes or a list index's digits.
 */
import { DynamoError } from '../../protocol/errors.js';
import { attributeValueSize, MAX_ITEM_SIZE_BYTES, utf8Length } from '../values/size.js';
import type { AttributeValue, Item } from '../values/types.js';
import type { CompiledUpdate, Operand } from './compiled.js';
import { getPath, type DocumentPath } from './paths.js';

const UPDATE_COST = 3;
const WRITE_CLAUSE_COST = 19;
const REMOVE_CLAUSE_COST = 1;
const PATH_OPERAND_COST = 1;
const PATH_OPERAND_ELEMENT_COST = 14;
const TARGET_ELEMENT_COST = 4;
const PLUS_COST = 34;
const MINUS_COST = 37;
const IF_NOT_EXISTS_COST = 39;
const LIST_APPEND_COST = 37;

function elementBytes(e: string | number): number {
  return typeof e === 'number' ? String(e).length : utf8Length(e);
}

function targetCost(path: DocumentPath): number {
  let sum = 0;
  for (let i = 0; i < path.length; i++) {
    const e = path[i] as string | number;
    sum += i === 0 ? elementBytes(e) : TARGET_ELEMENT_COST + elementBytes(e);
  }
  return sum;
}

function pathOperandCost(path: DocumentPath): number {
  let sum = PATH_OPERAND_COST;
  for (const e of path) sum += PATH_OPERAND_ELEMENT_COST + elementBytes(e);
  return sum;
}

function operandCost(op: Operand, size: (v: AttributeValue) => number = attributeValueSize): number {
  switch (op.k) {
    case 'value':
      return size(op.v);
    case 'path':
      return pathOperandCost(op.path);
    case 'arith':
      return (op.op === '+' ? PLUS_COST : MINUS_COST) + operandCost(op.a, size) + operandCost(op.b, size);
    case 'ifNotExists':
      return IF_NOT_EXISTS_COST + pathOperandCost(op.path) + operandCost(op.fallback, size);
    case 'listAppend':
      return LIST_APPEND_COST + operandCost(op.a, size) + operandCost(op.b, size);
    case 'size':
      return operandCost(op.of, size);
  }
}

/** What an ADD writes: a number in full, a set only the members not already in the stored set. */
function addedSize(value: AttributeValue, existing: AttributeValue | undefined): number {
  let fresh: AttributeValue = value;
  if ('SS' in value && existing !== undefined && 'SS' in existing) fresh = { SS: notIn(value.SS, existing.SS) };
  else if ('NS' in value && existing !== undefined && 'NS' in existing) fresh = { NS: notIn(value.NS, existing.NS) };
  else if ('BS' in value && existing !== undefined && 'BS' in existing) fresh = { BS: notIn(value.BS, existing.BS) };
  return attributeValueSize(fresh);
}

/**
 * The members of `added` whose text is not among `stored`'s. Looked up in a Set: searching the
 * stored list for each added member took ~0.8 s for 20k onto 20k (test/superlinear-requests.test.ts).
 */
function notIn(added: readonly string[], stored: readonly string[]): string[] {
  const have = new Set(stored);
  return added.filter((m) => !have.has(m));
}

/** The statement's charge against the 400 KB limit (see the module comment). */
export function updateStatementCharge(u: CompiledUpdate, oldItem: Item | undefined): number {
  let sum = UPDATE_COST;
  for (const a of u.actions) {
    switch (a.k) {
      case 'SET':
        sum += WRITE_CLAUSE_COST + targetCost(a.path) + operandCost(a.value);
        break;
      case 'ADD':
        sum += WRITE_CLAUSE_COST + targetCost(a.path) + addedSize(a.value, getPath(oldItem, a.path));
        break;
      case 'REMOVE':
      case 'DELETE':
        sum += REMOVE_CLAUSE_COST + targetCost(a.path);
        break;
    }
  }
  return sum;
}

/**
 * A lower bound of updateStatementCharge whatever the stored item holds (an ADD counted as its
 * clause and target only), each value sized by `size`: see oversize-values.ts.
 */
export function minimumStatementCharge(u: CompiledUpdate, size: (v: AttributeValue) => number): number {
  let sum = UPDATE_COST;
  for (const a of u.actions) {
    if (a.k === 'SET') sum += WRITE_CLAUSE_COST + targetCost(a.path) + operandCost(a.value, size);
    else sum += (a.k === 'ADD' ? WRITE_CLAUSE_COST : REMOVE_CLAUSE_COST) + targetCost(a.path);
  }
  return sum;
}

/**
 * Throws "Item size to update has exceeded…" when an UpdateExpression's charge is over 400 KB.
 * DynamoDB checks this before the ConditionExpression. AttributeUpdates are not charged.
 */
export function checkUpdateStatementCharge(u: CompiledUpdate | undefined, oldItem: Item | undefined, message: string): void {
  if (u === undefined || u.legacy) return;
  if (updateStatementCharge(u, oldItem) > MAX_ITEM_SIZE_BYTES) throw DynamoError.validation(message);
}
