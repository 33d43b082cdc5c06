/**
 * DynamoDB AttributeValue exactly as it travels on the wire (JSON 1.0 protocol).
 *
 * Items are kept in this form end to end (binary stays base64 text) so that a stored item can be
 * returned without conversion. Numbers are strings, normalized the way DynamoDB returns them once
 * they have been validated (see values/number.ts).
 */
export type AttributeValue =
  | { S: string }
  | { N: string }
  | { B: string }
  | { BOOL: boolean }
  | { NULL: true }
  | { M: Item }
  | { L: AttributeValue[] }
  | { SS: string[] }
  | { NS: string[] }
  | { BS: string[] };

export type AttributeType = 'S' | 'N' | 'B' | 'BOOL' | 'NULL' | 'M' | 'L' | 'SS' | 'NS' | 'BS';

/** A key attribute's scalar type, as in AttributeDefinitions. */
export type ScalarAttributeType = 'S' | 'N' | 'B';

export type Item = Record<string, AttributeValue>;

/** The type tag of a (validated) attribute value. */
export function typeOf(value: AttributeValue): AttributeType {
  for (const k in value) return k as AttributeType;
  throw new Error('empty AttributeValue');
}
