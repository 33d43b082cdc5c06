import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { getHeapSpaceStatistics, getHeapStatistics } from 'node:v8';
import { capYoungGeneration, LIFT_CAP_ABOVE_HEAP, YOUNG_GENERATION_CAP } from '../src/cli/young-generation.js';

const youngSize = (): number => getHeapSpaceStatistics().find((s) => s.space_name === 'new_space')?.space_size ?? 0;
const tick = (): Promise<void> => new Promise((r) => setImmediate(r));

/** An allocation pattern with survivors (like requests in flight), yielding so the GC observer runs. */
async function churn(rounds: number): Promise<void> {
  let keep: unknown[] = [];
  for (let round = 0; round < rounds; round++) {
    for (let i = 0; i < 20_000; i++) {
      const o = { i, s: `item-${i}`, a: [i, round] };
      if (i % 3 === 0) keep.push(o);
    }
    if (keep.length > 60_000) keep = [];
    await tick();
  }
  assert.ok(keep.length >= 0);
}

describe('young generation cap of the server process', () => {
  it('stops V8 from growing the young generation past the cap', { skip: youngSize() >= YOUNG_GENERATION_CAP && 'already at the cap' }, async () => {
    const stop = capYoungGeneration();
    try {
      assert.ok(getHeapStatistics().used_heap_size < LIFT_CAP_ABOVE_HEAP, 'this test needs a heap below the lift threshold');
      await churn(200);
      assert.ok(youngSize() <= YOUNG_GENERATION_CAP, `young generation is ${youngSize()} bytes`);
    } finally {
      stop();
    }
  });

  it('lets it grow past the cap once the used heap is above the threshold', { skip: youngSize() >= YOUNG_GENERATION_CAP && 'already at the cap' }, async () => {
    assert.ok(youngSize() <= YOUNG_GENERATION_CAP, 'the young generation must start at or below the cap for this test to mean anything');
    // A threshold below the current heap stands for a server whose index fills a large heap.
    const stop = capYoungGeneration(YOUNG_GENERATION_CAP, 1);
    try {
      for (let n = 0; n < 10 && youngSize() <= YOUNG_GENERATION_CAP; n++) await churn(200);
      assert.ok(youngSize() > YOUNG_GENERATION_CAP, `young generation is ${youngSize()} bytes`);
    } finally {
      stop();
    }
  });
});
