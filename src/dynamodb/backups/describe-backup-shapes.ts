import { keySchema } from '../tables/describe.js';
import type { IndexDef, TableDef } from '../tables/table-types.js';
import { vectorIndexInfo } from '../vectors/vector-describe.js';
import type { BackupRecord } from './backup-store.js';

/** Wire shapes of backups (BackupDescription, BackupSummary) and of RestoreSummary. */

const seconds = (ms: number): number => ms / 1000;

function projection(i: IndexDef): Record<string, unknown> {
  const p: Record<string, unknown> = { ProjectionType: i.projection.type };
  if (i.projection.nonKeyAttributes) p.NonKeyAttributes = [...i.projection.nonKeyAttributes];
  return p;
}

export function backupDetails(rec: BackupRecord, status = rec.status): Record<string, unknown> {
  const out: Record<string, unknown> = {
    BackupArn: rec.arn,
    BackupName: rec.name,
    BackupSizeBytes: rec.sizeBytes ?? 0,
    BackupStatus: status,
    BackupType: rec.type,
    BackupCreationDateTime: seconds(rec.createdAt),
  };
  if (rec.expiresAt !== undefined) out.BackupExpiryDateTime = seconds(rec.expiresAt);
  return out;
}

function throughput(def: TableDef, p: { read: number; write: number } | undefined): Record<string, number> {
  const pay = def.billingMode === 'PAY_PER_REQUEST';
  return { ReadCapacityUnits: pay ? 0 : (p?.read ?? 0), WriteCapacityUnits: pay ? 0 : (p?.write ?? 0) };
}

export function sourceTableDetails(rec: BackupRecord): Record<string, unknown> {
  const t = rec.source;
  const out: Record<string, unknown> = {
    TableName: t.name,
    TableId: t.tableId,
    TableArn: t.arn,
    TableSizeBytes: rec.sizeBytes ?? 0,
    KeySchema: keySchema(t.key),
    TableCreationDateTime: seconds(t.createdAt),
    ProvisionedThroughput: throughput(t, t.provisioned),
    ItemCount: rec.itemCount ?? 0,
    BillingMode: t.billingMode,
  };
  if (t.onDemand) out.OnDemandThroughput = { MaxReadRequestUnits: t.onDemand.maxRead, MaxWriteRequestUnits: t.onDemand.maxWrite };
  return out;
}

export function sourceTableFeatureDetails(rec: BackupRecord): Record<string, unknown> {
  const t = rec.source;
  const out: Record<string, unknown> = {};
  if (t.lsis.length) {
    out.LocalSecondaryIndexes = t.lsis.map((i) => ({ IndexName: i.name, KeySchema: keySchema(i.key), Projection: projection(i) }));
  }
  if (t.gsis.length) {
    out.GlobalSecondaryIndexes = t.gsis.map((i) => ({
      IndexName: i.name,
      KeySchema: keySchema(i.key),
      Projection: projection(i),
      ProvisionedThroughput: throughput(t, i.provisioned),
    }));
  }
  if (t.stream?.enabled) out.StreamDescription = { StreamEnabled: true, StreamViewType: t.stream.viewType };
  if (t.ttl) out.TimeToLiveDescription = { TimeToLiveStatus: t.ttl.status, AttributeName: t.ttl.attributeName };
  if (t.sse?.enabled) {
    const sse: Record<string, unknown> = { Status: 'ENABLED', SSEType: t.sse.type ?? 'KMS' };
    if (t.sse.kmsKeyArn) sse.KMSMasterKeyArn = t.sse.kmsKeyArn;
    out.SSEDescription = sse;
  }
  // VectorIndexInfo: the index's definition at the backup point (AWS SDK model, SourceTableFeatureDetails.VectorIndexes).
  if (t.vectorIndexes?.length) out.VectorIndexes = t.vectorIndexes.map(vectorIndexInfo);
  return out;
}

export function backupDescription(rec: BackupRecord, status = rec.status): Record<string, unknown> {
  return {
    BackupDetails: backupDetails(rec, status),
    SourceTableDetails: sourceTableDetails(rec),
    SourceTableFeatureDetails: sourceTableFeatureDetails(rec),
  };
}

export function backupSummary(rec: BackupRecord): Record<string, unknown> {
  return {
    TableName: rec.source.name,
    TableId: rec.source.tableId,
    TableArn: rec.source.arn,
    BackupArn: rec.arn,
    BackupName: rec.name,
    BackupCreationDateTime: seconds(rec.createdAt),
    ...(rec.expiresAt !== undefined ? { BackupExpiryDateTime: seconds(rec.expiresAt) } : {}),
    BackupStatus: rec.status,
    BackupType: rec.type,
    BackupSizeBytes: rec.sizeBytes ?? 0,
  };
}

/** TableDescription.RestoreSummary of a restored table (describe.ts may add it for DescribeTable). */
export function restoreSummary(def: TableDef, inProgress = def.restore?.inProgress): Record<string, unknown> | undefined {
  const r = def.restore;
  if (!r) return undefined;
  const out: Record<string, unknown> = {};
  if (r.sourceBackupArn) out.SourceBackupArn = r.sourceBackupArn;
  out.SourceTableArn = r.sourceTableArn;
  out.RestoreDateTime = seconds(r.restoreDateTime);
  out.RestoreInProgress = inProgress ?? false;
  return out;
}
