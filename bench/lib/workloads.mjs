// The timed HTTP workloads. Each has: a JS body generator (checks, autocannon), the same body as a
// Lua expression (wrk `request()`), a reply validator, and an optional deeper verification that
// reads back what a write did. A workload that the server rejects in its check is reported as n/a.
import { TABLES, QUERY_PARTITIONS, COUNTERS, BATCH_SIZE, TRANSACT_SIZE, QUERY_ITEMS_PER_PARTITION, PAYLOAD_CHARS } from './data.mjs';

const rand = (n) => Math.floor(Math.random() * n);
const randKey = (nonce) => `${nonce}-${1 + rand(2147483647)}`;
const putItemJs = (ctx) => ({ pk: { S: randKey(ctx.nonce) }, n: { N: '1' }, data: { S: ctx.payload } });
// Lua: the same item as a string expression (LuaJIT/Lua 5.1; `nonce` and `payload` are script locals).
// `luaItem('i')` appends the loop index to the key, so the items of one batch or transaction are
// distinct by construction: two equal random keys in one request are refused by DynamoDB (and so
// by Eddy) as duplicates, a 400 the harness counts as an error (seen twice, once in ~10^6 batches).
const luaItem = (suffix) =>
  `'{"pk":{"S":"' .. nonce .. '-' .. math.random(1, 2147483647) ..${suffix ? ` '-' .. ${suffix} ..` : ''} '"},"n":{"N":"1"},"data":{"S":"' .. payload .. '"}}'`;
const LUA_ITEM = luaItem();

// JSON.stringify: in-process replies may carry keys whose value is undefined.
const isEmptyObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v) && JSON.stringify(v) === '{}';

async function getItem(client, table, key) {
  const res = await client.send('GetItem', { TableName: table, Key: key, ConsistentRead: true });
  return res.status === 200 ? res.body.Item : undefined;
}

export const WORKLOADS = [
  {
    name: 'GetItem',
    op: 'GetItem',
    single: true,
    body: (ctx) => ({ TableName: TABLES.main, Key: { pk: { S: `item-${rand(ctx.items)}` } } }),
    lua: `'{"TableName":"${TABLES.main}","Key":{"pk":{"S":"item-' .. math.random(0, items - 1) .. '"}}}'`,
    validate(reply, req) {
      const item = reply?.Item;
      if (!item || item.data?.S?.length !== PAYLOAD_CHARS) return 'reply has no 1 KB Item';
      if (req && item.pk?.S !== req.Key.pk.S) return `Item.pk ${item.pk?.S} != requested ${req.Key.pk.S}`;
      return null;
    },
  },
  {
    name: 'PutItem',
    op: 'PutItem',
    single: true,
    body: (ctx) => ({ TableName: TABLES.writes, Item: putItemJs(ctx) }),
    lua: `'{"TableName":"${TABLES.writes}","Item":' .. ${LUA_ITEM} .. '}'`,
    validate: (reply) => (isEmptyObject(reply) ? null : `expected {} got ${JSON.stringify(reply).slice(0, 100)}`),
    async verify(client, req) {
      const item = await getItem(client, TABLES.writes, { pk: req.Item.pk });
      return item?.data?.S === req.Item.data.S ? null : 'item not readable after PutItem';
    },
  },
  {
    name: 'UpdateItem',
    op: 'UpdateItem',
    single: true,
    body: () => ({
      TableName: TABLES.counters,
      Key: { pk: { S: `c-${rand(COUNTERS)}` } },
      UpdateExpression: 'ADD #c :one',
      ExpressionAttributeNames: { '#c': 'count' },
      ExpressionAttributeValues: { ':one': { N: '1' } },
    }),
    lua: `'{"TableName":"${TABLES.counters}","Key":{"pk":{"S":"c-' .. math.random(0, ${COUNTERS - 1}) .. '"}},"UpdateExpression":"ADD #c :one","ExpressionAttributeNames":{"#c":"count"},"ExpressionAttributeValues":{":one":{"N":"1"}}}'`,
    validate: (reply) => (isEmptyObject(reply) ? null : `expected {} got ${JSON.stringify(reply).slice(0, 100)}`),
    async verify(client, req) {
      const before = Number((await getItem(client, TABLES.counters, req.Key))?.count?.N ?? 'NaN');
      const res = await client.send('UpdateItem', { ...req, ReturnValues: 'UPDATED_NEW' });
      const after = Number(res.body?.Attributes?.count?.N);
      return after === before + 1 ? null : `counter went from ${before} to ${after}`;
    },
  },
  {
    name: 'Query10',
    op: 'Query',
    body: () => ({
      TableName: TABLES.query,
      KeyConditionExpression: 'pk = :p',
      ExpressionAttributeValues: { ':p': { S: `p-${rand(QUERY_PARTITIONS)}` } },
    }),
    lua: `'{"TableName":"${TABLES.query}","KeyConditionExpression":"pk = :p","ExpressionAttributeValues":{":p":{"S":"p-' .. math.random(0, ${QUERY_PARTITIONS - 1}) .. '"}}}'`,
    validate(reply, req) {
      const items = reply?.Items;
      if (!Array.isArray(items) || items.length !== QUERY_ITEMS_PER_PARTITION || reply.Count !== items.length) {
        return `expected ${QUERY_ITEMS_PER_PARTITION} items, got ${JSON.stringify(reply).slice(0, 100)}`;
      }
      if (req) {
        const p = req.ExpressionAttributeValues[':p'].S;
        if (!items.every((it, j) => it.pk?.S === p && it.sk?.S === `s-${j}`)) return 'wrong items or order';
      }
      return null;
    },
  },
  {
    name: 'BatchWrite25',
    op: 'BatchWriteItem',
    body: (ctx) => ({
      RequestItems: {
        [TABLES.writes]: Array.from({ length: BATCH_SIZE }, () => ({ PutRequest: { Item: putItemJs(ctx) } })),
      },
    }),
    lua: `(function()
    local parts = {}
    for i = 1, ${BATCH_SIZE} do parts[i] = '{"PutRequest":{"Item":' .. ${luaItem('i')} .. '}}' end
    return '{"RequestItems":{"${TABLES.writes}":[' .. table.concat(parts, ',') .. ']}}'
  end)()`,
    validate: (reply) =>
      isEmptyObject(reply?.UnprocessedItems) ? null : `UnprocessedItems not empty: ${JSON.stringify(reply).slice(0, 100)}`,
    async verify(client, req) {
      const puts = req.RequestItems[TABLES.writes];
      for (const i of [0, puts.length - 1]) {
        const item = await getItem(client, TABLES.writes, { pk: puts[i].PutRequest.Item.pk });
        if (!item) return `batch item ${i} not readable`;
      }
      return null;
    },
  },
  {
    name: 'TransactWrite4',
    op: 'TransactWriteItems',
    body: (ctx) => ({
      TransactItems: Array.from({ length: TRANSACT_SIZE }, () => ({ Put: { TableName: TABLES.writes, Item: putItemJs(ctx) } })),
    }),
    lua: `(function()
    local parts = {}
    for i = 1, ${TRANSACT_SIZE} do parts[i] = '{"Put":{"TableName":"${TABLES.writes}","Item":' .. ${luaItem('i')} .. '}}' end
    return '{"TransactItems":[' .. table.concat(parts, ',') .. ']}'
  end)()`,
    validate: (reply) => (reply && typeof reply === 'object' && !reply.__type ? null : `bad reply ${JSON.stringify(reply).slice(0, 100)}`),
    async verify(client, req) {
      for (const t of req.TransactItems) {
        if (!(await getItem(client, TABLES.writes, { pk: t.Put.Item.pk }))) return 'transaction item not readable';
      }
      return null;
    },
  },
];

/**
 * Checks a workload against a running server before it is timed: a few requests, each reply
 * validated, writes read back. Returns { ok, reason, unsupported }.
 */
export async function checkWorkload(client, workload, ctx, { strict }) {
  for (let i = 0; i < 3; i++) {
    const req = workload.body(ctx);
    const res = await client.send(workload.op, req);
    if (res.status !== 200) {
      const type = String(res.body?.__type ?? '');
      const unsupported = /UnknownOperation|not supported|NotImplemented/i.test(type + (res.body?.message ?? ''));
      return { ok: false, unsupported, reason: `HTTP ${res.status} ${res.raw.slice(0, 200)}` };
    }
    const bad = workload.validate(res.body, strict ? req : undefined);
    if (bad) return { ok: false, reason: bad };
    if (strict && workload.verify) {
      const why = await workload.verify(client, req);
      if (why) return { ok: false, reason: why };
    }
  }
  return { ok: true };
}
