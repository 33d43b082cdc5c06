import { DynamoError } from '../../protocol/errors.js';
import { checkCreateQuotas } from '../tables/capacity-quotas.js';
import { validateCreateTable, type CreateTableInput } from '../tables/create-validate.js';
import type { JobRecord } from './job-store.js';
import { COMPRESSION_TYPES, INPUT_FORMATS, JobConstraints, objectMember } from './request-checks.js';

/**
 * The checks of ImportTable before a job is started, with the texts of live DynamoDB
 * (ack-api-quirks, October 2026, DDB-IMPORT-009): the member constraints, options that do not fit
 * the input format, then TableCreationParameters checked as CreateTable checks its input (the
 * recorded billing and on-demand texts are CreateTable's).
 */
export interface ImportRecord extends JobRecord {
  kind: 'import';
  account: string;
  region: string;
  tableName: string;
  s3Bucket: string;
  /** Back-filled with the caller's account when not sent (DDB-IMPORT-003). */
  s3BucketOwner: string;
  s3KeyPrefix?: string;
  inputFormat: string;
  inputFormatOptions?: Record<string, unknown>;
  compression: string;
  /** As sent (DescribeImport echoes it verbatim, DDB-IMPORT-004). */
  tableCreationParameters: Record<string, unknown>;
}

/** The member constraints, listed together in the model's member order. */
export function checkImportMembers(input: Record<string, unknown>): void {
  const errors = new JobConstraints();
  errors.clientToken(input.ClientToken);
  const source = objectMember(input.S3BucketSource);
  errors.owner(source?.S3BucketOwner, 's3BucketSource.s3BucketOwner');
  errors.bucket(source?.S3Bucket, 's3BucketSource.s3Bucket');
  errors.length(source?.S3KeyPrefix, 's3BucketSource.s3KeyPrefix', undefined, 1024);
  errors.oneOf(input.InputFormat, 'inputFormat', INPUT_FORMATS);
  const csv = objectMember(objectMember(input.InputFormatOptions)?.Csv);
  errors.delimiter(csv?.Delimiter, 'inputFormatOptions.csv.delimiter');
  errors.listLength(csv?.HeaderList, 'inputFormatOptions.csv.headerList', 1, 255);
  errors.oneOf(input.InputCompressionType, 'inputCompressionType', COMPRESSION_TYPES);
  errors.throwIfAny();
}

/** Options for another format; then the table as CreateTable would check it. */
export function checkImportRequest(input: Record<string, unknown>, region: string): void {
  const options = objectMember(input.InputFormatOptions);
  if (options?.Csv !== undefined && input.InputFormat !== 'CSV') {
    throw DynamoError.validation(`Invalid Request: Unsupported InputFormatOptions for the given input format: ${String(input.InputFormat)}.`);
  }
  const table = tableInput(input);
  checkOnDemandOfProvisioned(table);
  validateCreateTable(table);
  checkCreateQuotas(table, region);
}

/**
 * OnDemandThroughput on a PROVISIONED table: ImportTable's own wording ("when table BillingMode is
 * PROVISIONED." where CreateTable says "when the table ... PROVISIONED"), recorded naming
 * MaxWriteRequestUnits (DDB-IMPORT-009); which unit is named when both are sent is unrecorded. Made
 * where CreateTable's check comes: after a missing ProvisionedThroughput.
 */
function checkOnDemandOfProvisioned(table: CreateTableInput): void {
  const od = table.OnDemandThroughput;
  if (!od || (table.BillingMode ?? 'PROVISIONED') !== 'PROVISIONED' || !table.ProvisionedThroughput) return;
  const unit = od.MaxWriteRequestUnits !== undefined ? 'MaxWriteRequestUnits' : od.MaxReadRequestUnits !== undefined ? 'MaxReadRequestUnits' : undefined;
  if (unit) throw DynamoError.validation(`One or more parameter values were invalid: ${unit} for OnDemandThroughput cannot be specified when table BillingMode is PROVISIONED.`);
}

/** TableCreationParameters as a CreateTable input (the members it has; BillingMode defaults to PROVISIONED). */
function tableInput(input: Record<string, unknown>): CreateTableInput {
  const p = objectMember(input.TableCreationParameters) ?? {};
  const members = ['TableName', 'AttributeDefinitions', 'KeySchema', 'BillingMode', 'ProvisionedThroughput', 'OnDemandThroughput', 'SSESpecification', 'GlobalSecondaryIndexes'];
  const out: Record<string, unknown> = {};
  for (const m of members) if (p[m] !== undefined) out[m] = p[m];
  return out as unknown as CreateTableInput;
}

/** The parameters a replay under the same client token must repeat: all but S3KeyPrefix (DDB-IMPORT-017). */
export function importParams(input: Record<string, unknown>): Record<string, unknown> {
  const source = { ...objectMember(input.S3BucketSource) };
  delete source.S3KeyPrefix;
  const { ClientToken: _token, ...rest } = input;
  return { ...rest, S3BucketSource: source };
}
