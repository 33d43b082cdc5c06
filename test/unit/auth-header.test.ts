import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { authenticate } from '../../src/http/auth-header.js';

/**
 * authenticate() answers repeated credential scopes from a cache. Its answers must equal the full
 * checks' answers: a trailing space (trimmed by the checks, but not a "plain" signature token)
 * forces the full path, so each header is compared with its padded twin, in random order, many
 * times over a small pool of parts (so scopes repeat and the cache is hit).
 */
const PARTS = [
  'AWS4-HMAC-SHA256',
  'Credential=AKID/20261202/us-east-1/dynamodb/aws4_request',
  'Credential=123456789012/20261202/eu-west-1/dynamodb/aws4_request',
  'Credential=',
  'Credential=X',
  'SignedHeaders=host;x-amz-date',
  'SignedHeaders=',
  'Signature=0123abcd',
  'Signature=ffff',
  'Signature=',
  'Signature=a,b',
  'Foo=bar',
];
const SEPARATORS = [', ', ',', ' ', ',  '];

function randomHeader(rand: () => number): string {
  const n = 1 + Math.floor(rand() * 5);
  let h = rand() < 0.9 ? 'AWS4-HMAC-SHA256 ' : 'AWS3 ';
  for (let i = 0; i < n; i++) {
    if (i > 0) h += SEPARATORS[Math.floor(rand() * SEPARATORS.length)];
    h += PARTS[1 + Math.floor(rand() * (PARTS.length - 1))];
  }
  if (rand() < 0.5) h += `, Signature=${Math.floor(rand() * 1e9).toString(16)}`;
  return h;
}

function outcome(headers: Record<string, string>, url: string): unknown {
  try {
    return { ok: authenticate(headers, url) };
  } catch (err) {
    // The message quotes the header, which differs between twins; the error code must not.
    return { error: (err as { code?: string }).code };
  }
}

describe('authenticate', () => {
  it('answers a repeated credential scope exactly as the full checks do', () => {
    let seed = 42;
    const rand = (): number => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    let hits = 0;
    for (let i = 0; i < 20_000; i++) {
      const auth = randomHeader(rand);
      const headers: Record<string, string> = { authorization: auth };
      if (rand() < 0.9) headers['x-amz-date'] = '20261202T000000Z';
      const url = rand() < 0.95 ? '/' : '/?X-Amz-Algorithm=AWS4-HMAC-SHA256';
      const first = outcome(headers, url);
      const again = outcome(headers, url);
      const full = outcome({ ...headers, authorization: `${auth} ` }, url);
      assert.deepEqual(again, first, auth);
      // The padded twin differs only in error messages (which quote the header); codes match.
      assert.deepEqual(first, full, auth);
      if ((first as { ok?: unknown }).ok !== undefined) hits++;
    }
    assert.ok(hits > 1000, `only ${hits} headers were accepted`);
  });

  it('still rejects a cached scope without a date header or with an empty signature', () => {
    const scope = 'AWS4-HMAC-SHA256 Credential=AKIDC/20261202/us-west-2/dynamodb/aws4_request, SignedHeaders=host';
    const ok = authenticate({ authorization: `${scope}, Signature=abc`, 'x-amz-date': '20261202T000000Z' }, '/');
    assert.deepEqual(ok, { accessKeyId: 'AKIDC', region: 'us-west-2' });
    assert.throws(() => authenticate({ authorization: `${scope}, Signature=abd` }, '/'), { code: 'IncompleteSignatureException' });
    assert.throws(() => authenticate({ authorization: `${scope}, Signature=`, 'x-amz-date': '20261202T000000Z' }, '/'), { code: 'IncompleteSignatureException' });
  });
});
