import { ConstraintErrors } from '../backups/validate.js';

/**
 * Constraint checks of the export and import requests that the generated API model (an older one)
 * does not carry, in coral's wording, from the API reference: S3Bucket `^[a-z0-9A-Z]+[\.\-\w]*[a-z0-9A-Z]+$`
 * up to 255 characters, S3BucketOwner `[0-9]{12}`, prefixes up to 1024, ClientToken `^[^\$]+$`.
 * A pattern error is listed before a length error of the same member (recorded for the CSV
 * delimiter, DDB-IMPORT-009). Enum orders: exportFormat [ION, DYNAMODB_JSON] (recorded by ScyllaDB
 * alternator's test_export.py) and inputCompressionType [ZSTD, NONE, GZIP] (DDB-IMPORT-009); the
 * others follow the API model's order (unverified).
 */
export const S3_BUCKET_PATTERN = '^[a-z0-9A-Z]+[\\.\\-\\w]*[a-z0-9A-Z]+$';
const S3_BUCKET_RE = /^[a-z0-9A-Z]+[.\-\w]*[a-z0-9A-Z]+$/;
export const ACCOUNT_PATTERN = '[0-9]{12}';
const CLIENT_TOKEN_PATTERN = '^[^\\$]+$';
export const CSV_DELIMITER_PATTERN = '[,;:|\\t ]';
const CSV_DELIMITER_RE = /^[,;:|\t ]$/;

export const EXPORT_FORMATS = ['ION', 'DYNAMODB_JSON'];
export const EXPORT_TYPES = ['FULL_EXPORT', 'INCREMENTAL_EXPORT'];
export const SSE_ALGORITHMS = ['AES256', 'KMS'];
export const VIEW_TYPES = ['NEW_IMAGE', 'NEW_AND_OLD_IMAGES'];
export const INPUT_FORMATS = ['DYNAMODB_JSON', 'ION', 'CSV'];
export const COMPRESSION_TYPES = ['ZSTD', 'NONE', 'GZIP'];

export class JobConstraints extends ConstraintErrors {
  pattern(value: unknown, path: string, re: RegExp, shown: string): void {
    if (typeof value === 'string' && !re.test(value)) this.add(value, path, `Member must satisfy regular expression pattern: ${shown}`);
  }

  length(value: unknown, path: string, min: number | undefined, max: number): void {
    if (typeof value !== 'string') return;
    if (min !== undefined && value.length < min) this.add(value, path, `Member must have length greater than or equal to ${min}`);
    if (value.length > max) this.add(value, path, `Member must have length less than or equal to ${max}`);
  }

  clientToken(value: unknown): void {
    this.pattern(value, 'clientToken', /^[^$]+$/, CLIENT_TOKEN_PATTERN);
  }

  bucket(value: unknown, path: string): void {
    this.pattern(value, path, S3_BUCKET_RE, S3_BUCKET_PATTERN);
    this.length(value, path, undefined, 255);
  }

  owner(value: unknown, path: string): void {
    this.pattern(value, path, /^[0-9]{12}$/, ACCOUNT_PATTERN);
  }

  delimiter(value: unknown, path: string): void {
    this.pattern(value, path, CSV_DELIMITER_RE, CSV_DELIMITER_PATTERN);
    this.length(value, path, 1, 1);
  }

  listLength(value: unknown, path: string, min: number, max: number): void {
    if (!Array.isArray(value)) return;
    const shown = `[${value.join(', ')}]`;
    if (value.length < min) this.add(shown, path, `Member must have length greater than or equal to ${min}`);
    if (value.length > max) this.add(shown, path, `Member must have length less than or equal to ${max}`);
  }
}

/** A member that is an object, or undefined. */
export function objectMember(v: unknown): Record<string, unknown> | undefined {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
}

/** Canonical JSON (object keys sorted) of the members an idempotent replay must repeat. */
export function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

