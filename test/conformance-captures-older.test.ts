/**
 * Answers live DynamoDB gave in eu-west-2 between June and August 2026, as a public conformance
 * project captured them (its June-August capture files). Each case pins one answer Eddy gave
 * differently before; newer (October) recordings of the same subject win where they exist.
 */
import { after, before, describe, it } from 'node:test';
import { assertValidation, createHashTable, enveloped, NEWER_EMPTY_TABLE_NAME, NEWER_RETURN_VALUES } from './helpers/conformance.js';
import { startTestEddy, uniqueName, type TestEddy } from './helpers/eddy.js';

let t: TestEddy;
let table: string;

before(async () => {
  t = await startTestEddy();
  table = await createHashTable(t, 'cco', 'pk');
});
after(async () => {
  await t.stop();
});

const RCC = "Value 'INVALID' at 'returnConsumedCapacity' failed to satisfy constraint: Member must satisfy enum value set: [INDEXES, TOTAL, NONE]";
const RICM = "Value 'INVALID' at 'returnItemCollectionMetrics' failed to satisfy constraint: Member must satisfy enum value set: [SIZE, NONE]";

describe('item writes in the newer validation layer (eu-west-2, 2026-06 and 2026-07)', () => {
  it('an empty TableName is named as the model spells it, without an echoed value', async () => {
    await assertValidation(t, 'PutItem', { TableName: '', Item: { pk: { S: 'x' } } }, enveloped(NEWER_EMPTY_TABLE_NAME));
    await assertValidation(t, 'PutItem', { TableName: '', Item: {}, ReturnValues: 'INVALID' }, enveloped(NEWER_EMPTY_TABLE_NAME));
    await assertValidation(t, 'DeleteItem', { TableName: '', Key: {} }, enveloped(NEWER_EMPTY_TABLE_NAME));
    await assertValidation(t, 'UpdateItem', { TableName: '', Key: {} }, enveloped(NEWER_EMPTY_TABLE_NAME));
  });

  it('other bad names keep the echoed camel-case form', async () => {
    await assertValidation(t, 'PutItem', { TableName: 'bad table!@#', Item: { pk: { S: 'x' } } },
      enveloped("Value 'bad table!@#' at 'tableName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+"));
  });

  it('PutItem lists three unknown enums as capacity, ReturnValues (own wording), metrics', async () => {
    const body = { TableName: uniqueName('absent'), Item: { pk: { S: 'x' } }, ReturnConsumedCapacity: 'INVALID', ReturnItemCollectionMetrics: 'INVALID', ReturnValues: 'INVALID' };
    await assertValidation(t, 'PutItem', body, `3 validation errors detected: ${RCC}; ${NEWER_RETURN_VALUES}; ${RICM}`);
  });

  it('DeleteItem lists capacity before ReturnValues', async () => {
    const body = { TableName: uniqueName('absent'), Key: { pk: { S: 'x' } }, ReturnValues: 'INVALID', ReturnConsumedCapacity: 'INVALID' };
    await assertValidation(t, 'DeleteItem', body, `2 validation errors detected: ${RCC}; ${NEWER_RETURN_VALUES}`);
  });

  it('UpdateItem reports only the ReturnValues failure', async () => {
    const body = { TableName: table, Key: { pk: { S: 'x' } }, ReturnValues: 'INVALID', ReturnConsumedCapacity: 'INVALID' };
    await assertValidation(t, 'UpdateItem', body, enveloped(NEWER_RETURN_VALUES));
  });

  it('the older layer (UpdateItem without a Key) keeps the echoed forms', async () => {
    await assertValidation(t, 'UpdateItem', { TableName: '', UpdateExpression: 'SET a = :a', ExpressionAttributeValues: { ':a': { S: 'x' } } },
      "2 validation errors detected: Value '' at 'tableName' failed to satisfy constraint: Member must have length greater than or equal to 1; " +
        "Value null at 'key' failed to satisfy constraint: Member must not be null");
  });
});

describe('BatchWriteItem echoes (eu-west-2, 2026-06 to 2026-08)', () => {
  const fields = (s: string): string =>
    `AttributeValue(s=${s}, n=null, b=null, iNT=null, dECIMAL=null, dOUBLE=null, sS=null, nS=null, bS=null, iNTSET=null, dECIMALSET=null, dOUBLESET=null, m=null, l=null, nULL=null, bOOL=null)`;

  it('more than 25 writes echo each item as AttributeValue objects with every field', async () => {
    const writes = Array.from({ length: 26 }, (_, i) => ({ PutRequest: { Item: { pk: { S: `w${i}` } } } }));
    const echoed = writes.map((_, i) => `WriteRequest(putRequest=PutRequest(item={pk=${fields(`w${i}`)}}, workloadProfileName=null), deleteRequest=null)`);
    await assertValidation(t, 'BatchWriteItem', { RequestItems: { [table]: writes } },
      enveloped(`Value '{${table}=[${echoed.join(', ')}]}' at 'requestItems' failed to satisfy constraint: ` +
        'Map value must satisfy constraint: [Member must have length less than or equal to 25, Member must have length greater than or equal to 1]'));
  });
});
