/**
 * Which check wins when a request has several problems, and a few path-overlap edge cases, as
 * recorded against live DynamoDB by moto's aws_verified exception tests (getmoto/moto,
 * tests/test_dynamodb/exceptions/test_dynamodb_exceptions.py, first half). The messages themselves
 * are pinned elsewhere; these tests pin the precedence: an unused or empty ExpressionAttributeNames
 * map is reported before the table is looked up, before the key is checked against the schema and
 * before the key condition is analysed.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestEddy, type TestEddy, uniqueName } from './helpers/eddy.js';
import { rawOk, assertValidationLike, enveloped } from './helpers/conformance.js';

type Json = Record<string, unknown>;

let t: TestEddy;
/** Hash key `pk` (S) only, like the tables the recorded tests ran against. */
let T: string;

const S = (s: string) => ({ S: s });
const UNUSED_COUNT = 'Value provided in ExpressionAttributeNames unused in expressions: keys: {#count}';

before(async () => {
  t = await startTestEddy();
  T = uniqueName('moto-a');
  await ok('CreateTable', {
    TableName: T,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
    KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
  });
});
after(async () => t.stop());

const ok = (op: string, body: Json): Promise<Json> => rawOk(t, op, body);

/** The item writes report these request checks inside the envelope (live DynamoDB 2026). */
const invalid = (op: string, body: Json, message: RegExp | string): Promise<void> =>
  assertValidationLike(t, op, body, typeof message === 'string' && ['PutItem', 'UpdateItem', 'DeleteItem'].includes(op) ? enveloped(message) : message);

describe('ExpressionAttributeNames checks come first', () => {
  it('GetItem: an empty map without expressions is rejected before the (wrong) key is checked', async () => {
    await invalid('GetItem', { TableName: T, Key: { id: S('x') }, ExpressionAttributeNames: {} }, 'ExpressionAttributeNames can only be specified when using expressions');
  });

  it('BatchGetItem: an unused name is reported even though the table does not exist', async () => {
    await invalid(
      'BatchGetItem',
      {
        RequestItems: {
          [uniqueName('missing')]: {
            Keys: [{ username: S('u0') }, { username: S('u1') }],
            ConsistentRead: true,
            ProjectionExpression: '#rl',
            ExpressionAttributeNames: { '#rl': 'username', '#count': 'count' },
          },
        },
      },
      UNUSED_COUNT,
    );
  });

  it('Query: an unused name is reported before the key condition is analysed', async () => {
    // `x` and `a` are attribute paths, not values, and `sk` is not a key of the table: all of that is
    // only looked at once the names have passed.
    await invalid(
      'Query',
      { TableName: T, KeyConditionExpression: '(#0 = x) AND (begins_with(#1, a))', ExpressionAttributeNames: { '#0': 'pk', '#1': 'sk', '#count': 'count' } },
      UNUSED_COUNT,
    );
  });

  it('UpdateItem: unused names are reported before unused values', async () => {
    await ok('PutItem', { TableName: T, Item: { pk: S('pk1'), spec: { M: {} }, am: { N: '0' } } });
    await invalid(
      'UpdateItem',
      {
        TableName: T,
        Key: { pk: S('pk1') },
        UpdateExpression: 'SET spec.#limit = :limit',
        ExpressionAttributeNames: { '#count': 'count', '#limit': 'limit' },
        ExpressionAttributeValues: { ':countChange': { N: '1' }, ':limit': S('limit') },
      },
      UNUSED_COUNT,
    );
  });

  it('TransactWriteItems: every action kind reports an unused name before checking its key', async () => {
    const names = { '#i': 'pk', '#count': 'count' };
    const actions: Json[] = [
      { Put: { TableName: T, Item: { pk: S('foo'), foo: S('bar') }, ConditionExpression: '#i <> foo', ExpressionAttributeNames: names } },
      { Update: { TableName: T, Key: { id: S('foo') }, UpdateExpression: 'SET #i = test', ExpressionAttributeNames: names } },
      { Delete: { TableName: T, Key: { pk: S('foo'), foo: S('bar') }, ConditionExpression: '#i <> foo', ExpressionAttributeNames: names } },
      { ConditionCheck: { TableName: T, Key: { id: S('foo') }, ConditionExpression: 'attribute_exists(#i)', ExpressionAttributeNames: names } },
    ];
    for (const action of actions) {
      await invalid('TransactWriteItems', { TransactItems: [action, { Put: { TableName: T, Item: { pk: S('other') } } }] }, UNUSED_COUNT);
    }
  });
});

describe('update path overlap', () => {
  it('a name whose value contains a dot is one top-level attribute, so it does not overlap its prefix', async () => {
    await ok('UpdateItem', {
      TableName: T,
      Key: { pk: S('dot') },
      UpdateExpression: 'SET string_set = :h, #nested = :h',
      ExpressionAttributeNames: { '#nested': 'string_set.nested' },
      ExpressionAttributeValues: { ':h': S('H') },
    });
    const r = await ok('GetItem', { TableName: T, Key: { pk: S('dot') }, ConsistentRead: true });
    assert.deepEqual(r.Item, { pk: S('dot'), string_set: S('H'), 'string_set.nested': S('H') });
  });

  it('two different names that resolve to the same attribute do overlap, reported by attribute name', async () => {
    await invalid(
      'UpdateItem',
      {
        TableName: T,
        Key: { pk: S('same') },
        UpdateExpression: 'SET #a = :h, #b = :h',
        ExpressionAttributeNames: { '#a': 'string_set', '#b': 'string_set' },
        ExpressionAttributeValues: { ':h': S('H') },
      },
      'Invalid UpdateExpression: Two document paths overlap with each other; must remove or rewrite one of these paths; path one: [string_set], path two: [string_set]',
    );
  });

  it('ADD and DELETE on the same set overlap; on different sets they apply', async () => {
    await invalid(
      'UpdateItem',
      {
        TableName: T,
        Key: { pk: S('sets') },
        UpdateExpression: 'ADD #s :add DELETE #s :del',
        ExpressionAttributeNames: { '#s': 'string_set' },
        ExpressionAttributeValues: { ':add': { SS: ['c'] }, ':del': { SS: ['a'] } },
      },
      // Only the start of this message is recorded.
      /^1 validation error detected: Invalid UpdateExpression: Two document paths overlap with each other;/,
    );
    await ok('UpdateItem', {
      TableName: T,
      Key: { pk: S('sets') },
      UpdateExpression: 'ADD #s1 :add DELETE #s2 :del',
      ExpressionAttributeNames: { '#s1': 'ss1', '#s2': 'ss2' },
      ExpressionAttributeValues: { ':add': { SS: ['c'] }, ':del': { SS: ['a'] } },
    });
    const r = await ok('GetItem', { TableName: T, Key: { pk: S('sets') }, ConsistentRead: true });
    assert.deepEqual(r.Item, { pk: S('sets'), ss1: { SS: ['c'] } });
  });
});
