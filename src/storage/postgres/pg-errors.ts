import { DynamoError, isDynamoError } from '../../protocol/errors.js';

/**
 * Classification of database errors. Three kinds matter to the engine:
 * - conflicts (serialization failure 40001, deadlock 40P01): the transaction did not commit and
 *   may be retried, re-running the pure apply step. CockroachDB and YugabyteDB report their
 *   transaction restarts as 40001 too.
 * - connection failures (the database is down, restarting, unreachable, or refused a new
 *   connection): the client gets DynamoDB's retryable 503 ServiceUnavailable; the pool drops the
 *   broken connection and reconnects on a later request.
 * - everything else: a 500 InternalServerError, cause attached (the HTTP layer logs it).
 */
function codeOf(err: unknown): string | undefined {
  if (typeof err !== 'object' || err === null) return undefined;
  const code = (err as { code?: unknown }).code;
  return typeof code === 'string' ? code : undefined;
}

export function isRetryableConflict(err: unknown): boolean {
  const code = codeOf(err);
  return code === '40001' || code === '40P01';
}

const NODE_NET_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
  'ECONNABORTED',
]);

/** SQLSTATEs meaning "the server cannot serve this connection now". */
const SERVER_UNAVAILABLE = new Set([
  '57P01', // admin_shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now (starting up, shutting down, recovering)
  '53300', // too_many_connections
  '58000', // system_error
]);

const CONNECTION_MESSAGES = [
  'Connection terminated',
  'timeout exceeded when trying to connect',
  'Client has encountered a connection error',
  'Client was closed and is not queryable',
  'Connection closed',
];

export function isConnectionError(err: unknown): boolean {
  const code = codeOf(err);
  if (code !== undefined) {
    if (NODE_NET_CODES.has(code) || SERVER_UNAVAILABLE.has(code) || code.startsWith('08')) return true;
  }
  const message = err instanceof Error ? err.message : '';
  return CONNECTION_MESSAGES.some((m) => message.includes(m));
}

/** The exact text DynamoDB documents for its 503. */
export const SERVICE_UNAVAILABLE_MESSAGE = 'DynamoDB is currently unavailable. (This should be a temporary state.)';

/** Turns a database error into the DynamoError the client sees, keeping the cause. */
export function toDynamoError(err: unknown): DynamoError {
  if (isDynamoError(err)) return err;
  const out = isConnectionError(err)
    ? DynamoError.service('ServiceUnavailable', SERVICE_UNAVAILABLE_MESSAGE, 503)
    : DynamoError.internal();
  (out as Error).cause = err;
  return out;
}
