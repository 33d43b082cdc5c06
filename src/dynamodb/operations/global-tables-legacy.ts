import { DynamoError } from '../../protocol/errors.js';
import type { OperationHandler } from '../../server/context.js';

/**
 * The global tables API of version 2017.11.29 (CreateGlobalTable and friends). DynamoDB no longer
 * lets anyone create such a global table, so it refuses CreateGlobalTable (and an UpdateGlobalTable
 * that creates a replica), finds no global table of that version under any name, and lists none.
 * Texts of live DynamoDB, October 2026 (ack-api-quirks DDB-GLOBALTABLE-001/002, DDB-TABLE-442,
 * DDB-TABLE-457); earlier recordings (ScyllaDB alternator's test_global_tables.py) had no
 * "One or more parameter values were invalid: " prefix and no colon after "name".
 */
const LEGACY_NOT_SUPPORTED =
  'One or more parameter values were invalid: DynamoDB global tables version 2017.11.29 is not supported. We recommend using DynamoDB global tables version 2019.11.21, instead of version 2017.11.29 (Legacy).';

function notFound(input: Record<string, unknown>): DynamoError {
  const name = typeof input.GlobalTableName === 'string' ? input.GlobalTableName : '';
  return DynamoError.service('GlobalTableNotFoundException', `Global table with name: '${name}' does not exist.`);
}

/** A GlobalTableName of the wrong length gets the stand-alone table-name text (DDB-TABLE-457). */
function checkName(input: Record<string, unknown>): void {
  const name = input.GlobalTableName;
  if (typeof name === 'string' && (name.length < 3 || name.length > 255)) {
    throw DynamoError.validation('TableName must be at least 3 characters long and at most 255 characters long');
  }
}

export const createGlobalTable: OperationHandler = async () => {
  throw DynamoError.validation(LEGACY_NOT_SUPPORTED);
};

export const missingGlobalTable: OperationHandler = async (_ctx, input) => {
  checkName(input);
  throw notFound(input);
};

/** DescribeGlobalTable's not-found text has a lead of its own (DDB-GLOBALTABLE-004). */
export const describeGlobalTable: OperationHandler = async (_ctx, input) => {
  checkName(input);
  const name = typeof input.GlobalTableName === 'string' ? input.GlobalTableName : '';
  throw DynamoError.service('GlobalTableNotFoundException', `Global table not found: Global table with name: '${name}' does not exist.`);
};

export const updateGlobalTable: OperationHandler = async (_ctx, input) => {
  const updates = Array.isArray(input.ReplicaUpdates) ? (input.ReplicaUpdates as Record<string, unknown>[]) : [];
  // An empty list, or an update naming no action, is refused without detail; a Create is the
  // retired version's.
  if (updates.length === 0 || updates.some((u) => u === null || typeof u !== 'object' || (u.Create === undefined && u.Delete === undefined))) {
    throw DynamoError.validation('One or more parameter values were invalid');
  }
  if (updates.some((u) => u.Create !== undefined)) throw DynamoError.validation(LEGACY_NOT_SUPPORTED);
  checkName(input);
  throw notFound(input);
};

export const listGlobalTables: OperationHandler = async () => ({ GlobalTables: [] });
