import { dynamodbOperations } from '../dynamodb/operations/index.js';
import { streamsOperations } from '../streams/operations/index.js';
import type { OperationHandler } from './context.js';

/**
 * The APIs served on the one port, by X-Amz-Target prefix. Each maps to an operation registry and
 * the API model its inputs are checked against (protocol/generated/). Services that join later
 * (e.g. DynamoDB Streams) add their registry here.
 */
export interface TargetRegistration {
  /** Name of the generated model under protocol/generated/ ('dynamodb' | 'streams'). */
  model: 'dynamodb' | 'streams';
  operations: Record<string, OperationHandler>;
}

export const DYNAMODB_TARGET = 'DynamoDB_20120810';
export const STREAMS_TARGET = 'DynamoDBStreams_20120810';

export function defaultTargets(): Record<string, TargetRegistration> {
  return {
    [DYNAMODB_TARGET]: { model: 'dynamodb', operations: dynamodbOperations },
    [STREAMS_TARGET]: { model: 'streams', operations: streamsOperations },
  };
}
