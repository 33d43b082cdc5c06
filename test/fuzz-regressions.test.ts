import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';
import { createHashTable } from './helpers/conformance.js';
import { rawRequest, signedHeaders, startTestEddy, uniqueName, type RawResponse, type TestEddy } from './helpers/eddy.js';

// Requests found by scripts/fuzz-requests.mjs that once made the server answer 500
// InternalServerError. Each is sent over raw HTTP, as the fuzzer sent it.

let t: TestEddy;
let table: string;

function assertValidation(res: RawResponse, message: string): void {
  const shown = res.body.length > 300 ? `${res.body.slice(0, 300)}…` : res.body;
  assert.equal(res.status, 400, shown);
  assert.equal(res.json.__type, 'com.amazon.coral.validate#ValidationException', shown);
  assert.equal(res.json.message, message, shown);
}

before(async () => {
  t = await startTestEddy();
  table = await createHashTable(t, 'fz', 'pk');
});

after(async () => t.stop());

describe('PartiQL statements nested past the parser depth', () => {
  const TOO_DEEP = "Statement wasn't well formed, can't be processed: Expression nesting exceeds the maximum depth";
  const deep = (open: string, close: string, n: number): string => `${open.repeat(n)}1${close.repeat(n)}`;

  // A Statement may hold 8192 characters.
  it('ExecuteStatement with 3000 nested [ is refused, not a 500', async () => {
    assertValidation(await t.raw('ExecuteStatement', { Statement: `SELECT * FROM "${table}" WHERE pk = ${deep('[', ']', 3000)}` }), TOO_DEEP);
    // Unclosed, as the fuzzer sent it.
    assertValidation(await t.raw('ExecuteStatement', { Statement: `SELECT * FROM "${table}" WHERE pk = ${'['.repeat(5000)}1` }), TOO_DEEP);
  });

  it('parentheses, structs and function calls nested 1000 deep are refused', async () => {
    assertValidation(await t.raw('ExecuteStatement', { Statement: `SELECT * FROM "${table}" WHERE ${deep('(', ')', 1000)} = 1` }), TOO_DEEP);
    const struct = `${"{'a': ".repeat(1000)}1${'}'.repeat(1000)}`;
    assertValidation(await t.raw('ExecuteStatement', { Statement: `INSERT INTO "${table}" VALUE {'pk': 'x', 'a': ${struct}}` }), TOO_DEEP);
    assertValidation(await t.raw('ExecuteStatement', { Statement: `SELECT * FROM "${table}" WHERE pk = 'x' AND size(${deep('size(', ')', 1000)}) = 1` }), TOO_DEEP);
  });

  it('BatchExecuteStatement and ExecuteTransaction refuse it too', async () => {
    const Statement = `SELECT * FROM "${table}" WHERE pk = ${deep('[', ']', 3000)}`;
    const batch = await t.raw('BatchExecuteStatement', { Statements: [{ Statement }] });
    assert.equal(batch.status, 200, batch.body);
    assert.deepEqual(batch.json.Responses[0].Error, { Code: 'ValidationError', Message: TOO_DEEP });
    assertValidation(await t.raw('ExecuteTransaction', { TransactStatements: [{ Statement }] }), `Validation failed in TransactStatements[0]: ${TOO_DEEP}`);
  });

  it('nesting within the limit still parses', async () => {
    const res = await t.raw('ExecuteStatement', { Statement: `SELECT * FROM "${table}" WHERE pk = 'x' AND a = ${deep('[', ']', 150)}` });
    assert.equal(res.status, 200, res.body);
  });
});

describe('a JSON null as a list element or map value that must be a structure', () => {
  it('reads as an empty structure: its required members are reported missing', async () => {
    assertValidation(
      await t.raw('ExecuteTransaction', { TransactStatements: [null] }),
      "1 validation error detected: Value null at 'transactStatements.1.member.statement' failed to satisfy constraint: Member must not be null",
    );
    assertValidation(
      await t.raw('BatchExecuteStatement', { Statements: [null] }),
      "1 validation error detected: Value null at 'statements.1.member.statement' failed to satisfy constraint: Member must not be null",
    );
    assertValidation(
      await t.raw('TransactGetItems', { TransactItems: [null] }),
      "1 validation error detected: Value null at 'transactItems.1.member.get' failed to satisfy constraint: Member must not be null",
    );
    assertValidation(
      await t.raw('CreateTable', {
        TableName: uniqueName('fz'),
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
        KeySchema: [null],
      }),
      "2 validation errors detected: Value null at 'keySchema.1.member.attributeName' failed to satisfy constraint: Member must not be null; " +
        "Value null at 'keySchema.1.member.keyType' failed to satisfy constraint: Member must not be null",
    );
    assertValidation(
      await t.raw('BatchGetItem', { RequestItems: { [table]: null } }),
      `1 validation error detected: Value null at 'requestItems.${table}.member.keys' failed to satisfy constraint: Member must not be null`,
    );
  });

  it('answers as the empty structure does where the operation checks it itself', async () => {
    for (const [op, withNull, withEmpty] of [
      ['TransactWriteItems', { TransactItems: [null] }, { TransactItems: [{}] }],
      ['BatchWriteItem', { RequestItems: { [table]: [null] } }, { RequestItems: { [table]: [{}] } }],
      ['UpdateTable', { TableName: table, GlobalSecondaryIndexUpdates: [null] }, { TableName: table, GlobalSecondaryIndexUpdates: [{}] }],
      ['TagResource', { ResourceArn: `arn:aws:dynamodb:us-east-1:000000000000:table/${table}`, Tags: [null] }, { ResourceArn: `arn:aws:dynamodb:us-east-1:000000000000:table/${table}`, Tags: [{}] }],
    ] as const) {
      const a = await t.raw(op, withNull);
      const b = await t.raw(op, withEmpty);
      assert.equal(a.status, 400, `${op}: ${a.body}`);
      assert.deepEqual(a.json, b.json, op);
    }
  });

  it('a null BatchWriteItem request list fails the list length rule', async () => {
    assertValidation(
      await t.raw('BatchWriteItem', { RequestItems: { [table]: null } }),
      `1 validation error detected: Value '{${table}=null}' at 'requestItems' failed to satisfy constraint: Map value must satisfy constraint: ` +
        '[Member must have length less than or equal to 25, Member must have length greater than or equal to 1]',
    );
  });
});

describe('a member given as null', () => {
  it('is absent: ListBackups with ExclusiveStartBackupArn null lists from the start', async () => {
    const res = await t.raw('ListBackups', { ExclusiveStartBackupArn: null });
    assert.equal(res.status, 200, res.body);
    assert.deepEqual(res.json, { BackupSummaries: [] });
    const all = await t.raw('ListBackups', { ExclusiveStartBackupArn: null, TableName: null, Limit: null, TimeRangeLowerBound: null });
    assert.equal(all.status, 200, all.body);
  });
});

describe('AttributeValues nested thousands of levels deep', () => {
  const nest = (n: number): string => '{"M":{"a":'.repeat(n) + '{"S":"x"}' + '}}'.repeat(n);
  const nestList = (n: number): string => '{"L":['.repeat(n) + '{"S":"x"}' + ']}'.repeat(n);
  const requests: [string, (v: string) => string][] = [
    ['PutItem', (v) => `{"TableName":"${table}","Item":{"pk":{"S":"d"},"a":${v}}}`],
    ['GetItem', (v) => `{"TableName":"${table}","Key":{"pk":${v}}}`],
    ['Query', (v) => `{"TableName":"${table}","KeyConditionExpression":"pk = :v","ExpressionAttributeValues":{":v":${v}}}`],
    ['UpdateItem', (v) => `{"TableName":"${table}","Key":{"pk":{"S":"d"}},"UpdateExpression":"SET a = :v","ExpressionAttributeValues":{":v":${v}}}`],
    ['ExecuteStatement', (v) => `{"Statement":"SELECT * FROM \\"${table}\\" WHERE pk = ?","Parameters":[${v}]}`],
  ];
  for (const [op, body] of requests) {
    it(`${op}: answered as a value nested past the limit, not a 500`, async () => {
      // Past ~62 levels DynamoDB answers from its older validation layer (src/protocol/request-layers.ts).
      const shallow = await t.raw(op, body(nest(100)));
      assert.equal(shallow.status, 400, shallow.body);
      assert.match(shallow.json.message, /Nesting Levels have exceeded supported limits/);
      for (const deep of [nest(5000), nestList(5000), nest(50000)]) {
        const res = await t.raw(op, body(deep));
        assert.equal(res.status, 400, res.body.slice(0, 300));
        assert.deepEqual(res.json, shallow.json);
      }
    });
  }
});

describe('constraint errors that echo a value nested thousands deep', () => {
  const nest = (n: number): string => '{"M":{"a":'.repeat(n) + '{"S":"x"}' + '}}'.repeat(n);
  const nestList = (n: number): string => '{"L":['.repeat(n) + '{"S":"x"}' + ']}'.repeat(n);
  const writes = (deep: string): string =>
    Array.from({ length: 26 }, (_, i) => (i === 0 ? `{"PutRequest":{"Item":{"pk":{"S":"d"},"a":${deep}}}}` : `{"PutRequest":{"Item":{"pk":{"S":"k${i}"}}}}`)).join(',');
  const LISTING = /^1 validation error detected: Value '.*' at '.*' failed to satisfy constraint: /s;

  it('BatchWriteItem over 25 requests echoes them, the deep value cut short', async () => {
    for (const deep of [nest(20000), nestList(20000)]) {
      const res = await t.raw('BatchWriteItem', `{"RequestItems":{"${table}":[${writes(deep)}]}}`);
      assert.equal(res.status, 400, res.body.slice(0, 300));
      assert.match(res.json.message, LISTING);
      assert.ok(res.json.message.includes('...'));
      assert.ok(res.json.message.endsWith('Map value must satisfy constraint: [Member must have length less than or equal to 25, Member must have length greater than or equal to 1]'));
    }
    // A shallow value is echoed whole.
    const shallow = await t.raw('BatchWriteItem', `{"RequestItems":{"${table}":[${writes(nest(3))}]}}`);
    assert.equal(shallow.status, 400);
    assert.ok(!shallow.json.message.includes('...'));
  });

  it('BatchGetItem with a bad table name echoes its map as JSON, the deep value cut short', async () => {
    const res = await t.raw('BatchGetItem', `{"RequestItems":{"f":{"Keys":[{"pk":${nest(20000)}}]}}}`);
    assert.equal(res.status, 400, res.body.slice(0, 300));
    assert.match(res.json.message, LISTING);
    assert.ok(res.json.message.includes('"..."'));
    const shallow = await t.raw('BatchGetItem', `{"RequestItems":{"f":{"Keys":[{"pk":${nest(1)}}]}}}`);
    assert.ok(shallow.json.message.startsWith(`1 validation error detected: Value '{"f":{"Keys":[{"pk":{"M":{"a":{"S":"x"}}}}]}}' at 'requestItems'`));
  });

  it('TransactWriteItems over 100 actions echoes them, the deep value cut short', async () => {
    const items = Array.from({ length: 101 }, (_, i) =>
      i === 0 ? `{"Put":{"TableName":"${table}","Item":{"pk":{"S":"d"},"a":${nest(20000)}}}}` : `{"Put":{"TableName":"${table}","Item":{"pk":{"S":"k${i}"}}}}`);
    const res = await t.raw('TransactWriteItems', `{"TransactItems":[${items.join(',')}]}`);
    assert.equal(res.status, 400, res.body.slice(0, 300));
    assert.match(res.json.message, LISTING);
    assert.ok(res.json.message.includes('...'));
  });
});

describe('a gzip request body that inflates past 64 MB', () => {
  const gzipped = (body: Buffer): Promise<RawResponse> =>
    rawRequest(t.endpoint, {
      headers: {
        'Content-Type': 'application/x-amz-json-1.0',
        'X-Amz-Target': 'DynamoDB_20120810.ListTables',
        'Content-Encoding': 'gzip',
        ...signedHeaders(),
      },
      body,
    });

  it('is refused as gzip that does not decompress, without inflating it all', async () => {
    // 100 MB of spaces: about 100 KB compressed, well under the 16 MB body limit.
    const bomb = gzipSync(Buffer.alloc(100 * 1024 * 1024, 32), { level: 9 });
    const started = Date.now();
    const res = await gzipped(bomb);
    assert.equal(res.status, 500, res.body);
    assert.equal(res.json.__type, 'com.amazonaws.dynamodb.v20120810#InternalServerError');
    assert.ok(Date.now() - started < 2000, `took ${Date.now() - started} ms`);
  });

  it('a body over 16 MB once inflated, but under the bound, is still accepted', async () => {
    const body = JSON.stringify({ Limit: 1, Padding: ' '.repeat(20 * 1024 * 1024) });
    const res = await gzipped(gzipSync(body));
    assert.equal(res.status, 200, res.body);
  });
});

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
