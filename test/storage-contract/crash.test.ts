import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { openSqliteEngine } from '../../src/storage/embedded/sqlite-engine.js';

const dir = mkdtempSync(join(tmpdir(), 'eddy-crash-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** Runs the writer child until it has acknowledged `minAcks` writes, then kills it with SIGKILL. */
function runAndKill(path: string, first: number, minAcks: number): Promise<number[]> {
  const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('./crash-writer.ts', import.meta.url)), path, String(first)], {
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

it('every acknowledged write survives kill -9 of the writer (file engine, synchronous FULL)', async () => {
  const path = join(dir, 'crash.db');
  let total = 0;
  for (let round = 0; round < 3; round++) {
    const acked = await runAndKill(path, round * 1_000_000, 300 + round * 200);
    assert.ok(acked.length > 0);
    const engine = openSqliteEngine({ path });
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
    } finally {
      await engine.close();
    }
  }
});
