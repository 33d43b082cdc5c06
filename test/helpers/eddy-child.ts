// A separate Eddy process for multi-node and crash tests: started with `node --import tsx`, it
// prints its endpoint as one JSON line and runs until killed. Options come as one JSON argument.
import { startEddy, type StartOptions } from '../../src/server/start.js';

const opts = JSON.parse(process.argv[2] ?? '{}') as Partial<StartOptions>;
const eddy = await startEddy({ port: 0, logLevel: 'warn', ...opts });
process.stdout.write(`${JSON.stringify({ endpoint: eddy.endpoint, pid: process.pid })}\n`);
process.on('SIGTERM', () => void eddy.stop().then(() => process.exit(0)));
