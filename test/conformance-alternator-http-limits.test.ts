/**
 * Request encoding, empty replies and expression nesting, pinned to what live DynamoDB does
 * (as recorded by ScyllaDB alternator's test_compressed_request.py, test_manual_requests.py and
 * test_limits.py, which pass against AWS).
 */
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { gunzipSync, gzipSync } from 'node:zlib';
import { after, before, describe, it } from 'node:test';
import { rawRequest, signedHeaders, startTestEddy, type RawResponse, type TestEddy } from './helpers/eddy.js';
import { createHashTable } from './helpers/conformance.js';

type Json = Record<string, unknown>;

let t: TestEddy;
let table: string;

before(async () => {
  t = await startTestEddy();
  table = await createHashTable(t, 'httplim');
});
after(async () => t.stop());

function post(target: string, body: Buffer, extra: Record<string, string>): Promise<RawResponse> {
  return rawRequest(t.endpoint, {
    headers: {
      'Content-Type': 'application/x-amz-json-1.0',
      'X-Amz-Target': `DynamoDB_20120810.${target}`,
      ...signedHeaders(),
      ...extra,
    },
    body,
  });
}

async function stored(p: string): Promise<Json | undefined> {
  const r = await t.raw('GetItem', { TableName: table, Key: { p: { S: p } }, ConsistentRead: true });
  assert.equal(r.status, 200);
  return (r.json as Json).Item as Json | undefined;
}

function putBody(p: string): string {
  return JSON.stringify({ TableName: table, Item: { p: { S: p }, v: { S: 'hello' } } });
}

describe('Content-Encoding of requests', () => {
  it('accepts a gzip-compressed body', async () => {
    const r = await post('PutItem', gzipSync(putBody('gz1')), { 'Content-Encoding': 'gzip' });
    assert.equal(r.status, 200, r.body);
    assert.deepEqual(await stored('gz1'), { p: { S: 'gz1' }, v: { S: 'hello' } });
  });

  it('accepts a body made of two concatenated gzip members', async () => {
    const text = putBody('gz2');
    const body = Buffer.concat([gzipSync(text.slice(0, 7)), gzipSync(text.slice(7))]);
    const r = await post('PutItem', body, { 'Content-Encoding': 'gzip' });
    assert.equal(r.status, 200, r.body);
    assert.ok(await stored('gz2'));
  });

  it('answers 500 to gzip that does not decompress, and writes nothing', async () => {
    const plain = await post('PutItem', Buffer.from(putBody('gz3')), { 'Content-Encoding': 'gzip' });
    assert.equal(plain.status, 500);
    const whole = gzipSync(putBody('gz4'));
    const truncated = await post('PutItem', whole.subarray(0, whole.length - 1), { 'Content-Encoding': 'gzip' });
    assert.equal(truncated.status, 500);
    const empty = await post('PutItem', Buffer.alloc(0), { 'Content-Encoding': 'gzip' });
    assert.equal(empty.status, 500);
    assert.equal(await stored('gz3'), undefined);
    assert.equal(await stored('gz4'), undefined);
  });

  it('answers 500 to an encoding other than gzip, and writes nothing', async () => {
    const r = await post('PutItem', Buffer.from(putBody('gz5')), { 'Content-Encoding': 'garbage' });
    assert.equal(r.status, 500);
    assert.equal(await stored('gz5'), undefined);
  });
});

describe('TagResource and UntagResource', () => {
  it('succeed with an empty body, not {}', async () => {
    const d = await t.raw('DescribeTable', { TableName: table });
    const arn = (d.json as { Table: { TableArn: string } }).Table.TableArn;
    const tag = await t.raw('TagResource', { ResourceArn: arn, Tags: [{ Key: 'k', Value: 'v' }] });
    assert.equal(tag.status, 200);
    assert.equal(tag.body, '');
    assert.equal(tag.headers['content-length'], '0');
    const untag = await t.raw('UntagResource', { ResourceArn: arn, TagKeys: ['k'] });
    assert.equal(untag.status, 200);
    assert.equal(untag.body, '');
  });
});

describe('deeply nested ConditionExpression', () => {
  async function condition(ConditionExpression: string): Promise<RawResponse> {
    return t.raw('UpdateItem', {
      TableName: table,
      Key: { p: { S: 'deep' } },
      UpdateExpression: 'SET z = :v',
      ConditionExpression,
      ExpressionAttributeValues: { ':v': { N: '1' } },
    });
  }

  it('rejects 4096 open parentheses as a syntax error (not a server error)', async () => {
    const r = await condition('('.repeat(4096));
    assert.equal(r.status, 400);
    // UpdateItem reports its request checks inside the envelope (live DynamoDB 2026).
    assert.equal(r.json.message, '1 validation error detected: Invalid ConditionExpression: Syntax error; token: "<EOF>", near: "("');
  });

  it('rejects a condition wrapped in 2046 parentheses as redundant', async () => {
    const r = await condition(`${'('.repeat(2046)}a<b${')'.repeat(2046)}`);
    assert.equal(r.status, 400);
    assert.equal(r.json.message, '1 validation error detected: Invalid ConditionExpression: The expression has redundant parentheses;');
  });

  it('still parses and evaluates 149 nested levels of OR', async () => {
    const depth = 149;
    // a and b are absent, so every comparison is false: parsed and evaluated, the condition fails.
    const r = await condition(`a<b ${'or (a<b '.repeat(depth)}${')'.repeat(depth)}`);
    assert.equal(r.status, 400, r.body);
    assert.match(String(r.json.__type), /#ConditionalCheckFailedException$/);
  });
});

describe('TransactWriteItems with a wrongly typed key in a Put', () => {
  it('is cancelled with a ValidationError reason for the first such action only', async () => {
    const r = await t.raw('TransactWriteItems', {
      TransactItems: [
        { Put: { TableName: table, Item: { p: { N: '7' } } } },
        { Put: { TableName: table, Item: { p: { N: '8' } } } },
        { Put: { TableName: table, Item: { p: { S: 'txv' } }, ConditionExpression: 'attribute_exists(p)' } },
      ],
    });
    assert.equal(r.status, 400);
    assert.match(String(r.json.__type), /#TransactionCanceledException$/);
    assert.equal(r.json.Message, 'Transaction cancelled, please refer cancellation reasons for specific reasons [ValidationError, None, None]');
    assert.deepEqual(r.json.CancellationReasons, [
      { Code: 'ValidationError', Message: 'One or more parameter values were invalid: Type mismatch for key p expected: S actual: N' },
      { Code: 'None' },
      { Code: 'None' },
    ]);
    assert.equal(await stored('txv'), undefined);
  });
});

describe('response headers and compression', () => {
  function crc32(buf: Buffer): number {
    let c = 0xffffffff;
    for (const byte of buf) {
      c ^= byte;
      for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xedb88320 : c >>> 1;
    }
    return (c ^ 0xffffffff) >>> 0;
  }

  /** POST returning the raw body bytes, undecoded. */
  function postBytes(target: string, body: Json, extra: Record<string, string>): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; bytes: Buffer }> {
    return new Promise((resolve, reject) => {
      const url = new URL('/', t.endpoint);
      const payload = Buffer.from(JSON.stringify(body));
      const req = request(url, {
        method: 'POST',
        agent: false,
        headers: { 'Content-Type': 'application/x-amz-json-1.0', 'X-Amz-Target': `DynamoDB_20120810.${target}`, ...signedHeaders(), ...extra },
      }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, bytes: Buffer.concat(chunks) }));
      });
      req.on('error', reject);
      req.end(payload);
    });
  }

  it('sends Server on successful and failed requests', async () => {
    const okReply = await t.raw('ListTables', {});
    assert.equal(okReply.headers.server, 'Server');
    const failed = await t.raw('DescribeTable', { TableName: 'no-such-table-here' });
    assert.equal(failed.status, 400);
    assert.equal(failed.headers.server, 'Server');
  });

  it('gzips a reply over 4 KB when the client accepts gzip, with the CRC of the compressed bytes', async () => {
    const big = 'x'.repeat(5000);
    assert.equal((await t.raw('PutItem', { TableName: table, Item: { p: { S: 'big' }, v: { S: big } } })).status, 200);
    const get = { TableName: table, Key: { p: { S: 'big' } }, ConsistentRead: true };
    const zipped = await postBytes('GetItem', get, { 'Accept-Encoding': 'gzip' });
    assert.equal(zipped.status, 200);
    assert.equal(zipped.headers['content-encoding'], 'gzip');
    assert.equal(Number(zipped.headers['x-amz-crc32']), crc32(zipped.bytes));
    const item = (JSON.parse(gunzipSync(zipped.bytes).toString('utf8')) as { Item: Json }).Item;
    assert.deepEqual(item, { p: { S: 'big' }, v: { S: big } });

    const plain = await postBytes('GetItem', get, { 'Accept-Encoding': 'identity' });
    assert.equal(plain.headers['content-encoding'], undefined);
    assert.equal(Number(plain.headers['x-amz-crc32']), crc32(plain.bytes));

    const small = await postBytes('GetItem', { TableName: table, Key: { p: { S: 'gz1' } } }, { 'Accept-Encoding': 'gzip' });
    assert.equal(small.headers['content-encoding'], undefined);
  });
});
