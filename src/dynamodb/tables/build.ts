import { createHash, randomUUID } from 'node:crypto';
import type { RequestContext } from '../../server/context.js';
import type { ScalarAttributeType } from '../values/types.js';
import { streamLabel, tableArn } from './arn.js';
import type { CreateTableInput, IndexInput, KeySchemaElementInput, SseSpecificationInput } from './create-validate.js';
import { keyDefOf } from './key-schema.js';
import { vectorIndexDef } from '../vectors/vector-describe.js';
import type { IndexDef, KeySchemaDef, ProjectionType, StreamDef, TableDef } from './table-types.js';

/** Builds the stored TableDef of a validated CreateTable request. */

/** Where a resource lives (a RequestContext or a TableDef). */
export interface Location {
  region: string;
  account: string;
}

function keyDef(keys: KeySchemaElementInput[], types: Map<string, ScalarAttributeType>): KeySchemaDef {
  return keyDefOf(keys, (name) => ({ name, type: types.get(name) ?? 'S' }));
}

export function newStream(def: Pick<TableDef, 'arn' | 'id'>, viewType: string, now: number): StreamDef {
  const label = streamLabel(now);
  return {
    enabled: true,
    viewType: viewType as StreamDef['viewType'],
    label,
    arn: `${def.arn}/stream/${label}`,
    log: `stream/${def.id}/${label}`,
  };
}

/** The SSE settings of an SSESpecification (undefined: DynamoDB's default AWS-owned key). */
export function sseDef(
  ctx: Location,
  spec: SseSpecificationInput | undefined,
): TableDef['sse'] | undefined {
  if (!spec || spec.Enabled === false) return undefined;
  if (spec.Enabled === undefined && !spec.SSEType && !spec.KMSMasterKeyId) return undefined;
  return { enabled: true, type: 'KMS', kmsKeyArn: kmsKeyArn(ctx, spec.KMSMasterKeyId) };
}

/**
 * A KMS key ARN for a key id, alias or ARN. Without one, the AWS-managed key of the account and
 * region: DynamoDB describes it by its key id (`key/<uuid>`, the same for every table of the
 * account and region; LocalStack's AWS-validated SSE snapshots), not as `alias/aws/dynamodb`.
 */
export function kmsKeyArn(ctx: Location, keyId: string | undefined): string {
  // An alias is resolved to its key when the table is written (ack-api-quirks DDB-TABLE-078); the
  // only alias Eddy can resolve is the managed key's own.
  const managed = keyId === MANAGED_ALIAS || (keyId?.startsWith('arn:') === true && keyId.endsWith(`:${MANAGED_ALIAS}`));
  const id = keyId === undefined || managed ? managedKeyId(ctx) : keyId;
  if (id.startsWith('arn:')) return id;
  return `arn:aws:kms:${ctx.region}:${ctx.account}:${id.startsWith('alias/') ? id : `key/${id}`}`;
}

const MANAGED_ALIAS = 'alias/aws/dynamodb';

/** A stable UUID-shaped id standing for the `aws/dynamodb` managed key of an account and region. */
function managedKeyId(ctx: Location): string {
  const h = createHash('sha256').update(`aws/dynamodb\u0000${ctx.account}\u0000${ctx.region}`).digest('hex');
  const variant = ((parseInt(h.charAt(16), 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

function indexDef(
  kind: 'GSI' | 'LSI',
  input: IndexInput,
  table: Pick<TableDef, 'arn' | 'space' | 'billingMode'>,
  types: Map<string, ScalarAttributeType>,
): IndexDef {
  const index: IndexDef = {
    name: input.IndexName,
    kind,
    key: keyDef(input.KeySchema, types),
    projection: { type: (input.Projection.ProjectionType ?? 'ALL') as ProjectionType },
    space: `${table.space}/i/${input.IndexName}`,
    status: kind === 'GSI' ? 'CREATING' : 'ACTIVE',
    arn: `${table.arn}/index/${input.IndexName}`,
  };
  if (input.Projection.NonKeyAttributes) index.projection.nonKeyAttributes = [...input.Projection.NonKeyAttributes];
  if (kind === 'GSI') {
    const pt = input.ProvisionedThroughput;
    index.provisioned = {
      read: table.billingMode === 'PAY_PER_REQUEST' ? 0 : (pt?.ReadCapacityUnits ?? 0),
      write: table.billingMode === 'PAY_PER_REQUEST' ? 0 : (pt?.WriteCapacityUnits ?? 0),
      decreasesToday: 0,
    };
    const od = input.OnDemandThroughput;
    if (od) index.onDemand = { maxRead: od.MaxReadRequestUnits, maxWrite: od.MaxWriteRequestUnits };
    const w = input.WarmThroughput;
    if (w) index.warm = { read: w.ReadUnitsPerSecond, write: w.WriteUnitsPerSecond };
    // A provisioned GSI is as warm as its capacity (live DynamoDB, October 2026: DDB-TABLE-134).
    if (table.billingMode === 'PROVISIONED') {
      index.warm = { read: w?.ReadUnitsPerSecond ?? index.provisioned.read, write: w?.WriteUnitsPerSecond ?? index.provisioned.write };
    }
  }
  return index;
}

export function buildTableDef(ctx: RequestContext, input: CreateTableInput, now: number, delayMs: number): TableDef {
  const id = randomUUID();
  const types = new Map(input.AttributeDefinitions.map((d) => [d.AttributeName, d.AttributeType as ScalarAttributeType]));
  const billingMode = input.BillingMode === 'PAY_PER_REQUEST' ? 'PAY_PER_REQUEST' : 'PROVISIONED';
  const arn = tableArn(ctx.region, ctx.account, input.TableName);
  const space = `t/${id}`;
  const base = { arn, space, billingMode } as const;
  const def: TableDef = {
    id,
    tableId: randomUUID(),
    namespace: ctx.namespace,
    account: ctx.account,
    region: ctx.region,
    name: input.TableName,
    arn,
    space,
    key: keyDef(input.KeySchema, types),
    attributeDefinitions: input.AttributeDefinitions.map((d) => ({
      AttributeName: d.AttributeName,
      AttributeType: d.AttributeType as ScalarAttributeType,
    })),
    status: 'CREATING',
    createdAt: now,
    billingMode,
    provisioned: {
      read: billingMode === 'PROVISIONED' ? (input.ProvisionedThroughput?.ReadCapacityUnits ?? 0) : 0,
      write: billingMode === 'PROVISIONED' ? (input.ProvisionedThroughput?.WriteCapacityUnits ?? 0) : 0,
      decreasesToday: 0,
    },
    tableClass: input.TableClass === 'STANDARD_INFREQUENT_ACCESS' ? 'STANDARD_INFREQUENT_ACCESS' : 'STANDARD',
    deletionProtection: input.DeletionProtectionEnabled === true,
    gsis: (input.GlobalSecondaryIndexes ?? []).map((i) => indexDef('GSI', i, base, types)),
    lsis: (input.LocalSecondaryIndexes ?? []).map((i) => indexDef('LSI', i, base, types)),
    tags: Object.fromEntries((input.Tags ?? []).map((t) => [t.Key, t.Value])),
    version: 1,
    pendingUntil: now + delayMs,
  };
  if (input.VectorIndexes && input.VectorIndexes.length > 0) def.vectorIndexes = input.VectorIndexes.map((v) => vectorIndexDef(v, arn));
  if (billingMode === 'PAY_PER_REQUEST') def.lastUpdateToPayPerRequest = now;
  if (input.TableClass) def.tableClassExplicit = true;
  const od = input.OnDemandThroughput;
  if (od) def.onDemand = { maxRead: od.MaxReadRequestUnits, maxWrite: od.MaxWriteRequestUnits };
  const w = input.WarmThroughput;
  if (w) def.warm = { read: w.ReadUnitsPerSecond, write: w.WriteUnitsPerSecond };
  // A provisioned table starts warm at its capacity, not at the on-demand 12000/4000 (live
  // DynamoDB, October 2026: ack-api-quirks DDB-TABLE-055).
  if (billingMode === 'PROVISIONED') {
    def.warm = { read: w?.ReadUnitsPerSecond ?? def.provisioned.read, write: w?.WriteUnitsPerSecond ?? def.provisioned.write };
  }
  if (input.StreamSpecification?.StreamEnabled && input.StreamSpecification.StreamViewType) {
    def.stream = newStream(def, input.StreamSpecification.StreamViewType, now);
  }
  const sse = sseDef(ctx, input.SSESpecification);
  if (sse) def.sse = sse;
  return def;
}
