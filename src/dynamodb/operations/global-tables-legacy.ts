import { DynamoError } from '../../protocol/errors.js';
import type { OperationHandler } from '../../server/context.js';

/**
 * The global tables API of version 2017.11.29 (CreateGlobalTable and friends). DynamoDB no longer
 * lets anyone create such a global table, so it refuses CreateGlobalTable, finds no global table of
 * that version under any name, and lists none. Texts recorded by ScyllaDB alternator's
 * test_global_tables.py against AWS.
 */
const LEGACY_NOT_SUPPORTED =
  'DynamoDB global tables version 2017.11.29 is not supported. We recommend using DynamoDB global tables version 2019.11.21, instead of version 2017.11.29 (Legacy).';

function notFound(input: Record<string, unknown>): DynamoError {
  const name = typeof input.GlobalTableName === 'string' ? input.GlobalTableName : '';
  return DynamoError.service('GlobalTableNotFoundException', `Global table with name '${name}' does not exist.`);
}

export const createGlobalTable: OperationHandler = async () => {
  throw DynamoError.validation(LEGACY_NOT_SUPPORTED);
};

export const missingGlobalTable: OperationHandler = async (_ctx, input) => {
  throw notFound(input);
};

export const listGlobalTables: OperationHandler = async () => ({ GlobalTables: [] });
