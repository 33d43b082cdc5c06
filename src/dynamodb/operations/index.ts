import type { OperationHandler } from '../../server/context.js';
import { handler as putItem } from './put-item.js';
import { handler as getItem } from './get-item.js';
import { handler as updateItem } from './update-item.js';
import { handler as deleteItem } from './delete-item.js';
import { handler as query } from './query.js';
import { handler as scan } from './scan.js';
import { handler as batchGetItem } from './batch-get-item.js';
import { handler as batchWriteItem } from './batch-write-item.js';
import { handler as transactWriteItems } from './transact-write-items.js';
import { handler as transactGetItems } from './transact-get-items.js';

/**
 * The DynamoDB operation registry: `X-Amz-Target: DynamoDB_20120810.<Name>` → handler.
 * Each operation module adds its own import and entry line here; keep one entry per line.
 * Inputs reach handlers after the generic shape checks of the API model (protocol/shape-validate.ts).
 */
export const dynamodbOperations: Record<string, OperationHandler> = {
  PutItem: putItem,
  GetItem: getItem,
  UpdateItem: updateItem,
  DeleteItem: deleteItem,
  Query: query,
  Scan: scan,
  BatchGetItem: batchGetItem,
  BatchWriteItem: batchWriteItem,
  TransactWriteItems: transactWriteItems,
  TransactGetItems: transactGetItems,
};
