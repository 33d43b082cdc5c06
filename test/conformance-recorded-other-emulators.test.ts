/**
 * DynamoDB answers recorded in the trackers of further emulators (ministack, floci, yulin, moto's
 * issue about table ARNs) and in production logs quoted there. The facts are DynamoDB's; the
 * tests are ours. Each case names its source.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { assertValidation, rawOk } from './helpers/conformance.js';
import { startTestEddy, uniqueName, type TestEddy } from './helpers/eddy.js';

let t: TestEddy;
type Json = Record<string, unknown>;
const S = (s: string) => ({ S: s });

let plain: string; // id S, on demand
let arn: string;

before(async () => {
  t = await startTestEddy();
  plain = uniqueName('roe');
  const created = await rawOk(t, 'CreateTable', {
    TableName: plain,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
    KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
  });
  arn = (created.TableDescription as Json).TableArn as string;
});

after(async () => {
  await t.stop();
});

// The API reference names RequestItems "a map of one or more table names or table ARNs" for both
// batch operations; https://github.com/getmoto/moto/issues/7843 reports code that keys
// batch_get_item by table ARN against DynamoDB, and https://github.com/KensioSoftware/yulin/issues/260
// states the same rule. The name rules (3..255 of [a-zA-Z0-9_.-]) still apply to anything else
// (2026 conformance suite, see conformance-suite-transactions-batch.test.ts).
describe('batch operations keyed by table ARN', () => {
  it('BatchWriteItem writes through a table ARN key', async () => {
    const out = await rawOk(t, 'BatchWriteItem', {
      RequestItems: { [arn]: [{ PutRequest: { Item: { id: S('by-arn'), v: S('1') } } }] },
    });
    assert.deepEqual(out.UnprocessedItems, {});
    const got = await rawOk(t, 'GetItem', { TableName: plain, Key: { id: S('by-arn') } });
    assert.deepEqual(got.Item, { id: S('by-arn'), v: S('1') });
  });

  it('BatchGetItem reads through a table ARN key and answers under that key', async () => {
    await rawOk(t, 'PutItem', { TableName: plain, Item: { id: S('read-arn') } });
    const out = await rawOk(t, 'BatchGetItem', { RequestItems: { [arn]: { Keys: [{ id: S('read-arn') }] } } });
    assert.deepEqual(out.Responses, { [arn]: [{ id: S('read-arn') }] });
    assert.deepEqual(out.UnprocessedKeys, {});
  });

  it('an ARN naming no table is ResourceNotFound; a malformed one still fails the name rules', async () => {
    const missing = arn.replace(/table\/.*$/, 'table/no-such-table');
    const r = await t.raw('BatchGetItem', { RequestItems: { [missing]: { Keys: [{ id: S('a') }] } } });
    assert.equal(r.json?.__type, 'com.amazonaws.dynamodb.v20120810#ResourceNotFoundException');
    const bad = arn.replace(/table\/.*$/, 'table/no!');
    const body = { RequestItems: { [bad]: { Keys: [{ id: S('a') }] } } };
    await assertValidation(
      t,
      'BatchGetItem',
      body,
      `1 validation error detected: Value '${JSON.stringify(body.RequestItems)}' at 'requestItems' failed to satisfy constraint: Map keys must satisfy constraint: [Member must have length less than or equal to 255, Member must have length greater than or equal to 3, Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+]`,
    );
  });
});

// Facts that Eddy already matched when checked; kept so that they stay matched.
describe('recorded answers Eddy already gave', () => {
  // https://github.com/ministackorg/ministack/issues/1039 (run against AWS): an empty string is a
  // valid member of a string set.
  it('a string set may hold the empty string', async () => {
    await rawOk(t, 'PutItem', { TableName: plain, Item: { id: S('ss'), A: { SS: [''] } } });
    const got = await rawOk(t, 'GetItem', { TableName: plain, Key: { id: S('ss') } });
    assert.deepEqual((got.Item as Json).A, { SS: [''] });
  });

  // https://github.com/ministackorg/ministack/issues/1038 (AWS CLI against AWS): the text has two
  // spaces before "may".
  it('UpdateItem refuses an empty string set with the enveloped text', async () => {
    await assertValidation(
      t,
      'UpdateItem',
      { TableName: plain, Key: { id: S('u') }, UpdateExpression: 'SET #A = :a', ExpressionAttributeNames: { '#A': 'A' }, ExpressionAttributeValues: { ':a': { SS: [] } } },
      '1 validation error detected: One or more parameter values were invalid: An string set  may not be empty',
    );
  });

  // https://github.com/ministackorg/ministack/issues/1040 (run against AWS): UPDATED_NEW and
  // UPDATED_OLD return the attributes the expression set even when their value did not change.
  it('UPDATED_NEW / UPDATED_OLD return an attribute set to its current value', async () => {
    await rawOk(t, 'PutItem', { TableName: plain, Item: { id: S('same'), a: S('same') } });
    for (const rv of ['UPDATED_NEW', 'UPDATED_OLD']) {
      const out = await rawOk(t, 'UpdateItem', {
        TableName: plain,
        Key: { id: S('same') },
        UpdateExpression: 'SET a = :a',
        ExpressionAttributeValues: { ':a': S('same') },
        ReturnValues: rv,
      });
      assert.deepEqual(out.Attributes, { a: S('same') }, rv);
    }
  });

  // https://github.com/floci-io/floci/issues/1512 (confirmed on AWS, ap-northeast-1): a stray
  // hyphen is a syntax error naming the token and the expression.
  it('a bare hyphen in a filter or key condition is a syntax error', async () => {
    await assertValidation(t, 'Scan', { TableName: plain, FilterExpression: 'a-b' }, 'Invalid FilterExpression: Syntax error; token: "-", near: "a-b"');
    await assertValidation(t, 'Query', { TableName: plain, KeyConditionExpression: 'a-b' }, 'Invalid KeyConditionExpression: Syntax error; token: "-", near: "a-b"');
  });

  // https://github.com/floci-io/floci/issues/1169: "metadata" is not a reserved word.
  it('"metadata" may be used bare in an update expression', async () => {
    await rawOk(t, 'UpdateItem', { TableName: plain, Key: { id: S('md') }, UpdateExpression: 'SET metadata = :m', ExpressionAttributeValues: { ':m': S('x') } });
  });

  // https://github.com/floci-io/floci/issues/1604 (compared with AWS): a reason for an action
  // that did not fail carries Code "None" and no Message at all.
  it('a cancelled transaction reports untouched actions as a bare None', async () => {
    const r = await t.raw('TransactWriteItems', {
      TransactItems: [
        { Put: { TableName: plain, Item: { id: S('tx-ok') } } },
        { ConditionCheck: { TableName: plain, Key: { id: S('tx-missing') }, ConditionExpression: 'attribute_exists(id)' } },
      ],
    });
    assert.equal(r.json?.__type, 'com.amazonaws.dynamodb.v20120810#TransactionCanceledException');
    assert.deepEqual(r.json?.CancellationReasons?.[0], { Code: 'None' });
  });

  // https://github.com/ministackorg/ministack/issues/788: PartiQL DELETE / UPDATE whose non-key
  // predicate is false fail the condition, not the request.
  it('PartiQL DELETE and UPDATE with a false non-key predicate are ConditionalCheckFailed', async () => {
    await rawOk(t, 'PutItem', { TableName: plain, Item: { id: S('pq'), name: S('alpha') } });
    for (const statement of [`DELETE FROM "${plain}" WHERE id = 'pq' AND name = 'beta'`, `UPDATE "${plain}" SET n = 9 WHERE id = 'pq' AND name = 'beta'`]) {
      const r = await t.raw('ExecuteStatement', { Statement: statement });
      assert.equal(r.json?.__type, 'com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException', statement);
    }
  });

  // Production logs of DynamoDB Streams clients (https://github.com/opensearch-project/data-prepper/issues/4401,
  // https://github.com/amazon-archives/logstash-input-dynamodb/issues/4): an unknown shard.
  it('GetShardIterator on an unknown shard id names the shard', async () => {
    const name = uniqueName('roes');
    const created = await rawOk(t, 'CreateTable', {
      TableName: name,
      BillingMode: 'PAY_PER_REQUEST',
      StreamSpecification: { StreamEnabled: true, StreamViewType: 'KEYS_ONLY' },
      AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
    });
    const streamArn = (created.TableDescription as Json).LatestStreamArn as string;
    const r = await t.raw('DynamoDBStreams_20120810.GetShardIterator', {
      StreamArn: streamArn,
      ShardId: 'shardId-00000001446500994480-a69421f6',
      ShardIteratorType: 'TRIM_HORIZON',
    });
    assert.deepEqual([r.json?.__type, r.json?.message], [
      'com.amazonaws.dynamodb.v20120810#ResourceNotFoundException',
      'Requested resource not found: Shard does not exist',
    ]);
  });
});
