import { PerformanceObserver } from 'node:perf_hooks';
import { getHeapSpaceStatistics, setFlagsFromString } from 'node:v8';

/**
 * Caps V8's young generation of the server process at 16 MiB (two 8 MiB semi-spaces) instead of
 * V8's default 32 MiB. A busy server grows it to the maximum and never gives it back; the extra
 * 16 MiB is a sixth of the footprint after loading 100k items on disk (docs/performance.md,
 * round four). `--max-semi-space-size` only works on the command line, so this stops the growth
 * instead: once the young generation has reached the cap, the semi-space growth factor (read by
 * V8 on every growth) becomes 1. Growth happens in steps (1, 2, 4, 8 MiB per semi-space) and only
 * after megabytes have survived scavenges since the previous step, so the observer, called
 * shortly after each GC, stops it in time.
 */
export const YOUNG_GENERATION_CAP = 16 * 1024 * 1024;

export function capYoungGeneration(cap = YOUNG_GENERATION_CAP): void {
  const youngSize = (): number => getHeapSpaceStatistics().find((s) => s.space_name === 'new_space')?.space_size ?? 0;
  const freezeIfFull = (): boolean => {
    if (youngSize() < cap) return false;
    setFlagsFromString('--semi-space-growth-factor=1');
    return true;
  };
  if (freezeIfFull()) return;
  const observer = new PerformanceObserver(() => {
    if (freezeIfFull()) observer.disconnect();
  });
  observer.observe({ entryTypes: ['gc'] });
}
