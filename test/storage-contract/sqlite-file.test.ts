/**
 * What only the file engine does: it holds its file exclusively, and it acknowledges commits only
 * after WalSync has fdatasync'ed the WAL (src/storage/embedded/wal-sync.ts).
 */
import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { openSqliteEngine } from '../../src/storage/embedded/sqlite-engine.js';
import { WalSync } from '../../src/storage/embedded/wal-sync.js';

const dir = mkdtempSync(join(tmpdir(), 'eddy-file-'));
after(() => rmSync(dir, { recursive: true, force: true }));

describe('sqlite file engine', () => {
  it('refuses a second process (or connection) on the same file with a clear error, and reopens after close', async () => {
    const path = join(dir, 'owned.db');
    const first = openSqliteEngine({ path });
    assert.throws(() => openSqliteEngine({ path }), /is in use by another process/);
    await first.close();
    const again = openSqliteEngine({ path });
    await again.close();
  });

  it('acknowledges writes after the WAL sync, and they are there after reopening', async () => {
    const path = join(dir, 'synced.db');
    const engine = openSqliteEngine({ path });
    const writes = Array.from({ length: 50 }, (_, i) =>
      engine.atomic({ reads: [], apply: () => ({ writes: [{ kind: 'put' as const, space: 's', key: Buffer.from([i]), value: `"v${i}"` }], result: i }) }),
    );
    const results = await Promise.all(writes);
    assert.deepEqual(results.map((r) => r.result), Array.from({ length: 50 }, (_, i) => i));
    assert.ok(statSync(`${path}-wal`).size > 0, 'the commits went to the WAL');
    await engine.close();
    const reopened = openSqliteEngine({ path });
    for (let i = 0; i < 50; i++) assert.equal(await reopened.get('s', Buffer.from([i])), `"v${i}"`);
    await reopened.close();
  });
});

describe('WalSync', () => {
  it('runs one sync for the first commit and one more for every commit made while it ran', async () => {
    const file = join(dir, 'plain-wal');
    writeFileSync(file, 'x');
    const sync = new WalSync(file);
    const order: string[] = [];
    await new Promise<void>((res) => {
      sync.afterCommit((err) => {
        assert.equal(err, undefined);
        order.push('a');
      });
      sync.afterCommit(() => order.push('b'));
      sync.afterCommit(() => {
        order.push('c');
        res();
      });
    });
    await sync.idle();
    assert.deepEqual(order, ['a', 'b', 'c']);
    sync.close();
  });

  it('reports a sync that cannot run to every waiting commit', async () => {
    const sync = new WalSync(join(dir, 'missing-dir', 'x-wal'));
    const err = await new Promise<Error | undefined>((res) => sync.afterCommit(res));
    assert.ok(err instanceof Error);
    await sync.idle();
  });
});
