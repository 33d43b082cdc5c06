#!/usr/bin/env node
// The ceiling: a bare node:http server that reads the body, parses the request JSON and returns a
// fixed DynamoDB-shaped reply for the X-Amz-Target (with the headers DynamoDB sends). No service
// written for Node on this machine can be faster than this at the same work.
//
// With --durable DIR it is the floor of a durable store instead: each write request's body (as
// received, no encoding) is appended to a log and answered once on disk, as Eddy's log engine
// does its frames: one O_DSYNC writev on libuv's pool at a time, covering every body that arrived
// meanwhile (group commit), into 16 MB files zero-filled ahead of the writes (Eddy's own SegmentPrep,
// so a sync never has to grow a file). No index, no validation, no framing or checksum: a durable
// DynamoDB service written for Node pays at least this.
// Usage: node bench/bare-server.mjs [--port N] [--scan-items N] [--no-parse] [--durable DIR]
import fs from 'node:fs';
import http from 'node:http';
import { join } from 'node:path';
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
const durableDir = opt('--durable', undefined);

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

const WRITES = new Set(['PutItem', 'UpdateItem', 'DeleteItem', 'BatchWriteItem', 'TransactWriteItems']);

/**
 * The durable floor's log, laid out as Eddy's log engine lays out its segments: files of 16 MB, the
 * next one zero-filled ahead by Eddy's own SegmentPrep (from dist/, which the harness builds) and
 * renamed into place at the roll, so that no sync has to grow a file; one O_DSYNC writev at a time.
 */
async function durableLog(dir) {
  const { SegmentPrep } = await import('../dist/src/storage/log/segment-prep.js');
  const { segmentName } = await import('../dist/src/storage/log/segment.js');
  const SEGMENT = 16 << 20;
  const prep = new SegmentPrep(dir, SEGMENT);
  const active = { id: 0, size: 0, fd: -1 };
  const roll = () => {
    if (active.fd >= 0) fs.closeSync(active.fd);
    active.id++;
    active.size = 0;
    const path = join(dir, segmentName(active.id));
    const ready = prep.take();
    if (ready !== undefined) fs.renameSync(ready, path);
    active.fd = fs.openSync(path, fs.constants.O_CREAT | fs.constants.O_WRONLY | fs.constants.O_DSYNC, 0o644);
  };
  roll();
  let waiting = [];
  // One write at a time, as Eddy's log engine: the bodies that arrive meanwhile wait for the next.
  let writing = false;
  const pump = () => {
    if (writing || waiting.length === 0) return;
    const group = waiting;
    waiting = [];
    const bufs = [];
    let total = 0;
    for (const w of group) for (const c of w.chunks) {
      bufs.push(c);
      total += c.length;
    }
    if (active.size >= SEGMENT) roll();
    const fd = active.fd;
    const at = active.size;
    active.size += total;
    prep.maybeStart(active);
    writing = true;
    const step = (list, where, left) => fs.writev(fd, list, where, (err, n) => {
      if (err) throw err;
      if (n < left) return step(skip(list, n), where + n, left - n);
      writing = false;
      for (const w of group) w.done();
      pump();
    });
    step(bufs, at, total);
  };
  const skip = (list, n) => {
    const out = [];
    for (const b of list) {
      if (n >= b.length) n -= b.length;
      else {
        out.push(n > 0 ? b.subarray(n) : b);
        n = 0;
      }
    }
    return out;
  };
  return (chunks, done) => {
    waiting.push({ chunks, done });
    pump();
  };
}
const append = durableDir === undefined ? undefined : await durableLog(durableDir);

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
    if (append !== undefined && WRITES.has(op)) return append(chunks, () => send(res, 200, hit.body, hit.crc));
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
