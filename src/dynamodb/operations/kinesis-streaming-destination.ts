import { DynamoError } from '../../protocol/errors.js';
import type { OperationHandler, RequestContext } from '../../server/context.js';
import { ConstraintErrors } from '../backups/validate.js';
import {
  destinationShape,
  enableFailure,
  ENABLE_REFUSED,
  isLive,
  NOT_VALID_STATE,
  settledDestinations,
  withEnabled,
} from '../kinesis/destinations.js';
import { manager } from '../tables/manager.js';
import { checkTableArnOwner } from '../tables/resource-arn.js';
import type { KinesisDestinationDef, TableDef } from '../tables/table-types.js';

/**
 * Kinesis Data Streams destinations. Eddy has no Kinesis: an Enable is accepted and the destination
 * turns ENABLE_FAILED a little later, as DynamoDB does for a stream it cannot use (the state machine
 * and its sources are in dynamodb/kinesis/destinations.ts). No destination is ever ACTIVE, so
 * Disable and Update always answer DynamoDB's refusals for a destination that is not ACTIVE.
 *
 * Sources: the ack-api-quirks live-probe catalogue of DynamoDB (us-west-2/us-east-1, October
 * 2026), findings DDB-TABLE-234, -236, -268, -299, -301, -302, -318.
 */

/** The enum of ApproximateCreationDateTimePrecision, in the order LocalStack prints it (unverified). */
const PRECISIONS = ['MILLISECOND', 'MICROSECOND'];

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
 * two members TableName and KinesisDataStreamDestinations=[] (DDB-TABLE-299, fresh table); after
 * Enables, one entry per stream ARN, the latest Enable first (DDB-TABLE-268).
 */
export const describeKinesisStreamingDestination: OperationHandler = async (ctx, input) => {
  const def = await kinesisTable(ctx, input.TableName as string);
  const list = settledDestinations(def.kinesisDestinations, ctx.services.clock.now());
  return { TableName: def.name, KinesisDataStreamDestinations: list.map(destinationShape) };
};

/**
 * EnableKinesisStreamingDestination: no synchronous check of the stream (DDB-TABLE-318); refused
 * while another destination is live or the table is DELETING (DDB-TABLE-236, recorded on a table
 * with a destination); otherwise 200 with the four members, the configuration echoed (`{}` when
 * none was sent, DDB-TABLE-299), and the entry ENABLING until it fails.
 */
export const enableKinesisStreamingDestination: OperationHandler = async (ctx, input) => {
  const config = input.EnableKinesisStreamingConfiguration;
  checkPrecision(config, 'enableKinesisStreamingConfiguration');
  const name = input.TableName as string;
  await kinesisTable(ctx, name);
  const streamArn = input.StreamArn as string;
  const precision = precisionOf(config) as KinesisDestinationDef['precision'];
  const failure = enableFailure(streamArn, ctx.account, ctx.region);
  const tables = manager(ctx);
  const { after } = await tables.mutate(ctx, name, (def, now) => {
    if (def.status === 'CREATING') throw tables.notFound(name);
    if (def.status === 'DELETING') throw DynamoError.validation(ENABLE_REFUSED);
    const settled = settledDestinations(def.kinesisDestinations, now);
    if (settled.some(isLive)) throw DynamoError.validation(ENABLE_REFUSED);
    def.kinesisDestinations = withEnabled(settled, streamArn, precision, failure, now);
    return def;
  });
  return {
    TableName: after.name,
    StreamArn: streamArn,
    DestinationStatus: 'ENABLING',
    EnableKinesisStreamingConfiguration: precision ? { ApproximateCreationDateTimePrecision: precision } : {},
  };
};

/**
 * DisableKinesisStreamingDestination: with no ACTIVE destination for the stream (here: never; an
 * ENABLING or ENABLE_FAILED one answers the same, DDB-TABLE-299, DDB-TABLE-268), ValidationException
 * "...: KinesisStreamingDestination must be ACTIVE to perform DISABLE operation." — also for a
 * never-attached, nonexistent or malformed stream ARN, never ResourceNotFoundException
 * (DDB-TABLE-302). A request carrying EnableKinesisStreamingConfiguration is refused with its own
 * text (DDB-TABLE-301, recorded on an ACTIVE destination; that it is checked before the
 * destination's state is Eddy's reading).
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
 * "cannot be null" text (DDB-TABLE-300). A stream with an entry (ENABLING or ENABLE_FAILED, never
 * ACTIVE here) is "...: Kinesis streaming is not in ACTIVE state. Updates are only allowed in ACTIVE
 * state. TableName: <name>" (DDB-TABLE-268, DDB-TABLE-299; the text after the name is unrecorded);
 * a stream without one is "...: No streaming destination with streamArn: <arn> found for table
 * with tableName: <name>" (DDB-TABLE-302 records the first 150 characters, up to the ARN's account;
 * the rest and the order of the checks follow LocalStack's provider).
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
  if (def.kinesisDestinations?.some((d) => d.streamArn === streamArn)) {
    throw DynamoError.validation(`${NOT_VALID_STATE}Kinesis streaming is not in ACTIVE state. Updates are only allowed in ACTIVE state. TableName: ${def.name}`);
  }
  throw DynamoError.validation(`${NOT_VALID_STATE}No streaming destination with streamArn: ${streamArn} found for table with tableName: ${def.name}`);
};
