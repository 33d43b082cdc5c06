import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ExpressionCache, prepareExpressions, type ExpressionRequest } from '../../src/dynamodb/expressions/index.js';
import { RESERVED_WORD_COUNT } from '../../src/dynamodb/expressions/reserved-words.js';

const cache = new ExpressionCache(100);

function message(req: Partial<ExpressionRequest>): string {
  try {
    prepareExpressions({ operation: 'UpdateItem', ...req }, cache);
  } catch (e) {
    return (e as Error).message;
  }
  return 'no error';
}

const V = { ':v': { S: 'x' } };

describe('expression messages', () => {
  it('syntax errors carry token and near (shapes recorded from DynamoDB by moto)', () => {
    const cases: [string, string, string][] = [
      ['SET attrName = 3', '3', '= 3'],
      ['SET MyStr[ 3', '<EOF>', '3'],
      ['SET MyStr[3 )', ')', '3 )'],
      ['SET ) 3', ')', 'SET ) 3'],
      ['SET MyStr = [:_val  ', '[', '= [:_val'],
      ['  RESET NonExistent value', 'RESET', '  RESET NonExistent'],
      ['SET a [2 1]. b = 5', '1', '2 1]'],
      ['SET #a a = 5', 'a', '#a a ='],
      ['SET MyStr = NoExist + + :_val ', '+', '+ + :_val'],
      ['REMOVE NoExist + ', '+', 'NoExist + '],
      ['ADD attr val foobar', 'val', 'attr val foobar'],
      ['REMOVE if_not_exists(a,b)', '(', 'if_not_exists(a'],
    ];
    for (const [expr, token, near] of cases) {
      assert.equal(
        message({ UpdateExpression: expr }),
        `Invalid UpdateExpression: Syntax error; token: "${token}", near: "${near}"`,
        expr,
      );
    }
    assert.equal(
      message({ operation: 'PutItem', ConditionExpression: 'foo' }),
      'Invalid ConditionExpression: Syntax error; token: "<EOF>", near: "foo"',
    );
  });

  it('empty and oversized expressions', () => {
    assert.equal(message({ UpdateExpression: '' }), 'Invalid UpdateExpression: The expression can not be empty;');
    const long = 'a'.repeat(4097);
    assert.equal(
      message({ operation: 'Scan', FilterExpression: `${long} = :v`, ExpressionAttributeValues: V }),
      `Invalid FilterExpression: Expression size has exceeded the maximum allowed size; expression size: ${long.length + 5}`,
    );
    assert.equal(
      message({ UpdateExpression: `SET ${long} = :v`, ExpressionAttributeValues: V }),
      'Invalid UpdateExpression: Expression size has exceeded the maximum allowed size;',
    );
  });

  it('reserved words, placeholders and unused maps', () => {
    assert.equal(RESERVED_WORD_COUNT, 573);
    assert.equal(
      message({ operation: 'PutItem', ConditionExpression: 'status = :v', ExpressionAttributeValues: V }),
      'Invalid ConditionExpression: Attribute name is a reserved keyword; reserved keyword: status',
    );
    assert.equal(
      message({ operation: 'PutItem', ConditionExpression: '#a = :v', ExpressionAttributeValues: V }),
      'Invalid ConditionExpression: An expression attribute name used in the document path is not defined; attribute name: #a',
    );
    assert.equal(
      message({ operation: 'PutItem', ConditionExpression: 'a = :w', ExpressionAttributeValues: V }),
      'Invalid ConditionExpression: An expression attribute value used in expression is not defined; attribute value: :w',
    );
    assert.equal(
      message({ operation: 'GetItem', ProjectionExpression: 'a', ExpressionAttributeNames: { '#b': 'c' } }),
      'Value provided in ExpressionAttributeNames unused in expressions: keys: {#b}',
    );
    assert.equal(
      message({ operation: 'PutItem', ConditionExpression: 'a = :v', ExpressionAttributeValues: { ...V, ':u': { N: '1' } } }),
      'Value provided in ExpressionAttributeValues unused in expressions: keys: {:u}',
    );
    assert.equal(message({ ExpressionAttributeValues: {}, UpdateExpression: 'SET a = :v' }), 'ExpressionAttributeValues must not be empty');
    assert.equal(
      message({ UpdateExpression: 'SET a = :v', ExpressionAttributeValues: { x: { S: 'x' } } }),
      'ExpressionAttributeValues contains invalid key: Syntax error; key: "x"',
    );
    assert.equal(
      message({ operation: 'GetItem', ProjectionExpression: '#a', ExpressionAttributeNames: { ['#' + 'a'.repeat(255)]: 'foo' } }),
      'ExpressionAttributeNames contains invalid key: The expression attribute map contains a key that is too long; size of key: 256',
    );
    assert.equal(
      message({ operation: 'GetItem', ProjectionExpression: '#a', ExpressionAttributeNames: { '#a': '' } }),
      'ExpressionAttributeNames contains invalid value: Empty attribute name for key #a',
    );
    assert.equal(
      message({ operation: 'Scan', FilterExpression: 'foo = :v', ExpressionAttributeValues: { ':v': {} } }),
      'ExpressionAttributeValues contains invalid value: Supplied AttributeValue is empty, must contain exactly one of the supported datatypes for key :v',
    );
  });

  it('mixing legacy and expression parameters', () => {
    assert.equal(
      message({ operation: 'GetItem', ProjectionExpression: 'a', AttributesToGet: ['a'] }),
      'Can not use both expression and non-expression parameters in the same request: Non-expression parameters: {AttributesToGet} Expression parameters: {ProjectionExpression}',
    );
    assert.equal(
      message({ operation: 'GetItem', ExpressionAttributeNames: { '#a': 'a' } }),
      'ExpressionAttributeNames can only be specified when using expressions',
    );
    // PutItem and DeleteItem no longer name the missing expression (live DynamoDB 2026); UpdateItem
    // keeps dynalite's recorded suffix.
    assert.equal(
      message({ operation: 'PutItem', ExpressionAttributeValues: V }),
      'ExpressionAttributeValues can only be specified when using expressions',
    );
    assert.equal(
      message({ operation: 'UpdateItem', ExpressionAttributeValues: V }),
      'ExpressionAttributeValues can only be specified when using expressions: UpdateExpression and ConditionExpression are null',
    );
  });

  it('function and operand checks', () => {
    const c = (expr: string, values: Record<string, unknown> = V) =>
      message({ operation: 'PutItem', ConditionExpression: expr, ExpressionAttributeValues: values });
    assert.equal(c('foo(a) AND a = :v'), 'Invalid ConditionExpression: Invalid function name; function: foo');
    assert.equal(c('size(a) AND a = :v'), 'Invalid ConditionExpression: The function is not allowed to be used this way in an expression; function: size');
    assert.equal(c('begins_with(a, :v) = :v'), 'Invalid ConditionExpression: The function is not allowed to be used this way in an expression; function: begins_with');
    assert.equal(c('attribute_exists(a, :v)'), 'Invalid ConditionExpression: Incorrect number of operands for operator or function; operator or function: attribute_exists, number of operands: 2');
    assert.equal(c('a = a AND a = :v'), 'Invalid ConditionExpression: The first operand must be distinct from the remaining operands for this operator or function; operator: =, first operand: [a]');
    assert.equal(c('a > :v', { ':v': { BOOL: true } }), 'Invalid ConditionExpression: Incorrect operand type for operator or function; operator or function: >, operand type: BOOL');
    assert.equal(
      c('a BETWEEN :a AND :b', { ':a': { N: '5' }, ':b': { N: '1' } }),
      'Invalid ConditionExpression: The BETWEEN operator requires upper bound to be greater than or equal to lower bound; lower bound operand: AttributeValue: {N:5}, upper bound operand: AttributeValue: {N:1}',
    );
    assert.equal(c('attribute_type(a, :v)'), 'Invalid ConditionExpression: Invalid attribute type name found; type: x, valid types: {B,NULL,SS,BOOL,L,BS,N,NS,S,M}');
    const list = Array.from({ length: 101 }, () => ':v').join(', ');
    assert.equal(c(`a IN (${list})`), 'Invalid ConditionExpression: The IN operator is provided with too many operands; number of operands: 101');
  });

  it('update checks', () => {
    const u = (expr: string, values: Record<string, unknown> = V) =>
      message({ UpdateExpression: expr, ExpressionAttributeValues: values });
    assert.equal(u('SET a = :v SET b = :v'), 'Invalid UpdateExpression: The "SET" section can only be used once in an update expression;');
    assert.equal(u('SET a = :v, a.b = :v'), 'Invalid UpdateExpression: Two document paths overlap with each other; must remove or rewrite one of these paths; path one: [a], path two: [a, b]');
    assert.equal(u('SET a[1] = :v, a.b = :v'), 'Invalid UpdateExpression: Two document paths conflict with each other; must remove or rewrite one of these paths; path one: [a, [1]], path two: [a, b]');
    assert.equal(u('ADD a :v'), 'Invalid UpdateExpression: Incorrect operand type for operator or function; operator: ADD, operand type: STRING');
    assert.equal(u('DELETE a :v', { ':v': { N: '1' } }), 'Invalid UpdateExpression: Incorrect operand type for operator or function; operator: DELETE, operand type: NUMBER');
    assert.equal(u('SET a = b + :v'), 'Invalid UpdateExpression: Incorrect operand type for operator or function; operator or function: +, operand type: S');
    assert.equal(u('SET a = list_append(b, :v)'), 'Invalid UpdateExpression: Incorrect operand type for operator or function; operator or function: list_append, operand type: S');
    assert.equal(u('SET a = size(b)'), 'Invalid UpdateExpression: The function is not allowed in an update expression; function: size');
  });
});
