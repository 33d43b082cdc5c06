import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  CreateTableCommand,
  DeleteTableCommand,
  DescribeExportCommand,
  DescribeImportCommand,
  DescribeKinesisStreamingDestinationCommand,
  DisableKinesisStreamingDestinationCommand,
  ListExportsCommand,
  ListImportsCommand,
  UpdateKinesisStreamingDestinationCommand,
} from '@aws-sdk/client-dynamodb';
import { ManualClock } from '../src/shared/clock.js';
import { startTestEddy, uniqueName, type RawResponse, type TestEddy } from './helpers/eddy.js';

// Kinesis streaming destinations, exports and imports as DynamoDB answers them when no stream,
// export or import exists (src/dynamodb/operations/kinesis-streaming-destination.ts and
// exports-imports.ts cite the recordings). The test credentials are not a 12-digit account, so
// the caller's account is 000000000000; the region is us-east-1.

const ACCOUNT = '000000000000';
const STREAM = `arn:aws:kinesis:us-east-1:${ACCOUNT}:stream/eddy-test-stream`;
const NOT_VALID = 'Table is not in a valid state to enable Kinesis Streaming Destination: ';
const VALIDATION = 'com.amazon.coral.validate#ValidationException';
const NOT_FOUND = 'com.amazonaws.dynamodb.v20120810#ResourceNotFoundException';

let e: TestEddy;
let table: string;
let tableArn: string;

async function createTable(t: TestEddy, name: string): Promise<string> {
  const out = await t.client.send(
    new CreateTableCommand({
      TableName: name,
      AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
      BillingMode: 'PAY_PER_REQUEST',
    }),
  );
  return out.TableDescription?.TableArn ?? '';
}

function assertError(res: RawResponse, type: string, message: string): void {
  assert.equal(res.status, 400, res.body);
  assert.deepEqual(res.json, { __type: type, message });
}

/** The SDK's error for a request, by name and message. */
async function sdkError(p: Promise<unknown>): Promise<{ name: string; message: string }> {
  try {
    await p;
  } catch (err) {
    const { name, message } = err as Error;
    return { name, message };
  }
  assert.fail('expected the request to fail');
}

before(async () => {
  e = await startTestEddy();
  table = uniqueName('kin');
  tableArn = await createTable(e, table);
});
after(async () => {
  await e.stop();
});

describe('DescribeKinesisStreamingDestination', () => {
  test('a table without destinations: TableName and an empty list, nothing else', async () => {
    const res = await e.raw('DescribeKinesisStreamingDestination', { TableName: table });
    assert.equal(res.status, 200);
    assert.deepEqual(res.json, { TableName: table, KinesisDataStreamDestinations: [] });
    const out = await e.client.send(new DescribeKinesisStreamingDestinationCommand({ TableName: table }));
    assert.equal(out.TableName, table);
    assert.deepEqual(out.KinesisDataStreamDestinations, []);
  });

  test('the table ARN is accepted; the reply names the table', async () => {
    assert.equal(tableArn, `arn:aws:dynamodb:us-east-1:${ACCOUNT}:table/${table}`);
    const out = await e.client.send(new DescribeKinesisStreamingDestinationCommand({ TableName: tableArn }));
    assert.equal(out.TableName, table);
    assert.deepEqual(out.KinesisDataStreamDestinations, []);
  });

  test('a missing table is ResourceNotFoundException naming the table (also by ARN)', async () => {
    const missing = uniqueName('gone');
    assertError(await e.raw('DescribeKinesisStreamingDestination', { TableName: missing }), NOT_FOUND, `Requested resource not found: Table: ${missing} not found`);
    const arn = `arn:aws:dynamodb:us-east-1:${ACCOUNT}:table/${missing}`;
    assertError(await e.raw('DescribeKinesisStreamingDestination', { TableName: arn }), NOT_FOUND, `Requested resource not found: Table: ${missing} not found`);
    const err = await sdkError(e.client.send(new DescribeKinesisStreamingDestinationCommand({ TableName: missing })));
    assert.deepEqual(err, { name: 'ResourceNotFoundException', message: `Requested resource not found: Table: ${missing} not found` });
  });

  test('an ARN of another account is denied, of another region refused', async () => {
    const foreign = await e.raw('DescribeKinesisStreamingDestination', { TableName: `arn:aws:dynamodb:us-east-1:123456789012:table/${table}` });
    assertError(foreign, 'com.amazon.coral.service#AccessDeniedException', 'Access is denied');
    const region = `arn:aws:dynamodb:eu-west-1:${ACCOUNT}:table/${table}`;
    assertError(await e.raw('DescribeKinesisStreamingDestination', { TableName: region }), VALIDATION, `1 validation error detected: Invalid AWS region in '${region}'`);
  });

  test('CREATING answers like a missing table; DELETING is still described', async () => {
    const clock = new ManualClock(Date.UTC(2026, 9, 9, 12));
    const slow = await startTestEddy({ clock, tableStatusDelayMs: 5000 });
    try {
      const name = uniqueName('kc');
      await createTable(slow, name);
      assertError(await slow.raw('DescribeKinesisStreamingDestination', { TableName: name }), NOT_FOUND, `Requested resource not found: Table: ${name} not found`);
      clock.advance(5000);
      const active = await slow.raw('DescribeKinesisStreamingDestination', { TableName: name });
      assert.deepEqual(active.json, { TableName: name, KinesisDataStreamDestinations: [] });
      const deleting = await slow.client.send(new DeleteTableCommand({ TableName: name }));
      assert.equal(deleting.TableDescription?.TableStatus, 'DELETING');
      const res = await slow.raw('DescribeKinesisStreamingDestination', { TableName: name });
      assert.equal(res.status, 200, res.body);
      assert.deepEqual(res.json, { TableName: name, KinesisDataStreamDestinations: [] });
    } finally {
      await slow.stop();
    }
  });
});

describe('DisableKinesisStreamingDestination', () => {
  test('a stream that is not attached: ValidationException, must be ACTIVE to disable', async () => {
    const res = await e.raw('DisableKinesisStreamingDestination', { TableName: table, StreamArn: STREAM });
    assertError(res, VALIDATION, `${NOT_VALID}KinesisStreamingDestination must be ACTIVE to perform DISABLE operation.`);
    const err = await sdkError(e.client.send(new DisableKinesisStreamingDestinationCommand({ TableName: tableArn, StreamArn: STREAM })));
    assert.deepEqual(err, { name: 'ValidationException', message: `${NOT_VALID}KinesisStreamingDestination must be ACTIVE to perform DISABLE operation.` });
  });

  test('with EnableKinesisStreamingConfiguration: refused with its own text', async () => {
    const body = { TableName: table, StreamArn: STREAM, EnableKinesisStreamingConfiguration: { ApproximateCreationDateTimePrecision: 'MICROSECOND' } };
    assertError(await e.raw('DisableKinesisStreamingDestination', body), VALIDATION, 'Stream cannot be disabled using EnableKinesisStreamingConfiguration parameters');
  });

  test('an unknown precision fails the enum constraint before the table is looked up', async () => {
    const body = { TableName: uniqueName('gone'), StreamArn: STREAM, EnableKinesisStreamingConfiguration: { ApproximateCreationDateTimePrecision: 'SECOND' } };
    assertError(
      await e.raw('DisableKinesisStreamingDestination', body),
      VALIDATION,
      "1 validation error detected: Value 'SECOND' at 'enableKinesisStreamingConfiguration.approximateCreationDateTimePrecision' failed to satisfy constraint: Member must satisfy enum value set: [MILLISECOND, MICROSECOND]",
    );
  });

  test('a missing table is ResourceNotFoundException; a short StreamArn fails its length', async () => {
    const missing = uniqueName('gone');
    assertError(await e.raw('DisableKinesisStreamingDestination', { TableName: missing, StreamArn: STREAM }), NOT_FOUND, `Requested resource not found: Table: ${missing} not found`);
    assertError(
      await e.raw('DisableKinesisStreamingDestination', { TableName: table, StreamArn: 'not-an-arn' }),
      VALIDATION,
      "1 validation error detected: Value 'not-an-arn' at 'streamArn' failed to satisfy constraint: Member must have length greater than or equal to 37",
    );
  });
});

describe('UpdateKinesisStreamingDestination', () => {
  test('a stream that is not attached: no streaming destination with that ARN', async () => {
    const body = { TableName: table, StreamArn: STREAM, UpdateKinesisStreamingConfiguration: { ApproximateCreationDateTimePrecision: 'MICROSECOND' as const } };
    const text = `${NOT_VALID}No streaming destination with streamArn: ${STREAM} found for table with tableName: ${table}`;
    assertError(await e.raw('UpdateKinesisStreamingDestination', body), VALIDATION, text);
    const err = await sdkError(e.client.send(new UpdateKinesisStreamingDestinationCommand({ ...body, TableName: tableArn })));
    assert.deepEqual(err, { name: 'ValidationException', message: text });
  });

  test('without a precision: the configuration cannot be null', async () => {
    const text = 'Streaming destination cannot be updated with given parameters: UpdateKinesisStreamingConfiguration cannot be null or contain only null values';
    assertError(await e.raw('UpdateKinesisStreamingDestination', { TableName: table, StreamArn: STREAM }), VALIDATION, text);
    assertError(await e.raw('UpdateKinesisStreamingDestination', { TableName: table, StreamArn: STREAM, UpdateKinesisStreamingConfiguration: {} }), VALIDATION, text);
  });

  test('a missing table is ResourceNotFoundException; an unknown precision fails the enum', async () => {
    const missing = uniqueName('gone');
    const body = { TableName: missing, StreamArn: STREAM, UpdateKinesisStreamingConfiguration: { ApproximateCreationDateTimePrecision: 'MILLISECOND' } };
    assertError(await e.raw('UpdateKinesisStreamingDestination', body), NOT_FOUND, `Requested resource not found: Table: ${missing} not found`);
    assertError(
      await e.raw('UpdateKinesisStreamingDestination', { ...body, UpdateKinesisStreamingConfiguration: { ApproximateCreationDateTimePrecision: 'NANOSECOND' } }),
      VALIDATION,
      "1 validation error detected: Value 'NANOSECOND' at 'updateKinesisStreamingConfiguration.approximateCreationDateTimePrecision' failed to satisfy constraint: Member must satisfy enum value set: [MILLISECOND, MICROSECOND]",
    );
  });
});

describe('ListExports / ListImports', () => {
  test('no export or import exists: empty lists, no NextToken', async () => {
    const ex = await e.raw('ListExports', {});
    assert.equal(ex.status, 200);
    assert.deepEqual(ex.json, { ExportSummaries: [] });
    const im = await e.raw('ListImports', { TableArn: tableArn, PageSize: 25 });
    assert.equal(im.status, 200);
    assert.deepEqual(im.json, { ImportSummaryList: [] });
    const out = await e.client.send(new ListExportsCommand({ TableArn: tableArn, MaxResults: 1 }));
    assert.deepEqual(out.ExportSummaries, []);
    assert.equal(out.NextToken, undefined);
    const imports = await e.client.send(new ListImportsCommand({}));
    assert.deepEqual(imports.ImportSummaryList, []);
    assert.equal(imports.NextToken, undefined);
  });

  test('the page size is 1..25', async () => {
    const low = "1 validation error detected: Value '0' at 'maxResults' failed to satisfy constraint: Member must have value greater than or equal to 1";
    assertError(await e.raw('ListExports', { MaxResults: 0 }), VALIDATION, low);
    const high = "1 validation error detected: Value '26' at 'pageSize' failed to satisfy constraint: Member must have value less than or equal to 25";
    assertError(await e.raw('ListImports', { PageSize: 26 }), VALIDATION, high);
    const err = await sdkError(e.client.send(new ListExportsCommand({ MaxResults: 26 })));
    assert.equal(err.name, 'ValidationException');
    assert.equal(err.message, "1 validation error detected: Value '26' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 25");
  });

  test('TableArn is 1..1024 characters; with the page size both are listed', async () => {
    const text =
      "2 validation errors detected: Value '0' at 'pageSize' failed to satisfy constraint: Member must have value greater than or equal to 1; " +
      "Value '' at 'tableArn' failed to satisfy constraint: Member must have length greater than or equal to 1";
    assertError(await e.raw('ListImports', { PageSize: 0, TableArn: '' }), VALIDATION, text);
    const long = 'a'.repeat(1025);
    assertError(await e.raw('ListExports', { TableArn: long }), VALIDATION, `1 validation error detected: Value '${long}' at 'tableArn' failed to satisfy constraint: Member must have length less than or equal to 1024`);
  });

  test('a NextToken (none was ever issued) is invalid', async () => {
    const token = 'c3eb5df0d20ff832857aa576389ea7f9e41a9974e868d43ef0994fd86c4cf2f928e1be7d';
    assertError(await e.raw('ListImports', { NextToken: token }), VALIDATION, `Invalid Request: Provided nextToken is invalid: ${token}`);
    assertError(await e.raw('ListExports', { NextToken: 'abc' }), VALIDATION, 'Invalid Request: Provided nextToken is invalid: abc');
  });
});

describe('DescribeExport / DescribeImport', () => {
  const exportArn = `arn:aws:dynamodb:us-east-1:${ACCOUNT}:table/t1/export/01791506414432-3f2e5aa4`;
  const importArn = `arn:aws:dynamodb:us-east-1:${ACCOUNT}:table/t1/import/01791506414432-3f2e5aa4`;

  test('a well-formed export ARN: ExportNotFoundException, the prefix twice', async () => {
    const res = await e.raw('DescribeExport', { ExportArn: exportArn });
    assertError(res, 'com.amazonaws.dynamodb.v20120810#ExportNotFoundException', `Export not found: Export not found: ${exportArn}`);
    const err = await sdkError(e.client.send(new DescribeExportCommand({ ExportArn: exportArn })));
    assert.deepEqual(err, { name: 'ExportNotFoundException', message: `Export not found: Export not found: ${exportArn}` });
    const anyId = `arn:aws:dynamodb:us-east-1:${ACCOUNT}:table/nope/export/0`;
    assertError(await e.raw('DescribeExport', { ExportArn: anyId }), 'com.amazonaws.dynamodb.v20120810#ExportNotFoundException', `Export not found: Export not found: ${anyId}`);
  });

  test('export ARN of another region, another account, or not an export ARN', async () => {
    const type = 'com.amazonaws.dynamodb.v20120810#ExportNotFoundException';
    assertError(await e.raw('DescribeExport', { ExportArn: exportArn.replace('us-east-1', 'us-west-2') }), type, 'Export not found: Invalid export arn');
    assertError(await e.raw('DescribeExport', { ExportArn: exportArn.replace(ACCOUNT, '123456789012') }), 'com.amazon.coral.service#AccessDeniedException', 'Access is denied');
    for (const arn of [tableArn, importArn, 'x'.repeat(40)]) {
      assertError(await e.raw('DescribeExport', { ExportArn: arn }), VALIDATION, 'Invalid Export ARN');
    }
    assertError(
      await e.raw('DescribeExport', { ExportArn: 'foo' }),
      VALIDATION,
      "1 validation error detected: Value 'foo' at 'exportArn' failed to satisfy constraint: Member must have length greater than or equal to 37",
    );
  });

  test('a well-formed import ARN: ImportNotFoundException', async () => {
    const type = 'com.amazonaws.dynamodb.v20120810#ImportNotFoundException';
    assertError(await e.raw('DescribeImport', { ImportArn: importArn }), type, `Import not found: Import not found: ${importArn}`);
    const err = await sdkError(e.client.send(new DescribeImportCommand({ ImportArn: importArn })));
    assert.equal(err.name, 'ImportNotFoundException');
    assertError(await e.raw('DescribeImport', { ImportArn: importArn.replace('us-east-1', 'eu-west-2') }), type, 'Import not found: Invalid import arn');
  });

  test('import ARN of another account, or not an import ARN', async () => {
    assertError(await e.raw('DescribeImport', { ImportArn: importArn.replace(ACCOUNT, '123456789012') }), 'com.amazon.coral.service#AccessDeniedException', 'Access is denied');
    for (const arn of [tableArn, exportArn, 'x'.repeat(40)]) {
      assertError(await e.raw('DescribeImport', { ImportArn: arn }), VALIDATION, 'Invalid Import ARN');
    }
    assertError(
      await e.raw('DescribeImport', { ImportArn: 'y'.repeat(1025) }),
      VALIDATION,
      `1 validation error detected: Value '${'y'.repeat(1025)}' at 'importArn' failed to satisfy constraint: Member must have length less than or equal to 1024`,
    );
  });
});
