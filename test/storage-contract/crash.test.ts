import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { openSqliteEngine } from '../../src/storage/embedded/sqlite-engine.js';
import type { StorageEngine } from '../../src/storage/engine.js';
import { openLogEngine } from '../../src/storage/log/log-engine.js';

const dir = mkdtempSync(join(tmpdir(), 'eddy-crash-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/**
 * Runs the writer child (crash-writer.ts, with `args`) until it has acknowledged `minAcks` writes,
 * then kills it with SIGKILL.
 */
function runAndKill(args: string[], minAcks: number): Promise<number[]> {
  const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('./crash-writer.ts', import.meta.url)), ...args], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const acked: number[] = [];
  let buffered = '';
  return new Promise((resolve, reject) => {
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      buffered += chunk;
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) if (line.startsWith('ack ')) acked.push(Number(line.slice(4)));
      if (acked.length >= minAcks && child.exitCode === null && !child.killed) child.kill('SIGKILL');
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (signal !== 'SIGKILL') reject(new Error(`writer exited early: code ${code} signal ${signal}`));
      else resolve(acked);
    });
  });
}

function key(n: number): Uint8Array {
  const b = new Uint8Array(4);
  new DataView(b.buffer).setUint32(0, n);
  return b;
}

interface Variant {
  name: string;
  /** The writer's arguments before the first item number: engine kind and path. */
  args: string[];
  /** Log engine sizes: the writer then also overwrites "churn" keys (see crash-writer.ts). */
  sizes?: { segmentBytes: number; compactMinGarbageBytes: number };
  open(): StorageEngine;
}

const sqlitePath = join(dir, 'crash.db');
const logDir = join(dir, 'log');
const smallLogDir = join(dir, 'log-small');
const small = { segmentBytes: 4096, compactMinGarbageBytes: 4096 };
const variants: Variant[] = [
  { name: 'file engine, synchronous FULL', args: ['sqlite', sqlitePath], open: () => openSqliteEngine({ path: sqlitePath }) },
  { name: 'log engine', args: ['log', logDir], open: () => openLogEngine({ dir: logDir }) },
  {
    name: 'log engine, 4 KiB segments: killed while rolling and compacting',
    args: ['log', smallLogDir],
    sizes: small,
    open: () => openLogEngine({ dir: smallLogDir, ...small }),
  },
];

for (const v of variants) {
  it(`every acknowledged write survives kill -9 of the writer (${v.name})`, async () => {
    let total = 0;
    for (let round = 0; round < 3; round++) {
      const sizeArgs = v.sizes === undefined ? [] : [String(v.sizes.segmentBytes), String(v.sizes.compactMinGarbageBytes)];
      const acked = await runAndKill([...v.args, String(round * 1_000_000), ...sizeArgs], 300 + round * 200);
      assert.ok(acked.length > 0);
      const engine = v.open();
      try {
        const values = await engine.getMany(acked.map((n) => ({ space: 'items', key: key(n) })));
        acked.forEach((n, i) => assert.equal(values[i], `value-${n}`, `acked write ${n} lost`));
        // The counter and the log were written in the same transactions as the items.
        const items = (await engine.stats('items')).items;
        assert.equal(Number(await engine.get('counter', key(0))), items);
        assert.ok(items >= total + acked.length);
        const log = await engine.readLog('stream', 0, 1_000_000);
        assert.equal(log.length, items);
        assert.equal(await engine.logHead('stream'), log.at(-1)?.seq);
        total = items;
        if (v.sizes !== undefined) {
          // Each churn value was written with its item: that item is there.
          const churn = await engine.range({ space: 'churn' });
          assert.ok(churn.length > 0 && churn.length <= 8);
          for (const row of churn) {
            const n = Number(/^churn-(\d+)-c{300}$/.exec(row.value)?.[1] ?? NaN);
            assert.equal(await engine.get('items', key(n)), `value-${n}`, `churn value ${row.value.slice(0, 20)}… without its item`);
          }
        }
      } finally {
        await engine.close();
      }
    }
    if (v.sizes !== undefined) {
      const segs = readdirSync(smallLogDir)
        .filter((n) => /^seg-\d+\.log$/.test(n))
        .sort();
      assert.ok(segs.length > 0 && segs[0] !== 'seg-00000001.log', `segment 1 was never compacted away (${segs.length} segments: ${segs[0]}…)`);
    }
  });
}
