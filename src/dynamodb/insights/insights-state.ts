import type { IndexDef, InsightsEntryDef, TableDef } from '../tables/table-types.js';

/**
 * CloudWatch Contributor Insights for DynamoDB, control plane only: the per-table and per-GSI
 * status machine kept in the table definition. Eddy has no CloudWatch, so the rules named here
 * produce nothing. Behaviour recorded on live DynamoDB, October 2026 (ack-api-quirks catalogue,
 * table-subresources.md: DDB-TABLE-089..097, 112, 116, 337..344; DDB-TABLE-092).
 */

export type InsightsMode = NonNullable<InsightsEntryDef['mode']>;
export type InsightsStatus = InsightsEntryDef['status'];
export const INSIGHTS_MODES: readonly InsightsMode[] = ['ACCESSED_AND_THROTTLED_KEYS', 'THROTTLED_KEYS'];
export const INSIGHTS_ACTIONS = ['ENABLE', 'DISABLE'] as const;
export type InsightsAction = (typeof INSIGHTS_ACTIONS)[number];
export const DEFAULT_MODE: InsightsMode = 'ACCESSED_AND_THROTTLED_KEYS';

/**
 * ENABLING / DISABLING last at least this long even with no table status delay, so a client
 * polling right after the change sees them (DynamoDB: ENABLING 1-16 s, DISABLING ~2 s, DDB-TABLE-090).
 */
export const MIN_TRANSITION_MS = 200;

/** CloudWatch's default quota of Contributor Insights rules per account and region (DDB-TABLE-337). */
export const MAX_INSIGHTS_RULES = 100;

/** FailureException of an ENABLE past the rule quota (recorded text, DDB-TABLE-337). */
export const RULE_LIMIT_FAILURE = {
  ExceptionName: 'LimitExceededException',
  ExceptionDescription:
    'Amazon CloudWatch Contributor Insights rule limit reached. Please disable Contributor Insights for other ' +
    'tables/indexes OR disable other CloudWatch Contributor Insights rules before retrying.',
};

/** What one insights call is about: the table itself or one of its GSIs. */
export type InsightsTarget = { index?: undefined } | { index: IndexDef };

/** The entry as of `now`: a due ENABLING / DISABLING has completed (at its `settleAt`). */
export function settled(entry: InsightsEntryDef | undefined, now: number): InsightsEntryDef | undefined {
  if (!entry || entry.settleAt === undefined || entry.settleAt > now) return entry;
  if (entry.status !== 'ENABLING' && entry.status !== 'DISABLING') return entry;
  const next: InsightsEntryDef = { ...entry, changedAt: entry.settleAt };
  delete next.settleAt;
  delete next.willFail;
  delete next.failed;
  if (entry.status === 'DISABLING') next.status = 'DISABLED';
  else if (entry.willFail) {
    next.status = 'FAILED';
    next.failed = true;
  } else next.status = 'ENABLED';
  return next;
}

/** The stored entry of a target (undefined: never configured, or it belonged to an earlier index of that name). */
export function entryOf(def: TableDef, target: InsightsTarget): InsightsEntryDef | undefined {
  const ci = def.contributorInsights;
  if (!target.index) return ci?.table;
  const e = ci?.indexes?.[target.index.name];
  return e && e.space === target.index.space ? e : undefined;
}

/** Stores a target's entry (and drops entries of GSIs the table no longer has). */
export function storeEntry(def: TableDef, target: InsightsTarget, entry: InsightsEntryDef): void {
  const ci = { ...def.contributorInsights };
  if (!target.index) ci.table = entry;
  else {
    const live = new Map(def.gsis.map((g) => [g.name, g.space]));
    const indexes: Record<string, InsightsEntryDef> = {};
    for (const [name, e] of Object.entries(ci.indexes ?? {})) if (live.get(name) === e.space) indexes[name] = e;
    indexes[target.index.name] = { ...entry, space: target.index.space };
    ci.indexes = indexes;
  }
  def.contributorInsights = ci;
}

function hasSortKey(def: TableDef, target: InsightsTarget): boolean {
  const key = target.index ? target.index.key : def.key;
  return key.range !== undefined;
}

/**
 * The CloudWatch rule names: DynamoDBContributorInsights-{PKC,SKC,PKT,SKT}-<table>[-<index>]-<ms>;
 * the sort-key rules only with a sort key, the accessed-key (C) rules only in
 * ACCESSED_AND_THROTTLED_KEYS (DDB-TABLE-092, DDB-TABLE-093, DDB-TABLE-112; order as in the AWS
 * CLI's describe-contributor-insights example).
 */
export function ruleNames(def: TableDef, target: InsightsTarget, mode: InsightsMode, stamp: number): string[] {
  const resource = target.index ? `${def.name}-${target.index.name}` : def.name;
  const sort = hasSortKey(def, target);
  const kinds = ['PKC', 'SKC', 'PKT', 'SKT'].filter((k) => (sort || k[0] === 'P') && (mode === DEFAULT_MODE || k[2] === 'T'));
  return kinds.map((k) => `DynamoDBContributorInsights-${k}-${resource}-${stamp}`);
}

export function ruleCount(def: TableDef, target: InsightsTarget, mode: InsightsMode): number {
  return (hasSortKey(def, target) ? 2 : 1) * (mode === DEFAULT_MODE ? 2 : 1);
}

/** Rules held by every ENABLING / ENABLED entry of these tables, `skip` excepted. */
export function rulesInUse(tables: readonly TableDef[], now: number, skip: { table: string; index?: string }): number {
  let used = 0;
  for (const def of tables) {
    const targets: InsightsTarget[] = [{}, ...def.gsis.map((index) => ({ index }))];
    for (const target of targets) {
      if (def.name === skip.table && target.index?.name === skip.index) continue;
      const e = settled(entryOf(def, target), now);
      if (!e || !(e.status === 'ENABLED' || (e.status === 'ENABLING' && !e.willFail))) continue;
      used += ruleCount(def, target, e.mode ?? DEFAULT_MODE);
    }
  }
  return used;
}

export interface InsightsChange {
  action: InsightsAction;
  /** The mode asked for (ENABLE without one means ACCESSED_AND_THROTTLED_KEYS, DDB-TABLE-092). */
  mode?: InsightsMode;
  now: number;
  delayMs: number;
  /** Rules the other tables and indexes hold (for the quota). */
  rulesElsewhere: number;
}

/**
 * The entry after an UpdateContributorInsights (undefined: unchanged). ENABLE/DISABLE of a settled
 * state is a no-op echoing it, as is DISABLE of a never-configured target (DDB-TABLE-091); a mode
 * change is a new ENABLING that keeps the rule names' timestamp (DDB-TABLE-092, DDB-TABLE-341); an
 * ENABLE past the rule quota is accepted and ends FAILED (DDB-TABLE-337, DDB-TABLE-338).
 */
export function applyChange(
  def: TableDef,
  target: InsightsTarget,
  current: InsightsEntryDef | undefined,
  c: InsightsChange,
): InsightsEntryDef | undefined {
  const status = current?.status ?? 'DISABLED';
  if (c.action === 'DISABLE') {
    if (!current || status === 'DISABLED' || status === 'DISABLING') return undefined;
    const next: InsightsEntryDef = { ...current, status: 'DISABLING', changedAt: c.now, settleAt: c.now + c.delayMs };
    delete next.willFail;
    return next;
  }
  const mode = c.mode ?? DEFAULT_MODE;
  if ((status === 'ENABLED' || status === 'ENABLING') && current?.mode === mode) return undefined;
  const keepsRules = status === 'ENABLED' || status === 'ENABLING';
  const willFail = c.rulesElsewhere + ruleCount(def, target, mode) > MAX_INSIGHTS_RULES;
  return {
    status: 'ENABLING',
    mode,
    changedAt: c.now,
    settleAt: c.now + c.delayMs,
    ruleStamp: keepsRules && current?.ruleStamp !== undefined ? current.ruleStamp : c.now,
    ...(willFail ? { willFail: true } : {}),
    ...(current?.space !== undefined ? { space: current.space } : {}),
  };
}
