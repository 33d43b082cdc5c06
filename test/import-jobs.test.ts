import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DescribeImportCommand, ImportTableCommand, ListImportsCommand } from '@aws-sdk/client-dynamodb';
import { ManualClock } from '../src/shared/clock.js';
import type { StartOptions } from '../src/server/start.js';
import { startTestEddy, uniqueName, type RawResponse, type TestEddy } from './helpers/eddy.js';
import { itOnEveryDurableEngine, rawOk } from './helpers/restart.js';

/**
 * ImportTable and what DescribeImport / ListImports / DescribeTable show. Eddy has no S3: every
 * import is accepted (IN_PROGRESS) and FAILED 5.6 s later with S3NoSuchBucket, and no table is
 * created, as DynamoDB answers for a missing bucket (ack-api-quirks DDB-IMPORT-003..019). The
 * restart tests cover exports too.
 */
type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any -- test JSON
const ACCOUNT = '000000000000';
const VALIDATION = 'com.amazon.coral.validate#ValidationException';
const DDB = 'com.amazonaws.dynamodb.v20120810#';
const DELAY = 1000;

let clock: ManualClock;
let e: TestEddy;

const ok = rawOk;

function assertError(res: RawResponse, type: string, message: string): void {
  assert.equal(res.status, 400, res.body);
  assert.deepEqual(res.json, { __type: type, message });
}

const params = (TableName: string, extra: Record<string, unknown> = {}) => ({
  TableName,
  AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
  KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
  BillingMode: 'PAY_PER_REQUEST',
  ...extra,
});

const importOf = (t: TestEddy, name: string, extra: Record<string, unknown> = {}) =>
  t.raw('ImportTable', { S3BucketSource: { S3Bucket: 'no-such-bucket', S3KeyPrefix: 't1/' }, InputFormat: 'DYNAMODB_JSON', TableCreationParameters: params(name), ...extra });

before(async () => {
  clock = new ManualClock(Date.UTC(2026, 9, 9, 12));
  e = await startTestEddy({ clock, tableStatusDelayMs: DELAY });
});
after(async () => {
  await e.stop();
});

describe('ImportTable: accepted, then FAILED, no table', () => {
  it('answers IN_PROGRESS with the back-filled members; the table is never there', async () => {
    const name = uniqueName('im');
    const now = clock.now();
    const res = await importOf(e, name, { ClientToken: 'tok-i' });
    assert.equal(res.status, 200, res.body);
    const d = res.json.ImportTableDescription;
    const tableArn = `arn:aws:dynamodb:us-east-1:${ACCOUNT}:table/${name}`;
    assert.match(d.ImportArn, new RegExp(`^${tableArn}/import/${String(now).padStart(14, '0')}-[0-9a-f]{8}$`));
    assert.match(d.TableId, /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    assert.deepEqual(d, {
      ImportArn: d.ImportArn,
      ImportStatus: 'IN_PROGRESS',
      TableArn: tableArn,
      TableId: d.TableId,
      ClientToken: 'tok-i',
      S3BucketSource: { S3BucketOwner: ACCOUNT, S3Bucket: 'no-such-bucket', S3KeyPrefix: 't1/' },
      CloudWatchLogGroupArn: `arn:aws:logs:us-east-1:${ACCOUNT}:log-group:/aws-dynamodb/imports:*`,
      InputFormat: 'DYNAMODB_JSON',
      InputCompressionType: 'NONE',
      TableCreationParameters: params(name),
      StartTime: now / 1000,
    });
    const gone = await e.raw('DescribeTable', { TableName: name });
    assert.equal(gone.json.__type, `${DDB}ResourceNotFoundException`);
    clock.advance(5599);
    assert.equal((await ok(e, 'DescribeImport', { ImportArn: d.ImportArn })).ImportTableDescription.ImportStatus, 'IN_PROGRESS');
    clock.advance(1);
    const failed = (await e.client.send(new DescribeImportCommand({ ImportArn: d.ImportArn }))).ImportTableDescription;
    assert.equal(failed?.ImportStatus, 'FAILED');
    assert.equal(failed?.FailureCode, 'S3NoSuchBucket');
    assert.match(failed?.FailureMessage ?? '', /^The specified bucket does not exist \(Service: Amazon S3; Status Code: 404; Error Code: NoSuchBucket; Request ID: [A-Z0-9]{16}; /);
    assert.equal(failed?.EndTime?.getTime(), now + 5600);
    assert.deepEqual([failed?.ProcessedItemCount, failed?.ImportedItemCount, failed?.ErrorCount], [0, 0, 0]);
    assert.equal((await e.raw('DescribeTable', { TableName: name })).json.__type, `${DDB}ResourceNotFoundException`);
  });

  it('ListImports lists it newest first, by TableArn too; the name stays free', async () => {
    const name = uniqueName('il');
    const a = (await importOf(e, name)).json.ImportTableDescription;
    clock.advance(5);
    const b = (await importOf(e, name, { S3BucketSource: { S3Bucket: 'other-bucket' } })).json.ImportTableDescription;
    assert.notEqual(a.ImportArn, b.ImportArn);
    const list = await e.client.send(new ListImportsCommand({ TableArn: a.TableArn }));
    assert.deepEqual(list.ImportSummaryList?.map((s) => s.ImportArn), [b.ImportArn, a.ImportArn]);
    clock.advance(5600);
    const raw = await ok(e, 'ListImports', { TableArn: a.TableArn, PageSize: 1 });
    assert.deepEqual(raw.ImportSummaryList, [{
      ImportArn: b.ImportArn,
      ImportStatus: 'FAILED',
      TableArn: a.TableArn,
      S3BucketSource: { S3BucketOwner: ACCOUNT, S3Bucket: 'other-bucket' },
      CloudWatchLogGroupArn: `arn:aws:logs:us-east-1:${ACCOUNT}:log-group:/aws-dynamodb/imports:*`,
      InputFormat: 'DYNAMODB_JSON',
      StartTime: b.StartTime,
      EndTime: b.StartTime + 5.6,
    }]);
    const next = await ok(e, 'ListImports', { TableArn: a.TableArn, PageSize: 1, NextToken: raw.NextToken });
    assert.deepEqual(next.ImportSummaryList.map((s: Json) => s.ImportArn), [a.ImportArn]);
    assertError(await e.raw('ListExports', { NextToken: raw.NextToken }), VALIDATION, `Invalid Request: Provided nextToken is invalid: ${raw.NextToken}`);
    await ok(e, 'CreateTable', params(name));
  });
});

describe('ImportTable: existing table and client token', () => {
  it('a table of that name (CREATING, ACTIVE or DELETING) is ResourceInUseException, before the token', async () => {
    const name = uniqueName('ie');
    const first = (await importOf(e, name, { ClientToken: 'before-table' })).json.ImportTableDescription;
    await ok(e, 'CreateTable', params(name));
    const inUse = `${DDB}ResourceInUseException`;
    assertError(await importOf(e, name), inUse, `Table already exists: ${name}`);
    clock.advance(DELAY);
    assertError(await importOf(e, name, { ClientToken: 'before-table' }), inUse, `Table already exists: ${name}`);
    await ok(e, 'DeleteTable', { TableName: name });
    assertError(await importOf(e, name), inUse, `Table already exists: ${name}`);
    clock.advance(DELAY);
    assert.equal((await importOf(e, name, { ClientToken: 'before-table' })).json.ImportTableDescription.ImportArn, first.ImportArn);
  });

  it('same token: same import (a changed S3KeyPrefix is ignored); a changed table name conflicts', async () => {
    const name = uniqueName('it');
    const out = await e.client.send(new ImportTableCommand({
      ClientToken: 'tok-same',
      S3BucketSource: { S3Bucket: 'no-such-bucket', S3KeyPrefix: 'a/' },
      InputFormat: 'CSV',
      InputFormatOptions: { Csv: { Delimiter: ';', HeaderList: ['pk', 'v'] } },
      InputCompressionType: 'GZIP',
      TableCreationParameters: { TableName: name, AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }], KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }], BillingMode: 'PAY_PER_REQUEST' },
    }));
    const d = out.ImportTableDescription;
    assert.deepEqual(d?.InputFormatOptions, { Csv: { Delimiter: ';', HeaderList: ['pk', 'v'] } });
    assert.equal(d?.InputCompressionType, 'GZIP');
    const body = { ClientToken: 'tok-same', InputFormat: 'CSV', InputFormatOptions: { Csv: { Delimiter: ';', HeaderList: ['pk', 'v'] } }, InputCompressionType: 'GZIP' };
    const replay = await importOf(e, name, { ...body, S3BucketSource: { S3Bucket: 'no-such-bucket', S3KeyPrefix: 'b/' } });
    assert.equal(replay.json.ImportTableDescription.ImportArn, d?.ImportArn);
    assert.equal(replay.json.ImportTableDescription.S3BucketSource.S3KeyPrefix, 'a/');
    assertError(
      await importOf(e, uniqueName('it'), { ...body, S3BucketSource: { S3Bucket: 'no-such-bucket', S3KeyPrefix: 'a/' } }),
      `${DDB}ImportConflictException`,
      'Import conflict: Duplicate request detected with conflicting parameters',
    );
  });
});

describe('ImportTable: synchronous errors', () => {
  it('records of DDB-IMPORT-009: compression enum, CSV delimiter, options for another format, billing', async () => {
    const name = uniqueName('iv');
    assertError(
      await importOf(e, name, { InputCompressionType: 'BZIP2' }),
      VALIDATION,
      "1 validation error detected: Value 'BZIP2' at 'inputCompressionType' failed to satisfy constraint: Member must satisfy enum value set: [ZSTD, NONE, GZIP]",
    );
    assertError(
      await importOf(e, name, { InputFormat: 'CSV', InputFormatOptions: { Csv: { Delimiter: ';;' } } }),
      VALIDATION,
      "2 validation errors detected: Value ';;' at 'inputFormatOptions.csv.delimiter' failed to satisfy constraint: Member must satisfy regular expression pattern: [,;:|\\t ]; " +
        "Value ';;' at 'inputFormatOptions.csv.delimiter' failed to satisfy constraint: Member must have length less than or equal to 1",
    );
    assertError(await importOf(e, name, { InputFormatOptions: { Csv: { Delimiter: ',' } } }), VALIDATION, 'Invalid Request: Unsupported InputFormatOptions for the given input format: DYNAMODB_JSON.');
    const p = params(name);
    const { BillingMode: _b, ...provisioned } = p;
    assertError(
      await importOf(e, name, { TableCreationParameters: provisioned }),
      VALIDATION,
      'One or more parameter values were invalid: ReadCapacityUnits and WriteCapacityUnits must both be specified when BillingMode is PROVISIONED',
    );
    assertError(
      await importOf(e, name, { TableCreationParameters: { ...p, BillingMode: 'PROVISIONED', ProvisionedThroughput: { ReadCapacityUnits: 1, WriteCapacityUnits: 1 }, OnDemandThroughput: { MaxWriteRequestUnits: 5 } } }),
      VALIDATION,
      'One or more parameter values were invalid: MaxWriteRequestUnits for OnDemandThroughput cannot be specified when table BillingMode is PROVISIONED.',
    );
    assertError(await importOf(e, name, { S3BucketSource: { S3Bucket: 'bucket', S3BucketOwner: '12' } }), VALIDATION,
      "1 validation error detected: Value '12' at 's3BucketSource.s3BucketOwner' failed to satisfy constraint: Member must satisfy regular expression pattern: [0-9]{12}");
    assertError(await importOf(e, name, { ClientToken: 'a$b' }), VALIDATION,
      "1 validation error detected: Value 'a$b' at 'clientToken' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[^\\$]+$");
    assert.deepEqual(await ok(e, 'ListImports', { TableArn: `arn:aws:dynamodb:us-east-1:${ACCOUNT}:table/${name}` }), { ImportSummaryList: [] });
  });
});

/** An import and an export, then a restart on the same storage: both are still there, and fail on time. */
async function restartKeepsJobs(opts: Partial<StartOptions>): Promise<void> {
  const first = await startTestEddy({ clock, tableStatusDelayMs: DELAY, ...opts });
  const name = uniqueName('ir');
  let importArn = '';
  let exportArn = '';
  try {
    importArn = (await ok(first, 'ImportTable', { S3BucketSource: { S3Bucket: 'nb' }, InputFormat: 'ION', TableCreationParameters: params(name), ClientToken: 'r' })).ImportTableDescription.ImportArn;
    const source = uniqueName('xr');
    const tableArn = (await ok(first, 'CreateTable', params(source))).TableDescription.TableArn;
    clock.advance(DELAY);
    await ok(first, 'UpdateContinuousBackups', { TableName: source, PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true } });
    exportArn = (await ok(first, 'ExportTableToPointInTime', { TableArn: tableArn, S3Bucket: 'nb' })).ExportDescription.ExportArn;
  } finally {
    await first.stop();
  }
  const second = await startTestEddy({ clock, tableStatusDelayMs: DELAY, ...opts });
  try {
    assert.equal((await ok(second, 'DescribeImport', { ImportArn: importArn })).ImportTableDescription.ImportStatus, 'IN_PROGRESS');
    assert.equal((await ok(second, 'DescribeExport', { ExportArn: exportArn })).ExportDescription.ExportStatus, 'IN_PROGRESS');
    clock.advance(5600);
    assert.equal((await ok(second, 'DescribeImport', { ImportArn: importArn })).ImportTableDescription.ImportStatus, 'FAILED');
    assert.equal((await ok(second, 'DescribeExport', { ExportArn: exportArn })).ExportDescription.FailureCode, 'S3NoSuchBucket');
    assert.ok((await ok(second, 'ListImports', {})).ImportSummaryList.some((s: Json) => s.ImportArn === importArn));
    const replay = await ok(second, 'ImportTable', { S3BucketSource: { S3Bucket: 'nb' }, InputFormat: 'ION', TableCreationParameters: params(name), ClientToken: 'r' });
    assert.equal(replay.ImportTableDescription.ImportArn, importArn);
  } finally {
    await second.stop();
  }
}

describe('export and import jobs survive a restart', () => {
  itOnEveryDurableEngine('eddy-jobs-', restartKeepsJobs);
});
