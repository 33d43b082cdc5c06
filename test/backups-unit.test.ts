import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ManualClock } from '../src/shared/clock.js';
import { addCapture, copySnapshot, removeCapture, updateTable } from '../src/dynamodb/backups/capture.js';
import { compactPitr } from '../src/dynamodb/backups/pitr-compact.js';
import { enablePitr, rowsAt, DAY_MS } from '../src/dynamodb/backups/pitr.js';
import { itemChangeWrites } from '../src/dynamodb/tables/item-writes.js';
import { tableCatalogKey } from '../src/dynamodb/tables/catalog.js';
import type { TableDef } from '../src/dynamodb/tables/table-types.js';
import type { Item } from '../src/dynamodb/values/types.js';
import { DynamoError } from '../src/protocol/errors.js';
import type { StorageEngine } from '../src/storage/engine.js';
import { startTestEddy } from './helpers/eddy.js';
import { CreateTableCommand } from '@aws-sdk/client-dynamodb';

const key = (s: string): Uint8Array => new TextEncoder().encode(s);

async function load(engine: StorageEngine, def: TableDef): Promise<TableDef> {
  return JSON.parse((await engine.catalogGet(tableCatalogKey(def.namespace, def.name))) ?? 'null') as TableDef;
}

async function write(engine: StorageEngine, table: TableDef, k: string, item: Item | undefined, now: number): Promise<void> {
  const ref = { space: table.space, key: key(k) };
  await engine.atomic({
    reads: [ref],
    apply: ([raw]) => {
      const oldItem = raw === undefined ? undefined : (JSON.parse(raw) as Item);
      return { writes: itemChangeWrites(table, { key: ref.key, oldItem, newItem: item }, { now }).writes, result: undefined };
    },
  });
}

async function dump(engine: StorageEngine, space: string): Promise<Record<string, string>> {
  const rows = await engine.range({ space });
  return Object.fromEntries(rows.map((r) => [new TextDecoder().decode(r.key), r.value]));
}

test('a capture snapshot holds the table as of its marker, whatever commits during the copy', async () => {
  const clock = new ManualClock(1_000_000);
  const t = await startTestEddy({ clock });
  try {
    await t.client.send(new CreateTableCommand({ TableName: 'unit1', AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }], KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }], BillingMode: 'PAY_PER_REQUEST' }));
    const engine = t.eddy.services.engine;
    const rows = await engine.catalogList('table/');
    let table = JSON.parse(rows.find((r) => r.key.endsWith('/unit1'))?.value ?? 'null') as TableDef;
    for (const k of ['a', 'b', 'c']) await write(engine, table, k, { pk: { S: k }, v: { N: '1' } }, clock.now());
    const ref = { namespace: table.namespace, name: table.name };
    const nf = (): DynamoError => DynamoError.resourceNotFound();
    const { after, markerSeq } = await updateTable(engine, ref, clock.now(), (d) => addCapture(d, 'x', clock.now()), nf, 'x');
    table = after;
    // Changes after the marker, before the copy: the snapshot must not show them.
    await write(engine, table, 'a', { pk: { S: 'a' }, v: { N: '2' } }, clock.now());
    await write(engine, table, 'b', undefined, clock.now());
    await write(engine, table, 'd', { pk: { S: 'd' }, v: { N: '2' } }, clock.now());
    await write(engine, table, 'a', { pk: { S: 'a' }, v: { N: '3' } }, clock.now());
    await copySnapshot(engine, table, table.history?.log ?? '', markerSeq ?? 0, 'snap/unit1');
    const snap = await dump(engine, 'snap/unit1');
    assert.deepEqual(Object.keys(snap).sort(), ['a', 'b', 'c']);
    assert.deepEqual(JSON.parse(snap.a ?? '{}'), { pk: { S: 'a' }, v: { N: '1' } });
    const done = await updateTable(engine, ref, clock.now(), (d) => removeCapture(d, 'x'), nf);
    assert.equal(done.after.history, undefined);
  } finally {
    await t.stop();
  }
});

test('PITR compaction folds records older than the window into a new base and trims the log', async () => {
  const clock = new ManualClock(10 * DAY_MS);
  // The server's own compactor would run while the clock is advanced; this test compacts by hand.
  const t = await startTestEddy({ clock, pitrCompactionIntervalMs: 365 * DAY_MS });
  try {
    await t.client.send(new CreateTableCommand({ TableName: 'unit2', AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }], KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }], BillingMode: 'PAY_PER_REQUEST' }));
    const engine = t.eddy.services.engine;
    const rows = await engine.catalogList('table/');
    let table = JSON.parse(rows.find((r) => r.key.endsWith('/unit2'))?.value ?? 'null') as TableDef;
    const ref = { namespace: table.namespace, name: table.name };
    table = await enablePitr(engine, ref, clock.now(), 1, () => DynamoError.resourceNotFound());
    await write(engine, table, 'a', { pk: { S: 'a' }, v: { N: '1' } }, clock.now());
    clock.advance(DAY_MS / 2);
    await write(engine, table, 'a', { pk: { S: 'a' }, v: { N: '2' } }, clock.now());
    const mid = clock.now();
    clock.advance(DAY_MS);
    await write(engine, table, 'a', { pk: { S: 'a' }, v: { N: '3' } }, clock.now());
    table = await load(engine, table);
    const log = table.history?.log ?? '';
    assert.equal(await compactPitr(engine, table, clock.now()), true);
    table = await load(engine, table);
    const base = table.history?.pitr?.base;
    assert.equal(base?.time, clock.now() - DAY_MS);
    assert.deepEqual(JSON.parse((await dump(engine, base?.space ?? ''))['a'] ?? '{}'), { pk: { S: 'a' }, v: { N: '2' } });
    const left = await engine.readLog(log, 0, 100);
    assert.equal(left.length, 1);
    const restored: string[] = [];
    for await (const chunk of rowsAt(engine, table, clock.now())) for (const r of chunk) restored.push(r.value);
    assert.deepEqual(restored.map((v) => JSON.parse(v) as unknown), [{ pk: { S: 'a' }, v: { N: '3' } }]);
    assert.equal(mid, base?.time); // the record at the cutoff itself was folded
  } finally {
    await t.stop();
  }
});
