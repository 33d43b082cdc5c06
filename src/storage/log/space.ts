import type { OrderedMap } from '../key-map.js';
import { numberIndex, numberIndexFromSorted } from '../native-index.js';

/**
 * A space: key → the place of its value (places.ts), in one ordered map (outside the heap when the
 * addon is built, native-index.ts; else key-map.ts). While the engine replays its files the places
 * go to a hash map instead (the files hold keys in random order, and random inserts into a tree
 * miss the cache at every level); replay (replay.ts) then builds the map in key order.
 */
export class Space {
  index: OrderedMap<number> = numberIndex();
  replay: Map<string, number> | undefined;
  bytes = 0;

  constructor(replaying: boolean) {
    this.replay = replaying ? new Map() : undefined;
  }

  get size(): number {
    return this.replay !== undefined ? this.replay.size : this.index.size;
  }

  get(k: string): number | undefined {
    return this.replay !== undefined ? this.replay.get(k) : this.index.get(k);
  }

  /** Sets k's place; returns the place it replaced. */
  put(k: string, place: number): number | undefined {
    if (this.replay === undefined) return this.index.set(k, place);
    const old = this.replay.get(k);
    this.replay.set(k, place);
    return old;
  }

  /** Removes k; returns its place. */
  remove(k: string): number | undefined {
    if (this.replay === undefined) return this.index.delete(k);
    const old = this.replay.get(k);
    this.replay.delete(k);
    return old;
  }

  places(): Iterable<number> {
    return this.replay !== undefined ? this.replay.values() : this.index.values();
  }

  /** Ends replay: the places move into the ordered map, in key order. */
  endReplay(): void {
    const replay = this.replay;
    if (replay === undefined) return;
    const keys = [...replay.keys()].sort();
    this.index = numberIndexFromSorted(keys, keys.map((k) => replay.get(k) as number));
    this.replay = undefined;
  }
}
