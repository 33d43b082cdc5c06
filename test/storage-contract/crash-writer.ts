/**
 * Child process of crash.test.ts: writes to a file engine as fast as it can and prints one line per
 * acknowledged write ("ack <n>"), until it is killed with SIGKILL.
 * Usage: node --import tsx crash-writer.ts <db path> <first item number>
 */
import { openSqliteEngine } from '../../src/storage/embedded/sqlite-engine.js';

const path = process.argv[2];
if (path === undefined) throw new Error('usage: crash-writer.ts <db path>');
const engine = openSqliteEngine({ path });
let next = Number(process.argv[3] ?? '0');

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
      apply: ([cur]) => ({
        writes: [
          { kind: 'put', space: 'items', key: key(n), value: `value-${n}` },
          { kind: 'put', space: 'counter', key: key(0), value: String(Number(cur ?? '0') + 1) },
          { kind: 'append', log: 'stream', value: `rec-${n}` },
        ],
        result: null,
      }),
    });
    // Pipes are synchronous on Linux: the line is out before the next write starts.
    process.stdout.write(`ack ${n}\n`);
  }
}

process.stdout.write('ready\n');
await Promise.all(Array.from({ length: 32 }, () => worker()));
