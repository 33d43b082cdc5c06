import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHashTable } from './helpers/conformance.js';
import { startProcessEddy, type ProcessEddy } from './helpers/eddy-process.js';

// Items near the 16 MB request limit, made of millions of small values. Refusing one over 400 KB
// used to cost seconds of CPU (each value validated, copied, its sets sorted and the item turned
// into its stored text before its size was compared); the speed is measured outside the tests
// (commits 1edace2 and after, docs/performance.md), these pin the answers, which must not change:
// any problem in a value still comes before the size. The server runs in its own process, so the
// generous per-test timeout (a guard against a request that never ends) can fire while it is busy.
const GUARD = { timeout: 120_000 };

let t: ProcessEddy;
let table: string;
before(async () => {
  t = await startProcessEddy();
  table = await createHashTable(t, 'large', 'pk');
});
after(() => t.stop());

const SIZE = 'Item size has exceeded the maximum allowed size';
const ENVELOPE = '1 validation error detected: ';

async function assertError(op: string, body: string, type: string, message: string): Promise<void> {
  const r = await t.raw(op, body);
  assert.equal(r.status, 400, r.body.slice(0, 300));
  assert.equal(r.json?.__type, type, r.body.slice(0, 300));
  assert.equal(r.json?.message ?? r.json?.Message, message);
}
const refusedForSize = (op: string, body: string): Promise<void> => assertError(op, body, 'com.amazon.coral.validate#ValidationException', SIZE);

/** The three writes of an item, as JSON texts built around the item's own text. */
function writes(item: string): [string, string][] {
  return [
    ['PutItem', `{"TableName":"${table}","Item":${item}}`],
    ['BatchWriteItem', `{"RequestItems":{"${table}":[{"PutRequest":{"Item":${item}}}]}}`],
    ['TransactWriteItems', `{"TransactItems":[{"Put":{"TableName":"${table}","Item":${item}}}]}`],
  ];
}

test('an item of a binary set of 1.5 million members (10 MB) is refused for its size', GUARD, async () => {
  // Distinct four-character members (canonical base64 of three bytes each), built as text.
  const A = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  const members = new Array<string>(1_500_000);
  for (let i = 0; i < members.length; i++) members[i] = `${A[(i >> 18) & 63]}${A[(i >> 12) & 63]}${A[(i >> 6) & 63]}${A[i & 63]}`;
  const item = `{"pk":{"S":"a"},"big":{"BS":["${members.join('","')}"]}}`;
  for (const [op, body] of writes(item)) await refusedForSize(op, body);
});

test('items of many small values over 400 KB are refused for their size', { timeout: 60_000 }, async () => {
  const shapes = {
    numberSet: { NS: Array.from({ length: 200_000 }, (_, i) => String(i)) },
    stringSet: { SS: Array.from({ length: 200_000 }, (_, i) => `s${i}`) },
    list: { L: Array.from({ length: 200_000 }, (_, i) => ({ N: String(i) })) },
    map: { M: Object.fromEntries(Array.from({ length: 100_000 }, (_, i) => [`k${i}`, { S: 'v' }])) },
  };
  for (const big of Object.values(shapes)) {
    for (const [op, body] of writes(JSON.stringify({ pk: { S: 'a' }, big }))) await refusedForSize(op, body);
  }
  // Many attributes, and a sum just over the limit: 409,601 bytes.
  const attrs = JSON.stringify(Object.fromEntries([['pk', { S: 'a' }], ...Array.from({ length: 70_000 }, (_, i) => [`a${i}`, { BOOL: true }])]));
  for (const [op, body] of writes(attrs)) await refusedForSize(op, body);
  const exact = (n: number): string => JSON.stringify({ pk: { S: 'a' }, pad: { S: 'x'.repeat(n - 'pk'.length - 1 - 'pad'.length) } });
  for (const [op, body] of writes(exact(409_601))) await refusedForSize(op, body);
  const fits = await t.raw('PutItem', `{"TableName":"${table}","Item":${exact(409_600)}}`);
  assert.equal(fits.status, 200, fits.body.slice(0, 300));
});

test('a problem in any value of an oversize item still comes before its size', { timeout: 60_000 }, async () => {
  const big = (tail: Record<string, unknown>): string =>
    JSON.stringify({ pk: { S: 'a' }, big: { BS: Array.from({ length: 100_000 }, (_, i) => Buffer.from(`b${i}`).toString('base64')) }, ...tail });
  const validation = 'com.amazon.coral.validate#ValidationException';
  const serialization = 'com.amazon.coral.service#SerializationException';
  const cases: [Record<string, unknown>, string, string, string][] = [
    // [the last attribute, its error's type, PutItem's message, BatchWriteItem's and TransactWriteItems']
    [{ z: { NS: ['1', '1.0'] } }, validation, `${ENVELOPE}One or more parameter values were invalid: Input collection contains duplicates.`, 'Input collection contains duplicates'],
    [{ z: { N: '1x' } }, validation, `${ENVELOPE}The parameter cannot be converted to a numeric value: 1x`, 'The parameter cannot be converted to a numeric value: 1x'],
    [{ z: { BS: ['AA==', 'AAA=', 'AA=='] } }, validation, `${ENVELOPE}One or more parameter values were invalid: Input collection ["AA==","AAA=","AA=="]of type BS contains duplicates.`, 'One or more parameter values were invalid: Input collection [AA==, AAA=, AA==]of type BS contains duplicates.'],
    [{ z: { NULL: false } }, validation, `${ENVELOPE}One or more parameter values were invalid: Null attribute value types must have the value of true`, 'One or more parameter values were invalid: Null attribute value types must have the value of true'],
    [{ z: { S: 'a', N: '1' } }, validation, `${ENVELOPE}Supplied AttributeValue has more than one datatypes set, must contain exactly one of the supported datatypes`, 'Supplied AttributeValue has more than one datatypes set, must contain exactly one of the supported datatypes'],
    [{ z: { S: 5 } }, serialization, 'NUMBER_VALUE cannot be converted to String', 'NUMBER_VALUE cannot be converted to String'],
    [{ z: { B: 'AB==' } }, serialization, 'Invalid last non-pad Base64 character dectected', 'Invalid last non-pad Base64 character dectected'],
  ];
  for (const [tail, type, putMessage, otherMessage] of cases) {
    for (const [op, body] of writes(big(tail))) await assertError(op, body, type, op === 'PutItem' ? putMessage : otherMessage);
  }
  // ReturnValues, checked before the size, wins over it too.
  await assertError('PutItem', `{"TableName":"${table}","ReturnValues":"ALL_NEW","Item":${big({})}}`, validation, `${ENVELOPE}ReturnValues can only be ALL_OLD or NONE`);
});

test('UpdateItem SET of a 10-13 MB set is refused by the statement charge', GUARD, async () => {
  const ns = `{"NS":["${Array.from({ length: 1_500_000 }, (_, i) => String(i)).join('","')}"]}`;
  const bs = `{"BS":["${Array.from({ length: 1_000_000 }, (_, i) => Buffer.from(`b${i}`).toString('base64')).join('","')}"]}`;
  const update = (v: string, extra = ''): string =>
    `{"TableName":"${table}","Key":{"pk":{"S":"u"}},"UpdateExpression":"SET a = :v"${extra},"ExpressionAttributeValues":{":v":${v}}}`;
  await assertError('UpdateItem', update(ns), 'com.amazon.coral.validate#ValidationException', 'Item size to update has exceeded the maximum allowed size');
  for (const v of [bs, bs, bs, bs]) await assertError('UpdateItem', update(v), 'com.amazon.coral.validate#ValidationException', 'Item size to update has exceeded the maximum allowed size');
});

test('UpdateItem with a large value: the errors before the charge, and a condition naming it, are unchanged', { timeout: 60_000 }, async () => {
  const big = (tail: string[] = []): string => `{"NS":["${Array.from({ length: 150_000 }, (_, i) => String(i)).concat(tail).join('","')}"]}`;
  const body = (v: string, expr = 'SET a = :v', extra = ''): string =>
    `{"TableName":"${table}","Key":{"pk":{"S":"u"}},"UpdateExpression":"${expr}"${extra},"ExpressionAttributeValues":{":v":${v},":one":{"N":"1"}}}`;
  const validation = 'com.amazon.coral.validate#ValidationException';
  const tooLarge = 'Item size to update has exceeded the maximum allowed size';
  await assertError('UpdateItem', body(big(['1x']), 'SET a = :v, b = :one'), validation, `${ENVELOPE}The parameter cannot be converted to a numeric value: 1x`);
  await assertError('UpdateItem', body(big(['1.0']), 'SET a = :v, b = :one'), validation, `${ENVELOPE}One or more parameter values were invalid: Input collection contains duplicates.`);
  await assertError('UpdateItem', body(big(), 'SET a = :v + :one'), validation, `${ENVELOPE}Invalid UpdateExpression: Incorrect operand type for operator or function; operator or function: +, operand type: NS`);
  await assertError('UpdateItem', body(big(), 'SET a = :v'), validation, `${ENVELOPE}Value provided in ExpressionAttributeValues unused in expressions: keys: {:one}`);
  await assertError('UpdateItem', body(big(), 'SET pk = :v, b = :one'), validation, 'One or more parameter values were invalid: Cannot update attribute pk. This attribute is part of the key');
  await assertError('UpdateItem', body(big(), 'SET a = :v, b = :one', `,"ConditionExpression":"attribute_exists(nope)"`), validation, tooLarge);
  await assertError('UpdateItem', body(big(), 'SET a = :v, b = :one').replace(`"TableName":"${table}"`, '"TableName":"missing-table"'), 'com.amazonaws.dynamodb.v20120810#ResourceNotFoundException', 'Requested resource not found');
  // Named by a condition, a value is built as before; compared only, it lets the update through.
  const ok = await t.raw('UpdateItem', body(big(), 'SET b = :one', `,"ConditionExpression":"attribute_not_exists(a) OR a <> :v"`));
  assert.equal(ok.status, 200, ok.body.slice(0, 300));
});
