import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';
import { createHashTable } from './helpers/conformance.js';
import { rawRequest, signedHeaders, startTestEddy, uniqueName, type RawResponse, type TestEddy } from './helpers/eddy.js';
import { assertValidation } from './helpers/fuzz-regressions.js';

// Requests found by scripts/fuzz-requests.mjs that once made the server answer 500
// InternalServerError: item operations, values and request bodies. Each is sent over raw HTTP, as
// the fuzzer sent it. Backups, exports, imports, resource policies, vectors and table settings:
// test/fuzz-regressions-jobs-policies.test.ts.

let t: TestEddy;
let table: string;

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
