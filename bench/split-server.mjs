#!/usr/bin/env node
// An experiment, not a product mode: Eddy with its request path split over two threads. The main
// thread runs only the HTTP front end (src/http/fast-http.ts, with node:http for the connections it
// hands over); a worker thread (split-worker.mjs) runs all of Eddy — engine, pipeline, background
// work — and answers. Each side batches what one turn of its event loop produced into one
// postMessage: request bodies copied into one transferred buffer, replies likewise. It measures
// whether a second core for the request path pays on this machine (docs/performance.md, round
// twenty-four). Uses the compiled dist/src (npm run build).
// Usage: node bench/split-server.mjs --port N [--data DIR]   (no --data: in memory)
import { createServer } from 'node:http';
import { Worker } from 'node:worker_threads';

const args = process.argv.slice(2);
const opt = (name) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const port = Number(opt('--port') ?? '0');
const dist = (p) => new URL(`../dist/src/${p}`, import.meta.url).href;
const { FastHttpServer } = await import(dist('http/fast-http.js'));
const { nodeRequestListener } = await import(dist('http/node-adapter.js'));

const worker = new Worker(new URL('./split-worker.mjs', import.meta.url), { workerData: { dir: opt('--data') } });
/** Replies waiting for the worker's answer, by request number. */
const waiting = new Map();
let nextId = 1;
let ids = [];
let meta = [];
let bodies = [];
let bytes = 0;
let scheduled = false;

function flush() {
  scheduled = false;
  const all = Buffer.allocUnsafeSlow(bytes);
  const offs = new Uint32Array(bodies.length + 1);
  let off = 0;
  for (let i = 0; i < bodies.length; i++) {
    offs[i] = off;
    bodies[i].copy(all, off);
    off += bodies[i].length;
  }
  offs[bodies.length] = off;
  worker.postMessage({ ids, meta, offs, all }, [all.buffer]);
  ids = [];
  meta = [];
  bodies = [];
  bytes = 0;
}

const handler = (req, reply, body) => {
  const id = nextId++;
  waiting.set(id, reply);
  ids.push(id);
  meta.push(req.method, req.url, req.headers);
  bodies.push(body);
  bytes += body.length;
  if (!scheduled) {
    scheduled = true;
    setImmediate(flush);
  }
};

worker.on('message', (m) => {
  if (m === 'ready') {
    const fallbackBusy = new Set();
    const node = createServer({ keepAlive: true }, nodeRequestListener(handler, () => undefined, fallbackBusy));
    const fast = new FastHttpServer({ handler, fallback: node, idleTimeoutMs: 60_000, fallbackBusy });
    fast.server.listen(port, '127.0.0.1', () => console.log(`split server listening on ${fast.server.address().port}`));
    return;
  }
  const buf = m.all ? Buffer.from(m.all.buffer, m.all.byteOffset, m.all.byteLength) : undefined;
  for (let i = 0; i < m.ids.length; i++) {
    const reply = waiting.get(m.ids[i]);
    waiting.delete(m.ids[i]);
    const kind = m.kinds[i];
    reply.send(m.status[i], m.headers[i], kind === 0 ? undefined : kind === 1 ? m.texts[i] : buf.subarray(m.offs[i], m.offs[i + 1]));
  }
});
worker.on('error', (err) => {
  console.error(err);
  process.exit(1);
});
