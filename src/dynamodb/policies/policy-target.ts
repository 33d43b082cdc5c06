import { DynamoError } from '../../protocol/errors.js';
import type { RequestContext } from '../../server/context.js';
import { parseArn, parseTableArn } from '../tables/arn.js';
import { INVALID } from '../tables/create-validate.js';
import type { ResourcePolicyDef, StreamDef, TableDef } from '../tables/table-types.js';

/** The resource a Put/Get/DeleteResourcePolicy ResourceArn names: a table, or one of its streams. */
export interface PolicyTarget {
  /** The ARN as given (echoed in PolicyNotFoundException). */
  arn: string;
  table: string;
  /** Stream label, for a stream ARN. */
  stream?: string;
}

/**
 * Checks a ResourceArn of the resource-policy APIs. Texts recorded on live DynamoDB, October 2026
 * (ack-api-quirks DDB-TABLE-212, DDB-TABLE-442): unlike the tagging APIs, another account's ARN is a
 * ValidationException (not AccessDenied) and another region or partition is "Invalid resource Arn".
 */
export function policyTarget(ctx: RequestContext, arn: string): PolicyTarget {
  if (!arn.startsWith('arn:')) throw DynamoError.validation(`${INVALID}ARNs must start with 'arn:': ${arn}`);
  const parsed = parseArn(arn);
  if (!parsed || parsed.service !== 'dynamodb' || /^table\/[^/]+\/backup\//.test(parsed.resource)) {
    throw DynamoError.validation(`${INVALID}Provided Arn is not a DynamoDB resource arn: ${arn}`);
  }
  const ref = parseTableArn(arn);
  if (ref && ref.account !== ctx.account) {
    // The apostrophe is U+2019, as DynamoDB writes it.
    throw DynamoError.validation('This action is only supported by accounts that match the resource owner\u2019s account.');
  }
  if (!ref || ref.index !== undefined) {
    throw DynamoError.validation(`${INVALID}Invalid resource arn provided, only table or stream is accepted. Provided resource arn: ${arn}`);
  }
  if (parsed.partition !== 'aws' || ref.region !== ctx.region) throw DynamoError.validation(`${INVALID}Invalid resource Arn: ${arn}`);
  return ref.stream === undefined ? { arn, table: ref.table } : { arn, table: ref.table, stream: ref.stream };
}

/** A missing table (also a table still CREATING: DDB-TABLE-234, and a deleted one: DDB-TABLE-214). */
export function tableMissing(name: string): DynamoError {
  return DynamoError.resourceNotFound(`Requested resource not found: Table: ${name} not found`);
}

/** An unknown stream label of an existing table (DDB-TABLE-212). */
function streamMissing(label: string, table: string): DynamoError {
  return DynamoError.resourceNotFound(`Requested resource not found: Stream: ${label} not found for Table: ${table}`);
}

function streamOf(def: TableDef, label: string): StreamDef {
  const stream = def.stream?.label === label ? def.stream : def.previousStreams?.find((s) => s.label === label);
  if (!stream) throw streamMissing(label, def.name);
  return stream;
}

/** The table as the policy APIs see it: a CREATING table is not found yet (DDB-TABLE-234). */
export function admitted(def: TableDef | undefined, target: PolicyTarget): TableDef {
  if (!def || def.status === 'CREATING') throw tableMissing(target.table);
  return def;
}

/** The policy slot the target names (undefined: never had a policy). */
export function readSlot(def: TableDef, target: PolicyTarget): ResourcePolicyDef | undefined {
  return target.stream === undefined ? def.resourcePolicy : streamOf(def, target.stream).policy;
}

/** Stores the slot on a mutable copy of the table. */
export function writeSlot(def: TableDef, target: PolicyTarget, slot: ResourcePolicyDef): void {
  if (target.stream === undefined) def.resourcePolicy = slot;
  else streamOf(def, target.stream).policy = slot;
}
