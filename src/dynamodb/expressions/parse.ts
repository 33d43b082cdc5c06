/** Size and emptiness limits, then the cached parse of one expression. */
import { DynamoError } from '../../protocol/errors.js';
import { parseCondition } from './condition-parser.js';
import { type CacheEntry, type ExpressionCache, type Grammar, type ParsedOf } from './lru.js';
import { ExpressionLimitError, ExpressionSyntaxError, MAX_OPERATORS, TOO_MANY_OPERATORS } from './parser-base.js';
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

function run<G extends Grammar>(grammar: G, text: string): CacheEntry<ParsedOf<G>> {
  try {
    const value =
      grammar === 'condition' ? parseCondition(text) : grammar === 'update' ? parseUpdate(text) : parseProjection(text);
    const ops = 'operators' in value ? value.operators : 0;
    if (ops > MAX_OPERATORS) {
      return { ok: false, message: TOO_MANY_OPERATORS };
    }
    return { ok: true, value: value as ParsedOf<G> };
  } catch (e) {
    if (e instanceof ExpressionSyntaxError || e instanceof ExpressionLimitError) return { ok: false, message: e.message };
    throw e;
  }
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
