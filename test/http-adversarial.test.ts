/**
 * Regression tests for what scripts/fuzz-http.mjs found in the HTTP front end (fast-http.ts):
 * raw-socket traffic an SDK never sends, answered as node:http answers it.
 */
import { strict as assert } from 'node:assert';
import { connect } from 'node:net';
import { createServer as createHttpServer } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { FastHttpServer } from '../src/http/fast-http.js';
import { startEddy, type Eddy } from '../src/server/start.js';

const AUTH = 'AWS4-HMAC-SHA256 Credential=adv/20261205/us-east-1/dynamodb/aws4_request, SignedHeaders=host;x-amz-date;x-amz-target, Signature=00';

/** A tagged ListTables: its ValidationException echoes `limit`, so each reply names its request. */
function listTables(limit: number, head = 'POST / HTTP/1.1', host = 'Host: localhost\r\n'): string {
  const body = JSON.stringify({ Limit: limit });
  return (
    `${head}\r\n${host}Content-Type: application/x-amz-json-1.0\r\nX-Amz-Target: DynamoDB_20120810.ListTables\r\n` +
    `X-Amz-Date: 20261205T120000Z\r\nAuthorization: ${AUTH}\r\nContent-Length: ${body.length}\r\n\r\n${body}`
  );
}

/** Writes `data`, then collects everything until the server closes (or `waitMs` passes). */
async function talk(port: number, data: string, waitMs = 2_000): Promise<string> {
  const socket = connect(port, '127.0.0.1');
  let out = '';
  socket.on('data', (c: Buffer) => (out += c.toString('latin1')));
  socket.on('error', () => undefined);
  const closed = new Promise<void>((res) => socket.once('close', () => res()));
  socket.write(data);
  await Promise.race([closed, new Promise((r) => setTimeout(r, waitMs))]);
  socket.destroy();
  return out;
}

const statuses = (text: string): string[] => [...text.matchAll(/HTTP\/1\.1 (\d{3}) /g)].map((m) => m[1] as string);

describe('HTTP front end under adversarial traffic', () => {
  let eddy: Eddy;
  before(async () => {
    eddy = await startEddy({ port: 0, inMemory: true, logLevel: 'error' });
  });
  after(async () => eddy.stop());

  // The fast path answered the first request, corked its reply until the end of the event-loop
  // turn, then handed the connection to node:http for the malformed second one; node:http answered
  // 400 and destroyed the socket, dropping the corked reply: the client saw only the 400.
  it('a reply already written leaves before node:http refuses the next pipelined request', async () => {
    for (const bad of ['POST / HTTP/1.1\r\nHost: x\r\nX-A: a\x01b\r\nContent-Length: 0\r\n\r\n', 'POST / HTTP/0.9\r\nHost: x\r\n\r\n', 'POST / HTTP/1.1\r\nHost: x\r\nX-A: one\r\n two\r\n\r\n']) {
      const out = await talk(eddy.port, listTables(7000001) + bad);
      assert.deepEqual(statuses(out), ['400', '400'], JSON.stringify(bad) + ' => ' + out);
      assert.match(out, /Value '7000001' at 'limit'/);
    }
  });

  // node:http answers an HTTP/1.1 request without Host with 400 (RFC 9112 §3.2); the fast path
  // served it.
  it('an HTTP/1.1 request without Host gets 400, as from node:http', async () => {
    const out = await talk(eddy.port, listTables(7000002, 'POST / HTTP/1.1', ''));
    assert.deepEqual(statuses(out), ['400'], out);
    assert.doesNotMatch(out, /7000002/);
  });

  // `POST x HTTP/1.1` is not a request target node:http accepts (400); the fast path served it.
  it('a request target that is not origin-form is left to node:http', async () => {
    const out = await talk(eddy.port, listTables(7000003, 'POST x HTTP/1.1'));
    assert.deepEqual(statuses(out), ['400'], out);
    assert.doesNotMatch(out, /7000003/);
    // Nor is one with a byte outside visible ASCII; node:http answers 400.
    const high = await talk(eddy.port, listTables(7000006, 'POST /\x80 HTTP/1.1'));
    assert.deepEqual(statuses(high), ['400'], high);
    assert.doesNotMatch(high, /7000006/);
    // `*` and absolute-form are requests node:http serves.
    for (const target of ['*', 'http://localhost/']) {
      const served = await talk(eddy.port, listTables(7000004, `POST ${target} HTTP/1.1`) + listTables(7000005, 'POST / HTTP/1.1').replace('Content-Length', 'Connection: close\r\nContent-Length'));
      assert.match(served, /Value '7000004'[\s\S]*Value '7000005'/, served);
    }
  });
});

describe('HTTP front end: a client that never reads', () => {
  // Every pipelined request was served whether or not the client read the replies, so the replies
  // piled up in the socket's write buffer (400 GetItems of a 300 KB item grew RSS by 180 MB).
  it('stops serving pipelined requests while 1 MB of replies is unread, and resumes when read', async () => {
    let served = 0;
    const reply = Buffer.alloc(64 * 1024, 'r');
    const server = new FastHttpServer({
      handler: (_req, res) => {
        served++;
        res.send(200, { 'Content-Length': reply.length }, Buffer.from(reply));
      },
      fallback: createHttpServer(),
      idleTimeoutMs: 10_000,
      fallbackBusy: new Set(),
    });
    await new Promise<void>((res) => server.server.listen(0, '127.0.0.1', res));
    const port = (server.server.address() as { port: number }).port;
    const requests = 1000; // 64 MB of replies
    const socket = connect(port, '127.0.0.1');
    try {
      socket.pause();
      socket.on('error', () => undefined);
      await new Promise<void>((res) => socket.once('connect', res));
      socket.write('POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n'.repeat(requests));
      await new Promise((r) => setTimeout(r, 500));
      // The kernel's socket buffers hold some replies; with the bound the rest wait unserved.
      assert.ok(served < requests / 4, `${served} of ${requests} requests served for a client that reads nothing`);
      let received = 0;
      const all = new Promise<void>((res) => {
        socket.on('data', (c: Buffer) => {
          received += c.length;
          if (received >= requests * reply.length) res();
        });
      });
      socket.resume();
      await all;
      assert.equal(served, requests);
    } finally {
      socket.destroy();
      await server.close(100);
    }
  });
});
