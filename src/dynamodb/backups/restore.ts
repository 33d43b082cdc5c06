import type { RequestContext } from '../../server/context.js';
import type { KeyValue, StorageEngine, Write } from '../../storage/engine.js';
import { DynamoError } from '../../protocol/errors.js';
import { buildTableDef } from '../tables/build.js';
import { manager } from '../tables/manager.js';
import {
  validateCreateTable,
  type CreateTableInput,
  type IndexInput,
  type OnDemandInput,
  type SseSpecificationInput,
  type ThroughputInput,
} from '../tables/create-validate.js';
import { describeTable, keySchema } from '../tables/describe.js';
import { itemChangeWrites } from '../tables/item-writes.js';
import type { IndexDef, TableDef, TableRestoreDef } from '../tables/table-types.js';
import type { Item } from '../values/types.js';
import { vectorIndexInfo } from '../vectors/vector-describe.js';
import { checkVectorShapes } from '../vectors/vector-shape.js';
import { vectorModelErrors, vectorSchemaAttributes, type VectorIndexInput } from '../vectors/vector-validate.js';
import { restoreSummary } from './describe-backup-shapes.js';
import { validateRestoreOverrides } from './restore-overrides.js';
import { ConstraintErrors, tableAlreadyExists } from './validate.js';

/** The overrides RestoreTableFromBackup and RestoreTableToPointInTime accept. */
export interface RestoreOverrides {
  TargetTableName: string;
  BillingModeOverride?: string;
  ProvisionedThroughputOverride?: ThroughputInput;
  OnDemandThroughputOverride?: OnDemandInput;
  GlobalSecondaryIndexOverride?: IndexInput[];
  LocalSecondaryIndexOverride?: IndexInput[];
  SSESpecificationOverride?: SseSpecificationInput;
  /** Omitted: every vector index of the source is restored; [] restores none (AWS SDK model). */
  VectorIndexOverride?: VectorIndexInput[];
}

export function checkOverrideShapes(input: RestoreOverrides, errors: ConstraintErrors): void {
  checkVectorShapes(input as unknown as Record<string, unknown>);
  // A TargetTableName of the wrong length gets the stand-alone text, before the listing (live
  // DynamoDB, October 2026: ack-api-quirks DDB-TABLE-457, TargetTableName '').
  const target = input.TargetTableName;
  if (typeof target === 'string' && (target.length < 3 || target.length > 255)) {
    throw DynamoError.validation('TableName must be at least 3 characters long and at most 255 characters long');
  }
  errors.name(input.TargetTableName, 'targetTableName');
  errors.oneOf(input.BillingModeOverride, 'billingModeOverride', ['PROVISIONED', 'PAY_PER_REQUEST']);
  // The bundled API model predates VectorIndexOverride (a list of VectorIndex, as in CreateTable).
  if (Array.isArray(input.VectorIndexOverride)) errors.addTexts(vectorModelErrors(input.VectorIndexOverride, (i) => `vectorIndexOverride.${i}.member`));
}

function indexInput(source: TableDef, i: IndexDef, provisioned: boolean): IndexInput {
  const out: IndexInput = {
    IndexName: i.name,
    KeySchema: keySchema(i.key),
    Projection: { ProjectionType: i.projection.type, ...(i.projection.nonKeyAttributes ? { NonKeyAttributes: [...i.projection.nonKeyAttributes] } : {}) },
  };
  if (i.kind === 'GSI' && provisioned) {
    const p = source.billingMode === 'PROVISIONED' ? i.provisioned : undefined;
    out.ProvisionedThroughput = { ReadCapacityUnits: p?.read || 1, WriteCapacityUnits: p?.write || 1 };
  }
  return out;
}

function onDemandInput(od: NonNullable<TableDef['onDemand']>): OnDemandInput {
  const out: OnDemandInput = {};
  if (od.maxRead !== undefined) out.MaxReadRequestUnits = od.maxRead;
  if (od.maxWrite !== undefined) out.MaxWriteRequestUnits = od.maxWrite;
  return out;
}

/** CreateTable input of the restored table: the source's definition with the overrides applied. */
export function restoredTableInput(source: TableDef, o: RestoreOverrides): CreateTableInput {
  const billing = o.BillingModeOverride ?? source.billingMode;
  const provisioned = billing === 'PROVISIONED';
  const gsis = o.GlobalSecondaryIndexOverride ?? source.gsis.map((i) => indexInput(source, i, provisioned));
  const lsis = o.LocalSecondaryIndexOverride ?? source.lsis.map((i) => indexInput(source, i, provisioned));
  // Vector indexes come along unless overridden (AWS SDK model, RestoreTableFromBackupInput and
  // RestoreTableToPointInTimeInput.VectorIndexOverride: "If not specified, all vector indexes ... are restored").
  const vectors = o.VectorIndexOverride ?? (source.vectorIndexes ?? []).map(vectorIndexInfo);
  const used = new Set<string>([source.key.hash.name, ...(source.key.range ? [source.key.range.name] : [])]);
  for (const i of [...gsis, ...lsis]) for (const k of i.KeySchema ?? []) used.add(k.AttributeName);
  for (const name of vectorSchemaAttributes(vectors)) used.add(name);
  const input: CreateTableInput = {
    TableName: o.TargetTableName,
    AttributeDefinitions: source.attributeDefinitions.filter((a) => used.has(a.AttributeName)).map((a) => ({ ...a })),
    KeySchema: keySchema(source.key),
    BillingMode: billing,
  };
  if (provisioned) {
    input.ProvisionedThroughput = o.ProvisionedThroughputOverride ?? {
      ReadCapacityUnits: source.billingMode === 'PROVISIONED' ? source.provisioned.read : 1,
      WriteCapacityUnits: source.billingMode === 'PROVISIONED' ? source.provisioned.write : 1,
    };
  }
  if (gsis.length) input.GlobalSecondaryIndexes = gsis;
  if (lsis.length) input.LocalSecondaryIndexes = lsis;
  if (vectors.length) input.VectorIndexes = vectors;
  const sse = o.SSESpecificationOverride
    ?? (source.sse?.enabled ? { Enabled: true, SSEType: 'KMS', ...(source.sse.kmsKeyArn ? { KMSMasterKeyId: source.sse.kmsKeyArn } : {}) } : undefined);
  if (sse) input.SSESpecification = sse;
  // The table class is not restored (live DynamoDB, October 2026: ack-api-quirks DDB-TABLE-215).
  // The recorded on-demand maxima come along unless overridden (ack-api-quirks DDB-TABLE-215).
  const od = o.OnDemandThroughputOverride ?? (billing === 'PAY_PER_REQUEST' && source.onDemand ? onDemandInput(source.onDemand) : undefined);
  if (billing === 'PAY_PER_REQUEST' && od && (od.MaxReadRequestUnits !== undefined || od.MaxWriteRequestUnits !== undefined)) input.OnDemandThroughput = od;
  return input;
}

/**
 * Creates the target table in CREATING with no scheduled completion (so it cannot turn ACTIVE half
 * filled), fills it through the ordinary write path (base rows and index rows), then lets it become
 * ACTIVE after the usual status delay. Returns the CreateTable-like response.
 */
export async function restoreInto(
  ctx: RequestContext,
  source: TableDef,
  overrides: RestoreOverrides,
  restore: Omit<TableRestoreDef, 'inProgress'>,
  rows: () => AsyncIterable<KeyValue[]>,
): Promise<Record<string, unknown>> {
  const tables = manager(ctx);
  const name = overrides.TargetTableName;
  validateRestoreOverrides(source, overrides);
  const existing = await tables.find(ctx, name);
  // A target whose own restore from a backup is still CREATING is "in use" (live DynamoDB, October
  // 2026: ack-api-quirks DDB-TABLE-217, DDB-TABLE-457); any other existing table "already exists".
  if (existing?.status === 'CREATING' && existing.restore?.sourceBackupArn) {
    throw DynamoError.service('TableInUseException', `Table: ${name} is already being restored from backup: ${existing.restore.sourceBackupArn}`);
  }
  if (existing) throw tableAlreadyExists(name);
  const input = restoredTableInput(source, overrides);
  validateCreateTable(input);
  const now = ctx.services.clock.now();
  const def = buildTableDef(ctx, input, now, tables.statusDelayMs);
  delete def.pendingUntil;
  def.restore = { ...restore, inProgress: true };
  let stored: TableDef;
  try {
    stored = await tables.create(def);
  } catch (err) {
    if (err instanceof DynamoError && err.code === 'ResourceInUseException') throw tableAlreadyExists(name);
    throw err;
  }
  await fillTable(ctx.services.engine, stored, rows(), now);
  const { after } = await tables.mutate(ctx, name, (d, at) => {
    d.pendingUntil = at + tables.statusDelayMs;
    if (d.restore) d.restore.inProgress = false;
    return d;
  });
  const description = describeTable(after, undefined, { status: 'CREATING' });
  description.RestoreSummary = restoreSummary(after, true);
  return { TableDescription: description };
}

async function fillTable(engine: StorageEngine, target: TableDef, chunks: AsyncIterable<KeyValue[]>, now: number): Promise<void> {
  for await (const rows of chunks) {
    if (rows.length === 0) continue;
    const writes: Write[] = [];
    for (const row of rows) {
      const newItem = JSON.parse(row.value) as Item;
      writes.push(...itemChangeWrites(target, { key: row.key, oldItem: undefined, newItem }, { now }).writes);
    }
    await engine.atomic({ reads: [], apply: () => ({ writes, result: undefined }) });
  }
}

/** The rows of one space in bounded chunks. */
export async function* spaceRows(engine: StorageEngine, space: string, chunk = 500): AsyncGenerator<KeyValue[]> {
  let start: Uint8Array | undefined;
  for (;;) {
    const rows = await engine.range({ space, ...(start ? { start, startExclusive: true } : {}), limit: chunk });
    if (rows.length > 0) yield rows;
    const last = rows[rows.length - 1];
    if (!last || rows.length < chunk) return;
    start = last.key;
  }
}
