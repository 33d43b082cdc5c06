import { it } from 'node:test';
import assert from 'node:assert/strict';
import { prng } from '../storage-contract/helpers.js';
import { allocateReplyBuffer, releaseReplyBuffer, replyBufferStats } from '../../src/protocol/reply-buffers.js';

it('reply buffers: an unreleased reply is never overwritten, whatever is released around it', () => {
  const random = prng(7);
  const live: { buf: Buffer; fill: number }[] = [];
  let fill = 0;
  for (let step = 0; step < 20_000; step++) {
    if (live.length === 0 || random() < 0.55) {
      const n = 1 + Math.floor(random() * 20_000);
      const buf = allocateReplyBuffer(n);
      fill = (fill + 1) % 251;
      buf.fill(fill);
      live.push({ buf, fill });
    } else {
      const at = Math.floor(random() * live.length);
      const [gone] = live.splice(at, 1);
      if (gone) releaseReplyBuffer(gone.buf);
    }
    if (step % 97 === 0) {
      for (const { buf, fill: f } of live) {
        assert.ok(buf.equals(Buffer.alloc(buf.length, f)), `step ${step}: a live reply of ${buf.length} bytes was overwritten`);
      }
    }
  }
  for (const { buf } of live) releaseReplyBuffer(buf);
});

it('reply buffers: released slabs are used again; buffers not from the pool are ignored', () => {
  const first = Array.from({ length: 200 }, () => allocateReplyBuffer(10_000));
  const slabs = new Set(first.map((b) => b.buffer));
  assert.ok(slabs.size >= 7, `200 replies of 10 KB span ${slabs.size} slabs`);
  for (const b of first) releaseReplyBuffer(b);
  assert.ok(replyBufferStats().freeSlabs >= 6, `free slabs after releasing all: ${replyBufferStats().freeSlabs}`);
  const second = Array.from({ length: 100 }, () => allocateReplyBuffer(10_000));
  const reused = second.filter((b) => slabs.has(b.buffer)).length;
  assert.ok(reused >= 90, `${reused} of 100 new replies were cut from released slabs`);
  for (const b of second) releaseReplyBuffer(b);
  // Not from the pool: a plain buffer and a large reply (allocated on its own) change nothing.
  const before = replyBufferStats();
  releaseReplyBuffer(Buffer.alloc(100));
  const big = allocateReplyBuffer(1024 * 1024);
  assert.equal(big.length, 1024 * 1024);
  releaseReplyBuffer(big);
  assert.deepEqual(replyBufferStats(), before);
});
