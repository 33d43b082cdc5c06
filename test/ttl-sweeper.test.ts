import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { CreateTableCommand, GetItemCommand, PutItemCommand, UpdateTimeToLiveCommand } from '@aws-sdk/client-dynamodb';
import { ManualClock } from '../src/shared/clock.js';
import { startTestEddy, uniqueName, type TestEddy } from './helpers/eddy.js';

let t: TestEddy;
let clock: ManualClock;
let table: string;
const INTERVAL = 10_000;

before(async () => {
  clock = new ManualClock(Date.UTC(2026, 0, 1));
  t = await startTestEddy({ clock, ttlSweepIntervalMs: INTERVAL });
  table = uniqueName('ttl');
  await t.client.send(
    new CreateTableCommand({
      TableName: table,
      KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
      AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
      BillingMode: 'PAY_PER_REQUEST',
    }),
  );
  clock.advance(1);
  await t.client.send(new UpdateTimeToLiveCommand({ TableName: table, TimeToLiveSpecification: { Enabled: true, AttributeName: 'expires' } }));
});

after(async () => {
  await t.stop();
});

async function exists(id: string): Promise<boolean> {
  const out = await t.client.send(new GetItemCommand({ TableName: table, Key: { id: { S: id } }, ConsistentRead: true }));
  return out.Item !== undefined;
}

async function eventually(check: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (await check()) return;
    await new Promise((r) => setImmediate(r));
  }
  assert.fail('condition not reached');
}

describe('TTL sweeper', () => {
  it('deletes items whose TTL is in the past on the next sweep, and only those', async () => {
    const nowS = Math.floor(clock.now() / 1000);
    const items: [string, Record<string, { N: string } | { S: string }> | undefined][] = [
      ['past', { expires: { N: String(nowS + 15) } }],
      ['future', { expires: { N: String(nowS + 3600) } }],
      ['string-ttl', { expires: { S: String(nowS - 100) } }],
      ['ancient', { expires: { N: String(nowS - 6 * 365 * 24 * 3600) } }],
      ['none', undefined],
    ];
    for (const [id, extra] of items) {
      await t.client.send(new PutItemCommand({ TableName: table, Item: { id: { S: id }, ...extra } }));
    }
    // First sweep at +10 s: not yet expired (expires at +15 s), so it stays.
    clock.advance(INTERVAL);
    await new Promise((r) => setTimeout(r, 50));
    assert.equal(await exists('past'), true);
    // At +16 s it is expired but not yet swept: still readable, as in DynamoDB.
    clock.advance(6_000);
    assert.equal(await exists('past'), true);
    // The sweep at +20 s deletes it.
    clock.advance(INTERVAL);
    await eventually(async () => !(await exists('past')));
    assert.equal(await exists('future'), true);
    assert.equal(await exists('string-ttl'), true, 'a non-Number TTL attribute is ignored');
    assert.equal(await exists('ancient'), true, 'values more than five years in the past are ignored');
    assert.equal(await exists('none'), true);
  });
});
