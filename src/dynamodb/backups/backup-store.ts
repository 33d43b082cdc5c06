import { randomBytes } from 'node:crypto';
import type { StorageEngine } from '../../storage/engine.js';
import { DynamoError } from '../../protocol/errors.js';
import type { TableDef } from '../tables/table-types.js';

/**
 * On-demand backups, kept in the storage catalog (`backup/<namespace>/<BackupArn>` → BackupRecord
 * JSON); the rows live in their own space. Nothing about a backup is held in memory.
 */
export const BACKUP_KEY_PREFIX = 'backup/';

export type BackupStatus = 'CREATING' | 'AVAILABLE' | 'DELETED';

export interface BackupRecord {
  arn: string;
  name: string;
  namespace: string;
  status: BackupStatus;
  /** SYSTEM: the backup DynamoDB keeps of a deleted table that had PITR on (create.ts). */
  type: 'USER' | 'SYSTEM';
  /** epoch ms when a SYSTEM backup expires (BackupExpiryDateTime). */
  expiresAt?: number;
  /** epoch ms of the consistent point the backup holds */
  createdAt: number;
  /** Storage space of the backed-up rows. */
  space: string;
  sizeBytes?: number;
  itemCount?: number;
  /** The source table's metadata at the backup point. */
  source: TableDef;
  /** Restores reading this backup right now: target table name → start (epoch ms). */
  restoring?: Record<string, number>;
}

export function backupCatalogKey(namespace: string, arn: string): string {
  return `${BACKUP_KEY_PREFIX}${namespace}/${arn}`;
}

/**
 * `arn:aws:dynamodb:<region>:<account>:table/<T>/backup/<epoch ms, 14 digits>-<8 hex>`; DynamoDB's
 * own ARNs zero-pad the milliseconds to 14 digits (e.g. `.../backup/01681997703770-aa93528e`).
 */
export function backupArn(table: Pick<TableDef, 'arn'>, now: number, system = false): string {
  // A SYSTEM backup's id ends in zeros (live DynamoDB, October 2026: ack-api-quirks DDB-TABLE-167).
  return `${table.arn}/backup/${String(now).padStart(14, '0')}-${system ? '00000000' : randomBytes(4).toString('hex')}`;
}

export function backupNotFound(arn: string): DynamoError {
  // Wording recorded from DynamoDB (steampipe-plugin-aws#1913 shows a live response).
  return DynamoError.service('BackupNotFoundException', `Backup not found: ${arn}`);
}

export async function loadBackup(engine: StorageEngine, namespace: string, arn: string): Promise<BackupRecord> {
  const raw = await engine.catalogGet(backupCatalogKey(namespace, arn));
  if (raw === undefined) throw backupNotFound(arn);
  return JSON.parse(raw) as BackupRecord;
}

export async function listBackupRecords(engine: StorageEngine, namespace: string): Promise<BackupRecord[]> {
  const rows = await engine.catalogList(`${BACKUP_KEY_PREFIX}${namespace}/`);
  const out = rows.map((r) => JSON.parse(r.value) as BackupRecord);
  return out.sort((a, b) => a.createdAt - b.createdAt || (a.arn < b.arn ? -1 : a.arn > b.arn ? 1 : 0));
}

export async function putBackup(engine: StorageEngine, rec: BackupRecord): Promise<void> {
  const key = backupCatalogKey(rec.namespace, rec.arn);
  const value = JSON.stringify(rec);
  await engine.atomic({ reads: [], apply: () => ({ writes: [{ kind: 'catalog-put', key, value }], result: undefined }) });
}

/** Read-modify-write of a backup record in one transaction; `fn` is pure and may throw. */
export async function updateBackup(
  engine: StorageEngine,
  namespace: string,
  arn: string,
  fn: (rec: BackupRecord) => BackupRecord | undefined,
): Promise<{ before: BackupRecord; after: BackupRecord | undefined }> {
  const key = backupCatalogKey(namespace, arn);
  const { result } = await engine.atomic({
    reads: [],
    catalogReads: [key],
    apply: (_cur, [raw]) => {
      if (raw === undefined) throw backupNotFound(arn);
      const before = JSON.parse(raw) as BackupRecord;
      const after = fn(JSON.parse(raw) as BackupRecord);
      const write = after === undefined
        ? { kind: 'catalog-delete' as const, key }
        : { kind: 'catalog-put' as const, key, value: JSON.stringify(after) };
      return { writes: [write], result: { before, after } };
    },
  });
  return result;
}
