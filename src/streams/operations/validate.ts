import { DynamoError } from '../../protocol/errors.js';

/** Small input checks shared by the Streams operations (the generic shape checks ran before). */
export function requireString(input: Record<string, unknown>, name: string, member: string): string {
  const v = input[name];
  if (typeof v !== 'string') {
    throw DynamoError.validation(
      `1 validation error detected: Value null at '${member}' failed to satisfy constraint: Member must not be null`,
    );
  }
  return v;
}

export function optionalString(input: Record<string, unknown>, name: string): string | undefined {
  const v = input[name];
  return typeof v === 'string' ? v : undefined;
}

/** Limit with DynamoDB's upper bound (the API model only gives the lower bound of 1). */
export function limitOf(input: Record<string, unknown>, max: number): number {
  const v = input.Limit;
  if (v === undefined || v === null) return max;
  const n = typeof v === 'number' ? v : Number(v);
  if (!Number.isInteger(n) || n < 1) {
    throw DynamoError.validation(
      `1 validation error detected: Value '${String(v)}' at 'limit' failed to satisfy constraint: Member must have value greater than or equal to 1`,
    );
  }
  if (n > max) {
    throw DynamoError.validation(
      `1 validation error detected: Value '${n}' at 'limit' failed to satisfy constraint: Member must have value less than or equal to ${max}`,
    );
  }
  return n;
}
