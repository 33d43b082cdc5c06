import type { VectorIndexInput } from '../vectors/vector-validate.js';
import { validateVectorIndexes, vectorSchemaAttributes } from '../vectors/vector-validate.js';
import { DynamoError } from '../../protocol/errors.js';
import { validateTableClass, validateWarmOnCreate } from './class-warm-validate.js';
import { validateGsiKeySchema } from './gsi-key-validate.js';
import { validateTags, type TagInput } from './tags.js';

/**
 * CreateTable's semantic validation (the generic shape checks of the API model ran before), in
 * DynamoDB's order: billing, key schema, attribute definitions, local then global indexes, streams,
 * encryption, tags. Messages: dynalite validations/createTable.js (recorded from DynamoDB) and
 * live-DynamoDB message catalogues.
 */
export const INVALID = 'One or more parameter values were invalid: ';

export interface KeySchemaElementInput {
  AttributeName: string;
  KeyType: string;
}
export interface AttributeDefinitionInput {
  AttributeName: string;
  AttributeType: string;
}
export interface ThroughputInput {
  ReadCapacityUnits?: number;
  WriteCapacityUnits?: number;
}
export interface OnDemandInput {
  MaxReadRequestUnits?: number;
  MaxWriteRequestUnits?: number;
}
export interface WarmInput {
  ReadUnitsPerSecond?: number;
  WriteUnitsPerSecond?: number;
}
export interface ProjectionInput {
  ProjectionType?: string;
  NonKeyAttributes?: string[];
}
export interface IndexInput {
  IndexName: string;
  KeySchema: KeySchemaElementInput[];
  Projection: ProjectionInput;
  ProvisionedThroughput?: ThroughputInput;
  OnDemandThroughput?: OnDemandInput;
  WarmThroughput?: WarmInput;
}
export interface StreamSpecificationInput {
  StreamEnabled?: boolean;
  StreamViewType?: string;
}
export interface SseSpecificationInput {
  Enabled?: boolean;
  SSEType?: string;
  KMSMasterKeyId?: string;
}
export interface CreateTableInput {
  TableName: string;
  AttributeDefinitions: AttributeDefinitionInput[];
  KeySchema: KeySchemaElementInput[];
  LocalSecondaryIndexes?: IndexInput[];
  GlobalSecondaryIndexes?: IndexInput[];
  BillingMode?: string;
  ProvisionedThroughput?: ThroughputInput;
  StreamSpecification?: StreamSpecificationInput;
  SSESpecification?: SseSpecificationInput;
  Tags?: TagInput[];
  TableClass?: string;
  DeletionProtectionEnabled?: boolean;
  OnDemandThroughput?: OnDemandInput;
  WarmThroughput?: WarmInput;
  VectorIndexes?: VectorIndexInput[];
}

const MAX_CAPACITY = 1_000_000_000_000;
export const MAX_GSIS = 20;
export const MAX_LSIS = 5;
export const MAX_NON_KEY_ATTRIBUTES = 100;

export function validateThroughputBounds(pt: ThroughputInput): void {
  if ((pt.ReadCapacityUnits ?? 0) > MAX_CAPACITY) {
    throw DynamoError.validation(`Given value ${pt.ReadCapacityUnits} for ReadCapacityUnits is out of bounds`);
  }
  if ((pt.WriteCapacityUnits ?? 0) > MAX_CAPACITY) {
    throw DynamoError.validation(`Given value ${pt.WriteCapacityUnits} for WriteCapacityUnits is out of bounds`);
  }
}

function validateBilling(input: CreateTableInput): void {
  const pt = input.ProvisionedThroughput;
  if (input.BillingMode === 'PAY_PER_REQUEST') {
    if (pt) {
      throw DynamoError.validation(
        `${INVALID}Neither ReadCapacityUnits nor WriteCapacityUnits can be specified when BillingMode is PAY_PER_REQUEST`,
      );
    }
  } else {
    if (!pt || !pt.ReadCapacityUnits || !pt.WriteCapacityUnits) {
      throw DynamoError.validation(
        `${INVALID}ReadCapacityUnits and WriteCapacityUnits must both be specified when BillingMode is PROVISIONED`,
      );
    }
    validateThroughputBounds(pt);
  }
  const ppr = input.BillingMode === 'PAY_PER_REQUEST';
  // CreateTable words the provisioned gate apart from UpdateTable: "when table …", with a full stop
  // (eu-west-2 capture in nubo-db/dynoxide issue 159, 2026-07-24; ack-api-quirks DDB-TABLE-128).
  const od = input.OnDemandThroughput;
  const unit = ppr || !od ? undefined : od.MaxReadRequestUnits !== undefined ? 'MaxReadRequestUnits' : od.MaxWriteRequestUnits !== undefined ? 'MaxWriteRequestUnits' : undefined;
  if (unit) throw DynamoError.validation(`${INVALID}${unit} for OnDemandThroughput cannot be specified when table BillingMode is PROVISIONED.`);
  validateOnDemand(od, ppr, 'table', false);
}

/** OnDemandThroughput rules; `allowClear` admits -1 (UpdateTable's "remove the limit"). */
export function validateOnDemand(od: OnDemandInput | undefined, payPerRequest: boolean, what: string, allowClear: boolean): void {
  if (!od) return;
  for (const [unit, value] of [
    ['MaxReadRequestUnits', od.MaxReadRequestUnits],
    ['MaxWriteRequestUnits', od.MaxWriteRequestUnits],
  ] as const) {
    if (value === undefined) continue;
    if (!payPerRequest) {
      // An index's is named (live DynamoDB, October 2026: ack-api-quirks DDB-TABLE-153).
      const of = what === 'table' ? '' : ` for ${what}`;
      throw DynamoError.validation(`${INVALID}${unit} for OnDemandThroughput${of} cannot be specified when the table BillingMode is PROVISIONED`);
    }
    if (value === 0 || (value < 0 && !(allowClear && value === -1))) {
      throw DynamoError.validation(`${INVALID}Requested ${unit} for OnDemandThroughput for ${what} is outside of valid range`);
    }
  }
}

function validateKeySchema(keys: KeySchemaElementInput[], defNames: string[]): void {
  const names = keys.map((k) => k.AttributeName);
  if (names.length > defNames.length) throw DynamoError.validation('Invalid KeySchema: Some index key attribute have no definition');
  if (names.some((n) => !defNames.includes(n))) {
    throw DynamoError.validation(
      `${INVALID}Some index key attributes are not defined in AttributeDefinitions. Keys: [${names.join(', ')}], AttributeDefinitions: [${defNames.join(', ')}]`,
    );
  }
  if (names.length === 2 && names[0] === names[1]) {
    throw DynamoError.validation('Both the Hash Key and the Range Key element in the KeySchema have the same name');
  }
  if (keys[0]?.KeyType !== 'HASH') throw DynamoError.validation('Invalid KeySchema: The first KeySchemaElement is not a HASH key type');
  if (keys[1] && keys[1].KeyType !== 'RANGE') {
    throw DynamoError.validation('Invalid KeySchema: The second KeySchemaElement is not a RANGE key type');
  }
}

export function validateProjection(p: ProjectionInput): void {
  if (p.ProjectionType == null) throw DynamoError.validation(`${INVALID}Unknown ProjectionType: null`);
  if (p.NonKeyAttributes && p.ProjectionType !== 'INCLUDE') {
    throw DynamoError.validation(`${INVALID}ProjectionType is ${p.ProjectionType}, but NonKeyAttributes is specified`);
  }
  if (p.ProjectionType === 'INCLUDE' && !p.NonKeyAttributes) {
    throw DynamoError.validation(`${INVALID}ProjectionType is INCLUDE, but NonKeyAttributes is not specified`);
  }
  const seen = new Set<string>();
  for (const a of p.NonKeyAttributes ?? []) {
    if (seen.has(a)) throw DynamoError.validation(`${INVALID}Duplicate element in NonKeyAttributes: ${a}`);
    seen.add(a);
  }
}

function validateLsis(input: CreateTableInput, defNames: string[], seen: Set<string>): void {
  const lsis = input.LocalSecondaryIndexes;
  if (!lsis) return;
  if (!lsis.length) throw DynamoError.validation(`${INVALID}List of LocalSecondaryIndexes is empty`);
  if (input.KeySchema.length !== 2) {
    throw DynamoError.validation(
      `${INVALID}Table KeySchema does not have a range key, which is required when specifying a LocalSecondaryIndex`,
    );
  }
  const tableHash = input.KeySchema[0]?.AttributeName;
  for (const index of lsis) {
    validateKeySchemaOfIndex(index, defNames);
    if (index.KeySchema.length !== 2) {
      throw DynamoError.validation(`${INVALID}Index KeySchema does not have a range key for index: ${index.IndexName}`);
    }
    const indexHash = index.KeySchema[0]?.AttributeName;
    if (indexHash !== tableHash) {
      throw DynamoError.validation(
        `${INVALID}Index KeySchema does not have the same leading hash key as table KeySchema for index: ${index.IndexName}. index hash key: ${indexHash}, table hash key: ${tableHash}`,
      );
    }
    validateProjection(index.Projection);
    if (seen.has(index.IndexName)) throw DynamoError.validation(`${INVALID}Duplicate index name: ${index.IndexName}`);
    seen.add(index.IndexName);
  }
  if (lsis.length > MAX_LSIS) {
    throw DynamoError.validation(`${INVALID}Number of LocalSecondaryIndexes exceeds per-table limit of ${MAX_LSIS}`);
  }
}

export function validateKeySchemaOfIndex(index: IndexInput, defNames: string[]): void {
  const names = index.KeySchema.map((k) => k.AttributeName);
  if (names.some((n) => !defNames.includes(n))) {
    throw DynamoError.validation(
      `${INVALID}Some index key attributes are not defined in AttributeDefinitions. Keys: [${names.join(', ')}], AttributeDefinitions: [${defNames.join(', ')}]`,
    );
  }
  if (names.length === 2 && names[0] === names[1]) {
    throw DynamoError.validation('Both the Hash Key and the Range Key element in the KeySchema have the same name');
  }
  if (index.KeySchema[0]?.KeyType !== 'HASH') {
    throw DynamoError.validation('Invalid KeySchema: The first KeySchemaElement is not a HASH key type');
  }
  const second = index.KeySchema[1];
  if (second && second.KeyType !== 'RANGE') {
    throw DynamoError.validation('Invalid KeySchema: The second KeySchemaElement is not a RANGE key type');
  }
}

function validateGsis(input: CreateTableInput, defNames: string[], seen: Set<string>): void {
  const gsis = input.GlobalSecondaryIndexes;
  if (!gsis) return;
  if (!gsis.length) throw DynamoError.validation(`${INVALID}List of GlobalSecondaryIndexes is empty`);
  const ppr = input.BillingMode === 'PAY_PER_REQUEST';
  for (const index of gsis) {
    validateGsiKeySchema(index, defNames);
    validateProjection(index.Projection);
    if (ppr && index.ProvisionedThroughput) {
      throw DynamoError.validation(
        `${INVALID}ProvisionedThroughput should not be specified for index: ${index.IndexName} when BillingMode is PAY_PER_REQUEST`,
      );
    }
    if (!ppr && !index.ProvisionedThroughput) {
      throw DynamoError.validation(`${INVALID}ProvisionedThroughput is not specified for index: ${index.IndexName}`);
    }
    if (index.ProvisionedThroughput) validateThroughputBounds(index.ProvisionedThroughput);
    validateOnDemand(index.OnDemandThroughput, ppr, `index : ${index.IndexName}`, false);
    if (seen.has(index.IndexName)) throw DynamoError.validation(`${INVALID}Duplicate index name: ${index.IndexName}`);
    seen.add(index.IndexName);
  }
  if (gsis.length > MAX_GSIS) {
    throw DynamoError.validation(`${INVALID}GlobalSecondaryIndex count exceeds the per-table limit of ${MAX_GSIS}`);
  }
}

function validateUsedDefinitions(input: CreateTableInput, defNames: string[]): void {
  const used: string[] = [];
  const indexes = [...(input.LocalSecondaryIndexes ?? []), ...(input.GlobalSecondaryIndexes ?? [])];
  for (const k of [...input.KeySchema, ...indexes.flatMap((i) => i.KeySchema)]) {
    if (!used.includes(k.AttributeName)) used.push(k.AttributeName);
  }
  for (const name of vectorSchemaAttributes(input.VectorIndexes)) if (!used.includes(name)) used.push(name);
  if (defNames.some((n) => !used.includes(n))) {
    throw DynamoError.validation(
      `${INVALID}Some AttributeDefinitions are not used. AttributeDefinitions: [${defNames.join(', ')}], keys used: [${used.join(', ')}]`,
    );
  }
  const projected = indexes.reduce((n, i) => n + (i.Projection.NonKeyAttributes?.length ?? 0), 0);
  if (projected > MAX_NON_KEY_ATTRIBUTES) {
    // Unverified wording: the limit is documented, the message is not recorded anywhere we found.
    throw DynamoError.validation(
      `${INVALID}The number of projected attributes across all secondary indexes (${projected}) exceeds the limit of ${MAX_NON_KEY_ATTRIBUTES}`,
    );
  }
}

export function validateStreamOnCreate(spec: StreamSpecificationInput | undefined): void {
  if (!spec) return;
  if (spec.StreamEnabled && !spec.StreamViewType) {
    throw DynamoError.validation(`${INVALID}Table is being created with a stream enabled, UpdateViewType is required`);
  }
  if (!spec.StreamEnabled && spec.StreamViewType) {
    throw DynamoError.validation(`${INVALID}Table is being created with a stream disabled, UpdateViewType should not be specified`);
  }
}

export function validateSse(spec: SseSpecificationInput | undefined): void {
  if (!spec) return;
  if (spec.Enabled === false) {
    if (spec.SSEType) throw DynamoError.validation(`${INVALID}SSEType can not be specified if Enabled is false`);
    if (spec.KMSMasterKeyId) throw DynamoError.validation(`${INVALID}KMSMasterKeyId can not be specified if Enabled is false`);
    return;
  }
  if (spec.SSEType === 'AES256') throw DynamoError.validation(`${INVALID}SSEType AES256 is not supported`);
  if (spec.KMSMasterKeyId && spec.SSEType !== 'KMS') {
    throw DynamoError.validation(`${INVALID}SSEType KMS is required if KMSMasterKeyId is specified`);
  }
}

export function validateCreateTable(input: CreateTableInput): void {
  validateBilling(input);
  validateWarmOnCreate(input);
  const defNames = input.AttributeDefinitions.map((d) => d.AttributeName);
  const dup = defNames.find((n, i) => defNames.indexOf(n) !== i);
  if (dup !== undefined) throw DynamoError.validation(`Attribute Name is duplicated: ${dup}`);
  validateKeySchema(input.KeySchema, defNames);
  if (input.VectorIndexes !== undefined && input.VectorIndexes !== null) validateVectorIndexes(input, defNames);
  if (!input.LocalSecondaryIndexes && !input.GlobalSecondaryIndexes && !input.VectorIndexes && input.KeySchema.length !== defNames.length) {
    throw DynamoError.validation(
      `${INVALID}Number of attributes in KeySchema does not exactly match number of attributes defined in AttributeDefinitions`,
    );
  }
  const seen = new Set<string>();
  validateLsis(input, defNames, seen);
  validateGsis(input, defNames, seen);
  validateUsedDefinitions(input, defNames);
  validateStreamOnCreate(input.StreamSpecification);
  validateSse(input.SSESpecification);
  if (input.Tags) validateTags(input.Tags, {});
  validateTableClass(input.TableClass);
}
