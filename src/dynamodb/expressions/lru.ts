/**
 * ExpressionCache: parsed expressions by grammar and text, in a bounded two-generation cache (one per server).
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

/**
 * Two generations per grammar instead of a strict LRU: hits in the current generation cost one map
 * lookup (a strict LRU re-inserted every hit, and the key joined grammar and text, ~0.5 µs per
 * expression); an entry found in the previous generation moves to the current one; when the
 * current generation is full it becomes the previous one and the oldest is dropped whole. An
 * expression used again before half the bound of other distinct expressions have been used since
 * is still cached (a strict LRU allows the whole bound).
 */
export class ExpressionCache {
  hits = 0;
  misses = 0;
  private readonly current = new Map<Grammar, Map<string, CacheEntry<unknown>>>();
  private readonly previous = new Map<Grammar, Map<string, CacheEntry<unknown>>>();
  private currentSize = 0;

  constructor(readonly maxEntries: number = DEFAULT_CACHE_ENTRIES) {}

  get size(): number {
    let n = 0;
    for (const m of this.current.values()) n += m.size;
    for (const m of this.previous.values()) n += m.size;
    return n;
  }

  /** Returns the cached parse of `text`, computing it with `parse` on a miss. */
  get<G extends Grammar>(grammar: G, text: string, parse: () => CacheEntry<ParsedOf<G>>): CacheEntry<ParsedOf<G>> {
    let cur = this.current.get(grammar);
    const found = cur?.get(text);
    if (found !== undefined) {
      this.hits++;
      return found as CacheEntry<ParsedOf<G>>;
    }
    const old = this.previous.get(grammar)?.get(text);
    if (old !== undefined) this.hits++;
    else this.misses++;
    const entry = old ?? parse();
    if (this.maxEntries <= 0) return entry as CacheEntry<ParsedOf<G>>;
    if (this.currentSize >= Math.max(1, Math.floor(this.maxEntries / 2))) {
      this.previous.clear();
      for (const [g, m] of this.current) this.previous.set(g, m);
      this.current.clear();
      this.currentSize = 0;
      cur = undefined;
    }
    if (cur === undefined) this.current.set(grammar, (cur = new Map()));
    cur.set(text, entry);
    this.currentSize++;
    return entry as CacheEntry<ParsedOf<G>>;
  }

  clear(): void {
    this.current.clear();
    this.previous.clear();
    this.currentSize = 0;
  }
}
