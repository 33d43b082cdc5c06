// A separate Eddy process for multi-node tests: started with `node --import tsx`, it prints its
// endpoint as one JSON line and runs until killed. Options come as one JSON argument.
import { startEddy } from '../../src/server/start.js';

const opts = JSON.parse(process.argv[2] ?? '{}') as { storage: string; ttlSweepIntervalMs?: number };
const eddy = await startEddy({ port: 0, storage: opts.storage, ttlSweepIntervalMs: opts.ttlSweepIntervalMs ?? 5000, logLevel: 'warn' });
process.stdout.write(`${JSON.stringify({ endpoint: eddy.endpoint, pid: process.pid })}\n`);
process.on('SIGTERM', () => void eddy.stop().then(() => process.exit(0)));
