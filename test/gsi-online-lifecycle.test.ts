import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ManualClock } from '../src/shared/clock.js';
import { TableManager } from '../src/dynamodb/tables/catalog.js';
import type { TableDef } from '../src/dynamodb/tables/table-types.js';
import { startTestEddy, uniqueName, type TestEddy } from './helpers/eddy.js';

/** Index lifecycle on the injectable clock, and UpdateTable's Create/Delete validation (raw wire). */
const DELAY = 5000;
let t: TestEddy;
let clock: ManualClock;

function manager(): TableManager {
  const m = t.eddy.services.tables;
  assert.ok(m instanceof TableManager);
  return m;
}

async function ok(target: string, body: unknown): Promise<any> { // eslint-disable-line @typescript-eslint/no-explicit-any -- test JSON
  const r = await t.raw(target, body);
  assert.equal(r.status, 200, r.body);
  return r.json;
}

async function fails(target: string, body: unknown, type: string, message: string): Promise<void> {
  const r = await t.raw(target, body);
  assert.equal(r.status, 400, r.body);
  assert.equal(String(r.json.__type).split("#")[1], type);
  assert.equal(r.json.message, message);
}

async function describeTable(name: string): Promise<any> { // eslint-disable-line @typescript-eslint/no-explicit-any -- test JSON
  return (await ok('DescribeTable', { TableName: name })).Table;
}

async function newTable(extra: Record<string, unknown> = {}): Promise<string> {
  const name = uniqueName('gsi-life');
  await ok('CreateTable', {
    TableName: name,
    KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
    AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
    BillingMode: 'PAY_PER_REQUEST',
    ...extra,
  });
  clock.advance(DELAY);
  assert.equal((await describeTable(name)).TableStatus, 'ACTIVE');
  return name;
}

const gsi = (name: string, attr: string, extra: Record<string, unknown> = {}) => ({
  Create: { IndexName: name, KeySchema: [{ AttributeName: attr, KeyType: 'HASH' }], Projection: { ProjectionType: 'ALL' }, ...extra },
});

const queryG = (table: string, index = 'gidx') => ({
  TableName: table,
  IndexName: index,
  KeyConditionExpression: 'g = :g',
  ExpressionAttributeValues: { ':g': { S: 'a' } },
});

before(async () => {
  clock = new ManualClock(Date.UTC(2026, 0, 5));
  t = await startTestEddy({ clock, tableStatusDelayMs: DELAY });
});
after(async () => t.stop());

describe('UpdateTable GSI Create/Delete lifecycle', () => {
  it('Create: UPDATING + CREATING/Backfilling false, then ACTIVE table with a backfilling index, then ACTIVE', async () => {
    const table = await newTable();
    for (let i = 0; i < 30; i++) await ok('PutItem', { TableName: table, Item: { pk: { S: `p${i}` }, g: { S: i % 2 ? 'a' : 'b' } } });
    await ok('PutItem', { TableName: table, Item: { pk: { S: 'bad' }, g: { N: '1' } } }); // index key violation

    const resume = manager().backfills.pause();
    const res = await ok('UpdateTable', {
      TableName: table,
      AttributeDefinitions: [{ AttributeName: 'g', AttributeType: 'S' }],
      GlobalSecondaryIndexUpdates: [gsi('gidx', 'g')],
    });
    assert.equal(res.TableDescription.TableStatus, 'UPDATING');
    const idx = res.TableDescription.GlobalSecondaryIndexes[0];
    assert.equal(idx.IndexStatus, 'CREATING');
    assert.equal(idx.Backfilling, false);
    assert.equal(idx.IndexArn, `${res.TableDescription.TableArn}/index/gidx`);

    // Resource allocation: still UPDATING, index not readable, a second index refused, no delete yet.
    assert.equal((await describeTable(table)).TableStatus, 'UPDATING');
    await fails('Query', queryG(table), 'ValidationException', 'Cannot read from backfilling global secondary index: gidx');
    await fails(
      'UpdateTable',
      { TableName: table, AttributeDefinitions: [{ AttributeName: 'h', AttributeType: 'S' }], GlobalSecondaryIndexUpdates: [gsi('hidx', 'h')] },
      'LimitExceededException',
      'Subscriber limit exceeded: Only 1 online index can be created or deleted simultaneously per table',
    );
    await fails(
      'UpdateTable',
      { TableName: table, GlobalSecondaryIndexUpdates: [{ Delete: { IndexName: 'gidx' } }] },
      'ResourceInUseException',
      `Attempt to change a resource which is still in use: Index creation is in resource allocation phase. Retry deletion during backfilling phase or when the index is active. Table: ${table} Index: gidx`,
    );
    await fails(
      'UpdateTable',
      { TableName: table, StreamSpecification: { StreamEnabled: true, StreamViewType: 'KEYS_ONLY' } },
      'ResourceInUseException',
      "Attempt to change a resource which is still in use: Can't change stream status when an index is being created",
    );

    clock.advance(DELAY);
    const backfilling = await describeTable(table);
    assert.equal(backfilling.TableStatus, 'ACTIVE');
    assert.equal(backfilling.GlobalSecondaryIndexes[0].IndexStatus, 'CREATING');
    assert.equal(backfilling.GlobalSecondaryIndexes[0].Backfilling, true);
    await fails('Query', queryG(table), 'ValidationException', 'Cannot read from backfilling global secondary index: gidx');
    await fails('Scan', { TableName: table, IndexName: 'gidx' }, 'ValidationException', 'Cannot read from backfilling global secondary index: gidx');
    await fails(
      'DeleteTable',
      { TableName: table },
      'ResourceInUseException',
      'Attempt to change a resource which is still in use: Cannot delete table while indexes are being created, updated, or deleted.',
    );
    // Writes keep working and maintain the index while it backfills.
    await ok('PutItem', { TableName: table, Item: { pk: { S: 'new' }, g: { S: 'a' } } });
    await ok('DeleteItem', { TableName: table, Key: { pk: { S: 'p1' } } });

    resume();
    await manager().idle();
    const active = await describeTable(table);
    assert.equal(active.GlobalSecondaryIndexes[0].IndexStatus, 'ACTIVE');
    assert.equal('Backfilling' in active.GlobalSecondaryIndexes[0], false);
    assert.equal(active.GlobalSecondaryIndexes[0].ItemCount, 30); // 30 - p1 + new; 'bad' left out
    assert.ok(active.GlobalSecondaryIndexes[0].IndexSizeBytes > 0);
    const q = await ok('Query', queryG(table));
    assert.equal(q.Count, 15); // odd i (15) - p1 + new
    assert.ok(q.Items.some((it: { pk: { S: string } }) => it.pk.S === 'new'));
    assert.ok(!q.Items.some((it: { pk: { S: string } }) => it.pk.S === 'p1'));
  });

  it('Delete: UPDATING + DELETING, then gone: description, AttributeDefinitions, reads, storage', async () => {
    const table = await newTable({
      AttributeDefinitions: [
        { AttributeName: 'pk', AttributeType: 'S' },
        { AttributeName: 'g', AttributeType: 'S' },
      ],
      GlobalSecondaryIndexes: [{ IndexName: 'gidx', KeySchema: [{ AttributeName: 'g', KeyType: 'HASH' }], Projection: { ProjectionType: 'KEYS_ONLY' } }],
    });
    await ok('PutItem', { TableName: table, Item: { pk: { S: 'p' }, g: { S: 'a' } } });
    const space = await indexSpace(table, 'gidx');
    assert.equal((await t.eddy.services.engine.stats(space)).items, 1);

    const res = await ok('UpdateTable', { TableName: table, GlobalSecondaryIndexUpdates: [{ Delete: { IndexName: 'gidx' } }] });
    assert.equal(res.TableDescription.TableStatus, 'UPDATING');
    assert.equal(res.TableDescription.GlobalSecondaryIndexes[0].IndexStatus, 'DELETING');
    await fails(
      'UpdateTable',
      { TableName: table, BillingMode: 'PROVISIONED', ProvisionedThroughput: { ReadCapacityUnits: 1, WriteCapacityUnits: 1 } },
      'ResourceInUseException',
      `Attempt to change a resource which is still in use: Can't change table IOPS when an index is being deleted. Table: ${table} Indexes: [gidx]`,
    );
    await fails('Query', queryG(table), 'ValidationException', 'The table does not have the specified index: gidx');
    await ok('PutItem', { TableName: table, Item: { pk: { S: 'q' }, g: { S: 'a' } } });

    clock.advance(DELAY);
    // The deletion completes in the background (a catalog commit, then the drop of the index's
    // rows); on a file the commit is acknowledged only after its sync, so wait for it.
    await manager().idle();
    const gone = await describeTable(table);
    assert.equal(gone.TableStatus, 'ACTIVE');
    assert.equal(gone.GlobalSecondaryIndexes, undefined);
    assert.deepEqual(gone.AttributeDefinitions, [{ AttributeName: 'pk', AttributeType: 'S' }]);
    await fails('Query', queryG(table), 'ValidationException', 'The table does not have the specified index: gidx');
    assert.equal((await t.eddy.services.engine.stats(space)).items, 0);
    // Writes no longer care about the old index key's type.
    await ok('PutItem', { TableName: table, Item: { pk: { S: 'r' }, g: { N: '5' } } });
    await fails('UpdateTable', { TableName: table, GlobalSecondaryIndexUpdates: [{ Delete: { IndexName: 'gidx' } }] }, 'ResourceNotFoundException', `Requested resource not found: Index gidx for table ${table}`);

    // The same name can be created again; the new index starts empty and backfills the current items.
    await ok('UpdateTable', { TableName: table, AttributeDefinitions: [{ AttributeName: 'g', AttributeType: 'S' }], GlobalSecondaryIndexUpdates: [gsi('gidx', 'g')] });
    clock.advance(DELAY);
    await manager().idle();
    const again = await describeTable(table);
    assert.equal(again.GlobalSecondaryIndexes[0].IndexStatus, 'ACTIVE');
    assert.equal(again.GlobalSecondaryIndexes[0].ItemCount, 2); // p and q; r violates
  });

  it('Delete of a backfilling index stops the backfill', async () => {
    const table = await newTable();
    await ok('PutItem', { TableName: table, Item: { pk: { S: 'p' }, g: { S: 'a' } } });
    const resume = manager().backfills.pause();
    await ok('UpdateTable', { TableName: table, AttributeDefinitions: [{ AttributeName: 'g', AttributeType: 'S' }], GlobalSecondaryIndexUpdates: [gsi('gidx', 'g')] });
    clock.advance(DELAY);
    assert.equal((await describeTable(table)).GlobalSecondaryIndexes[0].Backfilling, true);
    const res = await ok('UpdateTable', { TableName: table, GlobalSecondaryIndexUpdates: [{ Delete: { IndexName: 'gidx' } }] });
    assert.equal(res.TableDescription.GlobalSecondaryIndexes[0].IndexStatus, 'DELETING');
    assert.equal('Backfilling' in res.TableDescription.GlobalSecondaryIndexes[0], false);
    resume();
    await manager().idle();
    assert.equal((await describeTable(table)).GlobalSecondaryIndexes[0].IndexStatus, 'DELETING');
    clock.advance(DELAY);
    assert.equal((await describeTable(table)).GlobalSecondaryIndexes, undefined);
  });
});

/** The storage space of a table's index, from the catalog. */
async function indexSpace(table: string, index: string): Promise<string> {
  const rows = await t.eddy.services.engine.catalogList('table/');
  const def = rows.map((r) => JSON.parse(r.value) as TableDef).find((d) => d.name === table);
  const space = def?.gsis.find((g) => g.name === index)?.space;
  assert.ok(space);
  return space;
}

describe('UpdateTable GSI Create/Delete validation', () => {
  const AD = [{ AttributeName: 'g', AttributeType: 'S' }];

  it('one Create or Delete per call (LimitExceededException)', async () => {
    const table = await newTable();
    await fails(
      'UpdateTable',
      { TableName: table, AttributeDefinitions: [...AD, { AttributeName: 'h', AttributeType: 'S' }], GlobalSecondaryIndexUpdates: [gsi('gidx1', 'g'), gsi('gidx2', 'h')] },
      'LimitExceededException',
      'Subscriber limit exceeded: Only 1 online index can be created or deleted simultaneously per table',
    );
    assert.equal((await describeTable(table)).TableStatus, 'ACTIVE');
  });

  it('Create rules: AttributeDefinitions, key definitions, duplicates, throughput by billing mode', async () => {
    const table = await newTable({
      AttributeDefinitions: [
        { AttributeName: 'pk', AttributeType: 'S' },
        { AttributeName: 'e', AttributeType: 'S' },
      ],
      GlobalSecondaryIndexes: [{ IndexName: 'eidx', KeySchema: [{ AttributeName: 'e', KeyType: 'HASH' }], Projection: { ProjectionType: 'ALL' } }],
    });
    await fails(
      'UpdateTable',
      { TableName: table, GlobalSecondaryIndexUpdates: [gsi('gidx', 'g')] },
      'ValidationException',
      'One or more parameter values were invalid: AttributeDefinitions is not specified for index: gidx',
    );
    await fails(
      'UpdateTable',
      { TableName: table, AttributeDefinitions: [{ AttributeName: 'x', AttributeType: 'S' }], GlobalSecondaryIndexUpdates: [gsi('gidx', 'g')] },
      'ValidationException',
      'One or more parameter values were invalid: Some index key attributes are not defined in AttributeDefinitions. Keys: [g], AttributeDefinitions: [x]',
    );
    await fails(
      'UpdateTable',
      { TableName: table, AttributeDefinitions: AD, GlobalSecondaryIndexUpdates: [gsi('eidx', 'g')] },
      'ValidationException',
      'Attempting to create an index which already exists',
    );
    await fails(
      'UpdateTable',
      { TableName: table, AttributeDefinitions: AD, GlobalSecondaryIndexUpdates: [gsi('gidx', 'g', { ProvisionedThroughput: { ReadCapacityUnits: 1, WriteCapacityUnits: 1 } })] },
      'ValidationException',
      'One or more parameter values were invalid: ProvisionedThroughput should not be specified for index: gidx when BillingMode is PAY_PER_REQUEST',
    );
    await fails(
      'UpdateTable',
      { TableName: table, AttributeDefinitions: AD, GlobalSecondaryIndexUpdates: [gsi('gidx', 'g', { Projection: { ProjectionType: 'INCLUDE' } })] },
      'ValidationException',
      'One or more parameter values were invalid: ProjectionType is INCLUDE, but NonKeyAttributes is not specified',
    );
    await fails(
      'UpdateTable',
      { TableName: table, AttributeDefinitions: AD, ProvisionedThroughput: { ReadCapacityUnits: 1, WriteCapacityUnits: 1 }, GlobalSecondaryIndexUpdates: [gsi('gidx', 'g')] },
      'ValidationException',
      'One or more parameter values were invalid: You cannot create or delete index while updating table IOPS',
    );
    // Only the new key attribute is needed: the existing definitions are kept.
    const res = await ok('UpdateTable', { TableName: table, AttributeDefinitions: AD, GlobalSecondaryIndexUpdates: [gsi('gidx', 'g')] });
    assert.deepEqual(res.TableDescription.AttributeDefinitions.map((a: { AttributeName: string }) => a.AttributeName).sort(), ['e', 'g', 'pk']);
    // Only the GSI's throughput would be wrong here if it were provisioned:
    assert.deepEqual(res.TableDescription.GlobalSecondaryIndexes[1].ProvisionedThroughput, { NumberOfDecreasesToday: 0, ReadCapacityUnits: 0, WriteCapacityUnits: 0 });
    clock.advance(DELAY);
    await manager().idle();
  });

  it('PROVISIONED table: the new index needs both capacity units', async () => {
    const name = uniqueName('gsi-prov');
    await ok('CreateTable', {
      TableName: name,
      KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
      AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
      ProvisionedThroughput: { ReadCapacityUnits: 1, WriteCapacityUnits: 1 },
    });
    clock.advance(DELAY);
    await fails(
      'UpdateTable',
      { TableName: name, AttributeDefinitions: AD, GlobalSecondaryIndexUpdates: [gsi('gidx', 'g')] },
      'ValidationException',
      'One or more parameter values were invalid: Both ReadCapacityUnits and WriteCapacityUnits must be specified for index: gidx',
    );
    const res = await ok('UpdateTable', {
      TableName: name,
      AttributeDefinitions: AD,
      GlobalSecondaryIndexUpdates: [gsi('gidx', 'g', { ProvisionedThroughput: { ReadCapacityUnits: 3, WriteCapacityUnits: 4 } })],
    });
    const pt = res.TableDescription.GlobalSecondaryIndexes[0].ProvisionedThroughput;
    assert.equal(pt.ReadCapacityUnits, 3);
    assert.equal(pt.WriteCapacityUnits, 4);
    clock.advance(DELAY);
    await manager().idle();
  });

  it('Delete rules: unknown index, LSI', async () => {
    const name = uniqueName('gsi-lsi');
    await ok('CreateTable', {
      TableName: name,
      KeySchema: [
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ],
      AttributeDefinitions: [
        { AttributeName: 'pk', AttributeType: 'S' },
        { AttributeName: 'sk', AttributeType: 'S' },
        { AttributeName: 'l', AttributeType: 'S' },
      ],
      LocalSecondaryIndexes: [
        { IndexName: 'lidx', KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }, { AttributeName: 'l', KeyType: 'RANGE' }], Projection: { ProjectionType: 'ALL' } },
      ],
      BillingMode: 'PAY_PER_REQUEST',
    });
    clock.advance(DELAY);
    await fails('UpdateTable', { TableName: name, GlobalSecondaryIndexUpdates: [{ Delete: { IndexName: 'lidx' } }] }, 'ValidationException', 'Cannot delete an index that is not a GlobalSecondaryIndex: lidx');
    await fails('UpdateTable', { TableName: name, GlobalSecondaryIndexUpdates: [{ Delete: { IndexName: 'nope' } }] }, 'ResourceNotFoundException', `Requested resource not found: Index nope for table ${name}`);
    await fails('UpdateTable', { TableName: name, AttributeDefinitions: AD, GlobalSecondaryIndexUpdates: [gsi('lidx', 'g')] }, 'ValidationException', 'Attempting to create an index which already exists');
  });

  it('at most 20 GSIs: the 21st through UpdateTable is LimitExceededException', async () => {
    const attrs = Array.from({ length: 20 }, (_, i) => `a${i}`);
    const table = await newTable({
      AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }, ...attrs.map((a) => ({ AttributeName: a, AttributeType: 'S' }))],
      GlobalSecondaryIndexes: attrs.map((a) => ({ IndexName: `i-${a}`, KeySchema: [{ AttributeName: a, KeyType: 'HASH' }], Projection: { ProjectionType: 'KEYS_ONLY' } })),
    });
    await fails(
      'UpdateTable',
      { TableName: table, AttributeDefinitions: AD, GlobalSecondaryIndexUpdates: [gsi('gidx', 'g')] },
      'LimitExceededException',
      'Subscriber limit exceeded: Number of global secondary indexes exceeds per-table limit of 20',
    );
  });
});
