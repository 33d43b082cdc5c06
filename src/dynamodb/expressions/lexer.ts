/**
 * Tokenizer shared by every expression grammar (condition, key condition, update, projection).
 *
 * Keywords are not distinguished here: the parsers decide, case-insensitively, whether a `name`
 * token is AND/OR/NOT/BETWEEN/IN or SET/REMOVE/ADD/DELETE in their context.
 */
export type TokenKind = 'name' | 'attrName' | 'attrValue' | 'number' | 'punct' | 'invalid' | 'eof';

export interface Token {
  kind: TokenKind;
  text: string;
  /** Offset of the first character in the expression. */
  start: number;
  /** Offset after the last character. */
  end: number;
}

const PUNCT2 = new Set(['<>', '<=', '>=']);
const PUNCT1 = new Set(['(', ')', '[', ']', ',', '.', '=', '<', '>', '+', '-']);

/** A bare attribute name starts with a letter (`SET _a = :v` is a syntax error at "_", recorded by alternator). */
function isIdentStart(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}
function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}
function isIdentPart(c: number): boolean {
  return isIdentStart(c) || isDigit(c) || c === 95;
}
function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13;
}

/** Splits `text` into tokens; the last token is always `eof`. Never throws. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (isSpace(c)) {
      i++;
      continue;
    }
    const start = i;
    let kind: TokenKind;
    if (isIdentStart(c)) {
      while (i < n && isIdentPart(text.charCodeAt(i))) i++;
      kind = 'name';
    } else if (isDigit(c)) {
      while (i < n && isDigit(text.charCodeAt(i))) i++;
      kind = 'number';
    } else if (c === 35 /* # */ || c === 58 /* : */) {
      i++;
      while (i < n && isIdentPart(text.charCodeAt(i))) i++;
      // A lone `#` or `:` is not a placeholder but a syntax error at that character (alternator's
      // test_update_expression_name_token: the parse itself fails, whatever the maps hold).
      kind = i === start + 1 ? 'invalid' : c === 35 ? 'attrName' : 'attrValue';
    } else if (PUNCT2.has(text.slice(i, i + 2))) {
      i += 2;
      kind = 'punct';
    } else if (PUNCT1.has(text[i] ?? '')) {
      i++;
      kind = 'punct';
    } else {
      // One code point, so that a surrogate pair is reported whole.
      i += (text.codePointAt(i) ?? 0) > 0xffff ? 2 : 1;
      kind = 'invalid';
    }
    tokens.push({ kind, text: text.slice(start, i), start, end: i });
  }
  tokens.push({ kind: 'eof', text: '<EOF>', start: n, end: n });
  return tokens;
}

/**
 * DynamoDB's `near` text for a syntax error at `tokens[index]`: the source from the previous token
 * (or the start of the expression) to the end of the following token (or the end of the
 * expression). Pinned by the examples recorded in moto's tokenizer tests, e.g. `SET ) 3` →
 * near "SET ) 3", `REMOVE NoExist + ` → near "NoExist + ", `SET MyStr[ 3 ` (EOF) → near "3 ".
 */
export function nearText(text: string, tokens: Token[], index: number): string {
  const prev = index > 0 ? tokens[index - 1] : undefined;
  const from = prev ? prev.start : 0;
  const tok = tokens[index];
  if (!tok || tok.kind === 'eof') return text.slice(from);
  const next = tokens[index + 1];
  const to = !next || next.kind === 'eof' ? text.length : next.end;
  return text.slice(from, to);
}
