import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CreateBackupCommand,
  CreateTableCommand,
  DeleteTableCommand,
  GetResourcePolicyCommand,
  PutResourcePolicyCommand,
  RestoreTableFromBackupCommand,
} from '@aws-sdk/client-dynamodb';
import { ManualClock } from '../src/shared/clock.js';
import { startTestEddy, uniqueName, type TestEddy } from './helpers/eddy.js';
import { startTestPostgres } from './helpers/postgres.js';

/**
 * Refusals of Put/Get/DeleteResourcePolicy (ResourceArn forms, documents, table states) and the
 * policy's life with its table (restart, deletion, restore). Expected texts: live DynamoDB, October
 * 2026 (ack-api-quirks catalogue; finding ids in the test names).
 */
const clock = new ManualClock(Date.parse('2026-10-09T00:00:00.000Z'));
let t: TestEddy;
before(async () => {
  t = await startTestEddy({ clock });
});
after(async () => {
  await t.stop();
});

const VALIDATION = 'com.amazon.coral.validate#ValidationException';
const NOT_FOUND = 'com.amazonaws.dynamodb.v20120810#ResourceNotFoundException';
const IN_USE = 'com.amazonaws.dynamodb.v20120810#ResourceInUseException';
const INVALID = 'One or more parameter values were invalid: ';
const ACCOUNT = '000000000000';

const doc = (resource: string, statement: Record<string, unknown> = {}) =>
  JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: '111122223333' }, Action: 'dynamodb:GetItem', Resource: resource, ...statement }] });

async function createTable(on: TestEddy, name = uniqueName('rpe')): Promise<string> {
  const r = await on.client.send(
    new CreateTableCommand({
      TableName: name,
      BillingMode: 'PAY_PER_REQUEST',
      KeySchema: [{ AttributeName: 'p', KeyType: 'HASH' }],
      AttributeDefinitions: [{ AttributeName: 'p', AttributeType: 'S' }],
    }),
  );
  return r.TableDescription?.TableArn ?? '';
}

const raw = async (op: string, body: unknown, on: TestEddy = t) => {
  const r = await on.raw(op, body);
  return [r.status, r.json?.__type, r.json?.message] as const;
};

describe('ResourceArn forms (DDB-TABLE-212, DDB-TABLE-014)', () => {
  it('answers each malformed or foreign ARN as DynamoDB, on all three operations', async () => {
    const arn = await createTable(t);
    const name = arn.slice(arn.lastIndexOf('/') + 1);
    const cases: [string, string, string][] = [
      [name, VALIDATION, `${INVALID}ARNs must start with 'arn:': ${name}`],
      [`arn:aws:s3:::${name}`, VALIDATION, `${INVALID}Provided Arn is not a DynamoDB resource arn: arn:aws:s3:::${name}`],
      [`${arn}/backup/01700000000000-abcdef12`, VALIDATION, `${INVALID}Provided Arn is not a DynamoDB resource arn: ${arn}/backup/01700000000000-abcdef12`],
      [arn.replace(ACCOUNT, '123456789012'), VALIDATION, 'This action is only supported by accounts that match the resource owner\u2019s account.'],
      [arn.replace('us-east-1', 'eu-west-1'), VALIDATION, `${INVALID}Invalid resource Arn: ${arn.replace('us-east-1', 'eu-west-1')}`],
      [arn.replace('arn:aws:', 'arn:aws-cn:'), VALIDATION, `${INVALID}Invalid resource Arn: ${arn.replace('arn:aws:', 'arn:aws-cn:')}`],
      [`${arn}/index/gsi1`, VALIDATION, `${INVALID}Invalid resource arn provided, only table or stream is accepted. Provided resource arn: ${arn}/index/gsi1`],
      [`${arn}-missing`, NOT_FOUND, `Requested resource not found: Table: ${name}-missing not found`],
      [arn.replace(name, name.toUpperCase()), NOT_FOUND, `Requested resource not found: Table: ${name.toUpperCase()} not found`],
    ];
    for (const [resourceArn, type, message] of cases) {
      for (const op of ['GetResourcePolicy', 'PutResourcePolicy', 'DeleteResourcePolicy']) {
        assert.deepEqual(await raw(op, { ResourceArn: resourceArn, Policy: doc(arn) }), [400, type, message], `${op} ${resourceArn}`);
      }
    }
  });
});

describe('policy documents (DDB-TABLE-210, -211, -352, -356)', () => {
  it('refuses oversized, malformed, incomplete, duplicate-Sid and unbounded documents; leaves the policy alone', async () => {
    const arn = await createTable(t);
    const revision = (await t.client.send(new PutResourcePolicyCommand({ ResourceArn: arn, Policy: doc(arn) }))).RevisionId;
    clock.advance(20_000);
    const big = doc(arn).replace('{', `{${' '.repeat(20_480)}`);
    const cases: [string, string][] = [
      [big, `${INVALID}Maximum policy size of 20480 bytes exceeded`],
      ['{not json', `${INVALID}Invalid policy document: This policy contains invalid Json`],
      ['', `${INVALID}Invalid policy document: This policy contains invalid Json`],
      [JSON.stringify({ Version: '2012-10-17', Statement: [] }), `${INVALID}Invalid policy document: Could not parse the policy: Statement is empty!`],
      [JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: '111122223333' }, Action: 'dynamodb:GetItem' }] }), `${INVALID}Invalid policy document: Missing required field Resource`],
      [
        JSON.stringify({ Version: '2012-10-17', Statement: [JSON.parse(doc(arn, { Sid: 'A' })).Statement[0], JSON.parse(doc(arn, { Sid: 'A', Action: 'dynamodb:Query' })).Statement[0]] }),
        `${INVALID}Invalid policy document: The Statement Ids in the policy are not unique`,
      ],
      [doc(arn, { Principal: '*' }), 'Resource-based policy grants unbounded access in one or more elements. Please revise the policy to ensure least-privilege form of access'],
      [doc(arn, { Principal: { AWS: ['111122223333', '*'] } }), 'Resource-based policy grants unbounded access in one or more elements. Please revise the policy to ensure least-privilege form of access'],
    ];
    for (const [policy, message] of cases) {
      assert.deepEqual(await raw('PutResourcePolicy', { ResourceArn: arn, Policy: policy }), [400, VALIDATION, message], policy.slice(0, 80));
    }
    // 20480 bytes exactly is accepted (whitespace counts; it is stripped on read-back).
    const edge = doc(arn, { Sid: 'Edge' });
    const padded = edge.replace('{', `{${' '.repeat(20_480 - Buffer.byteLength(edge))}`);
    assert.equal(Buffer.byteLength(padded), 20_480);
    const accepted = await raw('PutResourcePolicy', { ResourceArn: arn, Policy: padded });
    assert.equal(accepted[0], 200);
    const got = await t.client.send(new GetResourcePolicyCommand({ ResourceArn: arn }));
    assert.notEqual(got.RevisionId, revision);
    assert.ok(got.Policy && got.Policy.length < 300 && got.Policy.includes('"Sid":"Edge"'));
  });

  it('a Deny of PutResourcePolicy to everyone needs ConfirmRemoveSelfResourceAccess (DDB-TABLE-210)', async () => {
    const arn = await createTable(t);
    const deny = doc(arn, { Effect: 'Deny', Principal: '*', Action: ['dynamodb:Put*'] });
    assert.deepEqual(await raw('PutResourcePolicy', { ResourceArn: arn, Policy: deny }), [
      400,
      'com.amazon.coral.service#AccessDeniedException',
      'The new resource policy will not allow you to update the resource policy in the future.',
    ]);
    assert.deepEqual(await raw('PutResourcePolicy', { ResourceArn: arn, Policy: deny, ConfirmRemoveSelfResourceAccess: false }), [
      400,
      'com.amazon.coral.service#AccessDeniedException',
      'The new resource policy will not allow you to update the resource policy in the future.',
    ]);
    const denyDelete = doc(arn, { Effect: 'Deny', Principal: '*', Action: 'dynamodb:DeleteResourcePolicy' });
    assert.equal((await t.raw('PutResourcePolicy', { ResourceArn: arn, Policy: denyDelete })).status, 200, 'denying only Delete is accepted');
    clock.advance(15_000);
    const ok = await t.client.send(new PutResourcePolicyCommand({ ResourceArn: arn, Policy: deny, ConfirmRemoveSelfResourceAccess: true }));
    assert.match(ok.RevisionId ?? '', /^\d{13}$/);
  });

  it('CreateTable refuses an invalid ResourcePolicy and creates nothing', async () => {
    const name = uniqueName('rpx');
    const body = {
      TableName: name,
      BillingMode: 'PAY_PER_REQUEST',
      KeySchema: [{ AttributeName: 'p', KeyType: 'HASH' }],
      AttributeDefinitions: [{ AttributeName: 'p', AttributeType: 'S' }],
      ResourcePolicy: '{"Version":"2012-10-17","Statement":[]}',
    };
    assert.deepEqual(await raw('CreateTable', body), [400, VALIDATION, `${INVALID}Invalid policy document: Could not parse the policy: Statement is empty!`]);
    assert.equal((await t.raw('DescribeTable', { TableName: name })).status, 400);
  });
});

describe('table states (DDB-TABLE-122, -214, -234, -236)', () => {
  const slowClock = new ManualClock(Date.parse('2026-10-09T00:00:00.000Z'));
  let slow: TestEddy;
  before(async () => {
    slow = await startTestEddy({ clock: slowClock, tableStatusDelayMs: 5_000 });
  });
  after(async () => {
    await slow.stop();
  });

  it('CREATING: not found yet; DELETING: readable, identical re-Put 200, changes refused; gone: not found', async () => {
    const name = uniqueName('rps');
    const arn = await createTable(slow, name);
    const missing = [400, NOT_FOUND, `Requested resource not found: Table: ${name} not found`];
    for (const op of ['GetResourcePolicy', 'PutResourcePolicy', 'DeleteResourcePolicy']) {
      assert.deepEqual(await raw(op, { ResourceArn: arn, Policy: doc(arn) }, slow), missing, `${op} while CREATING`);
    }
    slowClock.advance(5_000);
    const revision = (await slow.client.send(new PutResourcePolicyCommand({ ResourceArn: arn, Policy: doc(arn) }))).RevisionId;
    slowClock.advance(20_000);
    await slow.client.send(new DeleteTableCommand({ TableName: name }));
    const got = await slow.client.send(new GetResourcePolicyCommand({ ResourceArn: arn }));
    assert.equal(got.RevisionId, revision);
    assert.equal((await slow.client.send(new PutResourcePolicyCommand({ ResourceArn: arn, Policy: doc(arn) }))).RevisionId, revision);
    const deleting = [400, IN_USE, `Attempt to change a resource which is still in use: Table is being deleted: ${name}`];
    assert.deepEqual(await raw('PutResourcePolicy', { ResourceArn: arn, Policy: doc(arn, { Action: 'dynamodb:Query' }) }, slow), deleting);
    assert.deepEqual(await raw('DeleteResourcePolicy', { ResourceArn: arn }, slow), deleting);
    slowClock.advance(5_000);
    for (const op of ['GetResourcePolicy', 'PutResourcePolicy', 'DeleteResourcePolicy']) {
      assert.deepEqual(await raw(op, { ResourceArn: arn, Policy: doc(arn) }, slow), missing, `${op} after deletion`);
    }
    await createTable(slow, name);
    slowClock.advance(5_000);
    assert.equal((await slow.raw('GetResourcePolicy', { ResourceArn: arn })).json?.__type, 'com.amazonaws.dynamodb.v20120810#PolicyNotFoundException', 'a re-created table starts without policy');
  });

  it('a table restored from a backup has no resource policy', async () => {
    const arn = await createTable(t);
    const name = arn.slice(arn.lastIndexOf('/') + 1);
    await t.client.send(new PutResourcePolicyCommand({ ResourceArn: arn, Policy: doc(arn) }));
    const backup = await t.client.send(new CreateBackupCommand({ TableName: name, BackupName: 'policy-backup' }));
    const target = uniqueName('rpr');
    await t.client.send(new RestoreTableFromBackupCommand({ TargetTableName: target, BackupArn: backup.BackupDetails?.BackupArn }));
    clock.advance(1);
    const restored = await t.raw('GetResourcePolicy', { ResourceArn: arn.replace(name, target) });
    assert.equal(restored.json?.__type, 'com.amazonaws.dynamodb.v20120810#PolicyNotFoundException', restored.body);
  });
});

describe('persistence across a restart', () => {
  const restartOn = async (engineOptions: () => Promise<{ options: Record<string, unknown>; cleanup: () => Promise<void> }>) => {
    const { options, cleanup } = await engineOptions();
    try {
      const first = await startTestEddy(options);
      const name = uniqueName('rpp');
      let arn = '';
      let streamArn = '';
      try {
        const created = await first.client.send(
          new CreateTableCommand({
            TableName: name,
            BillingMode: 'PAY_PER_REQUEST',
            KeySchema: [{ AttributeName: 'p', KeyType: 'HASH' }],
            AttributeDefinitions: [{ AttributeName: 'p', AttributeType: 'S' }],
            StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_IMAGE' },
          }),
        );
        arn = created.TableDescription?.TableArn ?? '';
        streamArn = created.TableDescription?.LatestStreamArn ?? '';
        await first.client.send(new PutResourcePolicyCommand({ ResourceArn: arn, Policy: doc(arn) }));
        await first.client.send(new PutResourcePolicyCommand({ ResourceArn: streamArn, Policy: doc(streamArn, { Action: 'dynamodb:GetRecords' }) }));
      } finally {
        await first.stop();
      }
      const second = await startTestEddy(options);
      try {
        const table = await second.client.send(new GetResourcePolicyCommand({ ResourceArn: arn }));
        assert.equal(table.Policy, `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"dynamodb:GetItem","Resource":"${arn}"}]}`);
        const stream = await second.client.send(new GetResourcePolicyCommand({ ResourceArn: streamArn }));
        assert.match(stream.Policy ?? '', /"Action":"dynamodb:GetRecords"/);
      } finally {
        await second.stop();
      }
    } finally {
      await cleanup();
    }
  };

  for (const fileEngine of ['log', 'sqlite'] as const) {
    it(`keeps table and stream policies on a --data directory (${fileEngine} engine)`, async () => {
      await restartOn(async () => {
        const dir = mkdtempSync(join(tmpdir(), 'eddy-rp-'));
        return { options: { inMemory: false, dataDir: dir, fileEngine }, cleanup: async () => rmSync(dir, { recursive: true, force: true }) };
      });
    });
  }

  it('keeps them in PostgreSQL', { skip: process.env.EDDY_TEST_ENGINE !== 'postgres' }, async () => {
    await restartOn(async () => {
      const pg = await startTestPostgres();
      const url = await pg.createDatabase(`eddy_rp_${Date.now()}`);
      return { options: { inMemory: false, storage: url }, cleanup: () => pg.stop() };
    });
  });
});
