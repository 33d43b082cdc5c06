import { createHmac } from 'node:crypto';

/**
 * Shard iterators, in DynamoDB's shape `<stream arn>|1|<opaque>` (1..2048 characters). The opaque
 * part carries the shard id, the position (the log seq after which reading resumes) and the issue
 * time, plus a short MAC so a hand-edited iterator is rejected. Iterators are stateless: any node
 * sharing the database can serve them.
 */
export const ITERATOR_TTL_MS = 15 * 60 * 1000;
/** Not a secret: it only catches corrupted or hand-made iterators. */
const MAC_KEY = 'eddy-shard-iterator-v1';

export interface IteratorState {
  arn: string;
  shardId: string;
  /** Reading resumes with the first record whose seq is greater than this. */
  pos: number;
  /** epoch ms */
  issued: number;
}

function mac(text: string): string {
  return createHmac('sha256', MAC_KEY).update(text).digest('base64url').slice(0, 16);
}

export function encodeIterator(it: IteratorState): string {
  const body = `${it.shardId}|${it.pos}|${it.issued}`;
  const opaque = Buffer.from(`${body}|${mac(`${it.arn}|${body}`)}`).toString('base64');
  return `${it.arn}|1|${opaque}`;
}

export function decodeIterator(text: string): IteratorState | undefined {
  const parts = text.split('|');
  if (parts.length !== 3 || parts[1] !== '1') return undefined;
  const [arn, , opaque] = parts as [string, string, string];
  const fields = Buffer.from(opaque, 'base64').toString('utf8').split('|');
  if (fields.length !== 4) return undefined;
  const [shardId, posText, issuedText, sig] = fields as [string, string, string, string];
  if (sig !== mac(`${arn}|${shardId}|${posText}|${issuedText}`)) return undefined;
  const pos = Number(posText);
  const issued = Number(issuedText);
  if (!Number.isSafeInteger(pos) || !Number.isSafeInteger(issued)) return undefined;
  return { arn, shardId, pos, issued };
}
