import type { OperationHandler } from '../../server/context.js';
import { describeStream } from './describe-stream.js';
import { getRecords } from './get-records.js';
import { getShardIterator } from './get-shard-iterator.js';
import { listStreams } from './list-streams.js';

/** The DynamoDB Streams registry: `X-Amz-Target: DynamoDBStreams_20120810.<Name>` → handler. */
export const streamsOperations: Record<string, OperationHandler> = {
  DescribeStream: describeStream,
  GetRecords: getRecords,
  GetShardIterator: getShardIterator,
  ListStreams: listStreams,
};
