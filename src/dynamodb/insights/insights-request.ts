import { DynamoError } from '../../protocol/errors.js';
import type { IndexDef, InsightsEntryDef, TableDef } from '../tables/table-types.js';
import {
  INSIGHTS_ACTIONS,
  INSIGHTS_MODES,
  RULE_LIMIT_FAILURE,
  entryOf,
  ruleNames,
  settled,
  type InsightsAction,
  type InsightsMode,
  type InsightsTarget,
} from './insights-state.js';

/**
 * Request checks and reply shapes of the three Contributor Insights operations. The bundled API
 * model has no enums for these members and predates ContributorInsightsMode, so those constraint
 * checks are made here, in coral's wording ("N validation errors detected: ...").
 */

/** A member the generic shape checks do not know (ContributorInsightsMode): a string or nothing. */
function stringMember(value: unknown): string | undefined {
  if (value === undefined || value === null || typeof value === 'string') return value ?? undefined;
  if (typeof value === 'number') {
    throw DynamoError.serialization(`${Number.isInteger(value) ? 'NUMBER_VALUE' : 'DECIMAL_VALUE'} cannot be converted to String`);
  }
  if (typeof value === 'boolean') throw DynamoError.serialization(`${value ? 'TRUE' : 'FALSE'}_VALUE cannot be converted to String`);
  if (Array.isArray(value)) throw DynamoError.serialization('Unrecognized collection type class java.lang.String');
  throw DynamoError.serialization('Start of structure or map found where not expected');
}

function enumError(value: string, path: string, values: readonly string[]): string {
  return `Value '${value}' at '${path}' failed to satisfy constraint: Member must satisfy enum value set: [${values.join(', ')}]`;
}

function throwAll(errors: string[]): void {
  const n = errors.length;
  if (n > 0) throw DynamoError.validation(`${n} validation error${n === 1 ? '' : 's'} detected: ${errors.join('; ')}`);
}

/** UpdateContributorInsights' action and mode (ContributorInsightsAction is required by the model). */
export function parseUpdate(input: Record<string, unknown>): { action: InsightsAction; mode?: InsightsMode } {
  const action = input.ContributorInsightsAction as string;
  const mode = stringMember(input.ContributorInsightsMode);
  const errors: string[] = [];
  if (!(INSIGHTS_ACTIONS as readonly string[]).includes(action)) errors.push(enumError(action, 'contributorInsightsAction', INSIGHTS_ACTIONS));
  if (mode !== undefined && !(INSIGHTS_MODES as readonly string[]).includes(mode)) {
    errors.push(enumError(mode, 'contributorInsightsMode', INSIGHTS_MODES));
  }
  throwAll(errors);
  return { action: action as InsightsAction, ...(mode !== undefined ? { mode: mode as InsightsMode } : {}) };
}

/** Largest MaxResults of ListContributorInsights (API reference), also its default (unverified). */
export const MAX_LIST_RESULTS = 100;

export function parseMaxResults(value: unknown): number {
  if (typeof value !== 'number') return MAX_LIST_RESULTS;
  throwAll(value > MAX_LIST_RESULTS ? [`Value '${value}' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to ${MAX_LIST_RESULTS}`] : []);
  // The model sets no minimum; a page size below 1 would never end, so it reads as the default (unverified).
  return value >= 1 ? Math.floor(value) : MAX_LIST_RESULTS;
}

export function tableNotFound(name: string): DynamoError {
  return DynamoError.resourceNotFound(`Requested resource not found: Table: ${name} not found`);
}

function indexNotFound(index: string, table: string): DynamoError {
  // LSIs, unknown names and GSIs still in resource allocation (DDB-TABLE-094, DDB-TABLE-116, DDB-TABLE-137).
  return DynamoError.resourceNotFound(`Requested resource not found: Index: ${index} not found for table: ${table}`);
}

/**
 * The table (found, not CREATING: a table being created is unknown to these APIs, DDB-TABLE-094)
 * and the GSI an IndexName names. DELETING tables and indexes are still served (DDB-TABLE-097, 112).
 */
export function resolveTarget(def: TableDef | undefined, displayName: string, indexName: unknown): { def: TableDef; target: InsightsTarget } {
  if (!def || def.status === 'CREATING') throw tableNotFound(def?.name ?? displayName);
  if (typeof indexName !== 'string') return { def, target: {} };
  const index: IndexDef | undefined = def.gsis.find((g) => g.name === indexName);
  if (!index || (index.status === 'CREATING' && !index.backfilling)) throw indexNotFound(indexName, def.name);
  return { def, target: { index } };
}

/** A backfilling GSI refuses the update (recorded text, DDB-TABLE-116). */
export function checkUpdatable(target: InsightsTarget): void {
  if (target.index?.status === 'CREATING') {
    throw DynamoError.validation(
      'Table or Index is not in a valid state to update Key Access Insights: IndexStatus must be ACTIVE to enable ContributorInsights.',
    );
  }
}

/** DescribeContributorInsights' reply; a never-configured target is {TableName, Status DISABLED} (DDB-TABLE-089). */
export function describeReply(def: TableDef, target: InsightsTarget, now: number): Record<string, unknown> {
  const e = settled(entryOf(def, target), now);
  const out: Record<string, unknown> = { TableName: def.name };
  if (target.index) out.IndexName = target.index.name;
  if (e?.status === 'ENABLED') out.ContributorInsightsRuleList = ruleNames(def, target, e.mode ?? 'ACCESSED_AND_THROTTLED_KEYS', e.ruleStamp ?? e.changedAt);
  out.ContributorInsightsStatus = e?.status ?? 'DISABLED';
  if (e) out.LastUpdateDateTime = e.changedAt / 1000;
  if (e?.failed) out.FailureException = { ...RULE_LIMIT_FAILURE };
  if (e?.mode) out.ContributorInsightsMode = e.mode;
  return out;
}

/** UpdateContributorInsights' reply: the status the change left (or the settled one it did not change). */
export function updateReply(def: TableDef, target: InsightsTarget, entry: InsightsEntryDef | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = { TableName: def.name };
  if (target.index) out.IndexName = target.index.name;
  out.ContributorInsightsStatus = entry?.status ?? 'DISABLED';
  if (entry?.mode) out.ContributorInsightsMode = entry.mode;
  return out;
}

/** A ContributorInsightsSummary, or undefined for a DISABLED target (ListContributorInsights omits those, DDB-TABLE-343). */
export function summaryOf(def: TableDef, target: InsightsTarget, now: number): Record<string, unknown> | undefined {
  const e = settled(entryOf(def, target), now);
  if (!e || e.status === 'DISABLED') return undefined;
  const out: Record<string, unknown> = { TableName: def.name };
  if (target.index) out.IndexName = target.index.name;
  out.ContributorInsightsStatus = e.status;
  if (e.mode) out.ContributorInsightsMode = e.mode;
  return out;
}
