/** Parses a statement and validates its Parameters (count and values). */
import type { AttributeValue } from '../values/types.js';
import type { Statement } from './ast.js';
import type { CompileEnv } from './compile.js';
import { PQ, pqError } from './errors.js';
import { validateParameters } from './parameters.js';
import { parseStatement } from './parser.js';

export interface PreparedStatement {
  stmt: Statement;
  env: CompileEnv;
}

export function prepareStatement(text: string, rawParams: unknown): PreparedStatement {
  const stmt = parseStatement(text);
  return bindParameters(stmt, text, validateParameters(rawParams));
}

/** Pairs a parsed statement with its validated parameters (their count must match). */
export function bindParameters(stmt: Statement, text: string, params: AttributeValue[]): PreparedStatement {
  if (params.length !== stmt.params) throw pqError(PQ.paramCount);
  return { stmt, env: { text, params } };
}

export function isRead(stmt: Statement): boolean {
  return stmt.kind === 'select';
}
