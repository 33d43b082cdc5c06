/**
 * The expression language: parse (cached) → resolve #names/:values per request → evaluate.
 * Operations call prepareExpressions once per request, then evaluate/apply/project.
 */
import { DynamoError } from '../../protocol/errors.js';
import type { AttributeValue, Item } from '../values/types.js';
import type { CompiledCondition, CompiledKeyCondition, CompiledProjection, CompiledUpdate } from './compiled.js';
import { compileKeyCondition } from './key-condition.js';
import { compileAttributeUpdates } from './legacy-update.js';
import { compileAttributesToGet, compileExpected, compileFilterConditions, compileKeyConditions } from './legacy.js';
import { ExpressionCache } from './lru.js';
import { parseExpression, type ExpressionKind } from './parse.js';
import { findPathOverlap, projectPaths as projectPathsImpl } from './paths.js';
import { validateNames, validateValues, type ValueBuilder } from './placeholders.js';
import { ConditionResolver } from './resolve-condition.js';
import { type ErrorCategory, ResolveContext } from './resolve-context.js';
import { resolveUpdate } from './resolve-update.js';
import { checkConditionalOperator, checkExpressionMixing } from './mixing.js';

export { ExpressionCache } from './lru.js';
export { evaluateCondition } from './evaluate.js';
export { applyUpdate, checkUpdateKeys } from './update.js';
export { checkEmptyIndexKeyValues, checkUpdateForTable, type IndexKeyTypes } from './update-table-checks.js';
export { bindKeyCondition, type BoundKeyCondition } from './key-condition.js';
export { projectPaths, pathToString, getPath, type DocumentPath } from './paths.js';
export { isReservedWord, RESERVED_WORD_COUNT } from './reserved-words.js';
export type {
  CompiledCondition,
  CompiledKeyCondition,
  CompiledProjection,
  CompiledUpdate,
  KeyOp,
  KeyPart,
} from './compiled.js';

export interface ExpressionRequest {
  operation: string;
  ConditionExpression?: string;
  UpdateExpression?: string;
  ProjectionExpression?: string;
  FilterExpression?: string;
  KeyConditionExpression?: string;
  ExpressionAttributeNames?: Record<string, string>;
  ExpressionAttributeValues?: Record<string, unknown>;
  Expected?: unknown;
  ConditionalOperator?: string;
  AttributeUpdates?: unknown;
  AttributesToGet?: string[];
  KeyConditions?: unknown;
  QueryFilter?: unknown;
  ScanFilter?: unknown;
  /** Nesting level ExpressionAttributeValues start at (default 1); see validateValues. */
  valueLevel?: number;
  /** Builds each ExpressionAttributeValues value instead of validateAttributeValue (oversize-values.ts). */
  buildValue?: ValueBuilder;
}

export interface PreparedExpressions {
  condition?: CompiledCondition;
  filter?: CompiledCondition;
  update?: CompiledUpdate;
  projection?: CompiledProjection;
  keyCondition?: CompiledKeyCondition;
}

/** A key condition reports its first undefined placeholder or wrong operand type, whichever comes first. */
const KEY_CONDITION_SAME_RANK: ReadonlySet<ErrorCategory> = new Set<ErrorCategory>(['placeholder', 'type']);

function fail(kind: ExpressionKind, message: string): never {
  throw DynamoError.validation(`Invalid ${kind}: ${message}`);
}

function resolveCondition(kind: ExpressionKind, text: string, cache: ExpressionCache, ctx: ResolveContext) {
  const parsed = parseExpression(cache, kind, 'condition', text);
  if (parsed.redundantParens) ctx.error('parens', 'The expression has redundant parentheses;');
  const root = new ConditionResolver(ctx).cond(parsed.root);
  const error = ctx.firstError();
  if (error !== undefined) fail(kind, error);
  return root;
}

/** Validates everything DynamoDB validates before touching data, in DynamoDB's order. */
export function prepareExpressions(req: ExpressionRequest, cache: ExpressionCache): PreparedExpressions {
  checkExpressionMixing(req);
  const names = req.ExpressionAttributeNames ?? undefined;
  const rawValues = req.ExpressionAttributeValues ?? undefined;
  if (names) validateNames(names);
  const values: Record<string, AttributeValue> | undefined = rawValues ? validateValues(rawValues, req.valueLevel, req.buildValue) : undefined;
  const usedNames = new Set<string>();
  const usedValues = new Set<string>();
  const ctx = (sameRank?: ReadonlySet<ErrorCategory>) => new ResolveContext(names, values, usedNames, usedValues, sameRank);
  const out: PreparedExpressions = {};
  let keyRoot: ReturnType<typeof resolveCondition> | undefined;

  if (typeof req.UpdateExpression === 'string') {
    const c = ctx();
    const update = resolveUpdate(parseExpression(cache, 'UpdateExpression', 'update', req.UpdateExpression), c);
    const error = c.firstError();
    if (error !== undefined) fail('UpdateExpression', error);
    out.update = update;
  }
  if (typeof req.ConditionExpression === 'string') {
    out.condition = { root: resolveCondition('ConditionExpression', req.ConditionExpression, cache, ctx()) };
  }
  if (typeof req.KeyConditionExpression === 'string') {
    keyRoot = resolveCondition('KeyConditionExpression', req.KeyConditionExpression, cache, ctx(KEY_CONDITION_SAME_RANK));
  }
  if (typeof req.FilterExpression === 'string') {
    out.filter = { root: resolveCondition('FilterExpression', req.FilterExpression, cache, ctx()) };
  }
  if (typeof req.ProjectionExpression === 'string') {
    const c = ctx();
    const parsed = parseExpression(cache, 'ProjectionExpression', 'projection', req.ProjectionExpression);
    const paths = parsed.paths.map((p) => c.path(p));
    const overlap = findPathOverlap(paths);
    if (overlap) c.error('overlap', overlap);
    const error = c.firstError();
    if (error !== undefined) fail('ProjectionExpression', error);
    out.projection = { paths };
  }
  if (names) {
    const unused = Object.keys(names).filter((k) => !usedNames.has(k));
    if (unused.length > 0) {
      throw DynamoError.validation(`Value provided in ExpressionAttributeNames unused in expressions: keys: {${unused.join(', ')}}`);
    }
  }
  if (values) {
    const unused = Object.keys(values).filter((k) => !usedValues.has(k));
    if (unused.length > 0) {
      throw DynamoError.validation(`Value provided in ExpressionAttributeValues unused in expressions: keys: {${unused.join(', ')}}`);
    }
  }
  if (keyRoot !== undefined) {
    // The key-condition shape rules come after the unused-placeholder checks and carry no
    // "Invalid KeyConditionExpression: " prefix (dynalite's query tests, recorded against DynamoDB).
    const key = compileKeyCondition(keyRoot);
    if (typeof key === 'string') throw DynamoError.validation(key);
    out.keyCondition = key;
  }
  prepareLegacy(req, out);
  return out;
}

function prepareLegacy(req: ExpressionRequest, out: PreparedExpressions): void {
  // An empty Expected counts as none (alternator's test_update_expected_empty, which passes on AWS).
  checkConditionalOperator(req);
  if (req.Expected !== undefined && req.Expected !== null) {
    const c = compileExpected(req.Expected, req.ConditionalOperator);
    if (c) out.condition = c;
  }
  const filterRaw = req.QueryFilter ?? req.ScanFilter;
  if (filterRaw !== undefined && filterRaw !== null) {
    const f = compileFilterConditions(filterRaw, req.ConditionalOperator);
    if (f) out.filter = f;
  }
  if (req.AttributeUpdates !== undefined && req.AttributeUpdates !== null) {
    out.update = compileAttributeUpdates(req.AttributeUpdates);
  }
  if (Array.isArray(req.AttributesToGet)) out.projection = compileAttributesToGet(req.AttributesToGet);
  if (req.KeyConditions !== undefined && req.KeyConditions !== null && !out.keyCondition) {
    const k = compileKeyConditions(req.KeyConditions);
    if (k) out.keyCondition = k;
  }
}

/** The projection of an item (ProjectionExpression or AttributesToGet). */
export function projectItem(p: CompiledProjection, item: Item): Item {
  return projectPathsImpl(item, p.paths);
}
