/** Resolves a parsed UpdateExpression against one request's names and values. */
import { typeOf, type AttributeType } from '../values/types.js';
import type { OperandNode, ParsedUpdate } from './ast.js';
import type { CompiledUpdate, Operand, UpdateAction } from './compiled.js';
import { findPathOverlap, type DocumentPath } from './paths.js';
import { operandCountMessage, operandTypeMessage, type ResolveContext } from './resolve-context.js';

const CONDITION_FUNCTIONS: ReadonlySet<string> = new Set([
  'attribute_exists',
  'attribute_not_exists',
  'attribute_type',
  'begins_with',
  'contains',
  'size',
]);

/** Names DynamoDB uses for value types in ADD/DELETE operand errors (sets are allowed). */
const LONG_TYPE_NAMES: Partial<Record<AttributeType, string>> = {
  S: 'STRING',
  N: 'NUMBER',
  B: 'BINARY',
  NULL: 'NULL',
  BOOL: 'BOOLEAN',
  L: 'LIST',
  M: 'MAP',
};

export function resolveUpdate(parsed: ParsedUpdate, ctx: ResolveContext): CompiledUpdate {
  const seen = new Set<string>();
  for (const c of parsed.clauses) {
    if (seen.has(c)) ctx.error('section', `The "${c}" section can only be used once in an update expression;`);
    seen.add(c);
  }
  const actions: UpdateAction[] = [];
  const paths: DocumentPath[] = [];
  for (const a of parsed.actions) {
    const path = ctx.path(a.path);
    paths.push(path);
    if (a.kind === 'SET') {
      actions.push({ k: 'SET', path, value: operand(a.value, ctx) });
    } else if (a.kind === 'REMOVE') {
      actions.push({ k: 'REMOVE', path });
    } else {
      const value = ctx.value(a.value.name);
      const long = LONG_TYPE_NAMES[typeOf(value)];
      if (long !== undefined && !(a.kind === 'ADD' && typeOf(value) === 'N')) {
        ctx.error('type', `Incorrect operand type for operator or function; operator: ${a.kind}, operand type: ${long}`);
      }
      actions.push({ k: a.kind, path, value });
    }
  }
  const overlap = findPathOverlap(paths);
  if (overlap) ctx.error('overlap', overlap);
  return { actions };
}

function literalType(op: Operand): AttributeType | undefined {
  return op.k === 'value' ? typeOf(op.v) : undefined;
}

function operand(node: OperandNode, ctx: ResolveContext): Operand {
  switch (node.kind) {
    case 'path':
      return { k: 'path', path: ctx.path(node) };
    case 'value':
      return { k: 'value', v: ctx.value(node.name) };
    case 'arith': {
      const a = operand(node.left, ctx);
      const b = operand(node.right, ctx);
      for (const o of [a, b]) {
        const t = literalType(o);
        if (t !== undefined && t !== 'N') ctx.error('updateFunction', operandTypeMessage(node.op, t));
        if (o.k === 'listAppend') ctx.error('updateFunction', operandTypeMessage(node.op, 'L'));
      }
      return { k: 'arith', op: node.op, a, b };
    }
    case 'call':
      break;
  }
  const name = node.name;
  const args = node.args.map((a) => operand(a, ctx));
  for (const a of node.args) {
    // Recorded by alternator: `list_append(list_append(:a, :b), :c)` is refused.
    if (a.kind === 'call' && a.name === 'list_append') {
      ctx.error('misused', 'The function is not allowed to be used this way in an expression; function: list_append');
    }
  }
  if (CONDITION_FUNCTIONS.has(name)) {
    ctx.error('function', `The function is not allowed in an update expression; function: ${name}`);
    return { k: 'value', v: { NULL: true } };
  }
  if (name !== 'if_not_exists' && name !== 'list_append') {
    ctx.error('function', `Invalid function name; function: ${name}`);
    return { k: 'value', v: { NULL: true } };
  }
  if (args.length !== 2) {
    ctx.error('updateFunction', operandCountMessage(name, args.length));
    return { k: 'value', v: { NULL: true } };
  }
  const [a, b] = args as [Operand, Operand];
  if (name === 'if_not_exists') {
    if (a.k !== 'path') {
      ctx.error('updateFunction', `Operator or function requires a document path; operator or function: ${name}`);
      return b;
    }
    return { k: 'ifNotExists', path: a.path, fallback: b };
  }
  for (const o of [a, b]) {
    const t = literalType(o);
    if (t !== undefined && t !== 'L') ctx.error('updateFunction', operandTypeMessage(name, t));
    if (o.k === 'arith') ctx.error('updateFunction', operandTypeMessage(name, 'N'));
  }
  return { k: 'listAppend', a, b };
}
