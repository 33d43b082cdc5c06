import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startTestEddy, type TestEddy } from './helpers/eddy.js';
import { assertValidation, createHashTable, rawOk } from './helpers/conformance.js';

/**
 * Control-plane answers that a 2026 conformance suite recorded on live DynamoDB (eu-west-2):
 * CreateTable/UpdateTable validation, tagging of foreign resources.
 */
let t: TestEddy;

before(async () => {
  t = await startTestEddy();
});
after(async () => {
  await t.stop();
});

const INVALID = 'One or more parameter values were invalid: ';

describe('UpdateTable: a new GSI must declare its own key attributes', () => {
  const createIndex = (table: string, defs: { AttributeName: string; AttributeType: string }[], keys: string[]) => ({
    TableName: table,
    AttributeDefinitions: defs,
    GlobalSecondaryIndexUpdates: [
      {
        Create: {
          IndexName: 'byBoth',
          KeySchema: keys.map((k, i) => ({ AttributeName: k, KeyType: i === 0 ? 'HASH' : 'RANGE' })),
          Projection: { ProjectionType: 'KEYS_ONLY' },
        },
      },
    ],
  });

  it('refuses an index keyed on the table hash key when the request leaves that key out', async () => {
    const table = await createHashTable(t, 'gsidefs', 'p');
    await assertValidation(
      t,
      'UpdateTable',
      createIndex(table, [{ AttributeName: 'g', AttributeType: 'S' }], ['p', 'g']),
      `${INVALID}Some index key attributes are not defined in AttributeDefinitions. Keys: [p, g], AttributeDefinitions: [g]`,
    );
  });

  it('accepts the same index once the request declares the table key again', async () => {
    const table = await createHashTable(t, 'gsidefs', 'p');
    const defs = [
      { AttributeName: 'p', AttributeType: 'S' },
      { AttributeName: 'g', AttributeType: 'S' },
    ];
    const out = await rawOk(t, 'UpdateTable', createIndex(table, defs, ['p', 'g']));
    const description = out.TableDescription as { GlobalSecondaryIndexes?: { IndexName: string }[] };
    assert.deepEqual(description.GlobalSecondaryIndexes?.map((g) => g.IndexName), ['byBoth']);
  });
});

describe('Tagging APIs: an ARN of another account', () => {
  it('is refused with AccessDeniedException before the region is looked at', async () => {
    const table = await createHashTable(t, 'tagforeign', 'p');
    const own = (await rawOk(t, 'DescribeTable', { TableName: table })).Table as { TableArn: string };
    const [, , , , account] = own.TableArn.split(':');
    const other = account === '000000000000' ? '111111111111' : '000000000000';
    const foreign = [
      own.TableArn.replace(`:${account}:`, `:${other}:`),
      own.TableArn.replace(`:${account}:`, `:${other}:`).replace(/:dynamodb:[^:]+:/, ':dynamodb:ap-south-2:'),
    ];
    for (const arn of foreign) {
      for (const [op, body] of [
        ['ListTagsOfResource', { ResourceArn: arn }],
        ['TagResource', { ResourceArn: arn, Tags: [{ Key: 'k', Value: 'v' }] }],
        ['UntagResource', { ResourceArn: arn, TagKeys: ['k'] }],
      ] as const) {
        const r = await t.raw(op, body);
        assert.equal(r.status, 400, `${op} ${r.body}`);
        assert.equal(r.json.__type, 'com.amazon.coral.service#AccessDeniedException');
        assert.equal(r.json.message, 'Access is denied');
      }
    }
    // The caller's own account still gets the DynamoDB answers.
    const missing = own.TableArn.replace(/table\/.*$/, 'table/no-such-table');
    const r = await t.raw('ListTagsOfResource', { ResourceArn: missing });
    assert.equal(r.json.__type, 'com.amazonaws.dynamodb.v20120810#ResourceNotFoundException');
  });
});

describe('CreateTable: constraint listing', () => {
  const KEY = { AttributeDefinitions: [{ AttributeName: 'p', AttributeType: 'S' }], KeySchema: [{ AttributeName: 'p', KeyType: 'HASH' }] };
  const at = (value: string, path: string, rule: string) => `Value '${value}' at '${path}' failed to satisfy constraint: Member must ${rule}`;

  it('lists a short or malformed table name like any other member', async () => {
    await assertValidation(t, 'CreateTable', { TableName: 'ab', BillingMode: 'PAY_PER_REQUEST', ...KEY },
      `1 validation error detected: ${at('ab', 'tableName', 'have length greater than or equal to 3')}`);
    await assertValidation(t, 'CreateTable', { TableName: 'x!', BillingMode: 'PAY_PER_REQUEST', ...KEY },
      `2 validation errors detected: ${at('x!', 'tableName', 'satisfy regular expression pattern: [a-zA-Z0-9_.-]+')}; ` +
        at('x!', 'tableName', 'have length greater than or equal to 3'));
    await assertValidation(t, 'CreateTable', { TableName: 'a'.repeat(256), BillingMode: 'PAY_PER_REQUEST', ...KEY },
      `1 validation error detected: ${at('a'.repeat(256), 'tableName', 'have length less than or equal to 255')}`);
    // A missing name keeps its own message; other operations keep the pre-check wording.
    await assertValidation(t, 'CreateTable', { BillingMode: 'PAY_PER_REQUEST', ...KEY },
      "The parameter 'TableName' is required but was not present in the request");
    await assertValidation(t, 'DeleteTable', { TableName: 'ab' }, 'TableName must be at least 3 characters long and at most 255 characters long');
  });

  it('echoes KeySchema elements in their Java form', async () => {
    const keys = [['p', 'HASH'], ['s', 'RANGE'], ['x', 'RANGE']] as const;
    await assertValidation(t, 'CreateTable', {
      TableName: 'three_keys',
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: keys.map(([n]) => ({ AttributeName: n, AttributeType: 'S' })),
      KeySchema: keys.map(([n, k]) => ({ AttributeName: n, KeyType: k })),
    }, `1 validation error detected: ${at(
      '[KeySchemaElement(attributeName=p, keyType=HASH), KeySchemaElement(attributeName=s, keyType=RANGE), KeySchemaElement(attributeName=x, keyType=RANGE)]',
      'keySchema',
      'have length less than or equal to 2',
    )}`);
  });

  it('reports the GSI members before the LSI members', async () => {
    const lsi = { IndexName: 'l1', KeySchema: [{ AttributeName: 'p', KeyType: 'HASH' }, { AttributeName: 'r', KeyType: 'RANGE' }], Projection: { ProjectionType: 'ALL' } };
    const gsi = { IndexName: 'g1', KeySchema: [{ AttributeName: 'g', KeyType: 'HASH' }], Projection: { ProjectionType: 'ALL' } };
    const short = (name: string, list: string) => at(name, `${list}.1.member.indexName`, 'have length greater than or equal to 3');
    await assertValidation(t, 'CreateTable', {
      TableName: 'index_names',
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [{ AttributeName: 'p', AttributeType: 'S' }, { AttributeName: 's', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'p', KeyType: 'HASH' }, { AttributeName: 's', KeyType: 'RANGE' }],
      LocalSecondaryIndexes: [lsi],
      GlobalSecondaryIndexes: [gsi],
    }, `2 validation errors detected: ${short('g1', 'globalSecondaryIndexes')}; ${short('l1', 'localSecondaryIndexes')}`);
  });
});
