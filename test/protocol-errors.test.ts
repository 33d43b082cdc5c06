import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { crc32 } from '../src/http/crc32.js';
import { rawRequest, signedHeaders, startTestEddy, type RawResponse, type TestEddy } from './helpers/eddy.js';

// Expected bodies and x-amz-crc32 values are DynamoDB's, as recorded by dynalite's
// test/connection.js against the live service.
const LIST = 'DynamoDB_20120810.ListTables';

function assertError(res: RawResponse, body: Record<string, unknown>, crc: number, contentType = 'application/json'): void {
  assert.equal(res.status, 400);
  assert.deepEqual(res.json, body);
  assert.equal(res.headers['x-amz-crc32'], String(crc));
  assert.equal(res.headers['content-type'], contentType);
  assert.equal(res.headers['content-length'], String(Buffer.byteLength(res.body)));
  assert.match(String(res.headers['x-amzn-requestid']), /^[0-9A-Z]{52}$/);
}

describe('protocol errors', () => {
  let t: TestEddy;
  before(async () => {
    // Stand-ins for this server only: these tests pin the shell, not the operations.
    t = await startTestEddy({ operations: { ListTables: async () => ({ TableNames: [] }), DescribeTable: async () => ({}) } });
  });
  after(() => t.stop());
  const req = (o: Parameters<typeof rawRequest>[1]): Promise<RawResponse> => rawRequest(t.endpoint, o);

  it('crc32 matches the reference values', () => {
    assert.equal(crc32(Buffer.from('')), 0);
    assert.equal(crc32(Buffer.from('123456789')), 0xcbf43926);
    assert.equal(crc32(Buffer.from('<UnknownOperationException/>\n')), 3552371480);
    const big = Buffer.alloc(100_003, 7);
    assert.equal(typeof crc32(big), 'number');
  });

  it('GET is a health check', async () => {
    const res = await req({ method: 'GET' });
    assert.equal(res.status, 200);
    assert.equal(res.body, 'healthy: dynamodb.us-east-1.amazonaws.com ');
    assert.equal(res.headers['x-amz-crc32'], String(crc32(Buffer.from(res.body))));
  });

  for (const method of ['PUT', 'DELETE', 'OPTIONS']) {
    it(`${method} is 404 <UnknownOperationException/>`, async () => {
      const res = await req({ method });
      assert.equal(res.status, 404);
      assert.equal(res.body, '<UnknownOperationException/>\n');
      assert.equal(res.headers['x-amz-crc32'], '3552371480');
      assert.equal(res.headers['content-length'], '29');
    });
  }

  for (const ct of [undefined, 'whatever', 'application/x-amz-json-1.1', 'application/jsonasdf']) {
    it(`a body with content type ${ct} is 404`, async () => {
      const res = await req({ body: 'hi', headers: ct ? { 'content-type': ct } : {} });
      assert.equal(res.status, 404);
      assert.equal(res.body, '<UnknownOperationException/>\n');
    });
  }

  it('non-JSON body → SerializationException', async () => {
    assertError(await req({ body: 'hi', headers: { 'content-type': 'application/json' } }),
      { __type: 'com.amazon.coral.service#SerializationException' }, 3948637019);
    assertError(await req({ body: 'hi', headers: { 'content-type': 'application/x-amz-json-1.0;blahblah' } }),
      { __type: 'com.amazon.coral.service#SerializationException' }, 3948637019, 'application/x-amz-json-1.0');
    assertError(await req({ body: 'hi', headers: { 'content-type': '  application/json  ;   asfd' } }),
      { __type: 'com.amazon.coral.service#SerializationException' }, 3948637019);
  });

  it('missing, malformed or unknown target → UnknownOperationException', async () => {
    const body = { __type: 'com.amazon.coral.service#UnknownOperationException' };
    assertError(await req({ headers: { 'content-type': 'application/json' } }), body, 1368724161);
    assertError(await req({ body: '{}', headers: { 'content-type': 'application/json;charset=asfdsaf' } }), body, 1368724161);
    assertError(await req({ headers: { 'x-amz-target': 'whatever' } }), body, 1368724161);
    assertError(await req({ headers: { 'x-amz-target': 'DynamoDB_20120810.ListTable' } }), body, 1368724161);
  });

  it('no Authorization → MissingAuthenticationTokenException', async () => {
    const body = {
      __type: 'com.amazon.coral.service#MissingAuthenticationTokenException',
      message: 'Request is missing Authentication Token',
    };
    assertError(await req({ headers: { 'x-amz-target': LIST } }), body, 2088342776);
    assertError(await req({ headers: { 'x-amz-target': LIST, Authorization: 'AWS4' } }), body, 2088342776);
    assertError(await req({ path: '/?X-Amz-Algorith', headers: { 'x-amz-target': LIST, Authorization: 'X' } }), body, 2088342776);
  });

  it('both header and query auth → InvalidSignatureException', async () => {
    assertError(await req({ path: '/?X-Amz-Algorithm', headers: { 'x-amz-target': LIST, Authorization: 'X' } }), {
      __type: 'com.amazon.coral.service#InvalidSignatureException',
      message: "Found both 'X-Amz-Algorithm' as a query-string param and 'Authorization' as HTTP header.",
    }, 2139606068);
  });

  it('incomplete Authorization → IncompleteSignatureException listing what is missing', async () => {
    assertError(await req({ headers: { 'x-amz-target': LIST, Authorization: 'AWS4-' } }), {
      __type: 'com.amazon.coral.service#IncompleteSignatureException',
      message:
        "Authorization header requires 'Credential' parameter. Authorization header requires 'Signature' parameter. " +
        "Authorization header requires 'SignedHeaders' parameter. Authorization header requires existence of either " +
        "a 'X-Amz-Date' or a 'Date' header. Authorization=AWS4-",
    }, 1828866742);
    assertError(await req({ headers: { 'x-amz-target': LIST, Authorization: 'AWS4- Signature=b, Credential=a', Date: 'a' } }), {
      __type: 'com.amazon.coral.service#IncompleteSignatureException',
      message: "Authorization header requires 'SignedHeaders' parameter. Authorization=AWS4- Signature=b, Credential=a",
    }, 164353342);
    assertError(await req({ path: '/?X-Amz-Algorithm=a&X-Amz-Credential=b&X-Amz-Signature=c&X-Amz-Date=d', headers: { 'x-amz-target': LIST } }), {
      __type: 'com.amazon.coral.service#IncompleteSignatureException',
      message: "AWS query-string parameters must include 'X-Amz-SignedHeaders'. Re-examine the query-string parameters.",
    }, 3712057481);
  });

  it('signed request with empty body → SerializationException', async () => {
    const res = await req({ headers: { 'x-amz-target': LIST, ...signedHeaders() } });
    assertError(res, { __type: 'com.amazon.coral.service#SerializationException' }, 3948637019);
  });

  it('body over 16 MB → 413', async () => {
    const res = await req({ body: Buffer.alloc(16 * 1024 * 1024 + 1, 97), headers: { 'content-type': 'application/json' } });
    assert.equal(res.status, 413);
  });

  it('CORS preflight', async () => {
    const res = await req({ method: 'OPTIONS', headers: { origin: 'x', 'access-control-request-headers': 'a, b', 'access-control-request-method': 'd' } });
    assert.equal(res.status, 200);
    assert.equal(res.headers['access-control-allow-origin'], '*');
    assert.equal(res.headers['access-control-allow-headers'], 'a, b');
    assert.equal(res.headers['access-control-allow-methods'], 'd');
    assert.equal(res.headers['access-control-max-age'], '172800');
  });

  it('type and constraint errors from the API model', async () => {
    let res = await t.raw('ListTables', { Limit: '5' });
    assert.deepEqual(res.json, { __type: 'com.amazon.coral.service#SerializationException', Message: 'STRING_VALUE cannot be converted to Integer' });
    res = await t.raw('ListTables', { Limit: 0 });
    assert.deepEqual(res.json, {
      __type: 'com.amazon.coral.validate#ValidationException',
      message: "1 validation error detected: Value '0' at 'limit' failed to satisfy constraint: Member must have value greater than or equal to 1",
    });
    res = await t.raw('DescribeTable', {});
    assert.equal(res.json.message, "The parameter 'TableName' is required but was not present in the request");
    res = await t.raw('DescribeTable', { TableName: 'ab' });
    assert.equal(
      res.json.message,
      "1 validation error detected: Value 'ab' at 'tableName' failed to satisfy constraint: Member must have length greater than or equal to 3",
    );
  });

  it('every response carries a correct x-amz-crc32', async () => {
    const res = await t.raw('ListTables', { Limit: 0 });
    assert.equal(res.headers['x-amz-crc32'], String(crc32(Buffer.from(res.body))));
  });
});
