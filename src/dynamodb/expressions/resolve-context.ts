/**
 * Per-request substitution of #name / :value placeholders, and the error collector that lets the
 * resolvers report the error DynamoDB reports first when an expression has several problems.
 */
import type { AttributeType, AttributeValue } from '../values/types.js';
import { typeOf } from '../values/types.js';
import type { PathNode } from './ast.js';
import type { DocumentPath } from './paths.js';
import { isReservedWord } from './reserved-words.js';

/** Deepest document path DynamoDB accepts (number of elements). */
export const MAX_PATH_DEPTH = 32;

/** Error categories in DynamoDB's precedence (earlier wins). */
export type ErrorCategory =
  | 'parens'
  | 'function'
  | 'misused'
  | 'reserved'
  | 'section'
  | 'placeholder'
  | 'operands'
  | 'overlap'
  | 'distinct'
  | 'type'
  /** Update-expression function/arithmetic checks: DynamoDB reports them after ADD/DELETE operand types. */
  | 'updateFunction';

const ORDER: readonly ErrorCategory[] = [
  'parens',
  'function',
  'misused',
  'reserved',
  'section',
  'placeholder',
  'operands',
  'overlap',
  'distinct',
  'type',
  'updateFunction',
];

export class ResolveContext {
  private readonly errors = new Map<ErrorCategory, string>();
  /** Categories in the order their first error was met. */
  private readonly met: ErrorCategory[] = [];

  /**
   * `sameRank`: categories that do not outrank one another; the one met first in the expression
   * wins among them (KeyConditionExpression: an undefined value and a wrong operand type are
   * reported clause by clause, live DynamoDB 2026, conformance suite queryKeyCondition).
   */
  constructor(
    readonly names: Record<string, string> | undefined,
    readonly values: Record<string, AttributeValue> | undefined,
    readonly usedNames: Set<string>,
    readonly usedValues: Set<string>,
    private readonly sameRank?: ReadonlySet<ErrorCategory>,
  ) {}

  error(category: ErrorCategory, message: string): void {
    if (!this.errors.has(category)) {
      this.errors.set(category, message);
      this.met.push(category);
    }
  }

  /** The message DynamoDB would report, if any error was collected. */
  firstError(): string | undefined {
    for (const c of ORDER) {
      const m = this.errors.get(c);
      if (m === undefined) continue;
      if (this.sameRank?.has(c)) {
        const first = this.met.find((x) => this.sameRank?.has(x) === true) ?? c;
        return this.errors.get(first);
      }
      return m;
    }
    return undefined;
  }

  path(node: PathNode): DocumentPath {
    const out: DocumentPath = [];
    for (const el of node.elements) {
      if (el.kind === 'index') out.push(el.index);
      else if (el.kind === 'name') {
        if (isReservedWord(el.name)) {
          this.error('reserved', `Attribute name is a reserved keyword; reserved keyword: ${el.name}`);
        }
        out.push(el.name);
      } else {
        const v = this.names && Object.hasOwn(this.names, el.name) ? this.names[el.name] : undefined;
        if (v === undefined) {
          this.error(
            'placeholder',
            `An expression attribute name used in the document path is not defined; attribute name: ${el.name}`,
          );
          out.push(el.name);
        } else {
          this.usedNames.add(el.name);
          out.push(v);
        }
      }
    }
    if (out.length > MAX_PATH_DEPTH) {
      this.error('type', `The document path has too many nesting levels; nesting levels: ${out.length}`);
    }
    return out;
  }

  value(name: string): AttributeValue {
    const v = this.values && Object.hasOwn(this.values, name) ? this.values[name] : undefined;
    if (v === undefined) {
      this.error('placeholder', `An expression attribute value used in expression is not defined; attribute value: ${name}`);
      return { NULL: true };
    }
    this.usedValues.add(name);
    return v;
  }
}

export function operandTypeMessage(fn: string, type: AttributeType | string): string {
  return `Incorrect operand type for operator or function; operator or function: ${fn}, operand type: ${type}`;
}

export function operandCountMessage(fn: string, count: number): string {
  return `Incorrect number of operands for operator or function; operator or function: ${fn}, number of operands: ${count}`;
}

export function typeName(v: AttributeValue): AttributeType {
  return typeOf(v);
}
