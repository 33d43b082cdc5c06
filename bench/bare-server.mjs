#!/usr/bin/env node
// The ceiling: a bare node:http server that reads the body, parses the request JSON and returns a
// fixed DynamoDB-shaped reply for the X-Amz-Target (with the headers DynamoDB sends). No service
// written for Node on this machine can be faster than this at the same work.
// Usage: node bench/bare-server.mjs [--port N] [--scan-items N] [--no-parse]
import http from 'node:http';
import zlib from 'node:zlib';
import { bareReplies } from './lib/data.mjs';

const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : dflt;
};
const port = Number(opt('--port', '0'));
const scanItems = Number(opt('--scan-items', '100000'));
const parse = !args.includes('--no-parse');

const replies = bareReplies(scanItems);
const fixed = new Map();
for (const [op, value] of Object.entries(replies)) {
  if (typeof value === 'function') continue;
  const body = Buffer.from(JSON.stringify(value));
  fixed.set(op, { body, crc: String(zlib.crc32(body)) });
}
const unknown = Buffer.from(JSON.stringify({ __type: 'com.amazon.coral.service#UnknownOperationException' }));
let requestSeq = 0;

function send(res, status, body, crc = String(zlib.crc32(body))) {
  res.writeHead(status, {
    'Content-Type': 'application/x-amz-json-1.0',
    'Content-Length': body.length,
    'x-amz-crc32': crc,
    'x-amzn-RequestId': `BARE${(++requestSeq).toString(36).padStart(48, '0')}`,
  });
  res.end(body);
}

const server = http.createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    const target = String(req.headers['x-amz-target'] ?? '');
    const op = target.slice(target.indexOf('.') + 1);
    let input = {};
    if (parse) {
      try {
        input = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      } catch {
        return send(res, 400, Buffer.from('{"__type":"com.amazon.coral.service#SerializationException"}'));
      }
    }
    if (op === 'Scan') return send(res, 200, Buffer.from(JSON.stringify(replies.scan(input.ExclusiveStartKey))));
    const hit = fixed.get(op);
    if (!hit) return send(res, 400, unknown);
    send(res, 200, hit.body, hit.crc);
  });
});
server.keepAliveTimeout = 60_000;
server.listen(port, '127.0.0.1', () => {
  console.log(`bare server listening at http://127.0.0.1:${server.address().port}`);
});
const stop = () => server.close(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
