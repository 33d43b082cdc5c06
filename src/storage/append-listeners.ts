import type { LogId } from './engine.js';

/** The listeners of `StorageEngine.onAppend`, as every engine that sees its own commits keeps them. */
export class AppendListeners {
  private readonly listeners = new Set<(log: LogId, seq: number) => void>();

  get size(): number {
    return this.listeners.size;
  }

  add(listener: (log: LogId, seq: number) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** One call per log with the commit's highest seq. */
  notify(heads: Map<LogId, number>): void {
    for (const [log, seq] of heads) {
      for (const listener of this.listeners) {
        try {
          listener(log, seq);
        } catch {
          // A listener's failure must not affect the commit, which is already applied.
        }
      }
    }
  }
}
