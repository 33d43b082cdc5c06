/**
 * Name-length limits, transaction size and capacity reporting, pinned to what live DynamoDB does
 * (as recorded by ScyllaDB alternator's test_limits.py, test_transact.py and
 * test_returnconsumedcapacity.py, which pass against AWS). An attribute name is at most 65535 UTF-8
 * bytes, and a longer one is listed as "Attribute name is too large, must be less than 65536 bytes"
 * (the full text as ExtendDB's issue 365 recorded it, 2026-09-16); a projected name is at most 255
 * characters (NonKeyAttributeName), reported by the generic constraint listing.
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
  /** DynamoDB's whole answer to a name over 65535 UTF-8 bytes (ExtendDB issue 365's recording). */
  const TOO_LARGE = '1 validation error detected: Attribute name is too large, must be less than 65536 bytes';

  it('accepts a 65535-byte name everywhere a name is given', async () => {
    const put = await t.raw('PutItem', { TableName: table, Item: { p: { S: 'ok' }, [longest]: { N: '1' }, m: { M: { [longest]: { S: 'x' } } } } });
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
    // 21845 three-byte characters are 65535 bytes.
    const euro = await t.raw('PutItem', { TableName: table, Item: { p: { S: 'eu' }, ['€'.repeat(21845)]: { N: '1' } } });
    assert.equal(euro.status, 200, euro.body);
  });

  it('refuses a 65536-byte name in an item, at the top or nested, and stores nothing', async () => {
    const items = [
      { p: { S: 'x' }, [tooLong]: { N: '1' } },
      { p: { S: 'x' }, m: { M: { [tooLong]: { N: '1' } } } },
      { p: { S: 'x' }, l: { L: [{ M: { a: { M: { [tooLong]: { N: '1' } } } } }] } },
      // Measured in bytes: 21846 three-byte characters are 65538 bytes.
      { p: { S: 'x' }, ['€'.repeat(21846)]: { N: '1' } },
    ];
    for (const Item of items) {
      assert.equal(validationMessage(await t.raw('PutItem', { TableName: table, Item })), TOO_LARGE);
    }
    const stored = await t.raw('GetItem', { TableName: table, Key: { p: { S: 'x' } }, ConsistentRead: true });
    assert.equal(stored.json.Item, undefined);
  });

  it('refuses it in Key, AttributesToGet, AttributeUpdates, ExpressionAttributeNames and a SET value', async () => {
    const key = { p: { S: 'x' } };
    const requests: [string, Record<string, unknown>][] = [
      ['GetItem', { Key: { [tooLong]: { S: 'x' } } }],
      ['GetItem', { Key: key, AttributesToGet: ['a', tooLong] }],
      ['UpdateItem', { Key: key, AttributeUpdates: { [tooLong]: { Action: 'PUT', Value: { N: '2' } } } }],
      ['GetItem', { Key: key, ProjectionExpression: '#n', ExpressionAttributeNames: { '#n': tooLong } }],
      ['UpdateItem', { Key: key, UpdateExpression: 'SET #n = :v', ExpressionAttributeNames: { '#n': tooLong }, ExpressionAttributeValues: { ':v': { N: '1' } } }],
      [
        'UpdateItem',
        { Key: key, UpdateExpression: 'SET a = :v', ConditionExpression: '#n = :v', ExpressionAttributeNames: { '#n': tooLong }, ExpressionAttributeValues: { ':v': { N: '1' } } },
      ],
      ['UpdateItem', { Key: key, UpdateExpression: 'SET doc = :v', ExpressionAttributeValues: { ':v': { M: { [tooLong]: { S: 'x' } } } } }],
    ];
    for (const [op, body] of requests) {
      assert.equal(validationMessage(await t.raw(op, { TableName: table, ...body })), TOO_LARGE, JSON.stringify(Object.keys(body)));
    }
  });

  it('lists it once, with the request\'s other constraint failures', async () => {
    const r = await t.raw('PutItem', {
      TableName: table,
      Item: { p: { S: 'x' }, [tooLong]: { N: '1' }, m: { M: { [tooLong]: { N: '1' } } } },
      ReturnValues: 'SOME',
    });
    const msg = validationMessage(r);
    assert.match(msg, /^2 validation errors detected: Attribute name is too large, must be less than 65536 bytes; .*enum value set/);
    assert.equal(msg.split('Attribute name is too large').length, 2, msg);
  });
});

describe('attribute name length in the legacy condition maps', () => {
  it('refuses a 65536-byte name as a key of Expected, KeyConditions, QueryFilter and ScanFilter', async () => {
    const tooLong = 'm'.repeat(65536);
    const cond = { ComparisonOperator: 'EQ', AttributeValueList: [{ S: 'v' }] };
    const cases: [string, Record<string, unknown>][] = [
      ['PutItem', { Item: { p: { S: 'e' } }, Expected: { [tooLong]: { Exists: false } } }],
      ['Query', { KeyConditions: { p: cond, [tooLong]: cond } }],
      ['Query', { KeyConditions: { p: cond }, QueryFilter: { [tooLong]: cond } }],
      ['Scan', { ScanFilter: { [tooLong]: cond } }],
    ];
    for (const [op, body] of cases) {
      const r = await t.raw(op, { TableName: table, ...body });
      assert.equal(validationMessage(r), '1 validation error detected: Attribute name is too large, must be less than 65536 bytes', op);
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
