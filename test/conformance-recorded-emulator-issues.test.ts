/**
 * DynamoDB answers recorded in other emulators' issue trackers and parity tests (measured on live
 * DynamoDB by their authors), where Eddy answered differently. The facts are DynamoDB's; the tests
 * are ours. Each case names its source.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { assertValidation, rawOk } from './helpers/conformance.js';
import { startTestEddy, uniqueName, type TestEddy } from './helpers/eddy.js';

let t: TestEddy;
type Json = Record<string, unknown>;
const S = (s: string) => ({ S: s });
const N = (n: string) => ({ N: n });
const HASH_ONLY = {
  AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
  KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
};

let plain: string; // pk S, on demand
let composite: string; // pk S + sk S, on demand

before(async () => {
  t = await startTestEddy();
  plain = uniqueName('rei');
  composite = uniqueName('reic');
  await rawOk(t, 'CreateTable', { TableName: plain, BillingMode: 'PAY_PER_REQUEST', ...HASH_ONLY });
  await rawOk(t, 'CreateTable', {
    TableName: composite,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }, { AttributeName: 'sk', AttributeType: 'S' }],
    KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }, { AttributeName: 'sk', KeyType: 'RANGE' }],
  });
});

after(async () => {
  await t.stop();
});

// https://github.com/ExtendDB/extenddb/pull/320 (measured 2026-08-21), and the raw DescribeTable JSON
// in the AWS SDK for Java v2 migration guide ("Deserialization differences", us-east-1).
describe('TableThroughputModeSummary and the TableThroughputMode request member', () => {
  it('every description with a BillingModeSummary carries the same summary as TableThroughputModeSummary', async () => {
    const created = await rawOk(t, 'CreateTable', { TableName: uniqueName('ttm'), BillingMode: 'PAY_PER_REQUEST', ...HASH_ONLY });
    const desc = created.TableDescription as Json;
    assert.deepEqual(desc.BillingModeSummary, { BillingMode: 'PAY_PER_REQUEST' });
    assert.deepEqual(desc.TableThroughputModeSummary, { TableThroughputMode: 'PAY_PER_REQUEST' });

    const shown = (await rawOk(t, 'DescribeTable', { TableName: plain })).Table as Json;
    const billing = shown.BillingModeSummary as Json;
    assert.equal(typeof billing.LastUpdateToPayPerRequestDateTime, 'number');
    assert.deepEqual(shown.TableThroughputModeSummary, {
      TableThroughputMode: 'PAY_PER_REQUEST',
      LastUpdateToPayPerRequestDateTime: billing.LastUpdateToPayPerRequestDateTime,
    });
  });

  it('a provisioned table that was never on demand has neither summary', async () => {
    const name = uniqueName('ttp');
    await rawOk(t, 'CreateTable', { TableName: name, ProvisionedThroughput: { ReadCapacityUnits: 1, WriteCapacityUnits: 1 }, ...HASH_ONLY });
    const shown = (await rawOk(t, 'DescribeTable', { TableName: name })).Table as Json;
    assert.equal(shown.BillingModeSummary, undefined);
    assert.equal(shown.TableThroughputModeSummary, undefined);
  });

  it('TableThroughputMode alone chooses the billing mode of CreateTable and UpdateTable', async () => {
    const name = uniqueName('tta');
    const created = await rawOk(t, 'CreateTable', { TableName: name, TableThroughputMode: 'PAY_PER_REQUEST', ...HASH_ONLY });
    assert.deepEqual((created.TableDescription as Json).BillingModeSummary, { BillingMode: 'PAY_PER_REQUEST' });

    const updated = await rawOk(t, 'UpdateTable', {
      TableName: name,
      TableThroughputMode: 'PROVISIONED',
      ProvisionedThroughput: { ReadCapacityUnits: 2, WriteCapacityUnits: 2 },
    });
    const desc = updated.TableDescription as Json;
    assert.deepEqual(desc.BillingModeSummary, { BillingMode: 'PROVISIONED' });
    assert.deepEqual(desc.TableThroughputModeSummary, { TableThroughputMode: 'PROVISIONED' });
  });

  it('BillingMode wins over TableThroughputMode, whose conflict is not refused', async () => {
    const created = await rawOk(t, 'CreateTable', {
      TableName: uniqueName('ttw'),
      BillingMode: 'PROVISIONED',
      TableThroughputMode: 'PAY_PER_REQUEST',
      ProvisionedThroughput: { ReadCapacityUnits: 1, WriteCapacityUnits: 1 },
      ...HASH_ONLY,
    });
    assert.equal((created.TableDescription as Json).BillingModeSummary, undefined);
  });

  it('an unknown TableThroughputMode is refused on its own member, even beside a valid BillingMode', async () => {
    await assertValidation(
      t,
      'CreateTable',
      { TableName: uniqueName('ttx'), BillingMode: 'PAY_PER_REQUEST', TableThroughputMode: 'FREE', ...HASH_ONLY },
      "1 validation error detected: Value 'FREE' at 'tableThroughputMode' failed to satisfy constraint: Member must satisfy enum value set: [PROVISIONED, PAY_PER_REQUEST]",
    );
  });
});

// Transactions name the kind of their units beside the total: https://github.com/ExtendDB/extenddb/issues/76,
// https://github.com/ExtendDB/extenddb/issues/77, https://github.com/ExtendDB/extenddb/pull/84 and /pull/212
// (verified on DynamoDB), u19r/aux-storage's transact_get_items_response_shape_matches_dynamodb; the replay
// as reads: https://github.com/paritysuite/dynamodb-conformance/pull/67 and /pull/74 (eu-west-2).
describe('transaction ConsumedCapacity', () => {
  it('TransactGetItems reports ReadCapacityUnits beside the total, missing items included', async () => {
    await rawOk(t, 'PutItem', { TableName: plain, Item: { pk: S('tg'), v: N('1') } });
    const items = [{ Get: { TableName: plain, Key: { pk: S('tg') } } }, { Get: { TableName: plain, Key: { pk: S('tg-none') } } }];
    const total = await rawOk(t, 'TransactGetItems', { ReturnConsumedCapacity: 'TOTAL', TransactItems: items });
    assert.deepEqual(total.ConsumedCapacity, [{ TableName: plain, CapacityUnits: 4, ReadCapacityUnits: 4 }]);
    const indexes = await rawOk(t, 'TransactGetItems', { ReturnConsumedCapacity: 'INDEXES', TransactItems: items });
    assert.deepEqual(indexes.ConsumedCapacity, [
      { TableName: plain, CapacityUnits: 4, ReadCapacityUnits: 4, Table: { CapacityUnits: 4, ReadCapacityUnits: 4 } },
    ]);
  });

  it('TransactWriteItems reports WriteCapacityUnits beside the total and in the table breakdown', async () => {
    await rawOk(t, 'PutItem', { TableName: plain, Item: { pk: S('tw-check') } });
    const total = await rawOk(t, 'TransactWriteItems', {
      ReturnConsumedCapacity: 'TOTAL',
      TransactItems: [{ Put: { TableName: plain, Item: { pk: S('tw-put') }, ConditionExpression: 'attribute_not_exists(pk)' } }],
    });
    assert.deepEqual(total.ConsumedCapacity, [{ TableName: plain, CapacityUnits: 2, WriteCapacityUnits: 2 }]);
    // A standalone ConditionCheck is billed as a write.
    const check = await rawOk(t, 'TransactWriteItems', {
      ReturnConsumedCapacity: 'INDEXES',
      TransactItems: [{ ConditionCheck: { TableName: plain, Key: { pk: S('tw-check') }, ConditionExpression: 'attribute_exists(pk)' } }],
    });
    assert.deepEqual(check.ConsumedCapacity, [
      { TableName: plain, CapacityUnits: 2, WriteCapacityUnits: 2, Table: { CapacityUnits: 2, WriteCapacityUnits: 2 } },
    ]);
  });

  it('a same-token replay is billed as transactional reads of the items', async () => {
    const body = {
      ReturnConsumedCapacity: 'TOTAL',
      ClientRequestToken: `replay-${uniqueName('tok')}`,
      TransactItems: [{ Put: { TableName: plain, Item: { pk: S('tw-big'), d: S('x'.repeat(1500)) } } }],
    };
    const first = await rawOk(t, 'TransactWriteItems', body);
    assert.deepEqual(first.ConsumedCapacity, [{ TableName: plain, CapacityUnits: 4, WriteCapacityUnits: 4 }]);
    const replay = await rawOk(t, 'TransactWriteItems', body);
    assert.deepEqual(replay.ConsumedCapacity, [{ TableName: plain, CapacityUnits: 2, ReadCapacityUnits: 2 }]);
  });
});

// u19r/aux-storage, crates/storage-api/src/routes/transact_get_items_tests.rs (its DynamoDB parity tests):
// a repeated item is reported only after every table was found and every Key matched its schema.
describe('TransactGetItems check order', () => {
  const get = (table: string, pk: Json): Json => ({ Get: { TableName: table, Key: { pk, sk: S('s') } } });

  it('a Key of the wrong type cancels the transaction even when another item is repeated', async () => {
    for (const [items, shown] of [
      [[get(composite, S('p')), get(composite, S('p')), get(composite, N('1'))], '[None, None, ValidationError]'],
      [[get(composite, N('1')), get(composite, S('p')), get(composite, S('p'))], '[ValidationError, None, None]'],
    ] as const) {
      const r = await t.raw('TransactGetItems', { TransactItems: items });
      assert.equal(r.json?.__type, 'com.amazonaws.dynamodb.v20120810#TransactionCanceledException', JSON.stringify(r.json));
      assert.equal(r.json?.Message, `Transaction cancelled, please refer cancellation reasons for specific reasons ${shown}`);
    }
  });

  it('a missing table later in the list wins over a repeated item', async () => {
    const r = await t.raw('TransactGetItems', {
      TransactItems: [get(composite, S('p')), get(composite, S('p')), get(uniqueName('nope'), S('p'))],
    });
    assert.equal(r.json?.__type, 'com.amazonaws.dynamodb.v20120810#ResourceNotFoundException', JSON.stringify(r.json));
  });

  it('a repeated item alone, by name and by ARN, is still refused', async () => {
    const arn = ((await rawOk(t, 'DescribeTable', { TableName: composite })).Table as Json).TableArn as string;
    await assertValidation(t, 'TransactGetItems', { TransactItems: [get(composite, S('p')), get(arn, S('p'))] },
      'Transaction request cannot include multiple operations on one item');
  });
});

// https://github.com/ExtendDB/extenddb (crates/core/src/types/table.rs): the enum order measured on
// the live service on 2026-08-06, "neither alphabetical nor declaration order".
describe('vector index DistanceFunction', () => {
  it('an unknown distance function lists DOT_PRODUCT, COSINE, EUCLIDEAN', async () => {
    await assertValidation(
      t,
      'CreateTable',
      {
        TableName: uniqueName('vdf'),
        BillingMode: 'PAY_PER_REQUEST',
        ...HASH_ONLY,
        VectorIndexes: [{ IndexName: 'vidx', Dimensions: 4, DistanceFunction: 'MANHATTAN', VectorAttribute: { AttributeName: 'emb' }, Projection: { ProjectionType: 'ALL' } }],
      },
      "1 validation error detected: Value 'MANHATTAN' at 'vectorIndexes.1.member.distanceFunction' failed to satisfy constraint: Member must satisfy enum value set: [DOT_PRODUCT, COSINE, EUCLIDEAN]",
    );
  });
});
