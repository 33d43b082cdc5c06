/**
 * Global tables as live DynamoDB answers them today (recorded by ScyllaDB alternator's
 * test_global_tables.py against AWS): the 2017.11.29 API is retired, and ReplicaUpdates cannot
 * name the region the request is sent to.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { signedHeaders, startTestEddy, type TestEddy, uniqueName } from './helpers/eddy.js';

describe('global tables', () => {
  let t: TestEddy;
  let table: string;
  before(async () => {
    t = await startTestEddy();
    table = uniqueName('gt');
    const made = await t.raw('CreateTable', {
      TableName: table,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [{ AttributeName: 'p', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'p', KeyType: 'HASH' }],
    });
    assert.equal(made.status, 200);
  });
  after(async () => t.stop());

  it('refuses CreateGlobalTable of the legacy version', async () => {
    const r = await t.raw('CreateGlobalTable', { GlobalTableName: table, ReplicationGroup: [{ RegionName: 'us-west-2' }] });
    assert.equal(r.status, 400);
    assert.deepEqual(r.json, {
      __type: 'com.amazon.coral.validate#ValidationException',
      message:
        'One or more parameter values were invalid: DynamoDB global tables version 2017.11.29 is not supported. We recommend using DynamoDB global tables version 2019.11.21, instead of version 2017.11.29 (Legacy).',
    });
  });

  it('finds no legacy global table, even under the name of an existing table', async () => {
    const calls: Array<[string, Record<string, unknown>]> = [
      ['DescribeGlobalTable', { GlobalTableName: table }],
      ['DescribeGlobalTableSettings', { GlobalTableName: 'nothing-here' }],
      ['UpdateGlobalTable', { GlobalTableName: table, ReplicaUpdates: [{ Delete: { RegionName: 'us-east-2' } }] }],
      ['UpdateGlobalTableSettings', { GlobalTableName: table, GlobalTableBillingMode: 'PAY_PER_REQUEST' }],
    ];
    for (const [op, body] of calls) {
      const r = await t.raw(op, body);
      assert.equal(r.status, 400, op);
      assert.deepEqual(r.json, {
        __type: 'com.amazonaws.dynamodb.v20120810#GlobalTableNotFoundException',
        // DescribeGlobalTable's text has a lead of its own (live DynamoDB, October 2026: DDB-GLOBALTABLE-004).
        message: `${op === 'DescribeGlobalTable' ? 'Global table not found: ' : ''}Global table with name: '${body.GlobalTableName as string}' does not exist.`,
      });
    }
  });

  it('lists no legacy global tables', async () => {
    const r = await t.raw('ListGlobalTables', {});
    assert.equal(r.status, 200);
    assert.deepEqual(r.json, { GlobalTables: [] });
  });

  it('refuses a replica in the region the request went to', async () => {
    const r = await t.raw('UpdateTable', { TableName: table, ReplicaUpdates: [{ Create: { RegionName: 'eu-west-1' } }] }, signedHeaders('AKIDTEST', 'eu-west-1'));
    assert.equal(r.status, 400);
    assert.equal(r.json.__type, 'com.amazon.coral.validate#ValidationException');
    assert.equal(
      r.json.message,
      'Cannot add or delete the local region through ReplicaUpdates. Use CreateTable, DeleteTable, or UpdateTable as required.',
    );
  });
});
