// Micro-benchmark of the expression module (not a test): prepare (cache hit) + evaluate of a
// typical condition, an update, and a cold parse, in µs per operation. Run: npx tsx bench/expressions.ts
import { ExpressionCache, applyUpdate, evaluateCondition, prepareExpressions } from '../src/dynamodb/expressions/index.js';
import type { Item } from '../src/dynamodb/values/types.js';

const cache = new ExpressionCache();
const item: Item = { id: { S: 'user#1' }, status: { S: 'active' }, age: { N: '42' }, tags: { SS: ['a', 'b'] }, profile: { M: { name: { S: 'Ann' } } } };
const key = { id: { S: 'user#1' } };
const schema = { hash: { name: 'id', type: 'S' as const } };

function time(label: string, n: number, fn: (i: number) => void): void {
  for (let i = 0; i < Math.min(n, 10_000); i++) fn(i); // warm-up
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < n; i++) fn(i);
  const us = Number(process.hrtime.bigint() - t0) / 1000 / n;
  console.log(`${label.padEnd(52)} ${us.toFixed(2)} µs/op`);
}

const condition = {
  operation: 'PutItem',
  ConditionExpression: 'attribute_exists(id) AND #s = :active AND age BETWEEN :lo AND :hi AND contains(tags, :t)',
  ExpressionAttributeNames: { '#s': 'status' },
  ExpressionAttributeValues: { ':active': { S: 'active' }, ':lo': { N: '18' }, ':hi': { N: '65' }, ':t': { S: 'a' } },
};
time('prepare (cached) + evaluate, 4-term condition', 200_000, () => {
  const p = prepareExpressions(condition, cache);
  if (!p.condition || !evaluateCondition(p.condition, item)) throw new Error('expected true');
});
const update = {
  operation: 'UpdateItem',
  UpdateExpression: 'SET age = age + :one, profile.#n = :n REMOVE legacy ADD tags :t',
  ExpressionAttributeNames: { '#n': 'name' },
  ExpressionAttributeValues: { ':one': { N: '1' }, ':n': { S: 'Bo' }, ':t': { SS: ['c'] } },
};
time('prepare (cached) + apply, 4-action update', 100_000, () => {
  const p = prepareExpressions(update, cache);
  if (!p.update) throw new Error('no update');
  applyUpdate(p.update, item, key, schema);
});
time('parse cold (distinct text each time) + evaluate', 20_000, (i) => {
  const p = prepareExpressions({ ...condition, ConditionExpression: `${condition.ConditionExpression} AND age <> :lo${' '.repeat(i % 50)}` }, new ExpressionCache(1));
  if (!p.condition) throw new Error('no condition');
  evaluateCondition(p.condition, item);
});
console.log(`cache: ${cache.hits} hits, ${cache.misses} misses`);
