/**
 * SELECT through a KEYS_ONLY or INCLUDE secondary index (recorded against live DynamoDB by the
 * public conformance suite, tier2 partiql/executeStatementIndex and indexQualifier, tier3
 * partiqlIndexQualifier, 2026):
 * - a column the index does not project is refused on a GSI ("Global secondary index X does not
 *   project [a, b]", statement order) and read from the base table on an LSI, each fetched item
 *   charged to the table;
 * - a read keyed on the index partition key may not filter on an unprojected attribute ("Secondary
 *   index X does not project one or more filter attributes: [..]", sorted, GSI and LSI alike); an
 *   unkeyed read's filter just sees such attributes as absent.
 */
import { projectedAttributeNames } from '../tables/index-projection.js';
import type { SelectStatement } from './ast.js';
import { pqError } from './errors.js';
import type { Target } from './plan.js';
import { roots } from './roots.js';

/**
 * Checks a SELECT's columns and filter against the index it reads; returns true when its rows must
 * be completed from the base table (an LSI asked for columns it does not project).
 */
export function checkIndexColumns(target: Target, stmt: SelectStatement, keyed: boolean): boolean {
  const index = target.index;
  if (!index) return false;
  const projected = projectedAttributeNames(target.table, index);
  if (!projected) return false;
  const prefix = 'One or more parameter values were invalid:';
  const columns = [...new Set((stmt.projection ?? []).map((p) => p.root))].filter((n) => !projected.has(n));
  if (columns.length > 0 && index.kind === 'GSI') {
    throw pqError(`${prefix} Global secondary index ${index.name} does not project [${columns.join(', ')}]`);
  }
  if (keyed && stmt.where) {
    const read: string[] = [];
    roots(stmt.where, read);
    const missing = [...new Set(read.filter((n) => !projected.has(n)))].sort();
    if (missing.length > 0) {
      throw pqError(`${prefix} Secondary index ${index.name} does not project one or more filter attributes: [${missing.join(', ')}]`);
    }
  }
  return columns.length > 0;
}
