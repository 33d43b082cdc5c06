import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  BatchWriteItemCommand,
  CreateBackupCommand,
  CreateTableCommand,
  DescribeBackupCommand,
  DescribeTableCommand,
  PutItemCommand,
  RestoreTableFromBackupCommand,
  RestoreTableToPointInTimeCommand,
  SearchVectorsCommand,
  TransactWriteItemsCommand,
  UpdateContinuousBackupsCommand,
  type AttributeValue,
  type ConsumedCapacity,
  type VectorIndex,
  type WriteRequest,
} from '@aws-sdk/client-dynamodb';
import { startTestEddy, uniqueName, type TestEddy } from './helpers/eddy.js';
import { expectError } from './helpers/expect.js';

/**
 * The vector search gaps closed after the first cut (see docs/compatibility.md): the VectorIndexes
 * capacity map of BatchWriteItem and TransactWriteItems, and vector indexes through backups and
 * restores (AWS SDK model and developer guide; sources in src/dynamodb/vectors/vector-capacity.ts
 * and src/dynamodb/backups/restore.ts).
 */

const nums = (...ns: number[]): AttributeValue[] => ns.map((n) => ({ N: String(n) }));
/** VectorWriteRequestBytes of one small index entry: the 1024-byte floor. */
const SMALL = 1024;

const INDEXES: VectorIndex[] = [
  { IndexName: 'near', VectorAttribute: { AttributeName: 'v' }, Dimensions: 2, DistanceFunction: 'COSINE', Projection: { ProjectionType: 'ALL' } },
  {
    IndexName: 'scoped',
    VectorAttribute: { AttributeName: 'w' },
    Dimensions: 3,
    DistanceFunction: 'EUCLIDEAN',
    Projection: { ProjectionType: 'INCLUDE', NonKeyAttributes: ['note'] },
    SearchSchema: [{ AttributeName: 'tenant', SearchSchemaElementType: 'HASH' }],
  },
];

let t: TestEddy;
let vec: string;
let plain: string;

async function createVectorTable(name: string): Promise<void> {
  await t.client.send(
    new CreateTableCommand({
      TableName: name,
      AttributeDefinitions: [
        { AttributeName: 'pk', AttributeType: 'S' },
        { AttributeName: 'tenant', AttributeType: 'S' },
      ],
      KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
      BillingMode: 'PAY_PER_REQUEST',
      VectorIndexes: INDEXES,
    }),
  );
}

before(async () => {
  t = await startTestEddy();
  vec = uniqueName('vgap');
  plain = uniqueName('vgap-plain');
  await createVectorTable(vec);
  await t.client.send(
    new CreateTableCommand({
      TableName: plain,
      AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
      BillingMode: 'PAY_PER_REQUEST',
    }),
  );
});

after(async () => {
  await t.stop();
});

const entryOf = (list: ConsumedCapacity[] | undefined, name: string) => list?.find((c) => c.TableName === name);

describe('BatchWriteItem reports the VectorIndexes map per table entry', () => {
  it('sums the bytes of every write that changes an index, under INDEXES only', async () => {
    const RequestItems: Record<string, WriteRequest[]> = {
      [vec]: [
        { PutRequest: { Item: { pk: { S: 'b1' }, v: { L: nums(1, 0) } } } },
        { PutRequest: { Item: { pk: { S: 'b2' }, v: { L: nums(0, 1) }, w: { L: nums(1, 2, 3) }, tenant: { S: 't1' } } } },
        { PutRequest: { Item: { pk: { S: 'b3' }, other: { S: 'no vector' } } } },
      ],
      [plain]: [{ PutRequest: { Item: { pk: { S: 'p1' }, v: { L: nums(1, 0) } } } }],
    };
    const res = await t.client.send(new BatchWriteItemCommand({ RequestItems, ReturnConsumedCapacity: 'INDEXES' }));
    const entry = entryOf(res.ConsumedCapacity, vec);
    assert.equal(entry?.CapacityUnits, 3);
    assert.deepEqual(entry?.Table, { CapacityUnits: 3 });
    assert.deepEqual(entry?.VectorIndexes, { near: { VectorWriteRequestBytes: 2 * SMALL }, scoped: { VectorWriteRequestBytes: SMALL } });
    assert.equal(entryOf(res.ConsumedCapacity, plain)?.VectorIndexes, undefined);

    const total = await t.client.send(
      new BatchWriteItemCommand({ RequestItems: { [vec]: [{ PutRequest: { Item: { pk: { S: 'b4' }, v: { L: nums(2, 1) } } } }] }, ReturnConsumedCapacity: 'TOTAL' }),
    );
    assert.equal(entryOf(total.ConsumedCapacity, vec)?.CapacityUnits, 1);
    assert.equal(entryOf(total.ConsumedCapacity, vec)?.VectorIndexes, undefined);
  });

  it('charges a delete of an indexed vector and nothing for an identical overwrite', async () => {
    const Item = { pk: { S: 'b5' }, v: { L: nums(3, 4) } };
    await t.client.send(new PutItemCommand({ TableName: vec, Item }));
    const same = await t.client.send(new BatchWriteItemCommand({ RequestItems: { [vec]: [{ PutRequest: { Item } }] }, ReturnConsumedCapacity: 'INDEXES' }));
    assert.equal(entryOf(same.ConsumedCapacity, vec)?.CapacityUnits, 1);
    assert.equal(entryOf(same.ConsumedCapacity, vec)?.VectorIndexes, undefined);
    const gone = await t.client.send(
      new BatchWriteItemCommand({ RequestItems: { [vec]: [{ DeleteRequest: { Key: { pk: { S: 'b5' } } } }] }, ReturnConsumedCapacity: 'INDEXES' }),
    );
    assert.deepEqual(entryOf(gone.ConsumedCapacity, vec)?.VectorIndexes, { near: { VectorWriteRequestBytes: SMALL } });
  });
});

describe('TransactWriteItems reports the VectorIndexes map per table entry', () => {
  it('sums the bytes of the actions that change an index, under INDEXES only', async () => {
    await t.client.send(new PutItemCommand({ TableName: vec, Item: { pk: { S: 'x1' }, v: { L: nums(1, 1) } } }));
    const TransactItems = [
      { Put: { TableName: vec, Item: { pk: { S: 'x2' }, v: { L: nums(5, 1) } } } },
      { Update: { TableName: vec, Key: { pk: { S: 'x1' } }, UpdateExpression: 'SET v = :v', ExpressionAttributeValues: { ':v': { L: nums(1, 2) } } } },
      { ConditionCheck: { TableName: vec, Key: { pk: { S: 'b1' } }, ConditionExpression: 'attribute_exists(pk)' } },
      { Put: { TableName: plain, Item: { pk: { S: 'x3' }, v: { L: nums(1, 0) } } } },
    ];
    const res = await t.client.send(new TransactWriteItemsCommand({ TransactItems, ReturnConsumedCapacity: 'INDEXES' }));
    const entry = entryOf(res.ConsumedCapacity, vec);
    assert.equal(entry?.CapacityUnits, 6);
    assert.deepEqual(entry?.VectorIndexes, { near: { VectorWriteRequestBytes: 2 * SMALL } });
    assert.equal(entryOf(res.ConsumedCapacity, plain)?.VectorIndexes, undefined);

    const total = await t.client.send(
      new TransactWriteItemsCommand({ TransactItems: [{ Put: { TableName: vec, Item: { pk: { S: 'x4' }, v: { L: nums(1, 3) } } } }], ReturnConsumedCapacity: 'TOTAL' }),
    );
    assert.equal(entryOf(total.ConsumedCapacity, vec)?.VectorIndexes, undefined);
  });

  it('charges an ALL index for a changed non-key attribute, and reports no map when nothing an index holds changes', async () => {
    // 'near' projects ALL, so a new note changes its entry (conformance suite vectorSearch/consumedCapacity).
    const setNote = (n: string) =>
      t.client.send(
        new TransactWriteItemsCommand({
          TransactItems: [{ Update: { TableName: vec, Key: { pk: { S: 'x1' } }, UpdateExpression: 'SET note = :n', ExpressionAttributeValues: { ':n': { S: n } } } }],
          ReturnConsumedCapacity: 'INDEXES',
        }),
      );
    const changed = await setNote('hi');
    assert.equal(entryOf(changed.ConsumedCapacity, vec)?.CapacityUnits, 2);
    assert.deepEqual(entryOf(changed.ConsumedCapacity, vec)?.VectorIndexes, { near: { VectorWriteRequestBytes: SMALL } });
    const same = await setNote('hi');
    assert.equal(entryOf(same.ConsumedCapacity, vec)?.CapacityUnits, 2);
    assert.equal(entryOf(same.ConsumedCapacity, vec)?.VectorIndexes, undefined);
  });
});

describe('backups and restores carry vector indexes', () => {
  let source: string;
  let backupArn: string;

  before(async () => {
    source = uniqueName('vgap-src');
    await createVectorTable(source);
    await t.client.send(new PutItemCommand({ TableName: source, Item: { pk: { S: 'a' }, v: { L: nums(1, 0) }, w: { L: nums(1, 1, 1) }, tenant: { S: 't1' } } }));
    await t.client.send(new PutItemCommand({ TableName: source, Item: { pk: { S: 'b' }, v: { L: nums(0, 1) } } }));
    const created = await t.client.send(new CreateBackupCommand({ TableName: source, BackupName: 'with-vectors' }));
    backupArn = created.BackupDetails?.BackupArn ?? '';
    assert.ok(backupArn);
  });

  it('describes the vector indexes of the backup in SourceTableFeatureDetails', async () => {
    const { BackupDescription } = await t.client.send(new DescribeBackupCommand({ BackupArn: backupArn }));
    assert.deepEqual(BackupDescription?.SourceTableFeatureDetails?.VectorIndexes, INDEXES);
  });

  it('restores them with the table, searchable, with their SearchSchema attributes defined', async () => {
    const target = uniqueName('vgap-rst');
    const out = await t.client.send(new RestoreTableFromBackupCommand({ TargetTableName: target, BackupArn: backupArn }));
    assert.deepEqual(out.TableDescription?.VectorIndexes?.map((v) => [v.IndexName, v.IndexStatus]), [
      ['near', 'CREATING'],
      ['scoped', 'CREATING'],
    ]);
    const { Table } = await t.client.send(new DescribeTableCommand({ TableName: target }));
    assert.equal(Table?.TableStatus, 'ACTIVE');
    assert.deepEqual(Table?.AttributeDefinitions, [
      { AttributeName: 'pk', AttributeType: 'S' },
      { AttributeName: 'tenant', AttributeType: 'S' },
    ]);
    const scoped = Table?.VectorIndexes?.[1];
    assert.equal(scoped?.IndexStatus, 'ACTIVE');
    assert.deepEqual(scoped?.SearchSchema, INDEXES[1]?.SearchSchema);
    assert.deepEqual(scoped?.Projection, { ProjectionType: 'INCLUDE', NonKeyAttributes: ['note'] });
    assert.ok(scoped?.IndexArn?.endsWith(`table/${target}/index/scoped`));
    const found = await t.client.send(new SearchVectorsCommand({ TableName: target, IndexName: 'near', SearchVector: nums(1, 0), TopK: 5 }));
    assert.deepEqual(found.SearchResults?.map((r) => r.Item?.pk?.S), ['a', 'b']);
  });

  it('restores only the overridden ones: [] restores none, a matching subset restores that', async () => {
    const none = uniqueName('vgap-none');
    const out = await t.client.send(new RestoreTableFromBackupCommand({ TargetTableName: none, BackupArn: backupArn, VectorIndexOverride: [] }));
    assert.equal(out.TableDescription?.VectorIndexes, undefined);
    assert.deepEqual(out.TableDescription?.AttributeDefinitions, [{ AttributeName: 'pk', AttributeType: 'S' }]);
    const some = uniqueName('vgap-some');
    const one = await t.client.send(new RestoreTableFromBackupCommand({ TargetTableName: some, BackupArn: backupArn, VectorIndexOverride: [INDEXES[0] as VectorIndex] }));
    assert.deepEqual(one.TableDescription?.VectorIndexes?.map((v) => v.IndexName), ['near']);
  });

  it('refuses an override that matches no vector index of the source', async () => {
    const target = uniqueName('vgap-bad');
    await expectError(
      t.client.send(
        new RestoreTableFromBackupCommand({ TargetTableName: target, BackupArn: backupArn, VectorIndexOverride: [{ ...(INDEXES[0] as VectorIndex), Dimensions: 3 }] }),
      ),
      'ValidationException',
      'Invalid Request: Index near does not match a secondary index that existed in the source table and cannot be created during the restore operation',
    );
    await expectError(t.client.send(new DescribeTableCommand({ TableName: target })), 'ResourceNotFoundException');
    const res = await t.raw('RestoreTableFromBackup', {
      TargetTableName: target,
      BackupArn: backupArn,
      VectorIndexOverride: [{ IndexName: 'near', VectorAttribute: { AttributeName: 'v' }, Dimensions: 0, DistanceFunction: 'COSINE' }],
    });
    assert.equal(res.status, 400);
    assert.equal(res.json.__type, 'com.amazon.coral.validate#ValidationException');
    assert.equal(
      res.json.message,
      "2 validation errors detected: Value '0' at 'vectorIndexOverride.1.member.dimensions' failed to satisfy constraint: Member must have value greater than or equal to 1; Value null at 'vectorIndexOverride.1.member.projection' failed to satisfy constraint: Member must not be null",
    );
  });

  it('restores them to a point in time', async () => {
    await t.client.send(new UpdateContinuousBackupsCommand({ TableName: source, PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true } }));
    const target = uniqueName('vgap-pitr');
    const out = await t.client.send(new RestoreTableToPointInTimeCommand({ SourceTableName: source, TargetTableName: target, UseLatestRestorableTime: true }));
    assert.deepEqual(out.TableDescription?.VectorIndexes?.map((v) => v.IndexName), ['near', 'scoped']);
    const none = uniqueName('vgap-pitr-none');
    const bare = await t.client.send(
      new RestoreTableToPointInTimeCommand({ SourceTableName: source, TargetTableName: none, UseLatestRestorableTime: true, VectorIndexOverride: [] }),
    );
    assert.equal(bare.TableDescription?.VectorIndexes, undefined);
    const found = await t.client.send(
      new SearchVectorsCommand({
        TableName: target,
        IndexName: 'scoped',
        SearchVector: nums(1, 1, 1),
        TopK: 5,
        SearchConditionExpression: 'tenant = :t',
        ExpressionAttributeValues: { ':t': { S: 't1' } },
      }),
    );
    assert.deepEqual(found.SearchResults?.map((r) => r.Item?.pk?.S), ['a']);
  });
});
