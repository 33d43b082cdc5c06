import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ManualClock } from '../src/shared/clock.js';
import { startTestEddy, uniqueName, type TestEddy } from './helpers/eddy.js';
import { assertValidation, createHashTable, createProvisionedWithGsi, gsiTableRequest, transitionsIdle } from './helpers/conformance.js';

/**
 * Control-plane answers probed on live DynamoDB in October 2026 (the ack-api-quirks catalogue of
 * the AWS Controllers for Kubernetes DynamoDB controller; finding ids in each test's name). This
 * file: backups and restores, and the quotas DynamoDB enforces on throughput, capacity and encryption changes.
 */
let t: TestEddy;

before(async () => {
  t = await startTestEddy();
});
after(async () => {
  await t.stop();
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
    const created = await t.raw('CreateTable', gsiTableRequest(table, { index: { IndexName: 'byG' }, extra }));
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

describe('Provisioned throughput decreases per UTC day (DDB-TABLE-184, DDB-TABLE-185, DDB-TABLE-326)', () => {
  const clock = new ManualClock(Date.parse('2026-10-09T00:21:34.000Z'));
  let c: TestEddy;
  before(async () => {
    c = await startTestEddy({ clock });
  });
  after(async () => {
    await c.stop();
  });
  const idle = () => transitionsIdle(c);
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
  const idle = () => transitionsIdle(c);
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
    const created = await t.raw('CreateTable', gsiTableRequest(name, {
      index: { OnDemandThroughput: { MaxReadRequestUnits: 6000, MaxWriteRequestUnits: 5000 } },
      extra: { OnDemandThroughput: { MaxReadRequestUnits: 100 } },
    }));
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
