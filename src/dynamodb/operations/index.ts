import type { OperationHandler } from '../../server/context.js';
import { handler as putItem } from './put-item.js';
import { handler as getItem } from './get-item.js';
import { handler as updateItem } from './update-item.js';
import { handler as deleteItem } from './delete-item.js';

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
};
