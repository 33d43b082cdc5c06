/**
 * Expression grammar (precedence low → high): OR, AND, NOT, predicates (comparison, BETWEEN, IN,
 * IS), additive, multiplicative, primary. Error details are the PartiQL parser's as DynamoDB
 * reports them after "Statement wasn't well formed, can't be processed: ".
 */
import type { BinOp, Expr, PathExpr, PathStep } from './ast.js';
import { notWellFormed, PQ } from './errors.js';
import { checkNumberLiteral } from './literals.js';
import type { Token } from './lexer.js';

/** Words that cannot start a term. */
const KEYWORDS = new Set([
  'select', 'from', 'where', 'order', 'by', 'asc', 'desc', 'insert', 'into', 'value', 'values', 'update', 'set',
  'remove', 'delete', 'returning', 'as', 'at', 'limit', 'group', 'having', 'union', 'join', 'inner', 'outer',
  'left', 'right', 'cross', 'on', 'case', 'when', 'then', 'else', 'end', 'distinct', 'all', 'pivot', 'unpivot',
]);
const OPERATOR_WORDS = new Set(['and', 'or', 'is', 'in', 'between', 'like', 'escape']);
/** Words that may not follow a `.` in a path without quotes. */
const DOT_RESERVED = new Set([...KEYWORDS, ...OPERATOR_WORDS, 'not', 'null', 'missing', 'true', 'false', 'exists']);
const IS_TYPES = new Set([
  'missing', 'null', 'boolean', 'bool', 'string', 'varchar', 'char', 'character', 'numeric', 'decimal', 'int',
  'integer', 'int4', 'int8', 'bigint', 'smallint', 'float', 'real', 'double', 'blob', 'clob', 'struct', 'tuple',
  'list', 'bag', 'sexp', 'symbol', 'timestamp', 'date', 'time', 'any',
]);

/**
 * Deepest nesting of expressions inside (), [], <<>>, {} and function arguments. Each level costs a
 * dozen stack frames, so an 8 KB statement of `[` or `(` would otherwise overflow the stack (a 500).
 * A value nested this deep could not be stored anyway (items nest at most 32 levels).
 */
export const MAX_PARTIQL_NESTING = 200;
/** The refusal of a statement nested past MAX_PARTIQL_NESTING (DynamoDB's text is unverified). */
export const TOO_DEEP = 'Expression nesting exceeds the maximum depth';

export class ExprParser {
  i = 0;
  params = 0;
  private depth = 0;
  /** The statement text, for `at line:col:len` positions in messages. */
  text = '';
  constructor(readonly toks: Token[]) {}

  peek(offset = 0): Token {
    return this.toks[Math.min(this.i + offset, this.toks.length - 1)] as Token;
  }
  next(): Token {
    const t = this.peek();
    if (this.i < this.toks.length - 1) this.i++;
    return t;
  }
  isWord(word: string, offset = 0): boolean {
    const t = this.peek(offset);
    return t.kind === 'ident' && t.text.toLowerCase() === word;
  }
  isPunct(p: string, offset = 0): boolean {
    const t = this.peek(offset);
    return t.kind === 'punct' && t.text === p;
  }
  acceptWord(word: string): boolean {
    if (!this.isWord(word)) return false;
    this.i++;
    return true;
  }
  acceptPunct(p: string): boolean {
    if (!this.isPunct(p)) return false;
    this.i++;
    return true;
  }
  expectPunct(p: string): void {
    if (!this.acceptPunct(p)) throw notWellFormed(this.peek().kind === 'eof' ? PQ.unexpectedTerm : `Expected ${p}`);
  }

  expr(): Expr {
    if (++this.depth > MAX_PARTIQL_NESTING) throw notWellFormed(TOO_DEEP);
    try {
      return this.or();
    } finally {
      this.depth--;
    }
  }

  private infix(op: 'and' | 'or', sub: () => Expr): Expr {
    let l = sub();
    while (this.isWord(op)) {
      const pos = this.next().pos;
      if (this.atTermEnd()) throw notWellFormed(PQ.missingRhs);
      l = { k: 'bin', op, l, r: sub(), pos };
    }
    return l;
  }
  private or(): Expr {
    return this.infix('or', () => this.and());
  }
  private and(): Expr {
    return this.infix('and', () => this.not());
  }
  private not(): Expr {
    if (this.isWord('not')) {
      const pos = this.next().pos;
      return { k: 'not', e: this.not(), pos };
    }
    return this.predicate();
  }

  private atTermEnd(): boolean {
    const t = this.peek();
    return t.kind === 'eof' || (t.kind === 'punct' && (t.text === ';' || t.text === ')'));
  }

  private predicate(): Expr {
    const e = this.additive();
    const t = this.peek();
    if (t.kind === 'punct' && ['=', '<>', '!=', '<', '<=', '>', '>='].includes(t.text)) {
      this.next();
      const op = (t.text === '!=' ? '<>' : t.text) as BinOp;
      return { k: 'bin', op, l: e, r: this.additive(), pos: t.pos };
    }
    const negated = this.isWord('not') && (this.isWord('between', 1) || this.isWord('in', 1) || this.isWord('like', 1));
    if (negated) this.next();
    if (this.acceptWord('between')) {
      const lo = this.additive();
      if (!this.acceptWord('and')) throw notWellFormed('Expected AND');
      return { k: 'between', e, lo, hi: this.additive(), not: negated, pos: t.pos };
    }
    if (this.acceptWord('in')) return { k: 'in', e, list: this.additive(), not: negated, pos: t.pos };
    if (this.isWord('like')) throw notWellFormed(PQ.unexpectedOperator);
    if (this.acceptWord('is')) {
      const not = this.acceptWord('not');
      const ty = this.next();
      const name = ty.kind === 'ident' ? ty.text.toLowerCase() : '';
      if (!IS_TYPES.has(name)) throw notWellFormed(PQ.expectedTypeName);
      if (name === 'double' && this.isWord('precision')) this.next();
      if (name === 'character' && this.isWord('varying')) this.next();
      return { k: 'is', e, type: name.toUpperCase(), not, pos: t.pos };
    }
    return e;
  }

  private additive(): Expr {
    let l = this.multiplicative();
    for (;;) {
      const t = this.peek();
      if (t.kind !== 'punct' || !['+', '-', '||'].includes(t.text)) return l;
      this.next();
      l = { k: 'bin', op: t.text as BinOp, l, r: this.multiplicative(), pos: t.pos };
    }
  }
  private multiplicative(): Expr {
    let l = this.unary();
    for (;;) {
      const t = this.peek();
      if (t.kind !== 'punct' || !['*', '/', '%'].includes(t.text)) return l;
      this.next();
      l = { k: 'bin', op: t.text as BinOp, l, r: this.unary(), pos: t.pos };
    }
  }
  private unary(): Expr {
    const t = this.peek();
    if (t.kind === 'punct' && t.text === '-' && this.peek(1).kind === 'number') {
      this.next();
      const n = this.next();
      checkNumberLiteral(`-${n.text}`);
      return { k: 'lit', v: { t: 'num', text: `-${n.text}` }, pos: t.pos };
    }
    if (t.kind === 'punct' && t.text === '+' && this.peek(1).kind === 'number') this.next();
    return this.primary();
  }

  primary(): Expr {
    const t = this.peek();
    switch (t.kind) {
      case 'eof':
        throw notWellFormed(PQ.unexpectedTerm);
      case 'string':
        this.next();
        return { k: 'lit', v: { t: 'str', s: t.text }, pos: t.pos };
      case 'number':
        this.next();
        checkNumberLiteral(t.text);
        return { k: 'lit', v: { t: 'num', text: t.text }, pos: t.pos };
      case 'param':
        this.next();
        return { k: 'param', index: this.params++, pos: t.pos };
      case 'qident':
        return this.pathFrom();
      case 'punct':
        return this.punctTerm(t);
      case 'ident':
        return this.wordTerm(t);
    }
  }

  private punctTerm(t: Token): Expr {
    if (t.text === '(') {
      this.next();
      const e = this.expr();
      this.expectPunct(')');
      return e;
    }
    if (t.text === '[' || t.text === '<<') {
      this.next();
      const close = t.text === '[' ? ']' : '>>';
      const items: Expr[] = [];
      if (!this.acceptPunct(close)) {
        do items.push(this.expr());
        while (this.acceptPunct(','));
        this.expectPunct(close);
      }
      return { k: t.text === '[' ? 'list' : 'bag', items, pos: t.pos };
    }
    if (t.text === '{') {
      this.next();
      const entries: [Expr, Expr][] = [];
      if (!this.acceptPunct('}')) {
        do {
          const key = this.expr();
          this.expectPunct(':');
          entries.push([key, this.expr()]);
        } while (this.acceptPunct(','));
        this.expectPunct('}');
      }
      return { k: 'struct', entries, pos: t.pos };
    }
    if (t.text === ';' || t.text === ')') throw notWellFormed(PQ.unexpectedTerm);
    throw notWellFormed(PQ.unexpectedOperator);
  }

  private wordTerm(t: Token): Expr {
    const w = t.text.toLowerCase();
    if (w === 'true' || w === 'false') {
      this.next();
      return { k: 'lit', v: { t: 'bool', b: w === 'true' }, pos: t.pos };
    }
    if (w === 'null' || w === 'missing') {
      this.next();
      return { k: 'lit', v: w === 'null' ? { t: 'null' } : { t: 'missing' }, pos: t.pos };
    }
    if (OPERATOR_WORDS.has(w)) throw notWellFormed(PQ.unexpectedOperator);
    if (KEYWORDS.has(w)) throw notWellFormed(this.peek(1).kind === 'eof' && w !== 'order' ? PQ.unexpectedTerm : PQ.unexpectedKeyword);
    if (this.isPunct('(', 1)) {
      this.next();
      this.next();
      const args: Expr[] = [];
      if (w === 'count' && this.isPunct('*')) {
        this.next();
      } else if (!this.acceptPunct(')')) {
        do args.push(this.expr());
        while (this.acceptPunct(','));
        this.expectPunct(')');
        return { k: 'call', name: w, args, pos: t.pos };
      }
      if (w === 'count') this.expectPunct(')');
      return { k: 'call', name: w, args, pos: t.pos };
    }
    return this.pathFrom();
  }

  /** An identifier path: name ( .name | ."name" | [n] | ['key'] )* */
  pathFrom(): PathExpr {
    const first = this.next();
    const steps: PathStep[] = [];
    for (;;) {
      if (this.isPunct('.')) {
        this.next();
        const n = this.next();
        if (n.kind === 'qident') steps.push(n.text);
        else if (n.kind === 'ident' && !DOT_RESERVED.has(n.text.toLowerCase())) steps.push(n.text);
        else if (n.kind === 'punct' && n.text === '*') throw notWellFormed(PQ.unexpectedTerm);
        else throw notWellFormed('Invalid path dot component');
        continue;
      }
      if (this.isPunct('[')) {
        this.next();
        const n = this.next();
        if (n.kind === 'number' && /^\d+$/.test(n.text)) steps.push(Number(n.text));
        else if (n.kind === 'string') steps.push(n.text);
        else if (n.kind === 'punct' && n.text === '*') throw notWellFormed('Wildcard path component like a[*].b are not supported');
        else throw notWellFormed(PQ.unexpectedTerm);
        this.expectPunct(']');
        continue;
      }
      return { k: 'path', root: first.text, steps, pos: first.pos };
    }
  }
}
