/**
 * Error texts and validation order of the item operations as a 2026 conformance suite records
 * them against live DynamoDB (tier3 error-messages and validation-ordering). Each case pins one
 * difference Eddy had from those recordings.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { assertValidation, rawOk } from './helpers/conformance.js';
import { startTestEddy, uniqueName, type TestEddy } from './helpers/eddy.js';

let t: TestEddy;
let hash: string;
let sortN: string;

before(async () => {
  t = await startTestEddy();
  hash = uniqueName('se');
  await rawOk(t, 'CreateTable', {
    TableName: hash,
    AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
    KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
    BillingMode: 'PAY_PER_REQUEST',
  });
  sortN = uniqueName('sen');
  await rawOk(t, 'CreateTable', {
    TableName: sortN,
    AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }, { AttributeName: 'sk', AttributeType: 'N' }],
    KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }, { AttributeName: 'sk', KeyType: 'RANGE' }],
    BillingMode: 'PAY_PER_REQUEST',
  });
});
after(async () => {
  await t.stop();
});

const listed = (...clauses: string[]): string =>
  `${clauses.length} validation error${clauses.length === 1 ? '' : 's'} detected: ${clauses.join('; ')}`;
const EMPTY_NAME_NEWER = "Value at 'TableName' failed to satisfy constraint: Member must have length greater than or equal to 1";
const nameRule = (value: string, rule: string): string =>
  `Value '${value}' at 'tableName' failed to satisfy constraint: Member must ${rule}`;

describe('item operations: TableName constraints', () => {
  it('a missing, empty, overlong or malformed name is one listed constraint failure', async () => {
    await assertValidation(t, 'PutItem', { Item: { pk: { S: 'a' } } },
      listed("Value null at 'tableName' failed to satisfy constraint: Member must not be null"));
    // an empty name in the newer layer's wording (eu-west-2 captures, 2026-06/07 and 2026-10)
    await assertValidation(t, 'PutItem', { TableName: '', Item: {} }, listed(EMPTY_NAME_NEWER));
    const long = 'b'.repeat(256);
    await assertValidation(t, 'UpdateItem', { TableName: long, Key: {} }, listed(nameRule(long, 'have length less than or equal to 255')));
    await assertValidation(t, 'DeleteItem', { TableName: 'x!', Key: {} },
      listed(nameRule('x!', 'satisfy regular expression pattern: [a-zA-Z0-9_.-]+')));
  });

  it('a table ARN still stands for the name', async () => {
    const described = await rawOk(t, 'DescribeTable', { TableName: hash });
    const arn = (described.Table as { TableArn: string }).TableArn;
    await rawOk(t, 'PutItem', { TableName: arn, Item: { pk: { S: 'by-arn' } } });
    const got = await rawOk(t, 'GetItem', { TableName: arn, Key: { pk: { S: 'by-arn' } } });
    assert.deepEqual(got.Item, { pk: { S: 'by-arn' } });
  });

  it('an empty name is listed beside a missing key', async () => {
    await assertValidation(t, 'UpdateItem', { TableName: '', UpdateExpression: 'SET a = :a', ExpressionAttributeValues: { ':a': { S: 'x' } } },
      listed(nameRule('', 'have length greater than or equal to 1'), "Value null at 'key' failed to satisfy constraint: Member must not be null"));
  });
});

describe('Query: Limit', () => {
  it('names Limit with a capital L and echoes no value', async () => {
    await assertValidation(t, 'Query', { TableName: hash, KeyConditionExpression: 'pk = :v', ExpressionAttributeValues: { ':v': { S: 'v' } }, Limit: 0 },
      listed("Value at 'Limit' failed to satisfy constraint: Member must have value greater than or equal to 1"));
  });
});

describe('Query: KeyConditionExpression', () => {
  const query = (kce: string, values: Record<string, unknown>, table = sortN) =>
    ({ TableName: table, KeyConditionExpression: kce, ExpressionAttributeValues: values });
  const badOperand = 'Invalid KeyConditionExpression: Incorrect operand type for operator or function; operator or function: begins_with, operand type: N';
  const undefinedValue = 'Invalid KeyConditionExpression: An expression attribute value used in expression is not defined; attribute value: :nope';

  it('two conditions on one key attribute carry the expression prefix', async () => {
    await assertValidation(t, 'Query', query('pk = :p AND sk > :a AND sk < :b', { ':p': { S: 'q' }, ':a': { N: '1' }, ':b': { N: '5' } }),
      'Invalid KeyConditionExpression: KeyConditionExpressions must only contain one condition per key');
  });

  it('three conditions are counted against the key schema', async () => {
    await assertValidation(t, 'Query', query('pk = :p AND sk > :a AND extra = :b', { ':p': { S: 'q' }, ':a': { N: '1' }, ':b': { N: '5' } }),
      'The number of query conditions (3) exceeds the number of key attributes defined in the schema (2)');
  });

  it('the first clause with an undefined value or a wrong operand type decides the message', async () => {
    await assertValidation(t, 'Query', query('begins_with(sk, :n) AND pk = :nope', { ':n': { N: '1' } }, hash), badOperand);
    await assertValidation(t, 'Query', query('pk = :nope AND begins_with(sk, :n)', { ':n': { N: '1' } }, hash), undefinedValue);
    await assertValidation(t, 'Query', query('pk = :p AND begins_with(sk, :n) AND sk = :nope', { ':p': { S: 'q' }, ':n': { N: '1' } }, hash), badOperand);
  });
});

describe('secondary index key values', () => {
  let indexed: string;
  let binaryIndexed: string;
  before(async () => {
    const attr = (name: string, type = 'S') => ({ AttributeName: name, AttributeType: type });
    indexed = uniqueName('sei');
    await rawOk(t, 'CreateTable', {
      TableName: indexed,
      AttributeDefinitions: [attr('pk'), attr('sk'), attr('alt')],
      KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }, { AttributeName: 'sk', KeyType: 'RANGE' }],
      // Declared LSI first: the message still names the GSI, whose name sorts first.
      LocalSecondaryIndexes: [{ IndexName: 'zlocal', KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }, { AttributeName: 'alt', KeyType: 'RANGE' }], Projection: { ProjectionType: 'ALL' } }],
      GlobalSecondaryIndexes: [{ IndexName: 'aglobal', KeySchema: [{ AttributeName: 'alt', KeyType: 'HASH' }], Projection: { ProjectionType: 'ALL' } }],
      BillingMode: 'PAY_PER_REQUEST',
    });
    binaryIndexed = uniqueName('seb');
    await rawOk(t, 'CreateTable', {
      TableName: binaryIndexed,
      AttributeDefinitions: [attr('pk'), attr('bin', 'B')],
      KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
      GlobalSecondaryIndexes: [{ IndexName: 'byBin', KeySchema: [{ AttributeName: 'bin', KeyType: 'HASH' }], Projection: { ProjectionType: 'ALL' } }],
      BillingMode: 'PAY_PER_REQUEST',
    });
  });

  it('a value failing two indexes is reported for the index whose name sorts first', async () => {
    await assertValidation(t, 'PutItem', { TableName: indexed, Item: { pk: { S: 'a' }, sk: { S: 'b' }, alt: { N: '1' } } },
      'One or more parameter values were invalid: Type mismatch for Index Key alt Expected: S Actual: N IndexName: aglobal');
    await assertValidation(t, 'BatchWriteItem', { RequestItems: { [indexed]: [{ PutRequest: { Item: { pk: { S: 'a' }, sk: { S: 'b' }, alt: { S: '' } } } }] } },
      'One or more parameter values are not valid. A value specified for a secondary index key is not supported. The AttributeValue for a key attribute cannot contain an empty string value. IndexName: aglobal, IndexKey: alt');
  });

  it('UpdateItem words an empty index key value without naming the index', async () => {
    await assertValidation(t, 'UpdateItem', { TableName: binaryIndexed, Key: { pk: { S: 'u' } }, UpdateExpression: 'SET bin = :v', ExpressionAttributeValues: { ':v': { B: '' } } },
      'One or more parameter values are not valid. The update expression attempted to update a secondary index key to a value that is not supported. The AttributeValue for a key attribute cannot contain an empty binary value.');
    await assertValidation(t, 'PutItem', { TableName: binaryIndexed, Item: { pk: { S: 'u' }, bin: { B: '' } } },
      'One or more parameter values are not valid. A value specified for a secondary index key is not supported. The AttributeValue for a key attribute cannot contain an empty binary value. IndexName: byBin, IndexKey: bin');
  });
});

describe('PutItem: a bad TableName stands alone', () => {
  it('reports the name without the unknown ReturnValues beside it', async () => {
    await assertValidation(t, 'PutItem', { TableName: '', ReturnValues: 'INVALID', Item: {} }, listed(EMPTY_NAME_NEWER));
  });
});

describe('PutItem, UpdateItem and DeleteItem: request checks inside the envelope', () => {
  const one = (m: string): string => `1 validation error detected: ${m}`;
  const invalid = 'One or more parameter values were invalid: ';

  it('expression parameters without an expression, with no "is null" suffix', async () => {
    await assertValidation(t, 'PutItem', { TableName: hash, Item: { pk: { S: 'e' } }, ExpressionAttributeValues: { ':v': { S: 'x' } } },
      one('ExpressionAttributeValues can only be specified when using expressions'));
    await assertValidation(t, 'DeleteItem', { TableName: hash, Key: { pk: { S: 'e' } }, ExpressionAttributeNames: { '#a': 'a' } },
      one('ExpressionAttributeNames can only be specified when using expressions'));
  });

  it('empty maps, an empty condition and a ReturnValues DeleteItem cannot give', async () => {
    const key = { TableName: hash, Key: { pk: { S: 'e' } } };
    await assertValidation(t, 'DeleteItem', { ...key, ConditionExpression: 'attribute_exists(a)', ExpressionAttributeValues: {} }, one('ExpressionAttributeValues must not be empty'));
    await assertValidation(t, 'DeleteItem', { ...key, ConditionExpression: '' }, one('Invalid ConditionExpression: The expression can not be empty;'));
    await assertValidation(t, 'DeleteItem', { ...key, ReturnValues: 'UPDATED_NEW' }, one('ReturnValues can only be ALL_OLD or NONE'));
  });

  it('a malformed Expected condition', async () => {
    await assertValidation(t, 'PutItem', { TableName: hash, Item: { pk: { S: 'e' } }, Expected: { a: { Exists: true } } },
      one(`${invalid}Value must be provided when Exists is true for Attribute: a`));
    await assertValidation(t, 'DeleteItem', { TableName: hash, Key: { pk: { S: 'e' } }, Expected: { a: { ComparisonOperator: 'BETWEEN', AttributeValueList: [{ S: 'x' }] } } },
      one(`${invalid}Invalid number of argument(s) for the BETWEEN ComparisonOperator`));
  });

  it('an undefined value in the condition of an update', async () => {
    await assertValidation(t, 'UpdateItem', { TableName: hash, Key: { pk: { S: 'e' } }, UpdateExpression: 'SET b = :w', ConditionExpression: 'a = :v', ExpressionAttributeValues: { ':w': { S: 'x' } } },
      one('Invalid ConditionExpression: An expression attribute value used in expression is not defined; attribute value: :v'));
  });

  it('errors found once the table is read stay bare', async () => {
    await assertValidation(t, 'UpdateItem', { TableName: hash, Key: { pk: { S: 'e' } }, UpdateExpression: 'SET pk = :v', ExpressionAttributeValues: { ':v': { S: 'x' } } },
      `${invalid}Cannot update attribute pk. This attribute is part of the key`);
    await assertValidation(t, 'DeleteItem', { TableName: hash, Key: { pk: { N: '1' } } }, 'The provided key element does not match the schema');
  });
});

describe('value errors: the current layer (item operations) and the older one (batch writes)', () => {
  const one = (m: string): string => `1 validation error detected: ${m}`;
  const notNumeric = 'The parameter cannot be converted to a numeric value';
  const overflow = 'Number overflow. Attempting to store a number with magnitude larger than supported range';
  const underflow = 'Number underflow. Attempting to store a number with magnitude smaller than supported range';
  const invalid = 'One or more parameter values were invalid: ';

  it('an empty number keeps its colon and a wrapping exponent overflows, except in BatchWriteItem', async () => {
    await assertValidation(t, 'PutItem', { TableName: hash, Item: { pk: { S: 'n' }, n: { N: '' } } }, one(`${notNumeric}: `));
    await assertValidation(t, 'GetItem', { TableName: hash, Key: { pk: { N: '1e2147483647' } } }, overflow);
    await assertValidation(t, 'BatchWriteItem', { RequestItems: { [hash]: [{ PutRequest: { Item: { pk: { S: 'n' }, n: { N: '' } } } }] } }, notNumeric);
    await assertValidation(t, 'BatchWriteItem', { RequestItems: { [hash]: [{ PutRequest: { Item: { pk: { S: 'n' }, n: { N: '1e2147483647' } } } }] } }, underflow);
  });

  it('duplicate set members are quoted and ordered up to the repeat', async () => {
    await assertValidation(t, 'DeleteItem', { TableName: hash, Key: { pk: { SS: ['b', 'a', 'b'] } } },
      one(`${invalid}Input collection ["a", "b", "b"] contains duplicates.`));
    await assertValidation(t, 'GetItem', { TableName: hash, Key: { pk: { BS: ['/w==', 'AA==', 'AA=='] } } },
      `${invalid}Input collection ["AA==","/w==","AA=="]of type BS contains duplicates.`);
    await assertValidation(t, 'BatchGetItem', { RequestItems: { [hash]: { Keys: [{ pk: { NS: ['2', '1', '2'] } }] } } },
      `${invalid}Input collection contains duplicates.`);
    await assertValidation(t, 'BatchWriteItem', { RequestItems: { [hash]: [{ DeleteRequest: { Key: { pk: { SS: ['b', 'a', 'b'] } } } }] } },
      `${invalid}Input collection [b, a, b] contains duplicates.`);
  });

  it('an expression value error carries no "contains invalid value" wrapper in Query', async () => {
    await assertValidation(t, 'Query', { TableName: hash, KeyConditionExpression: 'pk = :p', FilterExpression: 'n = :v', ExpressionAttributeValues: { ':p': { S: 'x' }, ':v': { N: 'abc' } } },
      `${notNumeric}: abc`);
    await assertValidation(t, 'Scan', { TableName: hash, FilterExpression: 'n = :v', ExpressionAttributeValues: { ':v': { N: 'abc' } } },
      `ExpressionAttributeValues contains invalid value: ${notNumeric}: abc for key :v`);
  });
});

describe('the older validation layer: UpdateItem without a Key, requests nested past ~62 levels', () => {
  const enumRule = (value: string, path: string, set: string): string =>
    `Value '${value}' at '${path}' failed to satisfy constraint: Member must satisfy enum value set: [${set}]`;
  const noKey = "Value null at 'key' failed to satisfy constraint: Member must not be null";
  const RV_OLDER = 'ALL_NEW, UPDATED_OLD, ALL_OLD, NONE, UPDATED_NEW';
  const nested = (depth: number): Record<string, unknown> => {
    let v: Record<string, unknown> = { S: 'leaf' };
    for (let i = 0; i < depth; i++) v = { M: { n: v } };
    return v;
  };

  it('UpdateItem with a Key reports only its first constraint failure', async () => {
    await assertValidation(t, 'UpdateItem', { TableName: hash, Key: { pk: { S: 'k' } }, ReturnValues: 'BAD', ReturnConsumedCapacity: 'BAD' },
      // the newer layer's own ReturnValues text (eu-west-2, 2026-06 to 2026-10)
      listed('Failed to satisfy constraint: Member must satisfy enum value set: [ALL_OLD, UPDATED_OLD, ALL_NEW, UPDATE_NEW, NONE]'));
  });

  it('UpdateItem without a Key joins every failure in the older order and wording', async () => {
    await assertValidation(t, 'UpdateItem', { TableName: '', UpdateExpression: 'SET a = :a', ExpressionAttributeValues: { ':a': { S: 'x' } }, ReturnConsumedCapacity: 'BAD', ReturnValues: 'BAD' },
      listed(enumRule('BAD', 'returnConsumedCapacity', 'INDEXES, TOTAL, NONE'), nameRule('', 'have length greater than or equal to 1'), enumRule('BAD', 'returnValues', RV_OLDER), noKey));
    await assertValidation(t, 'UpdateItem', { TableName: hash, AttributeUpdates: { x: { Action: 'PUT', Value: { S: '1' } } }, Expected: { a: { Exists: false }, b: { Exists: false } }, ConditionalOperator: 'XOR' },
      listed(enumRule('XOR', 'conditionalOperator', 'OR, AND'), noKey));
  });

  it('a deeply nested value brings the older enum order and leaves the envelope off', async () => {
    const deepCondition = { ConditionExpression: '#d = :deep', ExpressionAttributeNames: { '#d': 'd' }, ExpressionAttributeValues: { ':deep': nested(63) } };
    await assertValidation(t, 'DeleteItem', { TableName: hash, Key: { pk: { S: 'k' } }, ...deepCondition, ReturnValues: 'BOGUS' }, listed(enumRule('BOGUS', 'returnValues', RV_OLDER)));
    await assertValidation(t, 'DeleteItem', { TableName: hash, Key: { pk: { S: 'k' } }, ...deepCondition, ReturnValues: 'UPDATED_NEW' }, 'ReturnValues can only be ALL_OLD or NONE');
    await assertValidation(t, 'PutItem', { TableName: hash, Item: { pk: { S: 'k' } }, Expected: { a: { Value: nested(100) }, b: { Exists: false } }, ConditionalOperator: 'XOR' },
      listed(enumRule('XOR', 'conditionalOperator', 'OR, AND')));
  });

  it('Query answers an unknown ConditionalOperator on its own, ahead of an unknown Select', async () => {
    await assertValidation(t, 'Query', {
      TableName: hash,
      KeyConditions: { pk: { ComparisonOperator: 'EQ', AttributeValueList: [{ S: 'a' }] } },
      QueryFilter: { b: { ComparisonOperator: 'NULL' }, c: { ComparisonOperator: 'NULL' } },
      ConditionalOperator: 'XOR',
      Select: 'BOGUS',
    }, 'Failed to satisfy constraint: Member must satisfy enum value set: [ALL, OR]');
  });
});

describe('TransactWriteItems: action order with empty names and deep values', () => {
  const NEST = 'Nesting Levels have exceeded supported limits: Attributes in the item have nested levels beyond supported limit';
  const nested = (depth: number): Record<string, unknown> => {
    let v: Record<string, unknown> = { S: 'leaf' };
    for (let i = 0; i < depth; i++) v = { M: { n: v } };
    return v;
  };
  const absent = uniqueName('absent');
  const tx = (...items: Record<string, unknown>[]) => ({ TransactItems: items });

  it('an empty attribute name in a Put is reported before a later action\'s deep value', async () => {
    await assertValidation(t, 'TransactWriteItems', tx(
      { Put: { TableName: absent, Item: { pk: { S: 'a' }, '': { S: 'x' } } } },
      { Put: { TableName: absent, Item: { pk: { S: 'b' }, d: nested(100) } } },
    ), 'Empty attribute name');
    await assertValidation(t, 'TransactWriteItems', tx(
      { Put: { TableName: absent, Item: { pk: { S: 'b' }, d: nested(40) } } },
      { Put: { TableName: absent, Item: { pk: { S: 'a' }, '': { S: 'x' } } } },
    ), NEST);
  });

  it('a key nested past ~62 levels is reported after the same action\'s expressions', async () => {
    await assertValidation(t, 'TransactWriteItems', tx({ Delete: { TableName: absent, Key: { pk: nested(100) }, ConditionExpression: 'a = = b' } }),
      'Invalid ConditionExpression: Syntax error; token: "=", near: "= = b"');
    await assertValidation(t, 'TransactWriteItems', tx({ Delete: { TableName: absent, Key: { pk: nested(40) }, ConditionExpression: 'a = = b' } }), NEST);
  });
});
