import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { GetItemCommand, PutItemCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { differenceMembers, memberKey, sameMembers, unionMembers } from '../src/dynamodb/values/set-members.js';
import { createHashTable } from './helpers/conformance.js';
import { startTestEddy, type TestEddy } from './helpers/eddy.js';

// Set ADD / DELETE and set equality (src/dynamodb/values/set-members.ts): members by DynamoDB's
// identity (numbers by value, binaries by bytes), in time proportional to the members. Until this
// file, an ADD of one large number set onto another compared every pair of members, parsing both
// numbers each time: 20k onto 20k numbers was ~400 million parses, minutes of a busy server for one
// request (found while fuzzing the server: a fuzzed UpdateItem kept it at 93% CPU for over 15 minutes).

let t: TestEddy;
before(async () => {
  t = await startTestEddy();
});
after(() => t.stop());

test('member identity: numbers by value, binaries by bytes, strings as written', () => {
  assert.equal(memberKey('NS', '1'), memberKey('NS', '1.0'));
  assert.equal(memberKey('NS', '100'), memberKey('NS', '1E2'));
  assert.equal(memberKey('NS', '0'), memberKey('NS', '-0.000'));
  assert.notEqual(memberKey('NS', '1'), memberKey('NS', '-1'));
  assert.notEqual(memberKey('NS', '10'), memberKey('NS', '1'));
  assert.notEqual(memberKey('NS', '0.1'), memberKey('NS', '1'));
  // The same bytes in two base64 spellings (padding left off) are one member.
  assert.equal(memberKey('BS', 'AQI='), memberKey('BS', 'AQI'));
  assert.notEqual(memberKey('BS', 'AQI='), memberKey('BS', 'AQM='));
  assert.notEqual(memberKey('SS', 'a'), memberKey('SS', 'A'));

  assert.deepEqual(unionMembers('NS', ['1', '2'], ['2.0', '3', '3']), ['1', '2', '3']);
  assert.deepEqual(differenceMembers('NS', ['1', '2', '3'], ['2.00', '4']), ['1', '3']);
  assert.deepEqual(unionMembers('SS', ['b', 'a'], ['a', 'c']), ['b', 'a', 'c']);
  assert.deepEqual(differenceMembers('BS', ['AQI=', 'AQM='], ['AQI']), ['AQM=']);
  assert.equal(sameMembers('NS', ['1', '20'], ['2E1', '1.0']), true);
  assert.equal(sameMembers('NS', ['1', '20'], ['1', '21']), false);
  assert.equal(sameMembers('SS', ['x', 'y'], ['y', 'x']), true);
  assert.equal(sameMembers('SS', ['x', 'y'], ['x', 'x']), false);
});

const numbers = (from: number, count: number): string[] => Array.from({ length: count }, (_, i) => String(from + i));

test('ADD and DELETE of large number and string sets give the union and the difference', async () => {
  const table = await createHashTable(t, 'setalg', 'pk');
  const N = 20_000;
  // 0..19999 stored; 10000..29999 added: the union is 0..29999.
  await t.client.send(new PutItemCommand({ TableName: table, Item: { pk: { S: 'n' }, s: { NS: numbers(0, N) } } }));
  await t.client.send(new UpdateItemCommand({
    TableName: table, Key: { pk: { S: 'n' } },
    UpdateExpression: 'ADD s :more', ExpressionAttributeValues: { ':more': { NS: numbers(N / 2, N) } },
  }));
  let got = await t.client.send(new GetItemCommand({ TableName: table, Key: { pk: { S: 'n' } } }));
  assert.equal(got.Item?.s?.NS?.length, N + N / 2);
  assert.deepEqual(got.Item?.s?.NS, numbers(0, N + N / 2));

  // DELETE 0..19999 (the number texts written differently: "5.0") leaves 20000..29999.
  await t.client.send(new UpdateItemCommand({
    TableName: table, Key: { pk: { S: 'n' } },
    UpdateExpression: 'DELETE s :gone', ExpressionAttributeValues: { ':gone': { NS: numbers(0, N).map((x) => `${x}.0`) } },
  }));
  got = await t.client.send(new GetItemCommand({ TableName: table, Key: { pk: { S: 'n' } } }));
  assert.deepEqual(got.Item?.s?.NS, numbers(N, N / 2));

  // The legacy AttributeUpdates ADD and DELETE, on a string set.
  const strings = (from: number, count: number): string[] => numbers(from, count).map((x) => `m${x}`);
  await t.client.send(new PutItemCommand({ TableName: table, Item: { pk: { S: 's' }, s: { SS: strings(0, N) } } }));
  await t.client.send(new UpdateItemCommand({
    TableName: table, Key: { pk: { S: 's' } },
    AttributeUpdates: { s: { Action: 'ADD', Value: { SS: strings(N / 2, N) } } },
  }));
  got = await t.client.send(new GetItemCommand({ TableName: table, Key: { pk: { S: 's' } } }));
  assert.equal(got.Item?.s?.SS?.length, N + N / 2);
  await t.client.send(new UpdateItemCommand({
    TableName: table, Key: { pk: { S: 's' } },
    AttributeUpdates: { s: { Action: 'DELETE', Value: { SS: strings(1, N + N / 2 - 1) } } },
  }));
  got = await t.client.send(new GetItemCommand({ TableName: table, Key: { pk: { S: 's' } } }));
  assert.deepEqual(got.Item?.s?.SS, ['m0']);

  // A condition comparing a large set with itself, its members written differently.
  await t.client.send(new PutItemCommand({ TableName: table, Item: { pk: { S: 'c' }, s: { NS: numbers(0, N) } } }));
  await t.client.send(new UpdateItemCommand({
    TableName: table, Key: { pk: { S: 'c' } }, UpdateExpression: 'SET ok = :t', ConditionExpression: 's = :same',
    ExpressionAttributeValues: { ':t': { BOOL: true }, ':same': { NS: numbers(0, N).reverse().map((x) => `${x}.00`) } },
  }));
  got = await t.client.send(new GetItemCommand({ TableName: table, Key: { pk: { S: 'c' } } }));
  assert.equal(got.Item?.ok?.BOOL, true);
});
