/**
 * Capacity units for one item, per the DynamoDB developer guide ("Read/write capacity mode"):
 * a read unit covers up to 4 KB strongly consistent (half a unit eventually consistent), a write
 * unit covers up to 1 KB; sizes round up to the next unit and an operation consumes at least one
 * unit (0.5 for an eventually consistent read), even when no item is found.
 */
export const READ_UNIT_BYTES = 4096;
export const WRITE_UNIT_BYTES = 1024;

export function readCapacityUnits(sizeBytes: number, consistent: boolean): number {
  const units = Math.max(1, Math.ceil(sizeBytes / READ_UNIT_BYTES));
  return consistent ? units : units / 2;
}

export function writeCapacityUnits(sizeBytes: number): number {
  return Math.max(1, Math.ceil(sizeBytes / WRITE_UNIT_BYTES));
}

/** Transactional operations consume twice the units of their plain counterparts. */
export function transactionalReadCapacityUnits(sizeBytes: number): number {
  return 2 * readCapacityUnits(sizeBytes, true);
}

export function transactionalWriteCapacityUnits(sizeBytes: number): number {
  return 2 * writeCapacityUnits(sizeBytes);
}
