import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { CreateTableCommand, DynamoDBClient, ScanCommand, TransactWriteItemsCommand, type AttributeValue } from '@aws-sdk/client-dynamodb';

/**
 * Transactions are all or nothing across a crash: a server on a data directory is killed with
 * SIGKILL in the middle of a stream of TransactWriteItems; after a restart on the same directory,
 * every transaction is wholly present or wholly absent, and every acknowledged one is present.
 */
const dir = mkdtempSync(join(tmpdir(), 'eddy-crash-'));
const children: ChildProcess[] = [];

after(() => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

async function start(): Promise<{ child: ChildProcess; client: DynamoDBClient }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/helpers/eddy-child.ts', JSON.stringify({ dataDir: dir })], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  children.push(child);
  const line = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout as NodeJS.ReadableStream }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`eddy exited ${code}`)));
  });
  const { endpoint } = JSON.parse(line) as { endpoint: string };
  const client = new DynamoDBClient({ endpoint, region: 'us-east-1', credentials: { accessKeyId: 'AKIDCRASH', secretAccessKey: 's' }, maxAttempts: 1 });
  return { child, client };
}

describe('crash during TransactWriteItems', () => {
  it('leaves every transaction wholly present or wholly absent', async () => {
    const first = await start();
    await first.client.send(
      new CreateTableCommand({
        TableName: 'crash',
        KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
        AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
        BillingMode: 'PAY_PER_REQUEST',
      }),
    );
    const acked = new Set<number>();
    let next = 0;
    let stop = false;
    const writer = async (): Promise<void> => {
      while (!stop) {
        const tx = next++;
        try {
          await first.client.send(
            new TransactWriteItemsCommand({
              TransactItems: ['a', 'b', 'c', 'd'].map((part) => ({
                Put: { TableName: 'crash', Item: { id: { S: `${tx}-${part}` }, tx: { N: String(tx) }, pad: { S: 'x'.repeat(200) } } },
              })),
            }),
          );
          acked.add(tx);
        } catch {
          return; // the server is gone
        }
      }
    };
    const writers = Array.from({ length: 8 }, () => writer());
    while (acked.size < 150) await new Promise((r) => setTimeout(r, 5));
    first.child.kill('SIGKILL');
    stop = true;
    await Promise.all(writers);
    first.client.destroy();

    const second = await start();
    const parts = new Map<number, number>();
    let from: Record<string, AttributeValue> | undefined;
    do {
      const out = await second.client.send(new ScanCommand({ TableName: 'crash', ExclusiveStartKey: from }));
      for (const item of out.Items ?? []) {
        const tx = Number(item.tx?.N);
        parts.set(tx, (parts.get(tx) ?? 0) + 1);
      }
      from = out.LastEvaluatedKey;
    } while (from);
    for (const [tx, n] of parts) assert.equal(n, 4, `transaction ${tx} is partial: ${n} of 4 items`);
    for (const tx of acked) assert.equal(parts.get(tx), 4, `acknowledged transaction ${tx} is missing`);
    assert.ok(parts.size >= acked.size);
    second.child.kill('SIGTERM');
    await new Promise((r) => second.child.once('exit', r));
    second.client.destroy();
  });
});
