import assert from 'node:assert/strict';
import { TableManager } from '../../src/dynamodb/tables/catalog.js';
import { type RawResponse, type TestEddy, uniqueName } from './eddy.js';

/** The tables dynalite's suite (recorded against DynamoDB) uses: hash S, hash N, range S+S with indexes, range S+N, range S+B. */
export interface ConformanceTables {
  hash: string;
  hashN: string;
  range: string;
  rangeN: string;
  rangeB: string;
}

export async function createConformanceTables(t: TestEddy): Promise<ConformanceTables> {
  const names: ConformanceTables = {
    hash: uniqueName('ch'),
    hashN: uniqueName('chn'),
    range: uniqueName('cr'),
    rangeN: uniqueName('crn'),
    rangeB: uniqueName('crb'),
  };
  const S = (n: string, type = 'S') => ({ AttributeName: n, AttributeType: type });
  const K = (n: string, type: 'HASH' | 'RANGE') => ({ AttributeName: n, KeyType: type });
  const specs: Record<string, unknown>[] = [
    { TableName: names.hash, AttributeDefinitions: [S('a')], KeySchema: [K('a', 'HASH')] },
    { TableName: names.hashN, AttributeDefinitions: [S('a', 'N')], KeySchema: [K('a', 'HASH')] },
    {
      TableName: names.range,
      AttributeDefinitions: [S('a'), S('b'), S('c'), S('d')],
      KeySchema: [K('a', 'HASH'), K('b', 'RANGE')],
      LocalSecondaryIndexes: [
        { IndexName: 'index1', KeySchema: [K('a', 'HASH'), K('c', 'RANGE')], Projection: { ProjectionType: 'ALL' } },
        { IndexName: 'index2', KeySchema: [K('a', 'HASH'), K('d', 'RANGE')], Projection: { ProjectionType: 'INCLUDE', NonKeyAttributes: ['c'] } },
      ],
      GlobalSecondaryIndexes: [
        { IndexName: 'index3', KeySchema: [K('c', 'HASH')], Projection: { ProjectionType: 'ALL' } },
        { IndexName: 'index4', KeySchema: [K('c', 'HASH'), K('d', 'RANGE')], Projection: { ProjectionType: 'INCLUDE', NonKeyAttributes: ['e'] } },
      ],
    },
    { TableName: names.rangeN, AttributeDefinitions: [S('a'), S('b', 'N')], KeySchema: [K('a', 'HASH'), K('b', 'RANGE')] },
    { TableName: names.rangeB, AttributeDefinitions: [S('a'), S('b', 'B')], KeySchema: [K('a', 'HASH'), K('b', 'RANGE')] },
  ];
  for (const spec of specs) {
    const r = await t.raw('CreateTable', { BillingMode: 'PAY_PER_REQUEST', ...spec });
    assert.equal(r.status, 200, JSON.stringify(r.json));
  }
  return names;
}

/** Asserts a 400 ValidationException with exactly this message. */
export async function assertValidation(t: TestEddy, op: string, body: unknown, message: string): Promise<void> {
  const r = await t.raw(op, body);
  assert.deepEqual(
    { status: r.status, type: r.json?.__type, message: r.json?.message },
    { status: 400, type: 'com.amazon.coral.validate#ValidationException', message },
    `${op} ${JSON.stringify(body)}`,
  );
}

export async function assertNotFound(t: TestEddy, op: string, body: unknown): Promise<void> {
  const r = await t.raw(op, body);
  assert.deepEqual(
    { status: r.status, type: r.json?.__type, message: r.json?.message },
    { status: 400, type: 'com.amazonaws.dynamodb.v20120810#ResourceNotFoundException', message: 'Requested resource not found' },
    `${op} ${JSON.stringify(body)}`,
  );
}

type Json = Record<string, unknown>;

/** Sends a raw request, asserts a 200, and returns the reply's JSON. */
export async function rawOk(t: TestEddy, op: string, body: Json): Promise<Json> {
  const r = await t.raw(op, body);
  assert.equal(r.status, 200, `${op} ${JSON.stringify(body)} → ${JSON.stringify(r.json)}`);
  return r.json as Json;
}

/** Asserts a 400 ValidationException whose message equals `message`, or matches it as a pattern. */
export async function assertValidationLike(t: TestEddy, op: string, body: Json, message: RegExp | string): Promise<void> {
  const r = await t.raw(op, body);
  assert.equal(r.status, 400, `${op} ${JSON.stringify(body)} → ${JSON.stringify(r.json)}`);
  assert.equal(r.json?.__type, 'com.amazon.coral.validate#ValidationException', JSON.stringify(r.json));
  if (typeof message === 'string') assert.equal(r.json?.message, message);
  else assert.match(String(r.json?.message), message);
}

/** Creates an on-demand table keyed by one string attribute and returns its name. */
export async function createHashTable(t: Pick<TestEddy, 'raw'>, prefix: string, key = 'p'): Promise<string> {
  const name = uniqueName(prefix);
  const r = await t.raw('CreateTable', {
    TableName: name,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [{ AttributeName: key, AttributeType: 'S' }],
    KeySchema: [{ AttributeName: key, KeyType: 'HASH' }],
  });
  assert.equal(r.status, 200, JSON.stringify(r.json));
  return name;
}

/**
 * A PutItem/UpdateItem/DeleteItem request-check message as live DynamoDB reports it since 2026:
 * inside the `1 validation error detected: ` envelope (see envelopeRequestError).
 */
export const enveloped = (message: string): string => `1 validation error detected: ${message}`;

/** The newer validation layer's texts for an empty TableName and an unknown ReturnValues (item writes). */
export const NEWER_EMPTY_TABLE_NAME = "Value at 'TableName' failed to satisfy constraint: Member must have length greater than or equal to 1";
export const NEWER_RETURN_VALUES = 'Failed to satisfy constraint: Member must satisfy enum value set: [ALL_OLD, UPDATED_OLD, ALL_NEW, UPDATE_NEW, NONE]';

/**
 * A CreateTable request for a table keyed on pk (S) with one GSI keyed on g (S): on demand, or
 * PROVISIONED with `units` read and write units on the table and on the index. `index` adds to or
 * replaces members of the GSI (IndexName gsi1 and Projection ALL by default); `extra` adds to or
 * replaces members of the request.
 */
export function gsiTableRequest(
  name: string,
  opts: { units?: number; index?: Record<string, unknown>; extra?: Record<string, unknown> } = {},
): Record<string, unknown> {
  const pt = opts.units === undefined ? undefined : { ReadCapacityUnits: opts.units, WriteCapacityUnits: opts.units };
  const gsi = { IndexName: 'gsi1', KeySchema: [{ AttributeName: 'g', KeyType: 'HASH' }], Projection: { ProjectionType: 'ALL' }, ...(pt && { ProvisionedThroughput: pt }), ...opts.index };
  return {
    TableName: name,
    BillingMode: pt ? 'PROVISIONED' : 'PAY_PER_REQUEST',
    ...(pt && { ProvisionedThroughput: pt }),
    AttributeDefinitions: [
      { AttributeName: 'pk', AttributeType: 'S' },
      { AttributeName: 'g', AttributeType: 'S' },
    ],
    KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
    GlobalSecondaryIndexes: [gsi],
    ...opts.extra,
  };
}

/** A PROVISIONED table keyed on pk with one ALL-projected GSI `gsi1` on g, both at `units`/`units`. */
export function createProvisionedWithGsi(client: TestEddy, name: string, units: number): Promise<RawResponse> {
  return client.raw('CreateTable', gsiTableRequest(name, { units }));
}

/**
 * Waits for the table status transitions a clock move made due: they run in the background (on a
 * file engine, after a sync).
 */
export async function transitionsIdle(t: TestEddy): Promise<void> {
  const tables = t.eddy.services.tables;
  assert.ok(tables instanceof TableManager);
  await tables.idle();
}
