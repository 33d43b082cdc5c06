/**
 * The HTTP/1.1 front end (src/http/fast-http.ts and its node:http fallback), driven over raw
 * sockets: framing cases the AWS SDKs rarely produce but any HTTP client may.
 */
import { strict as assert } from 'node:assert';
import { connect, type Socket } from 'node:net';
import { crc32 } from 'node:zlib';
import { after, before, describe, it } from 'node:test';
import { createServer as createHttpServer } from 'node:http';
import { FastHttpServer } from '../src/http/fast-http.js';
import { startEddy, type Eddy } from '../src/server/start.js';

const AUTH = 'AWS4-HMAC-SHA256 Credential=front/20261202/us-east-1/dynamodb/aws4_request, SignedHeaders=host;x-amz-date;x-amz-target, Signature=00';

function request(target: string, body: string, extra = ''): string {
  const len = Buffer.byteLength(body);
  return (
    `POST / HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/x-amz-json-1.0\r\n` +
    `X-Amz-Target: DynamoDB_20120810.${target}\r\nX-Amz-Date: 20261202T120000Z\r\nAuthorization: ${AUTH}\r\n` +
    `${extra}Content-Length: ${len}\r\n\r\n${body}`
  );
}

interface Parsed {
  status: number;
  headers: Map<string, string>;
  body: string;
}

/** Splits a byte stream into complete HTTP responses (Content-Length or chunked framing). */
function parseResponses(data: Buffer): { responses: Parsed[]; rest: Buffer } {
  const responses: Parsed[] = [];
  let buf = data;
  for (;;) {
    const headEnd = buf.indexOf('\r\n\r\n');
    if (headEnd < 0) break;
    const lines = buf.toString('latin1', 0, headEnd).split('\r\n');
    const status = Number((lines[0] ?? '').split(' ')[1]);
    const headers = new Map<string, string>();
    for (const line of lines.slice(1)) {
      const c = line.indexOf(':');
      headers.set(line.slice(0, c).toLowerCase(), line.slice(c + 1).trim());
    }
    let start = headEnd + 4;
    let body: string;
    if (status === 100) {
      buf = buf.subarray(start);
      responses.push({ status, headers, body: '' });
      continue;
    }
    if (headers.get('transfer-encoding') === 'chunked') {
      const end = buf.indexOf('0\r\n\r\n', start);
      if (end < 0) break;
      body = '';
      start = end + 5;
      buf = buf.subarray(start);
    } else {
      const len = Number(headers.get('content-length') ?? '0');
      if (buf.length < start + len) break;
      body = buf.toString('utf8', start, start + len);
      buf = buf.subarray(start + len);
    }
    responses.push({ status, headers, body });
  }
  return { responses, rest: buf };
}

/** Sends `parts` (with an optional pause between them) and collects `count` responses. */
async function exchange(port: number, parts: (string | Buffer)[], count: number, gapMs = 0): Promise<{ responses: Parsed[]; socket: Socket }> {
  const socket = connect(port, '127.0.0.1');
  await new Promise<void>((res, rej) => socket.once('connect', res).once('error', rej));
  let data = Buffer.alloc(0);
  const done = new Promise<Parsed[]>((res, rej) => {
    const timer = setTimeout(() => rej(new Error(`timed out; got ${data.toString('latin1').slice(0, 500)}`)), 5_000);
    const check = (): void => {
      const { responses } = parseResponses(data);
      if (responses.filter((r) => r.status !== 100).length >= count) {
        clearTimeout(timer);
        res(responses);
      }
    };
    socket.on('data', (chunk: Buffer) => {
      data = Buffer.concat([data, chunk]);
      check();
    });
    socket.on('end', check);
  });
  for (const part of parts) {
    socket.write(part);
    if (gapMs > 0) await new Promise((r) => setTimeout(r, gapMs));
  }
  return { responses: await done, socket };
}

describe('HTTP front end', () => {
  let eddy: Eddy;
  before(async () => {
    eddy = await startEddy({ port: 0, inMemory: true, logLevel: 'error' });
  });
  after(async () => {
    await eddy.stop();
  });

  it('answers pipelined requests in order on one connection', async () => {
    const reqs = [request('ListTables', '{}'), request('DescribeTable', '{"TableName":"nope"}'), request('ListTables', '{"Limit":1}')];
    const { responses, socket } = await exchange(eddy.port, [reqs.join('')], 3);
    socket.destroy();
    assert.deepEqual(responses.map((r) => r.status), [200, 400, 200]);
    assert.deepEqual(JSON.parse(responses[0]?.body ?? ''), { TableNames: [] });
    assert.match(responses[1]?.body ?? '', /ResourceNotFoundException/);
    for (const r of responses) {
      assert.equal(r.headers.get('connection'), 'keep-alive');
      assert.match(r.headers.get('x-amzn-requestid') ?? '', /^[A-Z0-9]{52}$/);
      assert.ok(r.headers.get('date'), 'Date header');
    }
  });

  it('reassembles a request sent a few bytes at a time', async () => {
    const bytes = Buffer.from(request('ListTables', '{"Limit":5}'));
    const parts: Buffer[] = [];
    for (let i = 0; i < bytes.length; i += 7) parts.push(bytes.subarray(i, i + 7));
    const { responses, socket } = await exchange(eddy.port, parts, 1, 1);
    socket.destroy();
    assert.equal(responses[0]?.status, 200);
    assert.deepEqual(JSON.parse(responses[0]?.body ?? ''), { TableNames: [] });
  });

  it('hands a chunked request to node:http, which answers it through the same pipeline', async () => {
    const body = '{"Limit":2}';
    const head = request('ListTables', '', 'Transfer-Encoding: chunked\r\n').replace('Content-Length: 0\r\n', '');
    const chunk1 = `${(4).toString(16)}\r\n${body.slice(0, 4)}\r\n`;
    const chunk2 = `${(body.length - 4).toString(16)}\r\n${body.slice(4)}\r\n0\r\n\r\n`;
    const { responses, socket } = await exchange(eddy.port, [head + chunk1, chunk2, request('ListTables', '{}')], 2, 20);
    socket.destroy();
    assert.deepEqual(responses.map((r) => r.status), [200, 200]);
    assert.deepEqual(JSON.parse(responses[0]?.body ?? ''), { TableNames: [] });
  });

  it('supports Expect: 100-continue', async () => {
    const full = request('ListTables', '{}', 'Expect: 100-continue\r\n');
    const split = full.indexOf('\r\n\r\n') + 4;
    const { responses, socket } = await exchange(eddy.port, [full.slice(0, split), full.slice(split)], 1, 50);
    socket.destroy();
    assert.equal(responses[0]?.status, 100);
    assert.equal(responses.at(-1)?.status, 200);
  });

  it('closes the connection after a response when the client asks', async () => {
    const { responses, socket } = await exchange(eddy.port, [request('ListTables', '{}', 'Connection: close\r\n')], 1);
    assert.equal(responses[0]?.status, 200);
    assert.equal(responses[0]?.headers.get('connection'), 'close');
    await new Promise<void>((res) => (socket.readableEnded ? res() : socket.once('end', () => res())));
    socket.destroy();
  });

  it('answers a malformed head with 400 and keeps serving others', async () => {
    const bad = request('ListTables', '{}').replace('Host: localhost', 'Bad Header: x');
    const { responses, socket } = await exchange(eddy.port, [bad], 1);
    socket.destroy();
    assert.equal(responses[0]?.status, 400);
    const again = await exchange(eddy.port, [request('ListTables', '{}')], 1);
    again.socket.destroy();
    assert.equal(again.responses[0]?.status, 200);
  });

  it('rejects a Content-Length over 16 MB with 413', async () => {
    const head = request('ListTables', '').replace('Content-Length: 0', `Content-Length: ${16 * 1024 * 1024 + 1}`);
    const { responses, socket } = await exchange(eddy.port, [head, Buffer.alloc(64 * 1024, 0x20)], 1);
    socket.destroy();
    assert.equal(responses[0]?.status, 413);
  });

  it('serves a body larger than one socket read', async () => {
    const big = JSON.stringify({ TableName: 'nope', Key: { pk: { S: 'x'.repeat(300_000) } } });
    const { responses, socket } = await exchange(eddy.port, [request('GetItem', big)], 1);
    socket.destroy();
    assert.equal(responses[0]?.status, 400);
    assert.match(responses[0]?.body ?? '', /ResourceNotFoundException|ValidationException/);
  });

  it('keeps every Query reply intact while reply memory is reused, also when clients read late', async () => {
    // 12 partitions of 10 items of ~5 KB: each Query reply is ~50 KB, cut from the reply-buffer
    // pool (src/protocol/reply-buffers.ts), whose memory is reused once the socket has written it.
    const table = 'front_query_reuse';
    const create = JSON.stringify({
      TableName: table,
      AttributeDefinitions: [{ AttributeName: 'p', AttributeType: 'S' }, { AttributeName: 's', AttributeType: 'N' }],
      KeySchema: [{ AttributeName: 'p', KeyType: 'HASH' }, { AttributeName: 's', KeyType: 'RANGE' }],
      BillingMode: 'PAY_PER_REQUEST',
    });
    const payload = (p: number, s: number): string => `${p}-${s}-`.padEnd(5000, String.fromCharCode(97 + ((p * 10 + s) % 26)));
    const puts: string[] = [request('CreateTable', create)];
    for (let p = 0; p < 12; p++) {
      for (let s = 0; s < 10; s++) {
        puts.push(request('PutItem', JSON.stringify({ TableName: table, Item: { p: { S: `p${p}` }, s: { N: String(s) }, d: { S: payload(p, s) } } })));
      }
    }
    const setup = await exchange(eddy.port, [puts.join('')], puts.length);
    setup.socket.destroy();
    assert.deepEqual([...new Set(setup.responses.map((r) => r.status))], [200]);

    // 8 connections, each pipelining 40 Queries; half of them do not read for 300 ms, so the
    // server's writes to them back up while the other connections' replies are built.
    const perConn = 40;
    const conns = await Promise.all(
      Array.from({ length: 8 }, async (_, c) => {
        const socket = connect(eddy.port, '127.0.0.1');
        await new Promise<void>((res, rej) => socket.once('connect', res).once('error', rej));
        const partitions = Array.from({ length: perConn }, (_, i) => (c * 7 + i * 5) % 12);
        const late = c % 2 === 0;
        if (late) socket.pause();
        let data = Buffer.alloc(0);
        const done = new Promise<Parsed[]>((res, rej) => {
          const timer = setTimeout(() => rej(new Error(`connection ${c}: timed out`)), 20_000);
          socket.on('data', (chunk: Buffer) => {
            data = Buffer.concat([data, chunk]);
            const { responses } = parseResponses(data);
            if (responses.length >= perConn) {
              clearTimeout(timer);
              res(responses);
            }
          });
        });
        const body = (p: number): string =>
          JSON.stringify({ TableName: table, KeyConditionExpression: 'p = :p', ExpressionAttributeValues: { ':p': { S: `p${p}` } } });
        socket.write(partitions.map((p) => request('Query', body(p))).join(''));
        if (late) setTimeout(() => socket.resume(), 300);
        return { socket, partitions, done };
      }),
    );
    for (const { socket, partitions, done } of conns) {
      const responses = await done;
      socket.destroy();
      responses.forEach((r, i) => {
        assert.equal(r.status, 200, r.body.slice(0, 200));
        assert.equal(Number(r.headers.get('x-amz-crc32')), crc32(Buffer.from(r.body, 'utf8')), 'x-amz-crc32 matches the body');
        const p = partitions[i] as number;
        const reply = JSON.parse(r.body) as { Count: number; Items: { p: { S: string }; s: { N: string }; d: { S: string } }[] };
        assert.equal(reply.Count, 10);
        reply.Items.forEach((item, s) => {
          assert.equal(item.p.S, `p${p}`);
          assert.equal(item.s.N, String(s));
          assert.equal(item.d.S, payload(p, s));
        });
      });
    }
  });

  it('stop() closes idle keep-alive connections of both front ends without waiting for them', async () => {
    const other = await startEddy({ port: 0, inMemory: true, logLevel: 'error' });
    const fast = await exchange(other.port, [request('ListTables', '{}')], 1);
    const handed = await exchange(other.port, ['GET / HTTP/1.1\r\nHost: x\r\n\r\n'], 1);
    assert.equal(handed.responses[0]?.status, 200);
    const closed = Promise.all([fast.socket, handed.socket].map((s) => new Promise((res) => s.once('close', res))));
    await other.stop();
    await closed; // would hang (test timeout) if either connection stayed open
  });
});

describe('HTTP front end: idle timeout', () => {
  it('closes a connection idle for the timeout, keeps a busy one and one that is slower to answer', async () => {
    const idleMs = 500;
    // A handler that answers `/slow` after 2.5 idle timeouts and anything else at once.
    const server = new FastHttpServer({
      handler: (req, reply) => {
        const answer = (): void => reply.send(200, { 'Content-Length': 2 }, '{}');
        if (req.url === '/slow') setTimeout(answer, idleMs * 2.5);
        else answer();
      },
      fallback: createHttpServer(),
      idleTimeoutMs: idleMs,
      fallbackBusy: new Set(),
    });
    await new Promise<void>((res) => server.server.listen(0, '127.0.0.1', res));
    const port = (server.server.address() as { port: number }).port;
    const post = (path: string): string => `POST ${path} HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n`;
    const open = async (): Promise<{ socket: Socket; closedAt: () => number | undefined; replies: () => number }> => {
      const socket = connect(port, '127.0.0.1');
      await new Promise<void>((res, rej) => socket.once('connect', res).once('error', rej));
      let closed: number | undefined;
      let data = '';
      socket.on('data', (c: Buffer) => (data += c.toString('latin1')));
      socket.on('close', () => (closed = Date.now()));
      return { socket, closedAt: () => closed, replies: () => data.split('HTTP/1.1 200').length - 1 };
    };
    try {
      const start = Date.now();
      const idle = await open();
      idle.socket.write(post('/'));
      const busy = await open();
      const ticker = setInterval(() => busy.socket.write(post('/')), idleMs / 3);
      const slow = await open();
      slow.socket.write(post('/slow'));
      await new Promise((r) => setTimeout(r, idleMs * 2));
      // The idle connection is gone after about one timeout; the others are open.
      assert.ok(idle.closedAt() !== undefined, 'idle connection closed');
      assert.ok((idle.closedAt() as number) - start >= idleMs * 0.9, 'not before the timeout');
      assert.equal(busy.closedAt(), undefined, 'a connection with traffic stays open');
      assert.equal(slow.closedAt(), undefined, 'a connection whose request is being served stays open');
      clearInterval(ticker);
      await new Promise((r) => setTimeout(r, idleMs));
      // The slow reply arrived (after the timer had fired once), and re-armed the timer.
      assert.equal(slow.replies(), 1, 'the slow request was answered');
      assert.equal(slow.closedAt(), undefined);
      assert.ok(busy.replies() >= 5, `busy connection got ${busy.replies()} replies`);
      await new Promise((r) => setTimeout(r, idleMs * 1.6));
      assert.ok(slow.closedAt() !== undefined, 'closed once idle after its reply');
      assert.ok(busy.closedAt() !== undefined, 'closed once idle after its traffic stopped');
    } finally {
      await server.close(100);
    }
  });
});
