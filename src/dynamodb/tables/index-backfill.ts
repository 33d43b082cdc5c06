import type { StorageEngine, Write } from '../../storage/engine.js';
import { encodeIndexKey } from '../keys/key-encoding.js';
import type { Item } from '../values/types.js';
import { projectForIndex } from './index-projection.js';
import type { IndexDef, TableDef } from './table-types.js';

/**
 * Online backfill of a new global secondary index. While the index is CREATING, every write
 * already maintains it (itemChangeWrites covers all indexes in the table definition), so the
 * backfill only has to derive the row of each item that existed before: it walks the base space in
 * key order and, per chunk, re-reads the items inside one atomic (so a concurrent write either came
 * before — and the re-read sees it — or after, and maintains the row itself).
 */
export const BACKFILL_CHUNK = 200;

export async function backfillIndex(
  engine: StorageEngine,
  table: TableDef,
  index: IndexDef,
  shouldContinue: () => boolean = () => true,
): Promise<number> {
  let start: Uint8Array | undefined;
  let written = 0;
  for (;;) {
    if (!shouldContinue()) return written;
    const rows = await engine.range({
      space: table.space,
      ...(start ? { start, startExclusive: true } : {}),
      limit: BACKFILL_CHUNK,
    });
    if (rows.length === 0) return written;
    const { result } = await engine.atomic({
      reads: rows.map((r) => ({ space: table.space, key: r.key })),
      apply: (current) => {
        const writes: Write[] = [];
        for (const raw of current) {
          if (raw === undefined) continue;
          const item = JSON.parse(raw) as Item;
          const key = encodeIndexKey(index.key, table.key, item);
          if (!key) continue;
          writes.push({ kind: 'put', space: index.space, key, value: JSON.stringify(projectForIndex(table, index, item)) });
        }
        return { writes, result: writes.length };
      },
    });
    written += result;
    const last = rows[rows.length - 1];
    if (!last || rows.length < BACKFILL_CHUNK) return written;
    start = last.key;
  }
}
