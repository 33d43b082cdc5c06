/**
 * ExpressionCache: parsed expressions by grammar and text, in a bounded LRU (one per server).
 * Parse failures are cached too, so a client repeating a bad expression costs no re-parse.
 */
import type { ParsedCondition, ParsedProjection, ParsedUpdate } from './ast.js';

export type Grammar = 'condition' | 'update' | 'projection';
export type ParsedOf<G extends Grammar> = G extends 'condition'
  ? ParsedCondition
  : G extends 'update'
    ? ParsedUpdate
    : ParsedProjection;

/** A cached parse: the tree, or the syntax error message (without the "Invalid X: " prefix). */
export type CacheEntry<T> = { ok: true; value: T } | { ok: false; message: string };

export const DEFAULT_CACHE_ENTRIES = 10_000;

export class ExpressionCache {
  hits = 0;
  misses = 0;
  private readonly map = new Map<string, CacheEntry<unknown>>();

  constructor(readonly maxEntries: number = DEFAULT_CACHE_ENTRIES) {}

  get size(): number {
    return this.map.size;
  }

  /** Returns the cached parse of `text`, computing it with `parse` on a miss. */
  get<G extends Grammar>(grammar: G, text: string, parse: () => CacheEntry<ParsedOf<G>>): CacheEntry<ParsedOf<G>> {
    const key = grammar + '\u0000' + text;
    const found = this.map.get(key);
    if (found !== undefined) {
      this.hits++;
      // Re-insert to mark as most recently used.
      this.map.delete(key);
      this.map.set(key, found);
      return found as CacheEntry<ParsedOf<G>>;
    }
    this.misses++;
    const entry = parse();
    if (this.maxEntries > 0) {
      this.map.set(key, entry);
      if (this.map.size > this.maxEntries) {
        const oldest = this.map.keys().next();
        if (!oldest.done) this.map.delete(oldest.value);
      }
    }
    return entry;
  }

  clear(): void {
    this.map.clear();
  }
}
