import { DynamoError } from '../../protocol/errors.js';
import type { AttributeValue, Item } from '../values/types.js';
import type { TableDef, VectorIndexDef } from '../tables/table-types.js';

/** One `attribute = :value` term of a SearchConditionExpression (the only comparator allowed). */
export interface SearchTerm {
  attribute: string;
  value: AttributeValue;
}

const INVALID_COMPARATOR = 'Invalid SearchConditionExpression: Invalid comparator used in SearchConditionExpression';
// The attribute, any nested path after it, the comparator, the value.
const TERM = /^\s*(#?[A-Za-z0-9_]+)((?:\s*\.\s*#?[A-Za-z0-9_]+|\s*\[\s*\d+\s*\])*)\s*(=|<>|<=|>=|<|>)\s*(:[A-Za-z0-9_]+)\s*$/;
const CONDITION_PREFIX = 'Invalid SearchConditionExpression: SearchConditionExpression';

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
  definitions?: TableDef['attributeDefinitions'],
): SearchTerm[] {
  const hasHash = ix.searchSchema?.some((e) => e.SearchSchemaElementType === 'HASH') === true;
  if (expression === undefined) {
    if (hasHash) throw DynamoError.validation('SearchConditionExpression must be provided when SearchSchema has a HASH key');
    return [];
  }
  const terms: SearchTerm[] = [];
  let nested = false;
  for (const clause of expression.split(/\s+AND\s+/i)) {
    const m = TERM.exec(clause);
    if (!m) {
      if (/\b(BETWEEN|IN)\b|<|>/i.test(clause)) throw DynamoError.validation(INVALID_COMPARATOR);
      throw DynamoError.validation(`Invalid SearchConditionExpression: Syntax error; expression: ${expression}`);
    }
    const [, rawName = '', path = '', op, rawValue = ''] = m;
    if (path !== '') nested = true;
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
  // Nested paths, then a second condition on one attribute, then the HASH operand (live DynamoDB,
  // eu-west-2 2026-08-19 and eu-west-2/us-east-1 2026-08-13, recorded in nubo-db/dynoxide
  // src/actions/search_vectors.rs).
  if (nested) throw DynamoError.validation(`${CONDITION_PREFIX} cannot have conditions on nested attributes`);
  if (new Set(terms.map((t) => t.attribute)).size !== terms.length) {
    throw DynamoError.validation(`${CONDITION_PREFIX} must only contain one condition per attribute`);
  }
  const hash = ix.searchSchema?.find((e) => e.SearchSchemaElementType === 'HASH')?.AttributeName;
  const hashTerm = hash === undefined ? undefined : terms.find((t) => t.attribute === hash);
  if (hash !== undefined && hashTerm === undefined) {
    throw DynamoError.validation('SearchConditionExpression must be provided when SearchSchema has a HASH key');
  }
  if (hash !== undefined && hashTerm !== undefined) checkHashOperand(hash, hashTerm.value, definitions);
  return terms;
}

/** The HASH term's value must have the attribute's declared type and, as a key, not be an empty string. */
function checkHashOperand(hash: string, value: AttributeValue, definitions: TableDef['attributeDefinitions'] | undefined): void {
  const declared = definitions?.find((d) => d.AttributeName === hash)?.AttributeType;
  const actual = Object.keys(value)[0];
  if (declared !== undefined && actual !== undefined && actual !== declared) {
    throw DynamoError.validation(`Type of '${hash}' attribute in SearchConditionExpression (${actual}) does not match type in search schema (${declared})`);
  }
  if ('S' in value && value.S === '') {
    throw DynamoError.validation(
      `One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an empty string value. Key: ${hash}`,
    );
  }
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
