import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { CreateTableCommand, DescribeTimeToLiveCommand, UpdateTimeToLiveCommand } from '@aws-sdk/client-dynamodb';
import { startTestEddy, uniqueName, type TestEddy } from './helpers/eddy.js';

let e: TestEddy;
before(async () => { e = await startTestEddy(); });
after(async () => { await e.stop(); });

test('UpdateTimeToLive / DescribeTimeToLive through the SDK', async () => {
  const name = uniqueName('ttl');
  await e.client.send(new CreateTableCommand({
    TableName: name, BillingMode: 'PAY_PER_REQUEST',
    KeySchema: [{ AttributeName: 'p', KeyType: 'HASH' }], AttributeDefinitions: [{ AttributeName: 'p', AttributeType: 'S' }],
  }));
  const before = await e.client.send(new DescribeTimeToLiveCommand({ TableName: name }));
  assert.deepEqual(before.TimeToLiveDescription, { TimeToLiveStatus: 'DISABLED' });
  const upd = await e.client.send(new UpdateTimeToLiveCommand({ TableName: name, TimeToLiveSpecification: { AttributeName: 'exp', Enabled: true } }));
  assert.deepEqual(upd.TimeToLiveSpecification, { AttributeName: 'exp', Enabled: true });
  const d = await e.client.send(new DescribeTimeToLiveCommand({ TableName: name }));
  assert.deepEqual(d.TimeToLiveDescription, { TimeToLiveStatus: 'ENABLED', AttributeName: 'exp' });
  const again = await e.raw('UpdateTimeToLive', { TableName: name, TimeToLiveSpecification: { AttributeName: 'exp', Enabled: true } });
  assert.equal(again.json.__type, 'com.amazon.coral.validate#ValidationException');
  assert.equal(again.json.message, 'TimeToLive is already enabled');
  const missing = await e.raw('DescribeTimeToLive', { TableName: 'no-such-table' });
  assert.equal(missing.json.message, 'Requested resource not found: Table: no-such-table not found');
});
