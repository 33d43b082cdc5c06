/** Size and emptiness limits, then the cached parse of one expression. */
import { DynamoError } from '../../protocol/errors.js';
import { parseCondition } from './condition-parser.js';
import { type CacheEntry, type ExpressionCache, type Grammar, type ParsedOf } from './lru.js';
import { nearText, tokenize, type Token } from './lexer.js';
import { ExpressionLimitError, ExpressionSyntaxError } from './parser-base.js';
import { parseProjection } from './projection-parser.js';
import { parseUpdate } from './update-parser.js';

export type ExpressionKind =
  | 'ConditionExpression'
  | 'FilterExpression'
  | 'KeyConditionExpression'
  | 'UpdateExpression'
  | 'ProjectionExpression';

/** Longest expression, in UTF-8 bytes. */
export const MAX_EXPRESSION_BYTES = 4096;
/** Most operators and functions in one expression. */
export const MAX_OPERATORS = 300;

function run<G extends Grammar>(grammar: G, text: string): CacheEntry<ParsedOf<G>> {
  try {
    const value =
      grammar === 'condition' ? parseCondition(text) : grammar === 'update' ? parseUpdate(text) : parseProjection(text);
    const ops = 'operators' in value ? value.operators : 0;
    if (ops > MAX_OPERATORS) {
      // DynamoDB stops counting at the first operator over the limit: an expression with 909
      // operators is reported as "operator count: 301" (alternator's test_limits.py, run on AWS).
      return { ok: false, message: `The expression contains too many operators; operator count: ${MAX_OPERATORS + 1}` };
    }
    return { ok: true, value: value as ParsedOf<G> };
  } catch (e) {
    if (e instanceof ExpressionSyntaxError || e instanceof ExpressionLimitError) return { ok: false, message: e.message };
    // Thousands of nested parentheses (still under 4 KB) recurse deeper than the stack allows.
    if (e instanceof RangeError) return { ok: false, message: tooDeepMessage(text) };
    throw e;
  }
}

/**
 * The answer for text nested too deeply to parse recursively. Within 4 KB that means long runs of
 * bare parentheses: balanced runs always hold a redundant pair (which DynamoDB reports as such),
 * an unmatched `)` is a syntax error at that token, and unclosed ones a syntax error at the end.
 */
function tooDeepMessage(text: string): string {
  const tokens = tokenize(text);
  let depth = 0;
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k] as Token;
    if (t.kind !== 'punct') continue;
    if (t.text === '(') depth++;
    else if (t.text === ')' && --depth < 0) {
      return `Syntax error; token: ")", near: "${nearText(text, tokens, k)}"`;
    }
  }
  if (depth === 0) return 'The expression has redundant parentheses;';
  return `Syntax error; token: "<EOF>", near: "${nearText(text, tokens, tokens.length - 1)}"`;
}

/** Parses `text` (through the cache) or throws DynamoDB's ValidationException. */
export function parseExpression<G extends Grammar>(
  cache: ExpressionCache,
  kind: ExpressionKind,
  grammar: G,
  text: string,
): ParsedOf<G> {
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > MAX_EXPRESSION_BYTES) {
    // Only ConditionExpression and FilterExpression append the size (recorded from DynamoDB).
    const suffix = kind === 'ConditionExpression' || kind === 'FilterExpression' ? ` expression size: ${bytes}` : '';
    throw DynamoError.validation(`Invalid ${kind}: Expression size has exceeded the maximum allowed size;${suffix}`);
  }
  if (text.trim() === '') throw DynamoError.validation(`Invalid ${kind}: The expression can not be empty;`);
  const entry = cache.get(grammar, text, () => run(grammar, text));
  if (!entry.ok) throw DynamoError.validation(`Invalid ${kind}: ${entry.message}`);
  return entry.value;
}
