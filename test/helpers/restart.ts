import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { it } from 'node:test';
import type { StartOptions } from '../../src/server/start.js';
import type { RawResponse, TestEddy } from './eddy.js';
import { startTestPostgres } from './postgres.js';

/** The parsed body of a raw request that must succeed (status 200). */
export async function rawOk(t: TestEddy, target: string, body: unknown): Promise<RawResponse['json']> {
  const r = await t.raw(target, body);
  assert.equal(r.status, 200, r.body);
  return r.json;
}

/**
 * Tests that `run` passes on a server whose storage outlives it: the log and SQLite file engines
 * (one fresh --data directory each) and, under EDDY_TEST_ENGINE=postgres, a PostgreSQL of its own.
 * `run` gets the storage options and starts (and restarts) its servers with them.
 */
export function itOnEveryDurableEngine(dirPrefix: string, run: (opts: Partial<StartOptions>) => Promise<void>): void {
  for (const fileEngine of ['log', 'sqlite'] as const) {
    it(`on the ${fileEngine} engine (same --data directory)`, async () => {
      const dir = mkdtempSync(join(tmpdir(), dirPrefix));
      try {
        await run({ inMemory: false, dataDir: dir, fileEngine });
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  }
  it('on PostgreSQL (EDDY_TEST_ENGINE=postgres only)', { skip: process.env.EDDY_TEST_ENGINE !== 'postgres' }, async () => {
    const pg = await startTestPostgres();
    try {
      await run({ inMemory: false, storage: pg.url });
    } finally {
      await pg.stop();
    }
  });
}
