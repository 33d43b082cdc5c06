import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DynamoError } from '../src/protocol/errors.js';
import { compileModel } from '../src/protocol/shape-validate.js';

const validate = compileModel('dynamodb');

function fails(op: string, input: Record<string, unknown>): { type: string; message: string } {
  try {
    validate(op, input);
  } catch (e) {
    assert.ok(e instanceof DynamoError);
    return { type: e.code, message: e.message };
  }
  assert.fail('expected an error');
}

// Messages recorded against live DynamoDB in dynalite's test/helpers.js (assertType) and
// test/createTable.js.
describe('shape validation', () => {
  it('String members', () => {
    const cases: [unknown, string][] = [
      [true, 'TRUE_VALUE cannot be converted to String'],
      [false, 'FALSE_VALUE cannot be converted to String'],
      [23, 'NUMBER_VALUE cannot be converted to String'],
      [34.56, 'DECIMAL_VALUE cannot be converted to String'],
      [[], 'Unrecognized collection type class java.lang.String'],
      [{}, 'Start of structure or map found where not expected'],
    ];
    for (const [v, msg] of cases) assert.deepEqual(fails('DescribeTable', { TableName: v }), { type: 'SerializationException', message: msg });
  });

  it('Boolean, Integer and Long members', () => {
    assert.equal(fails('GetItem', { TableName: 'abc', ConsistentRead: '23' }).message, 'Unexpected token received from parser');
    assert.equal(fails('GetItem', { TableName: 'abc', ConsistentRead: 23 }).message, 'NUMBER_VALUE cannot be converted to Boolean');
    assert.equal(fails('Scan', { TableName: 'abc', Limit: true }).message, 'TRUE_VALUE cannot be converted to Integer');
    assert.equal(fails('Scan', { TableName: 'abc', Limit: [] }).message, 'Unrecognized collection type class java.lang.Integer');
    assert.equal(
      fails('CreateTable', { ProvisionedThroughput: { ReadCapacityUnits: '1' } }).message,
      'STRING_VALUE cannot be converted to Long',
    );
  });

  it('lists, maps and structures', () => {
    assert.equal(fails('CreateTable', { KeySchema: '23' }).message, 'Unexpected field type');
    assert.equal(fails('CreateTable', { KeySchema: {} }).message, 'Start of structure or map found where not expected');
    assert.equal(fails('CreateTable', { KeySchema: [23] }).message, 'Unexpected value type in payload');
    assert.equal(fails('CreateTable', { KeySchema: [[]] }).message, 'Unrecognized collection type class com.amazonaws.dynamodb.v20120810.KeySchemaElement');
    assert.equal(fails('CreateTable', { ProvisionedThroughput: 23 }).message, 'Unexpected field type');
    assert.equal(fails('PutItem', { Item: [] }).message, 'Unrecognized collection type java.util.Map<java.lang.String, com.amazonaws.dynamodb.v20120810.AttributeValue>');
    assert.equal(fails('PutItem', { Item: { a: 23 } }).message, 'Unexpected value type in payload');
    assert.equal(fails('PutItem', { Item: { a: { S: 23 } } }).message, 'NUMBER_VALUE cannot be converted to String');
    assert.equal(fails('PutItem', { Item: { a: { B: 23 } } }).message, 'only base-64-encoded strings are convertible to bytes');
    assert.equal(fails('PutItem', { Item: { a: { B: '23456' } } }).message, 'Base64 encoded length is expected a multiple of 4 bytes but found: 5');
    assert.equal(fails('PutItem', { Item: { a: { M: { b: { L: [{ BS: [true] }] } } } } }).message, 'only base-64-encoded strings are convertible to bytes');
    assert.equal(fails('BatchGetItem', { RequestItems: { abc: { Keys: ['23'] } } }).message.slice(0, 60),
      'class sun.reflect.generics.reflectiveObjects.ParameterizedTy');
  });

  it('unknown members and nulls are ignored', () => {
    const input = { TableName: 'abc', Whatever: 5, Limit: null };
    assert.equal(validate('Scan', input), input);
  });

  it('constraint listing', () => {
    assert.deepEqual(fails('CreateTable', { TableName: 'abc;' }), {
      type: 'ValidationException',
      message:
        '3 validation errors detected: ' +
        "Value null at 'attributeDefinitions' failed to satisfy constraint: Member must not be null; " +
        "Value 'abc;' at 'tableName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+; " +
        "Value null at 'keySchema' failed to satisfy constraint: Member must not be null",
    });
    const m = fails('CreateTable', {
      TableName: 'abc',
      AttributeDefinitions: [{ AttributeName: 'b', AttributeType: 'SS' }],
      KeySchema: [{ KeyType: 'Woop', AttributeName: 'a' }],
      ProvisionedThroughput: { ReadCapacityUnits: -1, WriteCapacityUnits: 1 },
    }).message;
    assert.match(m, /^3 validation errors detected: /);
    assert.ok(m.includes("Value 'SS' at 'attributeDefinitions.1.member.attributeType' failed to satisfy constraint: Member must satisfy enum value set: [B, N, S]"));
    assert.ok(m.includes("Value 'Woop' at 'keySchema.1.member.keyType' failed to satisfy constraint: Member must satisfy enum value set: [HASH, RANGE]"));
    assert.ok(m.includes("Value '-1' at 'provisionedThroughput.readCapacityUnits' failed to satisfy constraint: Member must have value greater than or equal to 1"));
  });

  it('TableName prechecks (control plane)', () => {
    assert.equal(fails('DescribeTable', {}).message, "The parameter 'TableName' is required but was not present in the request");
    assert.equal(fails('DeleteTable', { TableName: 'a;' }).message, 'TableName must be at least 3 characters long and at most 255 characters long');
    assert.equal(fails('DeleteTable', { TableName: 'a'.repeat(256) }).message, 'TableName must be at least 3 characters long and at most 255 characters long');
    // DescribeTable lists the name's failures instead (live DynamoDB, October 2026).
    assert.equal(
      fails('DescribeTable', { TableName: 'a;' }).message,
      "2 validation errors detected: Value 'a;' at 'tableName' failed to satisfy constraint: Member must have length greater than or equal to 3; " +
        "Value 'a;' at 'tableName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+",
    );
  });

  it('TableName of the item operations joins the listing', () => {
    const at = (v: string, rule: string) => `Value '${v}' at 'tableName' failed to satisfy constraint: Member must ${rule}`;
    assert.equal(fails('GetItem', { Key: {} }).message, "1 validation error detected: Value null at 'tableName' failed to satisfy constraint: Member must not be null");
    assert.equal(fails('GetItem', { TableName: '', Key: {} }).message, `1 validation error detected: ${at('', 'have length greater than or equal to 1')}`);
    assert.equal(fails('Query', { TableName: 'x!' }).message, `1 validation error detected: ${at('x!', 'satisfy regular expression pattern: [a-zA-Z0-9_.-]+')}`);
    const long = 'a'.repeat(256);
    assert.equal(fails('PutItem', { TableName: long, Item: {} }).message, `1 validation error detected: ${at(long, 'have length less than or equal to 255')}`);
    assert.equal(
      fails('UpdateItem', { TableName: '' }).message,
      `2 validation errors detected: ${at('', 'have length greater than or equal to 1')}; Value null at 'key' failed to satisfy constraint: Member must not be null`,
    );
  });

  it("Query reports Limit as \"Value at 'Limit'\", Scan with its value", () => {
    assert.equal(
      fails('Query', { TableName: 'abc', Limit: 0 }).message,
      "1 validation error detected: Value at 'Limit' failed to satisfy constraint: Member must have value greater than or equal to 1",
    );
    assert.equal(
      fails('Scan', { TableName: 'abc', Limit: 0 }).message,
      "1 validation error detected: Value '0' at 'limit' failed to satisfy constraint: Member must have value greater than or equal to 1",
    );
  });

  it('caps the listing at 10', () => {
    const m = fails('CreateTable', { TableName: 'abc', AttributeDefinitions: Array(12).fill({}), KeySchema: [] }).message;
    assert.match(m, /^10 validation errors detected: /);
  });
});
