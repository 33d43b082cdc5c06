#!/usr/bin/env node
/**
 * Seeded raw-socket HTTP fuzzer: the layer below scripts/fuzz-requests.mjs. It writes request
 * bytes straight to TCP sockets — heads split at random byte boundaries and sent slowly,
 * pipelined requests, garbage between requests, bad or conflicting Content-Length, chunked
 * bodies, Expect, HTTP/1.0, odd methods and targets, control bytes, huge heads, gzip bodies that
 * are not gzip, abrupt and half closes — and checks after every case:
 *
 *   - no reply is a 500 (client garbage is the client's fault);
 *   - the tagged requests (ListTables with `Limit: 7xxxxxx`, whose ValidationException echoes the
 *     number) are answered in request order, each with its own tag, and exactly the ones a plain
 *     node:http server answers when sent the same bytes (a reference server started here, which
 *     echoes the body of a well-formed ListTables) — so the fast path frames requests as
 *     node:http does, and a request after garbage is never answered as another one;
 *   - a fresh connection still gets a 200 for a signed ListTables.
 *
 * Once per run it also checks that a client that pipelines requests with large replies and
 * never reads them does not grow the server's memory without bound.
 *
 *   node scripts/fuzz-http.mjs [--seed N] [--count N] [--concurrency N] [--endpoint URL --pid PID]
 *
 * Without --endpoint it starts `node bin/eddy serve --port 0 --in-memory` as a child and watches
 * its stderr for logged errors. test/fuzz-http.test.ts drives `fuzzHttp()` against an in-process
 * server.
 */
import { createServer, request } from 'node:http';
import { connect } from 'node:net';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { startFuzzServer } from './fuzz-server.mjs';
import { gunzipSync, gzipSync } from 'node:zlib';
import { makeRng } from './fuzz-requests.mjs';

const TAG_BASE = 7_000_000;
const TAG_RE = /\b(7\d{6})\b/g;
const MAX_BODY = 16 * 1024 * 1024;
const TARGET = 'DynamoDB_20120810.ListTables';

// ---------------------------------------------------------------------------------------------
// Requests

function authHeaders() {
  const date = new Date().toISOString().replace(/[-:]|\.\d{3}/g, '');
  return [
    ['Authorization', `AWS4-HMAC-SHA256 Credential=AKIDFUZZ/${date.slice(0, 8)}/us-east-1/dynamodb/aws4_request, ` +
      `SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature=${'0'.repeat(64)}`],
    ['X-Amz-Date', date],
  ];
}

/** Header lines of a well-formed ListTables (no Content-Length). */
function baseHeaders(host) {
  return [['Host', host], ['Content-Type', 'application/x-amz-json-1.0'], ['X-Amz-Target', TARGET], ...authHeaders()];
}

function head(requestLine, headers, eol = '\r\n') {
  return requestLine + eol + headers.map(([n, v]) => (v === null ? n : `${n}: ${v}`)).join(eol) + eol + eol;
}

function tagBody(tag) {
  return JSON.stringify({ Limit: tag });
}

/** A well-formed tagged request; `extra` headers are appended. */
function tagged(ctx, tag, extra = [], plain = extra.length === 0) {
  const body = tagBody(tag);
  return { method: 'POST', tag, plain, bytes: Buffer.from(head('POST / HTTP/1.1', [...baseHeaders(ctx.host), ['Content-Length', String(body.length)], ...extra]) + body) };
}

function raw(method, text, tag = undefined) {
  return { method, tag, bytes: Buffer.isBuffer(text) ? text : Buffer.from(text, 'latin1') };
}

function allow500(r) {
  r.allow500 = true;
  return r;
}

function chunked(body, sizes) {
  let out = '';
  let at = 0;
  for (const n of sizes) {
    out += `${n.toString(16)}\r\n${body.slice(at, at + n)}\r\n`;
    at += n;
  }
  if (at < body.length) out += `${(body.length - at).toString(16)}\r\n${body.slice(at)}\r\n`;
  return out + '0\r\n\r\n';
}

/** Pads a request head with one header so that the whole head (up to and including CRLFCRLF) is `size` bytes. */
function headOfSize(ctx, size, body) {
  const base = head('POST / HTTP/1.1', [...baseHeaders(ctx.host), ['Content-Length', String(body.length)], ['X-Pad', '']]);
  const pad = Math.max(0, size - base.length);
  return head('POST / HTTP/1.1', [...baseHeaders(ctx.host), ['Content-Length', String(body.length)], ['X-Pad', 'p'.repeat(pad)]]) + body;
}

/**
 * Unusual or malformed requests. Each returns one request (its method for the reply parser, and
 * the tag if it carries a well-formed ListTables body that a server may legitimately answer).
 */
const ODD = {
  clNegative: (ctx) => raw('POST', head('POST / HTTP/1.1', [...baseHeaders(ctx.host), ['Content-Length', '-1']]) + '{}'),
  clHuge: (ctx) => raw('POST', head('POST / HTTP/1.1', [...baseHeaders(ctx.host), ['Content-Length', '99999999999999999999']]) + '{}'),
  clOverLimit: (ctx) => raw('POST', head('POST / HTTP/1.1', [...baseHeaders(ctx.host), ['Content-Length', String(MAX_BODY + 1)]]) + '{}'),
  clNonDigits: (ctx, rng) => raw('POST', head('POST / HTTP/1.1', [...baseHeaders(ctx.host), ['Content-Length', rng.pick(['abc', '1a', '+2', '0x2', '2 2', '2,2', '2, 3', '', ' ', '２', '2.0', '-0'])]]) + '{}'),
  clDuplicateSame: (ctx, rng, tag) => { const b = tagBody(tag); return raw('POST', head('POST / HTTP/1.1', [...baseHeaders(ctx.host), ['Content-Length', String(b.length)], ['content-length', String(b.length)]]) + b, tag); },
  clDuplicateDiff: (ctx, rng, tag) => { const b = tagBody(tag); return raw('POST', head('POST / HTTP/1.1', [...baseHeaders(ctx.host), ['Content-Length', String(b.length)], ['Content-Length', '2']]) + b, tag); },
  clLeadingZeros: (ctx, rng, tag) => { const b = tagBody(tag); return raw('POST', head('POST / HTTP/1.1', [...baseHeaders(ctx.host), ['Content-Length', '0'.repeat(rng.int(12)) + b.length]]) + b, tag); },
  clWithTe: (ctx, rng, tag) => { const b = tagBody(tag); return raw('POST', head('POST / HTTP/1.1', [...baseHeaders(ctx.host), ['Content-Length', String(b.length)], ['Transfer-Encoding', 'chunked']]) + chunked(b, [3]), tag); },
  chunkedValid: (ctx, rng, tag) => { const b = tagBody(tag); return raw('POST', head('POST / HTTP/1.1', [...baseHeaders(ctx.host), ['Transfer-Encoding', rng.pick(['chunked', 'Chunked', 'CHUNKED'])]]) + chunked(b, [1 + rng.int(5), 1 + rng.int(5)]), tag); },
  chunkedBadSize: (ctx, rng) => raw('POST', head('POST / HTTP/1.1', [...baseHeaders(ctx.host), ['Transfer-Encoding', 'chunked']]) + `${rng.pick(['zz', '-1', 'ffffffffffffffffff', ' 2', '2 ;x', '0x2', ''])}\r\n{}\r\n0\r\n\r\n`),
  chunkedNoEnd: (ctx) => raw('POST', head('POST / HTTP/1.1', [...baseHeaders(ctx.host), ['Transfer-Encoding', 'chunked']]) + '2\r\n{}\r\n'),
  chunkedBadData: (ctx) => raw('POST', head('POST / HTTP/1.1', [...baseHeaders(ctx.host), ['Transfer-Encoding', 'chunked']]) + '2\r\n{}}}\r\n0\r\n\r\n'),
  teOther: (ctx, rng) => raw('POST', head('POST / HTTP/1.1', [...baseHeaders(ctx.host), ['Transfer-Encoding', rng.pick(['gzip', 'gzip, chunked', 'identity', 'chunked, gzip', 'xchunked'])]]) + '2\r\n{}\r\n0\r\n\r\n'),
  expectContinue: (ctx, rng, tag) => { const b = tagBody(tag); return raw('POST', head('POST / HTTP/1.1', [...baseHeaders(ctx.host), ['Content-Length', String(b.length)], ['Expect', '100-continue']]) + b, tag); },
  expectOther: (ctx, rng) => { const b = '{}'; return raw('POST', head('POST / HTTP/1.1', [...baseHeaders(ctx.host), ['Content-Length', '2'], ['Expect', rng.pick(['200-ok', '100-Continue', ''])]]) + b); },
  connectionVariants: (ctx, rng, tag) => { const v = rng.pick(['close', 'Close', 'keep-alive', 'Keep-Alive, close', 'close, keep-alive', 'foo', 'upgrade', '']); return tagged(ctx, tag, [['Connection', v]], v !== 'upgrade'); },
  upgrade: (ctx, rng, tag) => tagged(ctx, tag, [['Connection', 'Upgrade'], ['Upgrade', rng.pick(['websocket', 'h2c', 'foo'])]]),
  http10: (ctx, rng, tag) => { const b = tagBody(tag); const ka = rng.chance(0.5) ? [['Connection', 'keep-alive']] : []; return { ...raw('POST', head('POST / HTTP/1.0', [...baseHeaders(ctx.host), ['Content-Length', String(b.length)], ...ka]) + b, tag), plain: true }; },
  otherVersion: (ctx, rng) => raw('POST', head(`POST / ${rng.pick(['HTTP/2.0', 'HTTP/1.2', 'HTTP/0.9', 'HTTP/1', 'http/1.1', 'HTTP/1.1 ', 'XTTP/1.1', 'HTTP/11'])}`, [...baseHeaders(ctx.host), ['Content-Length', '2']]) + '{}'),
  method: (ctx, rng) => { const m = rng.pick(['post', 'Post', 'GET', 'PUT', 'OPTIONS', 'DELETE', 'PATCH', 'POSTX', 'P\tOST', 'CONNECT', 'TRACE', 'PRI']); return raw(m.toUpperCase() === 'HEAD' ? 'HEAD' : m, head(`${m} / HTTP/1.1`, [...baseHeaders(ctx.host), ['Content-Length', '2']]) + '{}'); },
  headMethod: (ctx) => raw('HEAD', head('HEAD / HTTP/1.1', [['Host', ctx.host]])),
  getHealth: (ctx, rng) => raw('GET', head(`GET ${rng.pick(['/', '/x', '*', 'http://h/', '/?a=1'])} HTTP/1.1`, [['Host', ctx.host]])),
  optionsOrigin: (ctx) => raw('OPTIONS', head('OPTIONS / HTTP/1.1', [['Host', ctx.host], ['Origin', 'http://x'], ['Access-Control-Request-Method', 'POST']])),
  target: (ctx, rng, tag) => { const b = tagBody(tag); return raw('POST', head(`POST ${rng.pick(['*', 'http://example.com/', 'http://example.com', '//', '/a/b?c=d#e', '/%00', '/%zz', '/' + 'a'.repeat(4000), 'x', '/\x80'])} HTTP/1.1`, [...baseHeaders(ctx.host), ['Content-Length', String(b.length)]]) + b, tag); },
  badTarget: (ctx) => raw('POST', head('POST / x HTTP/1.1', [...baseHeaders(ctx.host), ['Content-Length', '2']]) + '{}'),
  noColon: (ctx) => raw('POST', head('POST / HTTP/1.1', [...baseHeaders(ctx.host), ['NoColonHere', null], ['Content-Length', '2']]) + '{}'),
  emptyName: (ctx) => raw('POST', head('POST / HTTP/1.1', [...baseHeaders(ctx.host), [': v', null], ['Content-Length', '2']]) + '{}'),
  spaceBeforeColon: (ctx) => raw('POST', head('POST / HTTP/1.1', [...baseHeaders(ctx.host), ['Content-Length : 2', null]]) + '{}'),
  obsFold: (ctx, rng, tag) => { const b = tagBody(tag); return raw('POST', head('POST / HTTP/1.1', [...baseHeaders(ctx.host), ['X-A', 'one'], [rng.pick([' two', '\ttwo']), null], ['Content-Length', String(b.length)]]) + b, tag); },
  ctlInValue: (ctx, rng) => raw('POST', head('POST / HTTP/1.1', [...baseHeaders(ctx.host), ['X-A', `a${String.fromCharCode(rng.pick([0, 1, 8, 11, 12, 27, 127]))}b`], ['Content-Length', '2']]) + '{}'),
  ctlInName: (ctx, rng) => raw('POST', head('POST / HTTP/1.1', [...baseHeaders(ctx.host), [`X${String.fromCharCode(rng.pick([0, 1, 9, 127, 0x80, 0xff]))}A`, 'v'], ['Content-Length', '2']]) + '{}'),
  highBytes: (ctx, rng, tag) => tagged(ctx, tag, [['X-Latin', 'caf\xe9\xff\x80']]),
  bareLf: (ctx) => raw('POST', head('POST / HTTP/1.1', [...baseHeaders(ctx.host), ['Content-Length', '2']], '\n') + '{}'),
  bareCrInValue: (ctx) => raw('POST', head('POST / HTTP/1.1', [...baseHeaders(ctx.host), ['X-A', 'a\rb'], ['Content-Length', '2']]) + '{}'),
  lfInValue: (ctx) => raw('POST', head('POST / HTTP/1.1', [...baseHeaders(ctx.host), ['X-A', 'a\nb'], ['Content-Length', '2']]) + '{}'),
  noHost: (ctx, rng, tag) => { const b = tagBody(tag); return raw('POST', head('POST / HTTP/1.1', [...baseHeaders(ctx.host).filter(([n]) => n !== 'Host'), ['Content-Length', String(b.length)]]) + b, tag); },
  twoHosts: (ctx, rng, tag) => tagged(ctx, tag, [['Host', 'other']]),
  protoHeader: (ctx, rng, tag) => tagged(ctx, tag, [[rng.pick(['__proto__', 'constructor', 'toString', 'hasOwnProperty']), 'x']]),
  longValue: (ctx, rng, tag) => tagged(ctx, tag, [['X-Long', 'v'.repeat(rng.pick([100, 8000, 16000, 17000, 40000]))]]),
  longName: (ctx, rng, tag) => tagged(ctx, tag, [['X-' + 'n'.repeat(rng.pick([300, 8000, 17000])), 'v']]),
  manyHeaders: (ctx, rng, tag) => tagged(ctx, tag, Array.from({ length: rng.pick([50, 200, 1000, 2100]) }, (_, i) => [`X-H${i}`, 'v'])),
  headSize: (ctx, rng, tag) => raw('POST', headOfSize(ctx, 16 * 1024 + rng.pick([-200, -4, -3, -2, -1, 0, 1, 2, 3, 4, 200]), tagBody(tag)), tag),
  // DynamoDB answers a body it cannot decode with 500 (pipeline.ts decodeBody), so a 500 is allowed here.
  gzipBad: (ctx, rng) => allow500(raw('POST', head('POST / HTTP/1.1', [...baseHeaders(ctx.host), ['Content-Encoding', rng.pick(['gzip', 'deflate', 'br', 'gzip, gzip'])], ['Content-Length', '6']]) + rng.pick(['{"a":1', '\x1f\x8b\x08\x00zz', 'zzzzzz']))),
  gzipGood: (ctx, rng, tag) => { const b = gzipSync(tagBody(tag)); return raw('POST', Buffer.concat([Buffer.from(head('POST / HTTP/1.1', [...baseHeaders(ctx.host), ['Content-Encoding', 'gzip'], ['Content-Length', String(b.length)]]), 'latin1'), b]), tag); },
  garbageLine: (ctx, rng) => raw('?', rng.pick(['\r\n', '\r\n\r\n', 'hello\r\n\r\n', '\x00\x01\x02\r\n\r\n', 'GET\r\n\r\n', ' / HTTP/1.1\r\n\r\n', 'HTTP/1.1 200 OK\r\n\r\n', '\x16\x03\x01\x00\xa5\x01\x00\x00\xa1\x03\x03', 'PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n'])),
  emptyBody: (ctx) => raw('POST', head('POST / HTTP/1.1', [...baseHeaders(ctx.host), ['Content-Length', '0']])),
  longerBodyThanDeclared: (ctx, rng, tag) => { const b = tagBody(tag); return raw('POST', head('POST / HTTP/1.1', [...baseHeaders(ctx.host), ['Content-Length', String(b.length - 3)]]) + b, undefined); },
};
const ODD_NAMES = Object.keys(ODD);

// ---------------------------------------------------------------------------------------------
// Cases

/**
 * A case: requests written to one connection, in parts (with pauses between some), then an
 * ending: 'wait' (read until the server closes or goes quiet), 'half' (shut down our side after
 * writing), 'abort' (destroy after a random prefix), 'idle' (send part of a head and hold).
 */
function generateCase(rng, ctx, nextTag) {
  const kind = rng.pick(['split', 'pipelined', 'odd', 'odd', 'odd', 'oddMix', 'slowHead', 'half', 'abort', 'abort', 'idle']);
  const reqs = [];
  const add = (r) => reqs.push(r);
  let ending = 'wait';
  let oddName;
  if (kind === 'split' || kind === 'pipelined' || kind === 'slowHead') {
    for (let i = rng.int(4) + 1; i > 0; i--) add(tagged(ctx, nextTag()));
  } else if (kind === 'odd' || kind === 'abort' || kind === 'half' || kind === 'idle') {
    if (rng.chance(0.4)) add(tagged(ctx, nextTag()));
    oddName = rng.pick(ODD_NAMES);
    add(ODD[oddName](ctx, rng, nextTag()));
    for (let i = rng.int(3); i > 0; i--) add(tagged(ctx, nextTag()));
  } else {
    oddName = [];
    for (let i = rng.int(5) + 2; i > 0; i--) {
      if (rng.chance(0.5)) add(tagged(ctx, nextTag()));
      else { const n = rng.pick(ODD_NAMES); oddName.push(n); add(ODD[n](ctx, rng, nextTag())); }
    }
    oddName = oddName.join('+');
  }
  if (kind === 'half') ending = 'half';
  if (kind === 'abort') ending = 'abort';
  if (kind === 'idle') ending = 'idle';
  if (kind !== 'half' && kind !== 'abort' && kind !== 'idle' && rng.chance(0.15)) add(tagged(ctx, nextTag(), [['Connection', 'close']], true));

  const all = Buffer.concat(reqs.map((r) => r.bytes));
  const parts = [];
  if (kind === 'pipelined') {
    parts.push({ bytes: all, delay: 0 });
  } else if (kind === 'slowHead') {
    // Every byte of the first head in its own write (with a pause every few bytes), the rest at once.
    const headLen = Math.min(all.indexOf('\r\n\r\n') + 4, 400);
    const step = rng.pick([1, 1, 2, 3, 7]);
    for (let i = 0; i < headLen; i += step) parts.push({ bytes: all.subarray(i, Math.min(i + step, headLen)), delay: i % 40 === 0 ? 2 : 0 });
    parts.push({ bytes: all.subarray(headLen), delay: 1 });
  } else if (all.length > 1 && rng.chance(0.7)) {
    const cuts = new Set();
    for (let i = rng.int(6) + 1; i > 0; i--) cuts.add(1 + rng.int(all.length - 1));
    let at = 0;
    for (const c of [...cuts].sort((a, b) => a - b)) {
      parts.push({ bytes: all.subarray(at, c), delay: rng.pick([0, 0, 1, 5]) });
      at = c;
    }
    parts.push({ bytes: all.subarray(at), delay: rng.pick([0, 1]) });
  } else {
    parts.push({ bytes: all, delay: 0 });
  }
  let cutAt = all.length;
  if (ending === 'abort' || ending === 'idle') cutAt = rng.int(all.length);
  return { kind, oddName, reqs, parts, ending, cutAt };
}

// ---------------------------------------------------------------------------------------------
// Talking to a server

/** Parses replies from `buf`; `methods` is the queue of request methods (HEAD replies carry no body). */
function parseReplies(buf, methods) {
  const replies = [];
  let at = 0;
  let mi = 0;
  for (;;) {
    const end = buf.indexOf('\r\n\r\n', at);
    if (end < 0) break;
    const headText = buf.toString('latin1', at, end);
    const lines = headText.split('\r\n');
    const m = /^HTTP\/1\.[01] (\d{3})/.exec(lines[0] ?? '');
    if (!m) { replies.push({ status: -1, body: headText.slice(0, 200), unparsable: true }); at = buf.length; break; }
    const status = Number(m[1]);
    const headers = {};
    for (const l of lines.slice(1)) {
      const c = l.indexOf(':');
      if (c > 0) headers[l.slice(0, c).trim().toLowerCase()] = l.slice(c + 1).trim();
    }
    let pos = end + 4;
    if (status >= 100 && status < 200) { replies.push({ status, interim: true, body: '' }); at = pos; continue; }
    const method = methods[mi++];
    let body = '';
    if (method === 'HEAD' || status === 204 || status === 304) {
      // no body
    } else if (/chunked/i.test(headers['transfer-encoding'] ?? '')) {
      let complete = false;
      const parts = [];
      for (;;) {
        const le = buf.indexOf('\r\n', pos);
        if (le < 0) break;
        const n = parseInt(buf.toString('latin1', pos, le), 16);
        if (!(n >= 0) || buf.length < le + 2 + n + 2) break;
        parts.push(buf.subarray(le + 2, le + 2 + n));
        pos = le + 2 + n + 2;
        if (n === 0) { complete = true; break; }
      }
      if (!complete) break;
      body = Buffer.concat(parts).toString('utf8');
    } else if (headers['content-length'] !== undefined) {
      const n = Number(headers['content-length']);
      if (buf.length < pos + n) break;
      body = buf.toString('utf8', pos, pos + n);
      pos += n;
    } else {
      body = buf.toString('utf8', pos);
      pos = buf.length;
    }
    const tags = [...body.matchAll(TAG_RE)].map((x) => Number(x[1]));
    replies.push({ status, body: body.slice(0, 300), tag: tags[0], connection: headers.connection });
    at = pos;
  }
  return { replies, rest: buf.length - at };
}

/** Runs one case against `port`; resolves with what came back. */
function runCase(port, c, { quietMs = 250, capMs = 4000 } = {}) {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.setNoDelay(true);
    const chunks = [];
    let closed = false;
    let error;
    let quiet;
    let cap;
    let writing = true;
    const finish = (why) => {
      clearTimeout(quiet);
      clearTimeout(cap);
      socket.destroy();
      const buf = Buffer.concat(chunks);
      const { replies, rest } = parseReplies(buf, c.reqs.map((r) => r.method));
      resolve({ replies, rest, closed, why, error, bytes: buf.length });
    };
    const arm = () => {
      clearTimeout(quiet);
      if (!writing) quiet = setTimeout(() => finish('quiet'), quietMs);
    };
    socket.on('data', (d) => { chunks.push(d); arm(); });
    socket.on('error', (e) => { error = e.code ?? e.message; });
    socket.on('close', () => { closed = true; setImmediate(() => finish('closed')); });
    cap = setTimeout(() => finish('cap'), capMs);
    (async () => {
      let sent = 0;
      for (const p of c.parts) {
        if (socket.destroyed) break;
        if (p.delay) await new Promise((r) => setTimeout(r, p.delay));
        let bytes = p.bytes;
        if (sent + bytes.length > c.cutAt) bytes = bytes.subarray(0, c.cutAt - sent);
        if (bytes.length > 0 && !socket.destroyed) socket.write(bytes);
        sent += bytes.length;
        if (sent >= c.cutAt && c.cutAt < Infinity && (c.ending === 'abort' || c.ending === 'idle')) break;
      }
      if (c.ending === 'abort') { socket.destroy(); return; }
      if (c.ending === 'idle') { await new Promise((r) => setTimeout(r, 300)); socket.destroy(); return; }
      if (c.ending === 'half' && !socket.destroyed) socket.end();
      writing = false;
      arm();
    })();
  });
}

/** A reference node:http server: answers a well-formed ListTables with its body (so the tag), anything else 404. */
function startReference() {
  const server = createServer({ keepAlive: true }, (req, res) => {
    const chunks = [];
    let size = 0;
    let rejected = false;
    req.on('data', (c) => {
      if (rejected) return;
      size += c.length;
      if (size > MAX_BODY) {
        rejected = true;
        res.writeHead(413, { 'Transfer-Encoding': 'chunked', Connection: 'close' });
        res.end();
        return;
      }
      chunks.push(c);
    });
    // Answered a turn later, as Eddy's pipeline does (it is async): node:http then drops the replies
    // to requests pipelined before one it cannot parse, as it does in Eddy's node:http path.
    req.on('end', () => setImmediate(() => {
      if (rejected) return;
      let body = Buffer.concat(chunks);
      let ok = req.method === 'POST' && req.headers['x-amz-target'] === TARGET;
      if (ok && req.headers['content-encoding'] === 'gzip') {
        try { body = gunzipSync(body); } catch { ok = false; }
      } else if (req.headers['content-encoding'] !== undefined && req.headers['content-encoding'] !== 'identity') ok = false;
      let json;
      try { json = JSON.parse(body.toString('utf8')); } catch { ok = false; }
      if (ok && typeof json?.Limit === 'number') {
        res.writeHead(400, { 'Content-Type': 'application/x-amz-json-1.0' });
        res.end(JSON.stringify({ message: `Value '${json.Limit}' at 'limit'` }));
      } else {
        res.writeHead(req.method === 'GET' ? 200 : 404);
        res.end(req.method === 'HEAD' ? undefined : 'x');
      }
    }));
    req.on('error', () => undefined);
  });
  server.keepAliveTimeout = 5000;
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

function liveness(endpoint, target = 'ListTables', body = '{}') {
  return new Promise((resolve) => {
    const h = { 'Content-Type': 'application/x-amz-json-1.0', 'X-Amz-Target': `DynamoDB_20120810.${target}` };
    for (const [n, v] of authHeaders()) h[n] = v;
    const req = request(new URL('/', endpoint), { method: 'POST', headers: h, agent: false, timeout: 5000 }, (res) => {
      let text = '';
      res.on('data', (c) => { text += c; });
      res.on('end', () => resolve({ status: res.statusCode, body: text }));
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', (e) => resolve({ status: 0, body: e.message }));
    req.end(body);
  });
}

function describe(c) {
  return `${c.kind}${c.oddName ? `:${c.oddName}` : ''} ending=${c.ending} parts=${c.parts.length}`;
}

const view = (r) => r.replies.filter((x) => !x.interim).map((x) => x.tag ?? '-');

/** Marks the tagged requests of `c` that node:http answers when each is sent alone on a connection. */
async function acceptedAlone(refPort, c) {
  if (c.ending === 'abort' || c.ending === 'idle') return;
  await Promise.all(c.reqs.map(async (r) => {
    if (r.tag === undefined || r.plain) return;
    const alone = await runCase(refPort, { reqs: [r], parts: [{ bytes: r.bytes, delay: 0 }], ending: 'wait', cutAt: Infinity }, { quietMs: 150 });
    r.acceptedAlone = alone.replies.some((x) => x.tag === r.tag);
  }));
}

/** Compares Eddy's replies with the reference server's; returns the problems found. */
function check(c, eddy, ref) {
  const problems = [];
  const may500 = c.reqs.some((r) => r.allow500);
  for (const r of eddy.replies) {
    if (r.status >= 500 && !(may500 && r.status === 500)) problems.push(`status ${r.status}: ${r.body}`);
    if (r.unparsable) problems.push(`unparsable reply: ${JSON.stringify(r.body)}`);
  }
  if (c.ending === 'abort' || c.ending === 'idle') return problems;
  const tagsSent = c.reqs.map((r) => r.tag).filter((t) => t !== undefined);
  const got = view(eddy).filter((t) => t !== '-');
  // Tags answered in request order, each at most once.
  for (let i = 1; i < got.length; i++) if (got[i] <= got[i - 1]) problems.push(`replies out of order: ${got.join(',')}`);
  for (const t of got) if (!tagsSent.includes(t)) problems.push(`reply for a tag never sent: ${t}`);
  const want = view(ref).filter((t) => t !== '-');
  // Eddy must answer what node:http answers. It may answer more well-formed requests (node:http
  // drops the replies to requests pipelined before one it refuses, or after `Connection: close`,
  // when they are answered asynchronously, as Eddy's pipeline does), but never one node:http
  // refuses even when sent alone: that would be a request framed differently.
  const leading = c.reqs.filter((r) => r.plain || r.acceptedAlone).map((r) => r.tag);
  // A connection reset (the server closing on unread garbage) may discard replies the client had
  // not read yet: Linux drops the receive queue on RST. That is not a reply the server lost.
  const missing = eddy.error === 'ECONNRESET' ? [] : want.filter((t) => !got.includes(t));
  const extra = got.filter((t) => !want.includes(t) && !leading.includes(t));
  if (missing.length > 0 || extra.length > 0) {
    problems.push(`tags answered differ from node:http: eddy [${got.join(',')}] (${eddy.why}) vs node [${want.join(',')}] (${ref.why})`);
  }
  if (eddy.why === 'cap' && ref.why !== 'cap') problems.push(`eddy hung (node: ${ref.why})`);
  return problems;
}

// ---------------------------------------------------------------------------------------------
// Backpressure: a client that pipelines requests with big replies and never reads them.

async function backpressure(endpoint, rss, { requests = 400, itemBytes = 300_000 } = {}) {
  const t = `fzhttp_${Date.now().toString(36)}`;
  await liveness(endpoint, 'CreateTable', JSON.stringify({
    TableName: t, BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }], KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
  }));
  const put = await liveness(endpoint, 'PutItem', JSON.stringify({ TableName: t, Item: { pk: { S: 'big' }, v: { S: 'x'.repeat(itemBytes) } } }));
  if (put.status !== 200) return { problem: `backpressure setup failed: ${put.status} ${put.body.slice(0, 200)}` };
  const port = Number(new URL(endpoint).port);
  const body = JSON.stringify({ TableName: t, Key: { pk: { S: 'big' } } });
  const one = head('POST / HTTP/1.1', [['Host', `127.0.0.1:${port}`], ['Content-Type', 'application/x-amz-json-1.0'],
    ['X-Amz-Target', 'DynamoDB_20120810.GetItem'], ...authHeaders(), ['Content-Length', String(body.length)]]) + body;
  const before = rss();
  const socket = connect(port, '127.0.0.1');
  socket.pause(); // never read
  socket.on('error', () => undefined);
  await new Promise((r) => socket.once('connect', r));
  socket.write(one.repeat(requests));
  let peak = before;
  for (let i = 0; i < 20; i++) {
    await new Promise((r) => setTimeout(r, 100));
    peak = Math.max(peak, rss());
  }
  socket.destroy();
  const grew = peak - before;
  const replyBytes = requests * itemBytes;
  // The kernel's socket buffers hold a few MB; the rest must wait in the client's unsent requests.
  const problem = grew > replyBytes / 4 ? `memory grew ${Math.round(grew / 1e6)} MB for a client that never reads (${Math.round(replyBytes / 1e6)} MB of replies asked for)` : undefined;
  return { problem, grewMb: Math.round(grew / 1e6) };
}

// ---------------------------------------------------------------------------------------------
// Driver

/**
 * Runs `count` cases (or until `timeMs`), `concurrency` at a time, each against Eddy and the
 * reference server. `rss` (optional) reads the server's resident memory, for the backpressure check.
 */
export async function fuzzHttp({ endpoint, seed = 1, count = 500, concurrency = 6, timeMs = Infinity, rss, only, log = () => {} } = {}) {
  const rng = makeRng(seed);
  const port = Number(new URL(endpoint).port);
  const reference = await startReference();
  const refPort = reference.address().port;
  const findings = [];
  const byKind = {};
  let aliveFailures = 0;
  let tag = TAG_BASE;
  const nextTag = () => (tag >= TAG_BASE + 999_999 ? (tag = TAG_BASE) : ++tag);
  const started = Date.now();
  let ran = 0;
  const ctx = { host: `127.0.0.1:${port}` };
  try {
    if (rss) {
      const bp = await backpressure(endpoint, rss);
      if (bp.problem) { findings.push({ index: -1, kind: 'backpressure', problems: [bp.problem] }); log(findings.at(-1)); }
    }
    while (ran < count && Date.now() - started < timeMs) {
      const n = Math.min(concurrency, count - ran);
      const cases = [];
      for (let i = 0; i < n; i++) {
        // The same random choices for both servers: the case is generated once, with Eddy's host
        // (node:http does not look at the Host value).
        const c = generateCase(rng, ctx, nextTag);
        if (only === undefined || only === ran + i) cases.push({ index: ran + i, c });
        if (only === ran + i && process.env.FUZZ_HTTP_SHOW) console.log(JSON.stringify(c.parts.map((p) => [p.bytes.toString('latin1'), p.delay])));
      }
      const results = await Promise.all(cases.map(({ c }) => Promise.all([runCase(port, c), runCase(refPort, c), acceptedAlone(refPort, c)])));
      for (let i = 0; i < results.length; i++) {
        let [e, r] = results[i];
        if (only !== undefined && process.env.FUZZ_HTTP_SHOW) console.log(JSON.stringify({ e, r }));
        const { index, c } = cases[i];
        byKind[c.kind] = (byKind[c.kind] ?? 0) + 1;
        let problems = check(c, e, r);
        if (problems.length > 0 && problems.every((p) => p.startsWith('tags answered differ') && e.replies.length < r.replies.length)) {
          // Replies missing next to a request node:http refuses can be a race (node:http closes the
          // connection on the refused request, whether or not earlier replies have been written,
          // and Eddy's pipeline may answer later than the reference under load): a missing reply
          // counts only if it is missing again when the case runs alone.
          [e, r] = await Promise.all([runCase(port, c), runCase(refPort, c)]);
          problems = check(c, e, r);
        }
        if (problems.length) {
          const f = { index, kind: describe(c), problems, request: Buffer.concat(c.reqs.map((q) => q.bytes)).toString('latin1').slice(0, Number(process.env.FUZZ_HTTP_SHOW ?? 600)), replies: { eddy: e.replies.map((x) => x.status), node: r.replies.map((x) => x.status) } };
          findings.push(f);
          log(f);
        }
      }
      ran += n;
      const alive = rng.chance(0.5) ? await liveness(endpoint) : await liveness(endpoint, 'GetItem', JSON.stringify({ TableName: 'fzhttp_missing', Key: { pk: { S: 'a' } } }));
      if (alive.status !== 200 && !(alive.status === 400 && /ResourceNotFound/.test(alive.body))) {
        aliveFailures++;
        findings.push({ index: ran, kind: 'liveness', problems: [`server not answering (${alive.status} ${alive.body.slice(0, 200)})`] });
        log(findings.at(-1));
        if (aliveFailures > 3) break;
      }
    }
  } finally {
    reference.closeAllConnections();
    await new Promise((r) => reference.close(r));
  }
  return { cases: ran, findings, byKind, aliveFailures, seconds: (Date.now() - started) / 1000 };
}

// ---------------------------------------------------------------------------------------------
// CLI

function procRss(pid) {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) * 1024 : 0;
}

async function main() {
  const args = process.argv.slice(2);
  const opt = (name, dflt) => {
    const i = args.indexOf(`--${name}`);
    return i >= 0 ? args[i + 1] : dflt;
  };
  const seed = Number(opt('seed', '1'));
  const count = Number(opt('count', '1000'));
  const concurrency = Number(opt('concurrency', '6'));
  const only = opt('only') === undefined ? undefined : Number(opt('only'));
  let endpoint = opt('endpoint');
  let pid = opt('pid');
  let child;
  let serverErrors = [];
  let exited = () => null;
  if (!endpoint) {
    ({ child, endpoint, serverErrors, exited } = await startFuzzServer());
    pid = child.pid;
  }
  console.log(`fuzzing ${endpoint} seed=${seed} count=${count}`);
  const res = await fuzzHttp({
    endpoint, seed, count, concurrency, only,
    rss: pid ? () => procRss(pid) : undefined,
    log: (f) => console.log(JSON.stringify(f)),
  });
  console.log(`ran ${res.cases} cases in ${res.seconds.toFixed(1)} s; by kind ${JSON.stringify(res.byKind)}`);
  console.log(`findings: ${res.findings.length}; server error log lines: ${serverErrors.length}; exited: ${JSON.stringify(exited())}`);
  for (const l of serverErrors.slice(0, 50)) console.log(`server: ${l}`);
  if (child) child.kill('SIGTERM');
  process.exitCode = res.findings.length || serverErrors.length || exited() ? 1 : 0;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main().catch((err) => {
    console.error(err);
    process.exit(2);
  });
}
