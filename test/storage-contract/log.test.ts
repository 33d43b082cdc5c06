import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openLogEngine } from '../../src/storage/log/log-engine.js';
import { runStorageContract } from './contract.js';
import { bytes, put, write } from './helpers.js';

// One directory per run: every open() replays what the engines before it wrote.
const dir = mkdtempSync(join(tmpdir(), 'eddy-log-'));
runStorageContract(
  'log (file)',
  async () => openLogEngine({ dir }),
  async () => rmSync(dir, { recursive: true, force: true }),
  { durable: true },
);

// Tiny segments and a low garbage threshold, so the contract tests run while segments roll and
// compaction copies and deletes them. The contract's own writes leave little garbage next to what
// stays live (its 500 KB value), so each open first writes and deletes 256 KiB of its own: the dead
// bytes then soon pass half the live ones, and compaction runs during the tests that follow.
const dirSmall = mkdtempSync(join(tmpdir(), 'eddy-log-'));
runStorageContract(
  'log (file, 4 KiB segments, compacting)',
  async () => {
    const e = openLogEngine({ dir: dirSmall, segmentBytes: 4096, compactMinGarbageBytes: 8192 });
    await put(e, 'contract-ballast', bytes(1), 'g'.repeat(256 * 1024));
    await write(e, { kind: 'delete', space: 'contract-ballast', key: bytes(1) });
    return e;
  },
  async () => rmSync(dirSmall, { recursive: true, force: true }),
  { durable: true },
);
