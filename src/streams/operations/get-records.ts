import { DynamoError } from '../../protocol/errors.js';
import type { OperationHandler } from '../../server/context.js';
import { decodeIterator, encodeIterator, ITERATOR_TTL_MS } from '../iterators.js';
import { readShard, MAX_RECORDS } from '../reader.js';
import { toWireRecord } from '../record-format.js';
import { resolveStream, rolloverMs } from '../resolve.js';
import { currentState, visibleShards } from '../shard-state.js';
import { shardNotFound } from './get-shard-iterator.js';
import { limitOf, requireString } from './validate.js';

/** GetRecords: up to 1,000 records or 1 MB from the iterator's position; no NextShardIterator at a closed shard's end. */
export const getRecords: OperationHandler = async (ctx, input) => {
  const text = requireString(input, 'ShardIterator', 'shardIterator');
  const limit = limitOf(input, MAX_RECORDS);
  const it = decodeIterator(text);
  if (!it) throw DynamoError.validation('Invalid ShardIterator');
  const { engine, clock } = ctx.services;
  const now = clock.now();
  if (now - it.issued > ITERATOR_TTL_MS) {
    throw DynamoError.service('ExpiredIteratorException', 'The provided iterator exceeds the maximum age allowed.');
  }
  const { table, stream, live } = await resolveStream(ctx, it.arn);
  const state = await currentState(engine, stream, { now, live, rolloverMs: rolloverMs(ctx), roll: false });
  const shard = visibleShards(state, now).find((s) => s.id === it.shardId);
  if (!shard) throw shardNotFound();
  const read = await readShard(engine, stream.log, state, shard, it.pos, { limit, now });
  const out: Record<string, unknown> = {
    Records: read.records.map((r) => toWireRecord(stream, table.region, r.seq, r.rec)),
  };
  if (!read.ended) out.NextShardIterator = encodeIterator({ ...it, pos: read.pos, issued: now });
  return out;
};
