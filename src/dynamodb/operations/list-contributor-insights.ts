import { DynamoError } from '../../protocol/errors.js';
import type { OperationHandler } from '../../server/context.js';
import { parseMaxResults, resolveTarget, summaryOf } from '../insights/insights-request.js';
import type { InsightsTarget } from '../insights/insights-state.js';
import { manager } from '../tables/manager.js';
import { checkTableArnOwner } from '../tables/resource-arn.js';
import type { TableDef } from '../tables/table-types.js';

interface Candidate {
  def: TableDef;
  target: InsightsTarget;
}

/** A position in the listing: after this table (and this index of it; '' is the table itself). */
type Position = [table: string, index: string];

function tokenOf(c: Candidate): string {
  const pos: Position = [c.def.name, c.target.index?.name ?? ''];
  return Buffer.from(JSON.stringify(pos)).toString('base64url');
}

function parseToken(token: unknown): Position | undefined {
  if (typeof token !== 'string' || token === '') return undefined;
  let pos: unknown;
  try {
    pos = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
  } catch {
    pos = undefined;
  }
  if (!Array.isArray(pos) || pos.length !== 2 || typeof pos[0] !== 'string' || typeof pos[1] !== 'string') {
    // Wording unverified: no recording of DynamoDB's answer to a foreign token.
    throw DynamoError.validation('Invalid NextToken');
  }
  return [pos[0], pos[1]];
}

/** The table first, then its GSIs in their DescribeTable order (DDB-TABLE-095). */
function candidatesOf(def: TableDef): Candidate[] {
  const gsis = def.gsis.filter((g) => !(g.status === 'CREATING' && !g.backfilling));
  return [{ def, target: {} }, ...gsis.map((index) => ({ def, target: { index } }))];
}

/** Index of the first candidate after `pos` (tables are sorted by name; a vanished entry resumes at the next table). */
function startAfter(all: Candidate[], pos: Position | undefined): number {
  if (!pos) return 0;
  const exact = all.findIndex((c) => c.def.name === pos[0] && (c.target.index?.name ?? '') === pos[1]);
  if (exact >= 0) return exact + 1;
  const next = all.findIndex((c) => c.def.name > pos[0]);
  return next < 0 ? all.length : next;
}

/**
 * ListContributorInsights. With TableName: the table's and its GSIs' entries that are not DISABLED,
 * MaxResults per page (DDB-TABLE-095). Without: pages are cut from every table and GSI of the
 * account and region, DISABLED ones included, and then filtered, so a page may be empty and still
 * carry a NextToken, as DynamoDB's (DDB-TABLE-344).
 */
export const handler: OperationHandler = async (ctx, input) => {
  const max = parseMaxResults(input.MaxResults);
  const pos = parseToken(input.NextToken);
  const tables = manager(ctx);
  const now = ctx.services.clock.now();
  const summaries: Record<string, unknown>[] = [];
  let last: Candidate | undefined;
  let more = false;
  if (typeof input.TableName === 'string') {
    const name = input.TableName;
    checkTableArnOwner(ctx, name);
    const { def } = resolveTarget(await tables.find(ctx, name), tables.displayName(name), undefined);
    const all = candidatesOf(def);
    for (const c of all.slice(startAfter(all, pos))) {
      const s = summaryOf(c.def, c.target, now);
      if (!s) continue;
      if (summaries.length === max) {
        more = true;
        break;
      }
      summaries.push(s);
      last = c;
    }
  } else {
    const all = (await tables.list(ctx)).filter((d) => d.status !== 'CREATING').flatMap(candidatesOf);
    const from = startAfter(all, pos);
    const page = all.slice(from, from + max);
    for (const c of page) {
      const s = summaryOf(c.def, c.target, now);
      if (s) summaries.push(s);
    }
    last = page[page.length - 1];
    more = from + max < all.length;
  }
  const out: Record<string, unknown> = { ContributorInsightsSummaries: summaries };
  if (more && last) out.NextToken = tokenOf(last);
  return out;
};
