import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  DescribeKinesisStreamingDestinationCommand,
  EnableKinesisStreamingDestinationCommand,
} from '@aws-sdk/client-dynamodb';
import { ManualClock } from '../src/shared/clock.js';
import type { StartOptions } from '../src/server/start.js';
import { startTestEddy, uniqueName, type RawResponse, type TestEddy } from './helpers/eddy.js';
import { itOnEveryDurableEngine, rawOk } from './helpers/restart.js';

/**
 * EnableKinesisStreamingDestination and what Describe/Disable/Update show afterwards. Eddy has no
 * Kinesis: every Enable is accepted and fails as DynamoDB fails it for a stream it cannot use
 * (ack-api-quirks DDB-TABLE-318, -268, -299, -300, -236; src/dynamodb/kinesis/destinations.ts).
 */
type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any -- test JSON
const ACCOUNT = '000000000000';
const stream = (name: string, region = 'us-east-1', account = ACCOUNT) => `arn:aws:kinesis:${region}:${account}:stream/${name}`;
const NOT_VALID = 'Table is not in a valid state to enable Kinesis Streaming Destination: ';
const REFUSED = `${NOT_VALID}EnableKinesisStreamingDestination must be DISABLED or ENABLE_FAILED to perform ENABLE operation.`;
const NO_PERMISSION = 'User does not have a permission to use kinesis stream';
const VALIDATION = 'com.amazon.coral.validate#ValidationException';
const RNF = 'com.amazonaws.dynamodb.v20120810#ResourceNotFoundException';
const DELAY = 1000;

let clock: ManualClock;
let e: TestEddy;

const ok = rawOk;

function assertError(res: RawResponse, type: string, message: string): void {
  assert.equal(res.status, 400, res.body);
  assert.deepEqual(res.json, { __type: type, message });
}

async function newTable(t: TestEddy, name = uniqueName('kd')): Promise<string> {
  await ok(t, 'CreateTable', {
    TableName: name,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
    KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
  });
  clock.advance(DELAY);
  return name;
}

const enable = (t: TestEddy, TableName: string, StreamArn: string, extra: Record<string, unknown> = {}) =>
  t.raw('EnableKinesisStreamingDestination', { TableName, StreamArn, ...extra });
const destinations = async (t: TestEddy, TableName: string) =>
  (await ok(t, 'DescribeKinesisStreamingDestination', { TableName })).KinesisDataStreamDestinations;

before(async () => {
  clock = new ManualClock(Date.UTC(2026, 9, 9, 12));
  e = await startTestEddy({ clock, tableStatusDelayMs: DELAY });
});
after(async () => {
  await e.stop();
});

describe('EnableKinesisStreamingDestination', () => {
  it('answers 200 ENABLING with the four members and {} for no configuration; Describe lists it', async () => {
    const table = await newTable(e);
    const arn = stream('s1');
    const res = await enable(e, table, arn);
    assert.equal(res.status, 200, res.body);
    assert.deepEqual(res.json, { TableName: table, StreamArn: arn, DestinationStatus: 'ENABLING', EnableKinesisStreamingConfiguration: {} });
    assert.deepEqual(await destinations(e, table), [{ StreamArn: arn, DestinationStatus: 'ENABLING' }]);
  });

  it('a stream that cannot be used is ENABLE_FAILED 2 s later, with the permission text', async () => {
    const table = await newTable(e);
    const arn = stream('missing');
    await e.client.send(new EnableKinesisStreamingDestinationCommand({ TableName: table, StreamArn: arn }));
    clock.advance(1999);
    assert.deepEqual(await destinations(e, table), [{ StreamArn: arn, DestinationStatus: 'ENABLING' }]);
    clock.advance(1);
    const out = await e.client.send(new DescribeKinesisStreamingDestinationCommand({ TableName: table }));
    assert.deepEqual(out.KinesisDataStreamDestinations, [{ StreamArn: arn, DestinationStatus: 'ENABLE_FAILED', DestinationStatusDescription: NO_PERMISSION }]);
  });

  it('the failure text and delay follow the ARN: other region, table ARN, other account, Firehose', async () => {
    const cases = [
      { arn: stream('s', 'eu-west-1'), after: 1000, text: 'The kinesis Arn used to enable kinesis replication belongs to a stream which is not in the current region' },
      { arn: `arn:aws:dynamodb:us-east-1:${ACCOUNT}:table/some-table`, after: 1000, text: NO_PERMISSION },
      { arn: stream('s', 'us-east-1', '123456789012'), after: 61_700, text: 'The kinesis Arn used to enable kinesis replication belongs to a stream which is not in Active state' },
      { arn: `arn:aws:firehose:us-east-1:${ACCOUNT}:deliverystream/d1`, after: 61_700, text: 'The kinesis Arn used to enable kinesis replication belongs to a stream which is not in Active state' },
      { arn: `${stream('s')}/consumer/c1:1700000000`, after: 2000, text: NO_PERMISSION },
    ];
    for (const c of cases) {
      const table = await newTable(e);
      assert.equal((await enable(e, table, c.arn)).status, 200);
      clock.advance(c.after - 1);
      assert.equal((await destinations(e, table))[0].DestinationStatus, 'ENABLING', c.arn);
      clock.advance(1);
      assert.deepEqual(await destinations(e, table), [{ StreamArn: c.arn, DestinationStatus: 'ENABLE_FAILED', DestinationStatusDescription: c.text }], c.arn);
    }
  });

  it('is refused while a destination is ENABLING (the same stream or another)', async () => {
    const table = await newTable(e);
    await enable(e, table, stream('a'));
    assertError(await enable(e, table, stream('a')), VALIDATION, REFUSED);
    assertError(await enable(e, table, stream('b')), VALIDATION, REFUSED);
    assert.equal((await destinations(e, table)).length, 1);
  });

  it('failed entries accumulate newest first; a re-Enable flips its entry to the front', async () => {
    const table = await newTable(e);
    await enable(e, table, stream('n1'));
    clock.advance(2000);
    await enable(e, table, stream('n2'));
    clock.advance(2000);
    const failed = (arn: string) => ({ StreamArn: arn, DestinationStatus: 'ENABLE_FAILED', DestinationStatusDescription: NO_PERMISSION });
    assert.deepEqual(await destinations(e, table), [failed(stream('n2')), failed(stream('n1'))]);
    assert.equal((await enable(e, table, stream('n1'))).status, 200);
    assert.deepEqual(await destinations(e, table), [{ StreamArn: stream('n1'), DestinationStatus: 'ENABLING' }, failed(stream('n2'))]);
  });

  it('echoes a precision and shows it on the entry; a re-Enable without one drops it', async () => {
    const table = await newTable(e);
    const arn = stream('p');
    const config = { ApproximateCreationDateTimePrecision: 'MICROSECOND' };
    const res = await enable(e, table, arn, { EnableKinesisStreamingConfiguration: config });
    assert.deepEqual(res.json.EnableKinesisStreamingConfiguration, config);
    assert.deepEqual(await destinations(e, table), [{ StreamArn: arn, DestinationStatus: 'ENABLING', ApproximateCreationDateTimePrecision: 'MICROSECOND' }]);
    clock.advance(2000);
    await enable(e, table, arn);
    assert.deepEqual(await destinations(e, table), [{ StreamArn: arn, DestinationStatus: 'ENABLING' }]);
    const bad = await enable(e, table, arn, { EnableKinesisStreamingConfiguration: { ApproximateCreationDateTimePrecision: 'SECOND' } });
    assertError(bad, VALIDATION, "1 validation error detected: Value 'SECOND' at 'enableKinesisStreamingConfiguration.approximateCreationDateTimePrecision' failed to satisfy constraint: Member must satisfy enum value set: [MILLISECOND, MICROSECOND]");
  });

  it('a missing or CREATING table is not found; a DELETING one refuses; a re-created one starts empty', async () => {
    const missing = uniqueName('gone');
    assertError(await enable(e, missing, stream('x')), RNF, `Requested resource not found: Table: ${missing} not found`);
    const creating = uniqueName('kc');
    await ok(e, 'CreateTable', { TableName: creating, BillingMode: 'PAY_PER_REQUEST', AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }], KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }] });
    assertError(await enable(e, creating, stream('x')), RNF, `Requested resource not found: Table: ${creating} not found`);
    clock.advance(DELAY);
    await enable(e, creating, stream('x'));
    await ok(e, 'DeleteTable', { TableName: creating });
    assertError(await enable(e, creating, stream('y')), VALIDATION, REFUSED);
    clock.advance(DELAY);
    await newTable(e, creating);
    assert.deepEqual(await destinations(e, creating), []);
  });
});

describe('Disable and Update of a destination that is not ACTIVE', () => {
  it('Disable: must be ACTIVE, while ENABLING and once ENABLE_FAILED', async () => {
    const table = await newTable(e);
    const arn = stream('d');
    await enable(e, table, arn);
    const text = `${NOT_VALID}KinesisStreamingDestination must be ACTIVE to perform DISABLE operation.`;
    assertError(await e.raw('DisableKinesisStreamingDestination', { TableName: table, StreamArn: arn }), VALIDATION, text);
    clock.advance(2000);
    assertError(await e.raw('DisableKinesisStreamingDestination', { TableName: table, StreamArn: arn }), VALIDATION, text);
  });

  it('Update: not in ACTIVE state for an attached stream, no such destination for another', async () => {
    const table = await newTable(e);
    const arn = stream('u');
    await enable(e, table, arn);
    const body = { TableName: table, StreamArn: arn, UpdateKinesisStreamingConfiguration: { ApproximateCreationDateTimePrecision: 'MICROSECOND' } };
    const text = `${NOT_VALID}Kinesis streaming is not in ACTIVE state. Updates are only allowed in ACTIVE state. TableName: ${table}`;
    assertError(await e.raw('UpdateKinesisStreamingDestination', body), VALIDATION, text);
    clock.advance(2000);
    assertError(await e.raw('UpdateKinesisStreamingDestination', body), VALIDATION, text);
    const other = stream('never');
    assertError(
      await e.raw('UpdateKinesisStreamingDestination', { ...body, StreamArn: other }),
      VALIDATION,
      `${NOT_VALID}No streaming destination with streamArn: ${other} found for table with tableName: ${table}`,
    );
  });
});

/** Enables a destination, restarts on the same storage, and sees it ENABLING, then failed on time. */
async function restartKeepsDestinations(opts: Partial<StartOptions>): Promise<void> {
  const first = await startTestEddy({ clock, tableStatusDelayMs: DELAY, ...opts });
  const name = uniqueName('kr');
  try {
    await newTable(first, name);
    await enable(first, name, stream('r1'));
    clock.advance(2000);
    await enable(first, name, stream('r2', 'us-west-2'));
  } finally {
    await first.stop();
  }
  const second = await startTestEddy({ clock, tableStatusDelayMs: DELAY, ...opts });
  try {
    const [r2, r1] = await destinations(second, name);
    assert.deepEqual(r1, { StreamArn: stream('r1'), DestinationStatus: 'ENABLE_FAILED', DestinationStatusDescription: NO_PERMISSION });
    assert.deepEqual(r2, { StreamArn: stream('r2', 'us-west-2'), DestinationStatus: 'ENABLING' });
    clock.advance(1000);
    assert.equal((await destinations(second, name))[0].DestinationStatus, 'ENABLE_FAILED');
  } finally {
    await second.stop();
  }
}

describe('Kinesis destinations survive a restart', () => {
  itOnEveryDurableEngine('eddy-kd-', restartKeepsDestinations);
});
