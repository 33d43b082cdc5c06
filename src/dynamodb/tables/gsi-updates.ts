import { DynamoError } from '../../protocol/errors.js';
import type { ScalarAttributeType } from '../values/types.js';
import {
  INVALID,
  MAX_GSIS,
  MAX_NON_KEY_ATTRIBUTES,
  validateOnDemand,
  validateProjection,
  validateThroughputBounds,
  type AttributeDefinitionInput,
  type IndexInput,
} from './create-validate.js';
import { validateGsiKeySchema } from './gsi-key-validate.js';
import { keyDefOf, keySchemaAttributes } from './key-schema.js';
import type { IndexDef, KeyAttribute, ProjectionType, TableDef } from './table-types.js';
import { warmGiven, type UpdateTableInput } from './update-validate.js';

/**
 * UpdateTable's GlobalSecondaryIndexUpdates Create and Delete (online index creation and deletion).
 * Update actions (throughput) are handled by update-apply.ts. Lifecycle, as DynamoDB shows it:
 *
 *   Create: table UPDATING, index CREATING + Backfilling false (resource allocation, until the
 *   table's pendingUntil) → table ACTIVE, index CREATING + Backfilling true (transitions.ts; the
 *   backfill runs, gsi-backfills.ts) → index ACTIVE, Backfilling absent.
 *   Delete: table UPDATING, index DELETING → at pendingUntil the index is gone, its space dropped
 *   and the AttributeDefinitions only it used pruned.
 *
 * Messages: live-DynamoDB message catalogues and probe records found through the code corpus
 * (LimitExceededException texts; "Attempting to create an index which already exists"; the
 * ResourceInUseException texts while an index is created or deleted).
 */
const IN_USE = 'Attempt to change a resource which is still in use: ';

export const ONE_ONLINE_INDEX =
  'Subscriber limit exceeded: Only 1 online index can be created or deleted simultaneously per table';

function oneAtATime(): DynamoError {
  return DynamoError.limitExceeded(ONE_ONLINE_INDEX);
}

function createsOrDeletes(input: UpdateTableInput): number {
  return (input.GlobalSecondaryIndexUpdates ?? []).filter((u) => u.Create || u.Delete).length;
}

function allocating(def: TableDef): IndexDef[] {
  return def.gsis.filter((g) => g.status === 'CREATING' && g.backfilling === false);
}

function deleting(def: TableDef): IndexDef[] {
  return def.gsis.filter((g) => g.status === 'DELETING');
}

const names = (list: IndexDef[]): string => `[${list.map((g) => g.name).join(', ')}]`;

/**
 * While the table is UPDATING: the refusals specific to index work. Returns true when the request
 * is admitted anyway (e.g. a GSI throughput Update while another index is created), false when
 * no index work is in progress (the caller's generic rules apply); throws otherwise.
 */
export function refuseDuringIndexWork(def: TableDef, input: UpdateTableInput): boolean {
  const table = def.name;
  const creating = allocating(def);
  const dying = deleting(def);
  const updates = input.GlobalSecondaryIndexUpdates ?? [];
  if (creating.length === 0 && dying.length === 0) {
    if (createsOrDeletes(input) === 0) return false;
    const kind = def.updating?.kind;
    if (kind === 'stream') throw DynamoError.resourceInUse(`${IN_USE}Can't create or delete an index when stream status is being updated.`);
    if (kind === 'tableClass') {
      throw DynamoError.resourceInUse(`${IN_USE}Can't create or delete an index when a table class update is in progress.`);
    }
    throw DynamoError.resourceInUse(`${IN_USE}Can't create or delete indexes while table IOPS are being updated. Table: ${table}`);
  }
  const what = dying.length ? 'deleted' : 'created';
  const busy = dying.length ? dying : creating;
  // Any action on an index being deleted, even a Create of the same name or a second Delete, and an
  // Update of an index still in resource allocation are refused by name (live DynamoDB, October
  // 2026: ack-api-quirks DDB-TABLE-163, DDB-TABLE-444; the double space is DynamoDB's).
  for (const u of updates) {
    const name = u.Update?.IndexName ?? u.Create?.IndexName ?? u.Delete?.IndexName;
    if (name !== undefined && dying.some((g) => g.name === name)) {
      throw DynamoError.resourceInUse(`${IN_USE}Index is being deleted. Table: ${table} Index: ${name}`);
    }
    if (u.Update !== undefined && creating.some((g) => g.name === u.Update?.IndexName)) {
      throw DynamoError.resourceInUse(`${IN_USE}Index is being created but is not backfilling yet.  Table: ${table} Index: ${u.Update.IndexName}`);
    }
  }
  for (const u of updates) {
    const name = u.Delete?.IndexName;
    if (name !== undefined && creating.some((g) => g.name === name)) {
      throw DynamoError.resourceInUse(
        `${IN_USE}Index creation is in resource allocation phase. Retry deletion during backfilling phase or when the index is active. Table: ${table} Index: ${name}`,
      );
    }
  }
  if (createsOrDeletes(input) > 0) throw oneAtATime();
  if (input.OnDemandThroughput) {
    throw DynamoError.resourceInUse(
      `${IN_USE}OnDemandThroughput cannot be updated while index ${dying.length ? 'deletion' : 'creation'} is in progress for indexes: ${names(busy)}`,
    );
  }
  if (input.StreamSpecification) throw DynamoError.resourceInUse(`${IN_USE}Can't change stream status when an index is being ${what}`);
  const billingSwitch = input.BillingMode !== undefined && input.BillingMode !== def.billingMode;
  if (input.ProvisionedThroughput || billingSwitch) {
    throw DynamoError.resourceInUse(`${IN_USE}Can't change table IOPS when an index is being ${what}. Table: ${table} Indexes: ${names(busy)}`);
  }
  // A WarmThroughput raise while a new index is allocated fails as a server error on live DynamoDB,
  // deterministically (ack-api-quirks DDB-TABLE-458, October 2026).
  if (creating.length > 0 && warmGiven(input.WarmThroughput)) throw DynamoError.internal('Table is under system maintenance, please try again later');
  // SSE is admitted during index work (recorded); TableClass and WarmThroughput get the generic refusal.
  if (input.TableClass !== undefined || input.WarmThroughput) return false;
  return true;
}

/** Request-level admission of Create/Delete: one per call, one in progress per table. */
export function checkGsiCreateDeleteAdmission(def: TableDef, input: UpdateTableInput): void {
  const count = createsOrDeletes(input);
  if (count === 0) return;
  if (count > 1) throw oneAtATime();
  const del = input.GlobalSecondaryIndexUpdates?.find((u) => u.Delete)?.Delete?.IndexName;
  const inProgress = def.gsis.filter((g) => g.status === 'CREATING' || g.status === 'DELETING');
  // Deleting the index that is backfilling is allowed (it stops the backfill).
  if (inProgress.some((g) => !(g.name === del && g.status === 'CREATING' && g.backfilling === true))) throw oneAtATime();
}

function attributeType(def: TableDef, defs: AttributeDefinitionInput[], name: string): ScalarAttributeType {
  const existing = def.attributeDefinitions.find((a) => a.AttributeName === name)?.AttributeType;
  const given = defs.find((a) => a.AttributeName === name)?.AttributeType as ScalarAttributeType | undefined;
  return existing ?? given ?? 'S';
}

/**
 * A new index key attribute that the table already defines must keep its type: DynamoDB answers
 * "Attributes cannot be redefined" and shows both key schemas. (Re-typing an attribute the new
 * index does not use is ignored, as DynamoDB ignores it.) The schema rendering follows the one
 * recorded message (a single HASH element); the multi-element form is a best guess.
 */
function refuseRedefinedKeyTypes(def: TableDef, defs: AttributeDefinitionInput[], keys: IndexInput['KeySchema']): void {
  const existingType = (n: string): string | undefined => def.attributeDefinitions.find((a) => a.AttributeName === n)?.AttributeType;
  const givenType = (n: string): string | undefined => defs.find((a) => a.AttributeName === n)?.AttributeType;
  const clash = keys.some((k) => {
    const existing = existingType(k.AttributeName);
    const given = givenType(k.AttributeName);
    return existing !== undefined && given !== undefined && existing !== given;
  });
  if (!clash) return;
  const schema = (typeOf: (n: string) => string | undefined): string =>
    `Schema:[${keys.map((k) => `SchemaElement: key{${k.AttributeName}:${typeOf(k.AttributeName) ?? ''}:${k.KeyType}}`).join(', ')}]`;
  throw DynamoError.validation(
    `${INVALID}Attributes cannot be redefined. Please check that your attribute has the same type as previously defined. Existing schema: ${schema((n) => existingType(n) ?? givenType(n))} New schema: ${schema((n) => givenType(n) ?? existingType(n))}`,
  );
}

function validateCreate(def: TableDef, input: UpdateTableInput, index: IndexInput): void {
  const name = index.IndexName;
  if (def.gsis.some((g) => g.name === name) || def.lsis.some((l) => l.name === name)) {
    throw DynamoError.validation('Attempting to create an index which already exists');
  }
  if (def.gsis.length >= MAX_GSIS) {
    throw DynamoError.limitExceeded(`Subscriber limit exceeded: Number of global secondary indexes exceeds per-table limit of ${MAX_GSIS}`);
  }
  const defs = (input.AttributeDefinitions ?? []) as AttributeDefinitionInput[];
  if (!input.AttributeDefinitions) throw DynamoError.validation(`${INVALID}AttributeDefinitions is not specified for index: ${name}`);
  const given = defs.map((d) => d.AttributeName);
  const dup = given.find((n, i) => given.indexOf(n) !== i);
  if (dup !== undefined) throw DynamoError.validation(`Attribute Name is duplicated: ${dup}`);
  // Every key attribute of the new index must be declared in this request, even one the table
  // already defines (its hash key, say): the stored definitions do not count. Recorded on live
  // DynamoDB by the 2026 conformance suite (tier2 updateTable/gsi, eu-west-2).
  const keys = index.KeySchema ?? [];
  if (keys.some((k) => !given.includes(k.AttributeName))) {
    throw DynamoError.validation(
      `${INVALID}Some index key attributes are not defined in AttributeDefinitions. Keys: [${keys.map((k) => k.AttributeName).join(', ')}], AttributeDefinitions: [${given.join(', ')}]`,
    );
  }
  validateGsiKeySchema(index, given);
  refuseRedefinedKeyTypes(def, defs, keys);
  validateProjection(index.Projection ?? {});
  const ppr = (input.BillingMode ?? def.billingMode) === 'PAY_PER_REQUEST';
  const pt = index.ProvisionedThroughput;
  if (ppr && pt) {
    throw DynamoError.validation(`${INVALID}ProvisionedThroughput should not be specified for index: ${name} when BillingMode is PAY_PER_REQUEST`);
  }
  if (!ppr && (!pt?.ReadCapacityUnits || !pt.WriteCapacityUnits)) {
    throw DynamoError.validation(`${INVALID}Both ReadCapacityUnits and WriteCapacityUnits must be specified for index: ${name}`);
  }
  if (pt) validateThroughputBounds(pt);
  validateOnDemand(index.OnDemandThroughput, ppr, `index : ${name}`, false);
  const projected = [...def.gsis, ...def.lsis].reduce((n, i) => n + (i.projection.nonKeyAttributes?.length ?? 0), 0) +
    (index.Projection?.NonKeyAttributes?.length ?? 0);
  if (projected > MAX_NON_KEY_ATTRIBUTES) {
    // Same (unverified) wording as CreateTable's check.
    throw DynamoError.validation(
      `${INVALID}The number of projected attributes across all secondary indexes (${projected}) exceeds the limit of ${MAX_NON_KEY_ATTRIBUTES}`,
    );
  }
}

function buildIndex(def: TableDef, input: UpdateTableInput, index: IndexInput): IndexDef {
  const defs = (input.AttributeDefinitions ?? []) as AttributeDefinitionInput[];
  const attr = (n: string): KeyAttribute => ({ name: n, type: attributeType(def, defs, n) });
  const ppr = (input.BillingMode ?? def.billingMode) === 'PAY_PER_REQUEST';
  const out: IndexDef = {
    name: index.IndexName,
    kind: 'GSI',
    key: keyDefOf(index.KeySchema, attr),
    projection: { type: (index.Projection.ProjectionType ?? 'ALL') as ProjectionType },
    // A fresh space per creation (the version is unique per table change): rows a writer holding
    // an older definition might still put into a deleted index's space never reach a new one.
    space: `${def.space}/i/${index.IndexName}.${def.version + 1}`,
    status: 'CREATING',
    backfilling: false,
    provisioned: {
      read: ppr ? 0 : (index.ProvisionedThroughput?.ReadCapacityUnits ?? 0),
      write: ppr ? 0 : (index.ProvisionedThroughput?.WriteCapacityUnits ?? 0),
      decreasesToday: 0,
    },
    arn: `${def.arn}/index/${index.IndexName}`,
  };
  const nonKey = index.Projection.NonKeyAttributes;
  if (nonKey) out.projection.nonKeyAttributes = [...nonKey];
  const od = index.OnDemandThroughput;
  if (od) out.onDemand = { maxRead: od.MaxReadRequestUnits, maxWrite: od.MaxWriteRequestUnits };
  const w = index.WarmThroughput;
  if (w) out.warm = { read: w.ReadUnitsPerSecond, write: w.WriteUnitsPerSecond };
  return out;
}

function startIndexWork(def: TableDef, now: number, delayMs: number): void {
  def.status = 'UPDATING';
  def.pendingUntil = Math.max(def.pendingUntil ?? 0, now + delayMs);
}

/** Applies the (single, admitted) Create or Delete of a GlobalSecondaryIndexUpdates list to `def`. */
export function applyGsiCreateDelete(def: TableDef, input: UpdateTableInput, now: number, delayMs: number): void {
  for (const u of input.GlobalSecondaryIndexUpdates ?? []) {
    if (u.Create) {
      const index = u.Create as unknown as IndexInput;
      validateCreate(def, input, index);
      const created = buildIndex(def, input, index);
      def.gsis.push(created);
      for (const k of keySchemaAttributes(created.key)) {
        if (!def.attributeDefinitions.some((a) => a.AttributeName === k.name)) {
          def.attributeDefinitions.push({ AttributeName: k.name, AttributeType: k.type });
        }
      }
      startIndexWork(def, now, delayMs);
    } else if (u.Delete) {
      const name = u.Delete.IndexName;
      const gsi = def.gsis.find((g) => g.name === name);
      if (!gsi) {
        if (def.lsis.some((l) => l.name === name)) {
          throw DynamoError.validation(`Cannot delete an index that is not a GlobalSecondaryIndex: ${name}`);
        }
        throw DynamoError.resourceNotFound(`Requested resource not found: Index ${name} for table ${def.name}`);
      }
      gsi.status = 'DELETING';
      delete gsi.backfilling;
      startIndexWork(def, now, delayMs);
    }
  }
}

/** Query/Scan on an index that is not readable (yet, or any more). */
export function checkIndexReadable(index: IndexDef): void {
  if (index.kind !== 'GSI') return;
  if (index.status === 'CREATING' && index.backfilling !== undefined) {
    throw DynamoError.validation(`Cannot read from backfilling global secondary index: ${index.name}`);
  }
  // Unverified: DynamoDB's answer for an index that is being deleted; treated as already gone.
  if (index.status === 'DELETING') throw DynamoError.validation(`The table does not have the specified index: ${index.name}`);
}
