import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { DescribeTableCommand, type DescribeTableCommandOutput } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, GetCommand, PutCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { createHashTable } from './helpers/conformance.js';
import { startTestEddy, type TestEddy } from './helpers/eddy.js';

// PutItem and BatchWriteItem on a table without indexes, stream or backup history, asking for no
// capacity and no old values, write without looking the old items up (docs/performance.md, round
// twelve). Overwrites must still replace, and the table's counts must be those of the final items.

let t: TestEddy;
before(async () => {
  t = await startTestEddy();
});
after(() => t.stop());

const plainTable = (): Promise<string> => createHashTable(t, 'blind', 'pk');

const describe = (name: string): Promise<DescribeTableCommandOutput> => t.client.send(new DescribeTableCommand({ TableName: name }));

test('overwrites by PutItem and BatchWriteItem replace the items, and the counts are those of the final items', async () => {
  const overwritten = await plainTable();
  const once = await plainTable();
  const final = (i: number): Record<string, unknown> => ({ pk: `k${i}`, v: `final-${i}`, n: i });

  // Each key written three times in `overwritten` (first and second versions of other sizes), once in `once`.
  for (let i = 0; i < 30; i++) await t.doc.send(new PutCommand({ TableName: overwritten, Item: { pk: `k${i}`, v: 'x'.repeat(200 + i), extra: true } }));
  for (let start = 0; start < 30; start += 15) {
    const puts = Array.from({ length: 15 }, (_, j) => ({ PutRequest: { Item: { pk: `k${start + j}`, v: 'second' } } }));
    await t.doc.send(new BatchWriteCommand({ RequestItems: { [overwritten]: puts } }));
  }
  for (let i = 0; i < 30; i += 2) await t.doc.send(new PutCommand({ TableName: overwritten, Item: final(i) }));
  const odd = Array.from({ length: 15 }, (_, j) => ({ PutRequest: { Item: final(2 * j + 1) } }));
  await t.doc.send(new BatchWriteCommand({ RequestItems: { [overwritten]: odd } }));
  // The same final item put again (identical bytes).
  await t.doc.send(new PutCommand({ TableName: overwritten, Item: final(7) }));

  for (let i = 0; i < 30; i++) await t.doc.send(new PutCommand({ TableName: once, Item: final(i) }));

  for (const i of [0, 7, 29]) {
    const got = await t.doc.send(new GetCommand({ TableName: overwritten, Key: { pk: `k${i}` }, ConsistentRead: true }));
    assert.deepEqual(got.Item, final(i));
  }
  const scanned = await t.doc.send(new ScanCommand({ TableName: overwritten, ConsistentRead: true }));
  assert.equal(scanned.Count, 30);
  assert.deepEqual(
    (scanned.Items ?? []).sort((a, b) => (a.n as number) - (b.n as number)),
    Array.from({ length: 30 }, (_, i) => final(i)),
  );

  const [a, b] = [(await describe(overwritten)).Table, (await describe(once)).Table];
  assert.equal(a?.ItemCount, 30);
  assert.equal(a?.ItemCount, b?.ItemCount);
  assert.ok((b?.TableSizeBytes ?? 0) > 0);
  assert.equal(a?.TableSizeBytes, b?.TableSizeBytes);
});
