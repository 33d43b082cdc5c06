import { DynamoError } from '../../protocol/errors.js';
import type { OperationHandler } from '../../server/context.js';
import type { StreamDef, TableDef } from '../../dynamodb/tables/table-types.js';
import { invalidStreamArn, parseStreamArn } from '../resolve.js';
import { limitOf, optionalString } from './validate.js';

const MAX_LIMIT = 100;

/** ListStreams: the caller's streams (current and earlier ones still readable), ordered by ARN. */
export const listStreams: OperationHandler = async (ctx, input) => {
  const limit = limitOf(input, MAX_LIMIT);
  const tableName = optionalString(input, 'TableName');
  const startArn = optionalString(input, 'ExclusiveStartStreamArn');
  if (startArn !== undefined && !parseStreamArn(startArn)) throw invalidStreamArn();

  let tables: TableDef[];
  if (tableName !== undefined) {
    const table = await ctx.services.tables.find(ctx, tableName);
    if (!table) throw DynamoError.resourceNotFound(`Requested resource not found: Table: ${tableName} not found`);
    tables = [table];
  } else {
    tables = (await ctx.services.tables.list?.(ctx)) ?? [];
  }

  const entries: { arn: string; table: string; label: string }[] = [];
  for (const table of tables) {
    const streams: StreamDef[] = [...(table.previousStreams ?? []), ...(table.stream ? [table.stream] : [])];
    for (const s of streams) entries.push({ arn: s.arn, table: table.name, label: s.label });
  }
  entries.sort((a, b) => (a.arn < b.arn ? -1 : a.arn > b.arn ? 1 : 0));
  const after = startArn === undefined ? entries : entries.filter((e) => e.arn > startArn);
  const page = after.slice(0, limit);
  const out: Record<string, unknown> = {
    Streams: page.map((e) => ({ StreamArn: e.arn, TableName: e.table, StreamLabel: e.label })),
  };
  const last = page[page.length - 1];
  if (after.length > limit && last) out.LastEvaluatedStreamArn = last.arn;
  return out;
};
