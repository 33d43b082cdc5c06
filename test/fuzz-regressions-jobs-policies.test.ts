import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createHashTable } from './helpers/conformance.js';
import { startTestEddy, uniqueName, type RawResponse, type TestEddy } from './helpers/eddy.js';
import { assertValidation } from './helpers/fuzz-regressions.js';

// Requests found by scripts/fuzz-requests.mjs that once made the server answer 500
// InternalServerError (or stall it): backups, exports and imports, resource policies, vector
// search and table settings. Each is sent over raw HTTP, as the fuzzer sent it. Item operations,
// values and request bodies: test/fuzz-regressions.test.ts.

let t: TestEddy;
let table: string;

before(async () => {
  t = await startTestEddy();
  table = await createHashTable(t, 'fz', 'pk');
});

after(async () => t.stop());

describe('a RestoreDateTime past what a date can hold', () => {
  it('is outside the restorable window (InvalidRestoreTimeException), not a 500', async () => {
    const enabled = await t.raw('UpdateContinuousBackups', {
      TableName: table,
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
    });
    assert.equal(enabled.status, 200, enabled.body);
    for (const at of [1e300, -1e300, 9e12]) {
      const r = await t.raw('RestoreTableToPointInTime', { SourceTableName: table, TargetTableName: uniqueName('fzr'), RestoreDateTime: at });
      assert.equal(r.status, 400, r.body);
      assert.equal(r.json.__type, 'com.amazonaws.dynamodb.v20120810#InvalidRestoreTimeException');
      assert.match(r.json.message, new RegExp(`^RestoreDateTime '${String(at).replace('+', '\\+')}' must be within EarliestRestorableDateTime '`));
    }
  });
});

describe('an incremental export period past what a date can hold', () => {
  it('is InvalidExportTimeException quoting the seconds sent, not a 500', async () => {
    const enabled = await t.raw('UpdateContinuousBackups', {
      TableName: table,
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
    });
    assert.equal(enabled.status, 200, enabled.body);
    const described = await t.raw('DescribeTable', { TableName: table });
    const r = await t.raw('ExportTableToPointInTime', {
      TableArn: described.json.Table.TableArn,
      S3Bucket: 'no-such-bucket',
      ExportType: 'INCREMENTAL_EXPORT',
      IncrementalExportSpecification: { ExportFromTime: -1e300 },
    });
    assert.equal(r.status, 400, r.body);
    assert.equal(r.json.__type, 'com.amazonaws.dynamodb.v20120810#InvalidExportTimeException');
    assert.equal(r.json.message, 'Incremental export period from time cannot be less than the table creation time : -1e+300');
  });
});

const SERIALIZATION = 'com.amazon.coral.service#SerializationException';

function assertSerialization(res: RawResponse, message: string): void {
  const shown = res.body.length > 300 ? `${res.body.slice(0, 300)}…` : res.body;
  assert.equal(res.status, 400, shown);
  assert.equal(res.json.__type, SERIALIZATION, shown);
  assert.equal(res.json.Message, message, shown);
}

const nestedList = (n: number): string => '['.repeat(n) + ']'.repeat(n);

describe('PutResourcePolicy with a wildcard pattern of many stars', () => {
  it('is matched in linear time: the server does not stall on it', async () => {
    const name = await createHashTable(t, 'fzpol', 'pk');
    const arn = (await t.raw('DescribeTable', { TableName: name })).json.Table.TableArn as string;
    const policy = (resource: string): string =>
      JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Deny', Principal: '*', Action: 'dynamodb:PutResourcePolicy', Resource: resource }] });
    // A Deny of PutResourcePolicy to everyone is checked against the table ARN (self-lockout); as a
    // regex, eight stars before a character the ARN lacks took half a minute.
    const started = Date.now();
    const accepted = await t.raw('PutResourcePolicy', { ResourceArn: arn, Policy: policy(`${'*'.repeat(8)}X`) });
    assert.ok(Date.now() - started < 2000, `took ${Date.now() - started} ms`);
    assert.equal(accepted.status, 200, accepted.body);
    const locked = await t.raw('PutResourcePolicy', { ResourceArn: arn, Policy: policy('*'.repeat(5000)) });
    assert.equal(locked.status, 400, locked.body);
    assert.equal(locked.json.message, 'The new resource policy will not allow you to update the resource policy in the future.');
  });
});

describe('a resource policy nested thousands of levels deep', () => {
  it('is invalid JSON (PutResourcePolicy and CreateTable), not a 500', async () => {
    const deep = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Deny', Principal: { AWS: '111122223333' }, Action: 'dynamodb:GetItem', Resource: '*' }] })
      .replace(/}$/, `,"X":${nestedList(9000)}}`);
    const arn = (await t.raw('DescribeTable', { TableName: table })).json.Table.TableArn as string;
    const message = 'One or more parameter values were invalid: Invalid policy document: This policy contains invalid Json';
    assertValidation(await t.raw('PutResourcePolicy', { ResourceArn: arn, Policy: deep }), message);
    const created = await t.raw('CreateTable', {
      TableName: uniqueName('fzpol'),
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
      ResourcePolicy: deep,
    });
    assertValidation(created, message);
  });
});

describe('SearchVectors with members nested thousands deep or map values of the wrong type', () => {
  let vtable: string;
  before(async () => {
    vtable = uniqueName('fzvec');
    const created = await t.raw('CreateTable', {
      TableName: vtable,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }, { AttributeName: 'tenant', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
      VectorIndexes: [{
        IndexName: 'scoped', VectorAttribute: { AttributeName: 'v' }, Dimensions: 2, DistanceFunction: 'COSINE', Projection: { ProjectionType: 'ALL' },
        SearchSchema: [{ AttributeName: 'tenant', SearchSchemaElementType: 'HASH' }],
      }],
    });
    assert.equal(created.status, 200, created.body);
    const put = await t.raw('PutItem', { TableName: vtable, Item: { pk: { S: 'a' }, tenant: { S: 't1' }, v: { L: [{ N: '1' }, { N: '0' }] } } });
    assert.equal(put.status, 200, put.body);
  });
  const head = (): string => `{"TableName":"${vtable}","IndexName":"scoped","SearchVector":[{"N":"1"},{"N":"0"}],"TopK":1`;

  it('reads an unknown member nested 10000 deep as any unknown member', async () => {
    const res = await t.raw('SearchVectors', `${head()},"SearchConditionExpression":"tenant = :v","ExpressionAttributeValues":{":v":{"S":"t1"}},"X":${nestedList(10000)}}`);
    assert.equal(res.status, 200, res.body.slice(0, 300));
    assert.equal(res.json.SearchResults.length, 1);
    const vector = await t.raw('SearchVectors', `{"TableName":"${vtable}","IndexName":"scoped","SearchVector":${nestedList(10000)},"TopK":1}`);
    assert.equal(vector.status, 400, vector.body.slice(0, 300));
  });

  it('a null or non-map expression attribute value is the deserialiser\'s error', async () => {
    for (const value of ['null', '7', '[]']) {
      const text = `${head()},"SearchConditionExpression":"tenant = :v","ExpressionAttributeValues":{":v":${value}}}`;
      assertSerialization(await t.raw('SearchVectors', text), `expected value at line 1 column ${text.indexOf(`":v":${value}`) + 6}`);
    }
    const text = `${head()},"SearchConditionExpression":"#t = :v","ExpressionAttributeNames":{"#t":7},"ExpressionAttributeValues":{":v":{"S":"t1"}}}`;
    assertSerialization(await t.raw('SearchVectors', text), `invalid type: integer \`7\`, expected a string at line 1 column ${text.indexOf('"#t":7') + 6}`);
  });
});

describe('export and import requests with unknown members nested thousands deep', () => {
  it('ExportTableToPointInTime ignores them (a replay without them is the same export)', async () => {
    const name = await createHashTable(t, 'fzexp', 'pk');
    const pitr = await t.raw('UpdateContinuousBackups', { TableName: name, PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true } });
    assert.equal(pitr.status, 200, pitr.body);
    const arn = (await t.raw('DescribeTable', { TableName: name })).json.Table.TableArn as string;
    const first = await t.raw('ExportTableToPointInTime', `{"TableArn":"${arn}","S3Bucket":"no-such-bucket","ClientToken":"fz","X":${nestedList(10000)}}`);
    assert.equal(first.status, 200, first.body.slice(0, 300));
    const replay = await t.raw('ExportTableToPointInTime', { TableArn: arn, S3Bucket: 'no-such-bucket', ClientToken: 'fz' });
    assert.equal(replay.status, 200, replay.body);
    assert.equal(replay.json.ExportDescription.ExportArn, first.json.ExportDescription.ExportArn);
    // A FilterSpecification of unknown members only is empty; its values are AttributeValues.
    const empty = await t.raw('ExportTableToPointInTime', `{"TableArn":"${arn}","S3Bucket":"no-such-bucket","FilterSpecification":{"X":${nestedList(10000)}}}`);
    assertValidation(empty, 'Invalid Request: Invalid FilterSpecification: The specification can not be empty');
    const deepValue = '{"L":['.repeat(5000) + '{"N":"1"}' + ']}'.repeat(5000);
    const nested = await t.raw('ExportTableToPointInTime', `{"TableArn":"${arn}","S3Bucket":"no-such-bucket","FilterSpecification":{"FilterExpression":"a = :v","ExpressionAttributeValues":{":v":${deepValue}}}}`);
    assertValidation(nested, 'Nesting Levels have exceeded supported limits: Attributes in the item have nested levels beyond supported limit');
  });

  it('ImportTable ignores them, also inside TableCreationParameters (not echoed)', async () => {
    const name = uniqueName('fzimp');
    const res = await t.raw(
      'ImportTable',
      `{"S3BucketSource":{"S3Bucket":"no-such-bucket","Z":${nestedList(10000)}},"InputFormat":"CSV","InputFormatOptions":{"Csv":{"Delimiter":","},"W":${nestedList(10000)}},` +
        `"TableCreationParameters":{"TableName":"${name}","AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"}],"KeySchema":[{"AttributeName":"pk","KeyType":"HASH"}],"BillingMode":"PAY_PER_REQUEST","X":${nestedList(10000)}},"Y":${nestedList(10000)}}`,
    );
    assert.equal(res.status, 200, res.body.slice(0, 300));
    const described = await t.raw('DescribeImport', { ImportArn: res.json.ImportTableDescription.ImportArn });
    assert.equal(described.status, 200, described.body.slice(0, 300));
    assert.equal(described.json.ImportTableDescription.TableCreationParameters.X, undefined);
    assert.equal(described.json.ImportTableDescription.TableCreationParameters.TableName, name);
  });
});

describe('WarmThroughput and vector index members of the wrong JSON type', () => {
  const createBody = (extra: Record<string, unknown>): Record<string, unknown> => ({
    TableName: uniqueName('fzshape'),
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
    KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
    ...extra,
  });

  it('WarmThroughput: coral\'s SerializationException, not a 500 or a stored string', async () => {
    assertSerialization(await t.raw('UpdateTable', `{"TableName":"${table}","WarmThroughput":{"ReadUnitsPerSecond":${nestedList(8000)}}}`), 'Unrecognized collection type class java.lang.Long');
    assertSerialization(await t.raw('UpdateTable', { TableName: table, WarmThroughput: 'x' }), 'Unexpected field type');
    assertSerialization(await t.raw('UpdateTable', { TableName: table, WarmThroughput: { ReadUnitsPerSecond: 'x' } }), 'STRING_VALUE cannot be converted to Long');
    assertSerialization(await t.raw('CreateTable', createBody({ WarmThroughput: [] })), 'Unrecognized collection type class com.amazonaws.dynamodb.v20120810.WarmThroughput');
  });

  it('VectorIndexes, VectorIndexUpdates and VectorIndexOverride', async () => {
    assertSerialization(await t.raw('CreateTable', createBody({ VectorIndexes: 'x' })), 'Unexpected field type');
    const nullIndex = await t.raw('CreateTable', createBody({ VectorIndexes: [null] }));
    assert.equal(nullIndex.status, 400, nullIndex.body);
    assert.match(nullIndex.json.message, /^5 validation errors detected: Value null at 'vectorIndexes.1.member.indexName' failed to satisfy constraint: Member must not be null/);
    const index = `{"IndexName":"vix","VectorAttribute":{"AttributeName":"v"},"Dimensions":2,"DistanceFunction":"COSINE","Projection":{"ProjectionType":"INCLUDE","NonKeyAttributes":${nestedList(8000)}}}`;
    const body = JSON.stringify(createBody({})).replace(/}$/, `,"VectorIndexes":[${index}]}`);
    assertSerialization(await t.raw('CreateTable', body), 'Unrecognized collection type class java.lang.String');
    assertSerialization(await t.raw('UpdateTable', `{"TableName":"${table}","VectorIndexUpdates":[{"Delete":{"IndexName":${nestedList(8000)}}}]}`), 'Unrecognized collection type class java.lang.String');
    const restore = await t.raw('RestoreTableToPointInTime', { SourceTableName: table, TargetTableName: uniqueName('fzr'), UseLatestRestorableTime: true, VectorIndexOverride: [null] });
    assert.equal(restore.status, 400, restore.body);
    assert.match(restore.json.message, /^5 validation errors detected: Value null at 'vectorIndexOverride.1.member.indexName'/);
  });
});
