import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DescribeExportCommand, ExportTableToPointInTimeCommand, ListExportsCommand } from '@aws-sdk/client-dynamodb';
import { ManualClock } from '../src/shared/clock.js';
import { startTestEddy, uniqueName, type RawResponse, type TestEddy } from './helpers/eddy.js';
import { rawOk } from './helpers/restart.js';

/**
 * ExportTableToPointInTime and what DescribeExport / ListExports show. Eddy has no S3: every export
 * is accepted (IN_PROGRESS) and FAILED 5.6 s later with S3NoSuchBucket, as DynamoDB answers for a
 * missing bucket (ack-api-quirks DDB-EXPORT-001..020; src/dynamodb/s3-jobs/).
 */
type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any -- test JSON
const ACCOUNT = '000000000000';
const VALIDATION = 'com.amazon.coral.validate#ValidationException';
const DDB = 'com.amazonaws.dynamodb.v20120810#';
const START = Date.UTC(2026, 9, 9, 12);
const DELAY = 1000;
const FAILURE = /^The specified bucket does not exist \(Service: Amazon S3; Status Code: 404; Error Code: NoSuchBucket; Request ID: [A-Z0-9]{16}; S3 Extended Request ID: [A-Za-z0-9+/]{75}=; Proxy: null\)$/;

let clock: ManualClock;
let e: TestEddy;

const ok = rawOk;

/** Epoch seconds as DynamoDB quotes export period bounds: `2026-10-09T12:00:00Z`. */
const isoSeconds = (s: number) => new Date(s * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');

function assertError(res: RawResponse, type: string, message: string): void {
  assert.equal(res.status, 400, res.body);
  assert.deepEqual(res.json, { __type: type, message });
}

/** A table (PITR on unless `pitr` is false); its ARN. */
async function newTable(pitr = true, name = uniqueName('ex')): Promise<string> {
  const out = await ok(e, 'CreateTable', {
    TableName: name,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
    KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
  });
  clock.advance(DELAY);
  if (pitr) await ok(e, 'UpdateContinuousBackups', { TableName: name, PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true } });
  return out.TableDescription.TableArn;
}

const exportOf = (body: Record<string, unknown>) => e.raw('ExportTableToPointInTime', { S3Bucket: 'no-such-bucket', ...body });
const describeExport = async (arn: string) => (await ok(e, 'DescribeExport', { ExportArn: arn })).ExportDescription;

before(async () => {
  clock = new ManualClock(START);
  e = await startTestEddy({ clock, tableStatusDelayMs: DELAY });
});
after(async () => {
  await e.stop();
});

describe('ExportTableToPointInTime: accepted, then FAILED', () => {
  it('answers IN_PROGRESS with the members DynamoDB shows, and the ARN id is the start time', async () => {
    const tableArn = await newTable();
    const now = clock.now();
    const res = await exportOf({ TableArn: tableArn, ClientToken: 'tok-1' });
    assert.equal(res.status, 200, res.body);
    const d = res.json.ExportDescription;
    assert.match(d.ExportArn, new RegExp(`^${tableArn}/export/${String(now).padStart(14, '0')}-[0-9a-f]{8}$`));
    const table = await ok(e, 'DescribeTable', { TableName: tableArn.split('/')[1] });
    assert.deepEqual(d, {
      ExportArn: d.ExportArn,
      ExportStatus: 'IN_PROGRESS',
      StartTime: now / 1000,
      TableArn: tableArn,
      TableId: table.Table.TableId,
      ExportTime: now / 1000,
      ClientToken: 'tok-1',
      S3Bucket: 'no-such-bucket',
      S3SseAlgorithm: 'AES256',
      ExportFormat: 'DYNAMODB_JSON',
      DestinationType: 'S3',
    });
    assert.deepEqual(await describeExport(d.ExportArn), d);
  });

  it('is FAILED with S3NoSuchBucket 5.6 s after it started, without EndTime or counts', async () => {
    const tableArn = await newTable();
    const sent = { TableArn: tableArn, S3Prefix: 'p/', S3BucketOwner: '111122223333', ExportFormat: 'ION', S3SseAlgorithm: 'KMS', S3SseKmsKeyId: 'alias/aws/s3' };
    const out = await e.client.send(new ExportTableToPointInTimeCommand({ ...sent, S3Bucket: 'no-such-bucket', ExportFormat: 'ION', S3SseAlgorithm: 'KMS' }));
    const arn = out.ExportDescription?.ExportArn ?? '';
    assert.equal(out.ExportDescription?.ExportStatus, 'IN_PROGRESS');
    clock.advance(5599);
    assert.equal((await describeExport(arn)).ExportStatus, 'IN_PROGRESS');
    clock.advance(1);
    const d = await describeExport(arn);
    assert.equal(d.ExportStatus, 'FAILED');
    assert.equal(d.FailureCode, 'S3NoSuchBucket');
    assert.match(d.FailureMessage, FAILURE);
    for (const absent of ['EndTime', 'ItemCount', 'BilledSizeBytes', 'ExportManifest', 'ExportType']) assert.equal(d[absent], undefined, absent);
    assert.deepEqual([d.S3Prefix, d.S3BucketOwner, d.ExportFormat, d.S3SseAlgorithm, d.S3SseKmsKeyId], ['p/', '111122223333', 'ION', 'KMS', 'alias/aws/s3']);
    const sdk = await e.client.send(new DescribeExportCommand({ ExportArn: arn }));
    assert.equal(sdk.ExportDescription?.FailureMessage, d.FailureMessage);
  });

  it('ListExports shows summaries newest first; by TableArn only while that table exists', async () => {
    const tableArn = await newTable();
    const first = (await exportOf({ TableArn: tableArn })).json.ExportDescription.ExportArn;
    clock.advance(10);
    const second = (await exportOf({ TableArn: tableArn })).json.ExportDescription.ExportArn;
    const byTable = await ok(e, 'ListExports', { TableArn: tableArn });
    assert.deepEqual(byTable, {
      ExportSummaries: [
        { ExportArn: second, ExportStatus: 'IN_PROGRESS', ExportType: 'FULL_EXPORT' },
        { ExportArn: first, ExportStatus: 'IN_PROGRESS', ExportType: 'FULL_EXPORT' },
      ],
    });
    clock.advance(5600);
    await ok(e, 'DeleteTable', { TableName: tableArn });
    clock.advance(DELAY);
    assert.deepEqual(await ok(e, 'ListExports', { TableArn: tableArn }), { ExportSummaries: [] });
    assert.equal((await describeExport(first)).ExportStatus, 'FAILED');
    const all = (await ok(e, 'ListExports', { MaxResults: 25 })).ExportSummaries.map((s: Json) => s.ExportArn);
    assert.ok(all.includes(first) && all.includes(second));
    await newTable(true, tableArn.split('/')[1]);
    assert.deepEqual(await ok(e, 'ListExports', { TableArn: tableArn }), { ExportSummaries: [] });
  });

  it('pages with a 72-hex NextToken that only ListExports accepts', async () => {
    const tableArn = await newTable();
    const arns: string[] = [];
    for (let i = 0; i < 3; i++) {
      arns.unshift((await exportOf({ TableArn: tableArn })).json.ExportDescription.ExportArn);
      clock.advance(1);
    }
    const p1 = await e.client.send(new ListExportsCommand({ TableArn: tableArn, MaxResults: 2 }));
    assert.deepEqual(p1.ExportSummaries?.map((s) => s.ExportArn), arns.slice(0, 2));
    assert.match(p1.NextToken ?? '', /^[0-9a-f]{72}$/);
    const p2 = await ok(e, 'ListExports', { TableArn: tableArn, MaxResults: 1, NextToken: p1.NextToken });
    assert.deepEqual(p2.ExportSummaries.map((s: Json) => s.ExportArn), arns.slice(2));
    assert.equal(p2.NextToken, undefined);
    assertError(await e.raw('ListImports', { NextToken: p1.NextToken }), VALIDATION, `Invalid Request: Provided nextToken is invalid: ${p1.NextToken}`);
  });
});

describe('ExportTableToPointInTime: client token', () => {
  it('the same parameters give back the same export, also once FAILED; others conflict', async () => {
    const tableArn = await newTable();
    const body = { TableArn: tableArn, ClientToken: 'same', S3Prefix: 'a' };
    const arn = (await exportOf(body)).json.ExportDescription.ExportArn;
    clock.advance(3000);
    assert.equal((await exportOf(body)).json.ExportDescription.ExportArn, arn);
    clock.advance(3000);
    const again = (await exportOf(body)).json.ExportDescription;
    assert.deepEqual([again.ExportArn, again.ExportStatus, again.FailureCode], [arn, 'FAILED', 'S3NoSuchBucket']);
    const conflict = `${DDB}ExportConflictException`;
    const text = 'Export conflict: Duplicate request detected with conflicting parameters';
    assertError(await exportOf({ ...body, S3Prefix: 'b' }), conflict, text);
    assertError(await exportOf({ ...body, ExportFormat: 'ION' }), conflict, text);
    assertError(await exportOf({ ...body, S3Bucket: 'another' }), conflict, text);
    assert.equal((await ok(e, 'ListExports', { TableArn: tableArn })).ExportSummaries.length, 1);
  });

  it('8 hours after the export ended, the token starts a new one', async () => {
    const tableArn = await newTable();
    const body = { TableArn: tableArn, ClientToken: 'later' };
    const arn = (await exportOf(body)).json.ExportDescription.ExportArn;
    clock.advance(5600 + 8 * 3_600_000);
    assert.equal((await exportOf(body)).json.ExportDescription.ExportArn, arn);
    clock.advance(1);
    const fresh = (await exportOf(body)).json.ExportDescription;
    assert.notEqual(fresh.ExportArn, arn);
    assert.equal(fresh.ExportStatus, 'IN_PROGRESS');
  });
});

describe('ExportTableToPointInTime: synchronous errors', () => {
  it('PITR off, missing table, bare name, index ARN, other account, other region', async () => {
    const name = uniqueName('np');
    const noPitr = await newTable(false, name);
    assertError(await exportOf({ TableArn: noPitr }), `${DDB}PointInTimeRecoveryUnavailableException`, `Point in time recovery is not enabled for table '${name}'`);
    const missing = `arn:aws:dynamodb:us-east-1:${ACCOUNT}:table/${uniqueName('gone')}`;
    assertError(await exportOf({ TableArn: missing }), `${DDB}TableNotFoundException`, `Table not found: ${missing}`);
    assertError(await exportOf({ TableArn: name }), VALIDATION, 'One or more parameter values were invalid: tableArn is not a valid ARN');
    assertError(await exportOf({ TableArn: `${noPitr}/index/byX` }), VALIDATION, 'Invalid Request: Table ARN is invalid.');
    assertError(await exportOf({ TableArn: noPitr.replace(ACCOUNT, '123456789012') }), 'com.amazon.coral.service#AccessDeniedException', 'Access is denied');
    const region = noPitr.replace('us-east-1', 'us-west-2');
    assertError(await exportOf({ TableArn: region }), `${DDB}TableNotFoundException`, `Table not found: ${region}`);
    assert.deepEqual(await ok(e, 'ListExports', { TableArn: noPitr }), { ExportSummaries: [] });
  });

  it('member constraints in coral wording', async () => {
    const tableArn = await newTable();
    const one = (v: string, at: string, rule: string) => `1 validation error detected: Value '${v}' at '${at}' failed to satisfy constraint: ${rule}`;
    assertError(await exportOf({ TableArn: tableArn, S3Bucket: 'arn:aws:s3:::bkt' }), VALIDATION, one('arn:aws:s3:::bkt', 's3Bucket', 'Member must satisfy regular expression pattern: ^[a-z0-9A-Z]+[\\.\\-\\w]*[a-z0-9A-Z]+$'));
    assertError(await exportOf({ TableArn: tableArn, S3BucketOwner: 'not-an-account' }), VALIDATION, one('not-an-account', 's3BucketOwner', 'Member must satisfy regular expression pattern: [0-9]{12}'));
    assertError(await exportOf({ TableArn: tableArn, ExportFormat: 'CSV' }), VALIDATION, one('CSV', 'exportFormat', 'Member must satisfy enum value set: [ION, DYNAMODB_JSON]'));
    assertError(await exportOf({ TableArn: tableArn, ExportType: 'PARTIAL_EXPORT' }), VALIDATION, one('PARTIAL_EXPORT', 'exportType', 'Member must satisfy enum value set: [FULL_EXPORT, INCREMENTAL_EXPORT]'));
    assertError(await exportOf({ TableArn: tableArn, S3SseAlgorithm: 'aws:kms' }), VALIDATION, one('aws:kms', 's3SseAlgorithm', 'Member must satisfy enum value set: [AES256, KMS]'));
    assertError(await exportOf({ TableArn: '' }), VALIDATION, one('', 'tableArn', 'Member must have length greater than or equal to 1'));
    assert.equal((await exportOf({ TableArn: tableArn, S3Bucket: 'UPPER-Case.bucket' })).status, 200);
  });

  it('export time, KMS key, incremental couplings and period, filter', async () => {
    const tableArn = await newTable();
    const now = clock.now() / 1000;
    const invalidTime = `${DDB}InvalidExportTimeException`;
    assertError(await exportOf({ TableArn: tableArn, ExportTime: now + 5 }), invalidTime, 'Export Time is invalid');
    assertError(await exportOf({ TableArn: tableArn, ExportTime: now - 3600 }), invalidTime, 'Export Time is invalid');
    assertError(await exportOf({ TableArn: tableArn, S3SseKmsKeyId: 'k' }), VALIDATION, 'Invalid Request: KMS Key Id is not supported for this encryption type');
    const spec = { ExportFromTime: now - 3600 };
    assertError(await exportOf({ TableArn: tableArn, IncrementalExportSpecification: spec }), VALIDATION, 'Invalid Request: Export Type expected to be Incremental Export when incremental export specification is provided');
    assertError(await exportOf({ TableArn: tableArn, ExportType: 'FULL_EXPORT', IncrementalExportSpecification: spec }), VALIDATION, 'Invalid Request: When Export Type is Full Export , Incremental Export Specification should not be provided');
    assertError(await exportOf({ TableArn: tableArn, ExportType: 'INCREMENTAL_EXPORT' }), VALIDATION, 'Invalid Request: Incremental Export Specification expected when export type is set as Incremental Export');
    assertError(await exportOf({ TableArn: tableArn, ExportType: 'INCREMENTAL_EXPORT', IncrementalExportSpecification: {} }), VALIDATION, 'Invalid Request: ExportFromTime must be provided in IncrementalExportSpecification');
    const inc = (s: Record<string, unknown>) => exportOf({ TableArn: tableArn, ExportType: 'INCREMENTAL_EXPORT', IncrementalExportSpecification: s });
    assertError(await inc(spec), invalidTime, `Incremental export period from time cannot be less than the table creation time : ${isoSeconds(now - 3600)}`);
    assertError(await inc({ ExportFromTime: now }), invalidTime, 'Difference between export period from time and export period to time is less than 15 minutes');
    assertError(await exportOf({ TableArn: tableArn, FilterSpecification: {} }), VALIDATION, 'Invalid Request: Invalid FilterSpecification: The specification can not be empty');
    clock.advance(20 * 60_000);
    assertError(await inc({ ExportFromTime: now, ExportToTime: now + 3600 }), invalidTime, `Incremental export period to time cannot be greater than the current time : ${isoSeconds(now + 3600)}`);
    const res = await inc({ ExportFromTime: now });
    assert.equal(res.status, 200, res.body);
    const d = res.json.ExportDescription;
    assert.deepEqual(d.IncrementalExportSpecification, { ExportFromTime: now, ExportToTime: clock.now() / 1000, ExportViewType: 'NEW_AND_OLD_IMAGES' });
    assert.equal(d.ExportTime, undefined);
    const summary = (await ok(e, 'ListExports', { TableArn: tableArn })).ExportSummaries[0];
    assert.deepEqual(summary, { ExportArn: d.ExportArn, ExportStatus: 'IN_PROGRESS', ExportType: 'INCREMENTAL_EXPORT' });
  });
});
