import { DynamoError } from '../../protocol/errors.js';
import type { OperationHandler, RequestContext } from '../../server/context.js';
import { ConstraintErrors } from '../backups/validate.js';
import { manager } from '../tables/manager.js';
import { checkTableArnOwner } from '../tables/resource-arn.js';
import type { TableDef } from '../tables/table-types.js';

/**
 * Kinesis Data Streams destinations, as DynamoDB answers them for a table that has none. Eddy has
 * no Kinesis, so no destination can ever be attached (EnableKinesisStreamingDestination is not
 * routed: DynamoDB accepts every well-formed stream ARN with 200 ENABLING and fails it ~2 s later,
 * which needs a per-table destination state machine; see docs/compatibility.md). What can be
 * answered truthfully is the reply for a table without destinations, and the refusals of Disable
 * and Update for a stream that is not attached.
 *
 * Sources: the ack-api-quirks live-probe catalogue of DynamoDB (us-west-2/us-east-1, October
 * 2026), findings DDB-TABLE-234, -299, -301, -302.
 */

/** The enum of ApproximateCreationDateTimePrecision, in the order LocalStack prints it (unverified). */
const PRECISIONS = ['MILLISECOND', 'MICROSECOND'];

const NOT_VALID_STATE = 'Table is not in a valid state to enable Kinesis Streaming Destination: ';

/**
 * The table named by TableName (or its ARN). A missing table, and one still CREATING, is
 * ResourceNotFoundException "Requested resource not found: Table: <name> not found" for every
 * Kinesis call (DDB-TABLE-234: the first seconds of CREATING answer exactly like a missing table).
 * A DELETING table is still described (DDB-TABLE-236, DDB-TABLE-460).
 */
async function kinesisTable(ctx: RequestContext, nameOrArn: string): Promise<TableDef> {
  const tables = manager(ctx);
  checkTableArnOwner(ctx, nameOrArn);
  const def = await tables.find(ctx, nameOrArn);
  if (!def || def.status === 'CREATING') throw tables.notFound(nameOrArn);
  return def;
}

function precisionOf(config: unknown): unknown {
  if (typeof config !== 'object' || config === null) return undefined;
  return (config as Record<string, unknown>).ApproximateCreationDateTimePrecision;
}

function checkPrecision(config: unknown, path: string): void {
  const errors = new ConstraintErrors();
  errors.oneOf(precisionOf(config), `${path}.approximateCreationDateTimePrecision`, PRECISIONS);
  errors.throwIfAny();
}

/**
 * DescribeKinesisStreamingDestination: a table that never had a destination answers exactly the
 * two members TableName and KinesisDataStreamDestinations=[] (DDB-TABLE-299, fresh table).
 */
export const describeKinesisStreamingDestination: OperationHandler = async (ctx, input) => {
  const def = await kinesisTable(ctx, input.TableName as string);
  return { TableName: def.name, KinesisDataStreamDestinations: [] };
};

/**
 * DisableKinesisStreamingDestination: with no ACTIVE destination for the stream (here: never),
 * ValidationException "...: KinesisStreamingDestination must be ACTIVE to perform DISABLE
 * operation." — also for a never-attached, nonexistent or malformed stream ARN, never
 * ResourceNotFoundException (DDB-TABLE-302). A request carrying EnableKinesisStreamingConfiguration
 * is refused with its own text (DDB-TABLE-301, recorded on an ACTIVE destination; that it is
 * checked before the destination's state is Eddy's reading).
 */
export const disableKinesisStreamingDestination: OperationHandler = async (ctx, input) => {
  const config = input.EnableKinesisStreamingConfiguration;
  checkPrecision(config, 'enableKinesisStreamingConfiguration');
  await kinesisTable(ctx, input.TableName as string);
  if (config !== undefined && config !== null) {
    throw DynamoError.validation('Stream cannot be disabled using EnableKinesisStreamingConfiguration parameters');
  }
  throw DynamoError.validation(`${NOT_VALID_STATE}KinesisStreamingDestination must be ACTIVE to perform DISABLE operation.`);
};

/**
 * UpdateKinesisStreamingDestination: a request without a precision is refused with the recorded
 * "cannot be null" text (DDB-TABLE-300); otherwise the stream is not attached, "...: No streaming
 * destination with streamArn: <arn> found for table with tableName: <name>" (DDB-TABLE-302 records
 * the first 150 characters, up to the ARN's account; the rest and the order of the two checks
 * follow LocalStack's provider).
 */
export const updateKinesisStreamingDestination: OperationHandler = async (ctx, input) => {
  const config = input.UpdateKinesisStreamingConfiguration;
  checkPrecision(config, 'updateKinesisStreamingConfiguration');
  const def = await kinesisTable(ctx, input.TableName as string);
  const precision = precisionOf(config);
  if (precision === undefined || precision === null) {
    throw DynamoError.validation(
      'Streaming destination cannot be updated with given parameters: UpdateKinesisStreamingConfiguration cannot be null or contain only null values',
    );
  }
  const streamArn = input.StreamArn as string;
  throw DynamoError.validation(`${NOT_VALID_STATE}No streaming destination with streamArn: ${streamArn} found for table with tableName: ${def.name}`);
};
