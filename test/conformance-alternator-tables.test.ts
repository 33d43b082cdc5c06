import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { TableManager } from '../src/dynamodb/tables/catalog.js';
import { startTestEddy, uniqueName, type RawResponse, type TestEddy } from './helpers/eddy.js';

/**
 * Table-level behaviour that ScyllaDB alternator's AWS-validated tests (test_tableclass.py,
 * test_warm_throughput.py, test_gsi_updatetable.py) found Eddy getting wrong. Messages are the ones
 * DynamoDB returns, as recorded by those tests and by live-DynamoDB probe catalogues.
 */
let eddy: TestEddy;

before(async () => {
  eddy = await startTestEddy();
});
after(async () => {
  await eddy.stop();
});

const HASH_ONLY = {
  KeySchema: [{ AttributeName: 'p', KeyType: 'HASH' }],
  AttributeDefinitions: [{ AttributeName: 'p', AttributeType: 'S' }],
};
const ON_DEMAND_URL =
  'https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/on-demand-capacity-mode.html#on-demand-capacity-mode-initial';
const BAD_CLASS =
  'Invalid table-class parameter provided. Please try again with a valid table-class value: [STANDARD, STANDARD_INFREQUENT_ACCESS].';

function expectValidation(r: RawResponse, message: string): void {
  assert.equal(r.status, 400, r.body);
  assert.ok(String(r.json.__type).endsWith('#ValidationException'), r.body);
  assert.equal(r.json.message, message);
}

async function create(body: Record<string, unknown>): Promise<RawResponse> {
  return eddy.raw('CreateTable', { BillingMode: 'PAY_PER_REQUEST', ...HASH_ONLY, ...body });
}

async function waitActive(name: string): Promise<Record<string, any>> {
  const m = eddy.eddy.services.tables;
  assert.ok(m instanceof TableManager);
  for (;;) {
    await m.backfills.idle();
    const r = await eddy.raw('DescribeTable', { TableName: name });
    assert.equal(r.status, 200, r.body);
    const t = r.json.Table;
    const busy = t.TableStatus !== 'ACTIVE' || (t.GlobalSecondaryIndexes ?? []).some((g: any) => g.IndexStatus !== 'ACTIVE');
    if (!busy) return t;
    await new Promise((resolve) => setImmediate(resolve));
  }
}

describe('TableClass values', () => {
  it('CreateTable refuses an unknown or lower-case class with the table-class message', async () => {
    for (const tableClass of ['invalid_tableclass_name', 'standard']) {
      const name = uniqueName('tc');
      expectValidation(await create({ TableName: name, TableClass: tableClass }), BAD_CLASS);
      assert.equal((await eddy.raw('DescribeTable', { TableName: name })).status, 400);
    }
  });

  it('UpdateTable refuses an unknown class the same way and accepts a valid one', async () => {
    const name = uniqueName('tc');
    assert.equal((await create({ TableName: name, TableClass: 'STANDARD' })).status, 200);
    await waitActive(name);
    expectValidation(await eddy.raw('UpdateTable', { TableName: name, TableClass: 'junk' }), BAD_CLASS);
    const ok = await eddy.raw('UpdateTable', { TableName: name, TableClass: 'STANDARD_INFREQUENT_ACCESS' });
    assert.equal(ok.status, 200, ok.body);
    const t = await waitActive(name);
    assert.equal(t.TableClassSummary.TableClass, 'STANDARD_INFREQUENT_ACCESS');
  });
});

describe('WarmThroughput floor at CreateTable', () => {
  it('an on-demand table cannot start below 12000 reads / 4000 writes per second', async () => {
    const cases = [
      [{ ReadUnitsPerSecond: 11999, WriteUnitsPerSecond: 4000 }, 'ReadUnitsPerSecond'],
      [{ ReadUnitsPerSecond: 12000, WriteUnitsPerSecond: 3999 }, 'WriteUnitsPerSecond'],
      [{ WriteUnitsPerSecond: 1 }, 'WriteUnitsPerSecond'],
    ] as const;
    for (const [warm, unit] of cases) {
      const name = uniqueName('warm');
      expectValidation(
        await create({ TableName: name, WarmThroughput: warm }),
        `One or more parameter values were invalid: Requested ${unit} for WarmThroughput for table is lower than initial throughput for OnDemand. See: ${ON_DEMAND_URL}`,
      );
      assert.equal((await eddy.raw('DescribeTable', { TableName: name })).status, 400);
    }
  });

  it('the floor itself, or one unit above it, is accepted', async () => {
    for (const warm of [{ ReadUnitsPerSecond: 12000, WriteUnitsPerSecond: 4000 }, { ReadUnitsPerSecond: 12240 }]) {
      const name = uniqueName('warm');
      const r = await create({ TableName: name, WarmThroughput: warm });
      assert.equal(r.status, 200, r.body);
      const t = await waitActive(name);
      assert.equal(t.WarmThroughput.ReadUnitsPerSecond, warm.ReadUnitsPerSecond);
    }
  });

  it('a provisioned table cannot start below its provisioned capacity', async () => {
    const body = {
      TableName: uniqueName('warm'),
      BillingMode: 'PROVISIONED',
      ProvisionedThroughput: { ReadCapacityUnits: 10, WriteCapacityUnits: 10 },
    };
    expectValidation(
      await create({ ...body, WarmThroughput: { ReadUnitsPerSecond: 5, WriteUnitsPerSecond: 50 } }),
      'One or more parameter values were invalid: Requested ReadUnitsPerSecond for WarmThroughput for table is lower than ReadCapacityUnits of ProvisionedThroughput',
    );
    expectValidation(
      await create({ ...body, WarmThroughput: { ReadUnitsPerSecond: 50, WriteUnitsPerSecond: 5 } }),
      'One or more parameter values were invalid: Requested WriteUnitsPerSecond for WarmThroughput for table is lower than WriteCapacityUnits of ProvisionedThroughput',
    );
    const ok = await create({ ...body, WarmThroughput: { ReadUnitsPerSecond: 10, WriteUnitsPerSecond: 10 } });
    assert.equal(ok.status, 200, ok.body);
  });
});

describe('UpdateTable GSI creation', () => {
  it('refuses to give an existing index key attribute another type', async () => {
    const name = uniqueName('redef');
    const r = await create({
      TableName: name,
      AttributeDefinitions: [
        { AttributeName: 'p', AttributeType: 'S' },
        { AttributeName: 'xyz', AttributeType: 'S' },
      ],
      GlobalSecondaryIndexes: [
        { IndexName: 'index1', KeySchema: [{ AttributeName: 'xyz', KeyType: 'HASH' }], Projection: { ProjectionType: 'ALL' } },
      ],
    });
    assert.equal(r.status, 200, r.body);
    await waitActive(name);
    const createIndex2 = (type: string): Promise<RawResponse> =>
      eddy.raw('UpdateTable', {
        TableName: name,
        AttributeDefinitions: [{ AttributeName: 'xyz', AttributeType: type }],
        GlobalSecondaryIndexUpdates: [
          { Create: { IndexName: 'index2', KeySchema: [{ AttributeName: 'xyz', KeyType: 'HASH' }], Projection: { ProjectionType: 'ALL' } } },
        ],
      });
    expectValidation(
      await createIndex2('N'),
      'One or more parameter values were invalid: Attributes cannot be redefined. Please check that your attribute has the same type as previously defined. Existing schema: Schema:[SchemaElement: key{xyz:S:HASH}] New schema: Schema:[SchemaElement: key{xyz:N:HASH}]',
    );
    const same = await createIndex2('S');
    assert.equal(same.status, 200, same.body);
    await waitActive(name);
  });

  it('leaves items whose key value is longer than an index key may be out of the backfilled index', async () => {
    const name = uniqueName('bigkey');
    const r = await create({
      TableName: name,
      KeySchema: [
        { AttributeName: 'p', KeyType: 'HASH' },
        { AttributeName: 'c', KeyType: 'RANGE' },
      ],
      AttributeDefinitions: [
        { AttributeName: 'p', AttributeType: 'S' },
        { AttributeName: 'c', AttributeType: 'S' },
      ],
    });
    assert.equal(r.status, 200, r.body);
    await waitActive(name);
    // x of 1024 bytes fits both key kinds, 1025 and 2048 only a partition key, 2049 neither.
    const lengths = [1024, 1025, 2048, 2049];
    for (const n of lengths) {
      const put = await eddy.raw('PutItem', { TableName: name, Item: { p: { S: `p${n}` }, c: { S: 'c' }, x: { S: 'a'.repeat(n) } } });
      assert.equal(put.status, 200, put.body);
    }
    const addIndex = async (index: string, keys: { AttributeName: string; KeyType: string }[]): Promise<void> => {
      const u = await eddy.raw('UpdateTable', {
        TableName: name,
        AttributeDefinitions: keys.map((k) => ({ AttributeName: k.AttributeName, AttributeType: 'S' })),
        GlobalSecondaryIndexUpdates: [{ Create: { IndexName: index, KeySchema: keys, Projection: { ProjectionType: 'KEYS_ONLY' } } }],
      });
      assert.equal(u.status, 200, u.body);
      await waitActive(name);
    };
    const indexed = async (index: string): Promise<string[]> => {
      const s = await eddy.raw('Scan', { TableName: name, IndexName: index });
      assert.equal(s.status, 200, s.body);
      return s.json.Items.map((it: any) => it.p.S).sort();
    };
    await addIndex('by_x', [{ AttributeName: 'x', KeyType: 'HASH' }]);
    assert.deepEqual(await indexed('by_x'), ['p1024', 'p1025', 'p2048']);
    await addIndex('by_c_x', [
      { AttributeName: 'c', KeyType: 'HASH' },
      { AttributeName: 'x', KeyType: 'RANGE' },
    ]);
    assert.deepEqual(await indexed('by_c_x'), ['p1024']);
  });
});
