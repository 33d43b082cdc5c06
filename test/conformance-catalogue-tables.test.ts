import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ManualClock } from '../src/shared/clock.js';
import { startTestEddy, uniqueName, type TestEddy } from './helpers/eddy.js';
import { assertValidation, createHashTable, createProvisionedWithGsi, gsiTableRequest, transitionsIdle } from './helpers/conformance.js';

/**
 * Control-plane answers probed on live DynamoDB in October 2026 (the ack-api-quirks catalogue of
 * the AWS Controllers for Kubernetes DynamoDB controller; finding ids in each test's name). This
 * file: table states: admission while UPDATING, described throughput and ordering, deletion.
 */
let t: TestEddy;

before(async () => {
  t = await startTestEddy();
});
after(async () => {
  await t.stop();
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
  const settled = () => transitionsIdle(slow);
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
    const created = await slow.raw('CreateTable', gsiTableRequest(name, { units: 1, index: { IndexName: 'byG', Projection: { ProjectionType: 'KEYS_ONLY' } } }));
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

describe('CreateTable: an on-demand GSI WarmThroughput below the initial throughput (DDB-TABLE-128)', () => {
  it('is refused naming the index', async () => {
    await assertValidation(
      t,
      'CreateTable',
      gsiTableRequest(uniqueName('gsiwarm'), { index: { IndexName: 'byG', WarmThroughput: { ReadUnitsPerSecond: 100 } } }),
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
    const created = await t.raw('CreateTable', gsiTableRequest(name));
    assert.equal(created.status, 200);
    const r = await t.raw('DeleteTable', { TableName: name });
    assert.equal(r.status, 200);
    for (const member of ['KeySchema', 'AttributeDefinitions', 'GlobalSecondaryIndexes', 'CreationDateTime', 'WarmThroughput']) {
      assert.equal(member in r.json.TableDescription, false, member);
    }
    assert.equal(r.json.TableDescription.TableStatus, 'DELETING');
  });
});
