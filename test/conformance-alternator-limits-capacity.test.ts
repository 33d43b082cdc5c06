/**
 * Name-length limits, transaction size and capacity reporting, pinned to what live DynamoDB does
 * (as recorded by ScyllaDB alternator's test_limits.py, test_transact.py and
 * test_returnconsumedcapacity.py, which pass against AWS). The length limits are the API model's
 * (AttributeName: at most 65535 characters; NonKeyAttributeName: 1..255), reported by the generic
 * constraint listing.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestEddy, type TestEddy, uniqueName } from './helpers/eddy.js';
import { createHashTable } from './helpers/conformance.js';

let t: TestEddy;
let table: string;

before(async () => {
  t = await startTestEddy();
  table = await createHashTable(t, 'limcap');
});
after(async () => t.stop());

function validationMessage(r: { status: number; json: { __type?: string; message?: string } }): string {
  assert.equal(r.status, 400);
  assert.match(r.json.__type ?? '', /ValidationException$/);
  return r.json.message ?? '';
}

describe('attribute name length', () => {
  const longest = 'n'.repeat(65535);
  const tooLong = 'n'.repeat(65536);

  it('accepts a 65535-character name everywhere a name is given', async () => {
    const put = await t.raw('PutItem', { TableName: table, Item: { p: { S: 'ok' }, [longest]: { N: '1' } } });
    assert.equal(put.status, 200, put.body);
    const get = await t.raw('GetItem', { TableName: table, Key: { p: { S: 'ok' } }, AttributesToGet: [longest], ConsistentRead: true });
    assert.equal(get.status, 200, get.body);
    assert.deepEqual(get.json.Item, { [longest]: { N: '1' } });
    const upd = await t.raw('UpdateItem', {
      TableName: table,
      Key: { p: { S: 'ok' } },
      UpdateExpression: 'SET #n = #n + :one',
      ExpressionAttributeNames: { '#n': longest },
      ExpressionAttributeValues: { ':one': { N: '1' } },
    });
    assert.equal(upd.status, 200, upd.body);
  });

  it('refuses a 65536-character name in an item', async () => {
    const r = await t.raw('PutItem', { TableName: table, Item: { p: { S: 'x' }, [tooLong]: { N: '1' } } });
    const msg = validationMessage(r);
    assert.match(msg, /^1 validation error detected: Value '\{p=\{S=x\}, n+=\{N=1\}\}' at 'item' failed to satisfy constraint: /);
    assert.ok(msg.endsWith("Map keys must satisfy constraint: [Member must have length less than or equal to 65535]"), msg);
    const stored = await t.raw('GetItem', { TableName: table, Key: { p: { S: 'x' } }, ConsistentRead: true });
    assert.equal(stored.json.Item, undefined);
  });

  it('refuses it in Key, AttributesToGet, AttributeUpdates and ExpressionAttributeNames', async () => {
    const key = await t.raw('GetItem', { TableName: table, Key: { [tooLong]: { S: 'x' } } });
    assert.ok(validationMessage(key).endsWith("at 'key' failed to satisfy constraint: Map keys must satisfy constraint: [Member must have length less than or equal to 65535]"));
    const toGet = await t.raw('GetItem', { TableName: table, Key: { p: { S: 'x' } }, AttributesToGet: ['a', tooLong] });
    assert.ok(
      validationMessage(toGet).endsWith(
        "at 'attributesToGet' failed to satisfy constraint: Member must satisfy constraint: [Member must have length less than or equal to 65535]",
      ),
    );
    const updates = await t.raw('UpdateItem', {
      TableName: table,
      Key: { p: { S: 'x' } },
      AttributeUpdates: { [tooLong]: { Action: 'PUT', Value: { N: '2' } } },
    });
    assert.ok(
      validationMessage(updates).endsWith(
        "at 'attributeUpdates' failed to satisfy constraint: Map keys must satisfy constraint: [Member must have length less than or equal to 65535]",
      ),
    );
    for (const extra of [
      { ProjectionExpression: '#n' },
      { UpdateExpression: 'SET #n = :v', ExpressionAttributeValues: { ':v': { N: '1' } } },
      { UpdateExpression: 'SET a = :v', ConditionExpression: '#n = :v', ExpressionAttributeValues: { ':v': { N: '1' } } },
    ]) {
      const op = 'ProjectionExpression' in extra ? 'GetItem' : 'UpdateItem';
      const r = await t.raw(op, { TableName: table, Key: { p: { S: 'x' } }, ExpressionAttributeNames: { '#n': tooLong }, ...extra });
      assert.ok(
        validationMessage(r).endsWith(
          "at 'expressionAttributeNames' failed to satisfy constraint: Map value must satisfy constraint: [Member must have length less than or equal to 65535]",
        ),
        op,
      );
    }
  });
});

describe('attribute name length in the legacy condition maps', () => {
  it('refuses a 65536-character name as a key of Expected, KeyConditions, QueryFilter and ScanFilter', async () => {
    const tooLong = 'm'.repeat(65536);
    const cond = { ComparisonOperator: 'EQ', AttributeValueList: [{ S: 'v' }] };
    const cases: [string, string, Record<string, unknown>][] = [
      ['PutItem', 'expected', { Item: { p: { S: 'e' } }, Expected: { [tooLong]: { Exists: false } } }],
      ['Query', 'keyConditions', { KeyConditions: { p: cond, [tooLong]: cond } }],
      ['Query', 'queryFilter', { KeyConditions: { p: cond }, QueryFilter: { [tooLong]: cond } }],
      ['Scan', 'scanFilter', { ScanFilter: { [tooLong]: cond } }],
    ];
    for (const [op, path, body] of cases) {
      const r = await t.raw(op, { TableName: table, ...body });
      assert.ok(
        validationMessage(r).endsWith(
          `at '${path}' failed to satisfy constraint: Map keys must satisfy constraint: [Member must have length less than or equal to 65535]`,
        ),
        path,
      );
    }
  });
});

describe('index projection names', () => {
  it('refuses a NonKeyAttributes name over 255 characters, in a GSI and in an LSI', async () => {
    const name = 'k'.repeat(256);
    const base = {
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [
        { AttributeName: 'a', AttributeType: 'S' },
        { AttributeName: 'b', AttributeType: 'S' },
        { AttributeName: 'c', AttributeType: 'S' },
      ],
      KeySchema: [
        { AttributeName: 'a', KeyType: 'HASH' },
        { AttributeName: 'b', KeyType: 'RANGE' },
      ],
    };
    const projection = { ProjectionType: 'INCLUDE', NonKeyAttributes: ['short', name] };
    const gsi = await t.raw('CreateTable', {
      ...base,
      TableName: uniqueName('nka'),
      GlobalSecondaryIndexes: [{ IndexName: 'gsi', KeySchema: [{ AttributeName: 'c', KeyType: 'HASH' }], Projection: projection }],
    });
    assert.equal(
      validationMessage(gsi),
      `1 validation error detected: Value '[short, ${name}]' at 'globalSecondaryIndexes.1.member.projection.nonKeyAttributes' failed to satisfy constraint: ` +
        'Member must satisfy constraint: [Member must have length less than or equal to 255, Member must have length greater than or equal to 1]',
    );
    const lsi = await t.raw('CreateTable', {
      ...base,
      TableName: uniqueName('nka'),
      LocalSecondaryIndexes: [
        {
          IndexName: 'lsi',
          KeySchema: [
            { AttributeName: 'a', KeyType: 'HASH' },
            { AttributeName: 'c', KeyType: 'RANGE' },
          ],
          Projection: projection,
        },
      ],
    });
    assert.match(validationMessage(lsi), /at 'localSecondaryIndexes\.1\.member\.projection\.nonKeyAttributes' failed to satisfy constraint: Member must satisfy constraint: \[Member must have length less than or equal to 255, /);
    const fine = await t.raw('CreateTable', {
      ...base,
      TableName: uniqueName('nka'),
      GlobalSecondaryIndexes: [
        { IndexName: 'gsi', KeySchema: [{ AttributeName: 'c', KeyType: 'HASH' }], Projection: { ProjectionType: 'INCLUDE', NonKeyAttributes: ['k'.repeat(255)] } },
      ],
    });
    assert.equal(fine.status, 200, fine.body);
  });
});

describe('TransactWriteItems size', () => {
  it('refuses a transaction whose payload exceeds 4 MB, writing nothing', async () => {
    const filler = 'f'.repeat(100_000);
    const items = Array.from({ length: 50 }, (_, i) => ({ Put: { TableName: table, Item: { p: { S: `big${i}` }, x: { S: filler } } } }));
    const r = await t.raw('TransactWriteItems', { TransactItems: items });
    assert.equal(validationMessage(r), 'Transaction payload size cannot exceed 4 MB');
    const got = await t.raw('GetItem', { TableName: table, Key: { p: { S: 'big0' } }, ConsistentRead: true });
    assert.equal(got.json.Item, undefined);
  });

  it('accepts about 3 MB', async () => {
    const filler = 'f'.repeat(100_000);
    const items = Array.from({ length: 30 }, (_, i) => ({ Put: { TableName: table, Item: { p: { S: `mid${i}` }, x: { S: filler } } } }));
    const r = await t.raw('TransactWriteItems', { TransactItems: items });
    assert.equal(r.status, 200, r.body.slice(0, 300));
  });
});

describe('Scan consumed capacity', () => {
  async function scanUnits(name: string, extra: Record<string, unknown> = {}): Promise<number[]> {
    const units: number[] = [];
    for (const ConsistentRead of [true, false]) {
      const r = await t.raw('Scan', { TableName: name, ConsistentRead, ReturnConsumedCapacity: 'TOTAL', ...extra });
      assert.equal(r.status, 200, r.body);
      assert.equal(r.json.ConsumedCapacity.TableName, name);
      units.push(r.json.ConsumedCapacity.CapacityUnits as number);
    }
    return units;
  }

  it('charges a whole-table Scan of a small on-demand table one unit per initial partition (4, or 2 eventually consistent)', async () => {
    const name = uniqueName('scancap');
    const created = await t.raw('CreateTable', {
      TableName: name,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [{ AttributeName: 'p', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'p', KeyType: 'HASH' }],
    });
    assert.equal(created.status, 200);
    assert.equal((await t.raw('PutItem', { TableName: name, Item: { p: { S: 'one' }, animal: { S: 'cat' } } })).status, 200);
    assert.deepEqual(await scanUnits(name), [4, 2]);
    // A segment of a parallel scan is charged by its bytes.
    assert.deepEqual(await scanUnits(name, { Segment: 0, TotalSegments: 2 }), [1, 0.5]);
  });

  it('keeps the byte-based charge for a provisioned table', async () => {
    const name = uniqueName('scancap');
    const created = await t.raw('CreateTable', {
      TableName: name,
      ProvisionedThroughput: { ReadCapacityUnits: 1, WriteCapacityUnits: 1 },
      AttributeDefinitions: [{ AttributeName: 'p', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'p', KeyType: 'HASH' }],
    });
    assert.equal(created.status, 200);
    assert.equal((await t.raw('PutItem', { TableName: name, Item: { p: { S: 'one' } } })).status, 200);
    assert.deepEqual(await scanUnits(name), [1, 0.5]);
  });
});
