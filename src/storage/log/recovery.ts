/**
 * Which bytes of a data directory's segment files a restart keeps (replay.ts holds what their
 * records do). Segments are replayed in id order, every valid frame handed to the engine. A frame
 * that is torn or fails its checksum is allowed only where a crash can leave one:
 * - at the tail of the last segment: a commit being written when the process stopped, never
 *   acknowledged (its sync had not returned). The file is cut there and synced.
 * - before a run of zeros to the end of an earlier segment: a prepared (zero-filled) segment that
 *   was rolled before it was full. Its data ends where the zeros begin.
 * Anything else refuses to open: acknowledged data may be missing.
 * Segment files still being prepared when the process stopped are deleted.
 */
import { fstatSync, fsyncSync, ftruncateSync, openSync, readdirSync, readSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { scanFrames } from './frames.js';
import { Segment, segmentName } from './segment.js';

const SEGMENT = /^seg-(\d{8})\.log$/;
const PREPARED = /^seg-\d{8}\.prep$/;

export interface ReplayVisitor {
  /** A segment opened, before any of its frames. */
  segment(seg: Segment): void;
  frame(seg: Segment, buf: Buffer, start: number, end: number, fileOffset: number): void;
}

/** Opens every segment of `dir` in order and hands its valid frames to `visit` (see above). */
export function replaySegments(dir: string, reader: { buf: Buffer }, visit: ReplayVisitor): void {
  for (const f of readdirSync(dir)) if (PREPARED.test(f)) unlinkSync(join(dir, f));
  const ids = readdirSync(dir)
    .map((f) => SEGMENT.exec(f)?.[1])
    .filter((m): m is string => m !== undefined)
    .map(Number)
    .sort((a, b) => a - b);
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i] as number;
    const path = join(dir, segmentName(id));
    const fd = openSync(path, 'r+');
    const seg = new Segment(id, path, fd, fstatSync(fd).size);
    visit.segment(seg);
    const end = scanFrames(seg, reader, 0, Infinity, (buf, start, stop, fileOffset) => visit.frame(seg, buf, start, stop, fileOffset));
    if (!end.bad && end.next >= seg.size) continue;
    const last = i === ids.length - 1;
    if (!last && !(end.zeros === true && zeroFrom(seg, reader.buf, end.next))) {
      throw new Error(`corrupt frame in ${path} at byte ${end.next} (not the last segment: refusing to open)`);
    }
    if (last) {
      ftruncateSync(fd, end.next);
      fsyncSync(fd);
    }
    seg.setSize(end.next);
  }
}

/** True if every byte of `seg` from `from` to its end is zero. */
function zeroFrom(seg: Segment, buf: Buffer, from: number): boolean {
  for (let pos = from; pos < seg.size; ) {
    const n = readSync(seg.fd, buf, 0, Math.min(buf.length, seg.size - pos), pos);
    if (n <= 0) return false;
    for (let i = 0; i < n; i++) if (buf[i] !== 0) return false;
    pos += n;
  }
  return true;
}
