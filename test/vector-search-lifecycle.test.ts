import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  CreateTableCommand,
  DeleteTableCommand,
  DescribeTableCommand,
  PutItemCommand,
  SearchVectorsCommand,
  UpdateTableCommand,
  type AttributeValue,
  type VectorIndexUpdate,
} from '@aws-sdk/client-dynamodb';
import { ManualClock } from '../src/shared/clock.js';
import { MIN_ALLOCATION_MS, MIN_BACKFILL_MS } from '../src/dynamodb/vectors/vector-phase.js';
import { startTestEddy, uniqueName, type TestEddy } from './helpers/eddy.js';
import { expectError, failure } from './helpers/expect.js';

/**
 * A vector index added by UpdateTable, on a clock the test moves: allocation (table UPDATING,
 * CREATING, Backfilling false), then backfill (table ACTIVE, CREATING, Backfilling true), then
 * ACTIVE. Facts from the conformance suite's vectorSearch/updateLifecycle (live DynamoDB,
 * eu-west-2, 2026-08-11 to 2026-08-23); see src/dynamodb/vectors/vector-phase.ts.
 */

const nums = (...ns: number[]): AttributeValue[] => ns.map((n) => ({ N: String(n) }));
const IN_USE = 'Attempt to change a resource which is still in use: ';
const ONE_ONLINE_INDEX = 'Subscriber limit exceeded: Only 1 online index can be created or deleted simultaneously per table';
const NO_TABLE_DELETE = `${IN_USE}Cannot delete table while indexes are being created, updated, or deleted.`;

let t: TestEddy;
let clock: ManualClock;

before(async () => {
  clock = new ManualClock();
  t = await startTestEddy({ clock });
});

after(async () => {
  await t.stop();
});

const create = (IndexName: string, ProjectionType: 'ALL' | 'KEYS_ONLY' = 'ALL'): VectorIndexUpdate => ({
  Create: { IndexName, VectorAttribute: { AttributeName: 'embedding' }, Dimensions: 3, DistanceFunction: 'COSINE', Projection: { ProjectionType } },
});

/** An ACTIVE on-demand table of five items with a 3-dimension `embedding`, as the suite seeds it. */
async function seededTable(prefix: string): Promise<string> {
  const name = uniqueName(prefix);
  await t.client.send(
    new CreateTableCommand({
      TableName: name,
      AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
      BillingMode: 'PAY_PER_REQUEST',
    }),
  );
  for (let i = 0; i < 5; i++) {
    await t.client.send(new PutItemCommand({ TableName: name, Item: { pk: { S: `item-${i}` }, embedding: { L: nums(i, 1, 0) } } }));
  }
  return name;
}

async function state(name: string): Promise<[string | undefined, string | undefined, boolean | undefined]> {
  const { Table } = await t.client.send(new DescribeTableCommand({ TableName: name }));
  const ix = Table?.VectorIndexes?.find((v) => v.IndexName === 'vix');
  return [Table?.TableStatus, ix?.IndexStatus, ix?.Backfilling];
}

const search = (TableName: string) =>
  t.client.send(new SearchVectorsCommand({ TableName, IndexName: 'vix', SearchVector: nums(1, 1, 0), TopK: 5 }));

describe('a vector index added by UpdateTable', () => {
  it('allocates with the table UPDATING, backfills with it ACTIVE, then turns ACTIVE', async () => {
    const name = await seededTable('vlife');
    const added = await t.client.send(new UpdateTableCommand({ TableName: name, VectorIndexUpdates: [create('vix')] }));
    assert.equal(added.TableDescription?.TableStatus, 'UPDATING');
    assert.equal(added.TableDescription?.VectorIndexes?.[0]?.IndexStatus, 'CREATING');
    assert.equal(added.TableDescription?.VectorIndexes?.[0]?.Backfilling, false);

    assert.deepEqual(await state(name), ['UPDATING', 'CREATING', false]);
    assert.deepEqual(await failure(search(name)), { name: 'ValidationException', message: 'The table does not have the specified index: vix' });

    clock.advance(MIN_ALLOCATION_MS - 1);
    assert.deepEqual(await state(name), ['UPDATING', 'CREATING', false]);
    clock.advance(1);
    assert.deepEqual(await state(name), ['ACTIVE', 'CREATING', true]);
    assert.deepEqual(await failure(search(name)), { name: 'ValidationException', message: 'Cannot search backfilling vector index: vix' });

    clock.advance(MIN_BACKFILL_MS - 1);
    assert.deepEqual(await state(name), ['ACTIVE', 'CREATING', true]);
    clock.advance(1);
    assert.deepEqual(await state(name), ['ACTIVE', 'ACTIVE', undefined]);
    // The first search served carries every item: the backfill answers with an error, never a part.
    assert.equal((await search(name)).SearchResults?.length, 5);
  });

  it('refuses a cancel while allocating, takes it while backfilling; one online action per table', async () => {
    const name = await seededTable('vphase');
    await t.client.send(new UpdateTableCommand({ TableName: name, VectorIndexUpdates: [create('vix')] }));
    const cancel = () => t.client.send(new UpdateTableCommand({ TableName: name, VectorIndexUpdates: [{ Delete: { IndexName: 'vix' } }] }));
    await expectError(
      cancel(),
      'ResourceInUseException',
      `${IN_USE}Index creation is in resource allocation phase. Retry deletion during backfilling phase or when the index is active. Table: ${name} Index: vix`,
    );
    // A second create in its own call is refused for the limit, not for the phase.
    await expectError(t.client.send(new UpdateTableCommand({ TableName: name, VectorIndexUpdates: [create('vix2', 'KEYS_ONLY')] })), 'LimitExceededException', ONE_ONLINE_INDEX);
    await expectError(
      t.client.send(new UpdateTableCommand({ TableName: name, VectorIndexUpdates: [create('vix2'), create('vix3')] })),
      'LimitExceededException',
      ONE_ONLINE_INDEX,
    );

    clock.advance(MIN_ALLOCATION_MS);
    assert.deepEqual(await state(name), ['ACTIVE', 'CREATING', true]);
    // Still one online action per table while the backfill runs, though the table is ACTIVE.
    await expectError(t.client.send(new UpdateTableCommand({ TableName: name, VectorIndexUpdates: [create('vix2', 'KEYS_ONLY')] })), 'LimitExceededException', ONE_ONLINE_INDEX);
    const cancelled = await cancel();
    assert.equal(cancelled.TableDescription?.TableStatus, 'UPDATING');
    assert.equal(cancelled.TableDescription?.VectorIndexes?.[0]?.IndexStatus, 'DELETING');
    assert.equal(cancelled.TableDescription?.VectorIndexes?.[0]?.Backfilling, undefined);
    // The status delay is 0: the index is gone at the next read, and the table is deletable again.
    const { Table } = await t.client.send(new DescribeTableCommand({ TableName: name }));
    assert.equal(Table?.TableStatus, 'ACTIVE');
    assert.equal(Table?.VectorIndexes, undefined);
    await t.client.send(new DeleteTableCommand({ TableName: name }));
  });

  it('refuses DeleteTable while the index is being built, with the ResourceInUseException clause', async () => {
    const name = await seededTable('vdel');
    await t.client.send(new UpdateTableCommand({ TableName: name, VectorIndexUpdates: [create('vix')] }));
    clock.advance(MIN_ALLOCATION_MS);
    assert.deepEqual(await state(name), ['ACTIVE', 'CREATING', true]);
    const res = await t.raw('DeleteTable', { TableName: name });
    assert.equal(res.status, 400);
    assert.equal(res.json.__type, 'com.amazonaws.dynamodb.v20120810#ResourceInUseException');
    assert.equal(res.json.message, NO_TABLE_DELETE);
    clock.advance(MIN_BACKFILL_MS);
    assert.deepEqual(await state(name), ['ACTIVE', 'ACTIVE', undefined]);
    const deleted = await t.client.send(new DeleteTableCommand({ TableName: name }));
    assert.equal(deleted.TableDescription?.TableStatus, 'DELETING');
  });

  it('keeps each phase at least as long as the configured status delay', async () => {
    const slow = await startTestEddy({ clock, tableStatusDelayMs: 60_000 });
    try {
      const name = uniqueName('vslow');
      await slow.client.send(
        new CreateTableCommand({
          TableName: name,
          AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
          KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
          BillingMode: 'PAY_PER_REQUEST',
        }),
      );
      clock.advance(60_000);
      await slow.client.send(new UpdateTableCommand({ TableName: name, VectorIndexUpdates: [create('vix')] }));
      const phase = async () => {
        const { Table } = await slow.client.send(new DescribeTableCommand({ TableName: name }));
        return [Table?.TableStatus, Table?.VectorIndexes?.[0]?.Backfilling];
      };
      clock.advance(59_999);
      assert.deepEqual(await phase(), ['UPDATING', false]);
      clock.advance(1);
      assert.deepEqual(await phase(), ['ACTIVE', true]);
      clock.advance(59_999);
      assert.deepEqual(await phase(), ['ACTIVE', true]);
      clock.advance(1);
      assert.deepEqual(await phase(), ['ACTIVE', undefined]);
    } finally {
      await slow.stop();
    }
  });
});
