/**
 * Grammar of ConditionExpression, FilterExpression and KeyConditionExpression:
 *
 *   condition  := or
 *   or         := and (OR and)*
 *   and        := not (AND not)*
 *   not        := NOT not | primary
 *   primary    := ( condition ) | operand comparator operand | operand BETWEEN operand AND operand
 *               | operand IN ( operand, … ) | function-call
 *   operand    := path | :value | function-call | ( operand )
 *
 * Precedence as DynamoDB documents it: comparisons, then NOT, then AND, then OR.
 */
import type { Comparator, ConditionNode, OperandNode, ParsedCondition } from './ast.js';
import { ExpressionLimitError, ParserBase } from './parser-base.js';

/** Most operands of IN after the left-hand operand. */
export const MAX_IN_OPERANDS = 100;

const KEYWORDS: ReadonlySet<string> = new Set(['and', 'or', 'not', 'between', 'in']);
const COMPARATORS: ReadonlySet<string> = new Set(['=', '<>', '<', '<=', '>', '>=']);

class ConditionParser extends ParserBase {
  constructor(text: string) {
    super(text, KEYWORDS);
  }

  parse(): ParsedCondition {
    const root = this.parseOr();
    this.expectEnd();
    return { root, redundantParens: this.redundantParens, operators: this.operators };
  }

  private parseOr(): ConditionNode {
    let left = this.parseAnd();
    while (this.isKeyword('or')) {
      const pos = this.next().start;
      this.operators++;
      left = { kind: 'or', left, right: this.parseAnd(), pos };
    }
    return left;
  }

  private parseAnd(): ConditionNode {
    let left = this.parseNot();
    while (this.isKeyword('and')) {
      const pos = this.next().start;
      this.operators++;
      left = { kind: 'and', left, right: this.parseNot(), pos };
    }
    return left;
  }

  private parseNot(): ConditionNode {
    if (this.isKeyword('not')) {
      const pos = this.next().start;
      this.operators++;
      return { kind: 'not', operand: this.parseNot(), pos };
    }
    return this.parsePrimary();
  }

  private parsePrimary(): ConditionNode {
    if (this.isPunct('(')) {
      const grouped = this.attempt(() => this.parseGrouped());
      if (grouped) return grouped;
    }
    return this.parseComparison();
  }

  /** `( condition )`, only if no comparator follows (else it was a parenthesized operand). */
  private parseGrouped(): ConditionNode {
    this.next();
    const innerStart = this.i;
    const inner = this.nested(() => this.parseOr());
    this.expectPunct(')');
    const t = this.peek();
    if ((t.kind === 'punct' && COMPARATORS.has(t.text)) || this.isKeyword('between') || this.isKeyword('in')) {
      throw this.fail();
    }
    // ((condition)): DynamoDB rejects the redundant pair.
    const first = this.tokens[innerStart];
    const closing = this.tokens[this.i - 2];
    if (first?.text === '(' && closing?.text === ')' && this.spansGroup(innerStart, this.i - 2)) {
      this.redundantParens = true;
    }
    return inner;
  }

  /** True if the parenthesis at `open` is closed by the one at `close`. */
  private spansGroup(open: number, close: number): boolean {
    let depth = 0;
    for (let k = open; k <= close; k++) {
      const t = this.tokens[k];
      if (t?.kind !== 'punct') continue;
      if (t.text === '(') depth++;
      else if (t.text === ')' && --depth === 0) return k === close;
    }
    return false;
  }

  private parseOperand(): OperandNode {
    return this.parseOperandWith(() => this.parseOperand());
  }

  private parseComparison(): ConditionNode {
    const start = this.peek().start;
    const left = this.parseOperand();
    const t = this.peek();
    if (t.kind === 'punct' && COMPARATORS.has(t.text)) {
      this.next();
      this.operators++;
      const right = this.parseOperand();
      return { kind: 'compare', op: t.text as Comparator, left, right, pos: start };
    }
    if (this.isKeyword('between')) {
      this.next();
      this.operators++;
      const low = this.parseOperand();
      if (!this.isKeyword('and')) throw this.fail();
      this.next();
      const high = this.parseOperand();
      return { kind: 'between', operand: left, low, high, pos: start };
    }
    if (this.isKeyword('in')) {
      this.next();
      this.operators++;
      this.expectPunct('(');
      const list = [this.parseOperand()];
      while (this.isPunct(',')) {
        this.next();
        list.push(this.parseOperand());
      }
      this.expectPunct(')');
      if (list.length > MAX_IN_OPERANDS) {
        throw new ExpressionLimitError(`The IN operator is provided with too many operands; number of operands: ${list.length}`);
      }
      return { kind: 'in', operand: left, list, pos: start };
    }
    if (left.kind === 'call') return { kind: 'function', call: left, pos: start };
    throw this.fail();
  }
}

/** Parses a condition-grammar expression; throws ExpressionSyntaxError. */
export function parseCondition(text: string): ParsedCondition {
  return new ConditionParser(text).parse();
}
