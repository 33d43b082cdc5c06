// Tables, preloading and the full-table scan, over plain HTTP.
import { TABLES, BATCH_SIZE, QUERY_PARTITIONS, QUERY_ITEMS_PER_PARTITION, createTableInput, mainItem, queryItem, rawJsonBytes } from './data.mjs';
import { pool, } from './dynamo-http.mjs';
import { sleep } from './processes.mjs';

export async function createTables(client) {
  for (const [key, name] of Object.entries(TABLES)) {
    await client.call('CreateTable', createTableInput(name, key === 'query'));
  }
  const deadline = Date.now() + 30_000;
  for (const name of Object.values(TABLES)) {
    for (;;) {
      const d = await client.call('DescribeTable', { TableName: name });
      if (d.Table?.TableStatus === 'ACTIVE') break;
      if (Date.now() > deadline) throw new Error(`table ${name} not ACTIVE after 30 s`);
      await sleep(10);
    }
  }
}

/** Writes items with BatchWriteItem (25 per request, retrying UnprocessedItems). */
async function batchWriteAll(client, table, count, makeItem, concurrency) {
  let rawBytes = 0;
  await pool(Math.ceil(count / BATCH_SIZE), concurrency, async (b) => {
    let requests = [];
    for (let i = b * BATCH_SIZE; i < Math.min(count, (b + 1) * BATCH_SIZE); i++) {
      const item = makeItem(i);
      rawBytes += rawJsonBytes(item);
      requests.push({ PutRequest: { Item: item } });
    }
    for (let attempt = 0; requests.length > 0; attempt++) {
      if (attempt > 20) throw new Error(`BatchWriteItem into ${table}: items still unprocessed after 20 retries`);
      const out = await client.call('BatchWriteItem', { RequestItems: { [table]: requests } });
      requests = out.UnprocessedItems?.[table] ?? [];
      if (requests.length) await sleep(5 * attempt);
    }
  });
  return rawBytes;
}

/** Loads `count` 1 KB items into the main table. Returns { seconds, rawJsonMB }. */
export async function loadMain(client, count, concurrency = 8) {
  const t0 = performance.now();
  const rawBytes = await batchWriteAll(client, TABLES.main, count, (i) => mainItem(i), concurrency);
  return { seconds: (performance.now() - t0) / 1000, rawJsonMB: rawBytes / 2 ** 20 };
}

export async function loadQueryTable(client, concurrency = 8) {
  const total = QUERY_PARTITIONS * QUERY_ITEMS_PER_PARTITION;
  await batchWriteAll(client, TABLES.query, total, (i) => queryItem(Math.floor(i / QUERY_ITEMS_PER_PARTITION), i % QUERY_ITEMS_PER_PARTITION), concurrency);
}

/** One full Scan of the main table, page by page on one connection. Returns { items, pages, ms }. */
export async function scanAll(client, { timeoutMs = 120_000 } = {}) {
  const t0 = performance.now();
  let items = 0;
  let pages = 0;
  let startKey;
  do {
    const out = await client.call('Scan', { TableName: TABLES.main, ...(startKey ? { ExclusiveStartKey: startKey } : {}) });
    items += out.Items?.length ?? 0;
    pages++;
    startKey = out.LastEvaluatedKey;
    if (performance.now() - t0 > timeoutMs) throw new Error(`Scan did not finish within ${timeoutMs} ms`);
  } while (startKey);
  return { items, pages, ms: performance.now() - t0 };
}
