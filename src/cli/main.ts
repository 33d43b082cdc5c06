import { resolve } from 'node:path';
import { defaultFileEngine, startEddy } from '../server/start.js';
import { parseArgs, USAGE, UsageError } from './args.js';
import { capYoungGeneration } from './young-generation.js';
import { packageRoot } from '../shared/package-root.js';

/** `eddy serve`: start the server, print how to reach it, stop cleanly on SIGINT/SIGTERM. */
export async function main(argv: readonly string[]): Promise<number> {
  let args;
  try {
    args = parseArgs(argv);
  } catch (err) {
    if (err instanceof UsageError) {
      process.stderr.write(`eddy: ${err.message}\n\n${USAGE}`);
      return 2;
    }
    throw err;
  }
  if (args.command === 'help') {
    process.stdout.write(USAGE);
    return 0;
  }
  if (args.command === 'version') {
    process.stdout.write(`${packageRoot()?.version ?? 'unknown'}\n`);
    return 0;
  }

  // With the SQLite file engine the footprint counts most: the young-generation cap saves ~16 MB
  // once the server has been busy (round four). The log engine no longer needs it: since its
  // values are places outside the heap (round sixteen), RSS after loading 100k items was 96–102 MB
  // without the cap against 95–105 with it (three runs each), and on-disk BatchWrite25 cost 235–241
  // against 246–304 µs per request (scavenges of a young generation twice the size, half as often,
  // copy the same survivors). In memory the data already costs far more, and V8's default young
  // generation is faster (round four).
  const fileEngine = args.inMemory || args.storage ? undefined : (args.fileEngine ?? defaultFileEngine(resolve(args.dataDir)));
  if (fileEngine === 'sqlite') capYoungGeneration();
  const eddy = await startEddy({
    port: args.port,
    host: args.host,
    dataDir: args.dataDir,
    ...(fileEngine ? { fileEngine } : {}),
    inMemory: args.inMemory,
    ...(args.storage ? { storage: args.storage } : {}),
    sharedDb: args.sharedDb,
    logLevel: args.logLevel,
  });
  const storage = args.storage ? 'data in PostgreSQL' : args.inMemory ? 'in memory' : `data in ${eddy.services.config.dataDir ?? args.dataDir}`;
  process.stdout.write(
    `Eddy listening on ${eddy.endpoint} (${storage}) — try: ` +
      `aws dynamodb list-tables --endpoint-url ${eddy.endpoint}  |  ` +
      `new DynamoDBClient({ endpoint: '${eddy.endpoint}' })\n`,
  );

  return new Promise<number>((resolve) => {
    let stopping = false;
    const onSignal = (signal: NodeJS.Signals): void => {
      if (stopping) return;
      stopping = true;
      eddy.services.logger.info('shutting down', { signal });
      eddy.stop().then(
        () => resolve(0),
        (err: unknown) => {
          eddy.services.logger.error('error during shutdown', { err });
          resolve(1);
        },
      );
    };
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
  });
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`eddy: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exitCode = 1;
  },
);
