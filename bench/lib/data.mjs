// The data set and its tables: shared by the harness, the load scripts and the bare ceiling server.
import { randomBytes } from 'node:crypto';

export const PAYLOAD_CHARS = 1000; // + key and number ≈ 1 KB per item (DynamoDB item size)
export const QUERY_PARTITIONS = 500;
export const QUERY_ITEMS_PER_PARTITION = 10;
export const COUNTERS = 1000;
export const BATCH_SIZE = 25;
export const TRANSACT_SIZE = 4;

export const TABLES = {
  main: 'bench_main', // GetItem and Scan: the N preloaded 1 KB items
  writes: 'bench_writes', // PutItem, BatchWriteItem, TransactWriteItems with random keys
  counters: 'bench_counters', // UpdateItem ADD
  query: 'bench_query', // Query: QUERY_PARTITIONS partitions of 10 items
};

/** 1000 random base64 characters (random, so that no engine gets an unfair compression win). */
export function randomPayload() {
  return randomBytes((PAYLOAD_CHARS / 4) * 3).toString('base64');
}

export function mainItem(i, payload = randomPayload()) {
  return { pk: { S: `item-${i}` }, n: { N: String(i) }, data: { S: payload } };
}

export function queryItem(p, j, payload = randomPayload()) {
  return { pk: { S: `p-${p}` }, sk: { S: `s-${j}` }, n: { N: String(j) }, data: { S: payload } };
}

export function createTableInput(name, withSortKey = false) {
  const attrs = [{ AttributeName: 'pk', AttributeType: 'S' }];
  const keys = [{ AttributeName: 'pk', KeyType: 'HASH' }];
  if (withSortKey) {
    attrs.push({ AttributeName: 'sk', AttributeType: 'S' });
    keys.push({ AttributeName: 'sk', KeyType: 'RANGE' });
  }
  return {
    TableName: name,
    AttributeDefinitions: attrs,
    KeySchema: keys,
    BillingMode: 'PAY_PER_REQUEST',
  };
}

/** Size of the items as DynamoDB JSON on the wire: the "raw JSON size" the disk target refers to. */
export function rawJsonBytes(item) {
  return Buffer.byteLength(JSON.stringify(item));
}

// ---- Fixed replies of the bare ceiling server -------------------------------------------------

const FIXED_PAYLOAD = 'x'.repeat(PAYLOAD_CHARS);
export const SCAN_PAGE_ITEMS = 1000;

export function bareReplies(scanItems) {
  const item = mainItem(42, FIXED_PAYLOAD);
  const queryItems = Array.from({ length: QUERY_ITEMS_PER_PARTITION }, (_, j) => queryItem(7, j, FIXED_PAYLOAD));
  const scanPage = Array.from({ length: SCAN_PAGE_ITEMS }, (_, i) => mainItem(i, FIXED_PAYLOAD));
  const pages = Math.max(1, Math.ceil(scanItems / SCAN_PAGE_ITEMS));
  return {
    GetItem: { Item: item },
    PutItem: {},
    UpdateItem: {},
    DeleteItem: {},
    Query: { Count: queryItems.length, Items: queryItems, ScannedCount: queryItems.length },
    BatchWriteItem: { UnprocessedItems: {} },
    TransactWriteItems: {},
    ListTables: { TableNames: Object.values(TABLES) },
    CreateTable: { TableDescription: { TableStatus: 'ACTIVE' } },
    DescribeTable: { Table: { TableStatus: 'ACTIVE', ItemCount: 0 } },
    /** Scan pages: `page-<n>` in LastEvaluatedKey until `pages` pages of SCAN_PAGE_ITEMS items. */
    scan(startKey) {
      const n = startKey ? Number(String(startKey.pk?.S ?? '').slice(5)) || 0 : 0;
      const count = Math.min(SCAN_PAGE_ITEMS, scanItems - n * SCAN_PAGE_ITEMS);
      const out = { Count: count, Items: count === scanPage.length ? scanPage : scanPage.slice(0, count), ScannedCount: count };
      if (n + 1 < pages) out.LastEvaluatedKey = { pk: { S: `page-${n + 1}` } };
      return out;
    },
  };
}
