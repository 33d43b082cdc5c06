import { close, constants, open, unlink, write } from 'node:fs';
import { join } from 'node:path';
import { type Segment, segmentName } from './segment.js';

/**
 * The log engine's next segment file, written full of zeros on libuv's thread pool before it is
 * needed (O_DSYNC, so no dirty pages are left for a commit's sync to flush). At the roll the engine
 * renames a ready file into place: its blocks are allocated, commits overwrite zeros in place, and
 * their syncs need not change the file's size (round seven). A file not ready at the roll goes on,
 * for the roll after; the new segment is appended to meanwhile.
 *
 * Besides allocating the blocks, the fill puts the file's pages in the page cache from a worker
 * thread. Begun when the active segment was half full (before round fifteen), it was ready at 3 of
 * 54 rolls of on-disk BatchWrite25 (16 MB every ~150 ms); the commits then appended to new files,
 * and their writes spent 16% of the main thread copying into pages this VM had never backed
 * (copy_folio_from_iter_atomic), a cost that grew as the page cache did. It now begins at an eighth.
 */

/**
 * The fill's writes are of this size. Each is an O_DSYNC write competing with the commits'
 * fdatasync for the disk: measured here with back-to-back 30 KB commits, their sync took p50 0.26 /
 * p99 0.45 ms alone, 0.96 / 5.45 ms beside 1 MiB fill writes and 0.43 / 1.97–3.46 ms beside 128 KiB
 * ones, which still fill ~210 MB/s (round eight).
 */
const ZEROS = Buffer.alloc(128 << 10);
/**
 * Fill writes in flight at once: from one, up to three when a fill was not done at its roll, and
 * back down when one finished with time to spare (at fewer writes it would still have been ready).
 * libuv's pool has four threads: one is left for the commits' syncs. With one write at a time the
 * fill kept up with on-disk BatchWrite25 (~100 MB/s) at 32 of 84 rolls, with three at 75 of 88 and
 * 88 of 89; but three writes of 128 KiB with O_DSYNC beside the commits' syncs also raised on-disk
 * PutItem's p99 (7.97 / 5.07 / 5.86 against 7.12 / 5.15 / 4.89 ms), where one keeps up (round fifteen).
 */
const MAX_FILL_LANES = 3;

interface Fill {
  path: string;
  ready: boolean;
  /** When the fill started and ended (performance.now()), and the writes it kept in flight. */
  started: number;
  readyAt: number;
  lanes: number;
}

export class SegmentPrep {
  private fill: Fill | undefined;
  private lanes = 1;
  private done: Promise<void> = Promise.resolve();
  private stopped = false;

  constructor(
    private readonly dir: string,
    private readonly segmentBytes: number,
  ) {}

  /** Starts filling the file that follows `active` once an eighth of it is written (one fill at a time). */
  maybeStart(active: Segment): void {
    if (this.fill !== undefined || this.stopped || active.size < this.segmentBytes / 8) return;
    const fill: Fill = { path: join(this.dir, segmentName(active.id + 1, 'prep')), ready: false, started: performance.now(), readyAt: 0, lanes: this.lanes };
    this.fill = fill;
    const size = this.segmentBytes;
    this.done = new Promise<void>((resolve) => {
      const drop = (fd: number | undefined): void => {
        const gone = (): void => unlink(fill.path, () => resolve());
        if (fd === undefined) gone();
        else close(fd, gone);
      };
      open(fill.path, constants.O_CREAT | constants.O_TRUNC | constants.O_WRONLY | constants.O_DSYNC, 0o644, (err, fd) => {
        if (err) return drop(undefined);
        // Several writes in flight at once: each O_DSYNC write waits for the device.
        let next = 0;
        let running = fill.lanes;
        let failed = false;
        const laneDone = (): void => {
          if (--running > 0) return;
          if (failed || this.fill !== fill || this.stopped) return drop(fd);
          close(fd, (closeErr) => {
            if (closeErr || this.fill !== fill) return drop(undefined);
            fill.ready = true;
            fill.readyAt = performance.now();
            resolve();
          });
        };
        const lane = (): void => {
          if (failed || next >= size || this.fill !== fill || this.stopped) return laneDone();
          const at = next;
          const len = Math.min(ZEROS.length, size - at);
          next += len;
          const put = (written: number): void => {
            write(fd, ZEROS, 0, len - written, at + written, (writeErr, n) => {
              if (writeErr || n === 0) {
                failed = true;
                return laneDone();
              }
              if (written + n < len) return put(written + n);
              lane();
            });
          };
          put(0);
        };
        for (let i = 0; i < fill.lanes; i++) lane();
      });
    });
  }

  /**
   * At a roll: the path of a ready file, now the caller's to rename, or undefined (a fill still
   * running goes on for the next roll, with one more write in flight next time).
   */
  take(): string | undefined {
    const fill = this.fill;
    if (fill === undefined) return undefined;
    if (!fill.ready) {
      this.lanes = Math.min(MAX_FILL_LANES, fill.lanes + 1);
      return undefined;
    }
    this.fill = undefined;
    // Ready with time to spare: one write fewer would have done.
    const took = fill.readyAt - fill.started;
    if (fill.lanes > 1 && performance.now() - fill.readyAt > took / (fill.lanes - 1)) this.lanes = fill.lanes - 1;
    return fill.path;
  }

  /** Stops: a fill in progress ends and its file goes, a ready file is removed. Resolves when done. */
  stop(): Promise<void> {
    this.stopped = true;
    const fill = this.fill;
    this.fill = undefined;
    if (fill?.ready === true) unlink(fill.path, () => undefined);
    return this.done;
  }
}
