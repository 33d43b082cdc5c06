import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { openSqliteEngine } from '../../src/storage/embedded/sqlite-engine.js';
import { acquireLease, readLease, releaseLease, renewLease } from '../../src/storage/leases.js';

/** Leases on the embedded engine (the PostgreSQL multi-node case is in storage-contract/postgres.test.ts). */
describe('leases (sqlite in-memory)', () => {
  it('grants one owner, renews, expires, is taken over with a new epoch, and releases', async () => {
    const e = openSqliteEngine({});
    try {
      const t0 = 5_000;
      assert.equal(await acquireLease(e, 'ttl', 'a', 100, t0), true);
      assert.equal(await acquireLease(e, 'ttl', 'b', 100, t0 + 50), false);
      assert.equal(await acquireLease(e, 'ttl', 'a', 100, t0 + 50), true, 're-acquiring extends');
      assert.equal(await renewLease(e, 'ttl', 'a', 100, t0 + 100), true);
      assert.deepEqual(await readLease(e, 'ttl'), { owner: 'a', expiresAt: t0 + 200, epoch: 1 });
      assert.equal(await acquireLease(e, 'ttl', 'b', 100, t0 + 199), false, 'held while now < expiresAt');
      assert.equal(await acquireLease(e, 'ttl', 'b', 100, t0 + 200), true);
      assert.equal((await readLease(e, 'ttl'))?.epoch, 2);
      assert.equal(await renewLease(e, 'ttl', 'a', 100, t0 + 210), false);
      assert.equal(await releaseLease(e, 'ttl', 'a'), false);
      assert.equal(await releaseLease(e, 'ttl', 'b'), true);
      assert.equal(await readLease(e, 'ttl'), undefined);
      const wins = await Promise.all(['x', 'y', 'z'].map((o) => acquireLease(e, 'other', o, 100, t0)));
      assert.equal(wins.filter(Boolean).length, 1);
    } finally {
      await e.close();
    }
  });
});
