import { createHash } from 'node:crypto';
import type { Item } from '../dynamodb/values/types.js';
import { itemSize } from '../dynamodb/values/size.js';
import type { StreamDef } from '../dynamodb/tables/table-types.js';

/**
 * The stored form of one stream record (one log entry), and its wire form (the `Record` shape of
 * the DynamoDB Streams API).
 *
 * Stored records are compact JSON written on every change: only what the log cannot assign.
 * `e` event (I/M/R), `t` commit time in epoch ms, `k` Keys, `n` NewImage, `o` OldImage (each only
 * when the stream's view type carries it), `u` 1 for service (TTL) deletions.
 *
 * Markers are log entries that are not records: `{"x":"roll","s":<shard>,"t":..}` closes a shard
 * at a rollover, `{"x":"end","s":<shard>,"t":..}` closes the last shard of a disabled stream.
 * A marker's seq is the exact boundary (see docs/streams.md).
 */
export type EventCode = 'I' | 'M' | 'R';

export interface StoredRecord {
  e: EventCode;
  t: number;
  k: Item;
  n?: Item;
  o?: Item;
  u?: 1;
}

export interface StoredMarker {
  x: 'roll' | 'end';
  s: string;
  t: number;
}

export type LogEntry = StoredRecord | StoredMarker;

export function isMarker(entry: LogEntry): entry is StoredMarker {
  return 'x' in entry;
}

export function parseEntry(value: string): LogEntry {
  return JSON.parse(value) as LogEntry;
}

/**
 * SequenceNumber from a log seq: '1' followed by the seq zero-padded to 20 digits, so it is a
 * 21-digit decimal like DynamoDB's (e.g. 300000000000000499659), increasing with the seq and
 * comparable as a big integer (what the KCL adapter does).
 */
const SEQ_BASE = 10n ** 20n;

export function sequenceNumber(seq: number): string {
  return (SEQ_BASE + BigInt(seq)).toString();
}

/** The log seq of a SequenceNumber, or undefined when it is not one of ours. */
export function parseSequenceNumber(text: string): number | undefined {
  if (!/^[0-9]{21,40}$/.test(text)) return undefined;
  const n = BigInt(text) - SEQ_BASE;
  // 0 is the StartingSequenceNumber of a stream's first shard (a position, not a record).
  if (n < 0n || n > BigInt(Number.MAX_SAFE_INTEGER)) return undefined;
  return Number(n);
}

const EVENT_NAMES: Record<EventCode, 'INSERT' | 'MODIFY' | 'REMOVE'> = { I: 'INSERT', M: 'MODIFY', R: 'REMOVE' };

export interface WireRecord {
  eventID: string;
  eventName: 'INSERT' | 'MODIFY' | 'REMOVE';
  eventVersion: '1.1';
  eventSource: 'aws:dynamodb';
  awsRegion: string;
  dynamodb: {
    ApproximateCreationDateTime: number;
    Keys: Item;
    NewImage?: Item;
    OldImage?: Item;
    SequenceNumber: string;
    SizeBytes: number;
    StreamViewType: StreamDef['viewType'];
  };
  userIdentity?: { PrincipalId: string; Type: string };
}

/** eventID: 32 hex digits like DynamoDB's, stable for a given record (derived from arn + seq). */
export function eventId(streamArn: string, seq: number): string {
  return createHash('md5').update(`${streamArn}#${seq}`).digest('hex');
}

export function toWireRecord(stream: StreamDef, region: string, seq: number, rec: StoredRecord): WireRecord {
  const dynamodb: WireRecord['dynamodb'] = {
    ApproximateCreationDateTime: Math.floor(rec.t / 1000),
    Keys: rec.k,
    SequenceNumber: sequenceNumber(seq),
    SizeBytes: 0,
    StreamViewType: stream.viewType,
  };
  let size = itemSize(rec.k);
  if (rec.n) {
    dynamodb.NewImage = rec.n;
    size += itemSize(rec.n);
  }
  if (rec.o) {
    dynamodb.OldImage = rec.o;
    size += itemSize(rec.o);
  }
  dynamodb.SizeBytes = size;
  const out: WireRecord = {
    eventID: eventId(stream.arn, seq),
    eventName: EVENT_NAMES[rec.e],
    eventVersion: '1.1',
    eventSource: 'aws:dynamodb',
    awsRegion: region,
    dynamodb,
  };
  if (rec.u) out.userIdentity = { PrincipalId: 'dynamodb.amazonaws.com', Type: 'Service' };
  return out;
}
