/**
 * Statement parser for DynamoDB's PartiQL: SELECT, INSERT INTO … VALUE, UPDATE … SET/REMOVE,
 * DELETE FROM, EXISTS(SELECT …), and the FROM-first update form `FROM t WHERE … SET …`.
 */
import type {
  DeleteStatement,
  InsertStatement,
  PathExpr,
  Returning,
  SelectStatement,
  Source,
  Statement,
  UpdateAction,
  UpdateStatement,
} from './ast.js';
import { notWellFormed, PQ, pqError, pqMessages } from './errors.js';
import { ExprParser } from './expr-parser.js';
import { tokenize } from './lexer.js';
import { positionOf } from './literals.js';

export function parseStatement(text: string): Statement {
  const p = new ExprParser(tokenize(text));
  p.text = text;
  const stmt = statement(p);
  p.acceptPunct(';');
  if (p.peek().kind !== 'eof') throw notWellFormed(PQ.leftover);
  return stmt;
}

function statement(p: ExprParser): Statement {
  if (p.acceptWord('select')) return select(p);
  if (p.acceptWord('insert')) return insert(p);
  if (p.acceptWord('update')) return update(p, source(p, 'dml'));
  if (p.acceptWord('delete')) return del(p);
  if (p.isWord('from')) return fromFirstUpdate(p);
  if (p.isWord('exists') && p.isPunct('(', 1)) {
    p.next();
    p.next();
    if (!p.acceptWord('select')) throw notWellFormed(PQ.unexpectedTerm);
    const sel = select(p);
    p.expectPunct(')');
    return { kind: 'exists', select: sel, params: p.params };
  }
  if (p.peek().kind === 'eof') throw notWellFormed(PQ.unexpectedTerm);
  if (bareTypeTest(p)) throw pqError(pqMessages.unsupportedOp('IsType'));
  throw notWellFormed(PQ.expectedDml);
}

/**
 * A whole statement that is one `x IS <type>` expression parses in DynamoDB and is then refused
 * as "Unsupported operation: IsType" (recorded). Other bare expressions keep "Expected data manipulation".
 */
function bareTypeTest(p: ExprParser): boolean {
  const probe = new ExprParser(p.toks);
  probe.i = p.i;
  try {
    const e = probe.expr();
    probe.acceptPunct(';');
    return e.k === 'is' && probe.peek().kind === 'eof';
  } catch {
    return false;
  }
}

/** FROM "T" or "T"."Index" (at most two components), refusing aliases. */
function source(p: ExprParser, mode: 'select' | 'dml' | 'insert'): Source {
  const t = p.peek();
  if (t.kind !== 'ident' && t.kind !== 'qident') {
    throw notWellFormed(mode === 'select' ? PQ.unexpectedTerm : PQ.expectedIdentifier);
  }
  if (t.kind === 'ident' && ['where', 'set', 'value', 'remove'].includes(t.text.toLowerCase())) {
    throw notWellFormed(mode === 'select' ? PQ.unexpectedTerm : PQ.expectedIdentifier);
  }
  p.next();
  const parts = [t.text];
  while (p.isPunct('.')) {
    p.next();
    const n = p.next();
    if (n.kind !== 'ident' && n.kind !== 'qident') throw notWellFormed(PQ.unexpectedTerm);
    parts.push(n.text);
  }
  if (parts.length > 2) throw pqError(PQ.tooManyComponents);
  if (parts.some((x) => x === '')) throw pqError(PQ.emptyComponent);
  if (mode !== 'insert' && (p.acceptWord('as') || (p.peek().kind === 'ident' && !isClauseWord(p)) || p.peek().kind === 'qident')) {
    throw pqError(PQ.aliasing);
  }
  const src: Source = { table: parts[0] as string, pos: t.pos };
  if (parts[1] !== undefined) src.index = parts[1];
  return src;
}

function isClauseWord(p: ExprParser): boolean {
  return ['where', 'order', 'set', 'remove', 'returning', 'value'].some((w) => p.isWord(w));
}

/**
 * The FROM source of `SELECT COUNT(*)`: on a table COUNT is refused here as any other function in
 * the projection ("Unexpected path component at 1:8:5" for `SELECT COUNT(*) FROM "t"`, before the
 * table is looked up: dynoxide's eu-west-2 capture of 2026-07-29); on an index it is refused once
 * the index is resolved (plan.ts), since a multi-attribute index's refusal is reported first.
 */
function countSource(p: ExprParser, refusal: string): Source {
  let src: Source;
  try {
    src = source(p, 'select');
  } catch {
    throw pqError(refusal);
  }
  if (src.index === undefined) throw pqError(refusal);
  return src;
}

function select(p: ExprParser): SelectStatement {
  let projection: PathExpr[] | undefined;
  let count: string | undefined;
  if (p.acceptPunct('*')) {
    if (p.isPunct(',')) throw pqError(PQ.starAndOthers);
  } else {
    projection = [];
    do {
      if (p.isPunct('*')) throw pqError(PQ.starAndOthers);
      const e = p.primary();
      const call = e.k === 'call' ? `Unexpected path component at ${positionOf(p.text, e.pos, e.name.length)}` : undefined;
      if (e.k === 'call' && e.name === 'count' && p.isWord('from') && projection.length === 0) {
        count = call;
        break;
      }
      if (call !== undefined) throw pqError(call);
      if (e.k !== 'path') throw pqError('Unexpected path component');
      projection.push(e);
    } while (p.acceptPunct(','));
  }
  if (!p.acceptWord('from')) throw notWellFormed(p.peek().kind === 'eof' ? PQ.unexpectedTerm : PQ.unexpectedKeyword);
  const src = count !== undefined ? countSource(p, count) : source(p, 'select');
  const stmt: SelectStatement = { kind: 'select', source: src, orderBy: [], params: 0 };
  if (count !== undefined) stmt.countOnIndex = true;
  else if (projection) stmt.projection = projection;
  if (p.acceptWord('where')) stmt.where = p.expr();
  if (p.isWord('order') && p.isWord('by', 1)) {
    p.next();
    p.next();
    do {
      const e = p.primary();
      if (e.k !== 'path') throw pqError(`Argument to ORDER BY must be of type VariableReference. Type: ${e.k}`);
      let desc = false;
      if (p.acceptWord('desc')) desc = true;
      else p.acceptWord('asc');
      stmt.orderBy.push({ path: e, desc });
    } while (p.acceptPunct(','));
  }
  stmt.params = p.params;
  return stmt;
}

function insert(p: ExprParser): InsertStatement {
  if (!p.acceptWord('into')) throw notWellFormed(PQ.unexpectedTerm);
  const src = source(p, 'insert');
  if (p.isWord('values')) throw pqError(PQ.multipleInsert);
  if (!p.acceptWord('value')) throw notWellFormed(PQ.leftover);
  const value = p.expr();
  if (p.isWord('at')) throw pqError('AT is not supported in insert statements.');
  if (p.isWord('returning')) throw pqError(PQ.insertReturning);
  return { kind: 'insert', source: src, value, params: p.params };
}

function updateActions(p: ExprParser, actions: UpdateAction[]): void {
  for (;;) {
    if (p.acceptWord('set')) {
      do {
        const path = p.primary();
        if (path.k !== 'path') throw notWellFormed(PQ.unexpectedTerm);
        p.expectPunct('=');
        actions.push({ op: 'set', path, value: p.expr() });
      } while (p.acceptPunct(','));
      continue;
    }
    if (p.acceptWord('remove')) {
      do {
        const path = p.primary();
        if (path.k !== 'path') throw notWellFormed(PQ.unexpectedTerm);
        actions.push({ op: 'remove', path });
      } while (p.acceptPunct(','));
      continue;
    }
    return;
  }
}

function update(p: ExprParser, src: Source): UpdateStatement {
  const actions: UpdateAction[] = [];
  updateActions(p, actions);
  if (actions.length === 0) {
    if (p.isWord('add') || p.isWord('delete')) throw pqError(PQ.updateSetRemoveOnly);
    throw notWellFormed(PQ.leftover);
  }
  const stmt: UpdateStatement = { kind: 'update', source: src, actions, params: 0 };
  if (p.acceptWord('where')) stmt.where = p.expr();
  const r = returning(p);
  if (r) stmt.returning = r;
  stmt.params = p.params;
  return stmt;
}

/** `FROM "T" [WHERE …] SET …`: an UPDATE written FROM-first. */
function fromFirstUpdate(p: ExprParser): UpdateStatement {
  p.next();
  const src = source(p, 'dml');
  let where;
  if (p.acceptWord('where')) where = p.expr();
  const actions: UpdateAction[] = [];
  updateActions(p, actions);
  if (actions.length === 0) throw notWellFormed(PQ.leftover);
  const stmt: UpdateStatement = { kind: 'update', source: src, actions, params: 0 };
  if (where) stmt.where = where;
  // RETURNING follows the actions, as in UPDATE (public conformance suite, fromFirstUpdate).
  const r = returning(p);
  if (r) stmt.returning = r;
  stmt.params = p.params;
  return stmt;
}

function del(p: ExprParser): DeleteStatement {
  if (!p.acceptWord('from')) throw notWellFormed(PQ.expectedIdentifier);
  const src = source(p, 'dml');
  const stmt: DeleteStatement = { kind: 'delete', source: src, params: 0 };
  if (p.acceptWord('where')) stmt.where = p.expr();
  const r = returning(p);
  if (r) stmt.returning = r;
  stmt.params = p.params;
  return stmt;
}

function returning(p: ExprParser): Returning | undefined {
  if (!p.acceptWord('returning')) return undefined;
  const mode = p.next().text.toUpperCase();
  const side = p.next().text.toUpperCase();
  if ((mode !== 'ALL' && mode !== 'MODIFIED') || (side !== 'OLD' && side !== 'NEW')) {
    throw notWellFormed(PQ.unexpectedTerm);
  }
  if (!p.acceptPunct('*')) throw pqError("Expected '*' after ( MODIFIED | ALL ) ( NEW | OLD ) in RETURNING clause");
  if (p.isPunct(',')) throw pqError('Invalid syntax with multiple returning elements in RETURNING clause');
  return { mode, side };
}
