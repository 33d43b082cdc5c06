import type { Statements } from './sqlite-schema.js';

/** A Buffer view of a key without copying (better-sqlite3 binds Buffers as BLOBs). */
export function toBuffer(key: Uint8Array): Buffer {
  return Buffer.isBuffer(key) ? key : Buffer.from(key.buffer, key.byteOffset, key.byteLength);
}

/**
 * Space name → integer id, cached in memory (one process owns the file). Ids are created inside a
 * group commit; if that transaction rolls back, the ids it created are forgotten again.
 */
export class SpaceIds {
  private readonly ids = new Map<string, number>();
  private pending: string[] = [];

  constructor(private readonly st: Statements) {
    for (const row of st.spaceAll.all() as { id: number; name: string }[]) this.ids.set(row.name, row.id);
  }

  lookup(space: string): number | undefined {
    return this.ids.get(space);
  }

  /** Inside a transaction: the id of `space`, creating it if needed. */
  ensure(space: string): number {
    let id = this.ids.get(space);
    if (id === undefined) {
      id = Number(this.st.spaceInsert.get(space));
      this.ids.set(space, id);
      this.pending.push(space);
    }
    return id;
  }

  committed(): void {
    this.pending = [];
  }

  rolledBack(): void {
    for (const space of this.pending) this.ids.delete(space);
    this.pending = [];
  }

  forget(space: string): void {
    this.ids.delete(space);
  }
}
