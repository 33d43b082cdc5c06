/**
 * Child process of crash.test.ts: writes to a file engine as fast as it can and prints one line per
 * acknowledged write ("ack <n>"), until it is killed with SIGKILL.
 * Usage: node --import tsx crash-writer.ts <sqlite|log> <db path (sqlite) or directory (log)> <first item number>
 *          [<segmentBytes> <compactMinGarbageBytes>]
 * With the two sizes (log engine only), each commit also overwrites one of 8 "churn" keys with a
 * few hundred bytes: garbage, so the engine keeps rolling segments and compacting while it runs.
 */
import type { StorageEngine, Write } from '../../src/storage/engine.js';
import { openSqliteEngine } from '../../src/storage/embedded/sqlite-engine.js';
import { openLogEngine } from '../../src/storage/log/log-engine.js';

const [kind, path, firstArg, segmentArg, garbageArg] = process.argv.slice(2);
const usage = 'usage: crash-writer.ts <sqlite|log> <path> <first item number> [<segmentBytes> <compactMinGarbageBytes>]';
if (path === undefined || firstArg === undefined) throw new Error(usage);
const churn = segmentArg !== undefined;

function open(): StorageEngine {
  if (kind === 'sqlite' && !churn) return openSqliteEngine({ path: path as string });
  if (kind === 'log') {
    return openLogEngine({
      dir: path as string,
      ...(segmentArg !== undefined ? { segmentBytes: Number(segmentArg) } : {}),
      ...(garbageArg !== undefined ? { compactMinGarbageBytes: Number(garbageArg) } : {}),
    });
  }
  throw new Error(usage);
}

const engine = open();
let next = Number(firstArg);

function key(n: number): Uint8Array {
  const b = new Uint8Array(4);
  new DataView(b.buffer).setUint32(0, n);
  return b;
}

async function worker(): Promise<never> {
  for (;;) {
    const n = next++;
    await engine.atomic({
      reads: [{ space: 'counter', key: key(0) }],
      apply: ([cur]) => {
        const writes: Write[] = [
          { kind: 'put', space: 'items', key: key(n), value: `value-${n}` },
          { kind: 'put', space: 'counter', key: key(0), value: String(Number(cur ?? '0') + 1) },
          { kind: 'append', log: 'stream', value: `rec-${n}` },
        ];
        if (churn) writes.push({ kind: 'put', space: 'churn', key: key(n % 8), value: `churn-${n}-${'c'.repeat(300)}` });
        return { writes, result: null };
      },
    });
    // Pipes are synchronous on Linux: the line is out before the next write starts.
    process.stdout.write(`ack ${n}\n`);
  }
}

process.stdout.write('ready\n');
await Promise.all(Array.from({ length: 32 }, () => worker()));
