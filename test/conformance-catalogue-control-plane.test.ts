import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ManualClock } from '../src/shared/clock.js';
import { TableManager } from '../src/dynamodb/tables/catalog.js';
import { startTestEddy, uniqueName, type RawResponse, type TestEddy } from './helpers/eddy.js';
import { assertValidation, createHashTable } from './helpers/conformance.js';

/**
 * Control-plane answers probed on live DynamoDB in October 2026 (the ack-api-quirks catalogue of
 * the AWS Controllers for Kubernetes DynamoDB controller; finding ids in each test's name).
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
    const r = await t.raw('CreateTable', {
      TableName: name,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [
        { AttributeName: 'pk', AttributeType: 'S' },
        { AttributeName: 'g', AttributeType: 'S' },
      ],
      KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
      GlobalSecondaryIndexes: [{ IndexName: 'byG', KeySchema: [{ AttributeName: 'g', KeyType: 'HASH' }], Projection: { ProjectionType: 'ALL' } }],
    });
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

describe('Admission while a table is UPDATING (DDB-TABLE-119, DDB-TABLE-369, DDB-TABLE-376, DDB-TABLE-452)', () => {
  const clock = new ManualClock(Date.parse('2026-10-09T10:00:00.000Z'));
  const DELAY = 4000;
  const IN_USE = 'com.amazonaws.dynamodb.v20120810#ResourceInUseException';
  let slow: TestEddy;
  before(async () => {
    slow = await startTestEddy({ clock, tableStatusDelayMs: DELAY });
  });
  after(async () => {
    await slow.stop();
  });
  const activeTable = async (extra: Record<string, unknown> = {}): Promise<string> => {
    const name = uniqueName('busy');
    const r = await slow.raw('CreateTable', {
      TableName: name,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
      ...extra,
    });
    assert.equal(r.status, 200, JSON.stringify(r.json));
    clock.advance(DELAY + 1);
    return name;
  };
  const settled = async () => {
    const tables = slow.eddy.services.tables;
    assert.ok(tables instanceof TableManager);
    await tables.idle();
  };
  const ok = async (body: Record<string, unknown>) => {
    const r = await slow.raw('UpdateTable', body);
    assert.equal(r.status, 200, JSON.stringify(r.json));
    return r.json;
  };
  const refusal = async (body: Record<string, unknown>) => {
    const r = await slow.raw('UpdateTable', body);
    return [r.status, r.json.__type, r.json.message];
  };

  it('a switch to PROVISIONED: PAY_PER_REQUEST again is accepted but dropped, WarmThroughput admitted, OnDemandThroughput refused', async () => {
    const name = await activeTable();
    await ok({ TableName: name, BillingMode: 'PROVISIONED', ProvisionedThroughput: { ReadCapacityUnits: 1, WriteCapacityUnits: 1 } });
    const back = await ok({ TableName: name, BillingMode: 'PAY_PER_REQUEST' });
    assert.equal(back.TableDescription.TableStatus, 'UPDATING');
    await ok({ TableName: name, WarmThroughput: { ReadUnitsPerSecond: 13000 } });
    assert.deepEqual(await refusal({ TableName: name, OnDemandThroughput: { MaxReadRequestUnits: 50 } }), [
      400,
      IN_USE,
      'Attempt to change a resource which is still in use: OnDemandThroughput cannot be updated while BillingMode update is in progress',
    ]);
    clock.advance(DELAY + 1);
    const d = await slow.raw('DescribeTable', { TableName: name });
    assert.equal(d.json.Table.BillingModeSummary.BillingMode, 'PROVISIONED');
    assert.equal(d.json.Table.WarmThroughput.ReadUnitsPerSecond, 13000);
  });

  it('a switch to PAY_PER_REQUEST: OnDemandThroughput is checked against the provisioned mode first', async () => {
    const name = await activeTable({ BillingMode: 'PROVISIONED', ProvisionedThroughput: { ReadCapacityUnits: 1, WriteCapacityUnits: 1 } });
    await ok({ TableName: name, BillingMode: 'PAY_PER_REQUEST' });
    assert.deepEqual(await refusal({ TableName: name, OnDemandThroughput: { MaxReadRequestUnits: 50 } }), [
      400,
      'com.amazon.coral.validate#ValidationException',
      'One or more parameter values were invalid: MaxReadRequestUnits for OnDemandThroughput cannot be specified when the table BillingMode is PROVISIONED',
    ]);
    clock.advance(DELAY + 1);
  });

  it('a table-class switch admits a WarmThroughput raise; a billing switch admits an SSE change (DDB-TABLE-450)', async () => {
    const classed = await activeTable();
    await ok({ TableName: classed, TableClass: 'STANDARD_INFREQUENT_ACCESS' });
    await ok({ TableName: classed, WarmThroughput: { ReadUnitsPerSecond: 13000 } });
    const billed = await activeTable();
    await ok({ TableName: billed, BillingMode: 'PROVISIONED', ProvisionedThroughput: { ReadCapacityUnits: 1, WriteCapacityUnits: 1 } });
    await ok({ TableName: billed, SSESpecification: { Enabled: true, SSEType: 'KMS' } });
    clock.advance(DELAY + 1);
  });

  it('a WarmThroughput raise while a new index is allocated is a server error (DDB-TABLE-458)', async () => {
    const name = await activeTable();
    await ok({
      TableName: name,
      AttributeDefinitions: [{ AttributeName: 'g', AttributeType: 'S' }],
      GlobalSecondaryIndexUpdates: [{ Create: { IndexName: 'byG', KeySchema: [{ AttributeName: 'g', KeyType: 'HASH' }], Projection: { ProjectionType: 'ALL' } } }],
    });
    assert.deepEqual(await refusal({ TableName: name, WarmThroughput: { ReadUnitsPerSecond: 13000 } }), [
      500,
      'com.amazonaws.dynamodb.v20120810#InternalServerError',
      'Table is under system maintenance, please try again later',
    ]);
    clock.advance(DELAY + 1);
  });

  it('TableClass changes are limited to 2 per 30 days; once spent, a re-send is refused too (DDB-TABLE-283)', async () => {
    const name = await activeTable();
    const limit = 'Subscriber limit exceeded: Updates to TableClass are limited to 2 times in 30 day(s).';
    await ok({ TableName: name, TableClass: 'STANDARD_INFREQUENT_ACCESS' });
    clock.advance(DELAY + 1);
    await ok({ TableName: name, TableClass: 'STANDARD_INFREQUENT_ACCESS' }); // a re-send does not count
    await ok({ TableName: name, TableClass: 'STANDARD' });
    clock.advance(DELAY + 1);
    const limited = 'com.amazonaws.dynamodb.v20120810#LimitExceededException';
    assert.deepEqual(await refusal({ TableName: name, TableClass: 'STANDARD_INFREQUENT_ACCESS' }), [400, limited, limit]);
    assert.deepEqual(await refusal({ TableName: name, TableClass: 'STANDARD' }), [400, limited, limit]);
    clock.advance(30 * 24 * 3600 * 1000);
    await ok({ TableName: name, TableClass: 'STANDARD_INFREQUENT_ACCESS' });
    clock.advance(DELAY + 1);
  });

  it('the target of a restore is unknown to UpdateTable and the sub-resource APIs while CREATING (DDB-TABLE-216, DDB-TABLE-217)', async () => {
    const source = await activeTable();
    const backup = await slow.raw('CreateBackup', { TableName: source, BackupName: 'snap' });
    assert.equal(backup.status, 200, JSON.stringify(backup.json));
    const backupArn = backup.json.BackupDetails.BackupArn as string;
    const target = `${source}-restored`;
    const restored = await slow.raw('RestoreTableFromBackup', { TargetTableName: target, BackupArn: backupArn });
    assert.equal(restored.status, 200, JSON.stringify(restored.json));
    const creating = await slow.raw('DescribeTable', { TableName: target });
    assert.equal(creating.json.Table.TableStatus, 'CREATING');
    assert.equal(creating.json.Table.RestoreSummary.RestoreInProgress, true);
    assert.equal(creating.json.Table.RestoreSummary.SourceBackupArn, backupArn);
    const notFound = `Requested resource not found: Table: ${target} not found`;
    assert.deepEqual(await refusal({ TableName: target, DeletionProtectionEnabled: true }), [400, 'com.amazonaws.dynamodb.v20120810#ResourceNotFoundException', notFound]);
    const pitr = await slow.raw('UpdateContinuousBackups', { TableName: target, PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true } });
    assert.deepEqual([pitr.json.__type, pitr.json.message], ['com.amazonaws.dynamodb.v20120810#TableNotFoundException', `Table not found: ${target}`]);
    const again = await slow.raw('RestoreTableFromBackup', { TargetTableName: target, BackupArn: backupArn });
    assert.deepEqual([again.json.__type, again.json.message], [
      'com.amazonaws.dynamodb.v20120810#TableInUseException',
      `Table: ${target} is already being restored from backup: ${backupArn}`,
    ]);
    const create = await slow.raw('CreateTable', {
      TableName: target,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
    });
    assert.deepEqual([create.json.__type, create.json.message], [IN_USE, `Attempt to change a resource which is still in use: Table is being used: ${target}`]);
    clock.advance(DELAY + 1);
    const active = await slow.raw('DescribeTable', { TableName: target });
    assert.equal(active.json.Table.TableStatus, 'ACTIVE');
    assert.equal('RestoreSummary' in active.json.Table, false);
  });

  it('index work refuses actions on the index it concerns by name (DDB-TABLE-163)', async () => {
    const name = await activeTable({
      AttributeDefinitions: [
        { AttributeName: 'pk', AttributeType: 'S' },
        { AttributeName: 'g', AttributeType: 'S' },
      ],
      GlobalSecondaryIndexes: [{ IndexName: 'byG', KeySchema: [{ AttributeName: 'g', KeyType: 'HASH' }], Projection: { ProjectionType: 'ALL' } }],
    });
    const defs = [{ AttributeName: 'h', AttributeType: 'S' }];
    const create = (index: string, key: string) => ({ Create: { IndexName: index, KeySchema: [{ AttributeName: key, KeyType: 'HASH' }], Projection: { ProjectionType: 'ALL' } } });
    await ok({ TableName: name, AttributeDefinitions: defs, GlobalSecondaryIndexUpdates: [create('byH', 'h')] });
    assert.deepEqual(await refusal({ TableName: name, GlobalSecondaryIndexUpdates: [{ Update: { IndexName: 'byH', OnDemandThroughput: { MaxReadRequestUnits: 10 } } }] }), [
      400,
      IN_USE,
      `Attempt to change a resource which is still in use: Index is being created but is not backfilling yet.  Table: ${name} Index: byH`,
    ]);
    clock.advance(DELAY + 1);
    await settled(); // the backfill completes in the background (on a file engine, after a sync)
    await ok({ TableName: name, GlobalSecondaryIndexUpdates: [{ Delete: { IndexName: 'byG' } }] });
    const dying = `Attempt to change a resource which is still in use: Index is being deleted. Table: ${name} Index: byG`;
    assert.deepEqual(await refusal({ TableName: name, GlobalSecondaryIndexUpdates: [{ Delete: { IndexName: 'byG' } }] }), [400, IN_USE, dying]);
    assert.deepEqual(
      await refusal({ TableName: name, AttributeDefinitions: [{ AttributeName: 'g', AttributeType: 'S' }], GlobalSecondaryIndexUpdates: [create('byG', 'g')] }),
      [400, IN_USE, dying],
    );
    clock.advance(DELAY + 1);
  });

  it('a stream toggle: OnDemandThroughput has its own refusal', async () => {
    const name = await activeTable();
    await ok({ TableName: name, StreamSpecification: { StreamEnabled: true, StreamViewType: 'KEYS_ONLY' } });
    const [status, type, message] = await refusal({ TableName: name, OnDemandThroughput: { MaxReadRequestUnits: 50 } });
    assert.deepEqual([status, type], [400, IN_USE]);
    assert.match(String(message), /^Attempt to change a resource which is still in use: OnDemandThroughput cannot be updated while stream status update is in/);
    clock.advance(DELAY + 1);
  });

  it('an index throughput change: the table answers ACTIVE, the index UPDATING with its old throughput (DDB-TABLE-165, DDB-TABLE-150)', async () => {
    const name = uniqueName('gsipt');
    const pt = (n: number) => ({ ReadCapacityUnits: n, WriteCapacityUnits: n });
    const created = await createProvisionedWithGsi(slow, name, 1);
    assert.equal(created.status, 200);
    clock.advance(DELAY + 1);
    await settled();
    const answer = await ok({ TableName: name, GlobalSecondaryIndexUpdates: [{ Update: { IndexName: 'gsi1', ProvisionedThroughput: pt(2) } }] });
    assert.equal(answer.TableDescription.TableStatus, 'ACTIVE');
    assert.equal(answer.TableDescription.GlobalSecondaryIndexes[0].IndexStatus, 'UPDATING');
    assert.equal(answer.TableDescription.GlobalSecondaryIndexes[0].ProvisionedThroughput.ReadCapacityUnits, 1);
    const during = await slow.raw('DescribeTable', { TableName: name });
    assert.equal(during.json.Table.TableStatus, 'ACTIVE');
    const del = await slow.raw('DeleteTable', { TableName: name });
    assert.deepEqual([del.status, del.json.message], [
      400,
      'Attempt to change a resource which is still in use: Cannot delete table while indexes are being created, updated, or deleted.',
    ]);
    clock.advance(DELAY + 1);
    await settled();
    const after = await slow.raw('DescribeTable', { TableName: name });
    assert.equal(after.json.Table.GlobalSecondaryIndexes[0].IndexStatus, 'ACTIVE');
    assert.equal(after.json.Table.GlobalSecondaryIndexes[0].ProvisionedThroughput.ReadCapacityUnits, 2);
  });

  it('an index OnDemandThroughput change holds the index, not the table, UPDATING (DDB-TABLE-135, DDB-TABLE-150)', async () => {
    const name = await activeTable({
      AttributeDefinitions: [
        { AttributeName: 'pk', AttributeType: 'S' },
        { AttributeName: 'g', AttributeType: 'S' },
      ],
      GlobalSecondaryIndexes: [{ IndexName: 'gsi1', KeySchema: [{ AttributeName: 'g', KeyType: 'HASH' }], Projection: { ProjectionType: 'ALL' } }],
    });
    const answer = await ok({ TableName: name, GlobalSecondaryIndexUpdates: [{ Update: { IndexName: 'gsi1', OnDemandThroughput: { MaxReadRequestUnits: 6000 } } }] });
    assert.equal(answer.TableDescription.TableStatus, 'ACTIVE');
    assert.equal(answer.TableDescription.GlobalSecondaryIndexes[0].IndexStatus, 'UPDATING');
    const del = await slow.raw('DeleteTable', { TableName: name });
    assert.equal(del.json.message, 'Attempt to change a resource which is still in use: Cannot delete table while indexes are being created, updated, or deleted.');
    clock.advance(DELAY + 1);
    await settled();
    const after = await slow.raw('DescribeTable', { TableName: name });
    assert.equal(after.json.Table.GlobalSecondaryIndexes[0].IndexStatus, 'ACTIVE');
    assert.deepEqual(after.json.Table.GlobalSecondaryIndexes[0].OnDemandThroughput, { MaxReadRequestUnits: 6000 });
  });

  it('a throughput change answers the old units and count with the new change time (DDB-TABLE-060, DDB-TABLE-184)', async () => {
    const name = await activeTable({ BillingMode: 'PROVISIONED', ProvisionedThroughput: { ReadCapacityUnits: 5, WriteCapacityUnits: 5 } });
    const up = await ok({ TableName: name, ProvisionedThroughput: { ReadCapacityUnits: 6, WriteCapacityUnits: 6 } });
    assert.deepEqual(up.TableDescription.ProvisionedThroughput, {
      LastIncreaseDateTime: clock.now() / 1000,
      NumberOfDecreasesToday: 0,
      ReadCapacityUnits: 5,
      WriteCapacityUnits: 5,
    });
    clock.advance(DELAY + 1);
    await settled();
    const down = await ok({ TableName: name, ProvisionedThroughput: { ReadCapacityUnits: 4, WriteCapacityUnits: 4 } });
    const shown = down.TableDescription.ProvisionedThroughput;
    assert.deepEqual([shown.LastDecreaseDateTime, shown.NumberOfDecreasesToday, shown.ReadCapacityUnits], [clock.now() / 1000, 0, 6]);
    clock.advance(DELAY + 1);
    await settled();
    const d = await slow.raw('DescribeTable', { TableName: name });
    assert.deepEqual([d.json.Table.ProvisionedThroughput.NumberOfDecreasesToday, d.json.Table.ProvisionedThroughput.ReadCapacityUnits], [1, 4]);
  });

  it('DeleteTable names the index work, although the table itself is UPDATING', async () => {
    const name = uniqueName('gsidying');
    const pt = { ReadCapacityUnits: 1, WriteCapacityUnits: 1 };
    const created = await slow.raw('CreateTable', {
      TableName: name,
      BillingMode: 'PROVISIONED',
      ProvisionedThroughput: pt,
      AttributeDefinitions: [
        { AttributeName: 'pk', AttributeType: 'S' },
        { AttributeName: 'g', AttributeType: 'S' },
      ],
      KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
      GlobalSecondaryIndexes: [
        { IndexName: 'byG', KeySchema: [{ AttributeName: 'g', KeyType: 'HASH' }], Projection: { ProjectionType: 'KEYS_ONLY' }, ProvisionedThroughput: pt },
      ],
    });
    assert.equal(created.status, 200, JSON.stringify(created.json));
    clock.advance(DELAY + 1);
    const dropped = await slow.raw('UpdateTable', { TableName: name, GlobalSecondaryIndexUpdates: [{ Delete: { IndexName: 'byG' } }] });
    assert.equal(dropped.status, 200, JSON.stringify(dropped.json));
    assert.equal(dropped.json.TableDescription.TableStatus, 'UPDATING');
    const refused = await slow.raw('DeleteTable', { TableName: name });
    assert.deepEqual([refused.status, refused.json.__type, refused.json.message], [
      400,
      'com.amazonaws.dynamodb.v20120810#ResourceInUseException',
      'Attempt to change a resource which is still in use: Cannot delete table while indexes are being created, updated, or deleted.',
    ]);
    clock.advance(DELAY + 1);
    const gone = await slow.raw('DeleteTable', { TableName: name });
    assert.equal(gone.status, 200, JSON.stringify(gone.json));
  });
});

describe('WarmThroughput and BillingModeSummary as described (DDB-TABLE-033, DDB-TABLE-055, DDB-TABLE-058, DDB-TABLE-060)', () => {
  const table = (name: string, extra: Record<string, unknown>) => ({
    TableName: name,
    AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
    KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
    ...extra,
  });
  const warmOf = async (name: string) => {
    const d = await t.raw('DescribeTable', { TableName: name });
    const w = d.json.Table.WarmThroughput;
    return [w.ReadUnitsPerSecond, w.WriteUnitsPerSecond];
  };

  it('the CreateTable answer has no WarmThroughput unless one was asked for, and no switch timestamp', async () => {
    const name = uniqueName('warmresp');
    const r = await t.raw('CreateTable', table(name, { BillingMode: 'PAY_PER_REQUEST' }));
    assert.equal(r.status, 200, JSON.stringify(r.json));
    assert.equal('WarmThroughput' in r.json.TableDescription, false);
    assert.deepEqual(r.json.TableDescription.BillingModeSummary, { BillingMode: 'PAY_PER_REQUEST' });
    const d = await t.raw('DescribeTable', { TableName: name });
    assert.equal(typeof d.json.Table.BillingModeSummary.LastUpdateToPayPerRequestDateTime, 'number');
    assert.deepEqual(await warmOf(name), [12000, 4000]);
    const asked = await t.raw('CreateTable', table(uniqueName('warmresp'), { BillingMode: 'PAY_PER_REQUEST', WarmThroughput: { ReadUnitsPerSecond: 13000 } }));
    assert.equal(asked.json.TableDescription.WarmThroughput.ReadUnitsPerSecond, 13000);
  });

  it('a provisioned table is as warm as the most it was ever given, and 12000/4000 once on demand', async () => {
    const name = uniqueName('warmprov');
    const r = await t.raw('CreateTable', table(name, { BillingMode: 'PROVISIONED', ProvisionedThroughput: { ReadCapacityUnits: 2, WriteCapacityUnits: 1 } }));
    assert.equal(r.status, 200, JSON.stringify(r.json));
    assert.deepEqual(await warmOf(name), [2, 1]);
    await rawOkUpdate({ TableName: name, ProvisionedThroughput: { ReadCapacityUnits: 3, WriteCapacityUnits: 3 } });
    assert.deepEqual(await warmOf(name), [3, 3]);
    await rawOkUpdate({ TableName: name, ProvisionedThroughput: { ReadCapacityUnits: 1, WriteCapacityUnits: 1 } });
    assert.deepEqual(await warmOf(name), [3, 3]);
    const switched = await rawOkUpdate({ TableName: name, BillingMode: 'PAY_PER_REQUEST' });
    assert.deepEqual(switched.TableDescription.BillingModeSummary, { BillingMode: 'PAY_PER_REQUEST' });
    assert.deepEqual(await warmOf(name), [12000, 4000]);
  });

  const rawOkUpdate = async (body: Record<string, unknown>) => {
    const r = await t.raw('UpdateTable', body);
    assert.equal(r.status, 200, JSON.stringify(r.json));
    return r.json;
  };
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

describe('Backup ARNs given to DescribeBackup and DeleteBackup (DDB-BACKUP-012, DDB-TABLE-457)', () => {
  const backupOf = async (): Promise<string> => {
    const table = await createHashTable(t, 'bkarn', 'pk');
    const r = await t.raw('CreateBackup', { TableName: table, BackupName: 'snap' });
    assert.equal(r.status, 200, JSON.stringify(r.json));
    return r.json.BackupDetails.BackupArn as string;
  };

  it('what is not shaped like a backup ARN is an Invalid Backup ARN', async () => {
    const arn = await backupOf();
    await assertValidation(t, 'DescribeBackup', { BackupArn: '' }, 'Invalid Backup ARN');
    await assertValidation(t, 'DescribeBackup', { BackupArn: arn.slice(0, arn.indexOf('/backup/')) }, 'Invalid Backup ARN');
    await assertValidation(t, 'DeleteBackup', { BackupArn: 'n'.repeat(48) }, 'Invalid Backup ARN');
  });

  it('another service is invalid, another account is denied, another region names the same backup', async () => {
    const arn = await backupOf();
    await assertValidation(t, 'DescribeBackup', { BackupArn: arn.replace(':dynamodb:', ':s3:') }, 'Invalid Request: BackupArn is not valid');
    const foreign = await t.raw('DescribeBackup', { BackupArn: arn.replace(/:\d{12}:/, ':111122223333:') });
    assert.deepEqual([foreign.status, foreign.json.__type, foreign.json.message], [400, 'com.amazon.coral.service#AccessDeniedException', 'Access is denied']);
    const region = arn.split(':')[3] as string;
    const elsewhere = arn.replace(`:${region}:`, `:${region === 'eu-west-1' ? 'eu-west-2' : 'eu-west-1'}:`);
    const d = await t.raw('DescribeBackup', { BackupArn: elsewhere });
    assert.equal(d.status, 200, JSON.stringify(d.json));
    assert.equal(d.json.BackupDescription.BackupDetails.BackupArn, elsewhere);
    const del = await t.raw('DeleteBackup', { BackupArn: elsewhere });
    assert.equal(del.status, 200, JSON.stringify(del.json));
    const gone = await t.raw('DescribeBackup', { BackupArn: arn });
    assert.equal(gone.json.__type, 'com.amazonaws.dynamodb.v20120810#BackupNotFoundException');
  });
});

describe('ListBackups ExclusiveStartBackupArn (DDB-BACKUP-012, DDB-BACKUP-014)', () => {
  it('a deleted backup still marks a position; another region is refused', async () => {
    const table = await createHashTable(t, 'bkcursor', 'pk');
    const arns: string[] = [];
    for (const name of ['one', 'two', 'three']) {
      const r = await t.raw('CreateBackup', { TableName: table, BackupName: name });
      assert.equal(r.status, 200, JSON.stringify(r.json));
      arns.push(r.json.BackupDetails.BackupArn as string);
      await new Promise((resolve) => setTimeout(resolve, 3)); // distinct creation milliseconds
    }
    const [, second = ''] = arns;
    assert.equal((await t.raw('DeleteBackup', { BackupArn: second })).status, 200);
    const page = await t.raw('ListBackups', { TableName: table, ExclusiveStartBackupArn: second });
    assert.deepEqual(page.json.BackupSummaries.map((b: { BackupName: string }) => b.BackupName), ['three']);
    const region = second.split(':')[3] as string;
    const other = second.replace(`:${region}:`, `:${region === 'eu-west-1' ? 'eu-west-2' : 'eu-west-1'}:`);
    await assertValidation(t, 'ListBackups', { ExclusiveStartBackupArn: other }, 'Invalid Request: The supplied ExclusiveStartBackupArn does not match the region');
  });
});

describe('RestoreTableToPointInTime request checks (DDB-TABLE-100, DDB-TABLE-272)', () => {
  const restore = (body: Record<string, unknown>) => t.raw('RestoreTableToPointInTime', body);

  it('time flags are checked first, then the source', async () => {
    const source = await createHashTable(t, 'pitrsrc', 'pk');
    const target = `${source}-to`;
    await assertValidation(
      t,
      'RestoreTableToPointInTime',
      { SourceTableName: source, TargetTableName: target },
      'Invalid Request: Either one of RestoreDateTime or UseLatestRestorableTime must be specified, but not both',
    );
    await assertValidation(
      t,
      'RestoreTableToPointInTime',
      { SourceTableName: source, SourceTableArn: `arn:aws:dynamodb:us-east-1:000000000000:table/${source}`, TargetTableName: target, UseLatestRestorableTime: true },
      'Must provide exactly one of: sourceTableArn, sourceTableName',
    );
    await assertValidation(
      t,
      'RestoreTableToPointInTime',
      { TargetTableName: target, UseLatestRestorableTime: true },
      "The parameter 'TableName' is required but was not present in the request",
    );
    await assertValidation(t, 'RestoreTableToPointInTime', { SourceTableArn: 'arn:nope', TargetTableName: target, UseLatestRestorableTime: true }, 'sourceTableArn is not a valid ARN');
    const missing = await restore({ SourceTableName: `${source}-missing`, TargetTableName: target, UseLatestRestorableTime: true });
    assert.deepEqual([missing.json.__type, missing.json.message], ['com.amazonaws.dynamodb.v20120810#TableNotFoundException', `Table not found: ${source}-missing`]);
    // Named by ARN, the missing source is not named (DDB-TABLE-447).
    const arn = (await t.raw('DescribeTable', { TableName: source })).json.Table.TableArn as string;
    const byArn = await restore({ SourceTableArn: `${arn}-missing`, TargetTableName: target, UseLatestRestorableTime: true });
    assert.deepEqual([byArn.json.__type, byArn.json.message], ['com.amazonaws.dynamodb.v20120810#TableNotFoundException', 'Table not found']);
  });

  it('a restore time outside the window quotes both bounds', async () => {
    const source = await createHashTable(t, 'pitrwin', 'pk');
    const on = await t.raw('UpdateContinuousBackups', { TableName: source, PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true } });
    assert.equal(on.status, 200, JSON.stringify(on.json));
    const r = await restore({ SourceTableName: source, TargetTableName: `${source}-to`, RestoreDateTime: 1_600_000_000 });
    assert.equal(r.json.__type, 'com.amazonaws.dynamodb.v20120810#InvalidRestoreTimeException');
    assert.match(
      String(r.json.message),
      /^RestoreDateTime '2020-09-13T12:26:40Z' must be within EarliestRestorableDateTime '\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ' and LatestRestor/,
    );
  });
});

describe('RestoreTableFromBackup overrides (DDB-TABLE-273, DDB-TABLE-274, DDB-TABLE-215, DDB-TABLE-457)', () => {
  const backupOf = async (extra: Record<string, unknown> = {}): Promise<{ table: string; arn: string }> => {
    const table = uniqueName('rstov');
    const created = await t.raw('CreateTable', {
      TableName: table,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [
        { AttributeName: 'pk', AttributeType: 'S' },
        { AttributeName: 'g', AttributeType: 'S' },
      ],
      KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
      GlobalSecondaryIndexes: [{ IndexName: 'byG', KeySchema: [{ AttributeName: 'g', KeyType: 'HASH' }], Projection: { ProjectionType: 'ALL' } }],
      ...extra,
    });
    assert.equal(created.status, 200, JSON.stringify(created.json));
    const backup = await t.raw('CreateBackup', { TableName: table, BackupName: 'snap' });
    assert.equal(backup.status, 200, JSON.stringify(backup.json));
    return { table, arn: backup.json.BackupDetails.BackupArn as string };
  };
  const restore = (arn: string, extra: Record<string, unknown>) => ({ TargetTableName: uniqueName('rstto'), BackupArn: arn, ...extra });
  const pt = { ReadCapacityUnits: 1, WriteCapacityUnits: 1 };

  it('throughput overrides must agree with the effective billing mode', async () => {
    const { arn } = await backupOf();
    await assertValidation(t, 'RestoreTableFromBackup', restore(arn, { ProvisionedThroughputOverride: pt }), 'Invalid Request: Cannot override ProvisionedThroughput unless BillingMode is PROVISIONED');
    await assertValidation(
      t,
      'RestoreTableFromBackup',
      restore(arn, { BillingModeOverride: 'PROVISIONED' }),
      'Invalid Request: Must override ProvisionedThroughput if BillingMode is overridden to PROVISIONED',
    );
    await assertValidation(
      t,
      'RestoreTableFromBackup',
      restore(arn, { BillingModeOverride: 'PAY_PER_REQUEST', ProvisionedThroughputOverride: pt }),
      'Invalid Request: Cannot override ProvisionedThroughput if BillingMode is overridden to PAY_PER_REQUEST',
    );
    await assertValidation(
      t,
      'RestoreTableFromBackup',
      restore(arn, { OnDemandThroughputOverride: { MaxReadRequestUnits: 0, MaxWriteRequestUnits: 0 } }),
      'Invalid Request: Requested MaxReadRequestUnits for OnDemandThroughput is outside of valid range',
    );
    await assertValidation(
      t,
      'RestoreTableFromBackup',
      restore(arn, { BillingModeOverride: 'PROVISIONED', ProvisionedThroughputOverride: pt }),
      'Invalid Request: Must specify provisioned throughput for index byG',
    );
  });

  it('an index override must describe an index of the backup', async () => {
    const { arn } = await backupOf();
    await assertValidation(
      t,
      'RestoreTableFromBackup',
      restore(arn, { GlobalSecondaryIndexOverride: [{ IndexName: 'byPk', KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }], Projection: { ProjectionType: 'ALL' } }] }),
      'Invalid Request: Index byPk does not match a secondary index that existed in the source table and cannot be created during the restore operation',
    );
  });

  it('an empty target name gets the stand-alone length text; another region needs an SSE override', async () => {
    const { arn } = await backupOf();
    await assertValidation(t, 'RestoreTableFromBackup', restore(arn, { TargetTableName: '' }), 'TableName must be at least 3 characters long and at most 255 characters long');
    const region = arn.split(':')[3] as string;
    const elsewhere = arn.replace(`:${region}:`, `:${region === 'eu-west-1' ? 'eu-west-2' : 'eu-west-1'}:`);
    await assertValidation(t, 'RestoreTableFromBackup', restore(elsewhere, {}), 'Invalid Request: sseSpecificationOverride must be provided for cross-region restores');
  });

  it('the recorded on-demand maxima are restored without an override; the table class is not', async () => {
    const { arn } = await backupOf({ OnDemandThroughput: { MaxReadRequestUnits: 100, MaxWriteRequestUnits: 50 }, TableClass: 'STANDARD_INFREQUENT_ACCESS' });
    const body = restore(arn, {});
    const r = await t.raw('RestoreTableFromBackup', body);
    assert.equal(r.status, 200, JSON.stringify(r.json));
    const d = await t.raw('DescribeTable', { TableName: body.TargetTableName });
    assert.deepEqual(d.json.Table.OnDemandThroughput, { MaxReadRequestUnits: 100, MaxWriteRequestUnits: 50 });
    assert.equal('TableClassSummary' in d.json.Table, false);
  });
});

describe('CreateTable: an on-demand GSI WarmThroughput below the initial throughput (DDB-TABLE-128)', () => {
  it('is refused naming the index', async () => {
    await assertValidation(
      t,
      'CreateTable',
      {
        TableName: uniqueName('gsiwarm'),
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [
          { AttributeName: 'pk', AttributeType: 'S' },
          { AttributeName: 'g', AttributeType: 'S' },
        ],
        KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
        GlobalSecondaryIndexes: [
          { IndexName: 'byG', KeySchema: [{ AttributeName: 'g', KeyType: 'HASH' }], Projection: { ProjectionType: 'ALL' }, WarmThroughput: { ReadUnitsPerSecond: 100 } },
        ],
      },
      'One or more parameter values were invalid: Requested ReadUnitsPerSecond for WarmThroughput for index byG is lower than initial throughput for OnDemand. See: https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/on-demand-capacity-mode.html#on-demand-capacity-mode-initial',
    );
  });
});

describe('DescribeTable ordering and index WarmThroughput (DDB-TABLE-125, DDB-TABLE-134, DDB-TABLE-138)', () => {
  it('AttributeDefinitions and NonKeyAttributes come back sorted; a provisioned GSI is as warm as its capacity', async () => {
    const name = uniqueName('sorted');
    const pt = { ReadCapacityUnits: 2, WriteCapacityUnits: 1 };
    const r = await t.raw('CreateTable', {
      TableName: name,
      BillingMode: 'PROVISIONED',
      ProvisionedThroughput: { ReadCapacityUnits: 5, WriteCapacityUnits: 5 },
      AttributeDefinitions: [
        { AttributeName: 'z', AttributeType: 'S' },
        { AttributeName: 'pk', AttributeType: 'S' },
        { AttributeName: 'a', AttributeType: 'S' },
      ],
      KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
      GlobalSecondaryIndexes: [
        { IndexName: 'byZ', KeySchema: [{ AttributeName: 'z', KeyType: 'HASH' }], Projection: { ProjectionType: 'INCLUDE', NonKeyAttributes: ['zz', 'aa', 'mm'] }, ProvisionedThroughput: pt },
        { IndexName: 'byA', KeySchema: [{ AttributeName: 'a', KeyType: 'HASH' }], Projection: { ProjectionType: 'KEYS_ONLY' }, ProvisionedThroughput: pt },
      ],
    });
    assert.equal(r.status, 200, JSON.stringify(r.json));
    assert.deepEqual(r.json.TableDescription.AttributeDefinitions.map((a: { AttributeName: string }) => a.AttributeName), ['a', 'pk', 'z']);
    assert.equal('WarmThroughput' in r.json.TableDescription.GlobalSecondaryIndexes[0], false);
    const d = (await t.raw('DescribeTable', { TableName: name })).json.Table;
    assert.deepEqual(d.GlobalSecondaryIndexes.map((g: { IndexName: string }) => g.IndexName), ['byZ', 'byA']);
    assert.deepEqual(d.GlobalSecondaryIndexes[0].Projection.NonKeyAttributes, ['aa', 'mm', 'zz']);
    const warm = d.GlobalSecondaryIndexes[0].WarmThroughput;
    assert.deepEqual([warm.ReadUnitsPerSecond, warm.WriteUnitsPerSecond], [2, 1]);
    assert.deepEqual([d.WarmThroughput.ReadUnitsPerSecond, d.WarmThroughput.WriteUnitsPerSecond], [5, 5]);
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

describe('Provisioned throughput decreases per UTC day (DDB-TABLE-184, DDB-TABLE-185, DDB-TABLE-326)', () => {
  const clock = new ManualClock(Date.parse('2026-10-09T00:21:34.000Z'));
  let c: TestEddy;
  before(async () => {
    c = await startTestEddy({ clock });
  });
  after(async () => {
    await c.stop();
  });
  // Moving the clock runs due transitions in the background (on a file engine, after a sync).
  const idle = async () => {
    const tables = c.eddy.services.tables;
    assert.ok(tables instanceof TableManager);
    await tables.idle();
  };
  const pt = async (table: string, read: number, write: number) =>
    c.raw('UpdateTable', { TableName: table, ProvisionedThroughput: { ReadCapacityUnits: read, WriteCapacityUnits: write } });
  const LIMIT =
    'Subscriber limit exceeded: Provisioned throughput decreases are limited within a given UTC day. After the first 4 decreases, ' +
    'each subsequent decrease in the same UTC day can be performed at most once every 3600 seconds. ';

  it('four are free, then one per hour after the last; increases stay allowed; midnight restores the budget', async () => {
    const table = uniqueName('decr');
    const created = await c.raw('CreateTable', {
      TableName: table,
      BillingMode: 'PROVISIONED',
      ProvisionedThroughput: { ReadCapacityUnits: 10, WriteCapacityUnits: 10 },
      AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
    });
    assert.equal(created.status, 200);
    for (const read of [9, 8, 7, 6]) assert.equal((await pt(table, read, 10)).status, 200);
    const refused = await pt(table, 5, 10);
    assert.equal(refused.status, 400);
    assert.equal(refused.json.__type, 'com.amazonaws.dynamodb.v20120810#LimitExceededException');
    assert.equal(
      refused.json.message,
      `${LIMIT}Number of decreases today: 4. Last decrease at Friday, October 9, 2026 at 12:21:34 AM Coordinated Universal Time. ` +
        'Next decrease can be made at Friday, October 9, 2026 at 1:21:34 AM Coordinated Universal Time.',
    );
    // Lowering one dimension while raising the other is still a decrease; raising both is not.
    assert.equal((await pt(table, 5, 11)).status, 400);
    assert.equal((await pt(table, 7, 11)).status, 200);
    clock.advance(3_599_000);
    await idle();
    assert.equal((await pt(table, 6, 11)).status, 400);
    clock.advance(1_000);
    await idle();
    assert.equal((await pt(table, 6, 11)).status, 200);
    const again = await pt(table, 5, 11);
    assert.equal(again.status, 400);
    assert.match(again.json.message, /Number of decreases today: 5\. Last decrease at Friday, October 9, 2026 at 1:21:34 AM .* at 2:21:34 AM Coordinated Universal Time\.$/);
    // Late in the day the next chance is midnight, when the count starts again.
    clock.set(Date.parse('2026-10-09T23:30:00.000Z'));
    await idle();
    assert.equal((await pt(table, 5, 11)).status, 200);
    const late = await pt(table, 4, 11);
    assert.equal(
      late.json.message,
      `${LIMIT}Number of decreases today: 6. Last decrease at Friday, October 9, 2026 at 11:30:00 PM Coordinated Universal Time. ` +
        'Next decrease can be made at Saturday, October 10, 2026 at 12:00:00 AM Coordinated Universal Time.',
    );
    clock.set(Date.parse('2026-10-10T00:00:00.000Z'));
    await idle();
    assert.equal((await pt(table, 4, 11)).status, 200);
    const d = await c.raw('DescribeTable', { TableName: table });
    assert.equal(d.json.Table.ProvisionedThroughput.NumberOfDecreasesToday, 1);
  });

  it('an index has a budget of its own (DDB-TABLE-157)', async () => {
    const table = uniqueName('decrgsi');
    const pt = (n: number) => ({ ReadCapacityUnits: n, WriteCapacityUnits: n });
    const created = await createProvisionedWithGsi(c, table, 50);
    assert.equal(created.status, 200);
    const index = (n: number) => c.raw('UpdateTable', { TableName: table, GlobalSecondaryIndexUpdates: [{ Update: { IndexName: 'gsi1', ProvisionedThroughput: pt(n) } }] });
    for (const n of [40, 30, 20, 10]) assert.equal((await c.raw('UpdateTable', { TableName: table, ProvisionedThroughput: pt(n) })).status, 200);
    // The table's budget is spent: a request lowering both is refused whole; the index alone is not.
    const coupled = await c.raw('UpdateTable', {
      TableName: table,
      ProvisionedThroughput: pt(5),
      GlobalSecondaryIndexUpdates: [{ Update: { IndexName: 'gsi1', ProvisionedThroughput: pt(40) } }],
    });
    assert.equal(coupled.status, 400);
    assert.match(coupled.json.message, /^Subscriber limit exceeded: Provisioned throughput decreases are limited .* Number of decreases today: 4\./);
    for (const n of [40, 30, 20, 10]) assert.equal((await index(n)).status, 200);
    const fifth = await index(5);
    assert.equal(fifth.status, 400);
    assert.match(fifth.json.message, /Number of decreases today: 4\./);
  });
});

describe('Per-table and per-index capacity quotas of 40000 units (DDB-TABLE-154, DDB-TABLE-393)', () => {
  const keyed = (name: string) => ({
    TableName: name,
    AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
    KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
  });
  const limit = async (op: string, body: Record<string, unknown>, message: string) => {
    const r = await t.raw(op, body);
    assert.equal(r.status, 400);
    assert.deepEqual(r.json, { __type: 'com.amazonaws.dynamodb.v20120810#LimitExceededException', message });
  };

  it('provisioned capacity above the per-table maximum is refused at CreateTable and UpdateTable', async () => {
    const text = (unit: string, n: number) =>
      `The requested ${unit}, ${n}, is above the per table maximum for the account in us-east-1. Per table maximum: 40000. ` +
      'Refer to the Amazon DynamoDB Developer Guide for current limits and how to request higher limits.';
    const name = uniqueName('quota');
    await limit('CreateTable', { ...keyed(name), BillingMode: 'PROVISIONED', ProvisionedThroughput: { ReadCapacityUnits: 40001, WriteCapacityUnits: 1 } }, text('ReadCapacityUnits', 40001));
    const created = await t.raw('CreateTable', { ...keyed(name), BillingMode: 'PROVISIONED', ProvisionedThroughput: { ReadCapacityUnits: 40000, WriteCapacityUnits: 1 } });
    assert.equal(created.status, 200);
    await limit('UpdateTable', { TableName: name, ProvisionedThroughput: { ReadCapacityUnits: 1, WriteCapacityUnits: 50000 } }, text('WriteCapacityUnits', 50000));
    // An index is checked on its own (and its text, too, says "Per table maximum").
    await limit(
      'CreateTable',
      {
        ...keyed(uniqueName('quota')),
        BillingMode: 'PROVISIONED',
        ProvisionedThroughput: { ReadCapacityUnits: 39900, WriteCapacityUnits: 1 },
        GlobalSecondaryIndexes: [
          {
            IndexName: 'gsi1',
            KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
            Projection: { ProjectionType: 'ALL' },
            ProvisionedThroughput: { ReadCapacityUnits: 40001, WriteCapacityUnits: 1 },
          },
        ],
      },
      'The requested ReadCapacityUnits for index gsi1, 40001, is above the per index maximum for the account in us-east-1. Per table maximum: 40000. ' +
        'Refer to the Amazon DynamoDB Developer Guide for current limits and how to request higher limits.',
    );
  });

  it('on-demand maxima above the quota name the table or the index', async () => {
    const name = uniqueName('quota');
    const created = await t.raw('CreateTable', {
      ...keyed(name),
      BillingMode: 'PAY_PER_REQUEST',
      GlobalSecondaryIndexes: [{ IndexName: 'gsi1', KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }], Projection: { ProjectionType: 'KEYS_ONLY' } }],
    });
    assert.equal(created.status, 200);
    await limit(
      'UpdateTable',
      { TableName: name, OnDemandThroughput: { MaxReadRequestUnits: 40001, MaxWriteRequestUnits: 1000 } },
      'Subscriber limit exceeded: Requested MaxReadRequestUnits for OnDemandThroughput for table exceeds TableMaxReadCapacityUnits of the account in region us-east-1',
    );
    await limit(
      'UpdateTable',
      { TableName: name, GlobalSecondaryIndexUpdates: [{ Update: { IndexName: 'gsi1', OnDemandThroughput: { MaxWriteRequestUnits: 40001 } } }] },
      'Subscriber limit exceeded: Requested MaxWriteRequestUnits for OnDemandThroughput for index : gsi1 exceeds TableMaxWriteCapacityUnits of the account in region us-east-1',
    );
  });
});

describe('Encryption changes per table: 4 in a 24 h window, then one per 6 h (DDB-TABLE-081, DDB-TABLE-142)', () => {
  const clock = new ManualClock(Date.parse('2026-10-08T23:13:00.402Z'));
  let c: TestEddy;
  before(async () => {
    c = await startTestEddy({ clock });
  });
  after(async () => {
    await c.stop();
  });
  const idle = async () => {
    const tables = c.eddy.services.tables;
    assert.ok(tables instanceof TableManager);
    await tables.idle();
  };
  const sse = (table: string, spec: Record<string, unknown>) => c.raw('UpdateTable', { TableName: table, SSESpecification: spec });

  it('the fifth change is refused before its key is looked at; six hours after the last, one more passes', async () => {
    const table = uniqueName('ssequota');
    const created = await c.raw('CreateTable', {
      TableName: table,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
    });
    assert.equal(created.status, 200);
    for (const enabled of [true, false, true, false]) {
      assert.equal((await sse(table, { Enabled: enabled })).status, 200);
      clock.advance(1000);
      await idle();
    }
    const refused = await sse(table, { Enabled: true, SSEType: 'KMS', KMSMasterKeyId: 'arn:aws:kms:us-east-1:123456789012:key/not-a-key' });
    assert.equal(refused.status, 400);
    assert.equal(refused.json.__type, 'com.amazonaws.dynamodb.v20120810#LimitExceededException');
    assert.equal(
      refused.json.message,
      'Subscriber limit exceeded: Encryption mode changes are limited in the 24h window ending at 2026-10-09T23:13:00.402Z. ' +
        'After the first 4 change, each subsequent change in the same window can be performed at most once every 21600 seconds. ' +
        'Number of updates today: 4. Last change at 2026-10-08T23:13:03.402Z',
    );
    clock.advance(21_600_000 - 1000);
    await idle();
    assert.equal((await sse(table, { Enabled: true })).status, 200);
    const again = await sse(table, { Enabled: false });
    assert.match(again.json.message, /Number of updates today: 5\. Last change at 2026-10-09T05:13:03\.402Z$/);
    // A new window opens 24 h after the first change.
    clock.set(Date.parse('2026-10-09T23:13:00.402Z'));
    await idle();
    assert.equal((await sse(table, { Enabled: false })).status, 200);
  });
});

describe('Switching an on-demand table with index maxima to provisioned (DDB-TABLE-153, DDB-TABLE-357)', () => {
  it('drops the maxima of the table and its indexes; an index maximum is then refused naming the index', async () => {
    const name = uniqueName('odtgsi');
    const created = await t.raw('CreateTable', {
      TableName: name,
      BillingMode: 'PAY_PER_REQUEST',
      OnDemandThroughput: { MaxReadRequestUnits: 100 },
      AttributeDefinitions: [
        { AttributeName: 'pk', AttributeType: 'S' },
        { AttributeName: 'g', AttributeType: 'S' },
      ],
      KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
      GlobalSecondaryIndexes: [
        {
          IndexName: 'gsi1',
          KeySchema: [{ AttributeName: 'g', KeyType: 'HASH' }],
          Projection: { ProjectionType: 'ALL' },
          OnDemandThroughput: { MaxReadRequestUnits: 6000, MaxWriteRequestUnits: 5000 },
        },
      ],
    });
    assert.equal(created.status, 200);
    const pt = { ReadCapacityUnits: 5, WriteCapacityUnits: 5 };
    const switched = await t.raw('UpdateTable', {
      TableName: name,
      BillingMode: 'PROVISIONED',
      ProvisionedThroughput: pt,
      GlobalSecondaryIndexUpdates: [{ Update: { IndexName: 'gsi1', ProvisionedThroughput: pt } }],
    });
    assert.equal(switched.status, 200);
    const d = await t.raw('DescribeTable', { TableName: name });
    assert.equal('OnDemandThroughput' in d.json.Table, false);
    assert.equal('OnDemandThroughput' in d.json.Table.GlobalSecondaryIndexes[0], false);
    await assertValidation(
      t,
      'UpdateTable',
      { TableName: name, GlobalSecondaryIndexUpdates: [{ Update: { IndexName: 'gsi1', OnDemandThroughput: { MaxReadRequestUnits: 50 } } }] },
      'One or more parameter values were invalid: MaxReadRequestUnits for OnDemandThroughput for index : gsi1 cannot be specified when the table BillingMode is PROVISIONED',
    );
  });

  it('members UpdateTable does not have are ignored beside a change', async () => {
    const name = await createHashTable(t, 'ignored');
    const r = await t.raw('UpdateTable', { TableName: name, KeySchema: [{ AttributeName: 'x', KeyType: 'HASH' }], DeletionProtectionEnabled: false });
    assert.equal(r.status, 200, r.body);
    assert.equal(r.json.TableDescription.KeySchema[0].AttributeName, 'p');
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

describe('Deleting a table with point-in-time recovery on leaves a SYSTEM backup (DDB-TABLE-167)', () => {
  it('listed as SYSTEM only, kept 35 days, not deletable, restorable', async () => {
    const name = await createHashTable(t, 'sysbackup');
    const on = await t.raw('UpdateContinuousBackups', { TableName: name, PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true } });
    assert.equal(on.status, 200);
    assert.equal((await t.raw('PutItem', { TableName: name, Item: { p: { S: 'kept' } } })).status, 200);
    assert.equal((await t.raw('DeleteTable', { TableName: name })).status, 200);

    const user = await t.raw('ListBackups', { TableName: name });
    assert.deepEqual(user.json.BackupSummaries, []);
    const system = await t.raw('ListBackups', { TableName: name, BackupType: 'SYSTEM' });
    assert.equal(system.json.BackupSummaries.length, 1);
    const summary = system.json.BackupSummaries[0];
    assert.equal(summary.BackupName, `${name}$DeletedTableBackup`);
    assert.equal(summary.BackupType, 'SYSTEM');
    assert.match(summary.BackupArn, /\/backup\/\d{14}-00000000$/);
    assert.equal(Math.round(summary.BackupExpiryDateTime - summary.BackupCreationDateTime), 35 * 86400);
    assert.equal((await t.raw('ListBackups', { TableName: name, BackupType: 'ALL' })).json.BackupSummaries.length, 1);

    const refused = await t.raw('DeleteBackup', { BackupArn: summary.BackupArn });
    assert.equal(refused.status, 400);
    assert.equal(refused.json.__type, 'com.amazon.coral.validate#ValidationException');
    assert.ok(
      refused.json.message.startsWith(`Invalid Request: User is not allowed to delete the system backup with arn ${summary.BackupArn}. It will automatically expire on `),
      refused.json.message,
    );

    const target = uniqueName('fromsys');
    const restored = await t.raw('RestoreTableFromBackup', { TargetTableName: target, BackupArn: summary.BackupArn });
    assert.equal(restored.status, 200, restored.body);
    let status = '';
    for (let i = 0; i < 50 && status !== 'ACTIVE'; i++) {
      status = (await t.raw('DescribeTable', { TableName: target })).json.Table.TableStatus;
      if (status !== 'ACTIVE') await new Promise((r) => setTimeout(r, 20));
    }
    const item = await t.raw('GetItem', { TableName: target, Key: { p: { S: 'kept' } } });
    assert.deepEqual(item.json.Item, { p: { S: 'kept' } });
  });

  it('a table without point-in-time recovery leaves none', async () => {
    const name = await createHashTable(t, 'nosys');
    assert.equal((await t.raw('DeleteTable', { TableName: name })).status, 200);
    assert.deepEqual((await t.raw('ListBackups', { TableName: name, BackupType: 'ALL' })).json.BackupSummaries, []);
  });
});

describe('DeleteTable answers a reduced description (DDB-TABLE-363)', () => {
  it('without key schema, attribute definitions, indexes, creation time or warm throughput', async () => {
    const name = uniqueName('reduced');
    const created = await t.raw('CreateTable', {
      TableName: name,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [
        { AttributeName: 'pk', AttributeType: 'S' },
        { AttributeName: 'g', AttributeType: 'S' },
      ],
      KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
      GlobalSecondaryIndexes: [{ IndexName: 'gsi1', KeySchema: [{ AttributeName: 'g', KeyType: 'HASH' }], Projection: { ProjectionType: 'ALL' } }],
    });
    assert.equal(created.status, 200);
    const r = await t.raw('DeleteTable', { TableName: name });
    assert.equal(r.status, 200);
    for (const member of ['KeySchema', 'AttributeDefinitions', 'GlobalSecondaryIndexes', 'CreationDateTime', 'WarmThroughput']) {
      assert.equal(member in r.json.TableDescription, false, member);
    }
    assert.equal(r.json.TableDescription.TableStatus, 'DELETING');
  });
});

/** A PROVISIONED table keyed on pk with one ALL-projected GSI `gsi1` on g, both at `units`/`units`. */
function createProvisionedWithGsi(client: TestEddy, name: string, units: number): Promise<RawResponse> {
  const pt = { ReadCapacityUnits: units, WriteCapacityUnits: units };
  return client.raw('CreateTable', {
    TableName: name,
    BillingMode: 'PROVISIONED',
    ProvisionedThroughput: pt,
    AttributeDefinitions: [
      { AttributeName: 'pk', AttributeType: 'S' },
      { AttributeName: 'g', AttributeType: 'S' },
    ],
    KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
    GlobalSecondaryIndexes: [{ IndexName: 'gsi1', KeySchema: [{ AttributeName: 'g', KeyType: 'HASH' }], Projection: { ProjectionType: 'ALL' }, ProvisionedThroughput: pt }],
  });
}
