/** Resolves a parsed condition against one request's names and values, with DynamoDB's checks. */
import { compareScalars } from '../values/compare.js';
import type { AttributeType, AttributeValue } from '../values/types.js';
import { typeOf } from '../values/types.js';
import type { CallNode, ConditionNode, OperandNode } from './ast.js';
import type { Cond, Operand } from './compiled.js';
import { pathToString } from './paths.js';
import { operandCountMessage, operandTypeMessage, type ResolveContext } from './resolve-context.js';

const BOOLEAN_FUNCTIONS: Readonly<Record<string, number>> = {
  attribute_exists: 1,
  attribute_not_exists: 1,
  attribute_type: 2,
  begins_with: 2,
  contains: 2,
};
const UPDATE_FUNCTIONS: ReadonlySet<string> = new Set(['if_not_exists', 'list_append']);
const ATTRIBUTE_TYPES: ReadonlySet<string> = new Set(['S', 'N', 'B', 'NULL', 'SS', 'BOOL', 'L', 'BS', 'NS', 'M']);
const ORDERABLE: ReadonlySet<AttributeType> = new Set(['S', 'N', 'B']);

function renderValue(v: AttributeValue): string {
  const t = typeOf(v);
  return `{${t}:${String((v as Record<string, unknown>)[t])}}`;
}

function samePath(a: Operand, b: Operand): boolean {
  if (a.k !== 'path' || b.k !== 'path' || a.path.length !== b.path.length) return false;
  return a.path.every((p, i) => p === b.path[i]);
}

export class ConditionResolver {
  constructor(private readonly ctx: ResolveContext) {}

  cond(node: ConditionNode): Cond {
    switch (node.kind) {
      case 'and':
      case 'or':
        return { k: node.kind, l: this.cond(node.left), r: this.cond(node.right) };
      case 'not':
        return { k: 'not', c: this.cond(node.operand) };
      case 'compare': {
        const a = this.operand(node.left);
        const b = this.operand(node.right);
        this.distinct(node.op, a, [b]);
        if (node.op !== '=' && node.op !== '<>') this.orderable(node.op, [a, b]);
        return { k: 'cmp', op: node.op, a, b };
      }
      case 'between': {
        const a = this.operand(node.operand);
        const lo = this.operand(node.low);
        const hi = this.operand(node.high);
        this.orderable('BETWEEN', [a, lo, hi]);
        this.betweenBounds(lo, hi);
        return { k: 'between', a, lo, hi };
      }
      case 'in': {
        const a = this.operand(node.operand);
        const list = node.list.map((o) => this.operand(o));
        this.distinct('IN', a, list);
        return { k: 'in', a, list };
      }
      case 'function':
        return this.booleanCall(node.call);
    }
  }

  /** An operand position: a path, a value, or size(…). */
  operand(node: OperandNode): Operand {
    if (node.kind === 'path') return { k: 'path', path: this.ctx.path(node) };
    if (node.kind === 'value') return { k: 'value', v: this.ctx.value(node.name) };
    if (node.kind === 'arith') return { k: 'value', v: { NULL: true } }; // not produced by this grammar
    const name = node.name;
    if (name === 'size') {
      if (node.args.length !== 1) this.ctx.error('operands', operandCountMessage(name, node.args.length));
      const of = this.operand(node.args[0] as OperandNode);
      if (of.k === 'value' && ['N', 'BOOL', 'NULL'].includes(typeOf(of.v))) {
        this.ctx.error('type', operandTypeMessage(name, typeOf(of.v)));
      } else if (of.k === 'size') {
        this.ctx.error('type', operandTypeMessage(name, 'N'));
      }
      return { k: 'size', of };
    }
    if (this.checkKnown(name)) {
      this.ctx.error('misused', `The function is not allowed to be used this way in an expression; function: ${name}`);
    }
    for (const arg of node.args) this.operand(arg);
    return { k: 'value', v: { NULL: true } };
  }

  /** True if `name` is a boolean condition function; records an error for unknown ones. */
  private checkKnown(name: string): boolean {
    if (Object.hasOwn(BOOLEAN_FUNCTIONS, name)) return true;
    if (UPDATE_FUNCTIONS.has(name)) {
      this.ctx.error('function', `The function is not allowed in a condition expression; function: ${name}`);
    } else {
      this.ctx.error('function', `Invalid function name; function: ${name}`);
    }
    return false;
  }

  private booleanCall(call: CallNode): Cond {
    const name = call.name;
    if (name === 'size') {
      this.ctx.error('misused', 'The function is not allowed to be used this way in an expression; function: size');
      this.operand(call);
      return { k: 'exists', path: [] };
    }
    const args = call.args.map((a) => this.operand(a));
    const arity = BOOLEAN_FUNCTIONS[name];
    if (!this.checkKnown(name) || arity === undefined) return { k: 'exists', path: [] };
    if (args.length !== arity) {
      this.ctx.error('operands', operandCountMessage(name, args.length));
      return { k: 'exists', path: [] };
    }
    const [a, b] = args as [Operand, Operand];
    if (b) this.distinct(name, a, [b]);
    switch (name) {
      case 'attribute_exists':
      case 'attribute_not_exists':
        if (a.k !== 'path') {
          this.ctx.error('type', `Operator or function requires a document path; operator or function: ${name}`);
          return { k: 'exists', path: [] };
        }
        return { k: name === 'attribute_exists' ? 'exists' : 'notExists', path: a.path };
      case 'attribute_type': {
        if (b.k !== 'value' || typeOf(b.v) !== 'S') {
          const t = b.k === 'value' ? typeOf(b.v) : '{NS,SS,L,BS,N,M,B,BOOL,NULL,S}';
          this.ctx.error('type', operandTypeMessage(name, t));
          return { k: 'exists', path: [] };
        }
        const t = (b.v as { S: string }).S;
        if (!ATTRIBUTE_TYPES.has(t)) {
          this.ctx.error('type', `Invalid attribute type name found; type: ${t}, valid types: {B,NULL,SS,BOOL,L,BS,N,NS,S,M}`);
        }
        return { k: 'type', a, t: t as AttributeType };
      }
      case 'begins_with':
        for (const op of [a, b]) {
          if (op.k === 'value' && typeOf(op.v) !== 'S' && typeOf(op.v) !== 'B') {
            this.ctx.error('type', operandTypeMessage(name, typeOf(op.v)));
          } else if (op.k === 'size') this.ctx.error('type', operandTypeMessage(name, 'N'));
        }
        return { k: 'beginsWith', a, b };
      default:
        return { k: 'contains', a, b };
    }
  }

  private distinct(op: string, first: Operand, rest: Operand[]): void {
    if (first.k !== 'path') return;
    if (rest.some((r) => samePath(first, r))) {
      this.ctx.error(
        'distinct',
        'The first operand must be distinct from the remaining operands for this operator or function; ' +
          `operator: ${op}, first operand: ${pathToString(first.path)}`,
      );
    }
  }

  private orderable(op: string, operands: Operand[]): void {
    for (const o of operands) {
      if (o.k === 'value' && !ORDERABLE.has(typeOf(o.v))) {
        this.ctx.error('type', operandTypeMessage(op, typeOf(o.v)));
        return;
      }
    }
  }

  private betweenBounds(lo: Operand, hi: Operand): void {
    if (lo.k !== 'value' || hi.k !== 'value') return;
    const bounds = `lower bound operand: AttributeValue: ${renderValue(lo.v)}, upper bound operand: AttributeValue: ${renderValue(hi.v)}`;
    const c = compareScalars(lo.v, hi.v);
    if (typeOf(lo.v) !== typeOf(hi.v)) {
      this.ctx.error('type', `The BETWEEN operator requires same data type for lower and upper bounds; ${bounds}`);
    } else if (c !== undefined && c > 0) {
      this.ctx.error('type', `The BETWEEN operator requires upper bound to be greater than or equal to lower bound; ${bounds}`);
    }
  }
}
