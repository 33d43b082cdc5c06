import { parseArn } from '../tables/arn.js';
import type { KinesisDestinationDef } from '../tables/table-types.js';

/**
 * The Kinesis streaming destination state machine, kept on the table definition. Eddy has no
 * Kinesis, so every stream is one DynamoDB cannot use, and Eddy answers as DynamoDB does then:
 * Enable is accepted (200 ENABLING) for any stream ARN, and a little later the destination is
 * ENABLE_FAILED with a DestinationStatusDescription that depends on the ARN. No ACTIVE, DISABLING,
 * DISABLED or UPDATING destination can arise.
 *
 * Sources: the ack-api-quirks catalogue of live DynamoDB probes (October 2026): DDB-TABLE-318 (no
 * synchronous validation; the failure texts and delays per kind of ARN), DDB-TABLE-268 (failed
 * entries accumulate, one per stream ARN, newest first; a re-Enable flips an entry instead of adding
 * one; Enable is refused only while another entry is live), DDB-TABLE-299 (the reply's members,
 * `{}` echoed for a missing configuration, the refusal texts), DDB-TABLE-300 (the precision is shown
 * only when set).
 */

export const NOT_VALID_STATE = 'Table is not in a valid state to enable Kinesis Streaming Destination: ';

/** Enable while another destination is live (ENABLING here), or on a DELETING table (DDB-TABLE-236). */
export const ENABLE_REFUSED = `${NOT_VALID_STATE}EnableKinesisStreamingDestination must be DISABLED or ENABLE_FAILED to perform ENABLE operation.`;

const NO_PERMISSION = 'User does not have a permission to use kinesis stream';
const OTHER_REGION = 'The kinesis Arn used to enable kinesis replication belongs to a stream which is not in the current region';
const NOT_ACTIVE = 'The kinesis Arn used to enable kinesis replication belongs to a stream which is not in Active state';

/** How long ENABLING lasts before ENABLE_FAILED, per case (DDB-TABLE-318's measurements, rounded). */
export const FAIL_AFTER_MS = { permission: 2_000, quick: 1_000, slow: 61_700 } as const;

export interface EnableFailure {
  text: string;
  afterMs: number;
}

/**
 * The failure an Enable of `streamArn` ends in, as recorded: a missing stream, a stream consumer ARN
 * or a changed-case name fail after ~2 s as a permission problem; a DynamoDB table ARN after ~1 s
 * the same way; a stream of another region after ~1 s ("not in the current region"); a stream of
 * another account or a Firehose ARN after ~62 s ("not in Active state"). The order of these checks
 * for an ARN that fits several cases, and a string that is no ARN at all, are Eddy's reading.
 */
export function enableFailure(streamArn: string, account: string, region: string): EnableFailure {
  const arn = parseArn(streamArn);
  if (!arn) return { text: NO_PERMISSION, afterMs: FAIL_AFTER_MS.permission };
  if (arn.service === 'dynamodb') return { text: NO_PERMISSION, afterMs: FAIL_AFTER_MS.quick };
  if (arn.service === 'kinesis' && arn.region !== region) return { text: OTHER_REGION, afterMs: FAIL_AFTER_MS.quick };
  if (arn.account !== account || arn.service !== 'kinesis') return { text: NOT_ACTIVE, afterMs: FAIL_AFTER_MS.slow };
  return { text: NO_PERMISSION, afterMs: FAIL_AFTER_MS.permission };
}

/** The destinations as of `now`: an ENABLING one whose time has come is ENABLE_FAILED. */
export function settledDestinations(list: readonly KinesisDestinationDef[] | undefined, now: number): KinesisDestinationDef[] {
  return (list ?? []).map((d) => (d.status === 'ENABLING' && d.settleAt <= now ? { ...d, status: 'ENABLE_FAILED' as const } : { ...d }));
}

/** A destination that blocks another Enable (every status but DISABLED and ENABLE_FAILED). */
export function isLive(d: KinesisDestinationDef): boolean {
  return d.status !== 'ENABLE_FAILED';
}

/**
 * The list after an accepted Enable at `now`: the stream's entry (a new one, or its earlier failed
 * one flipped back) is ENABLING and comes first; its precision is the one of this Enable, or none
 * (a re-Enable without a configuration drops an earlier precision, DDB-TABLE-300).
 */
export function withEnabled(
  settled: KinesisDestinationDef[],
  streamArn: string,
  precision: KinesisDestinationDef['precision'],
  failure: EnableFailure,
  now: number,
): KinesisDestinationDef[] {
  const entry: KinesisDestinationDef = {
    streamArn,
    status: 'ENABLING',
    ...(precision ? { precision } : {}),
    enabledAt: now,
    settleAt: now + failure.afterMs,
    failure: failure.text,
  };
  return [entry, ...settled.filter((d) => d.streamArn !== streamArn)];
}

/** One KinesisDataStreamDestinations entry: the description only once failed, the precision only when set. */
export function destinationShape(d: KinesisDestinationDef): Record<string, unknown> {
  return {
    StreamArn: d.streamArn,
    DestinationStatus: d.status,
    ...(d.status === 'ENABLE_FAILED' ? { DestinationStatusDescription: d.failure } : {}),
    ...(d.precision ? { ApproximateCreationDateTimePrecision: d.precision } : {}),
  };
}
