/**
 * What the records of a data directory's segments do to the log engine's index at open
 * (log-engine.ts): every record of every valid frame applied in order, as its commit applied it,
 * except that nothing is undoable (a replaced place is freed at once). Which frames are valid, and
 * what happens to a torn one, is recovery.ts's.
 */
import type { SpaceId } from '../engine.js';
import type { Tree } from '../key-tree.js';
import { APPEND_OVERHEAD, catalogCost, PUT_OVERHEAD } from './applier.js';
import type { Placed } from './compactor.js';
import { Rec, RecordReader } from './frames.js';
import type { Places } from './places.js';
import { replaySegments } from './recovery.js';
import { Loc, type Segment } from './segment.js';
import type { Space } from './space.js';
import type { StoredLogs } from './stored-logs.js';

/**
 * What replay reads and changes of the log engine's state: its index, and the setters a commit
 * uses (applier.ts's Applier, which implements this).
 */
export interface ReplayHost {
  readonly spaces: Map<SpaceId, Space>;
  readonly places: Places;
  readonly logs: StoredLogs;
  readonly catalog: Tree;
  /** True while replaying: spaces created meanwhile take their keys into a hash map (space.ts). */
  replaying: boolean;
  /** Sets (a place) or deletes (undefined) a key's value; replay passes undoable false. */
  setValue(space: SpaceId, key: string, place: number | undefined, undoable: boolean): void;
  /** Records where a catalog key's latest put is (undefined: deleted); returns where it was. */
  placeCatalog(key: string, at: Placed | undefined): Placed | undefined;
  /** Adds (sign 1) or removes (-1) a space's values from their segments' live counts. */
  adjustSpaceLive(space: Space, sign: 1 | -1): void;
}

/**
 * Rebuilds the index from the segments of `dir`, which are added to `segments` (oldest first) and
 * to the places' table as they are opened. `reader` is the buffer frames are read into.
 */
export function replay(dir: string, reader: { buf: Buffer }, segments: Segment[], host: ReplayHost): void {
  host.replaying = true;
  try {
    replaySegments(dir, reader, {
      segment: (seg) => {
        segments.push(seg);
        host.places.addSegment(seg);
      },
      frame: (seg, buf, start, stop, fileOffset) => replayFrame(host, seg, buf, start, stop, fileOffset),
    });
  } finally {
    host.replaying = false;
  }
  // Building each space's key set bottom-up from its sorted keys, where inserting them as
  // replayed (random order) missed the cache at every level: a restart on 198 MB (235k items)
  // took 510–560 ms with sorted inserts against 747–764 ms (round seven).
  for (const space of host.spaces.values()) space.endReplay();
}

function replayFrame(host: ReplayHost, seg: Segment, buf: Buffer, start: number, end: number, fileOffset: number): void {
  const r = new RecordReader(buf, start, end);
  while (!r.done) {
    const type = r.type();
    switch (type) {
      case Rec.Put: {
        const space = r.text();
        const key = r.keyText();
        const value = r.field();
        host.setValue(space, key, host.places.add(seg, fileOffset + value.start, value.length, PUT_OVERHEAD + space.length + key.length, undefined), false);
        break;
      }
      case Rec.Delete: {
        const space = r.text();
        host.setValue(space, r.keyText(), undefined, false);
        break;
      }
      case Rec.Append: {
        const name = r.text();
        const seq = r.f64();
        const value = r.field();
        host.logs.replayAppend(name, seq, new Loc(seg, fileOffset + value.start, value.length, APPEND_OVERHEAD + name.length), seg);
        break;
      }
      case Rec.CatalogPut: {
        const key = r.text();
        const value = r.text();
        host.catalog.set(key, value);
        host.placeCatalog(key, { seg, cost: catalogCost(key, value) });
        break;
      }
      case Rec.CatalogDelete: {
        const key = r.text();
        host.catalog.delete(key);
        host.placeCatalog(key, undefined);
        break;
      }
      case Rec.DropSpace: {
        const name = r.text();
        const space = host.spaces.get(name);
        if (space !== undefined) {
          host.adjustSpaceLive(space, -1);
          for (const p of space.places()) host.places.release(p);
          host.spaces.delete(name);
        }
        break;
      }
      case Rec.TrimLog: {
        const name = r.text();
        host.logs.trim(name, r.f64());
        break;
      }
      case Rec.DropLog:
        host.logs.drop(r.text());
        break;
      case Rec.LogHead: {
        const name = r.text();
        host.logs.replayHead(name, r.f64(), seg);
        break;
      }
      default:
        throw new Error(`corrupt frame in ${seg.path}: unknown record type ${type}`);
    }
  }
}
