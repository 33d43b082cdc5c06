import { DynamoError } from '../../protocol/errors.js';
import type { AttributeValue, Item } from '../values/types.js';
import type { VectorIndexDef } from '../tables/table-types.js';

/** One `attribute = :value` term of a SearchConditionExpression (the only comparator allowed). */
export interface SearchTerm {
  attribute: string;
  value: AttributeValue;
}

const INVALID_COMPARATOR = 'Invalid SearchConditionExpression: Invalid comparator used in SearchConditionExpression';
const TERM = /^\s*(#?[A-Za-z0-9_]+)\s*(=|<>|<=|>=|<|>)\s*(:[A-Za-z0-9_]+)\s*$/;

/**
 * Parses a SearchConditionExpression against a vector index: a conjunction (AND) of equality
 * terms on SearchSchema attributes. Messages as recorded on live DynamoDB (conformance suite
 * tier3/error-messages/searchVectors); the syntax-error and undefined-name/value wordings are
 * Eddy's own (not recorded).
 */
export function parseSearchCondition(
  ix: VectorIndexDef,
  expression: string | undefined,
  names: Record<string, string> | undefined,
  values: Record<string, AttributeValue> | undefined,
): SearchTerm[] {
  const hasHash = ix.searchSchema?.some((e) => e.SearchSchemaElementType === 'HASH') === true;
  if (expression === undefined) {
    if (hasHash) throw DynamoError.validation('SearchConditionExpression must be provided when SearchSchema has a HASH key');
    return [];
  }
  const terms: SearchTerm[] = [];
  for (const clause of expression.split(/\s+AND\s+/i)) {
    const m = TERM.exec(clause);
    if (!m) {
      if (/\b(BETWEEN|IN)\b|<|>/i.test(clause)) throw DynamoError.validation(INVALID_COMPARATOR);
      throw DynamoError.validation(`Invalid SearchConditionExpression: Syntax error; expression: ${expression}`);
    }
    const [, rawName = '', op, rawValue = ''] = m;
    const attribute = rawName.startsWith('#') ? names?.[rawName] : rawName;
    if (attribute === undefined) {
      throw DynamoError.validation(`Invalid SearchConditionExpression: An expression attribute name used in the document path is not defined; attribute name: ${rawName}`);
    }
    if (!ix.searchSchema?.some((e) => e.AttributeName === attribute)) {
      throw DynamoError.validation(`SearchConditionExpression must not contain any attributes that is not in SearchSchema. Invalid attribute: ${attribute}`);
    }
    if (op !== '=') throw DynamoError.validation(INVALID_COMPARATOR);
    const value = values?.[rawValue];
    if (value === undefined) {
      throw DynamoError.validation(`Invalid SearchConditionExpression: An expression attribute value used in expression is not defined; attribute value: ${rawValue}`);
    }
    terms.push({ attribute, value });
  }
  if (hasHash && !terms.some((t) => ix.searchSchema?.some((e) => e.SearchSchemaElementType === 'HASH' && e.AttributeName === t.attribute))) {
    throw DynamoError.validation('SearchConditionExpression must be provided when SearchSchema has a HASH key');
  }
  return terms;
}

function sameValue(a: AttributeValue, b: AttributeValue): boolean {
  const ka = Object.keys(a)[0];
  if (ka === undefined || ka !== Object.keys(b)[0]) return false;
  const va = (a as Record<string, unknown>)[ka];
  const vb = (b as Record<string, unknown>)[ka];
  if (ka === 'N') return Number(va) === Number(vb);
  return JSON.stringify(va) === JSON.stringify(vb);
}

export function matchesSearchCondition(terms: SearchTerm[], item: Item): boolean {
  return terms.every((t) => {
    const v = item[t.attribute];
    return v !== undefined && sameValue(v, t.value);
  });
}
