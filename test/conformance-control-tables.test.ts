import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ManualClock } from '../src/shared/clock.js';
import { startTestEddy, uniqueName, type TestEddy } from './helpers/eddy.js';

/**
 * Control-plane behaviour recorded from live DynamoDB: ScyllaDB alternator's test_describe_table.py /
 * test_streams.py (written to pass on AWS) and the ack-api-quirks live-probe catalogue (2026).
 */
let eddy: TestEddy;
const clock = new ManualClock(Date.parse('2026-03-01T10:00:00.000Z'));
const DELAY = 5000;

before(async () => {
  eddy = await startTestEddy({ clock, tableStatusDelayMs: DELAY });
});
after(async () => {
  await eddy.stop();
});

const KEY = { KeySchema: [{ AttributeName: 'p', KeyType: 'HASH' }], AttributeDefinitions: [{ AttributeName: 'p', AttributeType: 'S' }] };

async function createActive(extra: Record<string, unknown> = {}): Promise<{ name: string; created: Record<string, any> }> {
  const name = uniqueName('ctl');
  const r = await eddy.raw('CreateTable', { TableName: name, BillingMode: 'PAY_PER_REQUEST', ...KEY, ...extra });
  assert.equal(r.status, 200, r.body);
  clock.advance(DELAY + 1);
  return { name, created: r.json.TableDescription };
}

async function describeT(name: string): Promise<Record<string, any>> {
  const r = await eddy.raw('DescribeTable', { TableName: name });
  assert.equal(r.status, 200, r.body);
  return r.json.Table;
}

function expectError(r: { status: number; json: any }, type: string, message: string | RegExp): void {
  assert.equal(r.status, 400, JSON.stringify(r.json));
  assert.ok(String(r.json.__type).endsWith(`#${type}`), `type ${r.json.__type}`);
  if (typeof message === 'string') assert.equal(r.json.message, message);
  else assert.match(r.json.message, message);
}

describe('DescribeTable shape of an on-demand table', () => {
  it('zero throughput, billing summary dated at creation, UUID TableId, no SSE/stream/restore members', async () => {
    const { name } = await createActive();
    const t = await describeT(name);
    assert.equal(t.TableStatus, 'ACTIVE');
    assert.deepEqual(t.ProvisionedThroughput, { NumberOfDecreasesToday: 0, ReadCapacityUnits: 0, WriteCapacityUnits: 0 });
    assert.equal(t.BillingModeSummary.BillingMode, 'PAY_PER_REQUEST');
    assert.equal(t.BillingModeSummary.LastUpdateToPayPerRequestDateTime, t.CreationDateTime);
    assert.match(t.TableId, /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    assert.ok(t.TableArn.startsWith('arn:aws:dynamodb:us-east-1:'));
    assert.ok(t.TableArn.endsWith(`:table/${name}`));
    assert.equal(t.DeletionProtectionEnabled, false);
    for (const absent of ['SSEDescription', 'StreamSpecification', 'RestoreSummary', 'LatestStreamArn', 'TableClassSummary']) {
      assert.ok(!(absent in t), absent);
    }
    assert.equal(typeof t.CreationDateTime, 'number');
  });

  it('StreamSpecification {StreamEnabled:false} at creation creates no stream and describes none', async () => {
    const { name, created } = await createActive({ StreamSpecification: { StreamEnabled: false } });
    assert.ok(!('StreamSpecification' in created));
    const t = await describeT(name);
    assert.ok(!('StreamSpecification' in t));
    assert.ok(!('LatestStreamArn' in t));
  });

  it('a missing table: ResourceNotFoundException with the recorded text', async () => {
    const r = await eddy.raw('DescribeTable', { TableName: 'non_existent_table' });
    expectError(r, 'ResourceNotFoundException', 'Requested resource not found: Table: non_existent_table not found');
  });
});

describe('streams in the table description', () => {
  it('LatestStreamArn/Label and StreamSpecification agree across CreateTable, DescribeTable and a no-op UpdateTable', async () => {
    const spec = { StreamEnabled: true, StreamViewType: 'KEYS_ONLY' };
    const { name, created } = await createActive({ StreamSpecification: spec });
    assert.deepEqual(created.StreamSpecification, spec);
    assert.ok(created.LatestStreamArn.startsWith(`${created.TableArn}/stream/`));
    assert.equal(created.LatestStreamArn, `${created.TableArn}/stream/${created.LatestStreamLabel}`);
    const t = await describeT(name);
    assert.deepEqual(t.StreamSpecification, spec);
    assert.equal(t.LatestStreamArn, created.LatestStreamArn);
    assert.equal(t.LatestStreamLabel, created.LatestStreamLabel);
    const u = await eddy.raw('UpdateTable', { TableName: name, BillingMode: 'PAY_PER_REQUEST' });
    assert.equal(u.status, 200);
    // A no-op BillingMode re-send answers UPDATING while DescribeTable stays ACTIVE.
    assert.equal(u.json.TableDescription.TableStatus, 'UPDATING');
    assert.deepEqual(u.json.TableDescription.StreamSpecification, spec);
    assert.equal(u.json.TableDescription.LatestStreamArn, created.LatestStreamArn);
    assert.equal(u.json.TableDescription.LatestStreamLabel, created.LatestStreamLabel);
  });

  it('enable on enabled, change of view type, disable on disabled: recorded texts', async () => {
    const { name } = await createActive({ StreamSpecification: { StreamEnabled: true, StreamViewType: 'KEYS_ONLY' } });
    for (const type of ['KEYS_ONLY', 'OLD_IMAGE']) {
      const r = await eddy.raw('UpdateTable', { TableName: name, StreamSpecification: { StreamEnabled: true, StreamViewType: type } });
      expectError(r, 'ValidationException', `Table already has an enabled stream: TableName: ${name}`);
    }
    const off = await eddy.raw('UpdateTable', { TableName: name, StreamSpecification: { StreamEnabled: false } });
    assert.equal(off.status, 200);
    clock.advance(DELAY + 1);
    const again = await eddy.raw('UpdateTable', { TableName: name, StreamSpecification: { StreamEnabled: false } });
    expectError(again, 'ValidationException', `Table has no stream to disable: TableName: ${name}`);
    // After disabling, StreamSpecification is absent while LatestStreamArn/Label linger.
    const t = await describeT(name);
    assert.ok(!('StreamSpecification' in t));
    assert.ok(t.LatestStreamArn);
    assert.ok(t.LatestStreamLabel);
  });

  it('an invalid StreamViewType is a ValidationException from the shape checks', async () => {
    const { name } = await createActive();
    const r = await eddy.raw('UpdateTable', { TableName: name, StreamSpecification: { StreamEnabled: true, StreamViewType: 'Fisk' } });
    expectError(
      r,
      'ValidationException',
      "1 validation error detected: Value 'Fisk' at 'streamSpecification.streamViewType' failed to satisfy constraint: Member must satisfy enum value set: [OLD_IMAGE, KEYS_ONLY, NEW_AND_OLD_IMAGES, NEW_IMAGE]",
    );
  });

  it('stream view type rules on CreateTable and UpdateTable', async () => {
    const name = uniqueName('ctl');
    let r = await eddy.raw('CreateTable', { TableName: name, BillingMode: 'PAY_PER_REQUEST', ...KEY, StreamSpecification: { StreamEnabled: true } });
    expectError(r, 'ValidationException', 'One or more parameter values were invalid: Table is being created with a stream enabled, UpdateViewType is required');
    r = await eddy.raw('CreateTable', {
      TableName: name,
      BillingMode: 'PAY_PER_REQUEST',
      ...KEY,
      StreamSpecification: { StreamEnabled: false, StreamViewType: 'KEYS_ONLY' },
    });
    expectError(r, 'ValidationException', 'One or more parameter values were invalid: Table is being created with a stream disabled, UpdateViewType should not be specified');
    const { name: t } = await createActive();
    r = await eddy.raw('UpdateTable', { TableName: t, StreamSpecification: { StreamEnabled: true } });
    expectError(r, 'ValidationException', 'One or more parameter values were invalid: If stream is being enabled then UpdateViewType is required');
    r = await eddy.raw('UpdateTable', { TableName: t, StreamSpecification: { StreamEnabled: false, StreamViewType: 'KEYS_ONLY' } });
    expectError(r, 'ValidationException', 'One or more parameter values were invalid: If stream is being disabled, then UpdateViewType must not be specified');
  });
});

describe('admission while a stream toggle is UPDATING (per field, not per state)', () => {
  it('DeleteTable and a TableClass change are refused; DeletionProtection, SSE, TTL and tags are admitted', async () => {
    const { name, created } = await createActive();
    const on = await eddy.raw('UpdateTable', { TableName: name, StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_IMAGE' } });
    assert.equal(on.json.TableDescription.TableStatus, 'UPDATING');
    // The response already shows the requested stream.
    assert.deepEqual(on.json.TableDescription.StreamSpecification, { StreamEnabled: true, StreamViewType: 'NEW_IMAGE' });

    const del = await eddy.raw('DeleteTable', { TableName: name });
    expectError(del, 'ResourceInUseException', 'Attempt to change a resource which is still in use: Cannot delete table while stream is being enabled/disabled.');
    const tc = await eddy.raw('UpdateTable', { TableName: name, TableClass: 'STANDARD_INFREQUENT_ACCESS' });
    expectError(tc, 'ResourceInUseException', /^Attempt to change a resource which is still in use: Can't update table class when stream status is being updated\. Table:/);
    const same = await eddy.raw('UpdateTable', { TableName: name, StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_IMAGE' } });
    assert.equal(same.json.__type?.split('#')[1], 'ResourceInUseException');

    const dp = await eddy.raw('UpdateTable', { TableName: name, DeletionProtectionEnabled: true });
    assert.equal(dp.status, 200, dp.body);
    assert.equal(dp.json.TableDescription.DeletionProtectionEnabled, true);
    const sse = await eddy.raw('UpdateTable', { TableName: name, SSESpecification: { Enabled: true, SSEType: 'KMS' } });
    assert.equal(sse.status, 200, sse.body);
    const ttl = await eddy.raw('UpdateTimeToLive', { TableName: name, TimeToLiveSpecification: { AttributeName: 'exp', Enabled: true } });
    assert.equal(ttl.status, 200, ttl.body);
    const tag = await eddy.raw('TagResource', { ResourceArn: created.TableArn, Tags: [{ Key: 'k', Value: 'v' }] });
    assert.equal(tag.status, 200, tag.body);

    clock.advance(DELAY + 1);
    const t = await describeT(name);
    assert.equal(t.TableStatus, 'ACTIVE');
    assert.equal(t.DeletionProtectionEnabled, true);
    assert.equal(t.SSEDescription.Status, 'ENABLED');
  });
});

describe('DeletionProtection, TableClass and SSE re-sends', () => {
  it('DeletionProtection is synchronous and a same-value re-send is accepted', async () => {
    const { name } = await createActive();
    for (const v of [true, true, false, false]) {
      const r = await eddy.raw('UpdateTable', { TableName: name, DeletionProtectionEnabled: v });
      assert.equal(r.status, 200, r.body);
      assert.equal(r.json.TableDescription.TableStatus, 'ACTIVE');
      assert.equal(r.json.TableDescription.DeletionProtectionEnabled, v);
      // Past the 15 s between two changes (control-plane-limits.test.ts).
      clock.advance(15_000);
    }
  });

  it('DeleteTable on a protected table: recorded ValidationException', async () => {
    const { name } = await createActive({ DeletionProtectionEnabled: true });
    const r = await eddy.raw('DeleteTable', { TableName: name });
    expectError(r, 'ValidationException', 'Resource cannot be deleted as it is currently protected against deletion. Disable deletion protection first.');
  });

  it('TableClass=STANDARD on a never-set table is a no-op that leaves TableClassSummary absent', async () => {
    const { name } = await createActive();
    const r = await eddy.raw('UpdateTable', { TableName: name, TableClass: 'STANDARD' });
    assert.equal(r.status, 200, r.body);
    clock.advance(DELAY + 1);
    assert.ok(!('TableClassSummary' in (await describeT(name))));
  });

  it('SSESpecification {Enabled:false} on a default-encrypted table is refused', async () => {
    const { name } = await createActive();
    const r = await eddy.raw('UpdateTable', { TableName: name, SSESpecification: { Enabled: false } });
    expectError(r, 'ValidationException', 'One or more parameter values were invalid: Table is already encrypted by default');
  });

  it('one concern per UpdateTable: SSE wins over DeletionProtection', async () => {
    const { name } = await createActive();
    const r = await eddy.raw('UpdateTable', { TableName: name, SSESpecification: { Enabled: true }, DeletionProtectionEnabled: true });
    expectError(r, 'ValidationException', 'One or more parameter values were invalid: Server-Side Encryption modification must be the only operation in the request');
  });

  it('an UpdateTable with nothing to change names every member', async () => {
    const { name } = await createActive();
    const r = await eddy.raw('UpdateTable', { TableName: name });
    expectError(
      r,
      'ValidationException',
      'At least one of ProvisionedThroughput, BillingMode, UpdateStreamEnabled, GlobalSecondaryIndexUpdates, SSESpecification, ReplicaUpdates, MultiAccountReplicaReady, ReplicaTransitRoleArn, MultiRegionConsistency, DeletionProtectionEnabled, OnDemandThroughput, WarmThroughput or TableClass is required',
    );
  });
});

describe('TTL, tags and table states', () => {
  it('DescribeTimeToLive while CREATING, UpdateTimeToLive texts', async () => {
    const name = uniqueName('ctl');
    await eddy.raw('CreateTable', { TableName: name, BillingMode: 'PAY_PER_REQUEST', ...KEY });
    const creating = await eddy.raw('DescribeTimeToLive', { TableName: name });
    expectError(creating, 'ValidationException', 'Cannot describe time to live while table is in CREATING state: Current table state is CREATING');
    clock.advance(DELAY + 1);
    const d = await eddy.raw('DescribeTimeToLive', { TableName: name });
    assert.deepEqual(d.json, { TimeToLiveDescription: { TimeToLiveStatus: 'DISABLED' } });
    const on = await eddy.raw('UpdateTimeToLive', { TableName: name, TimeToLiveSpecification: { AttributeName: 'ttl', Enabled: true } });
    assert.deepEqual(on.json, { TimeToLiveSpecification: { AttributeName: 'ttl', Enabled: true } });
    const d2 = await eddy.raw('DescribeTimeToLive', { TableName: name });
    assert.deepEqual(d2.json, { TimeToLiveDescription: { TimeToLiveStatus: 'ENABLED', AttributeName: 'ttl' } });
    const again = await eddy.raw('UpdateTimeToLive', { TableName: name, TimeToLiveSpecification: { AttributeName: 'ttl', Enabled: true } });
    expectError(again, 'ValidationException', 'TimeToLive is already enabled');
    const other = await eddy.raw('UpdateTimeToLive', { TableName: name, TimeToLiveSpecification: { AttributeName: 'other', Enabled: true } });
    expectError(other, 'ValidationException', 'TimeToLive is active on a different AttributeName: current AttributeName is ttl');
  });

  it('tag texts: empty lists, aws: prefix, not found, ARN checks', async () => {
    const { created } = await createActive();
    const arn: string = created.TableArn;
    expectError(await eddy.raw('TagResource', { ResourceArn: arn, Tags: [] }), 'ValidationException', 'Atleast one Tag needs to be provided as Input.');
    expectError(await eddy.raw('UntagResource', { ResourceArn: arn, TagKeys: [] }), 'ValidationException', 'Atleast one Tag Key needs to be provided as Input.');
    expectError(
      await eddy.raw('TagResource', { ResourceArn: arn, Tags: [{ Key: 'aws:x', Value: 'v' }] }),
      'ValidationException',
      'Tag Key cannot be prefixed with aws:, Key: aws:x',
    );
    expectError(
      await eddy.raw('TagResource', { ResourceArn: arn, Tags: [{ Key: 'k', Value: '1' }, { Key: 'k', Value: '2' }] }),
      'ValidationException',
      'Duplicate Tag Keys provided as input: Duplicate Tag Key found k',
    );
    const missing = arn.replace(/table\/.*$/, 'table/no-such-table');
    expectError(
      await eddy.raw('ListTagsOfResource', { ResourceArn: missing }),
      'ResourceNotFoundException',
      `Requested resource not found: ResourceArn: ${missing} not found`,
    );
    expectError(
      await eddy.raw('ListTagsOfResource', { ResourceArn: 'table/x' }),
      'ValidationException',
      "One or more parameter values were invalid: ARNs must start with 'arn:': table/x",
    );
    expectError(
      await eddy.raw('ListTagsOfResource', { ResourceArn: `${arn}/index/i1` }),
      'ValidationException',
      `One or more parameter values were invalid: Invalid resource arn provided, only table or stream is accepted. Provided resource arn: ${arn}/index/i1`,
    );
    const tags = await eddy.raw('ListTagsOfResource', { ResourceArn: arn });
    assert.deepEqual(tags.json, { Tags: [] });
  });

  it('more than 50 tags: recorded ValidationException (not LimitExceeded)', async () => {
    const { created } = await createActive();
    const tags = Array.from({ length: 51 }, (_, i) => ({ Key: `k${i}`, Value: 'v' }));
    expectError(
      await eddy.raw('TagResource', { ResourceArn: created.TableArn, Tags: tags }),
      'ValidationException',
      'Number of Tags exceed the current limit for the provided ResourceArn',
    );
  });
});

describe('ListTables and DeleteTable', () => {
  it('ListTables Limit bounds and paging to the end', async () => {
    expectError(
      await eddy.raw('ListTables', { Limit: 0 }),
      'ValidationException',
      "1 validation error detected: Value '0' at 'limit' failed to satisfy constraint: Member must have value greater than or equal to 1",
    );
    expectError(
      await eddy.raw('ListTables', { Limit: 101 }),
      'ValidationException',
      "1 validation error detected: Value '101' at 'limit' failed to satisfy constraint: Member must have value less than or equal to 100",
    );
    const names: string[] = [];
    let start: string | undefined;
    for (;;) {
      const r = await eddy.raw('ListTables', start ? { Limit: 1, ExclusiveStartTableName: start } : { Limit: 1 });
      names.push(...r.json.TableNames);
      start = r.json.LastEvaluatedTableName;
      if (!start) break;
      assert.equal(start, r.json.TableNames[0]);
    }
    const all = (await eddy.raw('ListTables', {})).json.TableNames as string[];
    assert.deepEqual(names, all);
    assert.deepEqual([...all].sort(), all);
  });

  it('DeleteTable answers DELETING without the schema members; a second delete is ResourceInUse', async () => {
    const { name } = await createActive();
    const r = await eddy.raw('DeleteTable', { TableName: name });
    assert.equal(r.status, 200);
    const d = r.json.TableDescription;
    assert.equal(d.TableStatus, 'DELETING');
    for (const absent of ['KeySchema', 'AttributeDefinitions', 'CreationDateTime']) assert.ok(!(absent in d), absent);
    assert.ok(d.TableArn && d.TableId);
    expectError(
      await eddy.raw('DeleteTable', { TableName: name }),
      'ResourceInUseException',
      `Attempt to change a resource which is still in use: Table is being deleted: ${name}`,
    );
    clock.advance(DELAY + 1);
    expectError(
      await eddy.raw('DeleteTable', { TableName: name }),
      'ResourceNotFoundException',
      `Requested resource not found: Table: ${name} not found`,
    );
  });
});

describe('admission while a TableClass switch is UPDATING', () => {
  it('stream and OnDemandThroughput changes are refused with the recorded texts; SSE, DP, tags and TTL pass', async () => {
    const { name, created } = await createActive();
    const tc = await eddy.raw('UpdateTable', { TableName: name, TableClass: 'STANDARD_INFREQUENT_ACCESS' });
    assert.equal(tc.json.TableDescription.TableStatus, 'UPDATING');
    const IN_USE = 'Attempt to change a resource which is still in use: ';
    expectError(
      await eddy.raw('UpdateTable', { TableName: name, TableClass: 'STANDARD_INFREQUENT_ACCESS' }),
      'ResourceInUseException',
      `${IN_USE}Can't update table class when a table class update is in progress. Table: ${name} TableClassUpdateInProgress: STANDARD_INFREQUENT_ACCESS`,
    );
    expectError(
      await eddy.raw('UpdateTable', { TableName: name, StreamSpecification: { StreamEnabled: true, StreamViewType: 'KEYS_ONLY' } }),
      'ResourceInUseException',
      `${IN_USE}Can't change stream status when a table class update is in progress. Table: ${name} TableClassUpdateInProgress: STANDARD_INFREQUENT_ACCESS`,
    );
    expectError(
      await eddy.raw('UpdateTable', { TableName: name, OnDemandThroughput: { MaxReadRequestUnits: 100 } }),
      'ResourceInUseException',
      `${IN_USE}OnDemandThroughput cannot be updated while TableClass update is in progress. TableClassUpdateInProgress: STANDARD_INFREQUENT_ACCESS`,
    );
    for (const body of [{ SSESpecification: { Enabled: true, SSEType: 'KMS' } }, { DeletionProtectionEnabled: true }]) {
      const r = await eddy.raw('UpdateTable', { TableName: name, ...body });
      assert.equal(r.status, 200, r.body);
    }
    assert.equal((await eddy.raw('TagResource', { ResourceArn: created.TableArn, Tags: [{ Key: 'k', Value: 'v' }] })).status, 200);
    assert.equal(
      (await eddy.raw('UpdateTimeToLive', { TableName: name, TimeToLiveSpecification: { AttributeName: 'e', Enabled: true } })).status,
      200,
    );
    clock.advance(DELAY + 1);
    const t = await describeT(name);
    assert.equal(t.TableClassSummary.TableClass, 'STANDARD_INFREQUENT_ACCESS');
    assert.equal(t.TableStatus, 'ACTIVE');
  });
});
