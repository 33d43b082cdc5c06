import { createHash, randomBytes } from 'node:crypto';
import { DynamoError } from '../../protocol/errors.js';
import type { StorageEngine, Write } from '../../storage/engine.js';

/**
 * Export and import jobs (ExportTableToPointInTime, ImportTable), kept in the storage catalog so
 * that every engine persists them: `export/<namespace>/<ExportArn>` → the job record (JSON), and
 * `export-token/<namespace>/<ClientToken>` → the token's job (likewise `import/`, `import-token/`).
 * A record is written once and never changed: its status follows from the server clock (IN_PROGRESS
 * until `failAt`, FAILED from then on), so nothing has to run when the job fails, and a restarted
 * server reads the same state.
 */
export type JobKind = 'export' | 'import';

export interface JobRecord {
  kind: JobKind;
  arn: string;
  namespace: string;
  tableArn: string;
  tableId: string;
  clientToken: string;
  /** The parameters an idempotent replay must repeat, as canonical JSON. */
  params: string;
  /** epoch ms */
  startTime: number;
  /** epoch ms at which the job is FAILED (the bucket cannot be used). */
  failAt: number;
  failureMessage: string;
}

interface TokenEntry {
  arn: string;
  params: string;
  failAt: number;
}

/**
 * A client token binds its request for 8 hours after the job ended; after that the same token
 * starts a new job (API reference, ClientToken of ExportTableToPointInTime and ImportTable).
 */
export const TOKEN_WINDOW_MS = 8 * 3_600_000;

/** Both jobs fail this long after they start (an import to a missing bucket: 5.6 s, DDB-IMPORT-012). */
export const JOB_FAIL_AFTER_MS = 5_600;

function recordKey(kind: JobKind, namespace: string, arn: string): string {
  return `${kind}/${namespace}/${arn}`;
}

function tokenKey(kind: JobKind, namespace: string, token: string): string {
  return `${kind}-token/${namespace}/${token}`;
}

/** The id of a job ARN: `<epoch ms, 14 digits>-<8 hex>` (as DynamoDB's `.../export/01791506414432-3f2e5aa4`). */
export function newJobId(now: number): string {
  return `${String(now).padStart(14, '0')}-${randomBytes(4).toString('hex')}`;
}

function jobIdOf(arn: string): string {
  return arn.slice(arn.lastIndexOf('/') + 1);
}

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

/**
 * FailureMessage of a job whose bucket does not exist, in S3's wording with fresh request ids
 * (DDB-EXPORT-010, DDB-IMPORT-012 record it cut off inside the extended id; the `; Proxy: null)`
 * ending is the one DDB-EXPORT-005 records in full for another S3 error).
 */
export function noSuchBucketMessage(): string {
  const id = [...randomBytes(16)].map((b) => ALNUM[b % ALNUM.length]).join('');
  const extended = randomBytes(56).toString('base64');
  return `The specified bucket does not exist (Service: Amazon S3; Status Code: 404; Error Code: NoSuchBucket; Request ID: ${id}; S3 Extended Request ID: ${extended}; Proxy: null)`;
}

export function isFailed(rec: Pick<JobRecord, 'failAt'>, now: number): boolean {
  return now >= rec.failAt;
}

function conflict(kind: JobKind): DynamoError {
  // DDB-EXPORT-009, DDB-IMPORT-017 (the documented IdempotentParameterMismatch is not what is sent).
  return kind === 'export'
    ? DynamoError.service('ExportConflictException', 'Export conflict: Duplicate request detected with conflicting parameters')
    : DynamoError.service('ImportConflictException', 'Import conflict: Duplicate request detected with conflicting parameters');
}

/**
 * Stores a new job, or finds the one its client token already started: the same parameters give
 * back that job (whatever its state), other parameters are the kind's ConflictException. Atomic on
 * the token, so two requests with one token start one job.
 */
export async function startJob<T extends JobRecord>(engine: StorageEngine, rec: T, now: number): Promise<T> {
  const tKey = tokenKey(rec.kind, rec.namespace, rec.clientToken);
  const entry: TokenEntry = { arn: rec.arn, params: rec.params, failAt: rec.failAt };
  const { result: earlier } = await engine.atomic<string | undefined>({
    reads: [],
    catalogReads: [tKey],
    apply: (_cur, [raw]) => {
      if (raw !== undefined) {
        const t = JSON.parse(raw) as TokenEntry;
        if (now <= t.failAt + TOKEN_WINDOW_MS) {
          if (t.params !== rec.params) throw conflict(rec.kind);
          return { writes: [], result: t.arn };
        }
      }
      const writes: Write[] = [
        { kind: 'catalog-put', key: recordKey(rec.kind, rec.namespace, rec.arn), value: JSON.stringify(rec) },
        { kind: 'catalog-put', key: tKey, value: JSON.stringify(entry) },
      ];
      return { writes, result: undefined };
    },
  });
  if (earlier === undefined) return rec;
  const found = await loadJob<T>(engine, rec.kind, rec.namespace, earlier);
  if (!found) throw DynamoError.internal(`${rec.kind} record missing for its client token`);
  return found;
}

export async function loadJob<T extends JobRecord>(engine: StorageEngine, kind: JobKind, namespace: string, arn: string): Promise<T | undefined> {
  const raw = await engine.catalogGet(recordKey(kind, namespace, arn));
  return raw === undefined ? undefined : (JSON.parse(raw) as T);
}

/** Every job of a kind in the namespace, newest first (DDB-EXPORT-017, DDB-IMPORT-016). */
export async function listJobs<T extends JobRecord>(engine: StorageEngine, kind: JobKind, namespace: string): Promise<T[]> {
  const rows = await engine.catalogList(`${kind}/${namespace}/`);
  const jobs = rows.map((r) => JSON.parse(r.value) as T);
  const order = (j: T) => jobIdOf(j.arn);
  return jobs.sort((a, b) => (order(a) < order(b) ? 1 : order(a) > order(b) ? -1 : a.arn < b.arn ? 1 : a.arn > b.arn ? -1 : 0));
}

/**
 * One page of `jobs` (newest first) after the page token, and the token of the next page when more
 * remain. Tokens are 72 hex digits like DynamoDB's (DDB-EXPORT-006): a kind byte, the last job id's
 * time and suffix, and a check, so a token of the other list, or any other string, is invalid.
 */
export function pageOf<T extends JobRecord>(kind: JobKind, jobs: T[], limit: number, token: string | undefined): { page: T[]; next?: string } {
  let start = 0;
  if (token !== undefined) {
    const cursor = cursorOf(kind, token);
    if (cursor === undefined) throw DynamoError.validation(`Invalid Request: Provided nextToken is invalid: ${token}`);
    start = jobs.findIndex((j) => jobIdOf(j.arn) < cursor);
    if (start < 0) start = jobs.length;
  }
  const page = jobs.slice(start, start + limit);
  const last = page[page.length - 1];
  return start + limit < jobs.length && last ? { page, next: tokenOf(kind, jobIdOf(last.arn)) } : { page };
}

const KIND_BYTE: Record<JobKind, number> = { export: 0x45, import: 0x49 };

function check(kind: JobKind, head: Buffer): Buffer {
  return createHash('sha256').update(`eddy-${kind}-page:`).update(head).digest().subarray(0, 25);
}

function tokenOf(kind: JobKind, id: string): string {
  const head = Buffer.alloc(11);
  head[0] = KIND_BYTE[kind];
  head.writeUIntBE(Number(id.slice(0, 14)), 1, 6);
  Buffer.from(id.slice(15, 23), 'hex').copy(head, 7);
  return Buffer.concat([head, check(kind, head)]).toString('hex');
}

function cursorOf(kind: JobKind, token: string): string | undefined {
  if (!/^[0-9a-f]{72}$/.test(token)) return undefined;
  const bytes = Buffer.from(token, 'hex');
  const head = bytes.subarray(0, 11);
  if (head[0] !== KIND_BYTE[kind] || !check(kind, head).equals(bytes.subarray(11))) return undefined;
  return `${String(head.readUIntBE(1, 6)).padStart(14, '0')}-${head.subarray(7, 11).toString('hex')}`;
}
