/**
 * A PartiQL request's Parameters. DynamoDB reads a number parameter as Java's BigDecimal reads a
 * string, unlike a number attribute sent to PutItem: an exponent or scale outside a 32-bit integer
 * cannot be converted at all ("The parameter cannot be converted to a numeric value: <text>"), and
 * the magnitude check works on precision minus scale in 32-bit arithmetic, which wraps
 * (1e2147483647 is an underflow). Pinned by the public conformance suite run against live DynamoDB
 * (tests/tier3/error-messages/partiqlParameterNumbers.test.ts, eu-west-2, 2026).
 */
import { DynamoError } from '../../protocol/errors.js';
import { MAX_CONTAINER_LEVEL, validateAttributeValue } from '../values/validate.js';
import { NUMBER_MESSAGES, notNumericMessage, parseDecimalSyntax, parseNumber } from '../values/number.js';
import type { AttributeValue } from '../values/types.js';

const INT32_MAX = 2147483647;
const BIG_DECIMAL_RE = /^[+-]?(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;

/** Validates a request's Parameters (document order; the first problem wins). */
export function validateParameters(raw: unknown): AttributeValue[] {
  const list = Array.isArray(raw) ? raw : [];
  return list.map((p: unknown) => {
    checkNumbers(p, 1);
    return validateAttributeValue(p);
  });
}

/** One number parameter's BigDecimal reading; the ordinary number checks follow it. */
function checkNumber(text: string): void {
  const m = BIG_DECIMAL_RE.exec(text);
  if (m && (m[1] !== '' || (m[2] ?? '') !== '')) {
    const exp = m[3] === undefined ? 0 : Number(m[3]);
    const scale = (m[2]?.length ?? 0) - exp;
    if (!Number.isSafeInteger(exp) || Math.abs(exp) > INT32_MAX || Math.abs(scale) > INT32_MAX) {
      throw DynamoError.validation(notNumericMessage(text));
    }
    const d = parseDecimalSyntax(text);
    // precision - scale (the Decimal exponent) is computed in 32 bits: past 2^31 it wraps.
    if (d && d.sign !== 0 && (d.exponent | 0) !== d.exponent) {
      throw DynamoError.validation((d.exponent | 0) < 0 ? NUMBER_MESSAGES.underflow : NUMBER_MESSAGES.overflow);
    }
  }
  parseNumber(text);
}

/**
 * Walks a raw parameter in document order checking its numbers; stops (false) at a container
 * nested too deeply, which validateAttributeValue then reports, as it comes first.
 */
function checkNumbers(v: unknown, level: number): boolean {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return true;
  for (const type in v) {
    const raw: unknown = (v as Record<string, unknown>)[type];
    if (type === 'N' && typeof raw === 'string') checkNumber(raw);
    else if (type === 'NS' && Array.isArray(raw)) {
      for (const m of raw) if (typeof m === 'string') checkNumber(m);
    } else if ((type === 'M' || type === 'L') && typeof raw === 'object' && raw !== null) {
      if (level > MAX_CONTAINER_LEVEL) return false;
      // Keys, then lookups: Object.values of a map of ~10^5 entries costs twice as much.
      const children: unknown[] = Array.isArray(raw) ? raw : Object.keys(raw).map((k) => (raw as Record<string, unknown>)[k]);
      for (const child of children) if (!checkNumbers(child, level + 1)) return false;
    }
  }
  return true;
}
