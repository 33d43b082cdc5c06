import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  CreateBackupCommand,
  CreateTableCommand,
  DeleteBackupCommand,
  DescribeBackupCommand,
  DescribeContinuousBackupsCommand,
  DescribeTableCommand,
  ListBackupsCommand,
  RestoreTableFromBackupCommand,
  RestoreTableToPointInTimeCommand,
  UpdateContinuousBackupsCommand,
} from '@aws-sdk/client-dynamodb';
import { DeleteCommand, PutCommand, QueryCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { ManualClock } from '../src/shared/clock.js';
import { startTestEddy, uniqueName, type TestEddy } from './helpers/eddy.js';

const T0 = Date.UTC(2026, 0, 15, 12, 0, 0);

async function createTable(t: TestEddy, name: string): Promise<void> {
  await t.client.send(
    new CreateTableCommand({
      TableName: name,
      AttributeDefinitions: [
        { AttributeName: 'pk', AttributeType: 'S' },
        { AttributeName: 'g', AttributeType: 'S' },
      ],
      KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
      BillingMode: 'PAY_PER_REQUEST',
      GlobalSecondaryIndexes: [{ IndexName: 'byG', KeySchema: [{ AttributeName: 'g', KeyType: 'HASH' }], Projection: { ProjectionType: 'ALL' } }],
    }),
  );
}

async function items(t: TestEddy, name: string): Promise<Record<string, unknown>[]> {
  const out = await t.doc.send(new ScanCommand({ TableName: name, ConsistentRead: true }));
  return (out.Items ?? []).sort((a, b) => String(a.pk).localeCompare(String(b.pk)));
}

async function errorOf(p: Promise<unknown>): Promise<{ name: string; message: string }> {
  try {
    await p;
  } catch (err) {
    const e = err as { name: string; message: string };
    return { name: e.name, message: e.message };
  }
  assert.fail('expected an error');
}

describe('backups and point-in-time recovery (SDK)', () => {
  let t: TestEddy;
  let clock: ManualClock;
  before(async () => {
    clock = new ManualClock(T0);
    t = await startTestEddy({ clock });
  });
  after(async () => t.stop());

  test('backup → modify → restore gives the backup-time items and rebuilt indexes', async () => {
    const name = uniqueName('bk');
    await createTable(t, name);
    await t.doc.send(new PutCommand({ TableName: name, Item: { pk: 'a', g: 'x', v: 1 } }));
    await t.doc.send(new PutCommand({ TableName: name, Item: { pk: 'b', g: 'y', v: 2 } }));
    const created = await t.client.send(new CreateBackupCommand({ TableName: name, BackupName: 'snap-1' }));
    const details = created.BackupDetails;
    assert.ok(details?.BackupArn);
    assert.match(details.BackupArn, new RegExp(`^arn:aws:dynamodb:us-east-1:\\d{12}:table/${name}/backup/\\d{14}-[0-9a-f]{8}$`));
    assert.equal(details.BackupType, 'USER');
    assert.equal(details.BackupName, 'snap-1');
    assert.equal(details.BackupCreationDateTime?.getTime(), T0);

    clock.advance(1000);
    await t.doc.send(new PutCommand({ TableName: name, Item: { pk: 'a', g: 'x', v: 100 } }));
    await t.doc.send(new DeleteCommand({ TableName: name, Key: { pk: 'b' } }));
    await t.doc.send(new PutCommand({ TableName: name, Item: { pk: 'c', g: 'z', v: 3 } }));

    const described = await t.client.send(new DescribeBackupCommand({ BackupArn: details.BackupArn }));
    const d = described.BackupDescription;
    assert.equal(d?.BackupDetails?.BackupStatus, 'AVAILABLE');
    assert.ok((d?.BackupDetails?.BackupSizeBytes ?? 0) > 0);
    assert.equal(d?.SourceTableDetails?.TableName, name);
    assert.equal(d?.SourceTableDetails?.ItemCount, 2);
    assert.equal(d?.SourceTableDetails?.BillingMode, 'PAY_PER_REQUEST');
    assert.equal(d?.SourceTableFeatureDetails?.GlobalSecondaryIndexes?.[0]?.IndexName, 'byG');

    const target = uniqueName('restored');
    const restored = await t.client.send(new RestoreTableFromBackupCommand({ TargetTableName: target, BackupArn: details.BackupArn }));
    assert.equal(restored.TableDescription?.TableStatus, 'CREATING');
    assert.equal(restored.TableDescription?.RestoreSummary?.SourceBackupArn, details.BackupArn);
    assert.equal(restored.TableDescription?.RestoreSummary?.RestoreInProgress, true);
    const desc = await t.client.send(new DescribeTableCommand({ TableName: target }));
    assert.equal(desc.Table?.TableStatus, 'ACTIVE');
    assert.deepEqual(await items(t, target), [
      { pk: 'a', g: 'x', v: 1 },
      { pk: 'b', g: 'y', v: 2 },
    ]);
    const byG = await t.doc.send(new QueryCommand({ TableName: target, IndexName: 'byG', KeyConditionExpression: 'g = :g', ExpressionAttributeValues: { ':g': 'y' } }));
    assert.deepEqual(byG.Items, [{ pk: 'b', g: 'y', v: 2 }]);

    // A second restore to the same name: TableAlreadyExistsException.
    const dup = await errorOf(t.client.send(new RestoreTableFromBackupCommand({ TargetTableName: target, BackupArn: details.BackupArn })));
    assert.deepEqual(dup, { name: 'TableAlreadyExistsException', message: `Table already exists: ${target}` });

    const listed = await t.client.send(new ListBackupsCommand({ TableName: name }));
    assert.deepEqual(listed.BackupSummaries?.map((s) => s.BackupArn), [details.BackupArn]);
    const deleted = await t.client.send(new DeleteBackupCommand({ BackupArn: details.BackupArn }));
    assert.equal(deleted.BackupDescription?.BackupDetails?.BackupStatus, 'DELETED');
    const gone = await errorOf(t.client.send(new DescribeBackupCommand({ BackupArn: details.BackupArn })));
    assert.deepEqual(gone, { name: 'BackupNotFoundException', message: `Backup not found: ${details.BackupArn}` });
    assert.equal((await t.client.send(new ListBackupsCommand({ TableName: name }))).BackupSummaries?.length, 0);
  });

  test('restore overrides: no GSIs, provisioned billing', async () => {
    const name = uniqueName('ov');
    await createTable(t, name);
    await t.doc.send(new PutCommand({ TableName: name, Item: { pk: 'a', g: 'x' } }));
    const { BackupDetails } = await t.client.send(new CreateBackupCommand({ TableName: name, BackupName: 'ovr' }));
    const target = uniqueName('ovr');
    const out = await t.client.send(
      new RestoreTableFromBackupCommand({
        TargetTableName: target,
        BackupArn: BackupDetails?.BackupArn,
        GlobalSecondaryIndexOverride: [],
        BillingModeOverride: 'PROVISIONED',
        ProvisionedThroughputOverride: { ReadCapacityUnits: 3, WriteCapacityUnits: 4 },
      }),
    );
    assert.equal(out.TableDescription?.GlobalSecondaryIndexes, undefined);
    assert.equal(out.TableDescription?.ProvisionedThroughput?.ReadCapacityUnits, 3);
    assert.deepEqual(out.TableDescription?.AttributeDefinitions, [{ AttributeName: 'pk', AttributeType: 'S' }]);
    assert.deepEqual(await items(t, target), [{ pk: 'a', g: 'x' }]);
  });

  test('PITR: restore to a time between t2 and t3 gives exactly the t2 state', async () => {
    const name = uniqueName('pitr');
    await createTable(t, name);
    await t.doc.send(new PutCommand({ TableName: name, Item: { pk: 'before', g: 'x' } }));
    const off = await t.client.send(new DescribeContinuousBackupsCommand({ TableName: name }));
    assert.deepEqual(off.ContinuousBackupsDescription, {
      ContinuousBackupsStatus: 'ENABLED',
      PointInTimeRecoveryDescription: { PointInTimeRecoveryStatus: 'DISABLED' },
    });
    const unavailable = await errorOf(
      t.client.send(new RestoreTableToPointInTimeCommand({ SourceTableName: name, TargetTableName: uniqueName('x'), UseLatestRestorableTime: true })),
    );
    assert.equal(unavailable.name, 'PointInTimeRecoveryUnavailableException');

    const enabledAt = clock.now();
    const on = await t.client.send(
      new UpdateContinuousBackupsCommand({ TableName: name, PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true } }),
    );
    const pd = on.ContinuousBackupsDescription?.PointInTimeRecoveryDescription;
    assert.equal(pd?.PointInTimeRecoveryStatus, 'ENABLED');
    assert.equal(pd?.RecoveryPeriodInDays, 35);
    assert.equal(pd?.EarliestRestorableDateTime?.getTime(), enabledAt);

    clock.advance(10_000); // t1
    await t.doc.send(new PutCommand({ TableName: name, Item: { pk: 'a', g: 'x', v: 1 } }));
    await t.doc.send(new PutCommand({ TableName: name, Item: { pk: 'b', g: 'y', v: 1 } }));
    clock.advance(10_000); // t2
    await t.doc.send(new PutCommand({ TableName: name, Item: { pk: 'a', g: 'x', v: 2 } }));
    await t.doc.send(new DeleteCommand({ TableName: name, Key: { pk: 'before' } }));
    const t2 = clock.now();
    clock.advance(10_000); // t3
    await t.doc.send(new PutCommand({ TableName: name, Item: { pk: 'a', g: 'x', v: 3 } }));
    await t.doc.send(new DeleteCommand({ TableName: name, Key: { pk: 'b' } }));
    await t.doc.send(new PutCommand({ TableName: name, Item: { pk: 'c', g: 'z', v: 3 } }));
    clock.advance(1_000);

    const target = uniqueName('pitr-t2');
    const out = await t.client.send(
      new RestoreTableToPointInTimeCommand({ SourceTableName: name, TargetTableName: target, RestoreDateTime: new Date(t2 + 5_000) }),
    );
    assert.equal(out.TableDescription?.RestoreSummary?.SourceTableArn?.endsWith(`:table/${name}`), true);
    assert.equal(out.TableDescription?.RestoreSummary?.RestoreDateTime?.getTime(), t2 + 5_000);
    assert.deepEqual(await items(t, target), [
      { pk: 'a', g: 'x', v: 2 },
      { pk: 'b', g: 'y', v: 1 },
    ]);
    const byG = await t.doc.send(new QueryCommand({ TableName: target, IndexName: 'byG', KeyConditionExpression: 'g = :g', ExpressionAttributeValues: { ':g': 'x' } }));
    assert.deepEqual(byG.Items, [{ pk: 'a', g: 'x', v: 2 }]);

    // The enable moment: the base snapshot alone.
    const atEnable = uniqueName('pitr-t0');
    await t.client.send(new RestoreTableToPointInTimeCommand({ SourceTableName: name, TargetTableName: atEnable, RestoreDateTime: new Date(enabledAt) }));
    assert.deepEqual(await items(t, atEnable), [{ pk: 'before', g: 'x' }]);

    // Latest: the current state.
    const latest = uniqueName('pitr-latest');
    await t.client.send(new RestoreTableToPointInTimeCommand({ SourceTableName: name, TargetTableName: latest, UseLatestRestorableTime: true }));
    assert.deepEqual(await items(t, latest), await items(t, name));

    const early = await errorOf(
      t.client.send(new RestoreTableToPointInTimeCommand({ SourceTableName: name, TargetTableName: uniqueName('x'), RestoreDateTime: new Date(enabledAt - 1000) })),
    );
    assert.equal(early.name, 'InvalidRestoreTimeException');

    const disabled = await t.client.send(
      new UpdateContinuousBackupsCommand({ TableName: name, PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: false } }),
    );
    assert.equal(disabled.ContinuousBackupsDescription?.PointInTimeRecoveryDescription?.PointInTimeRecoveryStatus, 'DISABLED');
  });

  test('errors', async () => {
    const missing = uniqueName('missing');
    assert.deepEqual(await errorOf(t.client.send(new CreateBackupCommand({ TableName: missing, BackupName: 'abc' }))), {
      name: 'TableNotFoundException',
      message: `Table not found: ${missing}`,
    });
    assert.deepEqual(await errorOf(t.client.send(new DescribeContinuousBackupsCommand({ TableName: missing }))), {
      name: 'TableNotFoundException',
      message: `Table not found: ${missing}`,
    });
    assert.deepEqual(
      await errorOf(t.client.send(new RestoreTableToPointInTimeCommand({ SourceTableName: missing, TargetTableName: 'target', UseLatestRestorableTime: true }))),
      // Live DynamoDB answers TableNotFoundException here (ack-api-quirks DDB-TABLE-100, October 2026).
      { name: 'TableNotFoundException', message: `Table not found: ${missing}` },
    );
    const arn = `arn:aws:dynamodb:us-east-1:000000000000:table/${missing}/backup/01768478400000-0badcafe`;
    assert.deepEqual(await errorOf(t.client.send(new DeleteBackupCommand({ BackupArn: arn }))), {
      name: 'BackupNotFoundException',
      message: `Backup not found: ${arn}`,
    });
    const name = uniqueName('err');
    await createTable(t, name);
    const bad = await errorOf(t.client.send(new CreateBackupCommand({ TableName: name, BackupName: 'a b' })));
    assert.deepEqual(bad, {
      name: 'ValidationException',
      message:
        "1 validation error detected: Value 'a b' at 'backupName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+",
    });
    const period = await errorOf(
      t.client.send(
        new UpdateContinuousBackupsCommand({ TableName: name, PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true, RecoveryPeriodInDays: 36 } }),
      ),
    );
    assert.equal(period.name, 'ValidationException');
    assert.match(period.message, /recoveryPeriodInDays' failed to satisfy constraint: Member must have value less than or equal to 35/);
  });
});
