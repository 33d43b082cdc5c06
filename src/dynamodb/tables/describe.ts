import type { SpaceStats, StorageEngine } from '../../storage/engine.js';
import { decreasesToday } from './transitions.js';
import { describeVectorIndex } from '../vectors/vector-describe.js';
import type { IndexDef, KeySchemaDef, ProvisionedThroughputDef, TableDef } from './table-types.js';

/** Sizes and counts of a table's item space and of each index space (by index name). */
export interface TableStats {
  table: SpaceStats;
  indexes: Record<string, SpaceStats>;
}

export async function loadTableStats(engine: StorageEngine, def: TableDef): Promise<TableStats> {
  const indexes: Record<string, SpaceStats> = {};
  for (const index of [...def.lsis, ...def.gsis]) indexes[index.name] = await engine.stats(index.space);
  return { table: await engine.stats(def.space), indexes };
}

export interface DescribeOptions {
  /** For NumberOfDecreasesToday (decreases of earlier days do not count); default: as stored. */
  now?: number;
  /**
   * DeleteTable's description: DynamoDB leaves out KeySchema, AttributeDefinitions,
   * CreationDateTime and the index lists there (alternator test_table.py::test_delete_table_description*).
   */
  forDelete?: boolean;
  /** Shown instead of the stored status (e.g. UPDATING for a no-op BillingMode re-send). */
  status?: string;
}

/** DynamoDB's default warm throughput of every table and GSI. */
export const DEFAULT_WARM_READ = 12000;
export const DEFAULT_WARM_WRITE = 4000;

export function keySchema(key: KeySchemaDef): { AttributeName: string; KeyType: 'HASH' | 'RANGE' }[] {
  const out: { AttributeName: string; KeyType: 'HASH' | 'RANGE' }[] = [
    { AttributeName: key.hash.name, KeyType: 'HASH' },
  ];
  for (const a of key.moreHash ?? []) out.push({ AttributeName: a.name, KeyType: 'HASH' });
  if (key.range) out.push({ AttributeName: key.range.name, KeyType: 'RANGE' });
  for (const a of key.moreRange ?? []) out.push({ AttributeName: a.name, KeyType: 'RANGE' });
  return out;
}

function seconds(ms: number): number {
  return ms / 1000;
}

function throughput(p: ProvisionedThroughputDef | undefined, now: number | undefined): Record<string, unknown> {
  const pt = p ?? { read: 0, write: 0, decreasesToday: 0 };
  const out: Record<string, unknown> = {};
  if (pt.lastIncrease !== undefined) out.LastIncreaseDateTime = seconds(pt.lastIncrease);
  if (pt.lastDecrease !== undefined) out.LastDecreaseDateTime = seconds(pt.lastDecrease);
  out.NumberOfDecreasesToday = now === undefined ? pt.decreasesToday : decreasesToday(pt, now);
  out.ReadCapacityUnits = pt.read;
  out.WriteCapacityUnits = pt.write;
  return out;
}

function byCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function projection(index: IndexDef): Record<string, unknown> {
  const out: Record<string, unknown> = { ProjectionType: index.projection.type };
  if (index.projection.nonKeyAttributes) out.NonKeyAttributes = [...index.projection.nonKeyAttributes].sort(byCodeUnits);
  return out;
}

function onDemand(o: { maxRead?: number; maxWrite?: number } | undefined): Record<string, number> | undefined {
  if (!o) return undefined;
  // A cleared limit (-1) is not described; with none left the structure is absent (DDB-TABLE-182).
  const out: Record<string, number> = {};
  if (o.maxRead !== undefined && o.maxRead !== -1) out.MaxReadRequestUnits = o.maxRead;
  if (o.maxWrite !== undefined && o.maxWrite !== -1) out.MaxWriteRequestUnits = o.maxWrite;
  return Object.keys(out).length > 0 ? out : undefined;
}

function warm(w: { read?: number; write?: number; status?: string } | undefined): Record<string, unknown> {
  return {
    ReadUnitsPerSecond: w?.read ?? DEFAULT_WARM_READ,
    WriteUnitsPerSecond: w?.write ?? DEFAULT_WARM_WRITE,
    Status: w?.status ?? 'ACTIVE',
  };
}

function describeIndex(def: TableDef, index: IndexDef, stats: TableStats | undefined, now?: number): Record<string, unknown> {
  const s = stats?.indexes[index.name];
  const out: Record<string, unknown> = {
    IndexName: index.name,
    KeySchema: keySchema(index.key),
    Projection: projection(index),
  };
  if (index.kind === 'GSI') {
    out.IndexStatus = index.status;
    if (index.backfilling !== undefined) out.Backfilling = index.backfilling;
    out.ProvisionedThroughput = throughput(def.billingMode === 'PAY_PER_REQUEST' ? undefined : index.provisioned, now);
  }
  out.IndexSizeBytes = s?.bytes ?? 0;
  out.ItemCount = s?.items ?? 0;
  out.IndexArn = index.arn;
  if (index.kind === 'GSI') {
    const od = onDemand(index.onDemand);
    if (od) out.OnDemandThroughput = od;
    out.WarmThroughput = warm({ ...index.warm, status: index.status === 'ACTIVE' ? 'ACTIVE' : index.status });
  }
  return out;
}

/**
 * A throughput change of indexes only leaves the table ACTIVE to the caller while those indexes
 * are UPDATING (live DynamoDB, October 2026: ack-api-quirks DDB-TABLE-165); Eddy keeps the table
 * UPDATING inside, for admission and for the deferred values.
 */
export function shownStatus(def: TableDef): string {
  const u = def.updating;
  if (def.status === 'UPDATING' && u?.kind === 'throughput' && !u.provisioned && u.gsiProvisioned) return 'ACTIVE';
  return def.status;
}

/** The TableDescription DynamoDB returns for a table (DescribeTable, CreateTable, UpdateTable, DeleteTable). */
export function describeTable(def: TableDef, stats?: TableStats, opts: DescribeOptions = {}): Record<string, unknown> {
  const d: Record<string, unknown> = {};
  // Sorted by name, as are an index's NonKeyAttributes; index lists keep their order (live
  // DynamoDB, October 2026: ack-api-quirks DDB-TABLE-125, DDB-TABLE-151).
  if (!opts.forDelete) d.AttributeDefinitions = def.attributeDefinitions.map((a) => ({ ...a })).sort((a, b) => byCodeUnits(a.AttributeName, b.AttributeName));
  d.TableName = def.name;
  if (!opts.forDelete) d.KeySchema = keySchema(def.key);
  d.TableStatus = opts.status ?? shownStatus(def);
  if (!opts.forDelete) d.CreationDateTime = seconds(def.createdAt);
  d.ProvisionedThroughput = throughput(def.billingMode === 'PAY_PER_REQUEST' ? undefined : def.provisioned, opts.now);
  d.TableSizeBytes = stats?.table.bytes ?? 0;
  d.ItemCount = stats?.table.items ?? 0;
  d.TableArn = def.arn;
  d.TableId = def.tableId;
  if (def.billingMode === 'PAY_PER_REQUEST' || def.lastUpdateToPayPerRequest !== undefined) {
    const summary: Record<string, unknown> = { BillingMode: def.billingMode };
    if (def.lastUpdateToPayPerRequest !== undefined) {
      summary.LastUpdateToPayPerRequestDateTime = seconds(def.lastUpdateToPayPerRequest);
    }
    d.BillingModeSummary = summary;
    // A member newer than the API model: every description that has BillingModeSummary also has
    // this copy of it (DynamoDB's raw DescribeTable JSON in the AWS SDK for Java migration guide,
    // us-east-1; ExtendDB PR 320, measured 2026-08-21; dynalite's tests).
    d.TableThroughputModeSummary = throughputModeSummary(summary);
  }
  if (!opts.forDelete && def.lsis.length) d.LocalSecondaryIndexes = def.lsis.map((i) => describeIndex(def, i, stats, opts.now));
  if (!opts.forDelete && def.gsis.length) d.GlobalSecondaryIndexes = def.gsis.map((i) => describeIndex(def, i, stats, opts.now));
  if (!opts.forDelete && def.vectorIndexes?.length) d.VectorIndexes = def.vectorIndexes.map((v) => describeVectorIndex(def, v, d.TableStatus as string, opts.now));
  if (def.stream?.enabled) d.StreamSpecification = { StreamEnabled: true, StreamViewType: def.stream.viewType };
  const latest = def.stream ?? def.previousStreams?.[def.previousStreams.length - 1];
  if (latest) {
    d.LatestStreamLabel = latest.label;
    d.LatestStreamArn = latest.arn;
  }
  if (def.sse?.enabled) {
    const sse: Record<string, unknown> = { Status: 'ENABLED', SSEType: def.sse.type ?? 'KMS' };
    if (def.sse.kmsKeyArn) sse.KMSMasterKeyArn = def.sse.kmsKeyArn;
    d.SSEDescription = sse;
  }
  if (def.tableClassExplicit) {
    const tc: Record<string, unknown> = { TableClass: def.tableClass };
    if (def.tableClassUpdatedAt !== undefined) tc.LastUpdateDateTime = seconds(def.tableClassUpdatedAt);
    d.TableClassSummary = tc;
  }
  d.DeletionProtectionEnabled = def.deletionProtection;
  const od = onDemand(def.onDemand);
  if (od) d.OnDemandThroughput = od;
  d.WarmThroughput = warm(def.warm);
  return d;
}

/** TableThroughputModeSummary: BillingModeSummary under other member names. */
function throughputModeSummary(billing: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { TableThroughputMode: billing.BillingMode };
  if (billing.LastUpdateToPayPerRequestDateTime !== undefined) out.LastUpdateToPayPerRequestDateTime = billing.LastUpdateToPayPerRequestDateTime;
  return out;
}
