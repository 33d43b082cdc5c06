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
import { handler as executeStatement } from './execute-statement.js';
import { handler as batchExecuteStatement } from './batch-execute-statement.js';
import { handler as executeTransaction } from './execute-transaction.js';
import { handler as createTable } from './create-table.js';
import { handler as describeTable } from './describe-table.js';
import { handler as listTables } from './list-tables.js';
import { handler as deleteTable } from './delete-table.js';
import { handler as updateTable } from './update-table.js';
import { handler as describeEndpoints } from './describe-endpoints.js';
import { handler as describeLimits } from './describe-limits.js';
import { handler as tagResource } from './tag-resource.js';
import { handler as untagResource } from './untag-resource.js';
import { handler as listTagsOfResource } from './list-tags-of-resource.js';
import { handler as updateTimeToLive } from './update-time-to-live.js';
import { handler as describeTimeToLive } from './describe-time-to-live.js';
import { handler as createBackup } from './create-backup.js';
import { handler as describeBackup } from './describe-backup.js';
import { handler as listBackups } from './list-backups.js';
import { handler as deleteBackup } from './delete-backup.js';
import { handler as restoreTableFromBackup } from './restore-table-from-backup.js';
import { handler as updateContinuousBackups } from './update-continuous-backups.js';
import { handler as describeContinuousBackups } from './describe-continuous-backups.js';
import { handler as restoreTableToPointInTime } from './restore-table-to-point-in-time.js';
import { handler as searchVectors } from './search-vectors.js';
import { handler as putResourcePolicy } from './put-resource-policy.js';
import { handler as getResourcePolicy } from './get-resource-policy.js';
import { handler as deleteResourcePolicy } from './delete-resource-policy.js';
import { handler as describeContributorInsights } from './describe-contributor-insights.js';
import { handler as updateContributorInsights } from './update-contributor-insights.js';
import { handler as listContributorInsights } from './list-contributor-insights.js';
import { createGlobalTable, describeGlobalTable, listGlobalTables, missingGlobalTable, updateGlobalTable } from './global-tables-legacy.js';
import { describeKinesisStreamingDestination, disableKinesisStreamingDestination, updateKinesisStreamingDestination } from './kinesis-streaming-destination.js';
import { describeExport, describeImport, listExports, listImports } from './exports-imports.js';
import { enableKinesisStreamingDestination } from './kinesis-streaming-destination.js';
import { handler as exportTableToPointInTime } from './export-table-to-point-in-time.js';
import { handler as importTable } from './import-table.js';

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
  ExecuteStatement: executeStatement,
  BatchExecuteStatement: batchExecuteStatement,
  ExecuteTransaction: executeTransaction,
  CreateTable: createTable,
  DescribeTable: describeTable,
  ListTables: listTables,
  DeleteTable: deleteTable,
  UpdateTable: updateTable,
  DescribeEndpoints: describeEndpoints,
  DescribeLimits: describeLimits,
  TagResource: tagResource,
  UntagResource: untagResource,
  ListTagsOfResource: listTagsOfResource,
  UpdateTimeToLive: updateTimeToLive,
  DescribeTimeToLive: describeTimeToLive,
  CreateBackup: createBackup,
  DescribeBackup: describeBackup,
  ListBackups: listBackups,
  DeleteBackup: deleteBackup,
  RestoreTableFromBackup: restoreTableFromBackup,
  UpdateContinuousBackups: updateContinuousBackups,
  DescribeContinuousBackups: describeContinuousBackups,
  RestoreTableToPointInTime: restoreTableToPointInTime,
  SearchVectors: searchVectors,
  PutResourcePolicy: putResourcePolicy,
  GetResourcePolicy: getResourcePolicy,
  DeleteResourcePolicy: deleteResourcePolicy,
  DescribeContributorInsights: describeContributorInsights,
  UpdateContributorInsights: updateContributorInsights,
  ListContributorInsights: listContributorInsights,
  CreateGlobalTable: createGlobalTable,
  UpdateGlobalTable: updateGlobalTable,
  DescribeGlobalTable: describeGlobalTable,
  DescribeGlobalTableSettings: missingGlobalTable,
  UpdateGlobalTableSettings: missingGlobalTable,
  ListGlobalTables: listGlobalTables,
  DescribeKinesisStreamingDestination: describeKinesisStreamingDestination,
  DisableKinesisStreamingDestination: disableKinesisStreamingDestination,
  UpdateKinesisStreamingDestination: updateKinesisStreamingDestination,
  ListExports: listExports,
  ListImports: listImports,
  DescribeExport: describeExport,
  DescribeImport: describeImport,
  EnableKinesisStreamingDestination: enableKinesisStreamingDestination,
  ExportTableToPointInTime: exportTableToPointInTime,
  ImportTable: importTable,
};
