import { DynamoError } from '../../protocol/errors.js';
import type { CreateTableInput } from '../tables/create-validate.js';

/** A VectorIndex of CreateTable (and of UpdateTable's VectorIndexUpdates Create). */
export interface VectorIndexInput {
  IndexName?: string;
  VectorAttribute?: { AttributeName?: string };
  SearchSchema?: { AttributeName?: string; SearchSchemaElementType?: string }[];
  Projection?: { ProjectionType?: string; NonKeyAttributes?: string[] };
  Dimensions?: number;
  DistanceFunction?: string;
}

export const MAX_VECTOR_INDEXES = 5;
export const MAX_VECTOR_DIMENSIONS = 4096;
export const DISTANCE_FUNCTIONS = ['COSINE', 'EUCLIDEAN', 'DOT_PRODUCT'] as const;
const INVALID = 'One or more parameter values were invalid: ';

/** The attributes named by the SearchSchemas of some vector indexes (they must be defined, and count as used). */
export function vectorSchemaAttributes(indexes: VectorIndexInput[] | undefined): string[] {
  const out: string[] = [];
  for (const ix of indexes ?? []) for (const e of ix.SearchSchema ?? []) if (e.AttributeName) out.push(e.AttributeName);
  return out;
}

/**
 * The request-model constraints the bundled (pre-2026) API model cannot check: DynamoDB's
 * "N validation errors detected" texts, member paths as the AWS model names them.
 */
export function vectorModelErrors(indexes: VectorIndexInput[], path: (i: number) => string): string[] {
  const errors: string[] = [];
  indexes.forEach((ix, i) => {
    const at = path(i + 1);
    if (typeof ix.IndexName !== 'string') errors.push(`Value null at '${at}.indexName' failed to satisfy constraint: Member must not be null`);
    else if (ix.IndexName.length < 3) errors.push(`Value '${ix.IndexName}' at '${at}.indexName' failed to satisfy constraint: Member must have length greater than or equal to 3`);
    else if (ix.IndexName.length > 255) errors.push(`Value '${ix.IndexName}' at '${at}.indexName' failed to satisfy constraint: Member must have length less than or equal to 255`);
    if (typeof ix.Dimensions !== 'number') errors.push(`Value null at '${at}.dimensions' failed to satisfy constraint: Member must not be null`);
    else if (ix.Dimensions < 1) errors.push(`Value '${ix.Dimensions}' at '${at}.dimensions' failed to satisfy constraint: Member must have value greater than or equal to 1`);
    if (typeof ix.DistanceFunction !== 'string') errors.push(`Value null at '${at}.distanceFunction' failed to satisfy constraint: Member must not be null`);
    else if (!(DISTANCE_FUNCTIONS as readonly string[]).includes(ix.DistanceFunction)) {
      // DynamoDB prints the set in this order (measured on 2026-08-06: ExtendDB, crates/core/src/types/table.rs).
      errors.push(`Value '${ix.DistanceFunction}' at '${at}.distanceFunction' failed to satisfy constraint: Member must satisfy enum value set: [DOT_PRODUCT, COSINE, EUCLIDEAN]`);
    }
    if (typeof ix.VectorAttribute?.AttributeName !== 'string') errors.push(`Value null at '${at}.vectorAttribute' failed to satisfy constraint: Member must not be null`);
    if (ix.Projection === undefined || ix.Projection === null) errors.push(`Value null at '${at}.projection' failed to satisfy constraint: Member must not be null`);
  });
  return errors;
}

export function throwModelErrors(errors: string[]): void {
  if (errors.length === 0) return;
  const n = errors.length;
  throw DynamoError.validation(`${n} validation error${n === 1 ? '' : 's'} detected: ${errors.join('; ')}`);
}

/**
 * CreateTable's checks of VectorIndexes. Messages as recorded on live DynamoDB (conformance suite
 * tier3/error-messages/vectorIndexes, eu-west-2, August 2026).
 */
export function validateVectorIndexes(input: CreateTableInput, defNames: string[]): void {
  const indexes = input.VectorIndexes ?? [];
  throwModelErrors(vectorModelErrors(indexes, (i) => `vectorIndexes.${i}.member`));
  if (input.BillingMode !== 'PAY_PER_REQUEST') {
    throw DynamoError.validation(`${INVALID}Vector indexes are only supported for PAY_PER_REQUEST tables`);
  }
  if (indexes.length > MAX_VECTOR_INDEXES) {
    throw DynamoError.validation(`${INVALID}VectorIndex count exceeds the per-table limit of ${MAX_VECTOR_INDEXES}`);
  }
  const names = new Set<string>();
  const dims = new Map<string, number>();
  for (const ix of indexes) validateOne(ix, defNames, names, dims);
}

/** One index against the table's definitions and the indexes before it (names, per-attribute dimensions). */
export function validateOne(ix: VectorIndexInput, defNames: string[], names: Set<string>, dims: Map<string, number>): void {
  const dimensions = ix.Dimensions ?? 0;
  if (dimensions > MAX_VECTOR_DIMENSIONS) {
    throw DynamoError.validation(`${INVALID}Number of dimensions must be between 1 and ${MAX_VECTOR_DIMENSIONS} inclusive.`);
  }
  const name = ix.IndexName ?? '';
  // Unverified wording (modelled on the GSI one): not recorded for vector indexes.
  if (names.has(name)) throw DynamoError.validation(`${INVALID}Duplicate index name: ${name}`);
  names.add(name);
  for (const e of ix.SearchSchema ?? []) {
    if (!defNames.includes(e.AttributeName ?? '')) {
      throw DynamoError.validation(`${INVALID}One element in SearchSchema is not defined in attribute definitions`);
    }
  }
  const attr = ix.VectorAttribute?.AttributeName ?? '';
  const before = dims.get(attr);
  if (before !== undefined && before !== dimensions) {
    throw DynamoError.validation(
      `${INVALID}Conflicting attribute definition for '${attr}'. All VectorIndexes on the same vector attribute must use the same dimensions.`,
    );
  }
  dims.set(attr, dimensions);
}
