// One interface over the two load generators.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { writeLuaScript, runWrk } from './load-wrk.mjs';

const WORKER = fileURLToPath(new URL('./autocannon-worker.mjs', import.meta.url));

function runAutocannon({ endpoint, workload, ctx, connections, seconds, check }) {
  const arg = JSON.stringify({ endpoint, workload: workload.name, ctx, connections, seconds, check });
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [WORKER, arg], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (c) => (out += c));
    child.stderr.on('data', (c) => (out += c));
    const timer = setTimeout(() => child.kill('SIGKILL'), (seconds + 20) * 1000);
    child.on('exit', () => {
      clearTimeout(timer);
      const line = out.split('\n').find((l) => l.startsWith('{'));
      if (!line) return reject(new Error(`autocannon produced no result:\n${out.slice(0, 2000)}`));
      resolve(JSON.parse(line));
    });
  });
}

/** Runs one load: { tool, endpoint, workload, ctx, connections, seconds, check, scriptDir }. */
export function runLoad(opts) {
  if (opts.tool === 'wrk') {
    const script = writeLuaScript(opts.scriptDir, opts.workload, opts.ctx, opts.check);
    return runWrk({ ...opts, script });
  }
  return runAutocannon(opts);
}
