/** Parses a statement and validates its Parameters (count and values). */
import { validateAttributeValue } from '../values/validate.js';
import type { AttributeValue } from '../values/types.js';
import type { Statement } from './ast.js';
import type { CompileEnv } from './compile.js';
import { PQ, pqError } from './errors.js';
import { checkNumberParameter } from './literals.js';
import { parseStatement } from './parser.js';

export interface PreparedStatement {
  stmt: Statement;
  env: CompileEnv;
}

export function prepareStatement(text: string, rawParams: unknown): PreparedStatement {
  const stmt = parseStatement(text);
  const list = Array.isArray(rawParams) ? rawParams : [];
  const params: AttributeValue[] = list.map((p) => {
    const n = (p as { N?: unknown } | null)?.N;
    if (typeof n === 'string') checkNumberParameter(n);
    return validateAttributeValue(p);
  });
  if (params.length !== stmt.params) throw pqError(PQ.paramCount);
  return { stmt, env: { text, params } };
}

export function isRead(stmt: Statement): boolean {
  return stmt.kind === 'select';
}
