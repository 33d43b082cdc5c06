import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { getHeapSpaceStatistics } from 'node:v8';
import { capYoungGeneration, YOUNG_GENERATION_CAP } from '../src/cli/young-generation.js';

const youngSize = (): number => getHeapSpaceStatistics().find((s) => s.space_name === 'new_space')?.space_size ?? 0;
const tick = (): Promise<void> => new Promise((r) => setImmediate(r));

describe('young generation cap of the server process', () => {
  it('stops V8 from growing the young generation past the cap', { skip: youngSize() >= YOUNG_GENERATION_CAP && 'already at the cap' }, async () => {
    capYoungGeneration();
    // An allocation pattern with survivors (like requests in flight), yielding so the GC observer runs.
    let keep: unknown[] = [];
    for (let round = 0; round < 200; round++) {
      for (let i = 0; i < 20_000; i++) {
        const o = { i, s: `item-${i}`, a: [i, round] };
        if (i % 3 === 0) keep.push(o);
      }
      if (keep.length > 60_000) keep = [];
      await tick();
    }
    assert.ok(keep.length >= 0);
    assert.ok(youngSize() <= YOUNG_GENERATION_CAP, `young generation is ${youngSize()} bytes`);
  });
});
