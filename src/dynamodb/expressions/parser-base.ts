/**
 * Recursive-descent machinery shared by the expression grammars: a token cursor, DynamoDB-shaped
 * syntax errors, and the path / operand rules common to every grammar.
 */
import type { CallNode, OperandNode, PathElementNode, PathNode } from './ast.js';
import { nearText, tokenize, type Token } from './lexer.js';

/** Thrown by a parser; `message` is DynamoDB's text without the "Invalid XExpression: " prefix. */
export class ExpressionSyntaxError extends Error {
  constructor(
    message: string,
    readonly index: number,
  ) {
    super(message);
  }
}

/** A limit violation found while parsing; unlike a syntax error, backtracking does not hide it. */
export class ExpressionLimitError extends Error {}

/**
 * Highest list index DynamoDB accepts in a document path. A larger one (e.g. `a[99999999999999]`)
 * is a ValidationException, not an empty read or an append: scylladb/scylladb#25947 records the
 * message, floci-io/floci#3073 measured the boundary (4294967295 is the first index refused).
 */
export const MAX_LIST_INDEX = 4294967294;

/**
 * Deepest parenthesis nesting parsed. Each level costs several stack frames, so without a bound a
 * 4 KB expression of `(` overflows the stack (an InternalServerError instead of a ValidationException).
 * A legal expression cannot nest this deep: each level needs an operator or is a redundant pair, and
 * DynamoDB rejects both more than 300 operators and redundant parentheses.
 */
const MAX_NESTING = 300;

/** Most operators and functions in one expression. */
export const MAX_OPERATORS = 300;
/**
 * DynamoDB stops counting at the first operator over the limit: an expression with 909 operators
 * is reported as "operator count: 301" (alternator's test_limits.py, run on AWS).
 */
export const TOO_MANY_OPERATORS = `The expression contains too many operators; operator count: ${MAX_OPERATORS + 1}`;

export class ParserBase {
  protected readonly tokens: Token[];
  protected i = 0;
  /** Furthest token index at which a syntax error was raised (for errors after backtracking). */
  private furthest = -1;
  operators = 0;
  redundantParens = false;
  /** First out-of-range list index; reported only once the whole expression parsed (syntax errors win). */
  private indexRangeError: string | undefined;
  private nesting = 0;

  constructor(
    protected readonly text: string,
    /** Lower-case words that end a path and cannot be attribute or function names. */
    private readonly keywords: ReadonlySet<string>,
  ) {
    this.tokens = tokenize(text);
  }

  protected peek(offset = 0): Token {
    return this.tokens[Math.min(this.i + offset, this.tokens.length - 1)] as Token;
  }

  protected next(): Token {
    const t = this.peek();
    if (this.i < this.tokens.length - 1) this.i++;
    return t;
  }

  protected isPunct(text: string, offset = 0): boolean {
    const t = this.peek(offset);
    return t.kind === 'punct' && t.text === text;
  }

  protected isKeyword(word: string, offset = 0): boolean {
    const t = this.peek(offset);
    return t.kind === 'name' && t.text.toLowerCase() === word;
  }

  protected isAnyKeyword(t: Token): boolean {
    return t.kind === 'name' && this.keywords.has(t.text.toLowerCase());
  }

  /** A syntax error at the current token (or at `index`). */
  protected fail(index = this.i): ExpressionSyntaxError {
    if (index > this.furthest) this.furthest = index;
    const at = this.furthest;
    const tok = this.tokens[at] as Token;
    return new ExpressionSyntaxError(
      `Syntax error; token: "${tok.text}", near: "${nearText(this.text, this.tokens, at)}"`,
      at,
    );
  }

  protected expectPunct(text: string): Token {
    if (!this.isPunct(text)) throw this.fail();
    return this.next();
  }

  protected expectEnd(): void {
    if (this.peek().kind !== 'eof') throw this.fail();
    if (this.indexRangeError !== undefined) throw new ExpressionLimitError(this.indexRangeError);
  }

  /** Runs `fn`; on a syntax error restores the cursor and returns undefined. */
  protected attempt<T>(fn: () => T): T | undefined {
    const saved = this.i;
    const ops = this.operators;
    const parens = this.redundantParens;
    const nesting = this.nesting;
    try {
      return fn();
    } catch (e) {
      if (!(e instanceof ExpressionSyntaxError)) throw e;
      this.i = saved;
      this.operators = ops;
      this.redundantParens = parens;
      this.nesting = nesting;
      return undefined;
    }
  }

  /** Runs `fn` one parenthesis level deeper; past MAX_NESTING, fails as DynamoDB would reject the text. */
  protected nested<T>(fn: () => T): T {
    if (++this.nesting > MAX_NESTING) throw this.tooDeep();
    const value = fn();
    this.nesting--;
    return value;
  }

  /**
   * The error for text nested past MAX_NESTING: a `)` without its `(` is a syntax error at that
   * token, unclosed text one at its end. Balanced text this deep has too many operators if the
   * levels so far carried them (each `a<b or (` level adds two), else redundant parentheses.
   */
  private tooDeep(): ExpressionLimitError {
    let open = 0;
    for (let k = 0; k < this.tokens.length; k++) {
      const t = this.tokens[k] as Token;
      if (t.kind !== 'punct') continue;
      if (t.text === '(') open++;
      else if (t.text === ')' && --open < 0) return new ExpressionLimitError(this.fail(k).message);
    }
    if (open !== 0) return new ExpressionLimitError(this.fail(this.tokens.length - 1).message);
    if (this.operators > MAX_OPERATORS) return new ExpressionLimitError(TOO_MANY_OPERATORS);
    return new ExpressionLimitError('The expression has redundant parentheses;');
  }

  protected parsePath(): PathNode {
    const first = this.peek();
    const elements: PathElementNode[] = [this.parsePathName()];
    for (;;) {
      if (this.isPunct('.')) {
        this.next();
        elements.push(this.parsePathName());
      } else if (this.isPunct('[')) {
        this.next();
        const t = this.peek();
        if (t.kind !== 'number') throw this.fail();
        this.next();
        this.expectPunct(']');
        if (Number(t.text) > MAX_LIST_INDEX) {
          this.indexRangeError ??= `List index is not within the allowable range; index: [${t.text}]`;
        }
        elements.push({ kind: 'index', index: Number(t.text), pos: t.start });
      } else {
        return { kind: 'path', elements, pos: first.start };
      }
    }
  }

  private parsePathName(): PathElementNode {
    const t = this.peek();
    if (t.kind === 'attrName') {
      this.next();
      return { kind: 'placeholder', name: t.text, pos: t.start };
    }
    if (t.kind === 'name' && !this.isAnyKeyword(t)) {
      this.next();
      return { kind: 'name', name: t.text, pos: t.start };
    }
    throw this.fail();
  }

  /** `name ( operand, … )` — the current token is the name and the next one is `(`. */
  protected parseCall(parseArg: () => OperandNode): CallNode {
    const nameTok = this.next();
    this.expectPunct('(');
    const args: OperandNode[] = [parseArg()];
    while (this.isPunct(',')) {
      this.next();
      args.push(parseArg());
    }
    this.expectPunct(')');
    this.operators++;
    return { kind: 'call', name: nameTok.text, args, pos: nameTok.start };
  }

  /** path | :value | function call | ( operand ) — `inner` parses what a parenthesis may hold. */
  protected parseOperandWith(inner: () => OperandNode): OperandNode {
    const t = this.peek();
    if (t.kind === 'punct' && t.text === '(') {
      this.next();
      if (this.isPunct('(')) this.redundantParens = true;
      return this.nested(() => {
        const op = inner();
        this.expectPunct(')');
        return op;
      });
    }
    if (t.kind === 'attrValue') {
      this.next();
      return { kind: 'value', name: t.text, pos: t.start };
    }
    if (t.kind === 'name' && !this.isAnyKeyword(t) && this.isPunct('(', 1)) {
      return this.parseCall(() => this.parseOperandWith(inner));
    }
    return this.parsePath();
  }
}
