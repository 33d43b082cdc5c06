import { deflateSync, gunzipSync, gzipSync } from 'node:zlib';
import { DynamoError, isDynamoError } from '../protocol/errors.js';
import { EMPTY_RESPONSE, type OperationHandler, type RequestContext, type Services } from '../server/context.js';
import type { RequestIdGenerator } from '../shared/ids.js';
import { logs } from '../shared/logger.js';
import { accountFor, authenticate, DEFAULT_REGION } from './auth-header.js';
import { serializeResponse } from '../protocol/preserialized.js';
import { releaseReplyBuffer } from '../protocol/reply-buffers.js';
import { replyEncoding, type ReplyEncoding } from './accept-encoding.js';
import { crc32 } from './crc32.js';
import { headerText, type HttpHandler, type HttpReply, type HttpRequest, type ReplyHeaders } from './http-types.js';

/**
 * The request pipeline, in DynamoDB's order of precedence (pinned by test/protocol-errors.test.ts;
 * the order itself was recorded against live DynamoDB by dynalite's test/connection.js):
 *
 *   1. body limit (16 MB, node-adapter.ts) → 413, empty chunked body
 *   2. request id                        → every response from here on carries x-amzn-RequestId
 *   3. CORS preflight (OPTIONS + Origin) → 200
 *   4. GET /                             → 200 health text (other paths fall to 5)
 *   5. method / content type             → 404 `<UnknownOperationException/>`
 *   6. parse JSON                        → SerializationException (no message)
 *   7. route by X-Amz-Target             → UnknownOperationException
 *   8. authenticate (header shape; SigV4 verification later)
 *   9. empty body                        → SerializationException
 *  10. shape validation (types → SerializationException, constraints → ValidationException)
 *  11. operation handler
 *  12. serialize (crc32, request id) and one debug log line
 */
export const CT_AMZ_JSON = 'application/x-amz-json-1.0';
const CT_JSON = 'application/json';
const EMPTY_BODY = Buffer.alloc(0);
/** DynamoDB's `Server` header on its API responses, successful or not. */
const SERVER = 'Server';
const NOT_FOUND_BODY = Buffer.from('<UnknownOperationException/>\n');
const HEALTH_BODY = Buffer.from(`healthy: dynamodb.${DEFAULT_REGION}.amazonaws.com `);
/**
 * Sent with Access-Control-Allow-Origin on every reply to a request with an Origin, preflight
 * included (alternator's test_cors.py, which passes against AWS, requires it on both; the value is
 * the one AWS JSON services send).
 */
const CORS_EXPOSE_HEADERS = 'x-amzn-RequestId,x-amzn-ErrorType,x-amzn-ErrorMessage,Date';

/** One API behind an X-Amz-Target prefix, e.g. `DynamoDB_20120810`. */
export interface TargetApi {
  operations: Record<string, OperationHandler>;
  /** Generic shape checks; returns the input to hand to the operation. */
  validate(operation: string, input: Record<string, unknown>): Record<string, unknown>;
}

export interface PipelineDeps {
  services: Services;
  targets: ReadonlyMap<string, TargetApi>;
  ids: RequestIdGenerator;
}

/** The pipeline as an HTTP handler, for either front end (fast-http.ts, node-adapter.ts). */
const BACKSLASH = 0x5c;

export function createPipeline(deps: PipelineDeps): HttpHandler {
  return (req, reply, body) => void handle(deps, req, reply, body);
}

async function handle(deps: PipelineDeps, req: HttpRequest, res: HttpReply, received: Buffer): Promise<void> {
  let raw = received;
  const started = performance.now();
  const requestId = deps.ids.next();
  const headers = req.headers;
  let operation = '';
  let contentType = CT_JSON;
  let status = 200;
  try {
    const origin = headerText(headers.origin);
    if (req.method === 'OPTIONS' && origin !== undefined) return preflight(res, req, requestId);
    if (req.method === 'GET' && isRootPath(req.url)) return sendRaw(res, 200, requestId, HEALTH_BODY, undefined, origin);

    const ct = mediaType(headerText(headers['content-type']));
    if (req.method !== 'POST' || (raw.length > 0 && ct !== CT_JSON && ct !== CT_AMZ_JSON)) {
      status = 404;
      return sendRaw(res, 404, requestId, NOT_FOUND_BODY, undefined, origin);
    }
    if (ct === CT_AMZ_JSON) contentType = CT_AMZ_JSON;
    const encoding = headerText(headers['content-encoding']);
    if (encoding !== undefined) raw = decodeBody(raw, encoding);

    let parsed: unknown;
    if (raw.length > 0) {
      try {
        parsed = JSON.parse(raw.toString('utf8'));
      } catch {
        throw DynamoError.serialization();
      }
    }

    const target = headerText(headers['x-amz-target']);
    const dot = typeof target === 'string' ? target.indexOf('.') : -1;
    const api = dot > 0 ? deps.targets.get((target as string).slice(0, dot)) : undefined;
    operation = api && dot > 0 ? (target as string).slice(dot + 1) : '';
    const handler = api && Object.hasOwn(api.operations, operation) ? api.operations[operation] : undefined;
    if (!api || !handler) throw DynamoError.coral('UnknownOperationException');

    const caller = authenticate(headers, req.url ?? '/');

    if (raw.length === 0) throw DynamoError.serialization();
    let input: Record<string, unknown> | undefined = api.validate(operation, asObject(parsed));
    // Nothing here holds the request's objects while the operation waits (e.g. for a disk sync):
    // data alive across a young-generation GC is copied by it, and a batch write's is ~70 KB.
    parsed = undefined;

    const config = deps.services.config;
    const ctx: RequestContext = {
      services: deps.services,
      requestId,
      account: accountFor(caller.accessKeyId),
      region: caller.region,
      accessKeyId: caller.accessKeyId,
      namespace: config.sharedDb ? 'shared' : `${caller.accessKeyId}:${caller.region}`,
      operation,
      escapeFree: raw.indexOf(BACKSLASH) === -1,
      requestBytes: raw.length,
    };
    const pending = handler(ctx, input);
    input = undefined;
    const result = await pending;
    if (result === EMPTY_RESPONSE) return sendRaw(res, 200, requestId, EMPTY_BODY, contentType, origin);
    const replyCoding = replyEncoding(headerText(headers['accept-encoding']));
    sendJson(res, 200, requestId, result === undefined ? {} : result, contentType, origin, replyCoding);
  } catch (err) {
    let e: DynamoError;
    if (isDynamoError(err)) {
      e = err;
    } else {
      e = DynamoError.internal();
      deps.services.logger.error('unexpected error', { requestId, operation, err });
    }
    status = e.status;
    try {
      sendJson(res, e.status, requestId, e.toBody(), contentType, headerText(headers.origin));
    } catch (sendErr) {
      deps.services.logger.error('could not send error response', { requestId, err: sendErr });
      if (!res.sent) res.destroy();
    }
  } finally {
    const logger = deps.services.logger;
    if (logs(logger, 'debug')) {
      logger.debug('request', {
        requestId,
        method: req.method,
        target: headers['x-amz-target'],
        status,
        bytesIn: raw.length,
        ms: Math.round((performance.now() - started) * 1000) / 1000,
      });
    }
  }
}

/**
 * Most bytes a gzip request body may inflate to. The 16 MB limit applies to the compressed body, so
 * without a bound a 16 MB body of zeros would inflate to gigabytes, synchronously (700 MB took 4 s
 * and that much memory). Far above any request DynamoDB can take whole (16 MB uncompressed).
 */
export const MAX_INFLATED_BYTES = 64 * 1024 * 1024;

/**
 * Undoes a request's Content-Encoding. SDKs may gzip request bodies (the "request compression"
 * feature); DynamoDB accepts gzip, including several concatenated gzip members, and answers any
 * other encoding, or gzip that does not decompress, with a 500 InternalServerError. Gzip that
 * inflates past MAX_INFLATED_BYTES is answered the same way (DynamoDB's limit is not recorded).
 */
function decodeBody(raw: Buffer, encoding: string): Buffer {
  const name = encoding.trim().toLowerCase();
  if (name === '' || name === 'identity') return raw;
  if (name !== 'gzip') throw DynamoError.internal();
  try {
    return gunzipSync(raw, { maxOutputLength: MAX_INFLATED_BYTES });
  } catch {
    throw DynamoError.internal();
  }
}

/** The top level of a request must be a JSON object; DynamoDB reads anything else as no members. */
function asObject(parsed: unknown): Record<string, unknown> {
  if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed as Record<string, unknown>;
  if (Array.isArray(parsed)) throw DynamoError.serialization('Start of list found where not expected');
  if (parsed === null) return {};
  throw DynamoError.serialization();
}

/** `  application/json ; charset=x` → `application/json`. */
function mediaType(header: string | undefined): string {
  if (!header) return '';
  const semi = header.indexOf(';');
  return (semi < 0 ? header : header.slice(0, semi)).trim();
}

/**
 * DynamoDB compresses a response body larger than this (4 KB) when the request's Accept-Encoding
 * allows gzip or deflate (see accept-encoding.ts); x-amz-crc32 is then the checksum of the
 * compressed bytes.
 */
const COMPRESS_REPLY_BYTES = 4096;

function sendJson(
  res: HttpReply,
  status: number,
  requestId: string,
  body: unknown,
  contentType: string,
  origin: string | undefined,
  encoding?: ReplyEncoding,
): void {
  let text = serializeResponse(body);
  const length = typeof text === 'string' ? Buffer.byteLength(text, 'utf8') : text.length;
  const compress = encoding !== undefined && length > COMPRESS_REPLY_BYTES;
  if (compress) {
    const plain = text;
    text = encoding === 'gzip' ? gzipSync(plain) : deflateSync(plain);
    // The compressor copied the bytes; a pooled reply buffer can be reused at once.
    if (typeof plain !== 'string') releaseReplyBuffer(plain);
  }
  const h: ReplyHeaders = {
    Server: SERVER,
    'x-amzn-RequestId': requestId,
    'x-amz-crc32': crc32(text),
    'Content-Length': compress ? text.length : length,
  };
  if (compress) h['Content-Encoding'] = encoding;
  if (contentType) h['Content-Type'] = contentType;
  if (origin !== undefined) corsHeaders(h);
  // A string goes to the socket as is (one UTF-8 write of head and body together).
  res.send(status, h, text);
}

function sendRaw(
  res: HttpReply,
  status: number,
  requestId: string,
  buf: Buffer,
  contentType: string | undefined,
  origin: string | undefined,
): void {
  const h: ReplyHeaders = {
    Server: SERVER,
    'x-amzn-RequestId': requestId,
    'x-amz-crc32': crc32(buf),
    'Content-Length': buf.length,
  };
  if (contentType) h['Content-Type'] = contentType;
  if (origin !== undefined) corsHeaders(h);
  res.send(status, h, buf);
}

function corsHeaders(h: ReplyHeaders): void {
  h['Access-Control-Allow-Origin'] = '*';
  h['Access-Control-Expose-Headers'] = CORS_EXPOSE_HEADERS;
}

/**
 * The health check answers only `GET /` (a query string aside); DynamoDB answers a GET of any
 * other path with a 4xx (alternator's test_health.py, run against AWS), here the 404 of step 5.
 */
function isRootPath(url: string): boolean {
  const q = url.indexOf('?');
  return (q < 0 ? url : url.slice(0, q)) === '/';
}

function preflight(res: HttpReply, req: HttpRequest, requestId: string): void {
  const h: ReplyHeaders = {
    'x-amzn-RequestId': requestId,
    'Access-Control-Allow-Origin': '*',
    'Access-Control-Expose-Headers': CORS_EXPOSE_HEADERS,
    'Access-Control-Max-Age': 172800,
    'Content-Length': 0,
  };
  const reqHeaders = headerText(req.headers['access-control-request-headers']);
  const reqMethod = headerText(req.headers['access-control-request-method']);
  if (reqHeaders) h['Access-Control-Allow-Headers'] = reqHeaders;
  if (reqMethod) h['Access-Control-Allow-Methods'] = reqMethod;
  res.send(200, h, undefined);
}
