import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { StartOptions } from '../../src/server/start.js';
import { rawCaller, testClient, type TestEddy } from './eddy.js';

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
  const client = testClient(endpoint);
  return {
    endpoint,
    client,
    child,
    raw: rawCaller(endpoint),
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
