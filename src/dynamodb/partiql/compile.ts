/**
 * Compiles parsed WHERE clauses and SET/REMOVE actions into the shapes the expression engine
 * evaluates (expressions/compiled.ts), so PartiQL conditions and updates behave exactly like
 * ConditionExpression / UpdateExpression.
 */
import { DynamoError } from '../../protocol/errors.js';
import type { Cond, Operand, UpdateAction as CompiledAction } from '../expressions/compiled.js';
import type { DocumentPath } from '../expressions/paths.js';
import type { AttributeType, AttributeValue } from '../values/types.js';
import { typeOf } from '../values/types.js';
import type { CompareOp, Expr, PathExpr, UpdateAction } from './ast.js';
import { PQ, pqError, pqMessages } from './errors.js';
import { constantValue, isConstant, positionOf } from './literals.js';

export interface CompileEnv {
  text: string;
  params: AttributeValue[];
}

export function docPath(p: PathExpr): DocumentPath {
  return [p.root, ...p.steps];
}

const IS_TYPES: Record<string, AttributeType> = {
  NULL: 'NULL', BOOLEAN: 'BOOL', BOOL: 'BOOL', STRING: 'S', NUMERIC: 'N', DECIMAL: 'N', INT: 'N', INTEGER: 'N',
  BLOB: 'B', STRUCT: 'M', TUPLE: 'M', LIST: 'L',
};

function at(env: CompileEnv, pos: number, len: number): string {
  return ` at ${positionOf(env.text, pos, len)}`;
}

export function operand(e: Expr, env: CompileEnv): Operand {
  if (e.k === 'path') return { k: 'path', path: docPath(e) };
  if (e.k === 'call' && e.name === 'size') {
    if (e.args.length !== 1) throw pqError(`Incorrect number of operands for operator or function; operator or function: size, number of operands: ${e.args.length}`);
    return { k: 'size', of: operand(e.args[0] as Expr, env) };
  }
  if (e.k === 'call') throw pqError(`${pqMessages.unrecognizedFunction(e.name)}${at(env, e.pos, e.name.length)}`);
  if (e.k === 'lit' && e.v.t === 'missing') throw pqError(PQ.missingCompare);
  if (isConstant(e)) {
    const v = constantValue(e, env.params);
    if (v === undefined) throw pqError(PQ.missingCompare);
    return { k: 'value', v };
  }
  throw pqError(pqMessages.unsupportedOp(e.k));
}

function ordered(op: string, o: Operand): Operand {
  if (o.k === 'value' && !('S' in o.v || 'N' in o.v || 'B' in o.v)) {
    throw pqError(`Incorrect operand type for operator or function; operator or function: ${op}, operand type: ${typeOf(o.v)}`);
  }
  return o;
}

function requirePath(fn: string, args: Expr[]): DocumentPath {
  if (args.length !== 1) throw pqError(`Incorrect number of operands for operator or function; operator or function: ${fn}, number of operands: ${args.length}`);
  const a = args[0] as Expr;
  if (a.k !== 'path') throw pqError(`Operator or function requires a document path; operator or function: ${fn}`);
  return docPath(a);
}

export function condition(e: Expr, env: CompileEnv): Cond {
  switch (e.k) {
    case 'bin':
      if (e.op === 'and' || e.op === 'or') return { k: e.op, l: condition(e.l, env), r: condition(e.r, env) };
      if (['=', '<>', '<', '<=', '>', '>='].includes(e.op)) {
        const op = e.op as CompareOp;
        const truth = booleanComparison(e, env);
        if (truth) return truth;
        let a = operand(e.l, env);
        let b = operand(e.r, env);
        if (op !== '=' && op !== '<>') {
          a = ordered(op, a);
          b = ordered(op, b);
        }
        return { k: 'cmp', op, a, b };
      }
      throw pqError(`Unsupported operator in Condition Expression. Operator: ${e.op}`);
    case 'not':
      return { k: 'not', c: condition(e.e, env) };
    case 'between': {
      const c: Cond = { k: 'between', a: ordered('BETWEEN', operand(e.e, env)), lo: ordered('BETWEEN', operand(e.lo, env)), hi: ordered('BETWEEN', operand(e.hi, env)) };
      return e.not ? { k: 'not', c } : c;
    }
    case 'in': {
      if (e.list.k !== 'list' && e.list.k !== 'bag') throw pqError('IN operator must have a left hand argument of type Variable Reference and right hand argument of type Seq with at least one member');
      if (e.list.items.length === 0) throw pqError('IN operator must have a left hand argument of type Variable Reference and right hand argument of type Seq with at least one member');
      const c: Cond = { k: 'in', a: operand(e.e, env), list: e.list.items.map((x) => operand(x, env)) };
      return e.not ? { k: 'not', c } : c;
    }
    case 'is':
      return isCondition(e, env);
    case 'call':
      return functionCondition(e, env);
    default:
      throw pqError('WHERE clause must contain an expression that resolves to a boolean');
  }
}

const CONDITION_FUNCTIONS = new Set(['attribute_exists', 'attribute_not_exists', 'begins_with', 'contains', 'attribute_type']);

/**
 * `attribute_exists(a) = true` and the like: a condition function compared (= or <>) with a
 * boolean literal is that condition or its negation (DynamoDB accepts it: public conformance
 * suite, tier2 partiql/whereFunctions).
 */
function booleanComparison(e: Extract<Expr, { k: 'bin' }>, env: CompileEnv): Cond | undefined {
  if (e.op !== '=' && e.op !== '<>') return undefined;
  const [call, other] = e.l.k === 'call' ? [e.l, e.r] : [e.r, e.l];
  if (call.k !== 'call' || !CONDITION_FUNCTIONS.has(call.name) || other.k !== 'lit' || other.v.t !== 'bool') return undefined;
  const c = functionCondition(call, env);
  return other.v.b === (e.op === '=') ? c : { k: 'not', c };
}

function isCondition(e: Extract<Expr, { k: 'is' }>, env: CompileEnv): Cond {
  if (e.e.k !== 'path' && !isConstant(e.e)) throw pqError('The left hand side argument to IS must be a Variable Reference, Literal, or Path');
  let c: Cond;
  if (e.type === 'MISSING') {
    c = e.e.k === 'path' ? { k: 'notExists', path: docPath(e.e) } : constantValue(e.e, env.params) === undefined ? alwaysTrue() : alwaysFalse();
  } else {
    const t = IS_TYPES[e.type];
    if (!t) throw pqError(`Unsupported data type for IS operator: ${e.type}. Supported data types are [MISSING, NULL, BOOLEAN, BLOB, STRING, NUMERIC, STRUCT, TUPLE, LIST]`);
    c = { k: 'type', a: operand(e.e, env), t };
  }
  return e.not ? { k: 'not', c } : c;
}

function alwaysTrue(): Cond {
  return { k: 'cmp', op: '=', a: { k: 'value', v: { N: '0' } }, b: { k: 'value', v: { N: '0' } } };
}
function alwaysFalse(): Cond {
  return { k: 'not', c: alwaysTrue() };
}

function functionCondition(e: Extract<Expr, { k: 'call' }>, env: CompileEnv): Cond {
  const two = (): [Operand, Operand] => {
    if (e.args.length !== 2) throw pqError(`Incorrect number of operands for operator or function; operator or function: ${e.name}, number of operands: ${e.args.length}`);
    return [operand(e.args[0] as Expr, env), operand(e.args[1] as Expr, env)];
  };
  switch (e.name) {
    case 'attribute_exists':
      return { k: 'exists', path: requirePath(e.name, e.args) };
    case 'attribute_not_exists':
      return { k: 'notExists', path: requirePath(e.name, e.args) };
    case 'begins_with': {
      const [a, b] = two();
      return { k: 'beginsWith', a, b };
    }
    case 'contains': {
      const [a, b] = two();
      return { k: 'contains', a, b };
    }
    case 'attribute_type': {
      const [a, b] = two();
      const t = b.k === 'value' && 'S' in b.v ? b.v.S : undefined;
      const valid = ['S', 'SS', 'N', 'NS', 'B', 'BS', 'BOOL', 'NULL', 'L', 'M'];
      if (t === undefined || !valid.includes(t)) {
        throw pqError(`Invalid attribute type name found; type: ${t ?? ''}, valid types: { S; SS; N; NS; B; BS; BOOL; NULL; L; M }`);
      }
      return { k: 'type', a, t: t as AttributeType };
    }
    default:
      throw pqError(`${pqMessages.unrecognizedFunction(e.name)}${at(env, e.pos, e.name.length)}`);
  }
}

function updateOperand(e: Expr, env: CompileEnv): Operand {
  if (e.k === 'bin' && (e.op === '+' || e.op === '-')) return { k: 'arith', op: e.op, a: updateOperand(e.l, env), b: updateOperand(e.r, env) };
  if (e.k === 'call' && e.name === 'list_append') {
    if (e.args.length !== 2) throw pqError(`Incorrect number of operands for operator or function; operator or function: list_append, number of operands: ${e.args.length}`);
    return { k: 'listAppend', a: updateOperand(e.args[0] as Expr, env), b: updateOperand(e.args[1] as Expr, env) };
  }
  if (e.k === 'is') throw pqError(PQ.isInUpdate);
  if (e.k === 'path') return { k: 'path', path: docPath(e) };
  if (e.k === 'call') throw pqError(`${pqMessages.unrecognizedFunction(e.name)}${at(env, e.pos, e.name.length)}`);
  if (e.k === 'bin') throw pqError(`Unsupported operator in Update Expression. Operator: ${e.op}`);
  const v = constantValue(e, env.params);
  if (v === undefined) throw pqError(PQ.missingCompare);
  return { k: 'value', v };
}

function setFunction(a: Extract<UpdateAction, { op: 'set' }>, call: Extract<Expr, { k: 'call' }>, env: CompileEnv): CompiledAction {
  const NAME = call.name.toUpperCase();
  const where = at(env, call.pos, call.name.length);
  if (call.args.length !== 2) throw pqError(`${NAME} must have exactly two arguments${where}`);
  const [first, second] = call.args as [Expr, Expr];
  const same = first.k === 'path' && JSON.stringify(docPath(first)) === JSON.stringify(docPath(a.path));
  if (!same) throw pqError(`The first argument to ${NAME} must equal the assignment value${where}`);
  const v = second.k === 'bag' || second.k === 'param' ? constantValue(second, env.params) : undefined;
  if (!v || !('SS' in v || 'NS' in v || 'BS' in v)) {
    throw pqError(`The second argument to ${NAME} must be a value with type SET at ${positionOf(env.text, first.pos, (a.path.root.length))}`);
  }
  return { k: NAME === 'SET_ADD' ? 'ADD' : 'DELETE', path: docPath(a.path), value: v };
}

export function updateActions(actions: UpdateAction[], env: CompileEnv): CompiledAction[] {
  return actions.map((a): CompiledAction => {
    if (a.op === 'remove') return { k: 'REMOVE', path: docPath(a.path) };
    const v = a.value;
    if (v.k === 'call' && (v.name === 'set_add' || v.name === 'set_delete')) return setFunction(a, v, env);
    return { k: 'SET', path: docPath(a.path), value: updateOperand(v, env) };
  });
}

/** The top-level AND conjuncts of a WHERE clause. */
export function conjuncts(e: Expr | undefined): Expr[] {
  if (!e) return [];
  if (e.k === 'bin' && e.op === 'and') return [...conjuncts(e.l), ...conjuncts(e.r)];
  return [e];
}

export function andAll(conds: Cond[]): Cond | undefined {
  return conds.reduce<Cond | undefined>((acc, c) => (acc ? { k: 'and', l: acc, r: c } : c), undefined);
}

export function internalError(message: string): DynamoError {
  return DynamoError.internal(message);
}
