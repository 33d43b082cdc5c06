/**
 * CORS headers and the GET health check as live DynamoDB answers them (recorded by ScyllaDB
 * alternator's test_cors.py and test_health.py, which pass against AWS).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { rawRequest, type RawResponse, signedHeaders, startTestEddy, type TestEddy } from './helpers/eddy.js';

const EXPOSED = 'x-amzn-RequestId,x-amzn-ErrorType,x-amzn-ErrorMessage,Date';

describe('CORS and health check', () => {
  let t: TestEddy;
  before(async () => {
    t = await startTestEddy();
  });
  after(async () => t.stop());
  const send = (o: Parameters<typeof rawRequest>[1]): Promise<RawResponse> => rawRequest(t.endpoint, o);
  const listTables = { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': 'DynamoDB_20120810.ListTables', ...signedHeaders() };

  it('exposes the response headers to a cross-origin caller, on preflight and on calls', async () => {
    const preflight = await send({ method: 'OPTIONS', headers: { origin: 'http://example.com/', 'access-control-request-method': 'dog' } });
    assert.equal(preflight.headers['access-control-expose-headers'], EXPOSED);
    assert.equal(preflight.headers['access-control-max-age'], '172800');

    const call = await send({ body: '{}', headers: { ...listTables, origin: 'http://example.com/' } });
    assert.equal(call.status, 200);
    assert.equal(call.headers['access-control-allow-origin'], '*');
    assert.equal(call.headers['access-control-expose-headers'], EXPOSED);
    assert.equal(call.headers['access-control-max-age'], undefined);
    assert.equal(call.headers['access-control-allow-methods'], undefined);

    const health = await send({ method: 'GET', headers: { origin: 'http://example.com/' } });
    assert.equal(health.headers['access-control-expose-headers'], EXPOSED);
  });

  it('sends no CORS headers without an Origin', async () => {
    const call = await send({ body: '{}', headers: listTables });
    assert.equal(call.headers['access-control-allow-origin'], undefined);
    assert.equal(call.headers['access-control-expose-headers'], undefined);
  });

  it('answers the health check on / only', async () => {
    assert.equal((await send({ method: 'GET', path: '/' })).status, 200);
    for (const path of ['/abc', '/-', '/index.htm']) {
      const res = await send({ method: 'GET', path });
      assert.equal(res.status, 404, path);
      assert.equal(res.body, '<UnknownOperationException/>\n');
    }
  });
});
