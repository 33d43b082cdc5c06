import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  BatchWriteItemCommand,
  CreateBackupCommand,
  CreateTableCommand,
  DeleteItemCommand,
  DescribeTableCommand,
  ExecuteStatementCommand,
  PutItemCommand,
  QueryCommand,
  RestoreTableFromBackupCommand,
  ScanCommand,
  TransactWriteItemsCommand,
  UpdateItemCommand,
  UpdateTableCommand,
  UpdateTimeToLiveCommand,
  waitUntilTableExists,
  type AttributeValue,
  type CreateTableCommandInput,
  type GlobalSecondaryIndex,
  type QueryCommandInput,
} from '@aws-sdk/client-dynamodb';
import { ManualClock } from '../src/shared/clock.js';
import { startTestEddy, uniqueName, type TestEddy } from './helpers/eddy.js';
import { expectError } from './helpers/expect.js';

/**
 * GSIs with multi-attribute keys (up to 4 HASH and 4 RANGE attributes, DynamoDB since November
 * 2025). The rules checked here are the ones recorded against live DynamoDB (see
 * docs/compatibility.md for the messages that are not).
 */

type Item = Record<string, AttributeValue>;
const S = (s: string): AttributeValue => ({ S: s });
const N = (n: number): AttributeValue => ({ N: String(n) });

let t: TestEddy;

before(async () => {
  t = await startTestEddy();
});

after(async () => {
  await t.stop();
});

function tableInput(name: string, gsi: GlobalSecondaryIndex, defs: Record<string, 'S' | 'N' | 'B'>): CreateTableCommandInput {
  return {
    TableName: name,
    BillingMode: 'PAY_PER_REQUEST',
    KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
    AttributeDefinitions: Object.entries({ id: 'S', ...defs }).map(([AttributeName, AttributeType]) => ({
      AttributeName,
      AttributeType: AttributeType as 'S' | 'N' | 'B',
    })),
    GlobalSecondaryIndexes: [gsi],
  };
}

async function createReady(input: CreateTableCommandInput): Promise<void> {
  await t.client.send(new CreateTableCommand(input));
  await waitUntilTableExists({ client: t.client, maxWaitTime: 30, minDelay: 1 }, { TableName: input.TableName });
}

const keys = (hash: string[], range: string[]): NonNullable<GlobalSecondaryIndex['KeySchema']> => [
  ...hash.map((AttributeName) => ({ AttributeName, KeyType: 'HASH' as const })),
  ...range.map((AttributeName) => ({ AttributeName, KeyType: 'RANGE' as const })),
];

/** The ids a query returns, in order. */
async function ids(input: Omit<QueryCommandInput, 'TableName'> & { TableName: string }): Promise<string[]> {
  const r = await t.client.send(new QueryCommand(input));
  return (r.Items ?? []).map((i) => i.id?.S ?? '?');
}

describe('CreateTable and DescribeTable', () => {
  it('keeps the whole KeySchema in order and defines every key attribute', async () => {
    const name = uniqueName('mak-describe');
    await createReady(
      tableInput(
        name,
        { IndexName: 'gsi', KeySchema: keys(['t', 'r'], ['y', 'm', 'd']), Projection: { ProjectionType: 'KEYS_ONLY' } },
        { t: 'S', r: 'S', y: 'N', m: 'N', d: 'S' },
      ),
    );
    const d = await t.client.send(new DescribeTableCommand({ TableName: name }));
    const gsi = d.Table?.GlobalSecondaryIndexes?.[0];
    assert.deepEqual(gsi?.KeySchema, keys(['t', 'r'], ['y', 'm', 'd']));
    assert.equal(gsi?.IndexStatus, 'ACTIVE');
    assert.deepEqual(d.Table?.KeySchema, [{ AttributeName: 'id', KeyType: 'HASH' }]);
    assert.deepEqual(d.Table?.AttributeDefinitions?.map((a) => a.AttributeName).sort(), ['d', 'id', 'm', 'r', 't', 'y']);
  });

  it('refuses more than 4 HASH or 4 RANGE attributes, HASH after RANGE and repeated attributes', async () => {
    const defs = { a: 'S', b: 'S', c: 'S', e: 'S', f: 'S', h: 'S' } as const;
    const attempt = (ks: GlobalSecondaryIndex['KeySchema']) =>
      t.client.send(new CreateTableCommand(tableInput(uniqueName('mak-bad'), { IndexName: 'gsi', KeySchema: ks, Projection: { ProjectionType: 'ALL' } }, defs)));
    await expectError(
      attempt(keys(['h'], ['a', 'b', 'c', 'e', 'f'])),
      'ValidationException',
      'One or more parameter values were invalid: The KeySchema exceeds the maximum allowed number of RANGE key attributes',
    );
    await expectError(
      attempt(keys(['a', 'b', 'c', 'e', 'f'], ['h'])),
      'ValidationException',
      'One or more parameter values were invalid: The KeySchema exceeds the maximum allowed number of HASH key attributes',
    );
    await expectError(
      attempt([...keys(['h'], ['a']), { AttributeName: 'b', KeyType: 'HASH' }]),
      'ValidationException',
      'One or more parameter values were invalid: All HASH key attributes must precede RANGE key attributes in the KeySchema',
    );
    await expectError(
      attempt(keys(['h'], ['a', 'h'])),
      'ValidationException',
      'The KeySchema contains multiple key attributes with the same name',
    );
    await expectError(attempt(keys(['h', 'a', 'b', 'c', 'e'], ['f', 'h', 'a', 'b'])), 'ValidationException');
    await expectError(
      attempt([{ AttributeName: 'a', KeyType: 'RANGE' }, ...keys(['h', 'b'], [])]),
      'ValidationException',
      'Invalid KeySchema: The first KeySchemaElement is not a HASH key type',
    );
  });

  it('keeps the two-element limit for the table key and for LSIs', async () => {
    const base = tableInput(uniqueName('mak-lsi'), { IndexName: 'gsi', KeySchema: keys(['a'], []), Projection: { ProjectionType: 'ALL' } }, { a: 'S', b: 'S', s: 'S' });
    const tooLong = (e: Error): boolean =>
      e.name === 'ValidationException' && e.message.includes('failed to satisfy constraint: Member must have length less than or equal to 2');
    await assert.rejects(t.client.send(new CreateTableCommand({ ...base, KeySchema: keys(['id'], ['s', 'b']) })), tooLong);
    await assert.rejects(
      t.client.send(
        new CreateTableCommand({
          ...base,
          KeySchema: keys(['id'], ['s']),
          LocalSecondaryIndexes: [{ IndexName: 'lsi', KeySchema: keys(['id'], ['a', 'b']), Projection: { ProjectionType: 'ALL' } }],
        }),
      ),
      tooLong,
    );
  });
});

describe('index contents and order', () => {
  const table = uniqueName('mak-order');
  const rows: [string, Item][] = [
    ['i1', { ten: S('t1'), reg: S('eu'), yr: N(2025), dd: S('b') }],
    ['i2', { ten: S('t1'), reg: S('eu'), yr: N(2025), dd: S('a') }],
    ['i3', { ten: S('t1'), reg: S('eu'), yr: N(999), dd: S('z') }],
    ['i4', { ten: S('t1'), reg: S('eu'), yr: N(-3), dd: S('a') }],
    ['i5', { ten: S('t1'), reg: S('us'), yr: N(2025), dd: S('a') }],
    ['i6', { ten: S('t1'), reg: S('eu'), yr: N(2025) }], // no dd: not in the index
    ['i7', { ten: S('t1'), yr: N(2025), dd: S('a') }], // no reg: not in the index
    ['i8', { ten: S('t1'), reg: S('eu'), yr: N(10), dd: S('q') }],
  ];

  before(async () => {
    await createReady(
      tableInput(
        table,
        { IndexName: 'gsi', KeySchema: keys(['ten', 'reg'], ['yr', 'dd']), Projection: { ProjectionType: 'KEYS_ONLY' } },
        { ten: 'S', reg: 'S', yr: 'N', dd: 'S' },
      ),
    );
    for (const [id, attrs] of rows) await t.client.send(new PutItemCommand({ TableName: table, Item: { id: S(id), ...attrs, misc: S('x') } }));
  });

  const q = (cond: string, values: Item, extra: Partial<QueryCommandInput> = {}) =>
    ids({ TableName: table, IndexName: 'gsi', KeyConditionExpression: cond, ExpressionAttributeValues: values, ...extra });
  const tenEu = { ':t': S('t1'), ':r': S('eu') };

  it('sorts by the RANGE attributes one after another, numbers as numbers, and leaves out items lacking one', async () => {
    assert.deepEqual(await q('ten = :t AND reg = :r', tenEu), ['i4', 'i8', 'i3', 'i2', 'i1']);
    assert.deepEqual(await q('reg = :r AND ten = :t', tenEu, { ScanIndexForward: false }), ['i1', 'i2', 'i3', 'i8', 'i4']);
  });

  it('needs every HASH attribute to match', async () => {
    assert.deepEqual(await q('ten = :t AND reg = :r', { ':t': S('t1'), ':r': S('us') }), ['i5']);
    assert.deepEqual(await q('ten = :t AND reg = :r', { ':t': S('t2'), ':r': S('eu') }), []);
  });

  it('applies equalities on a RANGE prefix and one condition on the next attribute', async () => {
    assert.deepEqual(await q('ten = :t AND reg = :r AND yr = :y', { ...tenEu, ':y': N(2025) }), ['i2', 'i1']);
    assert.deepEqual(await q('ten = :t AND reg = :r AND yr >= :y', { ...tenEu, ':y': N(10) }), ['i8', 'i3', 'i2', 'i1']);
    assert.deepEqual(await q('ten = :t AND reg = :r AND yr BETWEEN :a AND :b', { ...tenEu, ':a': N(0), ':b': N(999) }), ['i8', 'i3']);
    assert.deepEqual(await q('ten = :t AND reg = :r AND yr = :y AND dd > :d', { ...tenEu, ':y': N(2025), ':d': S('a') }), ['i1']);
    assert.deepEqual(await q('ten = :t AND reg = :r AND yr = :y AND begins_with(dd, :d)', { ...tenEu, ':y': N(2025), ':d': S('b') }), ['i1']);
  });

  it('takes legacy KeyConditions with the same rules', async () => {
    const eq = (v: AttributeValue) => ({ ComparisonOperator: 'EQ' as const, AttributeValueList: [v] });
    assert.deepEqual(
      await ids({ TableName: table, IndexName: 'gsi', KeyConditions: { ten: eq(S('t1')), reg: eq(S('eu')), yr: { ComparisonOperator: 'LT', AttributeValueList: [N(999)] } } }),
      ['i4', 'i8'],
    );
    await expectError(
      ids({ TableName: table, IndexName: 'gsi', KeyConditions: { ten: eq(S('t1')), reg: eq(S('eu')), dd: eq(S('a')) } }),
      'ValidationException',
      'RANGE key attributes yr must have equality conditions specified in the query because a condition is present on key attribute dd',
    );
  });

  it('refuses gaps, a range condition before the last attribute, a missing HASH attribute and misc attributes', async () => {
    await expectError(
      q('ten = :t AND reg = :r AND dd = :d', { ...tenEu, ':d': S('a') }),
      'ValidationException',
      'RANGE key attributes yr must have equality conditions specified in the query because a condition is present on key attribute dd',
    );
    await expectError(
      q('ten = :t AND reg = :r AND yr > :y AND dd = :d', { ...tenEu, ':y': N(1), ':d': S('a') }),
      'ValidationException',
      'RANGE key attributes yr must have equality conditions specified in the query because a condition is present on key attribute dd',
    );
    await expectError(q('ten = :t AND yr = :y', { ':t': S('t1'), ':y': N(1) }), 'ValidationException', 'Query condition missed key schema element: reg');
    await expectError(q('ten = :t AND reg = :r AND misc = :o', { ...tenEu, ':o': S('x') }), 'ValidationException', 'Query key condition not supported');
    await expectError(q('ten = :t AND reg > :r', tenEu), 'ValidationException', 'Query key condition not supported');
    await expectError(
      q('ten = :t AND reg = :r AND yr = :y', { ...tenEu, ':y': S('2025') }),
      'ValidationException',
      'One or more parameter values were invalid: Condition parameter type does not match schema type',
    );
  });

  it('counts the conditions against a single-attribute key (DynamoDB names both numbers)', async () => {
    await expectError(
      ids({
        TableName: table,
        KeyConditionExpression: 'id = :i AND ten = :t AND reg = :r',
        ExpressionAttributeValues: { ':i': S('i1'), ...tenEu },
      }),
      'ValidationException',
      'The number of query conditions (3) exceeds the number of key attributes defined in the schema (1)',
    );
  });

  it('pages with every key attribute in LastEvaluatedKey and resumes from it', async () => {
    const seen: string[] = [];
    let start: Item | undefined;
    let pages = 0;
    do {
      const r = await t.client.send(
        new QueryCommand({
          TableName: table,
          IndexName: 'gsi',
          KeyConditionExpression: 'ten = :t AND reg = :r',
          ExpressionAttributeValues: tenEu,
          Limit: 2,
          ExclusiveStartKey: start,
        }),
      );
      seen.push(...(r.Items ?? []).map((i) => i.id?.S ?? '?'));
      start = r.LastEvaluatedKey;
      if (start) assert.deepEqual(Object.keys(start).sort(), ['dd', 'id', 'reg', 'ten', 'yr']);
      pages++;
    } while (start);
    assert.deepEqual(seen, ['i4', 'i8', 'i3', 'i2', 'i1']);
    assert.equal(pages, 3);
    await expectError(
      q('ten = :t AND reg = :r AND yr = :y', { ...tenEu, ':y': N(2025) }, { ExclusiveStartKey: { id: S('i3'), ten: S('t1'), reg: S('eu'), yr: N(999), dd: S('z') } }),
      'ValidationException',
      'The provided starting key does not match the range key predicate',
    );
    await expectError(
      q('ten = :t AND reg = :r', tenEu, { ExclusiveStartKey: { id: S('i3'), ten: S('t1'), reg: S('eu'), yr: N(999) } }),
      'ValidationException',
      'The provided starting key is invalid',
    );
  });

  it('pages backwards too, and charges the index for what it reads', async () => {
    const seen: string[] = [];
    let start: Item | undefined;
    do {
      const r = await t.client.send(
        new QueryCommand({
          TableName: table,
          IndexName: 'gsi',
          KeyConditionExpression: 'ten = :t AND reg = :r AND yr >= :y',
          ExpressionAttributeValues: { ...tenEu, ':y': N(0) },
          ScanIndexForward: false,
          Limit: 1,
          ExclusiveStartKey: start,
          ReturnConsumedCapacity: 'INDEXES',
        }),
      );
      seen.push(...(r.Items ?? []).map((i) => i.id?.S ?? '?'));
      assert.equal(r.ConsumedCapacity?.GlobalSecondaryIndexes?.gsi?.CapacityUnits, 0.5);
      start = r.LastEvaluatedKey;
    } while (start);
    assert.deepEqual(seen, ['i1', 'i2', 'i3', 'i8']);
  });

  it('projects every index key attribute (KEYS_ONLY) and scans only indexed items', async () => {
    const r = await t.client.send(new QueryCommand({ TableName: table, IndexName: 'gsi', KeyConditionExpression: 'ten = :t AND reg = :r', ExpressionAttributeValues: { ':t': S('t1'), ':r': S('us') } }));
    assert.deepEqual(r.Items, [{ id: S('i5'), ten: S('t1'), reg: S('us'), yr: N(2025), dd: S('a') }]);
    const s = await t.client.send(new ScanCommand({ TableName: table, IndexName: 'gsi' }));
    assert.deepEqual((s.Items ?? []).map((i) => i.id?.S).sort(), ['i1', 'i2', 'i3', 'i4', 'i5', 'i8']);
  });

  it('refuses a key attribute of the wrong type on write', async () => {
    await expectError(
      t.client.send(new PutItemCommand({ TableName: table, Item: { id: S('bad'), ten: S('t1'), reg: S('eu'), yr: S('x') } })),
      'ValidationException',
      'One or more parameter values were invalid: Type mismatch for Index Key yr Expected: N Actual: S IndexName: gsi',
    );
  });
});

describe('index maintenance on every write path', () => {
  const table = uniqueName('mak-writes');
  const inIndex = async (): Promise<string[]> =>
    ids({ TableName: table, IndexName: 'gsi', KeyConditionExpression: 'a = :a AND b = :b', ExpressionAttributeValues: { ':a': S('A'), ':b': N(1) } });

  before(async () => {
    await createReady(
      tableInput(table, { IndexName: 'gsi', KeySchema: keys(['a', 'b'], ['c', 'd']), Projection: { ProjectionType: 'ALL' } }, { a: 'S', b: 'N', c: 'S', d: 'N' }),
    );
  });

  it('follows puts, updates, deletes, batches and transactions', async () => {
    const full = (id: string, d: number): Item => ({ id: S(id), a: S('A'), b: N(1), c: S('c'), d: N(d) });
    await t.client.send(new PutItemCommand({ TableName: table, Item: full('w1', 3) }));
    await t.client.send(
      new BatchWriteItemCommand({ RequestItems: { [table]: [{ PutRequest: { Item: full('w2', 2) } }, { PutRequest: { Item: full('w3', 1) } }] } }),
    );
    await t.client.send(new TransactWriteItemsCommand({ TransactItems: [{ Put: { TableName: table, Item: full('w4', 0) } }] }));
    assert.deepEqual(await inIndex(), ['w4', 'w3', 'w2', 'w1']);

    // Removing one RANGE attribute takes the item out; setting it back puts it in its new place.
    await t.client.send(new UpdateItemCommand({ TableName: table, Key: { id: S('w1') }, UpdateExpression: 'REMOVE d' }));
    assert.deepEqual(await inIndex(), ['w4', 'w3', 'w2']);
    await t.client.send(new UpdateItemCommand({ TableName: table, Key: { id: S('w1') }, UpdateExpression: 'SET d = :d', ExpressionAttributeValues: { ':d': N(-1) } }));
    assert.deepEqual(await inIndex(), ['w1', 'w4', 'w3', 'w2']);
    // Changing the second HASH attribute moves the item to another partition.
    await t.client.send(new UpdateItemCommand({ TableName: table, Key: { id: S('w2') }, UpdateExpression: 'SET b = :b', ExpressionAttributeValues: { ':b': N(2) } }));
    assert.deepEqual(await inIndex(), ['w1', 'w4', 'w3']);

    await t.client.send(new DeleteItemCommand({ TableName: table, Key: { id: S('w4') } }));
    await t.client.send(new BatchWriteItemCommand({ RequestItems: { [table]: [{ DeleteRequest: { Key: { id: S('w3') } } }] } }));
    await t.client.send(new ExecuteStatementCommand({ Statement: `DELETE FROM "${table}" WHERE id = 'w1'` }));
    assert.deepEqual(await inIndex(), []);
    await t.client.send(new ExecuteStatementCommand({ Statement: `INSERT INTO "${table}" VALUE {'id': 'w5', 'a': 'A', 'b': 1, 'c': 'c', 'd': 9}` }));
    assert.deepEqual(await inIndex(), ['w5']);
  });
});

describe('a partition key of two attributes and no sort key', () => {
  it('is created, described and queried by both HASH attributes', async () => {
    const table = uniqueName('mak-hh');
    await createReady(tableInput(table, { IndexName: 'gsi', KeySchema: keys(['u', 'v'], []), Projection: { ProjectionType: 'ALL' } }, { u: 'S', v: 'B' }));
    const d = await t.client.send(new DescribeTableCommand({ TableName: table }));
    assert.deepEqual(d.Table?.GlobalSecondaryIndexes?.[0]?.KeySchema, keys(['u', 'v'], []));
    const v = new Uint8Array([1, 2]);
    await t.client.send(new PutItemCommand({ TableName: table, Item: { id: S('k1'), u: S('U'), v: { B: v } } }));
    await t.client.send(new PutItemCommand({ TableName: table, Item: { id: S('k2'), u: S('U'), v: { B: new Uint8Array([1]) } } }));
    await t.client.send(new PutItemCommand({ TableName: table, Item: { id: S('k3'), u: S('U') } }));
    assert.deepEqual(
      await ids({ TableName: table, IndexName: 'gsi', KeyConditionExpression: 'v = :v AND u = :u', ExpressionAttributeValues: { ':u': S('U'), ':v': { B: v } } }),
      ['k1'],
    );
    await expectError(
      ids({ TableName: table, IndexName: 'gsi', KeyConditionExpression: 'u = :u', ExpressionAttributeValues: { ':u': S('U') } }),
      'ValidationException',
      'Query condition missed key schema element: v',
    );
    await expectError(
      t.client.send(
        new CreateTableCommand(tableInput(uniqueName('mak-hh'), { IndexName: 'gsi', KeySchema: keys(['u', 'u'], []), Projection: { ProjectionType: 'ALL' } }, { u: 'S' })),
      ),
      'ValidationException',
      'The KeySchema contains multiple key attributes with the same name',
    );
  });
});

describe('TTL', () => {
  it('removes expired items from the index', async () => {
    const clock = new ManualClock(Date.UTC(2026, 0, 1));
    const interval = 10_000;
    const ttl = await startTestEddy({ clock, ttlSweepIntervalMs: interval });
    try {
      const table = uniqueName('mak-ttl');
      await ttl.client.send(
        new CreateTableCommand(tableInput(table, { IndexName: 'gsi', KeySchema: keys(['a', 'b'], ['c']), Projection: { ProjectionType: 'KEYS_ONLY' } }, { a: 'S', b: 'S', c: 'N' })),
      );
      clock.advance(1);
      await ttl.client.send(new UpdateTimeToLiveCommand({ TableName: table, TimeToLiveSpecification: { Enabled: true, AttributeName: 'exp' } }));
      const nowS = Math.floor(clock.now() / 1000);
      for (const [id, exp] of [['gone', nowS - 10], ['kept', nowS + 3600]] as const) {
        await ttl.client.send(new PutItemCommand({ TableName: table, Item: { id: S(id), a: S('A'), b: S('B'), c: N(1), exp: N(exp) } }));
      }
      const inIndex = async (): Promise<string[]> => {
        const r = await ttl.client.send(
          new QueryCommand({ TableName: table, IndexName: 'gsi', KeyConditionExpression: 'a = :a AND b = :b', ExpressionAttributeValues: { ':a': S('A'), ':b': S('B') } }),
        );
        return (r.Items ?? []).map((i) => i.id?.S ?? '?').sort();
      };
      assert.deepEqual(await inIndex(), ['gone', 'kept']);
      clock.advance(interval);
      for (let i = 0; i < 200 && (await inIndex()).length > 1; i++) await new Promise((r) => setImmediate(r));
      assert.deepEqual(await inIndex(), ['kept']);
    } finally {
      await ttl.stop();
    }
  });
});

describe('UpdateTable', () => {
  it('creates a multi-attribute GSI and backfills it from the existing items', async () => {
    const table = uniqueName('mak-backfill');
    await createReady({
      TableName: table,
      BillingMode: 'PAY_PER_REQUEST',
      KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
      AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
    });
    for (let i = 0; i < 30; i++) {
      const item: Item = { id: S(`b${i}`), p: S(`p${i % 2}`), q: S('q'), n: N(30 - i) };
      if (i % 5 === 0) delete item.q; // sparse
      await t.client.send(new PutItemCommand({ TableName: table, Item: item }));
    }
    const res = await t.client.send(
      new UpdateTableCommand({
        TableName: table,
        AttributeDefinitions: [
          { AttributeName: 'p', AttributeType: 'S' },
          { AttributeName: 'q', AttributeType: 'S' },
          { AttributeName: 'n', AttributeType: 'N' },
        ],
        GlobalSecondaryIndexUpdates: [{ Create: { IndexName: 'pq-index', KeySchema: keys(['p', 'q'], ['n']), Projection: { ProjectionType: 'ALL' } } }],
      }),
    );
    assert.deepEqual(res.TableDescription?.GlobalSecondaryIndexes?.[0]?.KeySchema, keys(['p', 'q'], ['n']));
    let status: string | undefined;
    for (let i = 0; i < 200 && status !== 'ACTIVE'; i++) {
      const d = await t.client.send(new DescribeTableCommand({ TableName: table }));
      status = d.Table?.GlobalSecondaryIndexes?.[0]?.IndexStatus;
      if (status !== 'ACTIVE') await new Promise((r) => setImmediate(r));
    }
    assert.equal(status, 'ACTIVE');
    const got = await ids({ TableName: table, IndexName: 'pq-index', KeyConditionExpression: 'p = :p AND q = :q', ExpressionAttributeValues: { ':p': S('p0'), ':q': S('q') } });
    const want = Array.from({ length: 30 }, (_, i) => i)
      .filter((i) => i % 2 === 0 && i % 5 !== 0)
      .sort((x, y) => (30 - x) - (30 - y))
      .map((i) => `b${i}`);
    assert.deepEqual(got, want);

    // Deleting the index prunes the AttributeDefinitions only its key used.
    await t.client.send(new UpdateTableCommand({ TableName: table, GlobalSecondaryIndexUpdates: [{ Delete: { IndexName: 'pq-index' } }] }));
    let defs: string[] = [];
    for (let i = 0; i < 200; i++) {
      const d = await t.client.send(new DescribeTableCommand({ TableName: table }));
      defs = (d.Table?.AttributeDefinitions ?? []).map((a) => a.AttributeName ?? '');
      if (!d.Table?.GlobalSecondaryIndexes?.length) break;
      await new Promise((r) => setImmediate(r));
    }
    assert.deepEqual(defs, ['id']);
  });
});

describe('backups', () => {
  it('restore a table with its multi-attribute GSI', async () => {
    const table = uniqueName('mak-bk');
    await createReady(tableInput(table, { IndexName: 'gsi', KeySchema: keys(['a'], ['b', 'c']), Projection: { ProjectionType: 'ALL' } }, { a: 'S', b: 'N', c: 'S' }));
    await t.client.send(new PutItemCommand({ TableName: table, Item: { id: S('r1'), a: S('A'), b: N(2), c: S('x') } }));
    await t.client.send(new PutItemCommand({ TableName: table, Item: { id: S('r2'), a: S('A'), b: N(1), c: S('y') } }));
    const backup = await t.client.send(new CreateBackupCommand({ TableName: table, BackupName: 'mak' }));
    const target = uniqueName('mak-restored');
    await t.client.send(new RestoreTableFromBackupCommand({ TargetTableName: target, BackupArn: backup.BackupDetails?.BackupArn }));
    await waitUntilTableExists({ client: t.client, maxWaitTime: 30, minDelay: 1 }, { TableName: target });
    const d = await t.client.send(new DescribeTableCommand({ TableName: target }));
    assert.deepEqual(d.Table?.GlobalSecondaryIndexes?.[0]?.KeySchema, keys(['a'], ['b', 'c']));
    assert.deepEqual(
      await ids({ TableName: target, IndexName: 'gsi', KeyConditionExpression: 'a = :a AND b <= :b', ExpressionAttributeValues: { ':a': S('A'), ':b': N(2) } }),
      ['r2', 'r1'],
    );
  });
});

describe('PartiQL', () => {
  const table = uniqueName('mak-pq');
  const refused = 'PartiQL statements cannot be executed on tables with multi-attribute HASH keys or multi-attribute RANGE keys.';

  before(async () => {
    await createReady(
      tableInput(table, { IndexName: 'gsi', KeySchema: keys(['a', 'b'], ['c']), Projection: { ProjectionType: 'ALL' } }, { a: 'S', b: 'S', c: 'S' }),
    );
    await t.client.send(new PutItemCommand({ TableName: table, Item: { id: S('x'), a: S('A'), b: S('B'), c: S('C') } }));
  });

  const run = (Statement: string) => t.client.send(new ExecuteStatementCommand({ Statement }));

  it('refuses reading the multi-attribute index, ahead of WHERE and COUNT rules', async () => {
    await expectError(run(`SELECT * FROM "${table}"."gsi" WHERE a = 'A' AND b = 'B'`), 'ValidationException', refused);
    await expectError(run(`SELECT * FROM "${table}"."gsi"`), 'ValidationException', refused);
    await expectError(run(`SELECT COUNT(*) FROM "${table}"."gsi"`), 'ValidationException', refused);
    await expectError(run(`SELECT COUNT(*) FROM "${table}"`), 'ValidationException', 'Unexpected path component at 1:8:5');
  });

  it('reports parse errors and number conversion ahead of the refusal', async () => {
    await expectError(run(`SELECT * FROM "${table}"."gsi" WHERE a = 1e99999999999`), 'ValidationException', "Statement wasn't well formed, can't be processed: ");
    await expectError(
      t.client.send(new ExecuteStatementCommand({ Statement: `SELECT * FROM "${table}"."gsi" WHERE a = ?`, Parameters: [{ N: '1e99999999999' }] })),
      'ValidationException',
      'The parameter cannot be converted to a numeric value: 1e99999999999',
    );
  });

  it('still reads the base table', async () => {
    const r = await run(`SELECT * FROM "${table}" WHERE id = 'x'`);
    assert.equal(r.Items?.length, 1);
  });
});
