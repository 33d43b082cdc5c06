/**
 * Streams write-to-visible latency under load (a benchmark, not a test).
 *
 *   node --import tsx bench/streams-latency.ts [writers=16] [seconds=5]
 *
 * Writers put items carrying their send time; one reader follows the stream with GetRecords
 * (through the SDK, as a consumer would) and, separately, an in-process consumer awakened by the
 * engine's commit hook (waitForAppend) reads the log directly. Prints p50/p99 of both.
 */
import { performance } from 'node:perf_hooks';
import { CreateTableCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { DescribeStreamCommand, DynamoDBStreamsClient, GetRecordsCommand, GetShardIteratorCommand } from '@aws-sdk/client-dynamodb-streams';
import { startEddy } from '../src/server/start.js';
import { streamsOperations } from '../src/streams/operations/index.js';
import { waitForAppend } from '../src/streams/reader.js';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';

const writers = Number(process.argv[2] ?? 16);
const seconds = Number(process.argv[3] ?? 5);

const eddy = await startEddy({ port: 0, inMemory: true, logLevel: 'warn', streamsOperations });
const cfg = { endpoint: eddy.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'AKIDBENCH', secretAccessKey: 's' } };
const db = new DynamoDBClient(cfg);
const streams = new DynamoDBStreamsClient(cfg);
const created = await db.send(new CreateTableCommand({
  TableName: 'bench', KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
  AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }], BillingMode: 'PAY_PER_REQUEST',
  StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_IMAGE' },
}));
const arn = created.TableDescription?.LatestStreamArn as string;
const table = await eddy.services.tables.find({ services: eddy.services, requestId: '', account: '', region: 'us-east-1', accessKeyId: 'AKIDBENCH', namespace: 'AKIDBENCH:us-east-1', operation: '' }, 'bench');
const log = table?.stream?.log as string;

const sent = new Map<string, number>();
const sdkLat: number[] = [];
const hookLat: number[] = [];
let running = true;
let n = 0;

async function writer(w: number): Promise<void> {
  while (running) {
    const id = `${w}-${n++}`;
    sent.set(id, performance.now());
    await db.send(new PutItemCommand({ TableName: 'bench', Item: { pk: { S: id }, v: { N: String(n) } } }));
  }
}

async function sdkReader(): Promise<void> {
  const shard = (await streams.send(new DescribeStreamCommand({ StreamArn: arn }))).StreamDescription?.Shards?.[0]?.ShardId;
  let it = (await streams.send(new GetShardIteratorCommand({ StreamArn: arn, ShardId: shard, ShardIteratorType: 'LATEST' }))).ShardIterator;
  while (running && it) {
    const r = await streams.send(new GetRecordsCommand({ ShardIterator: it }));
    const now = performance.now();
    for (const rec of r.Records ?? []) {
      const t = sent.get(rec.dynamodb?.Keys?.pk?.S ?? '');
      if (t !== undefined) sdkLat.push(now - t);
    }
    it = r.NextShardIterator;
  }
}

async function hookReader(): Promise<void> {
  let pos = await eddy.services.engine.logHead(log);
  while (running) {
    if (!(await waitForAppend(eddy.services.engine, log, pos, 100))) continue;
    const batch = await eddy.services.engine.readLog(log, pos, 1000);
    const now = performance.now();
    for (const r of batch) {
      const rec = JSON.parse(r.value) as { k?: { pk?: { S?: string } } };
      const t = sent.get(rec.k?.pk?.S ?? '');
      if (t !== undefined) hookLat.push(now - t);
      pos = r.seq;
    }
  }
}

const pct = (xs: number[], p: number): string => {
  const s = [...xs].sort((a, b) => a - b);
  return (s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN).toFixed(2);
};

const readers = process.env.NO_SDK_READER ? [hookReader()] : [sdkReader(), hookReader()];
const ws = Array.from({ length: writers }, (_, i) => writer(i));
await new Promise((res) => setTimeout(res, seconds * 1000));
running = false;
await Promise.all([...ws, ...readers]);
console.log(`writers=${writers} writes=${n} (${(n / seconds).toFixed(0)}/s)`);
console.log(`GetRecords poll (SDK):   n=${sdkLat.length} p50=${pct(sdkLat, 50)} ms p99=${pct(sdkLat, 99)} ms  (from send of PutItem)`);
console.log(`commit hook (in-process): n=${hookLat.length} p50=${pct(hookLat, 50)} ms p99=${pct(hookLat, 99)} ms`);
db.destroy();
streams.destroy();
await eddy.stop();
