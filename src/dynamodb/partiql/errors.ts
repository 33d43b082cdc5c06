/**
 * DynamoDB's PartiQL error messages. Sources: DynamoDB Local's message table and conformance
 * suites pinned against live DynamoDB (see the report / docs/compatibility.md for the unverified ones).
 */
import { DynamoError } from '../../protocol/errors.js';

export const NOT_WELL_FORMED = "Statement wasn't well formed, can't be processed: ";

export const PQ = {
  leftover: 'Unexpected token after expression',
  unexpectedTerm: 'Unexpected term',
  unexpectedKeyword: 'Unexpected keyword',
  unexpectedOperator: 'Unexpected operator',
  missingRhs: 'Missing right-hand side expression of infix operator',
  expectedIdentifier: 'Expected identifier for simple path',
  expectedTypeName: 'Expected type name',
  expectedDml: 'Expected data manipulation',
  aliasing: 'Aliasing is not supported',
  incompleteKey: 'Where clause does not contain a mandatory equality on all key attributes',
  notOnIndex: 'This operation is not supported on an index',
  dmlInvalidFrom: 'FROM clause may only contain a single table name in data manipulation statements',
  unexpectedFromSource: 'Unexpected from source',
  consistentGsi: 'Strongly consistent read is not supported on Global Secondary Indexes',
  emptyComponent: 'Path component cannot be an empty string',
  tooManyComponents: 'A path may contain at most 2 components in the FROM clause',
  noSuchIndex: 'The table does not have the specified index',
  // A vector index named in FROM (live DynamoDB, conformance suite vectorSearch/partiql).
  vectorIndex: 'Scan operation not supported on this index type',
  invalidNextToken: 'Invalid NextToken',
  tokenMismatch: 'NextToken does not match request',
  duplicateItem: 'Duplicate primary key exists in table',
  emptyBag: 'Empty bags are not supported',
  bagType: 'Unsupported data type in Bag. DynamoDB only supports either numbers or strings in bags',
  countUnsupported: 'Unsupported operation: COUNT',
  multiAttributeIndex: 'PartiQL statements cannot be executed on tables with multi-attribute HASH keys or multi-attribute RANGE keys.',
  paramCount: "Number of parameters in request and statement don't match.",
  starAndOthers: "Other attributes should not be present in the projection when '*' is used.",
  existsOutsideTx: 'EXISTS can only be used in ExecuteTransaction write requests.',
  existsShape: 'EXISTS() must contain a single item read with additional condition',
  missingCompare: 'MISSING must be compared using IS operator',
  isInUpdate: 'IS operator is not supported in update expressions',
  insertReturning: 'RETURNING is not supported in INSERT',
  txReturning: 'RETURNING clause is not supported in ExecuteTransaction.',
  // Mixed reads and writes: DynamoDB Local's message table and dynoxide's eu-west-2 captures.
  batchMixed: 'Read and write requests together in the same batch is not supported.',
  txMixed: 'ExecuteTransaction API does not support both read and write operations in the same request.',
  txSelectKey: 'Select statements within ExecuteTransaction must specify the primary key in the where clause.',
  txIndexRead: 'Reads on indices are not supported within transactions.',
  txIndexOp: 'Operations on indices are not supported in transactions',
  batchSelectKey: 'Select statements within BatchExecuteStatement must specify the primary key in the where clause.',
  orderByNeedsWhere: 'Must have WHERE clause in the statement when using ORDER BY clause.',
  orderByNeedsHash: 'Must have at least one non-optional hash key condition in WHERE clause when using ORDER BY clause.',
  overlapRange: 'Overlapping conditions with range keys are not supported in where clause',
  updateSetRemoveOnly: 'Only SET and REMOVE are supported in update expressions at this time',
  multipleInsert:
    'Unsupported operation: Inserting multiple items in a single statement is not supported, use "INSERT INTO tableName VALUE item" instead',
  itemSyntax:
    'Unsupported format in item expression. Please use struct format {...} to express item values for insert statement.',
} as const;

export function notWellFormed(detail = ''): DynamoError {
  return DynamoError.validation(`${NOT_WELL_FORMED}${detail}`);
}

export function pqError(message: string): DynamoError {
  return DynamoError.validation(message);
}

export const pqMessages = {
  multipleKeyConditions: (key: string) =>
    `Multiple conditions on same key ${key}. Only single item Update/Insert/Delete are supported`,
  keyAbsent: (key: string) => `Key attribute should be present in the item: Key ${key}`,
  keyTypeMismatch: (key: string) => `Key attribute's data type should match its data type in table's schema: Key ${key}`,
  keyNested: (key: string) =>
    `Key attributes must be scalars; list random access '[]' and map lookup '.' are not allowed: Key ${key}`,
  deleteReturning: (what: string) =>
    `Invalid returning clause: RETURNING ${what}. Only RETURNING ALL OLD * is allowed in DELETE statements.`,
  duplicateTupleKey: (key: string, under: string) => `Duplicate keys in tuple. Key: ${key} under ${under}`,
  unrecognizedFunction: (name: string) => `Unrecognized function: ${name}`,
  orderByAttribute: (name: string) => `Variable reference ${name} in ORDER BY clause must be part of the primary key`,
  duplicateSelect: (name: string) => `Duplicate identifiers in select clause: ${name}`,
  txValidation: (i: number, msg: string) => `Validation failed in TransactStatements[${i}]: ${msg}`,
  unsupportedOp: (op: string) => `Unsupported operation: ${op}`,
};
