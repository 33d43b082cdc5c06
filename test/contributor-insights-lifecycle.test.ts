import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DescribeContributorInsightsCommand, UpdateContributorInsightsCommand } from '@aws-sdk/client-dynamodb';
import { ManualClock } from '../src/shared/clock.js';
import { TableManager } from '../src/dynamodb/tables/catalog.js';
import type { StartOptions } from '../src/server/start.js';
import { startTestEddy, uniqueName, type TestEddy } from './helpers/eddy.js';
import { itOnEveryDurableEngine, rawOk } from './helpers/restart.js';

/**
 * Contributor Insights across the rule quota, table and index deletion, restores and restarts.
 * Expected answers are DynamoDB's as recorded in the ack-api-quirks catalogue (table-subresources.md).
 */
const DELAY = 1000;
const ATK = 'ACCESSED_AND_THROTTLED_KEYS';
const RNF = 'com.amazonaws.dynamodb.v20120810#ResourceNotFoundException';
const LIMIT_FAILURE = {
  ExceptionName: 'LimitExceededException',
  ExceptionDescription:
    'Amazon CloudWatch Contributor Insights rule limit reached. Please disable Contributor Insights for other tables/indexes OR disable other CloudWatch Contributor Insights rules before retrying.',
};
type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any -- test JSON

let clock: ManualClock;

const ok = rawOk;

async function notFound(t: TestEddy, target: string, body: unknown, message: string): Promise<void> {
  const r = await t.raw(target, body);
  assert.equal(r.status, 400, r.body);
  assert.equal(r.json.__type, RNF);
  assert.equal(r.json.message, message);
}

async function newTable(t: TestEddy, opts: { range?: boolean; gsi?: boolean; name?: string } = {}): Promise<string> {
  const name = opts.name ?? uniqueName('cil');
  const attrs = [{ AttributeName: 'pk', AttributeType: 'S' }];
  const key = [{ AttributeName: 'pk', KeyType: 'HASH' }];
  if (opts.range) {
    attrs.push({ AttributeName: 'sk', AttributeType: 'S' });
    key.push({ AttributeName: 'sk', KeyType: 'RANGE' });
  }
  const gsi = opts.gsi
    ? { GlobalSecondaryIndexes: [{ IndexName: 'byG', KeySchema: [{ AttributeName: 'g', KeyType: 'HASH' }], Projection: { ProjectionType: 'ALL' } }] }
    : {};
  if (opts.gsi) attrs.push({ AttributeName: 'g', AttributeType: 'S' });
  await ok(t, 'CreateTable', { TableName: name, BillingMode: 'PAY_PER_REQUEST', AttributeDefinitions: attrs, KeySchema: key, ...gsi });
  clock.advance(DELAY);
  return name;
}

const update = (t: TestEddy, TableName: string, action: string, extra: Record<string, unknown> = {}) =>
  ok(t, 'UpdateContributorInsights', { TableName, ContributorInsightsAction: action, ...extra });
const describeCI = (t: TestEddy, TableName: string, IndexName?: string) =>
  ok(t, 'DescribeContributorInsights', { TableName, ...(IndexName ? { IndexName } : {}) });

before(() => {
  clock = new ManualClock(Date.UTC(2026, 9, 9, 8));
});

describe('the Contributor Insights rule quota (100 rules per account and region)', () => {
  let t: TestEddy;
  before(async () => { t = await startTestEddy({ clock, tableStatusDelayMs: DELAY }); });
  after(async () => t.stop());

  it('an ENABLE past the quota is accepted, then FAILED with a FailureException; DISABLE or freed rules leave FAILED', async () => {
    const ranged: string[] = [];
    for (let i = 0; i < 24; i++) ranged.push(await newTable(t, { range: true }));
    const hashOnly = await newTable(t);
    for (const name of [...ranged, hashOnly]) await update(t, name, 'ENABLE');
    clock.advance(DELAY); // 24 × 4 + 2 = 98 rules
    const victim = await newTable(t, { range: true });
    const failedAt = clock.now() + DELAY;
    assert.deepEqual(await update(t, victim, 'ENABLE'), { TableName: victim, ContributorInsightsStatus: 'ENABLING', ContributorInsightsMode: ATK });
    const small = await newTable(t);
    assert.equal((await update(t, small, 'ENABLE')).ContributorInsightsStatus, 'ENABLING'); // 98 + 2 = 100 fits
    clock.advance(DELAY);
    assert.deepEqual(await describeCI(t, victim), {
      TableName: victim, ContributorInsightsStatus: 'FAILED', LastUpdateDateTime: failedAt / 1000, FailureException: LIMIT_FAILURE, ContributorInsightsMode: ATK,
    });
    assert.equal((await describeCI(t, small)).ContributorInsightsStatus, 'ENABLED');
    assert.deepEqual((await ok(t, 'ListContributorInsights', { TableName: victim })).ContributorInsightsSummaries, [
      { TableName: victim, ContributorInsightsStatus: 'FAILED', ContributorInsightsMode: ATK },
    ]);
    // Re-ENABLE while exhausted: ENABLING, then FAILED again.
    assert.equal((await update(t, victim, 'ENABLE')).ContributorInsightsStatus, 'ENABLING');
    clock.advance(DELAY);
    assert.equal((await describeCI(t, victim)).ContributorInsightsStatus, 'FAILED');
    // Narrowing an ENABLED table's mode at the quota works (4 → 2 rules).
    await update(t, ranged[0] as string, 'ENABLE', { ContributorInsightsMode: 'THROTTLED_KEYS' });
    clock.advance(DELAY);
    assert.equal((await describeCI(t, ranged[0] as string)).ContributorInsightsStatus, 'ENABLED');
    // Freeing rules does not repair FAILED by itself; a new ENABLE does.
    await update(t, ranged[1] as string, 'DISABLE');
    clock.advance(DELAY * 5);
    assert.equal((await describeCI(t, victim)).ContributorInsightsStatus, 'FAILED');
    await update(t, victim, 'ENABLE');
    clock.advance(DELAY);
    const fixed = await describeCI(t, victim);
    assert.equal(fixed.ContributorInsightsStatus, 'ENABLED');
    assert.equal(fixed.FailureException, undefined);
    assert.equal(fixed.ContributorInsightsRuleList.length, 4);
    // DISABLE of a FAILED entry: DISABLING still shows the failure, DISABLED clears it.
    const other = await newTable(t, { range: true });
    await update(t, other, 'ENABLE');
    clock.advance(DELAY);
    assert.equal((await describeCI(t, other)).ContributorInsightsStatus, 'FAILED');
    assert.deepEqual(await update(t, other, 'DISABLE'), { TableName: other, ContributorInsightsStatus: 'DISABLING', ContributorInsightsMode: ATK });
    assert.deepEqual((await describeCI(t, other)).FailureException, LIMIT_FAILURE);
    clock.advance(DELAY);
    const off = await describeCI(t, other);
    assert.equal(off.ContributorInsightsStatus, 'DISABLED');
    assert.equal(off.FailureException, undefined);
    assert.deepEqual((await ok(t, 'ListContributorInsights', { TableName: other })).ContributorInsightsSummaries, []);
  });
});

describe('Contributor Insights and deletion, indexes, restores', () => {
  let t: TestEddy;
  before(async () => { t = await startTestEddy({ clock, tableStatusDelayMs: DELAY }); });
  after(async () => t.stop());

  it('a DELETING table still answers; once gone, its insights are gone and a new table of that name starts DISABLED', async () => {
    const name = await newTable(t);
    await update(t, name, 'ENABLE');
    clock.advance(DELAY);
    assert.equal((await ok(t, 'DeleteTable', { TableName: name })).TableDescription.TableStatus, 'DELETING');
    assert.equal((await describeCI(t, name)).ContributorInsightsStatus, 'ENABLED');
    assert.equal((await update(t, name, 'DISABLE')).ContributorInsightsStatus, 'DISABLING');
    assert.equal((await ok(t, 'ListContributorInsights', { TableName: name })).ContributorInsightsSummaries.length, 1);
    clock.advance(DELAY);
    const message = `Requested resource not found: Table: ${name} not found`;
    await notFound(t, 'DescribeContributorInsights', { TableName: name }, message);
    await notFound(t, 'UpdateContributorInsights', { TableName: name, ContributorInsightsAction: 'ENABLE' }, message);
    await notFound(t, 'ListContributorInsights', { TableName: name }, message);
    await newTable(t, { name });
    assert.deepEqual(await describeCI(t, name), { TableName: name, ContributorInsightsStatus: 'DISABLED' });
  });

  it('deleting a GSI drops its entry; a GSI re-created under that name starts DISABLED', async () => {
    const name = await newTable(t, { gsi: true });
    await update(t, name, 'ENABLE', { IndexName: 'byG' });
    clock.advance(DELAY);
    await ok(t, 'UpdateTable', { TableName: name, GlobalSecondaryIndexUpdates: [{ Delete: { IndexName: 'byG' } }] });
    assert.equal((await describeCI(t, name, 'byG')).ContributorInsightsStatus, 'ENABLED');
    assert.equal((await ok(t, 'ListContributorInsights', { TableName: name })).ContributorInsightsSummaries[0].IndexName, 'byG');
    clock.advance(DELAY);
    await notFound(t, 'DescribeContributorInsights', { TableName: name, IndexName: 'byG' }, `Requested resource not found: Index: byG not found for table: ${name}`);
    assert.deepEqual(await ok(t, 'ListContributorInsights', { TableName: name }), { ContributorInsightsSummaries: [] });
    await ok(t, 'UpdateTable', {
      TableName: name,
      AttributeDefinitions: [{ AttributeName: 'g', AttributeType: 'S' }],
      GlobalSecondaryIndexUpdates: [{ Create: { IndexName: 'byG', KeySchema: [{ AttributeName: 'g', KeyType: 'HASH' }], Projection: { ProjectionType: 'ALL' } } }],
    });
    clock.advance(DELAY);
    const tables = t.eddy.services.tables;
    assert.ok(tables instanceof TableManager);
    await tables.idle();
    assert.deepEqual(await describeCI(t, name, 'byG'), { TableName: name, IndexName: 'byG', ContributorInsightsStatus: 'DISABLED' });
  });

  it('a table restored from a backup or a point in time does not keep the source\'s insights', async () => {
    const name = await newTable(t, { gsi: true });
    await update(t, name, 'ENABLE');
    await update(t, name, 'ENABLE', { IndexName: 'byG' });
    await ok(t, 'UpdateContinuousBackups', { TableName: name, PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true } });
    clock.advance(DELAY);
    const backup = (await ok(t, 'CreateBackup', { TableName: name, BackupName: 'ci-backup' })).BackupDetails.BackupArn as string;
    const fromBackup = uniqueName('cir');
    await ok(t, 'RestoreTableFromBackup', { TargetTableName: fromBackup, BackupArn: backup });
    clock.advance(1000);
    const fromPitr = uniqueName('cip');
    await ok(t, 'RestoreTableToPointInTime', { SourceTableName: name, TargetTableName: fromPitr, UseLatestRestorableTime: true });
    clock.advance(DELAY);
    const tables = t.eddy.services.tables;
    assert.ok(tables instanceof TableManager);
    await tables.idle();
    for (const target of [fromBackup, fromPitr]) {
      assert.equal((await ok(t, 'DescribeTable', { TableName: target })).Table.TableStatus, 'ACTIVE');
      assert.deepEqual(await describeCI(t, target), { TableName: target, ContributorInsightsStatus: 'DISABLED' });
      assert.deepEqual(await describeCI(t, target, 'byG'), { TableName: target, IndexName: 'byG', ContributorInsightsStatus: 'DISABLED' });
    }
    assert.equal((await describeCI(t, name)).ContributorInsightsStatus, 'ENABLED');
  });
});

/** Enables insights on a table (settled) and a GSI (still ENABLING), restarts, and reads both back. */
async function restartKeepsInsights(opts: Partial<StartOptions>): Promise<void> {
  const first = await startTestEddy({ clock, tableStatusDelayMs: DELAY, ...opts });
  const name = uniqueName('cip');
  let settledView: Json;
  let enablingAt = 0;
  try {
    await newTable(first, { gsi: true });
    await newTable(first, { gsi: true, name });
    await first.client.send(new UpdateContributorInsightsCommand({ TableName: name, ContributorInsightsAction: 'ENABLE', ContributorInsightsMode: 'THROTTLED_KEYS' }));
    clock.advance(DELAY);
    settledView = await describeCI(first, name);
    assert.equal(settledView.ContributorInsightsStatus, 'ENABLED');
    enablingAt = clock.now();
    await update(first, name, 'ENABLE', { IndexName: 'byG' });
  } finally {
    await first.stop();
  }
  const second = await startTestEddy({ clock, tableStatusDelayMs: DELAY, ...opts });
  try {
    assert.deepEqual(await describeCI(second, name), settledView);
    const g = await second.client.send(new DescribeContributorInsightsCommand({ TableName: name, IndexName: 'byG' }));
    assert.equal(g.ContributorInsightsStatus, 'ENABLING');
    assert.equal(g.LastUpdateDateTime?.getTime(), enablingAt);
    clock.advance(DELAY);
    assert.equal((await describeCI(second, name, 'byG')).ContributorInsightsStatus, 'ENABLED');
    assert.equal((await ok(second, 'ListContributorInsights', { TableName: name })).ContributorInsightsSummaries.length, 2);
  } finally {
    await second.stop();
  }
}

describe('Contributor Insights survive a restart', () => {
  itOnEveryDurableEngine('eddy-ci-', restartKeepsInsights);
});
