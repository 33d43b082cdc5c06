import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startTestEddy, uniqueName, type TestEddy } from './helpers/eddy.js';
import { assertValidation, createHashTable, gsiTableRequest } from './helpers/conformance.js';

/**
 * Control-plane answers probed on live DynamoDB in October 2026 (the ack-api-quirks catalogue of
 * the AWS Controllers for Kubernetes DynamoDB controller; finding ids in each test's name). This
 * file: request checks: validation texts and listings, UpdateTable and tagging rules, ARNs as names, legacy global tables, ReplicaUpdates.
 */
let t: TestEddy;

before(async () => {
  t = await startTestEddy();
});
after(async () => {
  await t.stop();
});

const listed = (value: string, rule: string) => `Value '${value}' at 'tableName' failed to satisfy constraint: Member must ${rule}`;
const PATTERN = 'satisfy regular expression pattern: [a-zA-Z0-9_.-]+';

describe('DescribeTable: a bad TableName is listed with the other constraint failures (DDB-TABLE-014)', () => {
  it('a two-character name fails the minimum length', async () => {
    await assertValidation(t, 'DescribeTable', { TableName: 'ab' }, `1 validation error detected: ${listed('ab', 'have length greater than or equal to 3')}`);
  });

  it('a name of 256 characters fails the maximum length', async () => {
    const name = 'n'.repeat(256);
    await assertValidation(t, 'DescribeTable', { TableName: name }, `1 validation error detected: ${listed(name, 'have length less than or equal to 255')}`);
  });

  it('characters outside the name alphabet fail the pattern', async () => {
    await assertValidation(t, 'DescribeTable', { TableName: 'no such/table!' }, `1 validation error detected: ${listed('no such/table!', PATTERN)}`);
  });

  it('UpdateTable lists it too (DDB-TABLE-442)', async () => {
    await assertValidation(t, 'UpdateTable', { TableName: 'ab', WarmThroughput: {} }, `1 validation error detected: ${listed('ab', 'have length greater than or equal to 3')}`);
  });

  it('an empty name reports its length before its pattern', async () => {
    await assertValidation(
      t,
      'DescribeTable',
      { TableName: '' },
      `2 validation errors detected: ${listed('', 'have length greater than or equal to 3')}; ${listed('', PATTERN)}`,
    );
  });
});

describe('Constraint listings: member order and missing rules (DDB-TABLE-058, DDB-TABLE-457)', () => {
  const keyed = (name: string) => ({
    TableName: name,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
    KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
  });
  const nullAt = (path: string) => `Value null at '${path}' failed to satisfy constraint: Member must not be null`;

  it('ProvisionedThroughput reports write capacity before read capacity', async () => {
    await assertValidation(
      t,
      'CreateTable',
      { ...keyed(uniqueName('ptorder')), BillingMode: 'PROVISIONED', ProvisionedThroughput: { ReadCapacityUnits: 0, WriteCapacityUnits: 0 } },
      "2 validation errors detected: Value '0' at 'provisionedThroughput.writeCapacityUnits' failed to satisfy constraint: Member must have value greater than or equal to 1; " +
        "Value '0' at 'provisionedThroughput.readCapacityUnits' failed to satisfy constraint: Member must have value greater than or equal to 1",
    );
  });

  it('an empty GSI throughput update reports both capacities, write first', async () => {
    const table = await createHashTable(t, 'ptgsi', 'pk');
    await assertValidation(
      t,
      'UpdateTable',
      { TableName: table, GlobalSecondaryIndexUpdates: [{ Update: { IndexName: 'byG', ProvisionedThroughput: {} } }] },
      `2 validation errors detected: ${nullAt('globalSecondaryIndexUpdates.1.member.update.provisionedThroughput.writeCapacityUnits')}; ` +
        nullAt('globalSecondaryIndexUpdates.1.member.update.provisionedThroughput.readCapacityUnits'),
    );
  });

  it('an empty attribute definition reports its type before its name', async () => {
    await assertValidation(
      t,
      'CreateTable',
      { ...keyed(uniqueName('adorder')), AttributeDefinitions: [{}] },
      `2 validation errors detected: ${nullAt('attributeDefinitions.1.member.attributeType')}; ${nullAt('attributeDefinitions.1.member.attributeName')}`,
    );
  });

  it('an empty TimeToLiveSpecification reports its attribute name before Enabled', async () => {
    const table = await createHashTable(t, 'ttlorder', 'pk');
    await assertValidation(
      t,
      'UpdateTimeToLive',
      { TableName: table, TimeToLiveSpecification: {} },
      `2 validation errors detected: ${nullAt('timeToLiveSpecification.attributeName')}; ${nullAt('timeToLiveSpecification.enabled')}`,
    );
  });

  it('StreamViewType values are printed in the service order', async () => {
    await assertValidation(
      t,
      'CreateTable',
      { ...keyed(uniqueName('svt')), StreamSpecification: { StreamEnabled: true, StreamViewType: '' } },
      "1 validation error detected: Value '' at 'streamSpecification.streamViewType' failed to satisfy constraint: Member must satisfy enum value set: [OLD_IMAGE, KEYS_ONLY, NEW_AND_OLD_IMAGES, NEW_IMAGE]",
    );
  });

  it('an empty KMSMasterKeyId fails its minimum length, at create and at update', async () => {
    const sse = { Enabled: true, SSEType: 'KMS', KMSMasterKeyId: '' };
    const message =
      "1 validation error detected: Value '' at 'sSESpecification.kMSMasterKeyId' failed to satisfy constraint: Member must have length greater than or equal to 1";
    await assertValidation(t, 'CreateTable', { ...keyed(uniqueName('kmsempty')), SSESpecification: sse }, message);
    const table = await createHashTable(t, 'kmsempty', 'pk');
    await assertValidation(t, 'UpdateTable', { TableName: table, SSESpecification: sse }, message);
  });

  it("an empty name of a new GSI reports its length before its pattern", async () => {
    const gsi = { IndexName: '', KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }], Projection: { ProjectionType: 'ALL' } };
    const both = (path: string) =>
      `2 validation errors detected: Value '' at '${path}' failed to satisfy constraint: Member must have length greater than or equal to 3; ` +
      `Value '' at '${path}' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+`;
    await assertValidation(t, 'CreateTable', { ...keyed(uniqueName('gsiempty')), GlobalSecondaryIndexes: [gsi] }, both('globalSecondaryIndexes.1.member.indexName'));
    const table = await createHashTable(t, 'gsiempty', 'pk');
    await assertValidation(
      t,
      'UpdateTable',
      { TableName: table, AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }], GlobalSecondaryIndexUpdates: [{ Create: gsi }] },
      both('globalSecondaryIndexUpdates.1.member.create.indexName'),
    );
  });
});

describe('Tags missing their key or value get the tag rule, not the listing (DDB-TABLE-457)', () => {
  it('CreateTable with an empty tag names its missing key', async () => {
    await assertValidation(
      t,
      'CreateTable',
      {
        TableName: uniqueName('tagnull'),
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
        KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
        Tags: [{}],
      },
      'The Tag Key provided is invalid, Key: null',
    );
  });

  it('CreateTable with a 129-character tag key names the key (DDB-TABLE-110)', async () => {
    const key = 'k'.repeat(129);
    await assertValidation(
      t,
      'CreateTable',
      {
        TableName: uniqueName('taglong'),
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
        KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
        Tags: [{ Key: key, Value: 'v' }],
      },
      `The Tag Key provided is invalid, Key: ${key}`,
    );
  });

  it('TagResource: a tag without a value, then one without a key', async () => {
    const table = await createHashTable(t, 'tagnull', 'pk');
    const out = await t.raw('DescribeTable', { TableName: table });
    const arn = out.json.Table.TableArn as string;
    await assertValidation(t, 'TagResource', { ResourceArn: arn, Tags: [{ Key: 'team' }] }, 'The Tag Value provided is invalid, Value: null');
    await assertValidation(t, 'TagResource', { ResourceArn: arn, Tags: [{ Value: 'blue' }] }, 'The Tag Key provided is invalid, Key: null');
  });
});

describe('UpdateTable: GSI Update actions on an on-demand table (DDB-TABLE-457)', () => {
  const withIndex = async (): Promise<string> => {
    const name = uniqueName('gsiupd');
    const r = await t.raw('CreateTable', gsiTableRequest(name, { index: { IndexName: 'byG' } }));
    if (r.status !== 200) throw new Error(JSON.stringify(r.json));
    return name;
  };
  const update = (table: string, action: Record<string, unknown>) => ({ TableName: table, GlobalSecondaryIndexUpdates: [{ Update: { IndexName: 'byG', ...action } }] });
  const nothingToDo =
    'One or more parameter values were invalid: The only Updates for index: byG when TableThroughputMode is PAY_PER_REQUEST can be to OnDemandThroughput, WarmThroughput';
  const emptyWarm = (index: string) =>
    `One or more parameter values were invalid: WarmThroughput must have at least one of ReadUnitsPerSecond or WriteUnitsPerSecond specified for index: ${index}`;

  it('an Update naming only the index, or with an empty OnDemandThroughput, is refused', async () => {
    const table = await withIndex();
    await assertValidation(t, 'UpdateTable', update(table, {}), nothingToDo);
    await assertValidation(t, 'UpdateTable', update(table, { OnDemandThroughput: {} }), nothingToDo);
  });

  it('an empty index WarmThroughput is refused before the table or index is looked up', async () => {
    const table = await withIndex();
    await assertValidation(t, 'UpdateTable', update(table, { WarmThroughput: {} }), emptyWarm('byG'));
    const ghost = { TableName: uniqueName('absent'), GlobalSecondaryIndexUpdates: [{ Update: { IndexName: 'ghost', WarmThroughput: {} } }] };
    await assertValidation(t, 'UpdateTable', ghost, emptyWarm('ghost'));
  });

  it('the empty index WarmThroughput is reported ahead of the TableClass one-concern rule', async () => {
    const table = await withIndex();
    await assertValidation(t, 'UpdateTable', { ...update(table, { WarmThroughput: {} }), TableClass: 'STANDARD_INFREQUENT_ACCESS' }, emptyWarm('byG'));
  });

  it('an empty table WarmThroughput beside TableClass does not count as a second change', async () => {
    const table = await withIndex();
    const r = await t.raw('UpdateTable', { TableName: table, WarmThroughput: {}, TableClass: 'STANDARD' });
    assert.equal(r.status, 200, JSON.stringify(r.json));
  });

  it("an index's WarmThroughput cannot decrease; a raise is kept", async () => {
    const table = await withIndex();
    await assertValidation(
      t,
      'UpdateTable',
      update(table, { WarmThroughput: { ReadUnitsPerSecond: -1, WriteUnitsPerSecond: -1 } }),
      'One or more parameter values were invalid: Requested ReadUnitsPerSecond for WarmThroughput for index byG is lower than current WarmThroughput, decreasing WarmThroughput is not supported',
    );
    const r = await t.raw('UpdateTable', update(table, { WarmThroughput: { ReadUnitsPerSecond: 15000 } }));
    assert.equal(r.status, 200, JSON.stringify(r.json));
    const d = await t.raw('DescribeTable', { TableName: table });
    const warm = d.json.Table.GlobalSecondaryIndexes[0].WarmThroughput;
    assert.deepEqual([warm.ReadUnitsPerSecond, warm.WriteUnitsPerSecond], [15000, 4000]);
  });

  it('clearing both on-demand limits of an index with -1 is accepted', async () => {
    const table = await withIndex();
    const r = await t.raw('UpdateTable', update(table, { OnDemandThroughput: { MaxReadRequestUnits: -1, MaxWriteRequestUnits: -1 } }));
    assert.equal(r.status, 200, JSON.stringify(r.json));
  });
});

describe('Request-level refusals of UpdateTable, UpdateContinuousBackups and ListBackups (DDB-TABLE-359, DDB-TABLE-442)', () => {
  it('MultiRegionConsistency alone is no change, and the required-member list leaves it out', async () => {
    const table = await createHashTable(t, 'mrconly', 'pk');
    await assertValidation(
      t,
      'UpdateTable',
      { TableName: table, MultiRegionConsistency: 'STRONG' },
      'At least one of ProvisionedThroughput, BillingMode, UpdateStreamEnabled, GlobalSecondaryIndexUpdates, SSESpecification, ReplicaUpdates, MultiAccountReplicaReady, ReplicaTransitRoleArn, DeletionProtectionEnabled, OnDemandThroughput, WarmThroughput or TableClass is required',
    );
  });

  it('an empty GlobalSecondaryIndexUpdates list beside a real change is refused, and the change is not applied', async () => {
    const table = await createHashTable(t, 'gsiuempty', 'pk');
    await assertValidation(
      t,
      'UpdateTable',
      { TableName: table, GlobalSecondaryIndexUpdates: [], DeletionProtectionEnabled: true },
      'One or more parameter values were invalid: List of GlobalSecondaryIndexUpdates is empty',
    );
    await assertValidation(
      t,
      'UpdateTable',
      { TableName: table, GlobalSecondaryIndexUpdates: [], BillingMode: 'PAY_PER_REQUEST' },
      'One or more parameter values were invalid: List of GlobalSecondaryIndexUpdates is empty',
    );
    const d = await t.raw('DescribeTable', { TableName: table });
    assert.equal(d.json.Table.DeletionProtectionEnabled, false);
  });

  it('disabling PITR with a RecoveryPeriodInDays is refused', async () => {
    const table = await createHashTable(t, 'pitrdays', 'pk');
    await assertValidation(
      t,
      'UpdateContinuousBackups',
      { TableName: table, PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: false, RecoveryPeriodInDays: 7 } },
      'Invalid Request: Cannot specify RecoveryPeriodInDays when disabling point-in-time recovery.',
    );
  });

  it('ListBackups refuses a time range whose lower bound is after its upper bound', async () => {
    await assertValidation(
      t,
      'ListBackups',
      { TimeRangeLowerBound: 1_800_000_000, TimeRangeUpperBound: 1_700_000_000 },
      'One or more parameter values were invalid: Time range lower bound must be less than or equal to upper bound',
    );
  });
});

describe('UpdateTable: ProvisionedThroughput beside PAY_PER_REQUEST (DDB-TABLE-056)', () => {
  it('a provisioned table switching with a throughput gets its own refusal; an on-demand table the older one', async () => {
    const name = uniqueName('pprpt');
    const r = await t.raw('CreateTable', {
      TableName: name,
      BillingMode: 'PROVISIONED',
      ProvisionedThroughput: { ReadCapacityUnits: 1, WriteCapacityUnits: 1 },
      AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
    });
    assert.equal(r.status, 200, JSON.stringify(r.json));
    const pt = { ReadCapacityUnits: 2, WriteCapacityUnits: 2 };
    await assertValidation(
      t,
      'UpdateTable',
      { TableName: name, BillingMode: 'PAY_PER_REQUEST', ProvisionedThroughput: pt },
      'One or more parameter values were invalid: ProvisionedThroughput cannot be specified when BillingMode is PAY_PER_REQUEST',
    );
    const onDemand = await createHashTable(t, 'pprpt', 'pk');
    await assertValidation(
      t,
      'UpdateTable',
      { TableName: onDemand, ProvisionedThroughput: pt },
      'One or more parameter values were invalid: Neither ReadCapacityUnits nor WriteCapacityUnits can be specified when BillingMode is PAY_PER_REQUEST',
    );
  });
});

describe('SSE key identifiers (DDB-TABLE-078, DDB-TABLE-082)', () => {
  it('the managed alias is described as its key, and only the exact key ARN re-send is refused', async () => {
    const name = uniqueName('ssealias');
    const r = await t.raw('CreateTable', {
      TableName: name,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
      SSESpecification: { Enabled: true, SSEType: 'KMS', KMSMasterKeyId: 'alias/aws/dynamodb' },
    });
    assert.equal(r.status, 200, JSON.stringify(r.json));
    const keyArn = r.json.TableDescription.SSEDescription.KMSMasterKeyArn as string;
    assert.match(keyArn, /^arn:aws:kms:[a-z0-9-]+:\d{12}:key\/[0-9a-f-]{36}$/);
    const keyId = keyArn.slice(keyArn.indexOf('key/') + 4);
    const viaId = await t.raw('UpdateTable', { TableName: name, SSESpecification: { Enabled: true, SSEType: 'KMS', KMSMasterKeyId: keyId } });
    assert.equal(viaId.status, 200, JSON.stringify(viaId.json));
    await assertValidation(
      t,
      'UpdateTable',
      { TableName: name, SSESpecification: { Enabled: true, SSEType: 'KMS', KMSMasterKeyId: keyArn } },
      'One or more parameter values were invalid: Table is already encrypted with given KMSMasterKeyId. Use KMSMasterKeyId parameter if you want to change Master Key',
    );
  });
});

describe('Table OnDemandThroughput on UpdateTable (DDB-TABLE-051, DDB-TABLE-178, DDB-TABLE-182)', () => {
  const odOf = async (name: string) => (await t.raw('DescribeTable', { TableName: name })).json.Table.OnDemandThroughput;
  const update = async (name: string, od: Record<string, number>) => {
    const r = await t.raw('UpdateTable', { TableName: name, OnDemandThroughput: od });
    assert.equal(r.status, 200, JSON.stringify(r.json));
    return r.json.TableDescription;
  };

  it('is synchronous, merges member by member, and -1 clears a member (echoed once, then omitted)', async () => {
    const name = await createHashTable(t, 'odt', 'pk');
    const set = await update(name, { MaxReadRequestUnits: 1000, MaxWriteRequestUnits: 500 });
    assert.equal(set.TableStatus, 'ACTIVE');
    const clearedRead = await update(name, { MaxReadRequestUnits: -1 });
    assert.deepEqual(clearedRead.OnDemandThroughput, { MaxReadRequestUnits: -1, MaxWriteRequestUnits: 500 });
    assert.deepEqual(await odOf(name), { MaxWriteRequestUnits: 500 });
    const clearedWrite = await update(name, { MaxWriteRequestUnits: -1 });
    assert.deepEqual(clearedWrite.OnDemandThroughput, { MaxWriteRequestUnits: -1 });
    assert.equal(await odOf(name), undefined);
  });

  it('an empty OnDemandThroughput alone is an InternalFailure (HTTP 500); beside BillingMode it passes', async () => {
    const name = await createHashTable(t, 'odtempty', 'pk');
    const r = await t.raw('UpdateTable', { TableName: name, OnDemandThroughput: {} });
    assert.deepEqual([r.status, r.json.__type], [500, 'com.amazon.coral.service#InternalFailure']);
    const withBilling = await t.raw('UpdateTable', { TableName: name, OnDemandThroughput: {}, BillingMode: 'PAY_PER_REQUEST' });
    assert.equal(withBilling.status, 200, JSON.stringify(withBilling.json));
  });

  it('an empty OnDemandThroughput at CreateTable is accepted and not described', async () => {
    const name = uniqueName('odtcreate');
    const r = await t.raw('CreateTable', {
      TableName: name,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
      OnDemandThroughput: {},
    });
    assert.equal(r.status, 200, JSON.stringify(r.json));
    assert.equal(await odOf(name), undefined);
  });
});

describe('UpdateTable: a GSI Create beside a WarmThroughput (DDB-TABLE-174)', () => {
  it('is refused with its own text', async () => {
    const table = await createHashTable(t, 'warmcreate', 'pk');
    await assertValidation(
      t,
      'UpdateTable',
      {
        TableName: table,
        WarmThroughput: { ReadUnitsPerSecond: 13000 },
        AttributeDefinitions: [{ AttributeName: 'g', AttributeType: 'S' }],
        GlobalSecondaryIndexUpdates: [{ Create: { IndexName: 'byG', KeySchema: [{ AttributeName: 'g', KeyType: 'HASH' }], Projection: { ProjectionType: 'ALL' } } }],
      },
      'One or more parameter values were invalid: Create global secondary index cannot be specified when updating WarmThroughput',
    );
  });
});

describe('UpdateTable: TableClass=STANDARD on a table never given a class (DDB-TABLE-177)', () => {
  it('answers UPDATING, while the table stays ACTIVE without a TableClassSummary', async () => {
    const table = await createHashTable(t, 'classnoop', 'pk');
    const r = await t.raw('UpdateTable', { TableName: table, TableClass: 'STANDARD' });
    assert.equal(r.status, 200, JSON.stringify(r.json));
    assert.equal(r.json.TableDescription.TableStatus, 'UPDATING');
    assert.equal('TableClassSummary' in r.json.TableDescription, false);
    const d = await t.raw('DescribeTable', { TableName: table });
    assert.equal(d.json.Table.TableStatus, 'ACTIVE');
    assert.equal('TableClassSummary' in d.json.Table, false);
  });
});

describe('Tagging edge cases (DDB-BACKUP-013, DDB-TABLE-107)', () => {
  it('a backup ARN is not a taggable resource', async () => {
    const table = await createHashTable(t, 'tagbackup', 'pk');
    const backup = await t.raw('CreateBackup', { TableName: table, BackupName: 'snap' });
    assert.equal(backup.status, 200, JSON.stringify(backup.json));
    const arn = backup.json.BackupDetails.BackupArn as string;
    const message = `One or more parameter values were invalid: Provided Arn is not a DynamoDB resource arn: ${arn}`;
    await assertValidation(t, 'TagResource', { ResourceArn: arn, Tags: [{ Key: 'a', Value: 'b' }] }, message);
    await assertValidation(t, 'ListTagsOfResource', { ResourceArn: arn }, message);
  });

  it('UntagResource with more than 50 keys is refused with the tag-count text', async () => {
    const table = await createHashTable(t, 'untag51', 'pk');
    const arn = (await t.raw('DescribeTable', { TableName: table })).json.Table.TableArn as string;
    const keys = Array.from({ length: 51 }, (_, i) => `k${i}`);
    await assertValidation(t, 'UntagResource', { ResourceArn: arn, TagKeys: keys }, 'Number of Tags exceed the current limit for the provided ResourceArn');
  });

  it('an empty WarmThroughput alone is an InternalFailure (HTTP 500); beside another member it is ignored (DDB-TABLE-456)', async () => {
    const table = await createHashTable(t, 'warmempty', 'pk');
    const alone = await t.raw('UpdateTable', { TableName: table, WarmThroughput: {} });
    assert.deepEqual([alone.status, alone.json.__type], [500, 'com.amazon.coral.service#InternalFailure']);
    const beside = await t.raw('UpdateTable', { TableName: table, WarmThroughput: {}, DeletionProtectionEnabled: false });
    assert.equal(beside.status, 200, JSON.stringify(beside.json));
  });
});

describe('A table ARN as TableName of the describe operations (DDB-TABLE-011)', () => {
  it('another region is a ValidationException naming the ARN; another account is denied', async () => {
    const table = await createHashTable(t, 'arnname', 'pk');
    const arn = (await t.raw('DescribeTable', { TableName: table })).json.Table.TableArn as string;
    assert.equal((await t.raw('DescribeTable', { TableName: arn })).status, 200);
    const region = arn.split(':')[3] as string;
    const elsewhere = arn.replace(`:${region}:`, `:${region === 'eu-west-1' ? 'eu-west-2' : 'eu-west-1'}:`);
    await assertValidation(t, 'DescribeTable', { TableName: elsewhere }, `1 validation error detected: Invalid AWS region in '${elsewhere}'`);
    await assertValidation(t, 'DescribeTimeToLive', { TableName: elsewhere }, `1 validation error detected: Invalid AWS region in '${elsewhere}'`);
    const foreign = await t.raw('DescribeTable', { TableName: arn.replace(/:\d{12}:/, ':111122223333:') });
    assert.deepEqual([foreign.status, foreign.json.__type, foreign.json.message], [400, 'com.amazon.coral.service#AccessDeniedException', 'Access is denied']);
  });
});

describe('Legacy (2017.11.29) global tables (DDB-GLOBALTABLE-001, DDB-GLOBALTABLE-002, DDB-TABLE-442, DDB-TABLE-457)', () => {
  const RETIRED =
    'One or more parameter values were invalid: DynamoDB global tables version 2017.11.29 is not supported. We recommend using DynamoDB global tables version 2019.11.21, instead of version 2017.11.29 (Legacy).';

  it('creating one, or adding a replica to one, is refused as retired', async () => {
    await assertValidation(t, 'CreateGlobalTable', { GlobalTableName: 'legacy-gt', ReplicationGroup: [{ RegionName: 'us-east-1' }] }, RETIRED);
    await assertValidation(t, 'UpdateGlobalTable', { GlobalTableName: 'legacy-gt', ReplicaUpdates: [{ Create: { RegionName: 'us-east-2' } }] }, RETIRED);
  });

  it('an update naming no action is refused without detail; a bad name gets the table-name length text', async () => {
    await assertValidation(t, 'UpdateGlobalTable', { GlobalTableName: 'legacy-gt', ReplicaUpdates: [{}] }, 'One or more parameter values were invalid');
    await assertValidation(
      t,
      'DescribeGlobalTable',
      { GlobalTableName: 'ab' },
      'TableName must be at least 3 characters long and at most 255 characters long',
    );
  });

  it('a missing global table is named after a colon; DescribeGlobalTable leads with "Global table not found" (DDB-GLOBALTABLE-004)', async () => {
    const r = await t.raw('DescribeGlobalTableSettings', { GlobalTableName: 'no-such-legacy' });
    assert.equal(r.status, 400);
    assert.deepEqual(r.json, {
      __type: 'com.amazonaws.dynamodb.v20120810#GlobalTableNotFoundException',
      message: "Global table with name: 'no-such-legacy' does not exist.",
    });
    const d = await t.raw('DescribeGlobalTable', { GlobalTableName: 'no-such-legacy' });
    assert.equal(d.json.message, "Global table not found: Global table with name: 'no-such-legacy' does not exist.");
    await assertValidation(t, 'UpdateGlobalTable', { GlobalTableName: 'legacy-gt', ReplicaUpdates: [] }, 'One or more parameter values were invalid');
  });
});

describe('ReplicaUpdates shape rules (DDB-TABLE-265, DDB-TABLE-258, DDB-TABLE-442)', () => {
  it('an action-less entry, two actions in one entry, and two creates or deletes are refused', async () => {
    const name = await createHashTable(t, 'replicas');
    const replicas = (ReplicaUpdates: unknown[], extra: Record<string, unknown> = {}) => ({ TableName: name, ReplicaUpdates, ...extra });
    const none = 'There are no actions specified in the Replica Update Action of the request.';
    await assertValidation(t, 'UpdateTable', replicas([{}]), none);
    await assertValidation(t, 'UpdateTable', replicas([{ Update: { RegionName: 'eu-west-1' } }]), none);
    await assertValidation(
      t,
      'UpdateTable',
      replicas([{ Create: { RegionName: 'eu-west-1' }, Delete: { RegionName: 'eu-west-1' } }]),
      'Update table operation with more than one type of replica actions not allowed.',
    );
    const many = 'Update table operation with more than one create or delete replica actions not allowed';
    await assertValidation(t, 'UpdateTable', replicas([{ Create: { RegionName: 'eu-west-1' } }, { Create: { RegionName: 'us-east-2' } }]), many);
    await assertValidation(t, 'UpdateTable', replicas([{ Delete: { RegionName: 'eu-west-1' } }, { Delete: { RegionName: 'us-east-2' } }]), many);
    // A STRONG group may create two at once; Eddy then says replicas are not modelled.
    const strong = await t.raw(
      'UpdateTable',
      replicas([{ Create: { RegionName: 'eu-west-1' } }, { Create: { RegionName: 'us-east-2' } }], { MultiRegionConsistency: 'STRONG' }),
    );
    assert.equal(strong.status, 400);
    assert.notEqual(strong.json.message, many);
  });
});
