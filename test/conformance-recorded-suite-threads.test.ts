/**
 * DynamoDB answers described in the conformance suite's issue and pull-request threads
 * (paritysuite/dynamodb-conformance) and in its maintainer's captures filed on other trackers, where
 * Eddy answered differently. Each was characterised on live DynamoDB by the thread's author; the
 * tests are ours and name their thread.
 */
import { after, before, describe, it } from 'node:test';
import { assertValidation } from './helpers/conformance.js';
import { startTestEddy, uniqueName, type TestEddy } from './helpers/eddy.js';

let t: TestEddy;
const HASH_ONLY = {
  AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
  KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
};

before(async () => {
  t = await startTestEddy();
});

after(async () => {
  await t.stop();
});

// https://github.com/nubo-db/dynoxide/issues/159 (the suite's maintainer, eu-west-2 capture of
// 2026-07-24): a maximum on a provisioned table is refused by both operations in different words.
// CreateTable says "when table BillingMode is PROVISIONED." (no article, a full stop); UpdateTable
// keeps "when the table BillingMode is PROVISIONED" without one.
describe('OnDemandThroughput on a provisioned table', () => {
  const provisioned = { ProvisionedThroughput: { ReadCapacityUnits: 1, WriteCapacityUnits: 1 } };
  const invalid = 'One or more parameter values were invalid: ';

  it('CreateTable words the refusal its own way', async () => {
    for (const [od, unit] of [
      [{ MaxReadRequestUnits: 20 }, 'MaxReadRequestUnits'],
      [{ MaxWriteRequestUnits: 15 }, 'MaxWriteRequestUnits'],
    ] as const) {
      for (const billing of [{}, { BillingMode: 'PROVISIONED' }]) {
        await assertValidation(t, 'CreateTable', { TableName: uniqueName('odt'), ...HASH_ONLY, ...billing, ...provisioned, OnDemandThroughput: od },
          `${invalid}${unit} for OnDemandThroughput cannot be specified when table BillingMode is PROVISIONED.`);
      }
    }
  });

  it('UpdateTable keeps the article and no full stop', async () => {
    const name = uniqueName('odtu');
    const created = await t.raw('CreateTable', { TableName: name, ...HASH_ONLY, ...provisioned });
    if (created.status !== 200) throw new Error(created.body);
    await assertValidation(t, 'UpdateTable', { TableName: name, OnDemandThroughput: { MaxReadRequestUnits: 20 } },
      `${invalid}MaxReadRequestUnits for OnDemandThroughput cannot be specified when the table BillingMode is PROVISIONED`);
  });
});
