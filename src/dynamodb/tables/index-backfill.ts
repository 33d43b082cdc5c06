import type { StorageEngine, Write } from '../../storage/engine.js';
import { encodeIndexKey, encodeTableKey } from '../keys/key-encoding.js';
import { keyValueBytes, MAX_PARTITION_KEY_BYTES, MAX_SORT_KEY_BYTES } from '../values/key.js';
import type { AttributeValue, Item } from '../values/types.js';
import { projectForIndex } from './index-projection.js';
import type { IndexDef, KeyAttribute, TableDef } from './table-types.js';

/**
 * Online backfill of a new global secondary index. While the index is in the table definition,
 * every write already maintains it (itemChangeWrites covers all indexes), so the backfill only has
 * to derive the row of each item that existed before: it walks the base space in key order and, per
 * chunk, re-reads the items inside one atomic (so a concurrent write either came before — and the
 * re-read sees it — or after, and maintains the row itself).
 *
 * A write that loaded the table definition just before the index was added can still commit
 * without maintaining it. To make the result exact anyway the backfill runs three idempotent
 * passes: base → index, then a reconciliation of every index row against its base item (removes or
 * rewrites stale rows), then base → index again (items inserted behind the first pass).
 *
 * Items whose index key attribute has the wrong type, is an empty string/binary or is longer than a
 * key may be (2048 bytes for the partition key, 1024 for the sort key) are index key violations:
 * DynamoDB leaves them out of the index, and so does this.
 */
export const BACKFILL_CHUNK = 200;

/** Called before every chunk; false stops the backfill (it can be re-run from scratch later). */
export type ShouldContinue = () => boolean | Promise<boolean>;

export interface BackfillResult {
  /** True when every pass ran to the end. */
  complete: boolean;
  /** Index rows written or deleted. */
  written: number;
}

function violates(attr: KeyAttribute | undefined, item: Item, maxBytes: number): boolean {
  if (!attr) return false;
  const v = item[attr.name] as Record<string, unknown> | undefined;
  if (v === undefined) return false;
  const raw = v[attr.type];
  return typeof raw !== 'string' || raw === '' || keyValueBytes(v as AttributeValue) > maxBytes;
}

/** The index key of `item`, or undefined when it is absent from the index (sparse, or a key violation). */
export function backfillKey(table: TableDef, index: IndexDef, item: Item): Uint8Array | undefined {
  if (violates(index.key.hash, item, MAX_PARTITION_KEY_BYTES) || violates(index.key.range, item, MAX_SORT_KEY_BYTES)) {
    return undefined;
  }
  if (index.key.moreHash?.some((a) => violates(a, item, MAX_PARTITION_KEY_BYTES))) return undefined;
  if (index.key.moreRange?.some((a) => violates(a, item, MAX_SORT_KEY_BYTES))) return undefined;
  return encodeIndexKey(index.key, table.key, item);
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

async function basePass(engine: StorageEngine, table: TableDef, index: IndexDef, go: ShouldContinue): Promise<BackfillResult> {
  let start: Uint8Array | undefined;
  let written = 0;
  for (;;) {
    if (!(await go())) return { complete: false, written };
    const rows = await engine.range({ space: table.space, ...(start ? { start, startExclusive: true } : {}), limit: BACKFILL_CHUNK });
    if (rows.length === 0) return { complete: true, written };
    const { result } = await engine.atomic({
      reads: rows.map((r) => ({ space: table.space, key: r.key })),
      apply: (current) => {
        const writes: Write[] = [];
        for (const raw of current) {
          if (raw === undefined) continue;
          const item = JSON.parse(raw) as Item;
          const key = backfillKey(table, index, item);
          if (key) writes.push({ kind: 'put', space: index.space, key, value: JSON.stringify(projectForIndex(table, index, item)) });
        }
        return { writes, result: writes.length };
      },
    });
    written += result;
    const last = rows[rows.length - 1];
    if (!last || rows.length < BACKFILL_CHUNK) return { complete: true, written };
    start = last.key;
  }
}

/** Every index row must be the projection of the base item it names, under that item's index key. */
async function reconcilePass(engine: StorageEngine, table: TableDef, index: IndexDef, go: ShouldContinue): Promise<BackfillResult> {
  let start: Uint8Array | undefined;
  let written = 0;
  for (;;) {
    if (!(await go())) return { complete: false, written };
    const rows = await engine.range({ space: index.space, ...(start ? { start, startExclusive: true } : {}), limit: BACKFILL_CHUNK });
    if (rows.length === 0) return { complete: true, written };
    const baseKeys = rows.map((r) => encodeTableKey(table.key, JSON.parse(r.value) as Item));
    const { result } = await engine.atomic({
      reads: [...rows.map((r) => ({ space: index.space, key: r.key })), ...baseKeys.map((key) => ({ space: table.space, key }))],
      apply: (current) => {
        const writes: Write[] = [];
        rows.forEach((row, i) => {
          const stored = current[i];
          if (stored === undefined) return;
          const rawItem = current[rows.length + i];
          const item = rawItem === undefined ? undefined : (JSON.parse(rawItem) as Item);
          const key = item ? backfillKey(table, index, item) : undefined;
          if (!item || !key || !sameBytes(key, row.key)) {
            writes.push({ kind: 'delete', space: index.space, key: row.key });
            return;
          }
          const value = JSON.stringify(projectForIndex(table, index, item));
          if (value !== stored) writes.push({ kind: 'put', space: index.space, key: row.key, value });
        });
        return { writes, result: writes.length };
      },
    });
    written += result;
    const last = rows[rows.length - 1];
    if (!last || rows.length < BACKFILL_CHUNK) return { complete: true, written };
    start = last.key;
  }
}

export async function backfillIndex(
  engine: StorageEngine,
  table: TableDef,
  index: IndexDef,
  shouldContinue: ShouldContinue = () => true,
): Promise<BackfillResult> {
  let written = 0;
  for (const pass of [basePass, reconcilePass, basePass]) {
    const r = await pass(engine, table, index, shouldContinue);
    written += r.written;
    if (!r.complete) return { complete: false, written };
  }
  return { complete: true, written };
}
