import { DynamoError } from '../../protocol/errors.js';
import type { TableDef } from './table-types.js';

/**
 * UpdateTable's DeletionProtectionEnabled, as live DynamoDB answers it (ack-api-quirks catalogue,
 * October 2026): the change is synchronous (the table stays ACTIVE, DDB-TABLE-017, -117), and a
 * table's setting may change at most once in 15000 ms. A second change inside that window is a
 * ThrottlingException whose text names the instant the window ends (DDB-TABLE-003, -445, -464; no
 * trailing period, unlike the resource-policy text). A re-send of the current value is a 200 that
 * neither opens nor is refused by the window (DDB-TABLE-018, -383). The window belongs to the table
 * incarnation: a re-created table starts without one (DDB-TABLE-377). Whether CreateTable's
 * DeletionProtectionEnabled opens a window is not recorded; Eddy's does not.
 */
export const DELETION_PROTECTION_COOLDOWN_MS = 15_000;

/** Applies DeletionProtectionEnabled=`enabled` at `now` to `def` (a mutable copy). */
export function applyDeletionProtection(def: TableDef, enabled: boolean, now: number): void {
  if (def.deletionProtection === enabled) return;
  const last = def.deletionProtectionChangedAt;
  if (last !== undefined && now - last < DELETION_PROTECTION_COOLDOWN_MS) {
    const after = new Date(last + DELETION_PROTECTION_COOLDOWN_MS).toISOString();
    throw DynamoError.service(
      'ThrottlingException',
      `Deletion protection setting for table ${def.name} modified within the previous ${DELETION_PROTECTION_COOLDOWN_MS} milliseconds. Please try again after ${after}`,
    );
  }
  def.deletionProtection = enabled;
  def.deletionProtectionChangedAt = now;
}
