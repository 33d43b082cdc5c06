import { DynamoError } from '../../protocol/errors.js';
import type { IndexInput } from '../tables/create-validate.js';
import { keySchema } from '../tables/describe.js';
import type { IndexDef, TableDef, VectorIndexDef } from '../tables/table-types.js';
import type { VectorIndexInput } from '../vectors/vector-validate.js';
import type { RestoreOverrides } from './restore.js';

/**
 * The override rules of RestoreTableFromBackup and RestoreTableToPointInTime, checked against the
 * source before anything is created. Texts of live DynamoDB, October 2026 (ack-api-quirks
 * DDB-TABLE-273, DDB-TABLE-442, DDB-TABLE-457): throughput overrides follow the effective billing
 * mode, and an index override must describe an index of the source (a rename is allowed).
 */
const INVALID_REQUEST = 'Invalid Request: ';

export function validateRestoreOverrides(source: TableDef, o: RestoreOverrides): void {
  const billing = o.BillingModeOverride ?? source.billingMode;
  const pt = o.ProvisionedThroughputOverride;
  if (pt !== undefined && o.BillingModeOverride === 'PAY_PER_REQUEST') {
    throw invalid('Cannot override ProvisionedThroughput if BillingMode is overridden to PAY_PER_REQUEST');
  }
  if (pt !== undefined && billing !== 'PROVISIONED') throw invalid('Cannot override ProvisionedThroughput unless BillingMode is PROVISIONED');
  if (pt === undefined && o.BillingModeOverride === 'PROVISIONED') {
    throw invalid('Must override ProvisionedThroughput if BillingMode is overridden to PROVISIONED');
  }
  const od = o.OnDemandThroughputOverride;
  for (const [unit, value] of [
    ['MaxReadRequestUnits', od?.MaxReadRequestUnits],
    ['MaxWriteRequestUnits', od?.MaxWriteRequestUnits],
  ] as const) {
    if (value === undefined) continue;
    if (billing !== 'PAY_PER_REQUEST') throw invalid(`Cannot override ${unit} for OnDemandThroughput unless BillingModeOverride is PAY_PER_REQUEST`);
    if (value <= 0) throw invalid(`Requested ${unit} for OnDemandThroughput is outside of valid range`);
  }
  // Index throughput follows the effective mode too (texts of the same family, DDB-TABLE-442).
  for (const index of o.GlobalSecondaryIndexOverride ?? []) {
    if (billing === 'PAY_PER_REQUEST' && index.ProvisionedThroughput !== undefined) {
      throw invalid(`Cannot override ProvisionedThroughput if BillingMode is overridden to PAY_PER_REQUEST for index ${index.IndexName}`);
    }
  }
  if (billing === 'PROVISIONED' && source.billingMode === 'PAY_PER_REQUEST') {
    const gsis = o.GlobalSecondaryIndexOverride ?? source.gsis.map((g) => ({ IndexName: g.name, ProvisionedThroughput: undefined }));
    const bare = gsis.find((g) => g.ProvisionedThroughput === undefined);
    if (bare) throw invalid(`Must specify provisioned throughput for index ${bare.IndexName}`);
  }
  for (const [given, kept] of [
    [o.GlobalSecondaryIndexOverride, source.gsis],
    [o.LocalSecondaryIndexOverride, source.lsis],
  ] as const) {
    for (const index of given ?? []) {
      if (!kept.some((k) => sameIndex(k, index))) {
        throw invalid(
          `Index ${index.IndexName} does not match a secondary index that existed in the source table and cannot be created during the restore operation`,
        );
      }
    }
  }
  // "The indexes provided must match existing vector indexes" (AWS SDK model, VectorIndexOverride).
  // Which members must match and the text of the refusal are not recorded: Eddy compares the
  // definition as the GSI override check does (the name may differ) and answers in that family's words.
  for (const index of o.VectorIndexOverride ?? []) {
    if (!(source.vectorIndexes ?? []).some((k) => sameVectorIndex(k, index))) {
      throw invalid(
        `Index ${index.IndexName ?? ''} does not match a secondary index that existed in the source table and cannot be created during the restore operation`,
      );
    }
  }
}

function sameVectorIndex(kept: VectorIndexDef, given: VectorIndexInput): boolean {
  if (given.VectorAttribute?.AttributeName !== kept.attribute || given.Dimensions !== kept.dimensions || given.DistanceFunction !== kept.distance) {
    return false;
  }
  if (given.Projection?.ProjectionType !== kept.projection.type) return false;
  const a = [...(kept.projection.nonKeyAttributes ?? [])].sort();
  const b = [...(given.Projection.NonKeyAttributes ?? [])].sort();
  if (a.length !== b.length || a.some((v, i) => v !== b[i])) return false;
  const schema = kept.searchSchema ?? [];
  const givenSchema = given.SearchSchema ?? [];
  return (
    schema.length === givenSchema.length &&
    schema.every((e, i) => e.AttributeName === givenSchema[i]?.AttributeName && e.SearchSchemaElementType === givenSchema[i]?.SearchSchemaElementType)
  );
}

function sameIndex(kept: IndexDef, given: IndexInput): boolean {
  const keys = keySchema(kept.key);
  const givenKeys = given.KeySchema ?? [];
  if (keys.length !== givenKeys.length || keys.some((k, i) => k.AttributeName !== givenKeys[i]?.AttributeName || k.KeyType !== givenKeys[i]?.KeyType)) {
    return false;
  }
  if (given.Projection?.ProjectionType !== kept.projection.type) return false;
  const a = [...(kept.projection.nonKeyAttributes ?? [])].sort();
  const b = [...(given.Projection.NonKeyAttributes ?? [])].sort();
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

function invalid(message: string): DynamoError {
  return DynamoError.validation(`${INVALID_REQUEST}${message}`);
}
