import { STATUS_CODES, type Server as HttpServer } from 'node:http';
import { createServer, type Server, type Socket } from 'node:net';
import type { HttpHandler, HttpReply, ReplyHeaders } from './http-types.js';
import { MAX_REQUEST_BYTES } from './node-adapter.js';
import { releaseReplyBuffer } from '../protocol/reply-buffers.js';

/**
 * A lean HTTP/1.1 server for the requests every SDK sends: `POST` with a `Content-Length` body on a
 * keep-alive connection. node:http spends more CPU per request than all of Eddy's GetItem work
 * (IncomingMessage/ServerResponse streams, header objects, timers): bench/README.md has the
 * numbers. This parser reads such requests straight from the socket and writes each response in one
 * write. Anything else — another method, a target not starting with `/`, `Transfer-Encoding`,
 * `Expect`, `Upgrade`, HTTP/1.0, repeated or malformed headers, no `Host`, a head over 16 KB, a
 * body over 16 MB — hands the connection, with the bytes already read, to the node:http server,
 * which answers it through the same pipeline (or with its own 400/431). So the fast path never has to get an unusual request right: it only has
 * to recognise it.
 *
 * One request is served at a time per connection; pipelined requests wait in the buffer, so
 * responses keep their order.
 */

const HEAD_END = Buffer.from('\r\n\r\n');
/** node:http's default limit for the request head; larger heads go to node:http (431). */
const MAX_HEAD_BYTES = 16 * 1024;
/** Unread bytes held for a connection whose request is being served before it is paused. */
const MAX_BUFFERED_WHILE_BUSY = 1024 * 1024;
/**
 * Unsent reply bytes past which no further request is started until the client has read them:
 * without a bound, a client that pipelined requests and never read made the server build every
 * reply in memory (400 GetItems of a 300 KB item grew RSS by 180 MB; scripts/fuzz-http.mjs).
 */
const MAX_UNSENT_REPLY_BYTES = 1024 * 1024;
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const DIGITS = /^[0-9]{1,9}$/;
const TARGET = /^[\x21-\x7e]+$/;
/**
 * Bodies up to this size are copied behind the head (into a pooled buffer) and sent in one write;
 * larger ones go out with writev. Measured on Query10's 10 KB replies: a fresh buffer and a copy
 * per reply cost more than writev (89–98 vs 102–153 µs CPU per request, alternating runs).
 */
const COPY_BODY_BYTES = 4096;
/** Headers whose presence means the request needs more than this parser does. */
const HAND_OVER = new Set(['transfer-encoding', 'expect', 'upgrade', '__proto__']);

export interface FastHttpOptions {
  handler: HttpHandler;
  /** Receives (via its 'connection' event) every connection the fast path does not serve. */
  fallback: HttpServer;
  /** Idle keep-alive connections are closed after this long. */
  idleTimeoutMs: number;
  /** Sockets of `fallback` with a request in flight (kept by node-adapter.ts). */
  fallbackBusy: ReadonlySet<Socket>;
}

/** DynamoDB's answer to a body over 16 MB: 413 with an empty chunked body, then the connection closes. */
const TOO_LARGE_HEAD = 'HTTP/1.1 413 Payload Too Large\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n';

export interface ParsedHead {
  method: string;
  url: string;
  headers: Record<string, string>;
  /** -1: the declared body is over MAX_REQUEST_BYTES. */
  contentLength: number;
  close: boolean;
}

export class FastHttpServer {
  readonly server: Server;
  private readonly connections = new Set<Connection>();
  /** Connections given to node:http, which tracks connections only on a server it listens with. */
  private readonly handedOver = new Set<Socket>();
  private dateSecond = -1;
  private dateText = '';
  /** Connections whose sockets are corked until the end of this event-loop iteration. */
  private corked: Connection[] = [];
  private readonly flush = (): void => {
    const corked = this.corked;
    this.corked = [];
    for (const conn of corked) conn.uncork();
  };

  constructor(readonly options: FastHttpOptions) {
    this.server = createServer({ noDelay: true }, (socket) => {
      const conn = new Connection(this, socket);
      this.connections.add(conn);
    });
  }

  /** The `Date` header's value, formatted once per second. */
  httpDate(): string {
    const now = Date.now();
    const second = Math.floor(now / 1000);
    if (second !== this.dateSecond) {
      this.dateSecond = second;
      this.dateText = new Date(now).toUTCString();
    }
    return this.dateText;
  }

  /**
   * Holds `conn`'s writes until the event loop's check phase, so the replies to every request read in
   * one poll phase leave together. Each reply to a sleeping client wakes it (an inter-processor
   * interrupt, costly in a VM); sent together, the first wakes the client and the rest find it running.
   */
  corkUntilIdle(conn: Connection): void {
    if (this.corked.length === 0) setImmediate(this.flush);
    this.corked.push(conn);
  }

  forget(conn: Connection): void {
    this.connections.delete(conn);
  }

  handOver(socket: Socket): void {
    this.handedOver.add(socket);
    socket.once('close', () => this.handedOver.delete(socket));
    this.options.fallback.emit('connection', socket);
  }

  /**
   * Stops accepting, closes idle connections now and busy ones after their response; connections
   * still open after `graceMs` are destroyed. Resolves when the listener and every connection are closed.
   */
  async close(graceMs: number): Promise<void> {
    // net.Server#close waits for every socket it accepted, handed-over ones included.
    const closed = new Promise<void>((res) => this.server.close(() => res()));
    for (const conn of this.connections) conn.closeWhenIdle();
    const deadline = Date.now() + graceMs;
    while (this.connections.size > 0 || this.handedOver.size > 0) {
      const late = Date.now() >= deadline;
      for (const conn of this.connections) if (late) conn.socket.destroy();
      for (const socket of this.handedOver) {
        if (late || !this.options.fallbackBusy.has(socket)) socket.destroy();
      }
      await new Promise((res) => setTimeout(res, 10));
    }
    await closed;
  }
}

class Connection {
  private chunks: Buffer[] = [];
  private buffered = 0;
  /** Bytes needed before parsing is worth trying again (a known request length). */
  private need = 0;
  /** Where the search for the end of the head resumes. */
  private scanFrom = 0;
  private busy = false;
  private parsing = false;
  private corked = false;
  private closing = false;
  private readonly onData = (chunk: Buffer): void => this.data(chunk);
  /**
   * The idle timer is armed once, at connection start: net.Socket restarts it on every read and
   * write (re-arming it after it fired), so a connection is closed after `idleTimeoutMs` without
   * traffic. A request still being served then is left alone; its reply re-arms the timer. (Setting
   * the timeout per request cost a Timeout object and a bound function each time.)
   */
  private readonly onTimeout = (): void => {
    if (!this.busy || this.awaitingDrain) this.socket.destroy();
  };
  private readonly onError = (): void => {
    this.socket.destroy();
  };
  private readonly onClose = (): void => this.owner.forget(this);
  /** Set while waiting for the client to read replies before starting the next request. */
  private awaitingDrain = false;
  private readonly onDrain = (): void => {
    this.awaitingDrain = false;
    this.done();
  };

  constructor(
    private readonly owner: FastHttpServer,
    readonly socket: Socket,
  ) {
    socket.on('data', this.onData);
    socket.on('error', this.onError);
    socket.on('close', this.onClose);
    socket.on('timeout', this.onTimeout);
    socket.setTimeout(owner.options.idleTimeoutMs);
  }

  closeWhenIdle(): void {
    this.closing = true;
    if (!this.busy) this.socket.destroy();
  }

  private data(chunk: Buffer): void {
    this.chunks.push(chunk);
    this.buffered += chunk.length;
    if (this.busy) {
      if (this.buffered > MAX_BUFFERED_WHILE_BUSY) this.socket.pause();
      return;
    }
    if (this.buffered >= this.need) this.parse();
  }

  /** All buffered bytes as one Buffer (and as the only chunk). */
  private flatten(): Buffer {
    if (this.chunks.length !== 1) this.chunks = [Buffer.concat(this.chunks, this.buffered)];
    return this.chunks[0] as Buffer;
  }

  private parse(): void {
    if (this.parsing) return;
    this.parsing = true;
    try {
      while (!this.busy && this.buffered > 0 && this.buffered >= this.need && !this.socket.destroyed) {
        if (!this.next()) break;
      }
    } finally {
      this.parsing = false;
    }
  }

  /** Starts the next complete request in the buffer; false when more bytes are needed (or handed over). */
  private next(): boolean {
    const buf = this.flatten();
    const headEnd = buf.indexOf(HEAD_END, this.scanFrom);
    if (headEnd < 0) {
      if (buf.length > MAX_HEAD_BYTES) return this.handOver();
      this.scanFrom = Math.max(0, buf.length - 3);
      return false;
    }
    const head = parseHead(buf.toString('latin1', 0, headEnd));
    if (head === undefined || headEnd > MAX_HEAD_BYTES) return this.handOver();
    if (head.contentLength < 0) return this.rejectTooLarge();
    const total = headEnd + 4 + head.contentLength;
    if (buf.length < total) {
      this.need = total;
      return false;
    }
    const body = buf.subarray(headEnd + 4, total);
    if (buf.length > total) this.chunks = [buf.subarray(total)];
    else this.chunks = [];
    this.buffered = buf.length - total;
    this.need = 0;
    this.scanFrom = 0;
    this.busy = true;
    if (head.close) this.closing = true;
    const { method, url, headers } = head;
    this.owner.options.handler({ method, url, headers }, new FastReply(this), body);
    return true;
  }

  /**
   * Answers 413 without reading the body (node:http would only notice after 16 MB had arrived), then
   * closes; whatever the client still sends is read and dropped so it can see the answer.
   */
  private rejectTooLarge(): false {
    const socket = this.socket;
    this.busy = true;
    this.chunks = [];
    this.buffered = 0;
    socket.off('data', this.onData);
    socket.on('data', () => undefined);
    socket.end(`${TOO_LARGE_HEAD}Date: ${this.owner.httpDate()}\r\n\r\n0\r\n\r\n`, 'latin1');
    setTimeout(() => socket.destroy(), 5_000).unref();
    return false;
  }

  /** Gives the connection, and every byte read so far, to node:http. */
  private handOver(): false {
    const socket = this.socket;
    // Replies already written must leave before node:http answers: on a malformed request it
    // destroys the socket, which would drop them while corked.
    this.uncork();
    socket.off('data', this.onData);
    socket.off('error', this.onError);
    socket.off('close', this.onClose);
    socket.off('timeout', this.onTimeout);
    socket.setTimeout(0);
    this.owner.forget(this);
    socket.pause();
    if (this.buffered > 0) socket.unshift(this.flatten());
    this.chunks = [];
    this.buffered = 0;
    this.owner.handOver(socket);
    socket.resume();
    return false;
  }

  uncork(): void {
    if (!this.corked) return;
    this.corked = false;
    this.socket.uncork();
  }

  write(status: number, headers: ReplyHeaders, body: string | Buffer | undefined): void {
    const socket = this.socket;
    if (socket.destroyed) {
      if (typeof body === 'object') releaseReplyBuffer(body);
      return;
    }
    if (!this.corked) {
      this.corked = true;
      socket.cork();
      this.owner.corkUntilIdle(this);
    }
    let head = `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Unknown'}\r\n`;
    for (const name in headers) head += `${name}: ${headers[name]}\r\n`;
    head += `Date: ${this.owner.httpDate()}\r\nConnection: ${this.closing ? 'close' : 'keep-alive'}\r\n\r\n`;
    if (body === undefined) {
      socket.write(head, 'latin1');
    } else if (typeof body === 'string') {
      // Our header values are ASCII, so one UTF-8 write carries head and body.
      socket.write(head + body, 'utf8');
    } else if (body.length <= COPY_BODY_BYTES) {
      // One buffer, one write() syscall (cheaper than writev of two).
      const out = Buffer.allocUnsafe(head.length + body.length);
      out.write(head, 0, 'latin1');
      body.copy(out, head.length);
      releaseReplyBuffer(body);
      socket.write(out);
    } else {
      socket.write(head, 'latin1');
      // The callback runs once the socket is done with the bytes (written, or the write abandoned).
      socket.write(body, () => releaseReplyBuffer(body));
    }
    this.done();
  }

  /** The current request is answered (or abandoned): close, or go on with the next one. */
  done(): void {
    this.busy = false;
    if (this.closing) {
      this.socket.end();
      return;
    }
    if (this.socket.writableLength > MAX_UNSENT_REPLY_BYTES) {
      // 'drain' comes once the socket has written everything (after the uncork, when corked).
      this.busy = true;
      this.awaitingDrain = true;
      this.socket.once('drain', this.onDrain);
      return;
    }
    if (this.socket.isPaused()) this.socket.resume();
    if (this.buffered > 0) this.parse();
  }
}

class FastReply implements HttpReply {
  private answered = false;

  constructor(private readonly conn: Connection) {}

  get sent(): boolean {
    return this.answered || this.conn.socket.destroyed;
  }

  send(status: number, headers: ReplyHeaders, body: string | Buffer | undefined): void {
    if (this.answered) return;
    this.answered = true;
    this.conn.write(status, headers, body);
  }

  destroy(): void {
    this.answered = true;
    this.conn.socket.destroy();
  }
}

/**
 * Control characters no request head may hold anywhere (tab is allowed; CR and LF only as a CRLF
 * line end, checked per line below). One test over the whole head instead of one per header
 * value: a head with any of them goes to node:http (which answers 400), as a value or target
 * holding one did before. (A single character class: with alternatives for lone CR and LF the
 * same test cost ~3% of a GetItem's CPU.)
 */
const BAD_HEAD_CHAR = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]/;

/** Whether text[from..end) holds no CR or LF (`end`: the line's CRLF, or the end of the text). */
function noStrayLineBreak(text: string, from: number, end: number): boolean {
  const cr = text.indexOf('\r', from);
  const lf = text.indexOf('\n', from);
  return (cr < 0 || cr >= end) && (lf < 0 || lf > end);
}
/** Header names as sent → lower case, for names seen before (a client sends the same few). */
const NAMES = new Map<string, string>();
const MAX_NAMES = 256;

function headerName(raw: string): string | undefined {
  let name = NAMES.get(raw);
  if (name === undefined) {
    name = raw.toLowerCase();
    if (!TOKEN.test(name)) return undefined;
    if (NAMES.size < MAX_NAMES) NAMES.set(raw, name);
  }
  return name;
}

/**
 * Parses `POST <target> HTTP/1.1` and its header lines; undefined for anything this fast path
 * leaves to node:http.
 */
export function parseHead(text: string): ParsedHead | undefined {
  if (BAD_HEAD_CHAR.test(text)) return undefined;
  let eol = text.indexOf('\r\n');
  if (eol < 0) eol = text.length;
  if (!noStrayLineBreak(text, 0, eol)) return undefined;
  if (!text.startsWith('POST ') || text.slice(eol - 9, eol) !== ' HTTP/1.1' || eol < 15) return undefined;
  const url = text.slice(5, eol - 9);
  // Origin-form of visible ASCII only; node:http decides on `*`, absolute-form and targets it
  // rejects (`POST x`, a byte over 0x7e).
  if (url.charCodeAt(0) !== 0x2f || !TARGET.test(url)) return undefined;

  const headers: Record<string, string> = {};
  let contentLength = 0;
  let close = false;
  let pos = eol + 2;
  while (pos < text.length) {
    let end = text.indexOf('\r\n', pos);
    if (end < 0) end = text.length;
    if (!noStrayLineBreak(text, pos, end)) return undefined;
    const colon = text.indexOf(':', pos);
    if (colon < 0 || colon > end) return undefined;
    const name = headerName(text.slice(pos, colon));
    if (name === undefined || HAND_OVER.has(name) || headers[name] !== undefined) return undefined;
    const value = text.slice(colon + 1, end).trim();
    pos = end + 2;
    headers[name] = value;
    if (name === 'content-length') {
      if (!DIGITS.test(value)) return undefined;
      contentLength = Number(value);
      if (contentLength > MAX_REQUEST_BYTES) contentLength = -1;
    } else if (name === 'connection') {
      close = value.toLowerCase().split(',').some((t) => t.trim() === 'close');
    }
  }
  // HTTP/1.1 requires Host (RFC 9112 §3.2); node:http answers its absence with 400.
  if (headers.host === undefined) return undefined;
  return { method: 'POST', url, headers, contentLength, close };
}
