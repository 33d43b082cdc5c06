import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  CreateTableCommand,
  DeleteResourcePolicyCommand,
  DescribeTableCommand,
  GetResourcePolicyCommand,
  PolicyNotFoundException,
  PutResourcePolicyCommand,
} from '@aws-sdk/client-dynamodb';
import { ManualClock } from '../src/shared/clock.js';
import { startTestEddy, uniqueName, type TestEddy } from './helpers/eddy.js';

/**
 * Put/Get/DeleteResourcePolicy through the AWS SDK v3 and raw HTTP. Expected answers: live DynamoDB
 * (ack-api-quirks catalogue, October 2026, finding ids in the test names; moto's AWS-verified
 * test_resource_policy.py for the ExpectedRevisionId texts). Error cases: resource-policies-errors.test.ts.
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

const NOT_FOUND = 'Resource-based policy not found for the provided ResourceArn: ';

/** A policy allowing `action` to one account on `resource`, as sent (pretty-printed, lists). */
function policy(resource: string, action = 'dynamodb:GetItem', extra: Record<string, unknown> = {}): string {
  const statement = { Sid: 'Read', Effect: 'Allow', Principal: { AWS: ['111122223333'] }, Action: [action], Resource: [resource] };
  return JSON.stringify({ Version: '2012-10-17', Statement: [{ ...statement, ...extra }] }, null, 2);
}

/** The same policy as GetResourcePolicy returns it. */
function canonical(resource: string, action = 'dynamodb:GetItem'): string {
  return `{"Version":"2012-10-17","Statement":[{"Sid":"Read","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"${action}","Resource":"${resource}"}]}`;
}

async function table(stream = false): Promise<{ name: string; arn: string; streamArn: string }> {
  const name = uniqueName('rp');
  const r = await t.client.send(
    new CreateTableCommand({
      TableName: name,
      BillingMode: 'PAY_PER_REQUEST',
      KeySchema: [{ AttributeName: 'p', KeyType: 'HASH' }],
      AttributeDefinitions: [{ AttributeName: 'p', AttributeType: 'S' }],
      ...(stream ? { StreamSpecification: { StreamEnabled: true, StreamViewType: 'KEYS_ONLY' } } : {}),
    }),
  );
  return { name, arn: r.TableDescription?.TableArn ?? '', streamArn: r.TableDescription?.LatestStreamArn ?? '' };
}

const put = async (arn: string, doc: string, expected?: string) =>
  (await t.client.send(new PutResourcePolicyCommand({ ResourceArn: arn, Policy: doc, ExpectedRevisionId: expected }))).RevisionId;
const get = (arn: string) => t.client.send(new GetResourcePolicyCommand({ ResourceArn: arn }));
const raw = async (op: string, body: unknown) => {
  const r = await t.raw(op, body);
  return [r.status, r.json?.__type, r.json?.message] as const;
};
const policyNotFound = (message: string) => [400, 'com.amazonaws.dynamodb.v20120810#PolicyNotFoundException', `${NOT_FOUND}${message}`];
const later = (ms: number) => clock.advance(ms);

describe('a table policy', () => {
  it('Put answers the change instant as RevisionId; Get returns the canonical document (DDB-TABLE-207, -208, -351..-353)', async () => {
    const { arn } = await table();
    const revision = await put(arn, policy(arn));
    assert.equal(revision, String(clock.now()));
    assert.match(revision ?? '', /^\d{13}$/);
    const got = await get(arn);
    assert.equal(got.Policy, canonical(arn));
    assert.equal(got.RevisionId, revision);
    // Account id and its root ARN are one principal; a lowercase Effect is title-cased; keys reordered.
    const scrambled = JSON.stringify({ Statement: { Resource: arn, Action: 'dynamodb:GetItem', Principal: { AWS: ['111122223333', 'arn:aws:iam::111122223333:root'] }, Effect: 'allow', Sid: 'Read' }, Version: '2012-10-17' });
    assert.equal(await put(arn, scrambled), revision, 'an equivalent document is a no-op, even inside the 15 s window');
    assert.equal((await get(arn)).Policy, canonical(arn));
  });

  it('multi-element lists stay as sent; Condition singletons collapse; Version omitted reads 2008-10-17 (DDB-TABLE-353, -354)', async () => {
    const { arn } = await table();
    const doc = JSON.stringify({
      Statement: [{ Effect: 'Deny', Principal: '*', Action: ['dynamodb:Query', 'dynamodb:GetItem', 'dynamodb:GetItem'], Resource: [`${arn}/index/*`, arn], Condition: { StringEquals: { 'aws:PrincipalAccount': ['111122223333'] } } }],
    });
    const first = await put(arn, doc);
    const expected = `{"Version":"2008-10-17","Statement":[{"Effect":"Deny","Principal":"*","Action":["dynamodb:Query","dynamodb:GetItem","dynamodb:GetItem"],"Resource":["${arn}/index/*","${arn}"],"Condition":{"StringEquals":{"aws:PrincipalAccount":"111122223333"}}}]}`;
    const got = await get(arn);
    assert.equal(got.Policy, expected);
    assert.equal(await put(arn, doc), first, 'the same versionless document again is a no-op');
    later(15_000);
    const second = await put(arn, expected);
    assert.notEqual(second, first, 'Version 2008-10-17 given explicitly is another document');
    assert.ok(Number(second) > Number(first));
  });

  it('a changed document within 1 s is ResourceInUse, then Throttling until 15 s after the change (DDB-TABLE-206, -347)', async () => {
    const { name, arn } = await table();
    const first = await put(arn, policy(arn));
    later(200);
    assert.deepEqual(await raw('PutResourcePolicy', { ResourceArn: arn, Policy: policy(arn, 'dynamodb:Query'), ExpectedRevisionId: first }), [
      400,
      'com.amazonaws.dynamodb.v20120810#ResourceInUseException',
      `Attempt to change a resource which is still in use: Table is pending previous resource-based policy update: ${name}`,
    ]);
    later(2_000);
    const after = new Date(Number(first) + 15_000).toISOString();
    const throttled = [400, 'com.amazonaws.dynamodb.v20120810#ThrottlingException', `Resource-based policy for table ${name} modified within the previous 15000 milliseconds. Please try again after ${after}.`];
    assert.deepEqual(await raw('PutResourcePolicy', { ResourceArn: arn, Policy: policy(arn, 'dynamodb:Query') }), throttled);
    assert.deepEqual(await raw('DeleteResourcePolicy', { ResourceArn: arn }), throttled);
    later(12_799);
    assert.deepEqual(await raw('DeleteResourcePolicy', { ResourceArn: arn }), throttled, 'still 1 ms before the end');
    later(1);
    const second = await put(arn, policy(arn, 'dynamodb:Query'), first);
    assert.equal(second, String(clock.now()));
    assert.equal((await get(arn)).Policy, canonical(arn, 'dynamodb:Query'));
    // DeleteTable while the change applies is refused, though the table is ACTIVE (DDB-TABLE-348).
    later(999);
    assert.deepEqual(await raw('DeleteTable', { TableName: name }), [
      400,
      'com.amazonaws.dynamodb.v20120810#ResourceInUseException',
      `Attempt to change a resource which is still in use: Table: ${name} has a pending resource-based policy update.`,
    ]);
    later(1);
    assert.equal((await raw('DeleteTable', { TableName: name }))[0], 200);
  });

  it('ExpectedRevisionId: a stale id and NO_POLICY over a policy are PolicyNotFoundException (moto aws_verified; DDB-TABLE-209)', async () => {
    const { name, arn } = await table();
    const none = await table();
    assert.ok(await put(none.arn, policy(none.arn), 'NO_POLICY'), 'NO_POLICY without a policy attaches it');
    assert.deepEqual(
      await raw('PutResourcePolicy', { ResourceArn: arn, Policy: policy(arn), ExpectedRevisionId: '123456789' }),
      policyNotFound(`Requested update for policy with revision id 123456789, but table ${name} has no associated policy.`),
    );
    assert.deepEqual(
      await raw('DeleteResourcePolicy', { ResourceArn: arn, ExpectedRevisionId: '123456789' }),
      policyNotFound(`Requested update for policy with revision id 123456789, but table ${name} has no associated policy.`),
    );
    const first = await put(arn, policy(arn));
    later(15_000);
    const second = await put(arn, policy(arn, 'dynamodb:PutItem'), first);
    later(15_000);
    const stale = `Requested update for policy with revision id ${first}, but the policy associated to target table ${name} has revision id ${second}.`;
    assert.deepEqual(await raw('PutResourcePolicy', { ResourceArn: arn, Policy: policy(arn), ExpectedRevisionId: first }), policyNotFound(stale));
    assert.deepEqual(await raw('DeleteResourcePolicy', { ResourceArn: arn, ExpectedRevisionId: first }), policyNotFound(stale));
    assert.deepEqual(
      await raw('PutResourcePolicy', { ResourceArn: arn, Policy: policy(arn), ExpectedRevisionId: 'NO_POLICY' }),
      policyNotFound(`Requested policy update expecting none to be present for table ${name}, but a policy exists with revision id ${second}.`),
    );
    assert.equal((await get(arn)).RevisionId, second, 'refused requests leave the policy alone');
  });

  it('Get without a policy: PolicyNotFoundException naming the ARN; Delete is idempotent (DDB-TABLE-205)', async () => {
    const { arn } = await table();
    assert.deepEqual(await raw('GetResourcePolicy', { ResourceArn: arn }), policyNotFound(arn));
    await assert.rejects(get(arn), (e: unknown) => e instanceof PolicyNotFoundException && e.message === `${NOT_FOUND}${arn}`);
    const empty = await t.raw('DeleteResourcePolicy', { ResourceArn: arn });
    assert.equal(empty.status, 200);
    assert.deepEqual(empty.json, {});
  });

  it('Delete echoes the removed RevisionId; the deletion is a revision of its own for 15 s (DDB-TABLE-205, -246)', async () => {
    const { name, arn } = await table();
    const revision = await put(arn, policy(arn));
    later(15_000);
    const removed = await t.client.send(new DeleteResourcePolicyCommand({ ResourceArn: arn, ExpectedRevisionId: revision }));
    assert.equal(removed.RevisionId, revision);
    const deletedAt = String(clock.now());
    assert.deepEqual(await raw('GetResourcePolicy', { ResourceArn: arn }), policyNotFound(arn));
    later(2_000);
    assert.equal((await t.client.send(new DeleteResourcePolicyCommand({ ResourceArn: arn }))).RevisionId, deletedAt);
    assert.deepEqual(
      await raw('DeleteResourcePolicy', { ResourceArn: arn, ExpectedRevisionId: revision }),
      policyNotFound(`Requested update for policy with revision id ${revision}, but the policy associated to target table ${name} has revision id ${deletedAt}.`),
    );
    const [, type, message] = await raw('PutResourcePolicy', { ResourceArn: arn, Policy: policy(arn) });
    assert.equal(type, 'com.amazonaws.dynamodb.v20120810#ThrottlingException');
    assert.match(message ?? '', new RegExp(`Please try again after ${new Date(Number(deletedAt) + 15_000).toISOString()}\\.$`));
    later(13_000);
    assert.equal((await t.client.send(new DeleteResourcePolicyCommand({ ResourceArn: arn }))).RevisionId, undefined);
    const again = await put(arn, policy(arn));
    assert.ok(Number(again) > Number(deletedAt));
  });
});

describe('a stream policy', () => {
  it('is a slot of its own: own RevisionId and window; the table slot is untouched (DDB-TABLE-212, -213)', async () => {
    const { name, arn, streamArn } = await table(true);
    const label = streamArn.slice(streamArn.lastIndexOf('/') + 1);
    assert.deepEqual(await raw('GetResourcePolicy', { ResourceArn: streamArn }), policyNotFound(streamArn));
    const doc = policy(streamArn, 'dynamodb:GetRecords');
    const revision = await put(streamArn, doc);
    const got = await get(streamArn);
    assert.equal(got.Policy, canonical(streamArn, 'dynamodb:GetRecords'));
    assert.equal(got.RevisionId, revision);
    assert.deepEqual(await raw('GetResourcePolicy', { ResourceArn: arn }), policyNotFound(arn));
    later(500);
    assert.ok(await put(arn, policy(arn)), 'the table slot is not blocked by the stream slot');
    later(1_000);
    const [, type, message] = await raw('PutResourcePolicy', { ResourceArn: streamArn, Policy: policy(streamArn, 'dynamodb:DescribeStream') });
    assert.equal(type, 'com.amazonaws.dynamodb.v20120810#ThrottlingException');
    assert.match(message ?? '', new RegExp(`^Resource-based policy for stream ${label} modified within the previous 15000 milliseconds`));
    const bogus = `${arn}/stream/2000-01-01T00:00:00.000`;
    for (const op of ['GetResourcePolicy', 'DeleteResourcePolicy']) {
      assert.deepEqual(await raw(op, { ResourceArn: bogus }), [
        400,
        'com.amazonaws.dynamodb.v20120810#ResourceNotFoundException',
        `Requested resource not found: Stream: 2000-01-01T00:00:00.000 not found for Table: ${name}`,
      ]);
    }
    later(14_000);
    assert.equal((await t.client.send(new DeleteResourcePolicyCommand({ ResourceArn: streamArn }))).RevisionId, revision);
    assert.deepEqual(await raw('GetResourcePolicy', { ResourceArn: streamArn }), policyNotFound(streamArn));
    assert.equal((await get(arn)).Policy, canonical(arn));
  });
});

describe('CreateTable ResourcePolicy', () => {
  it('is readable with the creation instant as RevisionId and is not shown by DescribeTable (DDB-TABLE-233)', async () => {
    const name = uniqueName('rpc');
    const arn = `arn:aws:dynamodb:us-east-1:000000000000:table/${name}`;
    const created = await t.raw('CreateTable', {
      TableName: name,
      BillingMode: 'PAY_PER_REQUEST',
      KeySchema: [{ AttributeName: 'p', KeyType: 'HASH' }],
      AttributeDefinitions: [{ AttributeName: 'p', AttributeType: 'S' }],
      ResourcePolicy: policy(arn),
    });
    assert.equal(created.status, 200, created.body);
    const at = String(clock.now());
    assert.equal(created.json.TableDescription.TableArn, arn);
    assert.ok(!/olicy|Revision/.test(created.body), created.body);
    const described = await t.client.send(new DescribeTableCommand({ TableName: name }));
    assert.ok(!/olicy|Revision/.test(JSON.stringify(described.Table)));
    assert.deepEqual(await raw('GetResourcePolicy', { ResourceArn: arn }), [200, undefined, undefined]);
    const got = await get(arn);
    assert.equal(got.Policy, canonical(arn));
    assert.equal(got.RevisionId, at);
  });
});
