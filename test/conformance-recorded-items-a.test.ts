/**
 * Answers recorded on real DynamoDB (LocalStack's AWS-validated snapshots for test_dynamodb.py),
 * restated as our own checks: response shapes of item, PartiQL and stream calls.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { CreateTableCommand, ExecuteTransactionCommand, ScanCommand } from '@aws-sdk/client-dynamodb';
import { startTestEddy, uniqueName, type TestEddy } from './helpers/eddy.js';

let t: TestEddy;
let users: string;

before(async () => {
  t = await startTestEddy();
  users = uniqueName('rec_users');
  await t.client.send(
    new CreateTableCommand({
      TableName: users,
      KeySchema: [{ AttributeName: 'Username', KeyType: 'HASH' }],
      AttributeDefinitions: [{ AttributeName: 'Username', AttributeType: 'S' }],
      ProvisionedThroughput: { ReadCapacityUnits: 5, WriteCapacityUnits: 5 },
    }),
  );
});

after(async () => t.stop());

test('ExecuteTransaction of writes answers an empty Responses list', async () => {
  const statements = [
    { Statement: `INSERT INTO "${users}" VALUE {'Username': 'tx-a'}` },
    { Statement: `INSERT INTO "${users}" VALUE {'Username': 'tx-b'}` },
  ];
  const r = await t.raw('ExecuteTransaction', { TransactStatements: statements });
  assert.equal(r.status, 200);
  assert.deepEqual(r.json, { Responses: [] });

  // The SDK sees the same empty list, and both rows are stored.
  const sdk = await t.client.send(
    new ExecuteTransactionCommand({ TransactStatements: [{ Statement: `UPDATE "${users}" SET Age = 3 WHERE Username = 'tx-a'` }] }),
  );
  assert.deepEqual(sdk.Responses, []);
  const scan = await t.client.send(new ScanCommand({ TableName: users }));
  assert.equal(scan.Count, 2);
});

test('ExecuteTransaction replayed with the same token still answers Responses: []', async () => {
  const body = { ClientRequestToken: 'rec-a-token', TransactStatements: [{ Statement: `UPDATE "${users}" SET n = 1 WHERE Username = 'tx-b'` }] };
  assert.deepEqual((await t.raw('ExecuteTransaction', body)).json, { Responses: [] });
  assert.deepEqual((await t.raw('ExecuteTransaction', body)).json, { Responses: [] });
});
