import { DynamoError } from '../../protocol/errors.js';
import type { OperationHandler } from '../../server/context.js';
import { sequenceNumber } from '../record-format.js';
import { resolveStream, rolloverMs } from '../resolve.js';
import { currentState, labelTime, shardStart, trimHorizon, visibleShards } from '../shard-state.js';
import { limitOf, optionalString, requireString } from './validate.js';

const MAX_LIMIT = 100;
const SHARD_ID_MIN_LENGTH = 28;
const SHARD_ID_MAX_LENGTH = 65;

/** DescribeStream: status, key schema and shards (lexical = creation order) with pagination. */
export const describeStream: OperationHandler = async (ctx, input) => {
  const arn = requireString(input, 'StreamArn', 'streamArn');
  const limit = limitOf(input, MAX_LIMIT);
  const startShard = optionalString(input, 'ExclusiveStartShardId');
  const filter = parseShardFilter(input.ShardFilter);
  const { table, stream, live } = await resolveStream(ctx, arn);
  const { engine, clock } = ctx.services;
  const now = clock.now();
  const state = await currentState(engine, stream, { now, live, rolloverMs: rolloverMs(ctx), roll: true });

  let shards = visibleShards(state, now);
  if (filter) shards = shards.filter((s) => s.parent === filter);
  if (startShard !== undefined) shards = shards.filter((s) => s.id > startShard);
  const page = shards.slice(0, limit);
  const horizon = page.length > 0 ? await trimHorizon(engine, stream.log, state, now) : 0;

  const keySchema = [{ AttributeName: table.key.hash.name, KeyType: 'HASH' }];
  if (table.key.range) keySchema.push({ AttributeName: table.key.range.name, KeyType: 'RANGE' });
  const description: Record<string, unknown> = {
    StreamArn: stream.arn,
    StreamLabel: stream.label,
    StreamStatus: live ? 'ENABLED' : 'DISABLED',
    StreamViewType: stream.viewType,
    CreationRequestDateTime: (labelTime(stream.label) ?? now) / 1000,
    TableName: table.name,
    KeySchema: keySchema,
    Shards: page.map((s) => {
      const range: Record<string, string> = { StartingSequenceNumber: sequenceNumber(shardStart(s, horizon)) };
      if (s.to !== undefined) range.EndingSequenceNumber = sequenceNumber(Math.max(s.to - 1, 1));
      const shard: Record<string, unknown> = { ShardId: s.id, SequenceNumberRange: range };
      if (s.parent !== undefined) shard.ParentShardId = s.parent;
      return shard;
    }),
  };
  const last = page[page.length - 1];
  if (shards.length > limit && last) description.LastEvaluatedShardId = last.id;
  return { StreamDescription: description };
};

/** ShardFilter {Type: CHILD_SHARDS, ShardId}: the parent whose children are wanted. */
function parseShardFilter(v: unknown): string | undefined {
  if (v === undefined || v === null) return undefined;
  const f = v as { Type?: unknown; ShardId?: unknown };
  // The bundled API model predates ShardFilter, so the generic shape checks skip it: apply the
  // model's constraints here (Type enum; ShardId is a ShardId shape, 28..65 characters).
  const errors: string[] = [];
  if (f.Type !== 'CHILD_SHARDS') {
    const shown = f.Type === undefined || f.Type === null ? 'null' : `'${String(f.Type)}'`;
    errors.push(`Value ${shown} at 'shardFilter.type' failed to satisfy constraint: Member must satisfy enum value set: [CHILD_SHARDS]`);
  }
  if (typeof f.ShardId === 'string') {
    const len = f.ShardId.length;
    if (len < SHARD_ID_MIN_LENGTH || len > SHARD_ID_MAX_LENGTH) {
      const bound = len < SHARD_ID_MIN_LENGTH ? `greater than or equal to ${SHARD_ID_MIN_LENGTH}` : `less than or equal to ${SHARD_ID_MAX_LENGTH}`;
      errors.push(`Value '${f.ShardId}' at 'shardFilter.shardId' failed to satisfy constraint: Member must have length ${bound}`);
    }
  }
  if (errors.length > 0) {
    const n = errors.length;
    throw DynamoError.validation(`${n} validation error${n === 1 ? '' : 's'} detected: ${errors.join('; ')}`);
  }
  if (typeof f.ShardId !== 'string') {
    throw DynamoError.validation('ShardFilter.ShardId must be provided when ShardFilter.Type is CHILD_SHARDS');
  }
  return f.ShardId;
}
