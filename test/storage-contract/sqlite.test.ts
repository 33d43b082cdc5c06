import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteEngine } from '../../src/storage/embedded/sqlite-engine.js';
import { runStorageContract } from './contract.js';

runStorageContract('sqlite in-memory', async () => openSqliteEngine({}));

const dir = mkdtempSync(join(tmpdir(), 'eddy-storage-'));
runStorageContract(
  'sqlite file (WAL, synchronous FULL)',
  async () => openSqliteEngine({ path: join(dir, 'eddy.db') }),
  async () => rmSync(dir, { recursive: true, force: true }),
  { durable: true },
);

const dirNormal = mkdtempSync(join(tmpdir(), 'eddy-storage-'));
runStorageContract(
  'sqlite file (WAL, synchronous NORMAL)',
  async () => openSqliteEngine({ path: join(dirNormal, 'eddy.db'), synchronous: 'NORMAL' }),
  async () => rmSync(dirNormal, { recursive: true, force: true }),
  { durable: true },
);
