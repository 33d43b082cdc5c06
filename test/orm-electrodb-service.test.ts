// Requests shaped like the ones ElectroDB 3.x sends from its service, collection and transaction
// helpers (single-table design: `$service#attr_value` partition keys, `$collection#entity_version#...`
// sort keys, `__edb_e__`/`__edb_v__` identifier attributes). ElectroDB's connected specs passed on Eddy;
// these pin the server behaviour those specs depend on, written as plain SDK v3 requests.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  BatchGetItemCommand,
  CreateTableCommand,
  PutItemCommand,
  QueryCommand,
  TransactWriteItemsCommand,
  TransactionCanceledException,
  UpdateItemCommand,
  type AttributeValue,
  type TransactWriteItem,
} from '@aws-sdk/client-dynamodb';
import { startTestEddy, uniqueName, type TestEddy } from './helpers/eddy.js';

const S = (s: string): AttributeValue => ({ S: s });

let t: TestEddy;
let table: string;

before(async () => {
  t = await startTestEddy();
  table = uniqueName('edb');
  await t.client.send(new CreateTableCommand({
    TableName: table,
    KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }, { AttributeName: 'sk', KeyType: 'RANGE' }],
    AttributeDefinitions: [
      { AttributeName: 'pk', AttributeType: 'S' }, { AttributeName: 'sk', AttributeType: 'S' },
      { AttributeName: 'gsi1pk', AttributeType: 'S' }, { AttributeName: 'gsi1sk', AttributeType: 'S' },
    ],
    GlobalSecondaryIndexes: [{
      IndexName: 'gsi1pk-gsi1sk-index',
      KeySchema: [{ AttributeName: 'gsi1pk', KeyType: 'HASH' }, { AttributeName: 'gsi1sk', KeyType: 'RANGE' }],
      Projection: { ProjectionType: 'ALL' },
    }],
    BillingMode: 'PAY_PER_REQUEST',
  }));
});

after(async () => {
  await t.stop();
});

function cancelReasons(err: unknown): { Code?: string; Message?: string; Item?: Record<string, AttributeValue> }[] {
  assert.ok(err instanceof TransactionCanceledException, `expected a cancellation, got ${String(err)}`);
  return err.CancellationReasons ?? [];
}

describe('collection queries on a clustered sort key', () => {
  it('a greater-than on a partial key prefix also returns the items that extend that prefix', async () => {
    // A clustered index keeps `$collection#attr_NN#...#entity_1`; a "greater than prop2=05" range is
    // sent as `sk > "$collection#prop2_05"`, which by byte order includes every "…prop2_05#…" key.
    const pk = S(`$svc#prop1_${uniqueName('p')}`);
    for (const n of ['04', '05', '06']) {
      for (const entity of ['alpha', 'beta']) {
        await t.client.send(new PutItemCommand({
          TableName: table,
          Item: { pk, sk: S(`$primarycollection#prop2_${n}#prop3_x#${entity}_1`), __edb_e__: S(entity), __edb_v__: S('1') },
        }));
      }
    }
    const out = await t.client.send(new QueryCommand({
      TableName: table,
      KeyConditionExpression: '#pk = :pk and #sk1 > :sk1',
      FilterExpression: '(#e = :alpha AND #v = :one) OR (#e = :beta AND #v = :one)',
      ExpressionAttributeNames: { '#pk': 'pk', '#sk1': 'sk', '#e': '__edb_e__', '#v': '__edb_v__' },
      ExpressionAttributeValues: { ':pk': pk, ':sk1': S('$primarycollection#prop2_05'), ':alpha': S('alpha'), ':beta': S('beta'), ':one': S('1') },
    }));
    assert.deepEqual(out.Items?.map((i) => /prop2_\d+/.exec(i.sk?.S ?? '')?.[0]), ['prop2_05', 'prop2_05', 'prop2_06', 'prop2_06']);
    assert.equal(out.Count, 4);
  });
});

describe('service transactions', () => {
  it('replays a TransactWriteItems sent again with the same ClientRequestToken instead of re-checking it', async () => {
    const key = { pk: S(`$svc#teamid_${uniqueName('t')}`), sk: S('$assigned#task_1#taskid_task0001') };
    const put: TransactWriteItem = {
      Put: {
        TableName: table,
        Item: { ...key, title: S('Make Crabby Patty'), __edb_e__: S('task'), __edb_v__: S('1') },
        ConditionExpression: 'attribute_not_exists(#title)',
        ExpressionAttributeNames: { '#title': 'title' },
      },
    };
    const token = uniqueName('token');
    await t.client.send(new TransactWriteItemsCommand({ TransactItems: [put], ClientRequestToken: token }));
    // The condition would now fail, but the same token and request within the idempotency window succeed.
    await t.client.send(new TransactWriteItemsCommand({ TransactItems: [put], ClientRequestToken: token }));
    const err = await t.client.send(new TransactWriteItemsCommand({ TransactItems: [put] })).catch((e: unknown) => e);
    assert.deepEqual(cancelReasons(err).map((r) => r.Code), ['ConditionalCheckFailed']);
  });

  it('reports each action of a cancelled unique-constraint transaction, with ALL_OLD only where asked', async () => {
    const agentKey = { pk: S(`$svc#id_${uniqueName('a')}`), sk: S('$agent_1') };
    const uniqueKey = { pk: S(`$svc#value_${uniqueName('eagle')}`), sk: S('$unique_1#name_callsign#entity_agent') };
    await t.client.send(new PutItemCommand({ TableName: table, Item: { ...uniqueKey, value: S('eagle'), __edb_e__: S('unique'), __edb_v__: S('1') } }));
    const create = (key: Record<string, AttributeValue>, extra: Record<string, AttributeValue>): TransactWriteItem => ({
      Put: {
        TableName: table,
        Item: { ...key, ...extra },
        ConditionExpression: 'attribute_not_exists(#pk) AND attribute_not_exists(#sk)',
        ExpressionAttributeNames: { '#pk': 'pk', '#sk': 'sk' },
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
      },
    });
    const err = await t.client.send(new TransactWriteItemsCommand({
      TransactItems: [create(agentKey, { callSign: S('eagle') }), create(uniqueKey, { value: S('eagle') })],
    })).catch((e: unknown) => e);
    assert.deepEqual(cancelReasons(err), [
      { Code: 'None' },
      { Code: 'ConditionalCheckFailed', Message: 'The conditional request failed', Item: { ...uniqueKey, value: S('eagle'), __edb_e__: S('unique'), __edb_v__: S('1') } },
    ]);
  });

  it('cancels a ConditionCheck on a missing item with the usual reason text (no Item, no trailing period)', async () => {
    // DynamoDB Local writes "The conditional request failed." here; see docs/compatibility.md.
    const err = await t.client.send(new TransactWriteItemsCommand({
      TransactItems: [{
        ConditionCheck: {
          TableName: table,
          Key: { pk: S(`$svc#id_${uniqueName('missing')}`), sk: S('$agent_1') },
          ConditionExpression: '#isHandler = :true',
          ExpressionAttributeNames: { '#isHandler': 'isHandler' },
          ExpressionAttributeValues: { ':true': { BOOL: true } },
        },
      }],
    })).catch((e: unknown) => e);
    assert.deepEqual(cancelReasons(err), [{ Code: 'ConditionalCheckFailed', Message: 'The conditional request failed' }]);
  });
});

describe('item parsing round trips', () => {
  it('UPDATED_NEW after removing a nested member returns no Attributes, after setting one returns just that path', async () => {
    const key = { pk: S(`$testing#prop1_${uniqueName('r')}`), sk: S('$parse_test_1#prop2_x') };
    await t.client.send(new PutItemCommand({ TableName: table, Item: { ...key, prop4: { M: { nested: { M: { prop5: S('def') } } } } } }));
    const names = { '#prop4': 'prop4', '#nested': 'nested' };
    const removed = await t.client.send(new UpdateItemCommand({
      TableName: table, Key: key, UpdateExpression: 'REMOVE #prop4.#nested.#prop5',
      ExpressionAttributeNames: { ...names, '#prop5': 'prop5' }, ReturnValues: 'UPDATED_NEW',
    }));
    assert.equal(removed.Attributes, undefined);
    const set = await t.client.send(new UpdateItemCommand({
      TableName: table, Key: key, UpdateExpression: 'SET #prop4.#nested.#prop6 = :v',
      ExpressionAttributeNames: { ...names, '#prop6': 'prop6' }, ExpressionAttributeValues: { ':v': S('xyz') }, ReturnValues: 'UPDATED_NEW',
    }));
    assert.deepEqual(set.Attributes, { prop4: { M: { nested: { M: { prop6: S('xyz') } } } } });
  });

  it('BatchGetItem for hydration answers every key with an empty UnprocessedKeys map', async () => {
    const key = { pk: S(`$svc#organizationid_${uniqueName('o')}`), sk: S('$acct_1#accountid_a') };
    await t.client.send(new PutItemCommand({ TableName: table, Item: { ...key, description: S('d') } }));
    const out = await t.client.send(new BatchGetItemCommand({ RequestItems: { [table]: { Keys: [key] } } }));
    assert.deepEqual(out.Responses?.[table], [{ ...key, description: S('d') }]);
    assert.deepEqual(out.UnprocessedKeys, {});
  });
});
