import { PerformanceObserver } from 'node:perf_hooks';
import { getHeapSpaceStatistics, getHeapStatistics, setFlagsFromString } from 'node:v8';

/**
 * Caps V8's young generation of the server process at 16 MiB (two 8 MiB semi-spaces) instead of
 * V8's default 32 MiB. A busy server grows it to the maximum and never gives it back; the extra
 * 16 MiB is a sixth of the footprint after loading 100k items on disk (docs/performance.md,
 * round four). `--max-semi-space-size` only works on the command line, so this steers the growth
 * instead: V8 reads the semi-space growth factor on every growth, and an observer called shortly
 * after each GC sets it to 1 (no growth) while the young generation is at the cap and back to V8's
 * default (2) below it. Growth happens in steps (1, 2, 4, 8 MiB per semi-space) and only after
 * megabytes have survived scavenges since the previous step, so the observer stops it in time.
 *
 * Once the used heap passes LIFT_CAP_ABOVE_HEAP the cap is lifted (growth as V8 decides), and it
 * holds again below that.
 *
 * The observer stays for the process's life: V8 shrinks the young generation when allocation is
 * slow (an idle server), and a factor left at 1 would then keep it small for good — it did, and
 * scavenges of a 1 MiB young generation took a third of a busy disk server's CPU (round seven).
 */
export const YOUNG_GENERATION_CAP = 16 * 1024 * 1024;
/**
 * The cap holds while the heap's used size is below this: once the index of a large data set fills
 * the heap, the extra 16 MiB is a small share of the footprint and the scavenges of a capped young
 * generation cost more than it saves. Measured with the log engine after ~1.5M fresh keys (heap
 * ~400 MB): BatchWrite25 3.1–3.4k against 2.3–2.5k req/s, PutItem 28–33k against 25–27k (round
 * eight in docs/performance.md).
 */
export const LIFT_CAP_ABOVE_HEAP = 8 * YOUNG_GENERATION_CAP;
/** V8's default --semi-space-growth-factor. */
const DEFAULT_GROWTH_FACTOR = 2;

export function capYoungGeneration(cap = YOUNG_GENERATION_CAP, liftAboveHeap = LIFT_CAP_ABOVE_HEAP): () => void {
  const youngSize = (): number => getHeapSpaceStatistics().find((s) => s.space_name === 'new_space')?.space_size ?? 0;
  let frozen = false;
  const steer = (): void => {
    const full = youngSize() >= cap && getHeapStatistics().used_heap_size < liftAboveHeap;
    if (full === frozen) return;
    frozen = full;
    setFlagsFromString(`--semi-space-growth-factor=${full ? 1 : DEFAULT_GROWTH_FACTOR}`);
  };
  steer();
  const observer = new PerformanceObserver(steer);
  observer.observe({ entryTypes: ['gc'] });
  return () => {
    observer.disconnect();
    if (frozen) setFlagsFromString(`--semi-space-growth-factor=${DEFAULT_GROWTH_FACTOR}`);
  };
}
