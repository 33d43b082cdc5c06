import type { IncomingHttpHeaders, IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { HttpHandler, HttpReply, ReplyHeaders } from './http-types.js';

/** Largest request body accepted (DynamoDB's limit); larger bodies get 413 and the connection closes. */
export const MAX_REQUEST_BYTES = 16 * 1024 * 1024;

/**
 * node:http front end: collects the body (413 past MAX_REQUEST_BYTES, as DynamoDB: an empty chunked
 * body and `Connection: close`) and hands the request to the pipeline. It serves every connection
 * the fast path hands over: chunked bodies, `Expect: 100-continue`, HTTP/1.0, methods other than
 * POST, oversized or unusual heads. `busy` (optional) holds the sockets with a request in flight,
 * so that a shutdown can close the idle ones at once.
 */
export function nodeRequestListener(
  handler: HttpHandler,
  onError: (err: unknown) => void,
  busy?: Set<Socket>,
): RequestListener {
  return (req, res) => {
    if (busy) {
      const socket = req.socket;
      busy.add(socket);
      res.once('close', () => busy.delete(socket));
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let rejected = false;
    req.on('data', (chunk: Buffer) => {
      if (rejected) return;
      size += chunk.length;
      if (size > MAX_REQUEST_BYTES) {
        rejected = true;
        chunks.length = 0;
        res.writeHead(413, { 'Transfer-Encoding': 'chunked', Connection: 'close' });
        res.end();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (rejected) return;
      const body = chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, size);
      handler({ method: req.method ?? 'GET', url: req.url ?? '/', headers: requestHeaders(req) }, new NodeReply(res), body);
    });
    req.on('error', onError);
  };
}

/**
 * node:http joins repeated headers with ", ". DynamoDB reads only the first of several
 * Accept-Encoding headers (`identity` then `gzip` gets no compression), so keep just that one.
 */
function requestHeaders(req: IncomingMessage): IncomingHttpHeaders {
  // Only a joined value can hide several headers; headersDistinct builds a copy of them all.
  if (!req.headers['accept-encoding']?.includes(',')) return req.headers;
  const accept = req.headersDistinct['accept-encoding'];
  if (accept === undefined || accept.length < 2) return req.headers;
  return { ...req.headers, 'accept-encoding': accept[0] };
}

class NodeReply implements HttpReply {
  constructor(private readonly res: ServerResponse<IncomingMessage>) {}

  get sent(): boolean {
    return this.res.headersSent || this.res.destroyed;
  }

  send(status: number, headers: ReplyHeaders, body: string | Buffer | undefined): void {
    if (this.sent) return;
    this.res.writeHead(status, headers);
    if (body === undefined) this.res.end();
    else if (typeof body === 'string') this.res.end(body, 'utf8');
    else this.res.end(body);
  }

  destroy(): void {
    this.res.destroy();
  }
}
