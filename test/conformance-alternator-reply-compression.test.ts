/**
 * Reply compression as live DynamoDB negotiates it: gzip or deflate above 4 KB, chosen from
 * Accept-Encoding by weight, with `*` and malformed entries read the way DynamoDB reads them
 * (behaviour recorded by ScyllaDB alternator's test_compressed_response.py against AWS).
 */
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { gunzipSync, inflateSync } from 'node:zlib';
import { after, before, describe, it } from 'node:test';
import { replyEncoding } from '../src/http/accept-encoding.js';
import { crc32 } from '../src/http/crc32.js';
import { signedHeaders, startTestEddy, type TestEddy, uniqueName } from './helpers/eddy.js';

describe('Accept-Encoding negotiation', () => {
  const cases: Array<[string, string | undefined]> = [
    ['', undefined],
    ['identity', undefined],
    ['br', undefined],
    ['x-gzip', undefined],
    ['"gzip"', undefined],
    ['gzip br', undefined],
    ['gzip:q=1', undefined],
    ['deflate', 'deflate'],
    ['GZIP, identity', 'gzip'],
    ['gzip, deflate', 'gzip'],
    ['br, identity, deflate, gzip', 'deflate'],
    ['dog, gzip ,, cat', 'gzip'],
    ['gzip;q=0.8, deflate;q=0.5', 'gzip'],
    ['deflate;q=0.5, gzip;q=0.2', 'deflate'],
    ['br, gzip;q=0, deflate; q = 0.5 , identity;q=0', 'deflate'],
    ['*', 'gzip'],
    ['*, deflate', 'deflate'],
    ['*, deflate;q=0.5', 'gzip'],
    ['*, gzip;q=0.5', 'deflate'],
    ['*;q=0', undefined],
    ['*;q=0.5,identity', 'gzip'],
    ['br;q=0.8,identity;q=0.5,*;q=0', undefined],
    ['gzip ;q=0', undefined],
    ['gzip;q=31,deflate;q=51', 'gzip'],
    ['deflate;q=0.5, gzip;q=1;q=0.2', 'gzip'],
    ['deflate;q=0.5,gzip;q=0.', 'deflate'],
    ['deflate;q=0.5,gzip;q=0.x', 'gzip'],
    ['deflate;q=-0.5,gzip;q=0.2', 'gzip'],
    ['gzip;q= 0;q=1', undefined],
    ['gzip;q =0;q=1', 'gzip'],
    ['gzip;nq=0;q=1', undefined],
    ['gzip;q=0, gzip;q=1, gzip;q=0', 'gzip'],
  ];
  for (const [header, expected] of cases) {
    it(`${JSON.stringify(header)} → ${expected ?? 'none'}`, () => {
      assert.equal(replyEncoding(header), expected);
    });
  }
});

describe('compressed replies over HTTP', () => {
  let t: TestEddy;
  let table: string;
  const big = 'y'.repeat(6000);

  before(async () => {
    t = await startTestEddy();
    table = uniqueName('zreply');
    const made = await t.raw('CreateTable', {
      TableName: table,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [{ AttributeName: 'p', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'p', KeyType: 'HASH' }],
    });
    assert.equal(made.status, 200);
    const put = await t.raw('PutItem', { TableName: table, Item: { p: { S: 'k' }, v: { S: big } } });
    assert.equal(put.status, 200);
  });
  after(async () => t.stop());

  /** GetItem of the big item with the given Accept-Encoding header lines. */
  function getBig(accept: string[]): Promise<{ headers: Record<string, string | string[] | undefined>; bytes: Buffer }> {
    return new Promise((resolve, reject) => {
      const payload = Buffer.from(JSON.stringify({ TableName: table, Key: { p: { S: 'k' } } }));
      const req = request(new URL('/', t.endpoint), {
        method: 'POST',
        agent: false,
        headers: {
          'Content-Type': 'application/x-amz-json-1.0',
          'X-Amz-Target': 'DynamoDB_20120810.GetItem',
          ...signedHeaders(),
          'Accept-Encoding': accept.length === 1 ? (accept[0] as string) : accept,
        },
      }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ headers: res.headers, bytes: Buffer.concat(chunks) }));
      });
      req.on('error', reject);
      req.end(payload);
    });
  }

  it('deflates (zlib format) when deflate is preferred, with the CRC of the compressed bytes', async () => {
    const r = await getBig(['br, deflate, gzip']);
    assert.equal(r.headers['content-encoding'], 'deflate');
    assert.equal(Number(r.headers['x-amz-crc32']), crc32(r.bytes));
    const item = (JSON.parse(inflateSync(r.bytes).toString('utf8')) as { Item: { v: { S: string } } }).Item;
    assert.equal(item.v.S, big);
  });

  it('does not compress for x-gzip or a zero weight', async () => {
    assert.equal((await getBig(['x-gzip'])).headers['content-encoding'], undefined);
    assert.equal((await getBig(['gzip;q=0'])).headers['content-encoding'], undefined);
  });

  it('reads only the first of several Accept-Encoding headers', async () => {
    const first = await getBig(['gzip', 'identity']);
    assert.equal(first.headers['content-encoding'], 'gzip');
    assert.ok(gunzipSync(first.bytes).length > 6000);
    const second = await getBig(['identity', 'gzip']);
    assert.equal(second.headers['content-encoding'], undefined);
  });
});
