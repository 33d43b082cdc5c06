import { randomUUID } from 'node:crypto';
import { DynamoError } from '../../protocol/errors.js';
import type { OperationHandler } from '../../server/context.js';
import { tableArn } from '../tables/arn.js';
import { manager } from '../tables/manager.js';
import { checkImportMembers, checkImportRequest, importParams, type ImportRecord } from '../s3-jobs/import-request.js';
import { importDescription } from '../s3-jobs/job-shapes.js';
import { JOB_FAIL_AFTER_MS, newJobId, noSuchBucketMessage, startJob } from '../s3-jobs/job-store.js';
import { modelledInput } from '../s3-jobs/modelled.js';
import { canonical, objectMember } from '../s3-jobs/request-checks.js';

/**
 * ImportTable. Eddy has no S3, so every source bucket is one that does not exist, and the import is
 * what DynamoDB makes of that (DDB-IMPORT-012): 200 IN_PROGRESS with the new table's TableArn and
 * TableId, then FAILED with FailureCode S3NoSuchBucket 5.6 s after it started, and no table is ever
 * created (DescribeTable answers not found throughout; DescribeImport keeps the dangling ARN and
 * id). The name is not reserved meanwhile: other imports and CreateTable may take it (DDB-IMPORT-018).
 *
 * Order (DDB-IMPORT-017, DDB-IMPORT-019): the request checks, then a table that exists under the
 * name, whatever its status, is ResourceInUseException "Table already exists: <name>" (before the
 * client token is looked at), then the token: the same parameters (a changed S3KeyPrefix included,
 * it is ignored) give back that import in its current state, others are ImportConflictException.
 */
export const handler: OperationHandler = async (ctx, raw) => {
  const input = modelledInput('ImportTable', raw);
  checkImportMembers(input);
  checkImportRequest(input, ctx.region);
  const params = objectMember(input.TableCreationParameters) ?? {};
  const name = params.TableName as string;
  if (await manager(ctx).find(ctx, name)) throw DynamoError.resourceInUse(`Table already exists: ${name}`);
  const now = ctx.services.clock.now();
  const source = objectMember(input.S3BucketSource) ?? {};
  const options = objectMember(input.InputFormatOptions);
  const arn = tableArn(ctx.region, ctx.account, name);
  const rec: ImportRecord = {
    kind: 'import',
    arn: `${arn}/import/${newJobId(now)}`,
    namespace: ctx.namespace,
    account: ctx.account,
    region: ctx.region,
    tableName: name,
    tableArn: arn,
    tableId: randomUUID(),
    clientToken: typeof input.ClientToken === 'string' ? input.ClientToken : randomUUID(),
    params: canonical(importParams(input)),
    startTime: now,
    failAt: now + JOB_FAIL_AFTER_MS,
    failureMessage: noSuchBucketMessage(),
    s3Bucket: source.S3Bucket as string,
    s3BucketOwner: typeof source.S3BucketOwner === 'string' ? source.S3BucketOwner : ctx.account,
    ...(typeof source.S3KeyPrefix === 'string' ? { s3KeyPrefix: source.S3KeyPrefix } : {}),
    inputFormat: input.InputFormat as string,
    ...(options && Object.keys(options).length > 0 ? { inputFormatOptions: options } : {}),
    compression: typeof input.InputCompressionType === 'string' ? input.InputCompressionType : 'NONE',
    tableCreationParameters: params,
  };
  const job = await startJob(ctx.services.engine, rec, now);
  return { ImportTableDescription: importDescription(job, now) };
};
