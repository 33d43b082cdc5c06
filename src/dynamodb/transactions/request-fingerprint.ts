import { createHash } from 'node:crypto';

/**
 * The fingerprint kept with a transaction's ClientRequestToken. JSON objects are maps, so the
 * order of their keys does not make two requests different: DynamoDB accepts a retry whose item
 * lists the same attributes in another order (LocalStack's AWS-validated
 * test_dynamodb_idempotent_writing). Object keys are therefore sorted before hashing.
 */
export function requestFingerprint(value: unknown): string {
  return createHash('sha256').update(canonicalJson(value)).digest('hex');
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const obj = value as Record<string, unknown>;
    const keys = Object.keys(obj)
      .filter((k) => obj[k] !== undefined)
      .sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
