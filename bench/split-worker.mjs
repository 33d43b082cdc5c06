// The worker thread of bench/split-server.mjs: all of Eddy but the HTTP front end.
import { parentPort, workerData } from 'node:worker_threads';

const dist = (p) => new URL(`../dist/src/${p}`, import.meta.url).href;
const { startEddy } = await import(dist('index.js'));
const { createPipeline } = await import(dist('http/pipeline.js'));
const { defaultTargets } = await import(dist('server/targets.js'));
const { compileModel } = await import(dist('protocol/shape-validate.js'));
const { releaseReplyBuffer } = await import(dist('protocol/reply-buffers.js'));
const { RequestIdGenerator } = await import(dist('shared/ids.js'));

// Its own listener on an ephemeral port goes unused: the main thread's front end serves.
const eddy = await startEddy({ port: 0, host: '127.0.0.1', ...(workerData.dir ? { dataDir: workerData.dir } : { inMemory: true }), logLevel: 'error' });
const targets = new Map();
for (const [prefix, reg] of Object.entries(defaultTargets())) targets.set(prefix, { operations: reg.operations, validate: compileModel(reg.model) });
const handle = createPipeline({ services: eddy.services, targets, ids: new RequestIdGenerator() });

let out = { ids: [], status: [], headers: [], kinds: [], texts: [], bufs: [] };
let bytes = 0;
let scheduled = false;

function flush() {
  scheduled = false;
  const { ids, status, headers, kinds, texts, bufs } = out;
  const offs = new Uint32Array(ids.length + 1);
  let all;
  if (bytes > 0) {
    all = Buffer.allocUnsafeSlow(bytes);
    let off = 0;
    for (let i = 0; i < ids.length; i++) {
      offs[i] = off;
      const b = bufs[i];
      if (b !== undefined) {
        b.copy(all, off);
        off += b.length;
        releaseReplyBuffer(b);
      }
      offs[i + 1] = off;
    }
  }
  parentPort.postMessage({ ids, status, headers, kinds, texts, offs, all }, all ? [all.buffer] : []);
  out = { ids: [], status: [], headers: [], kinds: [], texts: [], bufs: [] };
  bytes = 0;
}

class Reply {
  sent = false;
  constructor(id) {
    this.id = id;
  }
  send(status, headers, body) {
    if (this.sent) return;
    this.sent = true;
    out.ids.push(this.id);
    out.status.push(status);
    out.headers.push(headers);
    out.kinds.push(body === undefined ? 0 : typeof body === 'string' ? 1 : 2);
    out.texts.push(typeof body === 'string' ? body : undefined);
    out.bufs.push(typeof body === 'object' ? body : undefined);
    if (typeof body === 'object') bytes += body.length;
    if (!scheduled) {
      scheduled = true;
      setImmediate(flush);
    }
  }
  destroy() {
    this.send(500, {}, undefined);
  }
}

parentPort.on('message', ({ ids, meta, offs, all }) => {
  const buf = Buffer.from(all.buffer, all.byteOffset, all.byteLength);
  for (let i = 0; i < ids.length; i++) {
    handle({ method: meta[3 * i], url: meta[3 * i + 1], headers: meta[3 * i + 2] }, new Reply(ids[i]), buf.subarray(offs[i], offs[i + 1]));
  }
});
parentPort.postMessage('ready');
