/**
 * Tokens of DynamoDB's PartiQL dialect: keywords and identifiers (case-insensitive keywords),
 * "quoted identifiers", 'strings' ('' escapes a quote), numbers, `?`, and punctuation including
 * `<<` / `>>` bag brackets. `--` and `/* … *\/` comments are skipped; `#` is not a comment.
 */
import { notWellFormed } from './errors.js';

export type TokenKind = 'ident' | 'qident' | 'string' | 'number' | 'param' | 'punct' | 'eof';

export interface Token {
  kind: TokenKind;
  /** Identifier/punct text as written (strings and quoted identifiers: the unescaped content). */
  text: string;
  /** 0-based character offset. */
  pos: number;
}

const PUNCT = ['<<', '>>', '<=', '>=', '<>', '!=', '||', '(', ')', '[', ']', '{', '}', ',', '.', '*', ':', ';', '=', '<', '>', '+', '-', '/', '%'];

function isIdentStart(c: string): boolean {
  return /[A-Za-z_$]/.test(c);
}
function isIdentPart(c: string): boolean {
  return /[A-Za-z0-9_$]/.test(c);
}
function isDigit(c: string | undefined): boolean {
  return c !== undefined && c >= '0' && c <= '9';
}

function quoted(text: string, start: number, quote: string): { value: string; end: number } {
  let i = start + 1;
  let value = '';
  for (;;) {
    if (i >= text.length) throw notWellFormed();
    const c = text[i] as string;
    if (c === quote) {
      if (text[i + 1] === quote) {
        value += quote;
        i += 2;
        continue;
      }
      return { value, end: i + 1 };
    }
    value += c;
    i++;
  }
}

function numberEnd(text: string, start: number): number {
  let i = start;
  while (isDigit(text[i])) i++;
  if (text[i] === '.' ) {
    i++;
    while (isDigit(text[i])) i++;
  }
  if ((text[i] === 'e' || text[i] === 'E') && (isDigit(text[i + 1]) || ((text[i + 1] === '+' || text[i + 1] === '-') && isDigit(text[i + 2])))) {
    i += 2;
    while (isDigit(text[i])) i++;
  }
  return i;
}

export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i] as string;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (c === '-' && text[i + 1] === '-') {
      while (i < text.length && text[i] !== '\n') i++;
      continue;
    }
    if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      if (end < 0) throw notWellFormed();
      i = end + 2;
      continue;
    }
    if (c === "'" || c === '"') {
      const q = quoted(text, i, c);
      out.push({ kind: c === "'" ? 'string' : 'qident', text: q.value, pos: i });
      i = q.end;
      continue;
    }
    if (c === '`') throw notWellFormed(); // Ion literals are not supported
    if (isDigit(c) || (c === '.' && isDigit(text[i + 1]))) {
      const end = numberEnd(text, i);
      out.push({ kind: 'number', text: text.slice(i, end), pos: i });
      i = end;
      continue;
    }
    if (isIdentStart(c)) {
      let end = i + 1;
      while (end < text.length && isIdentPart(text[end] as string)) end++;
      out.push({ kind: 'ident', text: text.slice(i, end), pos: i });
      i = end;
      continue;
    }
    if (c === '?') {
      out.push({ kind: 'param', text: '?', pos: i });
      i++;
      continue;
    }
    const p = PUNCT.find((x) => text.startsWith(x, i));
    if (!p) throw notWellFormed();
    out.push({ kind: 'punct', text: p, pos: i });
    i += p.length;
  }
  out.push({ kind: 'eof', text: '', pos: text.length });
  return out;
}
