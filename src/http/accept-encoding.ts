/**
 * Accept-Encoding negotiation for replies, following what live DynamoDB answers (recorded by
 * ScyllaDB alternator's test_compressed_response.py, which passes against AWS). DynamoDB
 * compresses with gzip or deflate (zlib format) only; `identity`, `br`, `x-gzip` and every other
 * coding, and malformed entries such as `"gzip"` or `gzip br`, are ignored.
 */
export type ReplyEncoding = 'gzip' | 'deflate';

/** The codings DynamoDB can send, in its order of preference for `*`. */
const SUPPORTED: readonly ReplyEncoding[] = ['gzip', 'deflate'];
/** Cheap pre-check: most clients send `identity` or nothing, which never compresses. */
const MAY_COMPRESS = /gzip|deflate|\*/i;

/**
 * The coding to compress a reply with, or undefined for none:
 * - the first parameter containing `q=` gives an entry's weight (`nq=0` counts, `q =0` does not);
 *   a weight that is not a number counts as 1, weights above 1 as 1, and 0 or less as refused;
 * - the entry with the highest weight wins, the earliest on a tie; `gzip;q=0, gzip;q=1` is gzip;
 * - `*` stands for the supported codings the header does not name (gzip first) and loses ties
 *   to named ones: `*, deflate` is deflate, `*, gzip;q=0.5` is deflate.
 */
export function replyEncoding(header: string | undefined): ReplyEncoding | undefined {
  if (header === undefined || header === '' || !MAY_COMPRESS.test(header)) return undefined;
  let best: ReplyEncoding | undefined;
  let bestWeight = 0;
  let wildcard = 0;
  let sawWildcard = false;
  const named = new Set<string>();
  for (const entry of header.split(',')) {
    const semi = entry.indexOf(';');
    const coding = (semi < 0 ? entry : entry.slice(0, semi)).trim().toLowerCase();
    if (coding !== '*' && !isSupported(coding)) continue;
    const weight = semi < 0 ? 1 : weightOf(entry.slice(semi + 1).split(';'));
    if (coding === '*') {
      if (!sawWildcard) wildcard = weight;
      sawWildcard = true;
      continue;
    }
    named.add(coding);
    if (weight > bestWeight) {
      best = coding;
      bestWeight = weight;
    }
  }
  if (wildcard > bestWeight) {
    const unnamed = SUPPORTED.find((c) => !named.has(c));
    if (unnamed !== undefined) return unnamed;
  }
  return best;
}

function isSupported(coding: string): coding is ReplyEncoding {
  return coding === 'gzip' || coding === 'deflate';
}

function weightOf(params: string[]): number {
  for (const param of params) {
    const at = param.indexOf('q=');
    if (at < 0) continue;
    const text = param.slice(at + 2).trim();
    const q = text === '' ? Number.NaN : Number(text);
    if (Number.isNaN(q)) return 1;
    return Math.min(q, 1);
  }
  return 1;
}
