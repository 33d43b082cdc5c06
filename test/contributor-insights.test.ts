import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  DescribeContributorInsightsCommand,
  ListContributorInsightsCommand,
  UpdateContributorInsightsCommand,
  paginateListContributorInsights,
  type ContributorInsightsSummary,
} from '@aws-sdk/client-dynamodb';
import { ManualClock } from '../src/shared/clock.js';
import { TableManager } from '../src/dynamodb/tables/catalog.js';
import { startTestEddy, uniqueName, type TestEddy } from './helpers/eddy.js';

/**
 * Contributor Insights control plane through the AWS SDK v3 and raw HTTP, on the injectable clock.
 * Expected answers are DynamoDB's as recorded in the ack-api-quirks catalogue (table-subresources.md).
 */
const DELAY = 1000; // table status delay; insights transitions take the same
const T0 = Date.UTC(2026, 9, 8, 12);
const ATK = 'ACCESSED_AND_THROTTLED_KEYS';
type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any -- test JSON

let t: TestEddy;
let clock: ManualClock;

async function ok(target: string, body: unknown): Promise<Json> {
  const r = await t.raw(target, body);
  assert.equal(r.status, 200, r.body);
  return r.json;
}

async function fails(target: string, body: unknown, type: string, message: string | undefined): Promise<void> {
  const r = await t.raw(target, body);
  assert.equal(r.status, 400, r.body);
  assert.equal(r.json.__type, type);
  assert.equal(r.json.message ?? r.json.Message, message);
}

const RNF = 'com.amazonaws.dynamodb.v20120810#ResourceNotFoundException';
const VALIDATION = 'com.amazon.coral.validate#ValidationException';

async function newTable(opts: { range?: boolean; gsi?: boolean; lsi?: boolean } = {}): Promise<string> {
  const name = uniqueName('ci');
  const attrs = [{ AttributeName: 'pk', AttributeType: 'S' }];
  const key = [{ AttributeName: 'pk', KeyType: 'HASH' }];
  if (opts.range || opts.lsi) {
    attrs.push({ AttributeName: 'sk', AttributeType: 'S' });
    key.push({ AttributeName: 'sk', KeyType: 'RANGE' });
  }
  const extra: Record<string, unknown> = {};
  if (opts.gsi) {
    attrs.push({ AttributeName: 'g', AttributeType: 'S' }, { AttributeName: 'h', AttributeType: 'S' });
    extra.GlobalSecondaryIndexes = [
      { IndexName: 'byG', KeySchema: [{ AttributeName: 'g', KeyType: 'HASH' }, { AttributeName: 'h', KeyType: 'RANGE' }], Projection: { ProjectionType: 'ALL' } },
    ];
  }
  if (opts.lsi) {
    attrs.push({ AttributeName: 'l', AttributeType: 'S' });
    extra.LocalSecondaryIndexes = [
      { IndexName: 'byL', KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }, { AttributeName: 'l', KeyType: 'RANGE' }], Projection: { ProjectionType: 'KEYS_ONLY' } },
    ];
  }
  await ok('CreateTable', { TableName: name, BillingMode: 'PAY_PER_REQUEST', AttributeDefinitions: attrs, KeySchema: key, ...extra });
  clock.advance(DELAY);
  return name;
}

const describeCI = (TableName: string, IndexName?: string) => ok('DescribeContributorInsights', { TableName, ...(IndexName ? { IndexName } : {}) });
const update = (TableName: string, action: string, extra: Record<string, unknown> = {}) =>
  ok('UpdateContributorInsights', { TableName, ContributorInsightsAction: action, ...extra });

before(async () => {
  clock = new ManualClock(T0);
  t = await startTestEddy({ clock, tableStatusDelayMs: DELAY });
});
after(async () => t.stop());

describe('Contributor Insights status (SDK and wire)', () => {
  it('is DISABLED by default; DISABLE of a never-configured table is a no-op', async () => {
    const name = await newTable({ gsi: true });
    assert.deepEqual(await describeCI(name), { TableName: name, ContributorInsightsStatus: 'DISABLED' });
    assert.deepEqual(await describeCI(name, 'byG'), { TableName: name, IndexName: 'byG', ContributorInsightsStatus: 'DISABLED' });
    const sdk = await t.client.send(new DescribeContributorInsightsCommand({ TableName: name }));
    assert.equal(sdk.ContributorInsightsStatus, 'DISABLED');
    assert.equal(sdk.LastUpdateDateTime, undefined);
    assert.deepEqual(await ok('ListContributorInsights', { TableName: name }), { ContributorInsightsSummaries: [] });
    assert.deepEqual(await update(name, 'DISABLE'), { TableName: name, ContributorInsightsStatus: 'DISABLED' });
    assert.deepEqual(await describeCI(name), { TableName: name, ContributorInsightsStatus: 'DISABLED' });
  });

  it('ENABLE answers ENABLING, which becomes ENABLED on the clock; the rules are named as DynamoDB names them', async () => {
    const name = await newTable();
    const t0 = clock.now();
    const res = await t.client.send(new UpdateContributorInsightsCommand({ TableName: name, ContributorInsightsAction: 'ENABLE' }));
    assert.equal(res.ContributorInsightsStatus, 'ENABLING');
    assert.equal(res.ContributorInsightsMode, ATK);
    assert.deepEqual(await describeCI(name), { TableName: name, ContributorInsightsStatus: 'ENABLING', LastUpdateDateTime: t0 / 1000, ContributorInsightsMode: ATK });
    assert.deepEqual((await ok('ListContributorInsights', { TableName: name })).ContributorInsightsSummaries, [
      { TableName: name, ContributorInsightsStatus: 'ENABLING', ContributorInsightsMode: ATK },
    ]);
    clock.advance(DELAY - 1);
    assert.equal((await describeCI(name)).ContributorInsightsStatus, 'ENABLING');
    clock.advance(1);
    const enabled = await t.client.send(new DescribeContributorInsightsCommand({ TableName: name }));
    assert.equal(enabled.ContributorInsightsStatus, 'ENABLED');
    assert.deepEqual(enabled.ContributorInsightsRuleList, [`DynamoDBContributorInsights-PKC-${name}-${t0}`, `DynamoDBContributorInsights-PKT-${name}-${t0}`]);
    assert.equal(enabled.LastUpdateDateTime?.getTime(), t0 + DELAY);
    // Enabling again (same mode) is a synchronous no-op that says ENABLED.
    clock.advance(5000);
    assert.deepEqual(await update(name, 'ENABLE'), { TableName: name, ContributorInsightsStatus: 'ENABLED', ContributorInsightsMode: ATK });
    assert.equal((await describeCI(name)).LastUpdateDateTime, (t0 + DELAY) / 1000);
    // A sort key adds the SKC/SKT rules.
    const ranged = await newTable({ range: true });
    const t1 = clock.now();
    await update(ranged, 'ENABLE');
    clock.advance(DELAY);
    assert.deepEqual((await describeCI(ranged)).ContributorInsightsRuleList, ['PKC', 'SKC', 'PKT', 'SKT'].map((k) => `DynamoDBContributorInsights-${k}-${ranged}-${t1}`));
  });

  it('a mode change re-enables; ENABLE without a mode reverts to ACCESSED_AND_THROTTLED_KEYS; DISABLE echoes the current mode', async () => {
    const name = await newTable({ range: true });
    const t0 = clock.now();
    await update(name, 'ENABLE');
    clock.advance(DELAY);
    clock.advance(3000);
    const res = await t.client.send(new UpdateContributorInsightsCommand({ TableName: name, ContributorInsightsAction: 'ENABLE', ContributorInsightsMode: 'THROTTLED_KEYS' }));
    assert.equal(res.ContributorInsightsStatus, 'ENABLING');
    assert.equal(res.ContributorInsightsMode, 'THROTTLED_KEYS');
    clock.advance(DELAY);
    const d = await describeCI(name);
    assert.equal(d.ContributorInsightsMode, 'THROTTLED_KEYS');
    // The surviving rules keep their timestamp.
    assert.deepEqual(d.ContributorInsightsRuleList, [`DynamoDBContributorInsights-PKT-${name}-${t0}`, `DynamoDBContributorInsights-SKT-${name}-${t0}`]);
    assert.deepEqual(await update(name, 'ENABLE', { ContributorInsightsMode: 'THROTTLED_KEYS' }), { TableName: name, ContributorInsightsStatus: 'ENABLED', ContributorInsightsMode: 'THROTTLED_KEYS' });
    assert.deepEqual(await update(name, 'ENABLE'), { TableName: name, ContributorInsightsStatus: 'ENABLING', ContributorInsightsMode: ATK });
    clock.advance(DELAY);
    const offAt = clock.now();
    assert.deepEqual(await update(name, 'DISABLE', { ContributorInsightsMode: 'THROTTLED_KEYS' }), { TableName: name, ContributorInsightsStatus: 'DISABLING', ContributorInsightsMode: ATK });
    assert.deepEqual((await ok('ListContributorInsights', { TableName: name })).ContributorInsightsSummaries, [
      { TableName: name, ContributorInsightsStatus: 'DISABLING', ContributorInsightsMode: ATK },
    ]);
    clock.advance(DELAY);
    assert.deepEqual(await describeCI(name), { TableName: name, ContributorInsightsStatus: 'DISABLED', LastUpdateDateTime: (offAt + DELAY) / 1000, ContributorInsightsMode: ATK });
    assert.deepEqual((await ok('ListContributorInsights', { TableName: name })).ContributorInsightsSummaries, []);
    // Re-enabling names new rules.
    const t2 = clock.now();
    await update(name, 'ENABLE');
    clock.advance(DELAY);
    assert.equal((await describeCI(name)).ContributorInsightsRuleList[0], `DynamoDBContributorInsights-PKC-${name}-${t2}`);
  });

  it('GSIs have their own entries; LSIs and unknown indexes are not found; List pages the table first', async () => {
    const name = await newTable({ gsi: true, lsi: true });
    const t0 = clock.now();
    const res = await t.client.send(new UpdateContributorInsightsCommand({ TableName: name, IndexName: 'byG', ContributorInsightsAction: 'ENABLE' }));
    assert.equal(res.IndexName, 'byG');
    assert.equal(res.ContributorInsightsStatus, 'ENABLING');
    assert.equal((await describeCI(name)).ContributorInsightsStatus, 'DISABLED');
    clock.advance(DELAY);
    const g = await describeCI(name, 'byG');
    assert.equal(g.ContributorInsightsStatus, 'ENABLED');
    assert.deepEqual(g.ContributorInsightsRuleList, ['PKC', 'SKC', 'PKT', 'SKT'].map((k) => `DynamoDBContributorInsights-${k}-${name}-byG-${t0}`));
    for (const idx of ['byL', 'nope']) {
      const message = `Requested resource not found: Index: ${idx} not found for table: ${name}`;
      await fails('DescribeContributorInsights', { TableName: name, IndexName: idx }, RNF, message);
      await fails('UpdateContributorInsights', { TableName: name, IndexName: idx, ContributorInsightsAction: 'ENABLE' }, RNF, message);
    }
    await update(name, 'ENABLE');
    const p1 = await ok('ListContributorInsights', { TableName: name, MaxResults: 1 });
    assert.deepEqual(p1.ContributorInsightsSummaries, [{ TableName: name, ContributorInsightsStatus: 'ENABLING', ContributorInsightsMode: ATK }]);
    assert.equal(typeof p1.NextToken, 'string');
    const p2 = await ok('ListContributorInsights', { TableName: name, MaxResults: 1, NextToken: p1.NextToken });
    assert.deepEqual(p2, { ContributorInsightsSummaries: [{ TableName: name, IndexName: 'byG', ContributorInsightsStatus: 'ENABLED', ContributorInsightsMode: ATK }] });
    const all = await t.client.send(new ListContributorInsightsCommand({ TableName: name }));
    assert.equal(all.ContributorInsightsSummaries?.length, 2);
    assert.equal(all.NextToken, undefined);
  });

  it('accepts a table ARN; refuses another account', async () => {
    const name = await newTable();
    const arn = (await ok('DescribeTable', { TableName: name })).Table.TableArn as string;
    assert.deepEqual(await update(arn, 'ENABLE'), { TableName: name, ContributorInsightsStatus: 'ENABLING', ContributorInsightsMode: ATK });
    assert.equal((await describeCI(arn)).TableName, name);
    assert.equal((await ok('ListContributorInsights', { TableName: arn })).ContributorInsightsSummaries.length, 1);
    const foreign = arn.replace(/:\d{12}:/, ':999999999999:');
    await fails('DescribeContributorInsights', { TableName: foreign }, 'com.amazon.coral.service#AccessDeniedException', 'Access is denied');
  });
});

describe('Contributor Insights errors (exact wire bodies)', () => {
  it('a missing table is ResourceNotFoundException for all three operations', async () => {
    const message = 'Requested resource not found: Table: no-such-table not found';
    await fails('DescribeContributorInsights', { TableName: 'no-such-table' }, RNF, message);
    await fails('UpdateContributorInsights', { TableName: 'no-such-table', ContributorInsightsAction: 'ENABLE' }, RNF, message);
    await fails('ListContributorInsights', { TableName: 'no-such-table' }, RNF, message);
  });

  it('checks the action, the mode and MaxResults', async () => {
    const name = await newTable();
    await fails('UpdateContributorInsights', { TableName: name, ContributorInsightsAction: 'PAUSE' }, VALIDATION,
      "1 validation error detected: Value 'PAUSE' at 'contributorInsightsAction' failed to satisfy constraint: Member must satisfy enum value set: [ENABLE, DISABLE]");
    await fails('UpdateContributorInsights', { TableName: name, ContributorInsightsAction: 'ENABLE', ContributorInsightsMode: 'ALL' }, VALIDATION,
      "1 validation error detected: Value 'ALL' at 'contributorInsightsMode' failed to satisfy constraint: Member must satisfy enum value set: [ACCESSED_AND_THROTTLED_KEYS, THROTTLED_KEYS]");
    await fails('UpdateContributorInsights', { TableName: name, ContributorInsightsAction: 'X', ContributorInsightsMode: 'Y' }, VALIDATION,
      "2 validation errors detected: Value 'X' at 'contributorInsightsAction' failed to satisfy constraint: Member must satisfy enum value set: [ENABLE, DISABLE]; " +
      "Value 'Y' at 'contributorInsightsMode' failed to satisfy constraint: Member must satisfy enum value set: [ACCESSED_AND_THROTTLED_KEYS, THROTTLED_KEYS]");
    await fails('UpdateContributorInsights', { TableName: name }, VALIDATION,
      "1 validation error detected: Value null at 'contributorInsightsAction' failed to satisfy constraint: Member must not be null");
    await fails('UpdateContributorInsights', { TableName: name, ContributorInsightsAction: 'ENABLE', ContributorInsightsMode: 7 },
      'com.amazon.coral.service#SerializationException', 'NUMBER_VALUE cannot be converted to String');
    await fails('ListContributorInsights', { MaxResults: 101 }, VALIDATION,
      "1 validation error detected: Value '101' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 100");
    await fails('ListContributorInsights', { NextToken: 'garbage' }, VALIDATION, 'Invalid NextToken');
    await fails('DescribeContributorInsights', { TableName: name, IndexName: 'ab' }, VALIDATION,
      "1 validation error detected: Value 'ab' at 'indexName' failed to satisfy constraint: Member must have length greater than or equal to 3");
    assert.equal((await describeCI(name)).ContributorInsightsStatus, 'DISABLED');
  });

  it('a CREATING table is not found; a GSI in resource allocation is not found, a backfilling one cannot be updated', async () => {
    const name = uniqueName('ci');
    await ok('CreateTable', { TableName: name, BillingMode: 'PAY_PER_REQUEST', AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }], KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }] });
    const notFound = `Requested resource not found: Table: ${name} not found`;
    await fails('DescribeContributorInsights', { TableName: name }, RNF, notFound);
    await fails('UpdateContributorInsights', { TableName: name, ContributorInsightsAction: 'ENABLE' }, RNF, notFound);
    await fails('ListContributorInsights', { TableName: name }, RNF, notFound);
    clock.advance(DELAY);
    const tables = t.eddy.services.tables;
    assert.ok(tables instanceof TableManager);
    const resume = tables.backfills.pause();
    try {
      await ok('UpdateTable', {
        TableName: name,
        AttributeDefinitions: [{ AttributeName: 'g', AttributeType: 'S' }],
        GlobalSecondaryIndexUpdates: [{ Create: { IndexName: 'gnew', KeySchema: [{ AttributeName: 'g', KeyType: 'HASH' }], Projection: { ProjectionType: 'ALL' } } }],
      });
      const indexMissing = `Requested resource not found: Index: gnew not found for table: ${name}`;
      await fails('DescribeContributorInsights', { TableName: name, IndexName: 'gnew' }, RNF, indexMissing);
      await fails('UpdateContributorInsights', { TableName: name, IndexName: 'gnew', ContributorInsightsAction: 'ENABLE' }, RNF, indexMissing);
      // The table itself is UPDATING and still admitted.
      assert.equal((await update(name, 'ENABLE')).ContributorInsightsStatus, 'ENABLING');
      clock.advance(DELAY); // allocation done: the index backfills
      assert.deepEqual(await describeCI(name, 'gnew'), { TableName: name, IndexName: 'gnew', ContributorInsightsStatus: 'DISABLED' });
      await fails('UpdateContributorInsights', { TableName: name, IndexName: 'gnew', ContributorInsightsAction: 'ENABLE' }, VALIDATION,
        'Table or Index is not in a valid state to update Key Access Insights: IndexStatus must be ACTIVE to enable ContributorInsights.');
    } finally {
      resume();
    }
    await tables.idle();
    assert.equal((await update(name, 'ENABLE', { IndexName: 'gnew' })).ContributorInsightsStatus, 'ENABLING');
  });
});

describe('ListContributorInsights without TableName', () => {
  it('pages over every table and GSI (empty pages keep a NextToken) and lists only entries that are not DISABLED', async () => {
    const own = await startTestEddy({ clock, tableStatusDelayMs: DELAY });
    const saved = t;
    t = own;
    try {
      const a = await newTable();
      const b = await newTable({ gsi: true });
      const c = await newTable();
      await update(b, 'ENABLE', { IndexName: 'byG' });
      await update(c, 'ENABLE');
      clock.advance(DELAY);
      const pages: Json[] = [];
      let token: string | undefined;
      do {
        const page = await ok('ListContributorInsights', { MaxResults: 1, ...(token ? { NextToken: token } : {}) });
        pages.push(page);
        token = page.NextToken;
      } while (token);
      // Candidates in name order, a table before its GSI: one page each, the last without a NextToken.
      const on = (TableName: string, IndexName?: string) => [{ TableName, ...(IndexName ? { IndexName } : {}), ContributorInsightsStatus: 'ENABLED', ContributorInsightsMode: ATK }];
      const expected = [a, b, c].sort().flatMap((n) => (n === a ? [[]] : n === b ? [[], on(b, 'byG')] : [on(c)]));
      assert.deepEqual(pages.map((p) => p.ContributorInsightsSummaries), expected);
      assert.deepEqual(pages.map((p) => p.NextToken !== undefined), [true, true, true, false]);
      const viaSdk: ContributorInsightsSummary[] = [];
      for await (const page of paginateListContributorInsights({ client: own.client, pageSize: 2 }, {})) viaSdk.push(...(page.ContributorInsightsSummaries ?? []));
      assert.deepEqual(viaSdk.map((s) => `${s.TableName}/${s.IndexName ?? ''}`).sort(), [`${b}/byG`, `${c}/`].sort());
      assert.deepEqual((await ok('ListContributorInsights', {})).ContributorInsightsSummaries.length, 2);
      assert.equal((await ok('ListContributorInsights', {})).NextToken, undefined);
    } finally {
      t = saved;
      await own.stop();
    }
  });
});
