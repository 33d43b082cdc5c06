/**
 * Transactions and batch operations where a 2026 conformance suite, run against live DynamoDB,
 * showed Eddy answering differently. Facts (messages, shapes) are DynamoDB's; the tests are ours.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { assertValidation, rawOk } from './helpers/conformance.js';
import { startTestEddy, uniqueName, type TestEddy } from './helpers/eddy.js';

let t: TestEddy;
type Json = Record<string, unknown>;
const S = (s: string) => ({ S: s });
const N = (n: string) => ({ N: n });
const A = (name: string, type = 'S') => ({ AttributeName: name, AttributeType: type });
const K = (name: string, type: 'HASH' | 'RANGE') => ({ AttributeName: name, KeyType: type });

/** Asserts the transaction is cancelled with a ValidationError reason (and this message) for its only action. */
async function assertCancelledWith(items: Json[], message: string): Promise<void> {
  const r = await t.raw('TransactWriteItems', { TransactItems: items });
  assert.equal(r.status, 400, JSON.stringify(r.json));
  assert.equal(r.json?.__type, 'com.amazonaws.dynamodb.v20120810#TransactionCanceledException', JSON.stringify(r.json));
  const reasons = r.json?.CancellationReasons as Json[];
  assert.deepEqual(reasons, [{ Code: 'ValidationError', Message: message }]);
}

let plain: string; // pk S
let indexed: string; // pk S + sk S; attribute x keys lsi "zeta" and gsi "alpha"

before(async () => {
  t = await startTestEddy();
  plain = uniqueName('txk');
  indexed = uniqueName('txi');
  await rawOk(t, 'CreateTable', {
    TableName: plain, BillingMode: 'PAY_PER_REQUEST', AttributeDefinitions: [A('pk')], KeySchema: [K('pk', 'HASH')],
  });
  await rawOk(t, 'CreateTable', {
    TableName: indexed,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [A('pk'), A('sk'), A('x')],
    KeySchema: [K('pk', 'HASH'), K('sk', 'RANGE')],
    LocalSecondaryIndexes: [{ IndexName: 'zeta', KeySchema: [K('pk', 'HASH'), K('x', 'RANGE')], Projection: { ProjectionType: 'ALL' } }],
    GlobalSecondaryIndexes: [{ IndexName: 'alpha', KeySchema: [K('x', 'HASH')], Projection: { ProjectionType: 'ALL' } }],
  });
});
after(async () => {
  await t.stop();
});

describe('TransactWriteItems key problems: cancellation reason or request error', () => {
  it('a Delete, Update or ConditionCheck Key of the wrong type cancels with the schema-mismatch reason', async () => {
    const mismatch = 'The provided key element does not match the schema';
    await assertCancelledWith([{ Delete: { TableName: plain, Key: { pk: N('1') } } }], mismatch);
    await assertCancelledWith([{ Delete: { TableName: plain, Key: { pk: { L: [S('a')] } } } }], mismatch);
    await assertCancelledWith(
      [{ Update: { TableName: plain, Key: { pk: N('1') }, UpdateExpression: 'SET a = :v', ExpressionAttributeValues: { ':v': S('v') } } }],
      mismatch,
    );
    await assertCancelledWith(
      [{ ConditionCheck: { TableName: plain, Key: { pk: { L: [] } }, ConditionExpression: 'attribute_exists(pk)' } }],
      mismatch,
    );
  });

  it('an empty key value is a request-level ValidationException, also for a Put', async () => {
    const emptyS = 'One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an empty string value. Key: pk';
    await assertValidation(t, 'TransactWriteItems', { TransactItems: [{ Put: { TableName: plain, Item: { pk: S('') } } }] }, emptyS);
    await assertValidation(t, 'TransactWriteItems', { TransactItems: [{ Delete: { TableName: plain, Key: { pk: S('') } } }] }, emptyS);
  });

  it('a Put with a wrongly typed table key still cancels with the type-mismatch reason', async () => {
    await assertCancelledWith(
      [{ Put: { TableName: plain, Item: { pk: N('5') } } }],
      'One or more parameter values were invalid: Type mismatch for key pk expected: S actual: N',
    );
  });

  it('a request-level problem on a later action wins over an earlier cancellation reason', async () => {
    const r = await t.raw('TransactWriteItems', {
      TransactItems: [
        { Put: { TableName: plain, Item: { pk: N('5') } } },
        { Put: { TableName: uniqueName('absent'), Item: { pk: S('a') } } },
      ],
    });
    assert.equal(r.json?.__type, 'com.amazonaws.dynamodb.v20120810#ResourceNotFoundException');
  });
});

describe('TransactWriteItems secondary-index keys', () => {
  const typeMismatch = (actual: string) =>
    `One or more parameter values were invalid: Type mismatch for Index Key x Expected: S Actual: ${actual} IndexName: alpha`;

  it('a Put with an index key of the wrong type cancels, naming the alphabetically first index', async () => {
    await assertCancelledWith([{ Put: { TableName: indexed, Item: { pk: S('a'), sk: S('b'), x: N('5') } } }], typeMismatch('N'));
    await assertCancelledWith([{ Put: { TableName: indexed, Item: { pk: S('a'), sk: S('b'), x: { L: [] } } } }], typeMismatch('L'));
  });

  it('an Update setting an index key to the wrong type cancels with the same reason', async () => {
    await assertCancelledWith(
      [{ Update: { TableName: indexed, Key: { pk: S('a'), sk: S('b') }, UpdateExpression: 'SET x = :v', ExpressionAttributeValues: { ':v': N('5') } } }],
      typeMismatch('N'),
    );
  });

  it('a Put with an empty index key is a request error naming the alphabetically first index', async () => {
    await assertValidation(
      t,
      'TransactWriteItems',
      { TransactItems: [{ Put: { TableName: indexed, Item: { pk: S('a'), sk: S('b'), x: S('') } } }] },
      'One or more parameter values are not valid. A value specified for a secondary index key is not supported. The AttributeValue for a key attribute cannot contain an empty string value. IndexName: alpha, IndexKey: x',
    );
  });

  it('an Update setting an index key to an empty literal is a request error in the update wording', async () => {
    await assertValidation(
      t,
      'TransactWriteItems',
      {
        TransactItems: [
          { Update: { TableName: indexed, Key: { pk: S('a'), sk: S('c') }, UpdateExpression: 'SET x = :v', ExpressionAttributeValues: { ':v': S('') } } },
        ],
      },
      'One or more parameter values are not valid. The update expression attempted to update a secondary index key to a value that is not supported. The AttributeValue for a key attribute cannot contain an empty string value.',
    );
    const got = await rawOk(t, 'GetItem', { TableName: indexed, Key: { pk: S('a'), sk: S('c') } });
    assert.equal(got.Item, undefined);
  });

  it('an Update copying an empty value into an index key fails in the update wording, like UpdateItem', async () => {
    // Found only when the update runs (the value comes from the stored item); the wording follows
    // UpdateItem's recorded one (unverified for transactions).
    await rawOk(t, 'PutItem', { TableName: indexed, Item: { pk: S('a'), sk: S('e'), y: S('') } });
    const res = await t.raw('TransactWriteItems', {
      TransactItems: [{ Update: { TableName: indexed, Key: { pk: S('a'), sk: S('e') }, UpdateExpression: 'SET x = y' } }],
    });
    assert.equal(res.status, 400);
    assert.match(JSON.stringify(res.json), /The update expression attempted to update a secondary index key to a value that is not supported/);
    const got = await rawOk(t, 'GetItem', { TableName: indexed, Key: { pk: S('a'), sk: S('e') } });
    assert.deepEqual(got.Item, { pk: S('a'), sk: S('e'), y: S('') });
  });

  it('PutItem also names the alphabetically first index', async () => {
    await assertValidation(
      t,
      'PutItem',
      { TableName: indexed, Item: { pk: S('a'), sk: S('b'), x: N('1') } },
      typeMismatch('N'),
    );
  });
});

describe('TransactGetItems', () => {
  before(async () => {
    await rawOk(t, 'PutItem', { TableName: plain, Item: { pk: S('g1'), a: S('x') } });
  });

  it('a Key that does not match the schema cancels with a ValidationError reason', async () => {
    for (const Key of [{}, { pk: N('1') }]) {
      const r = await t.raw('TransactGetItems', { TransactItems: [{ Get: { TableName: plain, Key: { pk: S('g1') } } }, { Get: { TableName: plain, Key } }] });
      assert.equal(r.json?.__type, 'com.amazonaws.dynamodb.v20120810#TransactionCanceledException', JSON.stringify(r.json));
      assert.equal(r.json?.Message, 'Transaction cancelled, please refer cancellation reasons for specific reasons [None, ValidationError]');
      assert.deepEqual((r.json?.CancellationReasons as Json[]).map((x) => x.Code), ['None', 'ValidationError']);
    }
  });

  it('a projection that selects nothing of a present item returns no Item', async () => {
    const out = await rawOk(t, 'TransactGetItems', {
      TransactItems: [{ Get: { TableName: plain, Key: { pk: S('g1') }, ProjectionExpression: '#n', ExpressionAttributeNames: { '#n': 'nothere' } } }],
    });
    assert.deepEqual(out.Responses, [{}]);
  });

  it('an INDEXES breakdown names the read units of the table', async () => {
    const out = await rawOk(t, 'TransactGetItems', {
      ReturnConsumedCapacity: 'INDEXES',
      TransactItems: [{ Get: { TableName: plain, Key: { pk: S('g1') } } }, { Get: { TableName: plain, Key: { pk: S('none') } } }],
    });
    const [cc] = out.ConsumedCapacity as Json[];
    assert.deepEqual(cc?.Table, { CapacityUnits: 4, ReadCapacityUnits: 4 });
    assert.equal(cc?.CapacityUnits, 4);
  });
});

describe('request validation wording and order', () => {
  const rcc = "Value 'BOGUS' at 'returnConsumedCapacity' failed to satisfy constraint: Member must satisfy enum value set: [INDEXES, TOTAL, NONE]";
  const nameRules =
    'Map keys must satisfy constraint: [Member must have length less than or equal to 255, Member must have length greater than or equal to 3, Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+]';

  it('TransactWriteItems lists an over-long ClientRequestToken before an unknown ReturnConsumedCapacity', async () => {
    const token = 'k'.repeat(37);
    await assertValidation(
      t,
      'TransactWriteItems',
      { TransactItems: [{ Put: { TableName: plain, Item: { pk: S('tok') } } }], ClientRequestToken: token, ReturnConsumedCapacity: 'BOGUS' },
      `2 validation errors detected: Value '${token}' at 'clientRequestToken' failed to satisfy constraint: Member must have length less than or equal to 36; ${rcc}`,
    );
  });

  it('BatchGetItem length errors name the member path without echoing the value', async () => {
    await assertValidation(t, 'BatchGetItem', { RequestItems: {} },
      "1 validation error detected: Value at 'RequestItems' failed to satisfy constraint: Member must have length greater than or equal to 1");
    await assertValidation(t, 'BatchGetItem', { RequestItems: { [plain]: { Keys: [] } } },
      `1 validation error detected: Value at 'RequestItems.${plain}.member.Keys' failed to satisfy constraint: Member must have length greater than or equal to 1`);
    const keys = Array.from({ length: 101 }, (_, i) => ({ pk: S(`k${i}`) }));
    await assertValidation(t, 'BatchGetItem', { RequestItems: { [plain]: { Keys: keys } } },
      `1 validation error detected: Value at 'RequestItems.${plain}.member.Keys' failed to satisfy constraint: Member must have length less than or equal to 100`);
  });

  it('BatchGetItem echoes a bad table name as JSON, listed with an unknown ReturnConsumedCapacity', async () => {
    await assertValidation(t, 'BatchGetItem', { RequestItems: { 'no!': { Keys: [{ pk: S('a') }] } }, ReturnConsumedCapacity: 'BOGUS' },
      `2 validation errors detected: Value '{"no!":{"Keys":[{"pk":{"S":"a"}}]}}' at 'requestItems' failed to satisfy constraint: ${nameRules}; ${rcc}`);
  });

  it('BatchWriteItem reports an unknown ReturnConsumedCapacity without its bad table name', async () => {
    await assertValidation(t, 'BatchWriteItem', { RequestItems: { 'no!': [{ PutRequest: { Item: { pk: S('a') } } }] }, ReturnConsumedCapacity: 'BOGUS' },
      `1 validation error detected: ${rcc}`);
    await assertValidation(t, 'BatchWriteItem', { RequestItems: { 'no!': [{ PutRequest: { Item: { pk: S('a') } } }] } },
      // items echoed as the service's AttributeValue objects (eu-west-2 captures, 2026-06 to 2026-08)
      `1 validation error detected: Value '{no!=[WriteRequest(putRequest=PutRequest(item={pk=AttributeValue(s=a, n=null, b=null, iNT=null, dECIMAL=null, dOUBLE=null, sS=null, nS=null, bS=null, iNTSET=null, dECIMALSET=null, dOUBLESET=null, m=null, l=null, nULL=null, bOOL=null)}, workloadProfileName=null), deleteRequest=null)]}' at 'requestItems' failed to satisfy constraint: ${nameRules}`);
    await assertValidation(t, 'BatchWriteItem', { RequestItems: {} }, 'The requestItems parameter is required for BatchWriteItem');
  });

  it('BatchGetItem refuses ProjectionExpression on one table with AttributesToGet on another', async () => {
    await assertValidation(
      t,
      'BatchGetItem',
      { RequestItems: { [plain]: { Keys: [{ pk: S('a') }], ProjectionExpression: 'pk' }, [indexed]: { Keys: [{ pk: S('a'), sk: S('b') }], AttributesToGet: ['pk'] } } },
      'Can not use both expression and non-expression parameters in the same request: Non-expression parameters: {AttributesToGet} Expression parameters: {ProjectionExpression}',
    );
  });
});
