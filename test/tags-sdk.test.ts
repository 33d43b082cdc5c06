import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { CreateTableCommand, ListTagsOfResourceCommand, TagResourceCommand, UntagResourceCommand } from '@aws-sdk/client-dynamodb';
import { startTestEddy, uniqueName, type TestEddy } from './helpers/eddy.js';

let e: TestEddy;
before(async () => { e = await startTestEddy(); });
after(async () => { await e.stop(); });

async function newTable(tags?: { Key: string; Value: string }[]): Promise<string> {
  const r = await e.client.send(new CreateTableCommand({
    TableName: uniqueName('tg'), BillingMode: 'PAY_PER_REQUEST', Tags: tags,
    KeySchema: [{ AttributeName: 'p', KeyType: 'HASH' }], AttributeDefinitions: [{ AttributeName: 'p', AttributeType: 'S' }],
  }));
  return r.TableDescription?.TableArn ?? '';
}

const list = async (arn: string) => (await e.client.send(new ListTagsOfResourceCommand({ ResourceArn: arn }))).Tags;

test('tags from CreateTable, tag, overwrite, untag', async () => {
  const arn = await newTable([{ Key: 'a', Value: '1' }]);
  assert.deepEqual(await list(arn), [{ Key: 'a', Value: '1' }]);
  await e.client.send(new TagResourceCommand({ ResourceArn: arn, Tags: [{ Key: 'a', Value: '2' }, { Key: 'b', Value: '' }] }));
  assert.deepEqual(await list(arn), [{ Key: 'a', Value: '2' }, { Key: 'b', Value: '' }]);
  await e.client.send(new UntagResourceCommand({ ResourceArn: arn, TagKeys: ['a', 'missing'] }));
  assert.deepEqual(await list(arn), [{ Key: 'b', Value: '' }]);
});

test('tag errors', async () => {
  const arn = await newTable();
  const err = async (op: string, body: unknown) => (await e.raw(op, body)).json as Record<string, string>;
  let r = await err('TagResource', { ResourceArn: `${arn}x`, Tags: [{ Key: 'k', Value: 'v' }] });
  assert.equal(r.__type, 'com.amazonaws.dynamodb.v20120810#ResourceNotFoundException');
  assert.equal(r.message, `Requested resource not found: ResourceArn: ${arn}x not found`);
  r = await err('TagResource', { ResourceArn: 'I_do_not_exist', Tags: [{ Key: 'k', Value: 'v' }] });
  assert.equal(r.message, "One or more parameter values were invalid: ARNs must start with 'arn:': I_do_not_exist");
  r = await err('TagResource', { ResourceArn: `${arn}/index/gsi`, Tags: [{ Key: 'k', Value: 'v' }] });
  assert.match(r.message ?? '', /Invalid resource arn provided, only table or stream is accepted/);
  r = await err('TagResource', { ResourceArn: arn, Tags: [{ Key: 'aws:x', Value: 'v' }] });
  assert.equal(r.message, 'Tag Key cannot be prefixed with aws:, Key: aws:x');
  r = await err('TagResource', { ResourceArn: arn, Tags: [{ Key: 'hi!', Value: 'v' }] });
  assert.equal(r.__type, 'com.amazon.coral.validate#ValidationException');
  const fifty = Array.from({ length: 50 }, (_, i) => ({ Key: `k${i}`, Value: 'v' }));
  await e.client.send(new TagResourceCommand({ ResourceArn: arn, Tags: fifty }));
  r = await err('TagResource', { ResourceArn: arn, Tags: [{ Key: 'one-more', Value: 'v' }] });
  assert.equal(r.message, 'Number of Tags exceed the current limit for the provided ResourceArn');
});
