import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { StartOptions } from '../../src/server/start.js';
import { rawRequest, signedHeaders, type TestEddy } from './eddy.js';

/** A server in its own process: what a test needs of TestEddy, without the in-process handle. */
export type ProcessEddy = Omit<TestEddy, 'eddy' | 'doc'> & { child: ChildProcess };

/**
 * Starts an in-memory server in a separate process (test/helpers/eddy-child.ts). For tests whose
 * guard is their own timeout: a server in the test's process that stays busy in one request keeps
 * node:test's timer from ever firing, so the test would wait for the request instead of failing.
 * stop() kills the process outright (a busy server does not get to its SIGTERM handler).
 */
export async function startProcessEddy(opts: Partial<StartOptions> = {}): Promise<ProcessEddy> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/helpers/eddy-child.ts', JSON.stringify({ inMemory: true, ...opts })], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const line = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout as NodeJS.ReadableStream }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`eddy child exited ${code}`)));
  });
  const endpoint = (JSON.parse(line) as { endpoint: string }).endpoint;
  const client = new DynamoDBClient({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'secret' },
    maxAttempts: 1,
  });
  return {
    endpoint,
    client,
    child,
    raw: (target, body, headers) => {
      const full = target === '' || target.includes('.') ? target : `DynamoDB_20120810.${target}`;
      const h: Record<string, string> = { 'Content-Type': 'application/x-amz-json-1.0', ...signedHeaders() };
      if (full) h['X-Amz-Target'] = full;
      return rawRequest(endpoint, { headers: { ...h, ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) });
    },
    stop: async () => {
      client.destroy();
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGKILL');
        await exited;
      }
    },
  };
}
