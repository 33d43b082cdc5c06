import { headerText, type RequestHeaders } from './http-types.js';
import { DynamoError } from '../protocol/errors.js';

/** Who signed the request, as far as the (not yet verified) SigV4 credential scope says. */
export interface Caller {
  accessKeyId: string;
  region: string;
}

export const DEFAULT_REGION = 'us-east-1';
const HEADER_PARAMS = ['Credential', 'Signature', 'SignedHeaders'] as const;
const QUERY_PARAMS = ['X-Amz-Algorithm', 'X-Amz-Credential', 'X-Amz-Signature', 'X-Amz-SignedHeaders', 'X-Amz-Date'] as const;

/**
 * Checks that the request carries well-formed SigV4 authentication (header or query string) and
 * returns the credential scope. Messages and their order are DynamoDB's, as recorded by dynalite's
 * test/connection.js against the live service. The signature itself is not verified yet.
 */
export function authenticate(headers: RequestHeaders, url: string): Caller {
  const auth = headerText(headers.authorization);
  const q = url.indexOf('?');
  // A client signs every request with the same credential scope and signed headers; only the
  // signature changes. An Authorization header whose part before its final `, Signature=<token>`
  // has passed the checks below (with such a final token, a date header and no query string)
  // passes them again in the same way and names the same caller: answer from the cache.
  const signatureAt = auth === undefined || q >= 0 ? -1 : auth.lastIndexOf(SIGNATURE);
  const scope = signatureAt > 0 && plainToken(auth as string, signatureAt + SIGNATURE.length) ? (auth as string).slice(0, signatureAt) : undefined;
  if (scope !== undefined && (headers['x-amz-date'] || headers.date)) {
    const known = checkedScopes.get(scope);
    if (known !== undefined) return known;
  }
  const query = q >= 0 ? new URLSearchParams(url.slice(q + 1)) : undefined;
  const queryAuth = query !== undefined && query.has('X-Amz-Algorithm');

  if (auth !== undefined && queryAuth) {
    throw DynamoError.coral(
      'InvalidSignatureException',
      "Found both 'X-Amz-Algorithm' as a query-string param and 'Authorization' as HTTP header.",
    );
  }
  if ((auth === undefined && !queryAuth) || (auth !== undefined && auth.trim().slice(0, 5) !== 'AWS4-')) {
    throw DynamoError.coral('MissingAuthenticationTokenException', 'Request is missing Authentication Token');
  }

  let msg = '';
  let credential: string | undefined;
  if (auth !== undefined) {
    const params = parseAuthParams(auth);
    for (const p of HEADER_PARAMS) {
      if (!params.get(p)) msg += `Authorization header requires '${p}' parameter. `;
    }
    if (!headers['x-amz-date'] && !headers.date) {
      msg += "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. ";
    }
    if (msg) msg += 'Authorization=' + auth;
    credential = params.get('Credential');
  } else if (query) {
    for (const p of QUERY_PARAMS) {
      if (!query.get(p)) msg += `AWS query-string parameters must include '${p}'. `;
    }
    if (msg) msg += 'Re-examine the query-string parameters.';
    credential = query.get('X-Amz-Credential') ?? undefined;
  }
  if (msg) throw DynamoError.coral('IncompleteSignatureException', msg);
  const caller = parseCredential(credential ?? '');
  if (scope !== undefined) {
    if (checkedScopes.size >= MAX_CHECKED_SCOPES) checkedScopes.clear();
    checkedScopes.set(scope, caller);
  }
  return caller;
}

const SIGNATURE = ', Signature=';
/** Authorization headers (without their signature) that passed the checks, and their caller. */
const checkedScopes = new Map<string, Caller>();
const MAX_CHECKED_SCOPES = 1024;

/** Whether text[from..] is a non-empty run of letters and digits (a signature, nothing after it). */
function plainToken(text: string, from: number): boolean {
  if (from >= text.length) return false;
  for (let i = from; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (!((c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122))) return false;
  }
  return true;
}

/**
 * `AWS4-HMAC-SHA256 Credential=a/b/c/d/e, SignedHeaders=x;y, Signature=z` → key/value pairs: the
 * tokens between commas and spaces (each trimmed, empty ones dropped), after the first; a token
 * without `=` has an empty value; a later token wins. A hand-rolled scan (no regex split, no
 * array): it runs on every request.
 */
function parseAuthParams(auth: string): Map<string, string> {
  const out = new Map<string, string>();
  const text = auth.trim();
  const n = text.length;
  let start = 0;
  let first = true;
  for (let i = 0; i <= n; i++) {
    const c = i < n ? text.charCodeAt(i) : 44;
    if (c !== 44 && c !== 32) continue; // ',' and ' ' end a token
    if (first) {
      first = false;
    } else if (i > start) {
      const part = text.slice(start, i).trim();
      if (part) {
        const eq = part.indexOf('=');
        if (eq < 0) out.set(part, '');
        else out.set(part.slice(0, eq), part.slice(eq + 1));
      }
    }
    start = i + 1;
  }
  return out;
}

/** `AKID/20240101/us-east-1/dynamodb/aws4_request` → access key id and region (lenient for now). */
export function parseCredential(credential: string): Caller {
  const parts = credential.split('/');
  const accessKeyId = parts[0] || 'anonymous';
  const region = parts.length >= 3 && parts[2] ? parts[2] : DEFAULT_REGION;
  return { accessKeyId, region };
}

/** DynamoDB Local's convention: a 12-digit access key id doubles as the account id. */
export function accountFor(accessKeyId: string): string {
  return /^\d{12}$/.test(accessKeyId) ? accessKeyId : '000000000000';
}
