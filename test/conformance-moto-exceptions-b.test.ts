/**
 * Error answers that moto's AWS-verified exception tests (second half of
 * tests/test_dynamodb/exceptions/test_dynamodb_exceptions.py) recorded from live DynamoDB.
 * Eddy already matched every one of them; this file keeps it that way.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { assertValidation, enveloped } from './helpers/conformance.js';
import { startTestEddy, type TestEddy, uniqueName } from './helpers/eddy.js';

let t: TestEddy;
before(async () => {
  t = await startTestEddy();
});
after(async () => t.stop());

const S = (s: string) => ({ S: s });
const OVERLAP = 'Two document paths overlap with each other; must remove or rewrite one of these paths';
const BAD_KEY = 'The provided key element does not match the schema';
const CCF = 'com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException';

/** A provisioned table keyed by the string `pk` only, as the recorded tests used. */
async function pkTable(): Promise<string> {
  const name = uniqueName('moto-b');
  const res = await t.raw('CreateTable', {
    TableName: name,
    KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
    AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
    ProvisionedThroughput: { ReadCapacityUnits: 1, WriteCapacityUnits: 5 },
  });
  assert.equal(res.status, 200, res.body);
  return name;
}

describe('a projection naming the same path twice', () => {
  it('is refused by Query, GetItem (through names) and Scan (next to a filter)', async () => {
    const name = await pkTable();
    const names = { '#rl': 'body', '#rt': 'attachment' };
    await assertValidation(
      t,
      'Query',
      { TableName: name, KeyConditionExpression: 'pk = :k', ExpressionAttributeValues: { ':k': S('k') }, ProjectionExpression: 'body, subject, body' },
      `Invalid ProjectionExpression: ${OVERLAP}; path one: [body], path two: [body]`,
    );
    await assertValidation(
      t,
      'GetItem',
      { TableName: name, Key: { pk: S('k') }, ProjectionExpression: '#rl, #rt, subject, subject', ExpressionAttributeNames: names },
      `Invalid ProjectionExpression: ${OVERLAP}; path one: [subject], path two: [subject]`,
    );
    await assertValidation(
      t,
      'Scan',
      {
        TableName: name,
        FilterExpression: 'forum_name = :v',
        ProjectionExpression: '#rl, #rt, subject, subject',
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: { ':v': S('k') },
      },
      `Invalid ProjectionExpression: ${OVERLAP}; path one: [subject], path two: [subject]`,
    );
  });
});

describe('empty sets in PutItem', () => {
  it('names the set type, also for a set nested in a map', async () => {
    const name = await pkTable();
    await assertValidation(
      t,
      'PutItem',
      { TableName: name, Item: { pk: S('a'), attr2: { M: { SS: { NS: [] } } } } },
      enveloped('One or more parameter values were invalid: An number set  may not be empty'),
    );
    await assertValidation(
      t,
      'PutItem',
      { TableName: name, Item: { pk: S('foo'), stringSet: { SS: [] } } },
      enveloped('One or more parameter values were invalid: An string set  may not be empty'),
    );
  });
});

describe('an ExpressionAttributeValues key without its colon', () => {
  it('is reported before the expression is read, in Scan and in Query', async () => {
    const name = await pkTable();
    const message = 'ExpressionAttributeValues contains invalid key: Syntax error; key: "loc"';
    await assertValidation(t, 'Scan', { TableName: name, FilterExpression: 'attr = loc', ExpressionAttributeValues: { loc: S('sth') } }, message);
    await assertValidation(t, 'Query', { TableName: name, KeyConditionExpression: 'attr = loc', ExpressionAttributeValues: { loc: S('sth') } }, message);
  });
});

describe('a key with an attribute the table does not have', () => {
  it('does not match the schema in GetItem, DeleteItem and UpdateItem', async () => {
    const name = await pkTable();
    await assertValidation(t, 'GetItem', { TableName: name, Key: { pk: S('pk'), sk: S('sk') } }, BAD_KEY);
    await assertValidation(t, 'DeleteItem', { TableName: name, Key: { pk: S('pk'), sk: S('sk') } }, BAD_KEY);
    await assertValidation(
      t,
      'UpdateItem',
      {
        TableName: name,
        Key: { pk: S('x'), ReceivedTime: S('12/9/2011 11:36:03 PM') },
        UpdateExpression: 'set body=:New',
        ExpressionAttributeValues: { ':New': S('hello') },
      },
      BAD_KEY,
    );
  });
});

describe('ReturnValuesOnConditionCheckFailure', () => {
  const stored = { pk: S('the-key'), subject: S('123'), body: S('some test msg') };
  const failing: Array<[string, Record<string, unknown>]> = [
    ['PutItem', { Item: { pk: S('the-key'), bar: S('quuz') }, ConditionExpression: 'attribute_not_exists(body)' }],
    [
      'UpdateItem',
      {
        Key: { pk: S('the-key') },
        UpdateExpression: 'set #lock = :lock',
        ExpressionAttributeNames: { '#lock': 'lock' },
        ExpressionAttributeValues: { ':lock': S('sth') },
        ConditionExpression: 'attribute_exists(#lock)',
      },
    ],
    ['DeleteItem', { Key: { pk: S('the-key') }, ExpressionAttributeNames: { '#lock': 'lock' }, ConditionExpression: 'attribute_exists(#lock)' }],
  ];

  for (const [op, request] of failing) {
    it(`${op}: "message" without the old item, "Message" and the item with ALL_OLD`, async () => {
      const name = await pkTable();
      assert.equal((await t.raw('PutItem', { TableName: name, Item: stored })).status, 200);
      const plain = await t.raw(op, { TableName: name, ...request });
      assert.equal(plain.status, 400);
      assert.deepEqual(plain.json, { __type: CCF, message: 'The conditional request failed' });
      const withItem = await t.raw(op, { TableName: name, ...request, ReturnValuesOnConditionCheckFailure: 'ALL_OLD' });
      assert.equal(withItem.status, 400);
      assert.deepEqual(withItem.json, { __type: CCF, Message: 'The conditional request failed', Item: stored });
    });
  }
});
