import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  applyUpdate,
  bindKeyCondition,
  evaluateCondition,
  ExpressionCache,
  prepareExpressions,
  projectItem,
  type ExpressionRequest,
} from '../../src/dynamodb/expressions/index.js';

const cache = new ExpressionCache();
const prep = (req: Partial<ExpressionRequest>) => prepareExpressions({ operation: 'PutItem', ...req }, cache);
function message(req: Partial<ExpressionRequest>): string {
  try {
    prep(req);
  } catch (e) {
    return (e as Error).message;
  }
  return 'no error';
}

describe('legacy parameters', () => {
  it('Expected with Value/Exists and ComparisonOperator, ConditionalOperator', () => {
    const c = prep({ Expected: { a: { Value: { S: 'x' } }, b: { Exists: false } } }).condition;
    assert.ok(c);
    assert.equal(evaluateCondition(c, { a: { S: 'x' } }), true);
    assert.equal(evaluateCondition(c, { a: { S: 'x' }, b: { N: '1' } }), false);
    const or = prep({
      Expected: { a: { ComparisonOperator: 'GT', AttributeValueList: [{ N: '5' }] }, b: { ComparisonOperator: 'NULL' } },
      ConditionalOperator: 'OR',
    }).condition;
    assert.ok(or);
    assert.equal(evaluateCondition(or, { a: { N: '1' }, b: { S: 'x' } }), false);
    assert.equal(evaluateCondition(or, { a: { N: '1' } }), true);
  });
  it('Expected messages (recorded by dynalite)', () => {
    assert.equal(
      message({ Expected: { a: {} } }),
      'One or more parameter values were invalid: Value must be provided when Exists is null for Attribute: a',
    );
    assert.equal(
      message({ Expected: { a: { Exists: false, Value: { S: 'x' } } } }),
      'One or more parameter values were invalid: Value cannot be used when Exists is false for Attribute: a',
    );
    assert.equal(
      message({ Expected: { a: { ComparisonOperator: 'BETWEEN', AttributeValueList: [{ N: '1' }] } } }),
      'One or more parameter values were invalid: Invalid number of argument(s) for the BETWEEN ComparisonOperator',
    );
    assert.equal(
      message({ Expected: { a: { ComparisonOperator: 'EQ', Exists: true, Value: { S: 'x' } } } }),
      'One or more parameter values were invalid: Exists and ComparisonOperator cannot be used together for Attribute: a',
    );
    assert.equal(
      message({ Expected: { a: { Value: { S: 'x' } } }, ConditionExpression: 'a = :v', ExpressionAttributeValues: { ':v': { S: 'x' } } }),
      'Can not use both expression and non-expression parameters in the same request: Non-expression parameters: {Expected} Expression parameters: {ConditionExpression}',
    );
  });
  it('AttributeUpdates, AttributesToGet, KeyConditions, ScanFilter', () => {
    const u = prepareExpressions(
      {
        operation: 'UpdateItem',
        AttributeUpdates: { n: { Action: 'ADD', Value: { N: '2' } }, l: { Action: 'ADD', Value: { L: [{ S: 'b' }] } }, gone: { Action: 'DELETE' }, p: { Value: { S: 'v' } } },
      },
      cache,
    ).update;
    assert.ok(u);
    const r = applyUpdate(u, { id: { S: 'k' }, n: { N: '1' }, l: { L: [{ S: 'a' }] }, gone: { S: 'x' } }, { id: { S: 'k' } }, { hash: { name: 'id', type: 'S' } });
    assert.deepEqual(r.item, { id: { S: 'k' }, n: { N: '3' }, l: { L: [{ S: 'a' }, { S: 'b' }] }, p: { S: 'v' } });
    const p = prep({ operation: 'GetItem', AttributesToGet: ['a', 'c'] }).projection;
    assert.ok(p);
    assert.deepEqual(projectItem(p, { a: { S: '1' }, b: { S: '2' } }), { a: { S: '1' } });
    const k = prepareExpressions(
      { operation: 'Query', KeyConditions: { pk: { ComparisonOperator: 'EQ', AttributeValueList: [{ S: 'a' }] }, sk: { ComparisonOperator: 'BEGINS_WITH', AttributeValueList: [{ S: 'x' }] } } },
      cache,
    ).keyCondition;
    assert.ok(k);
    const bound = bindKeyCondition(k, { hash: { name: 'pk', type: 'S' }, range: { name: 'sk', type: 'S' } });
    assert.deepEqual(bound.range, { name: 'sk', op: 'BEGINS_WITH', values: [{ S: 'x' }] });
    const f = prepareExpressions({ operation: 'Scan', ScanFilter: { a: { ComparisonOperator: 'CONTAINS', AttributeValueList: [{ S: 'b' }] } } }, cache).filter;
    assert.ok(f);
    assert.equal(evaluateCondition(f, { a: { SS: ['a', 'b'] } }), true);
  });
});
