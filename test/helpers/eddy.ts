import { request } from 'node:http';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { startEddy, type Eddy, type StartOptions } from '../../src/server/start.js';
import { startTestPostgres, type TestPostgres } from './postgres.js';

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  /** Parsed body, or undefined when it is not JSON. */
  json: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- test convenience: assertions index freely
}

export interface TestEddy {
  eddy: Eddy;
  endpoint: string;
  client: DynamoDBClient;
  doc: DynamoDBDocumentClient;
  /**
   * POST / with `X-Amz-Target: <target>` (a bare operation name gets the DynamoDB_20120810. prefix),
   * Content-Type application/x-amz-json-1.0 and a well-formed fake SigV4 header unless overridden.
   * A string body is sent as is; anything else is JSON-encoded.
   */
  raw(target: string, body: unknown, headers?: Record<string, string>): Promise<RawResponse>;
  stop(): Promise<void>;
}

/**
 * With EDDY_TEST_ENGINE=postgres, servers that would be in memory store everything in PostgreSQL
 * instead (one embedded PostgreSQL per test process, a fresh database per server), so the same
 * API tests run against every engine. The PostgreSQL server stops when the last server does.
 * With EDDY_TEST_ENGINE=sqlite or log, they store it with that file engine in a fresh temporary
 * directory (removed when the server stops).
 */
let sharedPg: Promise<TestPostgres> | undefined;
let pgUsers = 0;

async function engineOptions(opts: Partial<StartOptions>): Promise<Partial<StartOptions>> {
  const kind = process.env.EDDY_TEST_ENGINE;
  if (kind !== 'postgres' && kind !== 'sqlite' && kind !== 'log') return {};
  if (opts.dataDir !== undefined || opts.engine !== undefined || opts.storage !== undefined || opts.inMemory === false) return {};
  if (kind === 'sqlite' || kind === 'log') return { inMemory: false, fileEngine: kind, dataDir: mkdtempSync(join(tmpdir(), 'eddy-test-')) };
  sharedPg ??= startTestPostgres();
  pgUsers++;
  const pg = await sharedPg;
  return { inMemory: false, storage: await pg.createDatabase(`eddy_${randomBytes(6).toString('hex')}`) };
}

async function releaseEngine(usedPg: boolean): Promise<void> {
  if (!usedPg || --pgUsers > 0 || !sharedPg) return;
  const pg = sharedPg;
  sharedPg = undefined;
  await (await pg).stop();
}

/** Starts an in-memory server on a free port with an SDK client pointed at it. */
export async function startTestEddy(opts: Partial<StartOptions> = {}): Promise<TestEddy> {
  const storage = await engineOptions(opts);
  const eddy = await startEddy({ port: 0, inMemory: true, logLevel: 'warn', ...opts, ...storage });
  const client = testClient(eddy.endpoint);
  const doc = DynamoDBDocumentClient.from(client);
  return {
    eddy,
    endpoint: eddy.endpoint,
    client,
    doc,
    raw: rawCaller(eddy.endpoint),
    stop: async () => {
      client.destroy();
      await eddy.stop();
      await releaseEngine(storage.storage !== undefined);
      if (storage.dataDir !== undefined) rmSync(storage.dataDir, { recursive: true, force: true });
    },
  };
}

/** An SDK client for a test server at `endpoint` (test credentials, no retries). */
export function testClient(endpoint: string): DynamoDBClient {
  return new DynamoDBClient({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'secret' },
    maxAttempts: 1,
  });
}

/** TestEddy.raw for a server at `endpoint`: a signed DynamoDB JSON request by target name. */
export function rawCaller(endpoint: string): TestEddy['raw'] {
  return (target, body, headers) => {
    const full = target === '' || target.includes('.') ? target : `DynamoDB_20120810.${target}`;
    const h: Record<string, string> = { 'Content-Type': 'application/x-amz-json-1.0', ...signedHeaders() };
    if (full) h['X-Amz-Target'] = full;
    return rawRequest(endpoint, { headers: { ...h, ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) });
  };
}

/** A well-formed (unverified) SigV4 Authorization header plus X-Amz-Date. */
export function signedHeaders(accessKeyId = 'AKIDTEST', region = 'us-east-1'): Record<string, string> {
  const date = new Date().toISOString().replace(/[-:]|\.\d{3}/g, '');
  return {
    Authorization:
      `AWS4-HMAC-SHA256 Credential=${accessKeyId}/${date.slice(0, 8)}/${region}/dynamodb/aws4_request, ` +
      'SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature=' + '0'.repeat(64),
    'X-Amz-Date': date,
  };
}

/** Any HTTP request to the server; nothing added. */
export function rawRequest(
  endpoint: string,
  opts: { method?: string; path?: string; headers?: Record<string, string>; body?: string | Buffer },
): Promise<RawResponse> {
  const url = new URL(opts.path ?? '/', endpoint);
  return new Promise((resolve, reject) => {
    const req = request(url, { method: opts.method ?? 'POST', headers: opts.headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        let json: unknown;
        try {
          json = body ? JSON.parse(body) : undefined;
        } catch {
          json = undefined;
        }
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body, json });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(opts.body);
  });
}

/** A random table-safe name: `${prefix}-<12 hex>`. */
export function uniqueName(prefix = 't'): string {
  return `${prefix}-${randomBytes(6).toString('hex')}`;
}
