import { randomUUID } from 'node:crypto';
import type { RequestContext } from '../../server/context.js';
import { DynamoError } from '../../protocol/errors.js';
import { manager } from '../tables/manager.js';
import type { TableDef } from '../tables/table-types.js';
import { backupArn, putBackup, updateBackup, type BackupRecord } from './backup-store.js';
import { addCapture, copySnapshot, removeCapture, updateTable } from './capture.js';
import { backupsBeingEnabled, tableNotFound } from './validate.js';

/** The source metadata a backup keeps (what it restores and describes). */
function sourceOf(def: TableDef): TableDef {
  const copy = structuredClone(def) as TableDef;
  delete copy.history;
  delete copy.restore;
  delete copy.pendingUntil;
  delete copy.updating;
  return copy;
}

/**
 * Takes a consistent backup of a table: capture on + marker, chunked copy, roll back to the
 * marker, capture off. The record is CREATING while the copy runs and AVAILABLE after.
 */
/** How long DynamoDB keeps the SYSTEM backup of a deleted PITR table (DDB-TABLE-167). */
export const SYSTEM_BACKUP_RETENTION_MS = 35 * 86_400_000;

export async function createBackup(ctx: RequestContext, tableName: string, name: string, system = false): Promise<BackupRecord> {
  const { engine, clock } = ctx.services;
  const tables = manager(ctx);
  const table = await tables.find(ctx, tableName);
  if (!table || table.status === 'DELETING') throw tableNotFound(tables.displayName(tableName));
  // A restore target is unknown to the backup APIs until it is ACTIVE (DDB-TABLE-217).
  if (table.status === 'CREATING' && table.restore) throw tableNotFound(table.name);
  if (table.status === 'CREATING') throw backupsBeingEnabled(table.name);
  const now = clock.now();
  const arn = backupArn(table, now, system);
  const id = `backup-${arn.slice(arn.lastIndexOf('/') + 1)}`;
  const ref = { namespace: table.namespace, name: table.name };
  const notFound = (): DynamoError => tableNotFound(table.name);
  const { after, markerSeq } = await updateTable(engine, ref, now, (def) => addCapture(def, id, now), notFound, id);
  const log = after.history?.log;
  if (!log || markerSeq === undefined) throw DynamoError.internal();
  const rec: BackupRecord = {
    arn,
    name,
    namespace: ctx.namespace,
    status: 'CREATING',
    type: system ? 'SYSTEM' : 'USER',
    ...(system ? { expiresAt: now + SYSTEM_BACKUP_RETENTION_MS } : {}),
    createdAt: now,
    space: `b/${randomUUID()}`,
    source: sourceOf(after),
  };
  try {
    await putBackup(engine, rec);
    await copySnapshot(engine, after, log, markerSeq, rec.space);
  } catch (err) {
    await engine.dropSpace(rec.space);
    await updateBackup(engine, rec.namespace, arn, () => undefined).catch(() => undefined);
    throw err;
  } finally {
    const done = await updateTable(engine, ref, clock.now(), (def) => removeCapture(def, id), notFound).catch(() => undefined);
    if (done && done.before.history && !done.after.history) await engine.dropLog(done.before.history.log);
  }
  const stats = await engine.stats(rec.space);
  const { after: stored } = await updateBackup(engine, rec.namespace, arn, (r) => ({
    ...r,
    status: 'AVAILABLE',
    sizeBytes: stats.bytes,
    itemCount: stats.items,
  }));
  return stored ?? rec;
}
