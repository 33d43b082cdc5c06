import { DynamoError } from '../../protocol/errors.js';
import type { OperationHandler } from '../../server/context.js';
import { encodeIterator } from '../iterators.js';
import { parseSequenceNumber } from '../record-format.js';
import { trimmedError } from '../reader.js';
import { resolveStream, rolloverMs } from '../resolve.js';
import { currentState, shardStart, trimHorizon, visibleShards, type ShardRow } from '../shard-state.js';
import { optionalString, requireString } from './validate.js';

const TYPES = ['TRIM_HORIZON', 'LATEST', 'AT_SEQUENCE_NUMBER', 'AFTER_SEQUENCE_NUMBER'];

export function shardNotFound(): DynamoError {
  return DynamoError.resourceNotFound('Requested resource not found: Shard does not exist');
}

/** GetShardIterator: a position in one shard, as a stateless iterator valid for 15 minutes. */
export const getShardIterator: OperationHandler = async (ctx, input) => {
  const arn = requireString(input, 'StreamArn', 'streamArn');
  const shardId = requireString(input, 'ShardId', 'shardId');
  const type = requireString(input, 'ShardIteratorType', 'shardIteratorType');
  const seqText = optionalString(input, 'SequenceNumber');
  if (!TYPES.includes(type)) {
    throw DynamoError.validation(
      `1 validation error detected: Value '${type}' at 'shardIteratorType' failed to satisfy constraint: Member must satisfy enum value set: [${TYPES.join(', ')}]`,
    );
  }
  const bySeq = type === 'AT_SEQUENCE_NUMBER' || type === 'AFTER_SEQUENCE_NUMBER';
  if (bySeq && seqText === undefined) {
    throw DynamoError.validation(`Must provide SequenceNumber for ShardIteratorType ${type}`);
  }
  if (!bySeq && seqText !== undefined) {
    throw DynamoError.validation(`Must not provide SequenceNumber for ShardIteratorType ${type}`);
  }
  const { stream, live } = await resolveStream(ctx, arn);
  const { engine, clock } = ctx.services;
  const now = clock.now();
  const state = await currentState(engine, stream, { now, live, rolloverMs: rolloverMs(ctx), roll: false });
  const shard = visibleShards(state, now).find((s) => s.id === shardId);
  if (!shard) throw shardNotFound();
  const pos = await position(ctx.services.engine, stream.log, state, shard, type, seqText, now);
  return { ShardIterator: encodeIterator({ arn: stream.arn, shardId, pos, issued: now }) };
};

async function position(
  engine: Parameters<typeof trimHorizon>[0],
  log: string,
  state: Parameters<typeof trimHorizon>[2],
  shard: ShardRow,
  type: string,
  seqText: string | undefined,
  now: number,
): Promise<number> {
  const from = Math.max(shard.from, 0);
  if (type === 'TRIM_HORIZON') {
    const horizon = await trimHorizon(engine, log, state, now);
    return Math.max(from, horizon - 1);
  }
  if (type === 'LATEST') {
    if (shard.to !== undefined) return shard.to - 1;
    return Math.max(from, await engine.logHead(log));
  }
  const seq = seqText === undefined ? undefined : parseSequenceNumber(seqText);
  const head = await engine.logHead(log);
  const inShard = seq !== undefined && seq >= from && (shard.to === undefined ? seq <= head + 1 : seq < shard.to);
  if (seq === undefined || !inShard) {
    throw DynamoError.validation(`Invalid SequenceNumber for ShardIteratorType ${type}: ${String(seqText)}`);
  }
  const horizon = await trimHorizon(engine, log, state, now);
  // The shard's StartingSequenceNumber is a position before its first readable record: reading
  // at or after it starts at that record.
  if (seq === shardStart(shard, horizon)) return seq;
  if (seq < horizon) throw trimmedError();
  return type === 'AT_SEQUENCE_NUMBER' ? seq - 1 : seq;
}
