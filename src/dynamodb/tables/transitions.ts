import { finishVectorIndexUpdates } from '../vectors/vector-updates.js';
import { DynamoError } from '../../protocol/errors.js';
import { keySchemaNames } from './key-schema.js';
import type { ProvisionedThroughputDef, TableDef } from './table-types.js';
import { DEFAULT_WARM_READ, DEFAULT_WARM_WRITE } from './describe.js';

/** Pure status-transition rules of a table's metadata. */

export function isTransitional(def: TableDef): boolean {
  return (
    (def.status === 'CREATING' || def.status === 'UPDATING' || def.status === 'DELETING') &&
    def.pendingUntil !== undefined
  );
}

export function isDue(def: TableDef, now: number): boolean {
  return isTransitional(def) && (def.pendingUntil ?? Infinity) <= now;
}

const DAY_MS = 86_400_000;

/** NumberOfDecreasesToday as of `now`: decreases made on an earlier UTC day no longer count. */
export function decreasesToday(p: ProvisionedThroughputDef, now: number): number {
  if (p.lastDecrease === undefined) return 0;
  return Math.floor(p.lastDecrease / DAY_MS) === Math.floor(now / DAY_MS) ? p.decreasesToday : 0;
}

const FREE_DECREASES = 4;
const DECREASE_INTERVAL_MS = 3_600_000;
const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** "Friday, October 9, 2026 at 1:21:34 AM Coordinated Universal Time", as DynamoDB words a time. */
function spelledOut(ms: number): string {
  const d = new Date(ms);
  const h = d.getUTCHours();
  const two = (n: number) => String(n).padStart(2, '0');
  const clock = `${h % 12 === 0 ? 12 : h % 12}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())} ${h < 12 ? 'AM' : 'PM'}`;
  return `${WEEKDAYS[d.getUTCDay()]}, ${MONTHS[d.getUTCMonth()]} ${d.getUTCDate()}, ${d.getUTCFullYear()} at ${clock} Coordinated Universal Time`;
}

/**
 * The daily budget of provisioned decreases: four per UTC day, then one per 3600 s after the last
 * accepted one; the count starts again at 00:00 UTC (live DynamoDB, October 2026: ack-api-quirks
 * DDB-TABLE-184, DDB-TABLE-185, DDB-TABLE-326). A change lowering either dimension is a decrease.
 */
export function checkDecreaseBudget(p: ProvisionedThroughputDef, next: { read: number; write: number }, now: number): void {
  if (!(next.read < p.read || next.write < p.write)) return;
  const count = decreasesToday(p, now);
  if (count < FREE_DECREASES || p.lastDecrease === undefined) return;
  const nextAllowed = Math.min(p.lastDecrease + DECREASE_INTERVAL_MS, (Math.floor(now / DAY_MS) + 1) * DAY_MS);
  if (now >= nextAllowed) return;
  throw DynamoError.limitExceeded(
    'Subscriber limit exceeded: Provisioned throughput decreases are limited within a given UTC day. After the first 4 decreases, ' +
      'each subsequent decrease in the same UTC day can be performed at most once every 3600 seconds. ' +
      `Number of decreases today: ${count}. Last decrease at ${spelledOut(Math.floor(p.lastDecrease / 1000) * 1000)}. ` +
      `Next decrease can be made at ${spelledOut(Math.floor(nextAllowed / 1000) * 1000)}.`,
  );
}

/** Applies a throughput change the way DynamoDB records it (increase/decrease times, daily decreases). */
export function applyThroughput(
  p: ProvisionedThroughputDef,
  next: { read: number; write: number },
  at: number,
): ProvisionedThroughputDef {
  const out: ProvisionedThroughputDef = { ...p, decreasesToday: decreasesToday(p, at) };
  const increased = next.read > p.read || next.write > p.write;
  const decreased = next.read < p.read || next.write < p.write;
  if (increased) out.lastIncrease = at;
  if (decreased) {
    out.lastDecrease = at;
    out.decreasesToday += 1;
  }
  out.read = next.read;
  out.write = next.write;
  return out;
}

/**
 * The table after its current transition completed at `at`: CREATING/UPDATING → ACTIVE (with the
 * deferred values of an update applied), DELETING → undefined (gone).
 */
export function completeTransition(def: TableDef, at: number): TableDef | undefined {
  if (def.status === 'DELETING') return undefined;
  const next: TableDef = structuredClone(def);
  next.status = 'ACTIVE';
  delete next.pendingUntil;
  for (const index of [...next.gsis, ...next.lsis]) {
    if (index.status === 'CREATING' && index.backfilling !== undefined) {
      // An index added by UpdateTable: resource allocation ends, the backfill starts (the table
      // is ACTIVE again meanwhile); the backfill itself makes the index ACTIVE (gsi-backfills.ts).
      index.backfilling = true;
    } else if (index.status === 'CREATING' || index.status === 'UPDATING') {
      index.status = 'ACTIVE';
    }
  }
  if (next.vectorIndexes) finishVectorIndexUpdates(next, at);
  if (next.gsis.some((g) => g.status === 'DELETING')) {
    next.gsis = next.gsis.filter((g) => g.status !== 'DELETING');
    next.attributeDefinitions = usedAttributeDefinitions(next);
  }
  const u = next.updating;
  if (u) {
    if (u.provisioned) {
      next.provisioned = applyThroughput(next.provisioned, u.provisioned, at);
      next.warm = atLeast(next.warm, next.provisioned.read, next.provisioned.write);
    }
    // A table that turns on-demand can serve at least the on-demand initial throughput.
    if (u.kind === 'billing' && next.billingMode === 'PAY_PER_REQUEST') {
      next.warm = atLeast(next.warm, DEFAULT_WARM_READ, DEFAULT_WARM_WRITE);
      for (const gsi of next.gsis) gsi.warm = atLeast(gsi.warm, DEFAULT_WARM_READ, DEFAULT_WARM_WRITE);
    }
    for (const [name, p] of Object.entries(u.gsiProvisioned ?? {})) {
      const gsi = next.gsis.find((g) => g.name === name);
      if (gsi) {
        gsi.provisioned = applyThroughput(gsi.provisioned ?? { read: 0, write: 0, decreasesToday: 0 }, p, at);
        gsi.warm = atLeast(gsi.warm, gsi.provisioned.read, gsi.provisioned.write);
      }
    }
    if (u.tableClass) {
      next.tableClass = u.tableClass;
      next.tableClassExplicit = true;
      next.tableClassUpdatedAt = at;
    }
    delete next.updating;
  }
  next.version = def.version + 1;
  return next;
}

/** AttributeDefinitions still used by a key (DynamoDB prunes the ones only a deleted index used). */
export function usedAttributeDefinitions(def: TableDef): TableDef['attributeDefinitions'] {
  const used = new Set<string>();
  for (const key of [def.key, ...def.gsis.map((i) => i.key), ...def.lsis.map((i) => i.key)]) {
    for (const name of keySchemaNames(key)) used.add(name);
  }
  // SearchSchema attributes of vector indexes are defined too (and so still used).
  for (const v of def.vectorIndexes ?? []) for (const e of v.searchSchema ?? []) used.add(e.AttributeName);
  return def.attributeDefinitions.filter((a) => used.has(a.AttributeName));
}

/** Spaces of the indexes `before` had and `after` no longer has (to drop once committed). */
export function removedIndexSpaces(before: TableDef, after: TableDef | undefined): string[] {
  if (!after) return [];
  const kept = new Set([...after.gsis, ...after.lsis].map((i) => i.space));
  return [...before.gsis, ...before.lsis].map((i) => i.space).filter((s) => !kept.has(s));
}

/**
 * WarmThroughput never decreases: a provisioned table's is the highest capacity it was ever given,
 * and it is 12000/4000 (the on-demand default) once the table was on demand. Live DynamoDB, October
 * 2026 (ack-api-quirks DDB-TABLE-055, DDB-TABLE-058, DDB-TABLE-064).
 */
function atLeast(w: TableDef['warm'], read: number, write: number): NonNullable<TableDef['warm']> {
  return { ...w, read: Math.max(w?.read ?? DEFAULT_WARM_READ, read), write: Math.max(w?.write ?? DEFAULT_WARM_WRITE, write) };
}
