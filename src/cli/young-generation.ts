import { PerformanceObserver } from 'node:perf_hooks';
import { getHeapSpaceStatistics, setFlagsFromString } from 'node:v8';

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
 * The observer stays for the process's life: V8 shrinks the young generation when allocation is
 * slow (an idle server), and a factor left at 1 would then keep it small for good — it did, and
 * scavenges of a 1 MiB young generation took a third of a busy disk server's CPU (round seven).
 */
export const YOUNG_GENERATION_CAP = 16 * 1024 * 1024;
/** V8's default --semi-space-growth-factor. */
const DEFAULT_GROWTH_FACTOR = 2;

export function capYoungGeneration(cap = YOUNG_GENERATION_CAP): () => void {
  const youngSize = (): number => getHeapSpaceStatistics().find((s) => s.space_name === 'new_space')?.space_size ?? 0;
  let frozen = false;
  const steer = (): void => {
    const full = youngSize() >= cap;
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
