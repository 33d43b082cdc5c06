import { DynamoError } from '../../protocol/errors.js';

const MODES = ['PROVISIONED', 'PAY_PER_REQUEST'];

/**
 * `TableThroughputMode` on CreateTable and UpdateTable: a member newer than the bundled API model
 * that DynamoDB honours as a stand-in for `BillingMode` (measured on 2026-08-21, ExtendDB PR 320):
 * alone it sets the billing mode, beside `BillingMode` it is ignored (no conflict error), and every
 * later message still names BillingMode. An unknown value is refused on its own member even when
 * BillingMode is valid. Unverified: the exact wording and enum order of that refusal (written as
 * BillingMode's), where it falls among the request's other constraint failures (Eddy reports it
 * after them), and the type errors (coral's texts for a string member).
 */
export function resolveThroughputMode(raw: Record<string, unknown>): void {
  const mode = raw.TableThroughputMode;
  if (mode === undefined || mode === null) return;
  if (typeof mode !== 'string') throw typeError(mode);
  if (!MODES.includes(mode)) {
    throw DynamoError.validation(
      `1 validation error detected: Value '${mode}' at 'tableThroughputMode' failed to satisfy constraint: Member must satisfy enum value set: [${MODES.join(', ')}]`,
    );
  }
  if (raw.BillingMode === undefined || raw.BillingMode === null) raw.BillingMode = mode;
}

function typeError(value: unknown): DynamoError {
  if (typeof value === 'boolean') return DynamoError.serialization(`${value ? 'TRUE' : 'FALSE'}_VALUE cannot be converted to String`);
  if (typeof value === 'number') return DynamoError.serialization(`${Number.isInteger(value) ? 'NUMBER' : 'DECIMAL'}_VALUE cannot be converted to String`);
  if (Array.isArray(value)) return DynamoError.serialization('Unrecognized collection type class java.lang.String');
  return DynamoError.serialization('Start of structure or map found where not expected');
}
