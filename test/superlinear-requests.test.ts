import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { GetItemCommand, PutItemCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { createHashTable, enveloped } from './helpers/conformance.js';
import { startProcessEddy, type ProcessEddy } from './helpers/eddy-process.js';

// Requests whose cost grew with the square of something the client sends (found by an audit after
// the set ADD/DELETE fix in test/set-algebra.test.ts). Each case is sized so that the quadratic code
// took well over a minute on the 2-core test machine and the fixed code well under a second: the
// per-test timeout is the guard, the assertions check the answer is still the same. The server runs
// in its own process so that the timeout can fire while it is busy, and in memory (the work measured
// here happens before anything is stored; scripts/run-tests.mjs runs this file in its first pass only).
const GUARD = { timeout: 60_000 };

let t: ProcessEddy;
before(async () => {
  t = await startProcessEddy();
});
after(() => t.stop());

/** A 400 ValidationException with exactly this message (which may be megabytes: not echoed whole). */
async function assertRefused(op: string, body: unknown, message: string): Promise<void> {
  const r = await t.raw(op, body);
  assert.equal(r.status, 400, r.body.slice(0, 300));
  assert.equal(r.json?.__type, 'com.amazon.coral.validate#ValidationException');
  const got = String(r.json?.message);
  assert.ok(got === message, `message differs (${got.length} vs ${message.length} chars): ${got.slice(0, 300)}`);
}

/** `count` distinct strings of three printable ASCII characters (three bytes each), in order. */
function shortStrings(count: number, offset = 0): string[] {
  const out: string[] = [];
  for (let i = offset; i < offset + count; i++) {
    out.push(String.fromCharCode(33 + (i % 94), 33 + (Math.floor(i / 94) % 94), 33 + (Math.floor(i / 8836) % 94)));
  }
  return out;
}

test('a set with a repeat at the end is refused with the members listed as before', GUARD, async () => {
  const table = await createHashTable(t, 'dupset', 'pk');
  // The repeat ("m0") comes last: the members before it are listed in byte order, then the repeat.
  // Listing them compared every member with every earlier one: 20k members took 11 s, 100k minutes.
  const members = Array.from({ length: 100_000 }, (_, i) => `m${i}`);
  const before = members.slice().sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
  await assertRefused('PutItem', { TableName: table, Item: { pk: { S: 'a' }, s: { SS: [...members, 'm0'] } } },
    enveloped(`One or more parameter values were invalid: Input collection [${[...before, 'm0'].map((m) => JSON.stringify(m)).join(', ')}] contains duplicates.`));

  const b64 = (m: string): string => Buffer.from(m).toString('base64');
  await assertRefused('PutItem', { TableName: table, Item: { pk: { S: 'a' }, s: { BS: [...members.map(b64), b64('m0')] } } },
    enveloped(`One or more parameter values were invalid: Input collection [${[...before, 'm0'].map((m) => JSON.stringify(b64(m))).join(',')}]of type BS contains duplicates.`));
});

test('ADD of a large string set onto a large stored set is charged only for the new members', GUARD, async () => {
  const table = await createHashTable(t, 'addcharge', 'pk');
  // 130k three-byte members: a 390 KB item. The statement's charge counts the added members not
  // already stored; finding them searched the stored list once per added member (130k × 130k).
  const N = 130_000;
  const stored = shortStrings(N);
  await t.client.send(new PutItemCommand({ TableName: table, Item: { pk: { S: 'k' }, s: { SS: stored } } }));

  // Adding the stored members again plus one new one is charged for the new one only.
  await t.client.send(new UpdateItemCommand({
    TableName: table, Key: { pk: { S: 'k' } },
    UpdateExpression: 'ADD s :more', ExpressionAttributeValues: { ':more': { SS: [...stored.slice().reverse(), 'new'] } },
  }));
  const got = await t.client.send(new GetItemCommand({ TableName: table, Key: { pk: { S: 'k' } } }));
  assert.equal(got.Item?.s?.SS?.length, N + 1);
  assert.ok(got.Item?.s?.SS?.includes('new'));

  // 300k members none of which is stored: over the limit, as before.
  await assertRefused('UpdateItem', {
    TableName: table, Key: { pk: { S: 'k' } },
    UpdateExpression: 'ADD s :more', ExpressionAttributeValues: { ':more': { SS: shortStrings(300_000, N + 1).map((m) => `${m}x`) } },
  }, 'Item size to update has exceeded the maximum allowed size');
});

test('a ScanFilter IN with a great many values tests each item against them in one lookup', GUARD, async () => {
  const table = await createHashTable(t, 'scanin', 'pk');
  const ITEMS = 4000;
  for (let from = 0; from < ITEMS; from += 25) {
    const puts = Array.from({ length: 25 }, (_, j) => ({ PutRequest: { Item: { pk: { S: `k${from + j}` }, n: { N: String(from + j) } } } }));
    const r = await t.raw('BatchWriteItem', { RequestItems: { [table]: puts } });
    assert.equal(r.status, 200, r.body);
  }
  // 400k values, three of them (written differently) equal to stored numbers. Comparing every item
  // with every value, parsing both numbers each time, took 7 s for 2,000 items against 20,000 values;
  // at these sizes, minutes.
  const values = Array.from({ length: 400_000 }, (_, i) => ({ N: String(-1 - i) }));
  values.splice(1000, 0, { N: '1E3' }, { N: '25.000' }, { N: '-0' });
  const r = await t.raw('Scan', { TableName: table, Select: 'COUNT', ScanFilter: { n: { ComparisonOperator: 'IN', AttributeValueList: values } } });
  assert.equal(r.status, 200, r.body.slice(0, 300));
  assert.deepEqual(r.json, { Count: 3, ScannedCount: ITEMS });
});

test('Expected and ScanFilter over 40,000 attributes are evaluated, not refused with a 500', GUARD, async () => {
  const table = await createHashTable(t, 'wideexp', 'pk');
  // Joined one attribute deeper each, the conditions overflowed the stack of the recursive walks.
  const N = 40_000;
  const item: Record<string, { S: string }> = { pk: { S: 'w' } };
  for (let i = 0; i < N; i++) item[`a${i}`] = { S: 'x' };
  await t.client.send(new PutItemCommand({ TableName: table, Item: item }));
  const expected: Record<string, unknown> = {};
  const filter: Record<string, unknown> = {};
  for (let i = 0; i < N; i++) {
    expected[`a${i}`] = { Value: { S: 'x' } };
    filter[`a${i}`] = { ComparisonOperator: 'EQ', AttributeValueList: [{ S: 'x' }] };
  }
  const u = await t.raw('UpdateItem', { TableName: table, Key: { pk: { S: 'w' } }, Expected: expected, AttributeUpdates: { done: { Value: { BOOL: true } } } });
  assert.equal(u.status, 200, u.body.slice(0, 300));
  const s = await t.raw('Scan', { TableName: table, Select: 'COUNT', ScanFilter: filter });
  assert.equal(s.status, 200, s.body.slice(0, 300));
  assert.deepEqual(s.json, { Count: 1, ScannedCount: 1 });
  const o = await t.raw('Scan', { TableName: table, Select: 'COUNT', ScanFilter: { ...filter, a7: { ComparisonOperator: 'EQ', AttributeValueList: [{ S: 'y' }] } }, ConditionalOperator: 'OR' });
  assert.deepEqual(o.json, { Count: 1, ScannedCount: 1 });
});
