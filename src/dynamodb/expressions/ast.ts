/**
 * Parsed (unresolved) expression trees. These are cached by expression text, so they hold
 * placeholders (`#n`, `:v`) rather than their per-request substitutions.
 */

/** One element of a parsed document path. */
export type PathElementNode =
  | { kind: 'name'; name: string; pos: number }
  | { kind: 'placeholder'; name: string; pos: number }
  | { kind: 'index'; index: number; pos: number };

export interface PathNode {
  kind: 'path';
  elements: PathElementNode[];
  pos: number;
}

export interface ValueNode {
  kind: 'value';
  name: string;
  pos: number;
}

export interface CallNode {
  kind: 'call';
  name: string;
  args: OperandNode[];
  pos: number;
}

/** An update-expression `a + b` / `a - b`. */
export interface ArithmeticNode {
  kind: 'arith';
  op: '+' | '-';
  left: OperandNode;
  right: OperandNode;
  pos: number;
}

export type OperandNode = PathNode | ValueNode | CallNode | ArithmeticNode;

export type Comparator = '=' | '<>' | '<' | '<=' | '>' | '>=';

export type ConditionNode =
  | { kind: 'compare'; op: Comparator; left: OperandNode; right: OperandNode; pos: number }
  | { kind: 'between'; operand: OperandNode; low: OperandNode; high: OperandNode; pos: number }
  | { kind: 'in'; operand: OperandNode; list: OperandNode[]; pos: number }
  | { kind: 'and' | 'or'; left: ConditionNode; right: ConditionNode; pos: number }
  | { kind: 'not'; operand: ConditionNode; pos: number }
  | { kind: 'function'; call: CallNode; pos: number };

export interface ParsedCondition {
  root: ConditionNode;
  /** The expression contained `((…))` somewhere. */
  redundantParens: boolean;
  operators: number;
}

export interface SetActionNode {
  kind: 'SET';
  path: PathNode;
  value: OperandNode;
}
export interface RemoveActionNode {
  kind: 'REMOVE';
  path: PathNode;
}
export interface AddDeleteActionNode {
  kind: 'ADD' | 'DELETE';
  path: PathNode;
  value: ValueNode;
}
export type UpdateActionNode = SetActionNode | RemoveActionNode | AddDeleteActionNode;

export interface ParsedUpdate {
  actions: UpdateActionNode[];
  /** Clause keywords in order of appearance (for the "used once" check). */
  clauses: ('SET' | 'REMOVE' | 'ADD' | 'DELETE')[];
  operators: number;
}

export interface ParsedProjection {
  paths: PathNode[];
}
