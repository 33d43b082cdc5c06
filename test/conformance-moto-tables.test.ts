/**
 * Table and index behaviour that moto's AWS-verified tests (getmoto/moto,
 * tests/test_dynamodb/test_dynamodb_create_table.py and test_dynamodb_table_with_range_key.py,
 * marked aws_verified) record from DynamoDB: the KeyType enum error inside index key schemas,
 * and paging through sparse secondary indexes.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestEddy, uniqueName, type TestEddy } from './helpers/eddy.js';
import { rawOk } from './helpers/conformance.js';

let t: TestEddy;
type Json = Record<string, unknown>;
type AV = Record<string, unknown>;
const S = (s: string): AV => ({ S: s });
const N = (n: string): AV => ({ N: n });
const K = (n: string, type: string) => ({ AttributeName: n, KeyType: type });
const A = (n: string, type = 'S') => ({ AttributeName: n, AttributeType: type });
const THROUGHPUT = { ReadCapacityUnits: 5, WriteCapacityUnits: 5 };

const ok = (op: string, body: Json): Promise<Json> => rawOk(t, op, body);

async function validationError(op: string, body: Json): Promise<string> {
  const r = await t.raw(op, body);
  assert.equal(r.status, 400, `${op} should fail: ${JSON.stringify(r.json)}`);
  assert.equal(String(r.json?.__type).split('#')[1], 'ValidationException', JSON.stringify(r.json));
  return String(r.json?.message);
}

async function table(spec: Json): Promise<string> {
  const name = uniqueName('moto');
  await ok('CreateTable', { TableName: name, ProvisionedThroughput: { ReadCapacityUnits: 1, WriteCapacityUnits: 5 }, ...spec });
  return name;
}

async function putAll(name: string, items: Json[]): Promise<void> {
  for (const Item of items) await ok('PutItem', { TableName: name, Item });
}

before(async () => {
  t = await startTestEddy();
});
after(async () => {
  await t.stop();
});

describe('CreateTable: KeyType outside [HASH, RANGE]', () => {
  const enumText = (path: string): string =>
    `1 validation error detected: Value 'SORT' at '${path}' failed to satisfy constraint: Member must satisfy enum value set: [HASH, RANGE]`;
  const base = {
    TableName: 'unknown-key-type',
    KeySchema: [K('pk', 'HASH'), K('sk', 'RANGE')],
    AttributeDefinitions: [A('pk'), A('sk')],
    ProvisionedThroughput: THROUGHPUT,
  };

  it('in the table key schema', async () => {
    const m = await validationError('CreateTable', { ...base, KeySchema: [K('pk', 'HASH'), K('sk', 'SORT')] });
    assert.equal(m, enumText('keySchema.2.member.keyType'));
  });

  it('in a GSI key schema, reported before the GSI names undeclared attributes', async () => {
    const gsi = { IndexName: 'TestGSI', KeySchema: [K('undeclared', 'HASH'), K('other', 'SORT')], Projection: { ProjectionType: 'ALL' }, ProvisionedThroughput: THROUGHPUT };
    const m = await validationError('CreateTable', { ...base, GlobalSecondaryIndexes: [gsi] });
    assert.equal(m, enumText('globalSecondaryIndexes.1.member.keySchema.2.member.keyType'));
  });

  it('in an LSI key schema', async () => {
    const lsi = { IndexName: 'test_lsi', KeySchema: [K('pk', 'HASH'), K('lsi_sk', 'SORT')], Projection: { ProjectionType: 'ALL' } };
    const m = await validationError('CreateTable', { ...base, LocalSecondaryIndexes: [lsi] });
    assert.equal(m, enumText('localSecondaryIndexes.1.member.keySchema.2.member.keyType'));
  });
});

describe('paging through sparse secondary indexes', () => {
  it('LSI: only items with the LSI key, in LSI order; LastEvaluatedKey holds table key and LSI key', async () => {
    const name = await table({
      KeySchema: [K('pk', 'HASH'), K('sk', 'RANGE')],
      AttributeDefinitions: [A('pk'), A('sk'), A('lsi_sk', 'N')],
      LocalSecondaryIndexes: [{ IndexName: 'lsi', KeySchema: [K('pk', 'HASH'), K('lsi_sk', 'RANGE')], Projection: { ProjectionType: 'ALL' } }],
    });
    const order = [3, 4, 5, 6, 9, 8, 7, 0, 1, 2];
    await putAll(name, order.map((i) => ({ pk: S('p'), sk: S(`s${i}`), lsi_sk: N(String(i)) })));
    // Outside the index: no LSI key, or another partition.
    await putAll(name, [{ pk: S('p'), sk: S('no-lsi') }, { pk: S('q'), sk: S('s1'), lsi_sk: N('1') }]);

    const query = { TableName: name, IndexName: 'lsi', KeyConditionExpression: 'pk = :p', ExpressionAttributeValues: { ':p': S('p') } };
    const page1 = await ok('Query', { ...query, Limit: 6 });
    assert.deepEqual((page1.Items as Json[]).map((i) => i.lsi_sk), [0, 1, 2, 3, 4, 5].map((i) => N(String(i))));
    assert.deepEqual(page1.LastEvaluatedKey, { pk: S('p'), sk: S('s5'), lsi_sk: N('5') });

    const page2 = await ok('Query', { ...query, ExclusiveStartKey: page1.LastEvaluatedKey });
    assert.deepEqual((page2.Items as Json[]).map((i) => i.sk), ['s6', 's7', 's8', 's9'].map(S));
    assert.equal(page2.LastEvaluatedKey, undefined);
  });

  it('GSI with a sort key: items missing either GSI key attribute are skipped by Limit and paging', async () => {
    const name = await table({
      KeySchema: [K('pk', 'HASH'), K('sk', 'RANGE')],
      AttributeDefinitions: [A('pk'), A('sk'), A('gsi_pk'), A('gsi_sk')],
      GlobalSecondaryIndexes: [
        { IndexName: 'gsi', KeySchema: [K('gsi_pk', 'HASH'), K('gsi_sk', 'RANGE')], Projection: { ProjectionType: 'ALL' }, ProvisionedThroughput: { ReadCapacityUnits: 1, WriteCapacityUnits: 1 } },
      ],
    });
    await putAll(name, [3, 4, 5, 6].map((i) => ({ pk: S('p'), sk: S(String(i)), gsi_pk: S('john') })));
    await putAll(name, [9, 8, 7, 0, 1, 2].map((i) => ({ pk: S('p'), sk: S(String(i)), gsi_pk: S('john'), gsi_sk: S('jane') })));

    const query = { TableName: name, IndexName: 'gsi', KeyConditionExpression: 'gsi_pk = :g', ExpressionAttributeValues: { ':g': S('john') } };
    const page1 = await ok('Query', { ...query, Limit: 5 });
    assert.equal(page1.Count, 5);
    assert.ok(page1.LastEvaluatedKey);
    const page2 = await ok('Query', { ...query, Limit: 6, ExclusiveStartKey: page1.LastEvaluatedKey });
    assert.equal(page2.Count, 1);
    assert.equal(page2.LastEvaluatedKey, undefined);
    const seen = [...(page1.Items as Json[]), ...(page2.Items as Json[])].map((i) => (i.sk as { S: string }).S).sort();
    assert.deepEqual(seen, ['0', '1', '2', '7', '8', '9']);
  });
});
