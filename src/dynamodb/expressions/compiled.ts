/**
 * Resolved ("compiled") expressions: placeholders substituted for one request, statically checked,
 * ready to evaluate against items. Legacy parameters compile to the same shapes.
 */
import type { AttributeType, AttributeValue } from '../values/types.js';
import type { Comparator } from './ast.js';
import type { DocumentPath } from './paths.js';

export type Operand =
  | { k: 'path'; path: DocumentPath }
  | { k: 'value'; v: AttributeValue }
  | { k: 'size'; of: Operand }
  | { k: 'ifNotExists'; path: DocumentPath; fallback: Operand }
  | { k: 'listAppend'; a: Operand; b: Operand }
  | { k: 'arith'; op: '+' | '-'; a: Operand; b: Operand };

export type Cond =
  | { k: 'cmp'; op: Comparator; a: Operand; b: Operand }
  | { k: 'between'; a: Operand; lo: Operand; hi: Operand }
  | { k: 'in'; a: Operand; list: Operand[] }
  | { k: 'and' | 'or'; l: Cond; r: Cond }
  | { k: 'not'; c: Cond }
  | { k: 'exists' | 'notExists'; path: DocumentPath }
  | { k: 'type'; a: Operand; t: AttributeType }
  | { k: 'beginsWith' | 'contains'; a: Operand; b: Operand };

export interface CompiledCondition {
  root: Cond;
}

export type UpdateAction =
  | { k: 'SET'; path: DocumentPath; value: Operand }
  | { k: 'REMOVE'; path: DocumentPath }
  | { k: 'ADD' | 'DELETE'; path: DocumentPath; value: AttributeValue };

export interface CompiledUpdate {
  actions: UpdateAction[];
  /** From AttributeUpdates: PUT/ADD/DELETE with legacy semantics (see legacy-update.ts). */
  legacy?: boolean;
}

export interface CompiledProjection {
  paths: DocumentPath[];
}

export type KeyOp = 'EQ' | 'LT' | 'LE' | 'GT' | 'GE' | 'BETWEEN' | 'BEGINS_WITH';

/** One condition of a key condition, on a top-level attribute. */
export interface KeyPart {
  name: string;
  op: KeyOp;
  values: AttributeValue[];
  /** KeyConditions with NULL, NOT_NULL, NE, CONTAINS, NOT_CONTAINS or IN: refused once the table is known. */
  notIndexable?: boolean;
}

export interface CompiledKeyCondition {
  parts: KeyPart[];
  /** 'KeyConditionExpression' or 'KeyConditions' (the messages differ slightly). */
  source: 'expression' | 'legacy';
}
