// The servers under test. Each is started as its own process, with its own fresh temp data dir.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { startProcess, stopProcess, freePort, makeTempDir, removeTempDir, sleep } from './processes.mjs';
import { DynamoHttp } from './dynamo-http.mjs';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const require = createRequire(import.meta.url);

function dynaliteCli() {
  return join(dirname(require.resolve('dynalite/package.json')), 'cli.js');
}

/**
 * name, peer group ('eddy' | 'peer' | 'ceiling'), storage, and how to launch it on a given port.
 * `hasData`: it stores items (the bare server does not). `optional`: run only when named in --servers.
 */
export function serverSpecs({ scanItems, dynamoDbLocalJar, cpuProfDir }) {
  // eddy-disk is the default file engine (log); eddy-sqlite, only when asked for by name, the SQLite one.
  const eddy = (storage, engine) => ({
    name: engine ? `eddy-${engine}` : `eddy-${storage}`,
    group: 'eddy',
    storage,
    hasData: true,
    optional: engine !== undefined,
    available: () => existsSync(join(ROOT, 'bin/eddy')) || 'bin/eddy does not exist yet',
    command: (port, dir) => [
      process.execPath,
      [...(cpuProfDir ? ['--cpu-prof', '--cpu-prof-dir', cpuProfDir] : []), join(ROOT, 'bin/eddy'), 'serve', '--port', String(port),
        ...(storage === 'memory' ? ['--in-memory'] : ['--data', dir, ...(engine ? ['--engine', engine] : [])])],
    ],
  });
  const dynalite = (storage) => ({
    name: `dynalite-${storage}`,
    group: 'peer',
    storage,
    hasData: true,
    available: () => true,
    command: (port, dir) => [
      process.execPath,
      [dynaliteCli(), '--port', String(port), '--host', '127.0.0.1', '--createTableMs', '0', '--deleteTableMs', '0', '--updateTableMs', '0',
        ...(storage === 'disk' ? ['--path', dir] : [])],
    ],
  });
  const ddbLocal = (storage) => ({
    name: `ddblocal-${storage}`,
    group: 'peer',
    storage,
    hasData: true,
    available: () => (dynamoDbLocalJar && existsSync(dynamoDbLocalJar)) || 'DYNAMODB_LOCAL_JAR not set',
    command: (port, dir) => [
      'java',
      [`-Djava.library.path=${join(dirname(dynamoDbLocalJar ?? '.'), 'DynamoDBLocal_lib')}`, '-jar', dynamoDbLocalJar ?? '',
        '-port', String(port), ...(storage === 'memory' ? ['-inMemory'] : ['-dbPath', dir])],
    ],
  });
  return [
    {
      name: 'bare',
      group: 'ceiling',
      storage: 'memory',
      hasData: false,
      available: () => true,
      command: (port) => [process.execPath, [...(cpuProfDir ? ['--cpu-prof', '--cpu-prof-dir', cpuProfDir] : []), join(ROOT, 'bench/bare-server.mjs'), '--port', String(port), '--scan-items', String(scanItems)]],
    },
    {
      // The floor of a durable server (bare-server.mjs --durable): bare's work plus appending each
      // write's body to a group-committed O_DSYNC log. Only when named in --servers.
      name: 'bare-durable',
      group: 'floor',
      storage: 'disk',
      hasData: false,
      optional: true,
      available: () => true,
      command: (port, dir) => [process.execPath, [join(ROOT, 'bench/bare-server.mjs'), '--port', String(port), '--scan-items', String(scanItems), '--durable', dir]],
    },
    eddy('memory'),
    eddy('disk'),
    eddy('disk', 'sqlite'),
    // Eddy over two threads (HTTP front end / everything else), an experiment: bench/split-server.mjs.
    ...['memory', 'disk'].map((storage) => ({
      name: `split-${storage}`,
      group: 'eddy',
      storage,
      hasData: true,
      optional: true,
      available: () => existsSync(join(ROOT, 'dist/src/index.js')) || 'dist/src is missing (npm run build)',
      command: (port, dir) => [process.execPath, [join(ROOT, 'bench/split-server.mjs'), '--port', String(port), ...(storage === 'disk' ? ['--data', dir] : [])]],
    })),
    dynalite('memory'),
    dynalite('disk'),
    ddbLocal('memory'),
    ddbLocal('disk'),
  ];
}

/** True once the server answers ListTables with a 200 (fresh connection per probe). */
async function probe(endpoint) {
  const client = new DynamoHttp(endpoint);
  try {
    const res = await client.send('ListTables', {}, { agent: false, timeoutMs: 2000 });
    return res.status === 200;
  } catch {
    return false;
  } finally {
    client.close();
  }
}

/**
 * Launches a server and polls it until its first successful request.
 * Returns { proc, endpoint, dataDir, coldStartMs, stop() }.
 */
export async function launch(spec, { timeoutMs = 60_000 } = {}) {
  const port = await freePort();
  const dataDir = makeTempDir(spec.name);
  const endpoint = `http://127.0.0.1:${port}`;
  const [cmd, args] = spec.command(port, dataDir);
  const t0 = performance.now();
  const proc = startProcess(cmd, args, { cwd: ROOT });
  for (;;) {
    if (await probe(endpoint)) break;
    if (proc.exited) {
      removeTempDir(dataDir);
      throw new Error(`${spec.name} exited (${proc.exitCode}) before answering:\n${proc.output.slice(-2000)}`);
    }
    if (performance.now() - t0 > timeoutMs) {
      await stopProcess(proc);
      removeTempDir(dataDir);
      throw new Error(`${spec.name} did not answer within ${timeoutMs} ms:\n${proc.output.slice(-2000)}`);
    }
    await sleep(2);
  }
  const coldStartMs = performance.now() - t0;
  return {
    proc,
    endpoint,
    dataDir,
    coldStartMs,
    async stop() {
      await stopProcess(proc);
      removeTempDir(dataDir);
    },
  };
}
