import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  CreateTableCommand,
  DeleteTableCommand,
  DescribeTableCommand,
  ListTagsOfResourceCommand,
  TagResourceCommand,
  ThrottlingException,
  UntagResourceCommand,
  UpdateTableCommand,
  type CreateTableCommandInput,
} from '@aws-sdk/client-dynamodb';
import { ManualClock } from '../src/shared/clock.js';
import { startTestEddy, uniqueName, type RawResponse, type TestEddy } from './helpers/eddy.js';

/**
 * Control-plane limits through the AWS SDK v3 and raw HTTP. Expected answers: live DynamoDB
 * (ack-api-quirks catalogue, October 2026; finding ids in the test names): the 15 s
 * DeletionProtection cooldown, the 10240-byte tag set limit, and stream / index ARNs in the tagging APIs.
 */
const START = Date.parse('2026-10-09T00:00:00.000Z');
const clock = new ManualClock(START);
let t: TestEddy;

before(async () => {
  t = await startTestEddy({ clock });
});
after(async () => {
  await t.stop();
});

const NS = 'com.amazonaws.dynamodb.v20120810';
const INVALID = 'One or more parameter values were invalid: ';

async function table(extra: Partial<CreateTableCommandInput> = {}, name = uniqueName('cpl')) {
  const r = await t.client.send(
    new CreateTableCommand({
      TableName: name,
      BillingMode: 'PAY_PER_REQUEST',
      KeySchema: [{ AttributeName: 'p', KeyType: 'HASH' }],
      AttributeDefinitions: [{ AttributeName: 'p', AttributeType: 'S' }],
      ...extra,
    }),
  );
  return { name, arn: r.TableDescription?.TableArn ?? '', streamArn: r.TableDescription?.LatestStreamArn ?? '' };
}

const dp = (name: string, value: boolean) => t.raw('UpdateTable', { TableName: name, DeletionProtectionEnabled: value });
const protectedNow = async (name: string) => (await t.client.send(new DescribeTableCommand({ TableName: name }))).Table?.DeletionProtectionEnabled;

function expectError(r: RawResponse, type: string, message: string): void {
  assert.equal(r.status, 400, r.body);
  assert.deepEqual([r.json.__type, r.json.message], [type, message]);
}

function cooldown(name: string, changedAt: number): string {
  const after = new Date(changedAt + 15_000).toISOString();
  return `Deletion protection setting for table ${name} modified within the previous 15000 milliseconds. Please try again after ${after}`;
}

describe('DeletionProtection cooldown (DDB-TABLE-003, -018, -383, -445, -464)', () => {
  it('a second change within 15 s is a ThrottlingException naming the end of the window', async () => {
    const { name } = await table();
    const t0 = clock.now();
    const on = await dp(name, true);
    assert.equal(on.status, 200, on.body);
    assert.equal(on.json.TableDescription.TableStatus, 'ACTIVE');
    assert.equal(on.json.TableDescription.DeletionProtectionEnabled, true);

    clock.advance(1000);
    // A re-send of the current value inside the window is a 200 (DDB-TABLE-018).
    const again = await dp(name, true);
    assert.equal(again.status, 200, again.body);

    clock.advance(1300);
    expectError(await dp(name, false), `${NS}#ThrottlingException`, cooldown(name, t0));
    await assert.rejects(
      t.client.send(new UpdateTableCommand({ TableName: name, DeletionProtectionEnabled: false })),
      (e: unknown) => e instanceof ThrottlingException && e.message === cooldown(name, t0),
    );
    assert.equal(await protectedNow(name), true);

    clock.set(t0 + 14_999);
    expectError(await dp(name, false), `${NS}#ThrottlingException`, cooldown(name, t0));

    clock.set(t0 + 15_000);
    const off = await dp(name, false);
    assert.equal(off.status, 200, off.body);
    assert.equal(off.json.TableDescription.DeletionProtectionEnabled, false);
    assert.equal(await protectedNow(name), false);

    // The accepted change opens a new window; the refused ones did not.
    clock.advance(5);
    expectError(await dp(name, true), `${NS}#ThrottlingException`, cooldown(name, t0 + 15_000));
  });

  it('same-value re-sends neither open the window nor count (DDB-TABLE-383)', async () => {
    const { name } = await table();
    for (let i = 0; i < 20; i++) assert.equal((await dp(name, false)).status, 200);
    const flip = await dp(name, true);
    assert.equal(flip.status, 200, flip.body);
    assert.equal(await protectedNow(name), true);
  });

  it('DeleteTable is admitted right after DeletionProtectionEnabled=false (DDB-TABLE-438)', async () => {
    const { name } = await table({ DeletionProtectionEnabled: true });
    // Eddy's choice (unrecorded): CreateTable's DeletionProtectionEnabled opens no window.
    assert.equal((await dp(name, false)).status, 200);
    const del = await t.raw('DeleteTable', { TableName: name });
    assert.equal(del.status, 200, del.body);
  });

  it('the window belongs to the table incarnation (DDB-TABLE-377)', async () => {
    const { name } = await table();
    assert.equal((await dp(name, true)).status, 200);
    clock.advance(15_000);
    assert.equal((await dp(name, false)).status, 200);
    assert.equal((await dp(name, true)).json.__type, `${NS}#ThrottlingException`);
    await t.client.send(new DeleteTableCommand({ TableName: name }));
    clock.advance(1);
    await table({}, name);
    clock.advance(1000);
    const r = await dp(name, true);
    assert.equal(r.status, 200, r.body);
  });

  it('a table being created or deleted answers ResourceInUse before the window', async () => {
    const slow = await startTestEddy({ clock, tableStatusDelayMs: 1000 });
    try {
      const name = uniqueName('cpl');
      const created = await slow.raw('CreateTable', {
        TableName: name,
        BillingMode: 'PAY_PER_REQUEST',
        KeySchema: [{ AttributeName: 'p', KeyType: 'HASH' }],
        AttributeDefinitions: [{ AttributeName: 'p', AttributeType: 'S' }],
      });
      assert.equal(created.status, 200, created.body);
      const r = await slow.raw('UpdateTable', { TableName: name, DeletionProtectionEnabled: true });
      expectError(r, `${NS}#ResourceInUseException`, `Attempt to change a resource which is still in use: Table is being created: ${name}`);
    } finally {
      await slow.stop();
    }
  });
});

const list = async (arn: string) => (await t.client.send(new ListTagsOfResourceCommand({ ResourceArn: arn }))).Tags ?? [];
const tag = (arn: string, tags: { Key: string; Value: string }[]) => t.raw('TagResource', { ResourceArn: arn, Tags: tags });

/** `n` tags of `keyLen` + `valueLen` ASCII bytes each, keys starting with `prefix`. */
function tagsOf(n: number, prefix: string, keyLen = 128, valueLen = 128) {
  return Array.from({ length: n }, (_, i) => ({ Key: `${prefix}${i}`.padEnd(keyLen, 'k'), Value: 'v'.repeat(valueLen) }));
}

describe('tag set size: 10240 bytes, checked on the merged set (DDB-TABLE-109, -442)', () => {
  it('exactly 10240 bytes is accepted; one merged byte more is refused and nothing is applied', async () => {
    const { arn } = await table();
    const forty = tagsOf(40, 'a');
    assert.equal((await tag(arn, forty)).status, 200);
    assert.equal((await list(arn)).length, 40);

    expectError(
      await tag(arn, [{ Key: 'x', Value: 'y' }, { Key: 'z', Value: '' }]),
      'com.amazon.coral.validate#ValidationException',
      'Tag set size 10243 bytes is above max size limit of 10240 bytes',
    );
    assert.equal((await list(arn)).length, 40);

    // Replacing a value by a shorter one keeps the merged set within the limit.
    const first = forty[0];
    assert.ok(first);
    assert.equal((await tag(arn, [{ Key: first.Key, Value: 'short' }, { Key: 'x', Value: 'y' }])).status, 200);
    assert.equal((await list(arn)).length, 41);
  });

  it('one request larger than the limit on an empty table', async () => {
    const { arn } = await table();
    await assert.rejects(
      t.client.send(new TagResourceCommand({ ResourceArn: arn, Tags: tagsOf(30, 'b', 128, 256) })),
      (e: unknown) => e instanceof Error && e.name === 'ValidationException' && e.message === 'Tag set size 11520 bytes is above max size limit of 10240 bytes',
    );
    assert.deepEqual(await list(arn), []);
  });
});

describe('stream and index ARNs in the tagging APIs (DDB-TABLE-071, -136, -373)', () => {
  it("the live stream ARN is a tag slot of its own; the table's tags are not shown there", async () => {
    const { arn, streamArn } = await table({
      StreamSpecification: { StreamEnabled: true, StreamViewType: 'KEYS_ONLY' },
      Tags: [{ Key: 'owner', Value: 'table' }],
    });
    assert.ok(streamArn.startsWith(`${arn}/stream/`));
    assert.deepEqual(await list(streamArn), []);

    await t.client.send(new TagResourceCommand({ ResourceArn: streamArn, Tags: [{ Key: 's', Value: '1' }, { Key: 'u', Value: '2' }] }));
    assert.deepEqual(await list(streamArn), [{ Key: 's', Value: '1' }, { Key: 'u', Value: '2' }]);
    assert.deepEqual(await list(arn), [{ Key: 'owner', Value: 'table' }]);

    await t.client.send(new TagResourceCommand({ ResourceArn: arn, Tags: [{ Key: 'more', Value: 'x' }] }));
    assert.deepEqual(await list(streamArn), [{ Key: 's', Value: '1' }, { Key: 'u', Value: '2' }]);

    await t.client.send(new UntagResourceCommand({ ResourceArn: streamArn, TagKeys: ['s', 'absent'] }));
    assert.deepEqual(await list(streamArn), [{ Key: 'u', Value: '2' }]);
    assert.deepEqual(await list(arn), [{ Key: 'owner', Value: 'table' }, { Key: 'more', Value: 'x' }]);

    // The stream slot has the table's limits.
    expectError(await tag(streamArn, tagsOf(50, 'c', 1, 0)), 'com.amazon.coral.validate#ValidationException', 'Number of Tags exceed the current limit for the provided ResourceArn');
    expectError(await tag(streamArn, tagsOf(41, 'd')), 'com.amazon.coral.validate#ValidationException', 'Tag set size 10498 bytes is above max size limit of 10240 bytes');
  });

  it('a stream ARN that is not the live stream is not found', async () => {
    const { name, arn, streamArn } = await table({ StreamSpecification: { StreamEnabled: true, StreamViewType: 'KEYS_ONLY' } });
    const bogus = `${arn}/stream/2000-01-01T00:00:00.000`;
    const notFound = (a: string) => `Requested resource not found: ResourceArn: ${a} not found`;
    expectError(await t.raw('ListTagsOfResource', { ResourceArn: bogus }), `${NS}#ResourceNotFoundException`, notFound(bogus));
    expectError(await tag(bogus, [{ Key: 'k', Value: 'v' }]), `${NS}#ResourceNotFoundException`, notFound(bogus));
    expectError(await t.raw('UntagResource', { ResourceArn: bogus, TagKeys: ['k'] }), `${NS}#ResourceNotFoundException`, notFound(bogus));

    await t.client.send(new UpdateTableCommand({ TableName: name, StreamSpecification: { StreamEnabled: false } }));
    clock.advance(1);
    expectError(await t.raw('ListTagsOfResource', { ResourceArn: streamArn }), `${NS}#ResourceNotFoundException`, notFound(streamArn));
    expectError(await tag(streamArn, [{ Key: 'k', Value: 'v' }]), `${NS}#ResourceNotFoundException`, notFound(streamArn));
  });

  it('an index ARN is refused by all three operations', async () => {
    const name = uniqueName('cpl');
    const r = await t.client.send(
      new CreateTableCommand({
        TableName: name,
        BillingMode: 'PAY_PER_REQUEST',
        KeySchema: [{ AttributeName: 'p', KeyType: 'HASH' }],
        AttributeDefinitions: [
          { AttributeName: 'p', AttributeType: 'S' },
          { AttributeName: 'g', AttributeType: 'S' },
        ],
        GlobalSecondaryIndexes: [{ IndexName: 'byG', KeySchema: [{ AttributeName: 'g', KeyType: 'HASH' }], Projection: { ProjectionType: 'ALL' } }],
      }),
    );
    const indexArn = r.TableDescription?.GlobalSecondaryIndexes?.[0]?.IndexArn ?? '';
    assert.ok(indexArn.endsWith('/index/byG'));
    const message = `${INVALID}Invalid resource arn provided, only table or stream is accepted. Provided resource arn: ${indexArn}`;
    const type = 'com.amazon.coral.validate#ValidationException';
    expectError(await t.raw('ListTagsOfResource', { ResourceArn: indexArn }), type, message);
    expectError(await tag(indexArn, [{ Key: 'k', Value: 'v' }]), type, message);
    expectError(await t.raw('UntagResource', { ResourceArn: indexArn, TagKeys: ['k'] }), type, message);
  });
});
