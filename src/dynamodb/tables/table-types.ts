import type { ScalarAttributeType } from '../values/types.js';

/**
 * Table metadata as Eddy keeps it in the storage catalog (JSON). Wire shapes (TableDescription)
 * are built from this by tables/describe.ts; nothing here is sent to clients as is.
 */
export interface KeyAttribute {
  name: string;
  type: ScalarAttributeType;
}

export interface KeySchemaDef {
  hash: KeyAttribute;
  range?: KeyAttribute;
  /**
   * Multi-attribute GSI keys (tables/key-schema.ts): the HASH attributes after `hash`, in KeySchema
   * order. Absent for single-attribute keys, so stored metadata of earlier versions reads as is.
   */
  moreHash?: KeyAttribute[];
  /** Multi-attribute GSI keys: the RANGE attributes after `range`, in KeySchema order. */
  moreRange?: KeyAttribute[];
}

export type ProjectionType = 'ALL' | 'KEYS_ONLY' | 'INCLUDE';

export interface ProvisionedThroughputDef {
  read: number;
  write: number;
  lastIncrease?: number; // epoch ms
  lastDecrease?: number; // epoch ms
  decreasesToday: number;
}

export type TableStatus = 'CREATING' | 'UPDATING' | 'DELETING' | 'ACTIVE' | 'ARCHIVING' | 'ARCHIVED';
export type IndexStatus = 'CREATING' | 'UPDATING' | 'DELETING' | 'ACTIVE';

export interface IndexDef {
  name: string;
  kind: 'GSI' | 'LSI';
  key: KeySchemaDef;
  projection: { type: ProjectionType; nonKeyAttributes?: string[] };
  /** Storage space holding this index's rows. */
  space: string;
  status: IndexStatus;
  backfilling?: boolean;
  provisioned?: ProvisionedThroughputDef;
  onDemand?: { maxRead?: number; maxWrite?: number };
  warm?: { read?: number; write?: number };
  arn: string;
}

/** A vector index (DynamoDB vector search, August 2026); see dynamodb/vectors/. */
export interface VectorIndexDef {
  name: string;
  attribute: string;
  dimensions: number;
  distance: 'COSINE' | 'EUCLIDEAN' | 'DOT_PRODUCT';
  projection: { type: ProjectionType; nonKeyAttributes?: string[] };
  searchSchema?: { AttributeName: string; SearchSchemaElementType: 'HASH' | 'INLINE_FILTER' }[];
  arn: string;
  /**
   * Set only while an UpdateTable adds (CREATING, backfilling) or removes (DELETING) the index; an
   * index created with its table follows the table's status instead.
   */
  status?: 'CREATING' | 'DELETING';
  backfilling?: boolean;
  /** How long each of the two CREATING phases (allocation, then backfill) lasts, in ms. */
  phaseMs?: number;
  /**
   * Server-clock time (epoch ms) the backfill ends: set when allocation ends and the table is
   * ACTIVE again; from then on the index reads ACTIVE (vectors/vector-phase.ts).
   */
  readyAt?: number;
}

export interface StreamDef {
  enabled: boolean;
  viewType: 'KEYS_ONLY' | 'NEW_IMAGE' | 'OLD_IMAGE' | 'NEW_AND_OLD_IMAGES';
  /** e.g. 2026-11-24T09:26:00.123 */
  label: string;
  arn: string;
  /** Log id in storage holding this stream's records. */
  log: string;
  /** The stream's resource-based policy slot (PutResourcePolicy on the stream ARN). */
  policy?: ResourcePolicyDef;
  /** The stream's own tags (TagResource on its ARN while it is the live stream); absent when none. */
  tags?: Record<string, string>;
}

export interface TableDef {
  /** Storage-level identity; a deleted and re-created table gets a new one. */
  id: string;
  /** TableId as DynamoDB returns it (a UUID). */
  tableId: string;
  /** The request namespace the table lives in (see RequestContext.namespace). */
  namespace: string;
  account: string;
  region: string;
  name: string;
  arn: string;
  /** Storage space of the base items. */
  space: string;
  key: KeySchemaDef;
  attributeDefinitions: { AttributeName: string; AttributeType: ScalarAttributeType }[];
  status: TableStatus;
  /** epoch ms */
  createdAt: number;
  billingMode: 'PROVISIONED' | 'PAY_PER_REQUEST';
  /** epoch ms of the last switch to PAY_PER_REQUEST, if any */
  lastUpdateToPayPerRequest?: number;
  provisioned: ProvisionedThroughputDef;
  onDemand?: { maxRead?: number; maxWrite?: number };
  warm?: { read?: number; write?: number; status?: string };
  stream?: StreamDef;
  /** Earlier streams (disabled or replaced), readable until their records expire. */
  previousStreams?: StreamDef[];
  sse?: { enabled: boolean; type?: 'AES256' | 'KMS'; kmsKeyArn?: string };
  tableClass: 'STANDARD' | 'STANDARD_INFREQUENT_ACCESS';
  deletionProtection: boolean;
  /** epoch ms of the last DeletionProtectionEnabled change by UpdateTable (for the 15 s cooldown). */
  deletionProtectionChangedAt?: number;
  gsis: IndexDef[];
  lsis: IndexDef[];
  /** Vector indexes; absent on tables without any (so the write path skips them at no cost). */
  vectorIndexes?: VectorIndexDef[];
  ttl?: { attributeName: string; status: 'ENABLING' | 'ENABLED' | 'DISABLING' | 'DISABLED' };
  tags: Record<string, string>;
  /** Bumped on every metadata change (cache invalidation across nodes). */
  version: number;
  /**
   * epoch ms at which the current CREATING / UPDATING / DELETING status completes. Any node that
   * reads the table after this instant completes the transition (timers are only a shortcut).
   */
  pendingUntil?: number;
  /** What an UPDATING status is doing (for ResourceInUseException texts and deferred values). */
  updating?: TableUpdateInProgress;
  /** True once TableClass was given explicitly (DynamoDB omits TableClassSummary otherwise). */
  tableClassExplicit?: boolean;
  /** epoch ms of the last TableClass change by UpdateTable. */
  tableClassUpdatedAt?: number;
  /** epoch ms of the TableClass changes accepted by UpdateTable (for the 2-per-30-days limit). */
  tableClassChanges?: number[];
  /** epoch ms of the SSESpecification changes of the current 24 h quota window (the first opens it). */
  sseChanges?: number[];
  /** epoch ms of the last successful UpdateTimeToLive (for the modification cooldown). */
  ttlModifiedAt?: number;
  /** Change capture for point-in-time recovery and consistent backups (dynamodb/backups/). */
  history?: TableHistoryDef;
  /** How this table was restored (RestoreTableFromBackup / RestoreTableToPointInTime). */
  restore?: TableRestoreDef;
  /**
   * Contributor Insights of the table and its GSIs (dynamodb/insights/); absent until the first
   * UpdateContributorInsights, so stored metadata of earlier versions reads as DISABLED.
   */
  contributorInsights?: ContributorInsightsDef;
  /** The table's resource-based policy slot (a stream's is on its StreamDef); see dynamodb/policies/. */
  resourcePolicy?: ResourcePolicyDef;
  /**
   * Kinesis Data Streams destinations (EnableKinesisStreamingDestination), newest Enable first;
   * absent until the first Enable. See dynamodb/kinesis/.
   */
  kinesisDestinations?: KinesisDestinationDef[];
}

/**
 * One Kinesis streaming destination of a table. Eddy has no Kinesis, so every Enable ends as
 * DynamoDB ends it for a stream it cannot use: ENABLING, then ENABLE_FAILED at `settleAt`.
 */
export interface KinesisDestinationDef {
  streamArn: string;
  /** ENABLING turns into ENABLE_FAILED at `settleAt` on the server clock (read lazily). */
  status: 'ENABLING' | 'ENABLE_FAILED';
  /** ApproximateCreationDateTimePrecision, when the Enable set one (absent means MILLISECOND). */
  precision?: 'MILLISECOND' | 'MICROSECOND';
  /** epoch ms of the Enable. */
  enabledAt: number;
  /** epoch ms at which ENABLING ends. */
  settleAt: number;
  /** DestinationStatusDescription once ENABLE_FAILED (chosen at Enable from the stream ARN). */
  failure: string;
}

/**
 * A resource-based policy slot of a table or a stream (Put/Get/DeleteResourcePolicy, CreateTable's
 * ResourcePolicy). Eddy stores and returns the policy; nothing evaluates it yet: `document` is the
 * policy as GetResourcePolicy returns it, for a later IAM module.
 */
export interface ResourcePolicyDef {
  /** The canonical document (minified, DynamoDB's key order); absent after DeleteResourcePolicy. */
  document?: string;
  /** Sent without Version: Get shows 2008-10-17, yet a re-Put with that Version is a change. */
  versionless?: boolean;
  /** RevisionId: epoch ms of the change, as a string (of the deletion, after a delete). */
  revisionId: string;
  /** epoch ms of the last Put/DeleteResourcePolicy change (absent for a CreateTable policy). */
  changedAt?: number;
}

/** Contributor Insights state per table and per GSI; an absent entry is DISABLED (never configured). */
export interface ContributorInsightsDef {
  table?: InsightsEntryDef;
  /** By GSI name; an entry counts only while `space` is that index's space (not a later one of the same name). */
  indexes?: Record<string, InsightsEntryDef>;
}

export interface InsightsEntryDef {
  /** ENABLING / DISABLING turn into ENABLED (or FAILED) / DISABLED at `settleAt` on the server clock. */
  status: 'ENABLING' | 'ENABLED' | 'DISABLING' | 'DISABLED' | 'FAILED';
  mode?: 'ACCESSED_AND_THROTTLED_KEYS' | 'THROTTLED_KEYS';
  /** epoch ms of the last status change (LastUpdateDateTime). */
  changedAt: number;
  /** epoch ms at which ENABLING / DISABLING completes. */
  settleAt?: number;
  /** This ENABLING ends in FAILED (the rule quota was exhausted when it was asked for). */
  willFail?: boolean;
  /** FailureException is shown (FAILED, and DISABLING out of FAILED). */
  failed?: boolean;
  /** epoch ms suffix of the rule names. */
  ruleStamp?: number;
  /** GSI entries: the storage space of the index they belong to. */
  space?: string;
}

/**
 * While present, every committed item change also appends `{t, k, o, n}` to `log` in the same
 * transaction (dynamodb/backups/history.ts). Present while PITR is enabled or a backup is copying.
 */
export interface TableHistoryDef {
  /** Storage log id of the change records. */
  log: string;
  /** Point-in-time recovery, when enabled. */
  pitr?: PitrDef;
  /** Backups currently copying the table (id → start epoch ms); they need the change records. */
  captures?: Record<string, number>;
}

export interface PitrDef {
  /** epoch ms PITR was (last) enabled. */
  enabledAt: number;
  recoveryPeriodDays: number;
  /** The base snapshot: the table's state after log record `seq`, restorable from `time` on. */
  base?: { space: string; seq: number; time: number };
  /** Earlier base spaces still to drop (after `dropAfter`, epoch ms), kept for restores in flight. */
  retired?: { space: string; dropAfter: number }[];
}

export interface TableRestoreDef {
  sourceBackupArn?: string;
  sourceTableArn: string;
  /** epoch ms */
  restoreDateTime: number;
  inProgress: boolean;
}

/** An UpdateTable change still in progress; deferred values are applied when it completes. */
export interface TableUpdateInProgress {
  kind: 'throughput' | 'billing' | 'stream' | 'tableClass' | 'noop';
  /** New table throughput, applied when the update completes (DynamoDB shows the old one until then). */
  provisioned?: { read: number; write: number };
  /** New per-GSI throughput, applied when the update completes. */
  gsiProvisioned?: Record<string, { read: number; write: number }>;
  tableClass?: 'STANDARD' | 'STANDARD_INFREQUENT_ACCESS';
  streamOperation?: 'ENABLE' | 'DISABLE';
}
