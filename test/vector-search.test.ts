import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  CreateTableCommand,
  DescribeTableCommand,
  ExecuteStatementCommand,
  PutItemCommand,
  SearchVectorsCommand,
  UpdateItemCommand,
  type AttributeValue,
} from '@aws-sdk/client-dynamodb';
import { startTestEddy, uniqueName, type TestEddy } from './helpers/eddy.js';
import { expectError } from './helpers/expect.js';

const nums = (...ns: number[]): AttributeValue[] => ns.map((n) => ({ N: String(n) }));

let t: TestEddy;
let table: string;

before(async () => {
  t = await startTestEddy();
  table = uniqueName('vec');
  await t.client.send(
    new CreateTableCommand({
      TableName: table,
      AttributeDefinitions: [
        { AttributeName: 'pk', AttributeType: 'S' },
        { AttributeName: 'tenant', AttributeType: 'S' },
        { AttributeName: 'colour', AttributeType: 'S' },
      ],
      KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
      BillingMode: 'PAY_PER_REQUEST',
      VectorIndexes: [
        { IndexName: 'near', VectorAttribute: { AttributeName: 'v' }, Dimensions: 2, DistanceFunction: 'COSINE', Projection: { ProjectionType: 'ALL' } },
        { IndexName: 'far', VectorAttribute: { AttributeName: 'v' }, Dimensions: 2, DistanceFunction: 'EUCLIDEAN', Projection: { ProjectionType: 'KEYS_ONLY' } },
        { IndexName: 'dots', VectorAttribute: { AttributeName: 'v' }, Dimensions: 2, DistanceFunction: 'DOT_PRODUCT', Projection: { ProjectionType: 'ALL' } },
        {
          IndexName: 'scoped',
          VectorAttribute: { AttributeName: 'v' },
          Dimensions: 2,
          DistanceFunction: 'COSINE',
          Projection: { ProjectionType: 'ALL' },
          SearchSchema: [
            { AttributeName: 'tenant', SearchSchemaElementType: 'HASH' },
            { AttributeName: 'colour', SearchSchemaElementType: 'INLINE_FILTER' },
          ],
        },
      ],
    }),
  );
  const rows: [string, number[], string, string][] = [
    ['east', [1, 0], 't1', 'red'],
    ['north', [0, 1], 't1', 'blue'],
    ['west', [-1, 0], 't2', 'red'],
    ['north-east', [3, 3], 't1', 'red'],
  ];
  for (const [pk, v, tenant, colour] of rows) {
    await t.client.send(new PutItemCommand({ TableName: table, Item: { pk: { S: pk }, v: { L: nums(...v) }, tenant: { S: tenant }, colour: { S: colour } } }));
  }
});

after(async () => {
  await t.stop();
});

const search = (IndexName: string, v: number[], TopK: number, extra: Record<string, unknown> = {}) =>
  t.client.send(new SearchVectorsCommand({ TableName: table, IndexName, SearchVector: nums(...v), TopK, ...extra }));

describe('vector indexes on CreateTable and DescribeTable', () => {
  it('describes each index, with its SearchSchema', async () => {
    const { Table } = await t.client.send(new DescribeTableCommand({ TableName: table }));
    assert.deepEqual(Table?.VectorIndexes?.map((v) => v.IndexName), ['near', 'far', 'dots', 'scoped']);
    const scoped = Table?.VectorIndexes?.[3];
    assert.equal(scoped?.IndexStatus, 'ACTIVE');
    assert.equal(scoped?.Backfilling, undefined);
    assert.equal(scoped?.Dimensions, 2);
    assert.equal(scoped?.DistanceFunction, 'COSINE');
    assert.deepEqual(scoped?.VectorAttribute, { AttributeName: 'v' });
    assert.equal(scoped?.SearchSchema?.[0]?.SearchSchemaElementType, 'HASH');
    assert.ok(scoped?.IndexArn?.endsWith(`table/${table}/index/scoped`));
  });

  it('refuses a vector index on a provisioned table and too many dimensions', async () => {
    const base = {
      TableName: uniqueName('vec-bad'),
      AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' as const }],
      KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' as const }],
    };
    const index = { IndexName: 'vix', VectorAttribute: { AttributeName: 'v' }, Dimensions: 3, DistanceFunction: 'COSINE' as const, Projection: { ProjectionType: 'ALL' as const } };
    await expectError(
      t.client.send(new CreateTableCommand({ ...base, ProvisionedThroughput: { ReadCapacityUnits: 1, WriteCapacityUnits: 1 }, VectorIndexes: [index] })),
      'ValidationException',
      'One or more parameter values were invalid: Vector indexes are only supported for PAY_PER_REQUEST tables',
    );
    await expectError(
      t.client.send(new CreateTableCommand({ ...base, BillingMode: 'PAY_PER_REQUEST', VectorIndexes: [{ ...index, Dimensions: 5000 }] })),
      'ValidationException',
      'One or more parameter values were invalid: Number of dimensions must be between 1 and 4096 inclusive.',
    );
    await expectError(
      t.client.send(new CreateTableCommand({ ...base, BillingMode: 'PAY_PER_REQUEST', VectorIndexes: [{ ...index, Dimensions: 0 }] })),
      'ValidationException',
      "1 validation error detected: Value '0' at 'vectorIndexes.1.member.dimensions' failed to satisfy constraint: Member must have value greater than or equal to 1",
    );
  });
});

describe('writes to a vector-indexed table', () => {
  it('refuses a vector of the wrong length, naming the index', async () => {
    await expectError(
      t.client.send(new PutItemCommand({ TableName: table, Item: { pk: { S: 'x' }, v: { L: nums(1, 2, 3) } } })),
      'ValidationException',
      'One or more parameter values were invalid. Invalid size for parameter v, Expected: 2, Actual: 3 IndexName: near',
    );
  });

  it('refuses a vector element that is not a number', async () => {
    await expectError(
      t.client.send(new PutItemCommand({ TableName: table, Item: { pk: { S: 'x' }, v: { L: [{ N: '1' }, { BOOL: true }] } } })),
      'ValidationException',
      'One or more parameter values were invalid. Invalid type for parameter v[1], Expected: 32-bit floating point number, Actual: BOOL. IndexName: near',
    );
  });

  it('accepts an item without the vector; it is simply not searchable', async () => {
    await t.client.send(new PutItemCommand({ TableName: table, Item: { pk: { S: 'no-vector' } } }));
    const res = await search('near', [1, 0], 100);
    assert.equal(res.SearchResults?.some((r) => r.Item?.pk?.S === 'no-vector'), false);
  });

  it('reports the vector bytes of a write under INDEXES only when an index entry changes', async () => {
    const Item = { pk: { S: 'cap' }, v: { L: nums(0.5, 0.5) } };
    const first = await t.client.send(new PutItemCommand({ TableName: table, Item, ReturnConsumedCapacity: 'INDEXES' }));
    // Every entry is far below the 1024-byte floor; 'scoped' needs the tenant, which the item lacks.
    assert.deepEqual(first.ConsumedCapacity?.VectorIndexes, {
      near: { VectorWriteRequestBytes: 1024 },
      far: { VectorWriteRequestBytes: 1024 },
      dots: { VectorWriteRequestBytes: 1024 },
    });
    const again = await t.client.send(new PutItemCommand({ TableName: table, Item, ReturnConsumedCapacity: 'INDEXES' }));
    assert.equal(again.ConsumedCapacity?.VectorIndexes, undefined);
    await t.client.send(new UpdateItemCommand({ TableName: table, Key: { pk: { S: 'cap' } }, UpdateExpression: 'REMOVE v' }));
  });
});

describe('SearchVectors', () => {
  it('ranks by cosine distance, closest first', async () => {
    const res = await search('near', [1, 0], 3);
    assert.deepEqual(res.SearchResults?.map((r) => r.Item?.pk?.S), ['east', 'north-east', 'north']);
    assert.deepEqual(res.SearchResults?.map((r) => r.Score), [0, Math.fround(1 - Math.SQRT1_2), 1]);
    assert.equal(res.SearchResults?.[0]?.Item?.v, undefined);
  });

  it('ranks by euclidean distance and by dot product (higher first)', async () => {
    const far = await search('far', [3, 2], 2);
    assert.deepEqual(far.SearchResults?.map((r) => r.Item), [{ pk: { S: 'north-east' } }, { pk: { S: 'east' } }]);
    const dots = await search('dots', [1, 1], 4);
    assert.deepEqual(dots.SearchResults?.map((r) => r.Score), [6, 1, 1, -1]);
  });

  it('scopes a SearchSchema index to the HASH value and filters inline', async () => {
    const values = { ':t': { S: 't1' }, ':c': { S: 'red' } };
    const res = await search('scoped', [-1, 0], 10, { SearchConditionExpression: 'tenant = :t AND colour = :c', ExpressionAttributeValues: values });
    assert.deepEqual(res.SearchResults?.map((r) => r.Item?.pk?.S).sort(), ['east', 'north-east']);
  });

  it('returns the f32 vector when projected, and VectorSearchRequestBytes', async () => {
    const res = await search('near', [1, 0], 1, { ProjectionExpression: '#v, pk', ExpressionAttributeNames: { '#v': 'v' }, ReturnConsumedCapacity: 'TOTAL' });
    // The index hands back its f32 copy, whole numbers with '.0' (conformance suite vectorSearch/search).
    assert.deepEqual(res.SearchResults?.[0]?.Item, { pk: { S: 'east' }, v: { L: [{ N: '1.0' }, { N: '0.0' }] } });
    assert.ok((res.ConsumedCapacity?.VectorSearchRequestBytes ?? 0) > 0);
  });

  it('answers DynamoDB messages for bad requests', async () => {
    await expectError(search('nope', [1, 0], 1), 'ValidationException', 'The table does not have the specified index: nope');
    await expectError(search('near', [1, 0, 0], 1), 'ValidationException', 'Input search vector dimension 3 does not match vector index dimension 2');
    await expectError(search('near', [1, 0], 101), 'ValidationException', "Provided TopK value '101' is out of valid range. The value must be between 1 and 100 inclusive");
    await expectError(search('scoped', [1, 0], 1), 'ValidationException', 'SearchConditionExpression must be provided when SearchSchema has a HASH key');
    await expectError(
      search('scoped', [1, 0], 1, { SearchConditionExpression: 'tenant > :t', ExpressionAttributeValues: { ':t': { S: 't1' } } }),
      'ValidationException',
      'Invalid SearchConditionExpression: Invalid comparator used in SearchConditionExpression',
    );
    await expectError(
      t.client.send(new SearchVectorsCommand({ TableName: uniqueName('absent'), IndexName: 'near', SearchVector: nums(1, 0), TopK: 1 })),
      'ResourceNotFoundException',
    );
  });

  it('reads the body strictly before checking any member, as DynamoDB does', async () => {
    // Missing TableName: the deserialiser's message, before TopK's range (conformance suite
    // tier3/error-messages/searchVectors, "request shape errors"). The column is the body's end.
    const body = { IndexName: 'ab', SearchVector: nums(1, 0), TopK: 0 };
    const missing = await t.raw('SearchVectors', body);
    assert.equal(missing.status, 400);
    assert.equal(missing.json.__type, 'com.amazon.coral.validate#ValidationException');
    assert.equal(missing.json.message, `missing field \`TableName\` at line 1 column ${JSON.stringify(body).length}`);
    // An explicit null is a SerializationException naming the type expected.
    const nulls: [string, string][] = [
      ['IndexName', 'a string'],
      ['TableName', 'a string'],
      ['SearchVector', 'a sequence'],
      ['TopK', 'i32'],
    ];
    for (const [member, expected] of nulls) {
      const sent = { TableName: table, IndexName: 'near', SearchVector: nums(1, 0), TopK: 1, [member]: null };
      const text = JSON.stringify(sent);
      const res = await t.raw('SearchVectors', text);
      assert.equal(res.status, 400);
      assert.equal(res.json.__type, 'com.amazon.coral.service#SerializationException');
      const column = text.indexOf(`"${member}":null`) + member.length + 3 + 4;
      assert.equal(res.json.Message, `invalid type: null, expected ${expected} at line 1 column ${column}`);
    }
    // Once read, the model's constraints, all of them (the IndexName wording as recorded in
    // nubo-db/dynoxide src/actions/search_vectors.rs).
    const model = await t.raw('SearchVectors', { TableName: table, IndexName: 'ab', SearchVector: nums(1, 0), TopK: 0 });
    assert.equal(
      model.json.message,
      "2 validation errors detected: Value at 'IndexName' failed to satisfy constraint: Member must have length greater than or equal to 3; Value '0' at 'topK' failed to satisfy constraint: Member must have value greater than or equal to 1",
    );
    // A null optional member reads as absent.
    const ok = await t.raw('SearchVectors', { TableName: table, IndexName: 'near', SearchVector: nums(1, 0), TopK: 1, ProjectionExpression: null, SearchConditionExpression: null });
    assert.equal(ok.status, 200);
    assert.equal(ok.json.SearchResults[0].Item.pk.S, 'east');
  });

  it('keeps vector indexes out of PartiQL', async () => {
    await expectError(
      t.client.send(new ExecuteStatementCommand({ Statement: `SELECT * FROM "${table}"."near"` })),
      'ValidationException',
      'Scan operation not supported on this index type',
    );
  });
});
