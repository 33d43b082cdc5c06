import { DynamoError } from '../protocol/errors.js';
import type { RequestContext } from '../server/context.js';
import type { StreamDef, TableDef } from '../dynamodb/tables/table-types.js';
import { DEFAULT_ROLLOVER_MS } from './shard-state.js';

export interface StreamArnParts {
  region: string;
  account: string;
  tableName: string;
  label: string;
}

/** arn:aws:dynamodb:{region}:{account}:table/{T}/stream/{label} */
const STREAM_ARN = /^arn:aws[a-z-]*:dynamodb:([a-z0-9-]+):([0-9]{12}):table\/([a-zA-Z0-9_.-]{3,255})\/stream\/(.+)$/;

export function parseStreamArn(arn: string): StreamArnParts | undefined {
  const m = STREAM_ARN.exec(arn);
  if (!m) return undefined;
  const [, region, account, tableName, label] = m as unknown as [string, string, string, string, string];
  return { region, account, tableName, label };
}

export function streamNotFound(arn: string): DynamoError {
  return DynamoError.resourceNotFound(`Requested resource not found: Stream: ${arn} not found`);
}

export function invalidStreamArn(): DynamoError {
  return DynamoError.validation('Invalid StreamArn');
}

export interface ResolvedStream {
  table: TableDef;
  stream: StreamDef;
  /** The table's current, enabled stream (records are still being written to it). */
  live: boolean;
}

/** Finds a stream (current or previous) of a table in the caller's namespace by its ARN. */
export async function resolveStream(ctx: RequestContext, arn: string): Promise<ResolvedStream> {
  const parts = parseStreamArn(arn);
  if (!parts) throw invalidStreamArn();
  if (parts.region !== ctx.region || parts.account !== ctx.account) throw streamNotFound(arn);
  const table = await ctx.services.tables.find(ctx, parts.tableName);
  if (!table) throw streamNotFound(arn);
  if (table.stream && table.stream.arn === arn) return { table, stream: table.stream, live: table.stream.enabled };
  const previous = table.previousStreams?.find((s) => s.arn === arn);
  if (!previous) throw streamNotFound(arn);
  return { table, stream: previous, live: false };
}

export function rolloverMs(ctx: RequestContext): number {
  return ctx.services.config.streamShardRolloverMs ?? DEFAULT_ROLLOVER_MS;
}
