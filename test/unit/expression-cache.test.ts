import { it } from 'node:test';
import assert from 'node:assert/strict';
import { ExpressionCache } from '../../src/dynamodb/expressions/lru.js';

it('ExpressionCache: stays within its bound, keeps a working set, separates grammars', () => {
  const cache = new ExpressionCache(100);
  let parses = 0;
  const parse = (text: string) => () => {
    parses++;
    return { ok: false as const, message: text };
  };
  // A working set of 20 expressions used over and over among 5000 one-off ones: between two uses
  // of a hot expression 40 distinct ones are used, under half the bound (what the cache promises).
  for (let i = 0; i < 5000; i++) {
    const hot = `#a = :v${i % 20}`;
    assert.deepEqual(cache.get('condition', hot, parse(hot)), { ok: false, message: hot });
    const cold = `one-off ${i}`;
    cache.get('condition', cold, parse(cold));
    assert.ok(cache.size <= 100, `size ${cache.size}`);
  }
  // Each one-off parsed once, each hot expression only on its first use.
  assert.equal(parses, 5000 + 20);
  assert.equal(cache.misses, 5020);
  assert.equal(cache.hits, 5000 - 20);
  // The same text in another grammar is another entry.
  cache.get('update', '#a = :v0', parse('update'));
  assert.equal(parses, 5021);
});
