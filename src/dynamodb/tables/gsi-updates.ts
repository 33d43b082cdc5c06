import { DynamoError } from '../../protocol/errors.js';
import type { TableDef } from './table-types.js';
import type { GsiUpdateInput } from './update-validate.js';

/**
 * UpdateTable's GlobalSecondaryIndexUpdates Create and Delete actions (online index creation with
 * backfill, index deletion). Placeholder until the indexes work lands: refuses them clearly.
 * Update actions (throughput) are handled by update-apply.ts.
 */
export function applyGsiCreateDelete(def: TableDef, updates: GsiUpdateInput[], now: number, delayMs: number): void {
  void def;
  void now;
  void delayMs;
  for (const u of updates) {
    if (u.Create || u.Delete) {
      throw DynamoError.validation(
        'One or more parameter values were invalid: GlobalSecondaryIndexUpdates Create and Delete are not supported yet by this server',
      );
    }
  }
}
