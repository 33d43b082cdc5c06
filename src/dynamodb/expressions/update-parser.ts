/**
 * Grammar of UpdateExpression:
 *
 *   update  := clause+                       (each of SET, REMOVE, ADD, DELETE at most once)
 *   SET     path = value (, path = value)*    value := operand | operand + operand | operand - operand
 *   REMOVE  path (, path)*
 *   ADD     path :value (, path :value)*
 *   DELETE  path :value (, path :value)*
 *   operand := path | :value | function( operand, … ) | ( value )
 */
import type { OperandNode, ParsedUpdate, UpdateActionNode, ValueNode } from './ast.js';
import { ParserBase } from './parser-base.js';

type Clause = 'SET' | 'REMOVE' | 'ADD' | 'DELETE';
const KEYWORDS: ReadonlySet<string> = new Set(['set', 'remove', 'add', 'delete']);

class UpdateParser extends ParserBase {
  private readonly actions: UpdateActionNode[] = [];
  private readonly clauses: Clause[] = [];

  constructor(text: string) {
    super(text, KEYWORDS);
  }

  parse(): ParsedUpdate {
    do {
      const t = this.peek();
      if (!this.isAnyKeyword(t)) throw this.fail();
      this.next();
      const clause = t.text.toUpperCase() as Clause;
      this.clauses.push(clause);
      this.parseAction(clause);
      while (this.isPunct(',')) {
        this.next();
        this.parseAction(clause);
      }
    } while (this.peek().kind !== 'eof');
    this.expectEnd();
    return { actions: this.actions, clauses: this.clauses, operators: this.operators };
  }

  private parseAction(clause: Clause): void {
    const path = this.parsePath();
    if (clause === 'SET') {
      this.expectPunct('=');
      this.actions.push({ kind: 'SET', path, value: this.parseValue() });
    } else if (clause === 'REMOVE') {
      this.actions.push({ kind: 'REMOVE', path });
    } else {
      const t = this.peek();
      if (t.kind !== 'attrValue') throw this.fail();
      this.next();
      const value: ValueNode = { kind: 'value', name: t.text, pos: t.start };
      this.actions.push({ kind: clause, path, value });
    }
    this.operators++;
  }

  private parseValue(): OperandNode {
    const left = this.parseOperand();
    const t = this.peek();
    if (t.kind === 'punct' && (t.text === '+' || t.text === '-')) {
      this.next();
      this.operators++;
      const right = this.parseOperand();
      return { kind: 'arith', op: t.text, left, right, pos: t.start };
    }
    return left;
  }

  private parseOperand(): OperandNode {
    return this.parseOperandWith(() => this.parseValue());
  }
}

/** Parses an UpdateExpression; throws ExpressionSyntaxError. */
export function parseUpdate(text: string): ParsedUpdate {
  return new UpdateParser(text).parse();
}
