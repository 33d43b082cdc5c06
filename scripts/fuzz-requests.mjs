#!/usr/bin/env node
/**
 * Seeded request fuzzer: sends valid requests, mutated, for every operation in the API model
 * (DynamoDB, DynamoDB Streams, PartiQL) over raw HTTP, and records every reply that is a 500,
 * is not JSON, or takes longer than `slowMs`; after each batch it checks that the server still
 * answers.
 *
 *   node scripts/fuzz-requests.mjs [--seed N] [--count N] [--batch N] [--pause MS] [--endpoint URL]
 *                                  [--out FILE] [--only Op,Op] [--mutate RATE]
 *
 * Without --endpoint it starts `node bin/eddy serve --port 0 --in-memory` as a child, watches its
 * stderr for logged errors and reports whether it exited. Findings are printed (and written as
 * JSON lines to --out). --pause sleeps between batches so a long run stays gentle on the CPU.
 * --mutate is the share of requests mutated (default 0.8); lower reaches deeper into operations.
 *
 * test/fuzz-requests.test.ts drives `fuzz()` below against an in-process server.
 */
import { Agent, request } from 'node:http';
import { writeFileSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { startFuzzServer } from './fuzz-server.mjs';
import { join } from 'node:path';

const require = createRequire(import.meta.url);
const root = join(fileURLToPath(new URL('.', import.meta.url)), '..');

// ---------------------------------------------------------------------------------------------
// Randomness

/** mulberry32: small, fast, seedable. */
export function makeRng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n) => Math.floor(next() * n);
  const pick = (arr) => arr[int(arr.length)];
  const chance = (p) => next() < p;
  return { next, int, pick, chance };
}

// ---------------------------------------------------------------------------------------------
// Fixtures

export const TABLES = {
  hash: 'fz_hash',
  range: 'fz_range',
  indexed: 'fz_indexed',
  stream: 'fz_stream',
};

const TABLE_KEYS = {
  fz_hash: [['pk', 'S']],
  fz_range: [['pk', 'S'], ['sk', 'N']],
  fz_indexed: [['pk', 'S'], ['sk', 'S']],
  fz_stream: [['id', 'N']],
};

function setupRequests() {
  return [
    ['CreateTable', {
      TableName: TABLES.hash, BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
    }],
    ['CreateTable', {
      TableName: TABLES.range, BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }, { AttributeName: 'sk', AttributeType: 'N' }],
      KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }, { AttributeName: 'sk', KeyType: 'RANGE' }],
    }],
    ['CreateTable', {
      TableName: TABLES.indexed, BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [
        { AttributeName: 'pk', AttributeType: 'S' }, { AttributeName: 'sk', AttributeType: 'S' },
        { AttributeName: 'g1', AttributeType: 'S' }, { AttributeName: 'g2', AttributeType: 'N' },
        { AttributeName: 'l1', AttributeType: 'B' },
      ],
      KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }, { AttributeName: 'sk', KeyType: 'RANGE' }],
      GlobalSecondaryIndexes: [{
        IndexName: 'gsi1', KeySchema: [{ AttributeName: 'g1', KeyType: 'HASH' }, { AttributeName: 'g2', KeyType: 'RANGE' }],
        Projection: { ProjectionType: 'INCLUDE', NonKeyAttributes: ['a', 'b'] },
      }],
      LocalSecondaryIndexes: [{
        IndexName: 'lsi1', KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }, { AttributeName: 'l1', KeyType: 'RANGE' }],
        Projection: { ProjectionType: 'ALL' },
      }],
    }],
    ['CreateTable', {
      TableName: TABLES.stream, BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'N' }],
      KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
      StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' },
    }],
  ];
}

// ---------------------------------------------------------------------------------------------
// Interesting values

const LONG = 'x'.repeat(70000);
const STRINGS = [
  '', ' ', 'a', 'pk', 'sk', 'abc', '#n', ':v', '0', '-1', '1e400', 'NaN', 'Infinity', '-Infinity',
  '0x10', '1_000', '+5', '.5', '5.', '1e-131', '9.9999999999999999999999999999999999999e125',
  '1'.repeat(39), '1'.repeat(40), '00000', '-0', '1e126', ' 1', '1 ', '\u0000', 'a\u0000b',
  '\ud800', '\udc00x', '\u202e\u202dabc', '\ufeff', '😀', '\u{10ffff}', 'é', 'ﬀ', LONG.slice(0, 256),
  LONG.slice(0, 1025), LONG, 'AAAA', '====', '!!!', 'QUJD', 'QUJ', 'a b c', '$', '[0]', 'a.b.c',
  'SELECT * FROM fz_hash', '{}', '[]', 'null', 'true',
];
const NUMBERS = [0, -1, 1, 1.5, 2 ** 31, 2 ** 53, -(2 ** 63), 1e300, -1e300, 1e-300, 99999999999,
  Number.MAX_SAFE_INTEGER + 2, 0.1, 1e21, -0, 3];
const NUMBER_STRINGS = ['1', '-1', '0', '1.5', '1e3', '1E-5', '1e126', '1e-131', '-1e-130', '1e125',
  '99999999999999999999999999999999999999', '999999999999999999999999999999999999999',
  '0.000000000000000000000000000000000000001', 'NaN', 'Infinity', '', ' ', '1.', '.1', '--1', '1e',
  'e1', '0x1', '1,0', '٣', '1e+5', '+1', '00001', '-0', '0e0', '1e99999999999999999999',
  '1'.repeat(1000), '1e-999999999999', '.', '-'];
const BASE64 = ['', 'AA==', 'QUJD', 'AAAA', '====', 'A', 'AB', 'ABC', 'A===', '!!!!', 'QU JD', 'QUJD\n',
  '-_-_', 'QUJD====', 'Zm9v', '\u0000', 'QUJ=D'];

export function wrongValue(rng) {
  switch (rng.int(16)) {
    case 0: return rng.pick(STRINGS);
    case 1: return rng.pick(NUMBERS);
    case 2: return rng.chance(0.5);
    case 3: return null;
    case 4: return [];
    case 5: return {};
    case 6: return [rng.pick(STRINGS), rng.pick(NUMBERS)];
    case 7: return { S: 'x' };
    case 8: return { [rng.pick(STRINGS)]: rng.pick(STRINGS) };
    case 9: return [[[]]];
    case 10: return [{}];
    case 11: return 1e400 > 0 ? 1.7976931348623157e308 : 0;
    case 12: return '1'.repeat(400);
    case 13: return { N: rng.pick(NUMBER_STRINGS) };
    case 14: return { L: [{ M: {} }] };
    default: return rng.pick(STRINGS);
  }
}

function keyValue(rng, type) {
  if (rng.chance(0.1)) return attributeValue(rng, 2);
  if (type === 'S') return { S: rng.chance(0.8) ? `k${rng.int(12)}` : rng.pick(STRINGS) };
  if (type === 'N') return { N: rng.chance(0.8) ? String(rng.int(12)) : rng.pick(NUMBER_STRINGS) };
  return { B: rng.chance(0.8) ? 'QUJD' : rng.pick(BASE64) };
}

export function attributeValue(rng, depth = 3) {
  const t = rng.int(depth > 0 ? 14 : 10);
  switch (t) {
    case 0: return { S: rng.pick(STRINGS) };
    case 1: return { N: rng.pick(NUMBER_STRINGS) };
    case 2: return { B: rng.pick(BASE64) };
    case 3: return { BOOL: rng.chance(0.9) ? rng.chance(0.5) : rng.pick(STRINGS) };
    case 4: return { NULL: rng.chance(0.9) ? true : rng.pick([false, 'true', 1, null]) };
    case 5: {
      const n = rng.int(4);
      const a = Array.from({ length: n }, () => (rng.chance(0.8) ? `s${rng.int(5)}` : rng.pick(STRINGS)));
      return { SS: a };
    }
    case 6: return { NS: Array.from({ length: rng.int(4) }, () => (rng.chance(0.7) ? String(rng.int(4)) : rng.pick(NUMBER_STRINGS))) };
    case 7: return { BS: Array.from({ length: rng.int(4) }, () => rng.pick(BASE64)) };
    case 8: return { S: 'v', N: '1' }; // two types
    case 9: return rng.pick([{}, { X: '1' }, { S: null }, { s: 'x' }, { N: 1 }, { SS: 'a' }, { L: {} }, { M: [] }]);
    case 10: return { L: Array.from({ length: rng.int(4) }, () => attributeValue(rng, depth - 1)) };
    case 11: {
      const m = {};
      for (let i = rng.int(4); i > 0; i--) m[rng.chance(0.8) ? `m${rng.int(5)}` : rng.pick(STRINGS)] = attributeValue(rng, depth - 1);
      return { M: m };
    }
    case 12: return deepValue(rng, rng.pick([10, 31, 32, 33, 100, 1000]));
    default: return { S: `v${rng.int(100)}` };
  }
}

/** A value DynamoDB accepts in an item (at most a few levels deep). */
export function validValue(rng, depth = 2) {
  switch (rng.int(depth > 0 ? 10 : 8)) {
    case 0: return { S: rng.pick(['x', 'abc', 's1', 'é😀', 'k1', 'a b']) };
    case 1: return { N: rng.pick(['1', '-2.5', '0', '1e10', '99999999999999999999999999999999999999', '1e-130']) };
    case 2: return { B: rng.pick(['QUJD', 'AA==', 'Zm9v']) };
    case 3: return { BOOL: rng.chance(0.5) };
    case 4: return { NULL: true };
    case 5: return { SS: rng.pick([['a'], ['a', 'b'], ['s0', 's3', 'x']]) };
    case 6: return { NS: rng.pick([['1'], ['1', '2'], ['3', '-1.5']]) };
    case 7: return { BS: rng.pick([['QUJD'], ['QUJD', 'AA==']]) };
    case 8: return { L: Array.from({ length: rng.int(4) }, () => validValue(rng, depth - 1)) };
    default: {
      const m = {};
      for (let i = rng.int(3); i > 0; i--) m[rng.pick(['a', 'b', 'x', 'y'])] = validValue(rng, depth - 1);
      return { M: m };
    }
  }
}

const EXPRESSION_MEMBERS = ['ConditionExpression', 'UpdateExpression', 'ProjectionExpression', 'FilterExpression', 'KeyConditionExpression'];

/**
 * Makes a request more likely to pass validation, so it reaches the operation: each object holding
 * expressions gets ExpressionAttributeNames/Values with exactly the names and values they use, and
 * item and key values are made valid.
 */
function tidy(rng, v) {
  if (v === null || typeof v !== 'object') return;
  if (Array.isArray(v)) {
    for (const x of v) tidy(rng, x);
    return;
  }
  const exprs = EXPRESSION_MEMBERS.filter((m) => typeof v[m] === 'string').map((m) => v[m]).join(' ');
  if (exprs || 'ExpressionAttributeNames' in v || 'ExpressionAttributeValues' in v) {
    const names = [...new Set(exprs.match(/#[A-Za-z0-9_]+/g) ?? [])];
    const vals = [...new Set(exprs.match(/:[A-Za-z0-9_]+/g) ?? [])];
    delete v.ExpressionAttributeNames;
    delete v.ExpressionAttributeValues;
    if (names.length) v.ExpressionAttributeNames = Object.fromEntries(names.map((n) => [n, rng.pick(['a', 'b', 'list', 'map', 'g1'])]));
    if (vals.length) v.ExpressionAttributeValues = Object.fromEntries(vals.map((n) => [n, validValue(rng, 1)]));
  }
  for (const member of ['Item', 'Key']) {
    if (v[member] && typeof v[member] === 'object' && !Array.isArray(v[member])) {
      for (const [k, av] of Object.entries(v[member])) {
        const t = av && typeof av === 'object' ? Object.keys(av) : [];
        const keyType = t.length === 1 && ['S', 'N', 'B'].includes(t[0]);
        if (!keyType && rng.chance(0.8)) v[member][k] = validValue(rng);
      }
    }
  }
  for (const x of Object.values(v)) tidy(rng, x);
}

function deepValue(rng, n) {
  let v = { S: 'leaf' };
  for (let i = 0; i < n; i++) v = rng.chance(0.5) ? { L: [v] } : { M: { d: v } };
  return v;
}

function item(rng, table) {
  const out = {};
  for (const [name, type] of TABLE_KEYS[table] ?? [['pk', 'S']]) out[name] = keyValue(rng, type);
  if (table === TABLES.indexed) {
    if (rng.chance(0.5)) out.g1 = { S: `g${rng.int(3)}` };
    if (rng.chance(0.5)) out.g2 = { N: String(rng.int(5)) };
    if (rng.chance(0.4)) out.l1 = { B: rng.pick(BASE64) };
  }
  for (let i = rng.int(4); i > 0; i--) out[rng.pick(['a', 'b', 'c', 'list', 'map', rng.pick(STRINGS)])] = attributeValue(rng);
  return out;
}

function key(rng, table) {
  const out = {};
  for (const [name, type] of TABLE_KEYS[table] ?? [['pk', 'S']]) out[name] = keyValue(rng, type);
  return out;
}

// ---------------------------------------------------------------------------------------------
// Expressions

const PATHS = ['a', 'b', 'c', '#n', '#m', 'list[0]', 'list[99999999999]', 'map.x.y', '#n.#m[1]', 'a[0][1][2]',
  'pk', 'sk', 'g1', 'l1', '#undefined', 'a.b.c.d.e.f.g', 'list[-1]', 'list[a]', 'a..b', '.a', 'a.',
  'list[0x1]', 'list[]', '#', 'x[4294967296]', 'list[9007199254740993]'];
const VALUES = [':v', ':w', ':s', ':n', ':undefined', ':'];
const FUNCS = ['attribute_exists', 'attribute_not_exists', 'attribute_type', 'begins_with', 'contains', 'size',
  'if_not_exists', 'list_append', 'unknown_fn', 'ATTRIBUTE_EXISTS'];
const OPS = ['=', '<>', '<', '<=', '>', '>=', 'AND', 'OR', 'NOT', 'BETWEEN', 'IN', '+', '-', '(', ')', ',', 'SET',
  'REMOVE', 'ADD', 'DELETE', ':', '#', '[', ']', '.', '!', '==', '||', 'and', 'between'];

function operand(rng, depth) {
  const r = rng.int(depth > 0 ? 6 : 3);
  if (r === 0 || r === 1) return rng.pick(PATHS);
  if (r === 2) return rng.pick(VALUES);
  if (r === 3) return `size(${operand(rng, depth - 1)})`;
  if (r === 4) return `${rng.pick(FUNCS)}(${operand(rng, depth - 1)}, ${operand(rng, depth - 1)})`;
  return `(${operand(rng, depth - 1)})`;
}

function condition(rng, depth = 3) {
  const r = rng.int(depth > 0 ? 9 : 5);
  switch (r) {
    case 0: return `${operand(rng, depth)} ${rng.pick(['=', '<>', '<', '<=', '>', '>='])} ${operand(rng, depth)}`;
    case 1: return `attribute_exists(${rng.pick(PATHS)})`;
    case 2: return `begins_with(${rng.pick(PATHS)}, ${rng.pick(VALUES)})`;
    case 3: return `${operand(rng, depth)} BETWEEN ${operand(rng, depth)} AND ${operand(rng, depth)}`;
    case 4: return `${operand(rng, depth)} IN (${Array.from({ length: 1 + rng.int(3) }, () => operand(rng, depth)).join(', ')})`;
    case 5: return `(${condition(rng, depth - 1)})`;
    case 6: return `NOT ${condition(rng, depth - 1)}`;
    case 7: return `${condition(rng, depth - 1)} ${rng.pick(['AND', 'OR'])} ${condition(rng, depth - 1)}`;
    default: return `contains(${rng.pick(PATHS)}, ${operand(rng, depth)})`;
  }
}

function updateExpression(rng) {
  const clauses = [];
  for (let i = 1 + rng.int(3); i > 0; i--) {
    const kind = rng.pick(['SET', 'REMOVE', 'ADD', 'DELETE']);
    if (kind === 'SET') {
      const acts = Array.from({ length: 1 + rng.int(3) }, () => {
        const rhs = rng.pick([
          () => operand(rng, 2),
          () => `${operand(rng, 1)} + ${operand(rng, 1)}`,
          () => `${operand(rng, 1)} - ${operand(rng, 1)}`,
          () => `if_not_exists(${rng.pick(PATHS)}, ${operand(rng, 1)})`,
          () => `list_append(${operand(rng, 1)}, ${operand(rng, 1)})`,
        ])();
        return `${rng.pick(PATHS)} = ${rhs}`;
      });
      clauses.push(`SET ${acts.join(', ')}`);
    } else if (kind === 'REMOVE') clauses.push(`REMOVE ${Array.from({ length: 1 + rng.int(3) }, () => rng.pick(PATHS)).join(', ')}`);
    else clauses.push(`${kind} ${rng.pick(PATHS)} ${rng.pick(VALUES)}`);
  }
  return clauses.join(' ');
}

function weirdExpression(rng) {
  switch (rng.int(10)) {
    case 0: return '('.repeat(rng.pick([10, 100, 1000, 4000])) + 'a = :v' + ')'.repeat(rng.pick([0, 10, 100, 1000, 4000]));
    case 1: { let s = 'a'; for (let i = rng.pick([5, 50, 500, 2000]); i > 0; i--) s = `size(${s})`; return `${s} = :v`; }
    case 2: return Array.from({ length: rng.pick([10, 100, 2000]) }, (_, i) => `p${i}`).join('.') + ' = :v';
    case 3: return 'a' + '[0]'.repeat(rng.pick([10, 100, 3000])) + ' = :v';
    case 4: return Array.from({ length: 1 + rng.int(12) }, () => rng.pick([...OPS, ...PATHS, ...VALUES, ...FUNCS])).join(rng.pick([' ', '']));
    case 5: return Array.from({ length: rng.pick([100, 1000, 3000]) }, () => 'a = :v').join(' AND ');
    case 6: return 'NOT '.repeat(rng.pick([10, 1000, 5000])) + 'a = :v';
    case 7: return `a IN (${Array.from({ length: rng.pick([99, 100, 101, 5000]) }, () => ':v').join(',')})`;
    case 8: return rng.pick(STRINGS);
    default: return `${condition(rng)} ${rng.pick(OPS)} ${condition(rng)}`;
  }
}

function names(rng) {
  const out = { '#n': 'a', '#m': rng.chance(0.8) ? 'b' : rng.pick(STRINGS) };
  if (rng.chance(0.2)) out[rng.pick(['#x', 'n', '#', '##', '#\u0000', '#' + 'y'.repeat(300)])] = rng.pick(STRINGS);
  if (rng.chance(0.1)) out['#n'] = rng.pick(['', 'pk', null, 1]);
  return out;
}

function values(rng) {
  const out = { ':v': attributeValue(rng, 1), ':w': { S: 'w' }, ':s': { SS: ['a', 'b'] }, ':n': { N: '1' } };
  if (rng.chance(0.2)) out[rng.pick([':x', 'v', ':', '::', ':\u0000'])] = attributeValue(rng, 1);
  return out;
}

function maybeExpr(rng, body, member, gen) {
  if (rng.chance(0.7)) body[member] = rng.chance(0.8) ? gen(rng) : weirdExpression(rng);
}

function withExprAttrs(rng, body) {
  if (rng.chance(0.7)) body.ExpressionAttributeNames = names(rng);
  if (rng.chance(0.7)) body.ExpressionAttributeValues = values(rng);
  return body;
}

// ---------------------------------------------------------------------------------------------
// PartiQL

function partiqlStatement(rng) {
  const t = rng.pick(Object.values(TABLES));
  const q = (s) => rng.pick([`"${s}"`, s, `'${s}'`]);
  const lit = () => rng.pick(["'a'", '1', '1.5e3', '?', 'NULL', 'MISSING', 'true', "{'a': 1}", '[1, 2]', '<<1, 2>>',
    "<<'a', 'a'>>", "'\u0000'", '1e400', "''", '-', '"x"', `'${'z'.repeat(500)}'`]);
  const where = () => rng.pick([
    '', ` WHERE pk = ${lit()}`, ` WHERE pk = ${lit()} AND sk > ${lit()}`, ` WHERE pk IN [${lit()}, ${lit()}]`,
    ` WHERE begins_with(pk, ${lit()})`, ` WHERE a.b[0] = ${lit()}`, ` WHERE ${'('.repeat(500)}pk = 1${')'.repeat(500)}`,
    ` WHERE pk = ${lit()} OR ${lit()}`, ` WHERE size(a) > ${lit()}`, ` WHERE a IS MISSING`, ` WHERE a BETWEEN 1 AND ${lit()}`,
    ` WHERE contains(a, ${lit()})`, ` WHERE pk = ?`, ` WHERE ${Array.from({ length: 200 }, () => 'a = 1').join(' AND ')}`,
  ]);
  switch (rng.int(9)) {
    case 0: return `SELECT ${rng.pick(['*', 'a', 'a, b', 'a.b[1]', 'pk, "sk"', '', 'COUNT(*)'])} FROM ${q(t)}${rng.chance(0.3) ? '.' + q('gsi1') : ''}${where()}`;
    case 1: return `INSERT INTO ${q(t)} VALUE {${rng.pick(["'pk': 'a'", "'pk': ?", "'id': 1", "'pk': 'x', 'a': <<1,1>>", '', "'pk': {'a': [1,2,{'b': 3}]}"])}}`;
    case 2: return `UPDATE ${q(t)} ${rng.pick(['SET a = 1', 'SET a = a + 1', 'REMOVE a', 'SET a = list_append(a, [1])', 'SET a.b[5] = ?', 'SET a = set_add(a, <<1>>)', ''])}${where()}${rng.chance(0.2) ? ' RETURNING ALL NEW *' : ''}`;
    case 3: return `DELETE FROM ${q(t)}${where()}`;
    case 4: return `EXISTS(SELECT * FROM ${q(t)}${where()})`;
    case 5: return Array.from({ length: 1 + rng.int(10) }, () => rng.pick(['SELECT', 'FROM', 'WHERE', '*', '"fz_hash"', '=', '?', "'a'", '(', ')', '[', ']', '{', '}', ',', '.', 'AND', 'OR', 'NOT', 'VALUE', 'INSERT', 'INTO', 'SET', '<<', '>>', '1', 'MISSING', ';', '--', '/*'])).join(' ');
    case 6: return rng.pick(STRINGS);
    case 7: return `SELECT * FROM ${q(t)} WHERE pk = ${'['.repeat(rng.pick([10, 500, 5000]))}1${']'.repeat(rng.pick([0, 10, 500, 5000]))}`;
    default: return `SELECT * FROM ${q(t)} WHERE a${'.b'.repeat(rng.pick([1, 50, 2000]))}[${rng.pick(['0', '99999999999', '-1', "'x'", '?'])}] = 1`;
  }
}

function parameters(rng) {
  return Array.from({ length: rng.int(4) }, () => attributeValue(rng, 1));
}

// ---------------------------------------------------------------------------------------------
// Valid-ish templates per operation

const RETURN_VALUES = ['NONE', 'ALL_OLD', 'UPDATED_OLD', 'ALL_NEW', 'UPDATED_NEW', 'bogus'];
const ARN = 'arn:aws:dynamodb:us-east-1:000000000000:table/';

function table(rng) {
  return rng.chance(0.95) ? rng.pick(Object.values(TABLES)) : rng.pick(['missing_table', '', 'ab', 'x'.repeat(256), 'a b', '\u0000', 'fz_hash/x']);
}

function streamArn(ctx, rng) {
  if (ctx.streamArn && rng.chance(0.8)) return ctx.streamArn;
  return rng.pick(['', 'arn:aws:dynamodb:us-east-1:000000000000:table/fz_stream/stream/2020-01-01T00:00:00.000',
    'arn:aws:dynamodb:us-east-1:000000000000:table/fz_stream', 'bogus', 'x'.repeat(2000)]);
}

const TEMPLATES = {
  PutItem: (rng) => {
    const t = table(rng);
    const b = { TableName: t, Item: item(rng, t) };
    if (rng.chance(0.4)) b.ReturnValues = rng.pick(RETURN_VALUES);
    maybeExpr(rng, b, 'ConditionExpression', condition);
    if (rng.chance(0.1)) b.Expected = { a: { Exists: rng.chance(0.5), Value: attributeValue(rng, 1) } };
    if (rng.chance(0.1)) b.ReturnValuesOnConditionCheckFailure = rng.pick(['ALL_OLD', 'NONE', 'x']);
    return withExprAttrs(rng, b);
  },
  GetItem: (rng) => {
    const t = table(rng);
    const b = { TableName: t, Key: key(rng, t) };
    if (rng.chance(0.5)) b.ProjectionExpression = rng.chance(0.7) ? Array.from({ length: 1 + rng.int(3) }, () => rng.pick(PATHS)).join(', ') : weirdExpression(rng);
    if (rng.chance(0.2)) b.AttributesToGet = [rng.pick(STRINGS), 'a'];
    if (rng.chance(0.2)) b.ConsistentRead = rng.chance(0.5);
    return withExprAttrs(rng, b);
  },
  DeleteItem: (rng) => {
    const t = table(rng);
    const b = { TableName: t, Key: key(rng, t) };
    if (rng.chance(0.4)) b.ReturnValues = rng.pick(RETURN_VALUES);
    maybeExpr(rng, b, 'ConditionExpression', condition);
    return withExprAttrs(rng, b);
  },
  UpdateItem: (rng) => {
    const t = table(rng);
    const b = { TableName: t, Key: key(rng, t) };
    if (rng.chance(0.85)) b.UpdateExpression = rng.chance(0.8) ? updateExpression(rng) : weirdExpression(rng);
    else b.AttributeUpdates = { a: { Action: rng.pick(['PUT', 'ADD', 'DELETE', 'x']), Value: attributeValue(rng, 1) } };
    maybeExpr(rng, b, 'ConditionExpression', condition);
    if (rng.chance(0.4)) b.ReturnValues = rng.pick(RETURN_VALUES);
    return withExprAttrs(rng, b);
  },
  Query: (rng) => {
    const t = table(rng);
    const b = { TableName: t };
    const idx = rng.pick([undefined, undefined, 'gsi1', 'lsi1', 'nope']);
    if (idx) b.IndexName = idx;
    const hk = idx === 'gsi1' ? 'g1' : (TABLE_KEYS[t]?.[0]?.[0] ?? 'pk');
    b.KeyConditionExpression = rng.chance(0.7)
      ? `${hk} = :v${rng.chance(0.5) ? ` AND ${rng.pick(['sk', 'g2', 'l1', '#n'])} ${rng.pick(['=', '<', '>=', 'BETWEEN :v AND', 'begins_with'])} :w` : ''}`
      : rng.chance(0.5) ? condition(rng) : weirdExpression(rng);
    if (rng.chance(0.3)) b.KeyConditionExpression = `begins_with(sk, :w) AND ${hk} = :v`;
    maybeExpr(rng, b, 'FilterExpression', condition);
    if (rng.chance(0.3)) b.ProjectionExpression = rng.pick(PATHS);
    if (rng.chance(0.3)) b.Limit = rng.pick([1, 0, -1, 2 ** 31, 1e10]);
    if (rng.chance(0.3)) b.ExclusiveStartKey = rng.chance(0.5) ? key(rng, t) : item(rng, t);
    if (rng.chance(0.2)) b.Select = rng.pick(['COUNT', 'ALL_ATTRIBUTES', 'SPECIFIC_ATTRIBUTES', 'ALL_PROJECTED_ATTRIBUTES', 'x']);
    if (rng.chance(0.2)) b.ScanIndexForward = rng.chance(0.5);
    if (rng.chance(0.1)) b.KeyConditions = { pk: { ComparisonOperator: rng.pick(['EQ', 'BEGINS_WITH', 'BETWEEN', 'IN', 'x']), AttributeValueList: [attributeValue(rng, 1)] } };
    if (rng.chance(0.1)) b.QueryFilter = { a: { ComparisonOperator: rng.pick(['EQ', 'NOT_NULL', 'CONTAINS', 'IN']), AttributeValueList: [attributeValue(rng, 1)] } };
    b.ExpressionAttributeValues = values(rng);
    if (rng.chance(0.6)) b.ExpressionAttributeNames = names(rng);
    return b;
  },
  Scan: (rng) => {
    const t = table(rng);
    const b = { TableName: t };
    if (rng.chance(0.2)) b.IndexName = rng.pick(['gsi1', 'lsi1', 'nope']);
    maybeExpr(rng, b, 'FilterExpression', condition);
    if (rng.chance(0.3)) b.Segment = rng.pick([0, 1, 3, -1, 1000000]);
    if (rng.chance(0.3)) b.TotalSegments = rng.pick([1, 4, 0, 1000000, 1000001]);
    if (rng.chance(0.3)) b.Limit = rng.pick([1, 5, 0]);
    if (rng.chance(0.2)) b.ExclusiveStartKey = key(rng, t);
    if (rng.chance(0.1)) b.ScanFilter = { a: { ComparisonOperator: rng.pick(['EQ', 'NULL', 'CONTAINS', 'BETWEEN']), AttributeValueList: [attributeValue(rng, 1), attributeValue(rng, 1)] } };
    if (rng.chance(0.1)) b.ConditionalOperator = rng.pick(['AND', 'OR', 'x']);
    return withExprAttrs(rng, b);
  },
  BatchGetItem: (rng) => {
    const req = {};
    for (let i = 1 + rng.int(3); i > 0; i--) {
      const t = table(rng);
      req[t] = { Keys: Array.from({ length: rng.pick([0, 1, 2, 3, 101]) }, () => key(rng, t)) };
      if (rng.chance(0.3)) req[t].ProjectionExpression = rng.pick(PATHS);
      if (rng.chance(0.3)) req[t].ExpressionAttributeNames = names(rng);
    }
    return { RequestItems: req };
  },
  BatchWriteItem: (rng) => {
    const req = {};
    for (let i = 1 + rng.int(3); i > 0; i--) {
      const t = table(rng);
      req[t] = Array.from({ length: rng.pick([0, 1, 2, 3, 26]) }, () =>
        rng.chance(0.6) ? { PutRequest: { Item: item(rng, t) } } : rng.chance(0.9) ? { DeleteRequest: { Key: key(rng, t) } } : {});
    }
    return { RequestItems: req };
  },
  TransactWriteItems: (rng) => ({
    TransactItems: Array.from({ length: rng.pick([0, 1, 2, 3, 101]) }, () => {
      const t = table(rng);
      switch (rng.int(5)) {
        case 0: return { Put: withExprAttrs(rng, { TableName: t, Item: item(rng, t), ...(rng.chance(0.5) ? { ConditionExpression: condition(rng) } : {}) }) };
        case 1: return { Delete: withExprAttrs(rng, { TableName: t, Key: key(rng, t) }) };
        case 2: return { Update: withExprAttrs(rng, { TableName: t, Key: key(rng, t), UpdateExpression: updateExpression(rng) }) };
        case 3: return { ConditionCheck: withExprAttrs(rng, { TableName: t, Key: key(rng, t), ConditionExpression: condition(rng) }) };
        default: return rng.chance(0.5) ? {} : { Put: { TableName: t, Item: item(rng, t) }, Delete: { TableName: t, Key: key(rng, t) } };
      }
    }),
    ...(rng.chance(0.2) ? { ClientRequestToken: rng.pick(['tok', '', 'x'.repeat(40)]) } : {}),
  }),
  TransactGetItems: (rng) => ({
    TransactItems: Array.from({ length: rng.pick([0, 1, 2, 101]) }, () => {
      const t = table(rng);
      return { Get: withExprAttrs(rng, { TableName: t, Key: key(rng, t), ...(rng.chance(0.4) ? { ProjectionExpression: rng.pick(PATHS) } : {}) }) };
    }),
  }),
  ExecuteStatement: (rng) => {
    const b = { Statement: partiqlStatement(rng) };
    if (rng.chance(0.4)) b.Parameters = parameters(rng);
    if (rng.chance(0.2)) b.Limit = rng.pick([1, 0, 10]);
    if (rng.chance(0.1)) b.NextToken = rng.pick(STRINGS);
    if (rng.chance(0.1)) b.ConsistentRead = true;
    return b;
  },
  BatchExecuteStatement: (rng) => ({
    Statements: Array.from({ length: rng.pick([0, 1, 2, 3, 26]) }, () => ({
      Statement: partiqlStatement(rng), ...(rng.chance(0.4) ? { Parameters: parameters(rng) } : {}),
    })),
  }),
  ExecuteTransaction: (rng) => ({
    TransactStatements: Array.from({ length: rng.pick([0, 1, 2, 3, 101]) }, () => ({
      Statement: partiqlStatement(rng), ...(rng.chance(0.4) ? { Parameters: parameters(rng) } : {}),
    })),
    ...(rng.chance(0.2) ? { ClientRequestToken: 'tok' } : {}),
  }),
  CreateTable: (rng) => {
    const n = `fz_new_${rng.int(6)}`;
    const kt = rng.pick(['S', 'N', 'B', 'X']);
    const b = {
      TableName: n, BillingMode: rng.pick(['PAY_PER_REQUEST', 'PROVISIONED']),
      AttributeDefinitions: [{ AttributeName: 'h', AttributeType: kt }, { AttributeName: 'r', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'h', KeyType: 'HASH' }],
    };
    if (b.BillingMode === 'PROVISIONED' || rng.chance(0.1)) b.ProvisionedThroughput = { ReadCapacityUnits: rng.pick([1, 0, 5, 1e20]), WriteCapacityUnits: 1 };
    if (rng.chance(0.5)) b.KeySchema.push({ AttributeName: 'r', KeyType: 'RANGE' });
    if (rng.chance(0.3)) b.GlobalSecondaryIndexes = [{ IndexName: rng.pick(['g', 'gg', 'g'.repeat(300)]), KeySchema: [{ AttributeName: 'r', KeyType: 'HASH' }], Projection: { ProjectionType: rng.pick(['ALL', 'KEYS_ONLY', 'INCLUDE']), ...(rng.chance(0.5) ? { NonKeyAttributes: ['x', 'x'] } : {}) } }];
    if (rng.chance(0.3)) b.LocalSecondaryIndexes = [{ IndexName: 'l', KeySchema: [{ AttributeName: 'h', KeyType: 'HASH' }, { AttributeName: 'r', KeyType: 'RANGE' }], Projection: { ProjectionType: 'ALL' } }];
    if (rng.chance(0.2)) b.StreamSpecification = { StreamEnabled: rng.chance(0.5), StreamViewType: rng.pick(['KEYS_ONLY', 'NEW_IMAGE', 'x']) };
    if (rng.chance(0.2)) b.Tags = [{ Key: rng.pick(STRINGS), Value: rng.pick(STRINGS) }];
    if (rng.chance(0.1)) b.SSESpecification = { Enabled: true, SSEType: 'KMS' };
    if (rng.chance(0.1)) b.TableClass = rng.pick(['STANDARD', 'STANDARD_INFREQUENT_ACCESS', 'x']);
    if (rng.chance(0.1)) b.OnDemandThroughput = { MaxReadRequestUnits: rng.pick([-1, 0, 1, 1e12]) };
    if (rng.chance(0.1)) b.ResourcePolicy = rng.pick(['{}', 'x', '{"Version":"2012-10-17","Statement":[]}']);
    return b;
  },
  UpdateTable: (rng) => {
    const b = { TableName: table(rng) };
    switch (rng.int(7)) {
      case 0: b.BillingMode = rng.pick(['PROVISIONED', 'PAY_PER_REQUEST']); b.ProvisionedThroughput = { ReadCapacityUnits: 1, WriteCapacityUnits: rng.pick([1, 0]) }; break;
      case 1: b.StreamSpecification = { StreamEnabled: rng.chance(0.5), StreamViewType: rng.pick(['KEYS_ONLY', 'NEW_IMAGE']) }; break;
      case 2: b.AttributeDefinitions = [{ AttributeName: 'z', AttributeType: 'S' }]; b.GlobalSecondaryIndexUpdates = [{ Create: { IndexName: `gz${rng.int(3)}`, KeySchema: [{ AttributeName: 'z', KeyType: 'HASH' }], Projection: { ProjectionType: 'ALL' } } }]; break;
      case 3: b.GlobalSecondaryIndexUpdates = [{ Delete: { IndexName: rng.pick(['gsi1', 'gz0', 'nope']) } }]; break;
      case 4: b.GlobalSecondaryIndexUpdates = [{ Update: { IndexName: 'gsi1', ProvisionedThroughput: { ReadCapacityUnits: 1, WriteCapacityUnits: 1 } } }, {}]; break;
      case 5: b.DeletionProtectionEnabled = rng.chance(0.5); break;
      default: b.ReplicaUpdates = [{ Create: { RegionName: rng.pick(['us-west-2', 'us-east-1', 'x']) } }]; break;
    }
    return b;
  },
  DeleteTable: (rng) => ({ TableName: rng.chance(0.8) ? `fz_new_${rng.int(6)}` : table(rng) }),
  DescribeTable: (rng) => ({ TableName: table(rng) }),
  ListTables: (rng) => ({ ...(rng.chance(0.5) ? { Limit: rng.pick([1, 0, 100, 101]) } : {}), ...(rng.chance(0.5) ? { ExclusiveStartTableName: rng.pick(STRINGS) } : {}) }),
  UpdateTimeToLive: (rng) => ({ TableName: table(rng), TimeToLiveSpecification: { Enabled: rng.chance(0.5), AttributeName: rng.pick(['ttl', 'pk', '', 'x'.repeat(300)]) } }),
  DescribeTimeToLive: (rng) => ({ TableName: table(rng) }),
  TagResource: (rng) => ({ ResourceArn: ARN + table(rng), Tags: Array.from({ length: rng.pick([0, 1, 2, 51]) }, () => ({ Key: rng.pick(STRINGS), Value: rng.pick(STRINGS) })) }),
  UntagResource: (rng) => ({ ResourceArn: ARN + table(rng), TagKeys: [rng.pick(STRINGS)] }),
  ListTagsOfResource: (rng) => ({ ResourceArn: rng.chance(0.8) ? ARN + table(rng) : rng.pick(STRINGS), ...(rng.chance(0.3) ? { NextToken: rng.pick(STRINGS) } : {}) }),
  CreateBackup: (rng) => ({ TableName: table(rng), BackupName: rng.pick(['b1', '', 'x'.repeat(300), 'b\u0000']) }),
  ListBackups: (rng) => ({ ...(rng.chance(0.5) ? { TableName: table(rng) } : {}), ...(rng.chance(0.3) ? { TimeRangeLowerBound: rng.pick([0, -1, 1e15, 'x']) } : {}), ...(rng.chance(0.3) ? { ExclusiveStartBackupArn: rng.pick(STRINGS) } : {}), ...(rng.chance(0.3) ? { Limit: rng.pick([0, 1, 101]) } : {}) }),
  DescribeBackup: (rng) => ({ BackupArn: ARN + table(rng) + '/backup/' + rng.pick(['01234567890123-abcdefgh', 'x', '']) }),
  DeleteBackup: (rng) => ({ BackupArn: ARN + table(rng) + '/backup/' + rng.pick(['01234567890123-abcdefgh', 'x', '']) }),
  RestoreTableFromBackup: (rng) => ({ TargetTableName: `fz_new_${rng.int(6)}`, BackupArn: ARN + table(rng) + '/backup/x' }),
  RestoreTableToPointInTime: (rng) => ({ SourceTableName: table(rng), TargetTableName: `fz_new_${rng.int(6)}`, ...(rng.chance(0.5) ? { UseLatestRestorableTime: true } : { RestoreDateTime: rng.pick([0, 1e12, -5, 1.5]) }) }),
  UpdateContinuousBackups: (rng) => ({ TableName: table(rng), PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: rng.chance(0.5), ...(rng.chance(0.3) ? { RecoveryPeriodInDays: rng.pick([0, 1, 35, 36]) } : {}) } }),
  DescribeContinuousBackups: (rng) => ({ TableName: table(rng) }),
  // Contributor Insights, resource policies, Kinesis destinations, exports and imports (2026-12-05).
  DescribeContributorInsights: (rng) => ({ TableName: table(rng), ...(rng.chance(0.3) ? { IndexName: rng.pick(['gsi1', 'lsi1', 'nope']) } : {}) }),
  UpdateContributorInsights: (rng) => ({ TableName: table(rng), ContributorInsightsAction: rng.pick(['ENABLE', 'DISABLE', 'bogus']), ...(rng.chance(0.3) ? { IndexName: rng.pick(['gsi1', 'lsi1', 'nope']) } : {}), ...(rng.chance(0.3) ? { ContributorInsightsMode: rng.pick(['ACCESSED_AND_THROTTLED_KEYS', 'THROTTLED_KEYS', 'x']) } : {}) }),
  ListContributorInsights: (rng) => ({ ...(rng.chance(0.5) ? { TableName: table(rng) } : {}), ...(rng.chance(0.3) ? { MaxResults: rng.pick([0, 1, 100, 101]) } : {}), ...(rng.chance(0.2) ? { NextToken: rng.pick(STRINGS) } : {}) }),
  PutResourcePolicy: (rng, ctx) => {
    const arn = rng.chance(0.2) ? streamArn(ctx, rng) : ARN + table(rng);
    const statement = { Effect: rng.pick(['Allow', 'Deny', 'deny', 'x']), Principal: rng.pick([{ AWS: '123456789012' }, '*', '123456789012', { AWS: ['*'] }]), Action: rng.pick(['dynamodb:GetItem', 'dynamodb:*', ['dynamodb:Put*', 'dynamodb:?etItem']]), Resource: rng.pick([arn, '*', `${arn}*`, []]) };
    const doc = rng.chance(0.1) ? rng.pick(['', '{', 'x'.repeat(21000)]) : JSON.stringify({ Version: rng.pick(['2012-10-17', '2008-10-17', 'x']), Statement: rng.chance(0.8) ? [statement] : statement });
    return { ResourceArn: arn, Policy: doc, ...(rng.chance(0.3) ? { ExpectedRevisionId: rng.pick(['NO_POLICY', '1', '', 'x'.repeat(300)]) } : {}), ...(rng.chance(0.2) ? { ConfirmRemoveSelfResourceAccess: rng.chance(0.5) } : {}) };
  },
  GetResourcePolicy: (rng, ctx) => ({ ResourceArn: rng.chance(0.2) ? streamArn(ctx, rng) : ARN + table(rng) }),
  DeleteResourcePolicy: (rng, ctx) => ({ ResourceArn: rng.chance(0.2) ? streamArn(ctx, rng) : ARN + table(rng), ...(rng.chance(0.3) ? { ExpectedRevisionId: rng.pick(['NO_POLICY', '1', '']) } : {}) }),
  DescribeKinesisStreamingDestination: (rng) => ({ TableName: table(rng) }),
  EnableKinesisStreamingDestination: (rng) => ({ TableName: table(rng), StreamArn: rng.pick(['arn:aws:kinesis:us-east-1:000000000000:stream/fz', 'arn:aws:kinesis:eu-west-1:000000000000:stream/fz', 'x'.repeat(40), '']), ...(rng.chance(0.3) ? { EnableKinesisStreamingConfiguration: { ApproximateCreationDateTimePrecision: rng.pick(['MILLISECOND', 'MICROSECOND', 'x']) } } : {}) }),
  DisableKinesisStreamingDestination: (rng) => ({ TableName: table(rng), StreamArn: rng.pick(['arn:aws:kinesis:us-east-1:000000000000:stream/fz', 'x'.repeat(40)]) }),
  UpdateKinesisStreamingDestination: (rng) => ({ TableName: table(rng), StreamArn: 'arn:aws:kinesis:us-east-1:000000000000:stream/fz', ...(rng.chance(0.7) ? { UpdateKinesisStreamingConfiguration: { ApproximateCreationDateTimePrecision: rng.pick(['MILLISECOND', 'MICROSECOND', 'x']) } } : {}) }),
  ExportTableToPointInTime: (rng) => ({ TableArn: rng.chance(0.9) ? ARN + table(rng) : table(rng), S3Bucket: rng.pick(['fz-bucket', '', 'x'.repeat(300)]), ...(rng.chance(0.3) ? { ExportTime: rng.pick([0, 1e9, 1e300, -1, 'x']) } : {}), ...(rng.chance(0.3) ? { ExportFormat: rng.pick(['DYNAMODB_JSON', 'ION', 'x']) } : {}), ...(rng.chance(0.3) ? { ExportType: 'INCREMENTAL_EXPORT', IncrementalExportSpecification: { ExportFromTime: rng.pick([0, 1e9, -1e300]), ExportToTime: rng.pick([1e9 + 3600, 1e300]) } } : {}), ...(rng.chance(0.3) ? { ClientToken: rng.pick(['t1', 't2', '']) } : {}) }),
  DescribeExport: (rng) => ({ ExportArn: ARN + table(rng) + '/export/' + rng.pick(['01234567890123-abcdef12', '0', '']) }),
  ListExports: (rng) => ({ ...(rng.chance(0.5) ? { TableArn: ARN + table(rng) } : {}), ...(rng.chance(0.3) ? { MaxResults: rng.pick([0, 1, 25, 26]) } : {}), ...(rng.chance(0.2) ? { NextToken: rng.pick(STRINGS) } : {}) }),
  ImportTable: (rng) => ({ S3BucketSource: { S3Bucket: rng.pick(['fz-bucket', '']), ...(rng.chance(0.3) ? { S3KeyPrefix: 'p/' } : {}) }, InputFormat: rng.pick(['DYNAMODB_JSON', 'ION', 'CSV', 'x']), ...(rng.chance(0.3) ? { InputCompressionType: rng.pick(['GZIP', 'ZSTD', 'NONE', 'x']) } : {}), TableCreationParameters: { TableName: `fz_imp_${rng.int(4)}`, AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: rng.pick(['S', 'N', 'x']) }], KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }], BillingMode: rng.pick(['PAY_PER_REQUEST', 'PROVISIONED']) }, ...(rng.chance(0.3) ? { ClientToken: rng.pick(['t1', 't2']) } : {}) }),
  DescribeImport: (rng) => ({ ImportArn: ARN + table(rng) + '/import/' + rng.pick(['01234567890123-abcdef12', '0', '']) }),
  ListImports: (rng) => ({ ...(rng.chance(0.5) ? { TableArn: ARN + table(rng) } : {}), ...(rng.chance(0.3) ? { PageSize: rng.pick([0, 1, 25, 26]) } : {}), ...(rng.chance(0.2) ? { NextToken: rng.pick(STRINGS) } : {}) }),
  DescribeStream: (rng, ctx) => ({ StreamArn: streamArn(ctx, rng), ...(rng.chance(0.3) ? { Limit: rng.pick([0, 1, 101]) } : {}), ...(rng.chance(0.3) ? { ExclusiveStartShardId: rng.pick(['shardId-00000000000000000000-00000000', 'x', '']) } : {}) }),
  ListStreams: (rng) => ({ ...(rng.chance(0.5) ? { TableName: table(rng) } : {}), ...(rng.chance(0.3) ? { Limit: rng.pick([0, 1, 101]) } : {}), ...(rng.chance(0.3) ? { ExclusiveStartStreamArn: rng.pick(STRINGS) } : {}) }),
  GetShardIterator: (rng, ctx) => ({
    StreamArn: streamArn(ctx, rng),
    ShardId: ctx.shardId && rng.chance(0.8) ? ctx.shardId : rng.pick(['shardId-00000000000000000000-00000000', 'x', '', 'shardId-' + '9'.repeat(40)]),
    ShardIteratorType: rng.pick(['TRIM_HORIZON', 'LATEST', 'AT_SEQUENCE_NUMBER', 'AFTER_SEQUENCE_NUMBER', 'x']),
    ...(rng.chance(0.5) ? { SequenceNumber: rng.pick(['1', '0', '-1', '1'.repeat(40), 'x', '', '1e5', '000000000000000000001']) } : {}),
  }),
  GetRecords: (rng, ctx) => ({
    ShardIterator: ctx.iterator && rng.chance(0.6) ? (rng.chance(0.7) ? ctx.iterator : mutateString(rng, ctx.iterator)) : rng.pick(STRINGS),
    ...(rng.chance(0.3) ? { Limit: rng.pick([0, 1, 1000, 1001]) } : {}),
  }),
};

function mutateString(rng, s) {
  switch (rng.int(5)) {
    case 0: return s.slice(0, rng.int(s.length));
    case 1: { const i = rng.int(s.length); return s.slice(0, i) + rng.pick(['|', 'x', '\u0000', '9', '-', '/']) + s.slice(i + 1); }
    case 2: return s + s;
    case 3: return s.replace(/\d/g, () => String(rng.int(10)));
    default: return s.split('').reverse().join('');
  }
}

// ---------------------------------------------------------------------------------------------
// Shape-driven generation (operations without a template)

function loadModels() {
  const ddb = JSON.parse(readFileSync(require.resolve('aws-sdk/apis/dynamodb-2012-08-10.min.json'), 'utf8'));
  const streams = JSON.parse(readFileSync(require.resolve('aws-sdk/apis/streams.dynamodb-2012-08-10.min.json'), 'utf8'));
  return { ddb, streams };
}

function fromShape(rng, model, shapeRef, depth, memberName) {
  const shape = shapeRef.shape ? { ...model.shapes[shapeRef.shape] } : shapeRef;
  const type = shape.type ?? 'string';
  if (depth > 6) return rng.pick(STRINGS);
  switch (type) {
    case 'structure': {
      const out = {};
      const req = new Set(shape.required ?? []);
      for (const [name, ref] of Object.entries(shape.members ?? {})) {
        if (req.has(name) || rng.chance(0.3)) out[name] = fromShape(rng, model, ref, depth + 1, name);
      }
      return out;
    }
    case 'list': return Array.from({ length: rng.int(3) }, () => fromShape(rng, model, shape.member, depth + 1, memberName));
    case 'map': {
      const out = {};
      for (let i = rng.int(3); i > 0; i--) out[rng.pick(['a', 'b', rng.pick(STRINGS)])] = fromShape(rng, model, shape.value, depth + 1, memberName);
      return out;
    }
    case 'boolean': return rng.chance(0.5);
    case 'integer': case 'long': return rng.pick([0, 1, 5, -1, 100, 2 ** 31, 1e15]);
    case 'double': return rng.pick([0, 1, 0.5, -1, 1e300]);
    case 'timestamp': return rng.pick([0, 1e9, 1.7e9, -1, 1e13]);
    case 'blob': return rng.pick(BASE64);
    default:
      if (memberName === 'TableName' || memberName === 'GlobalTableName') return table(rng);
      if (/Arn$/.test(memberName ?? '')) return rng.chance(0.7) ? ARN + table(rng) : rng.pick(STRINGS);
      if (memberName === 'IndexName') return rng.pick(['gsi1', 'lsi1', 'nope']);
      if (memberName === 'RegionName') return rng.pick(['us-east-1', 'us-west-2', 'x']);
      return rng.pick(STRINGS);
  }
}

// ---------------------------------------------------------------------------------------------
// Mutation

function paths(v, prefix = [], out = [], depth = 0) {
  out.push(prefix);
  if (depth > 8 || v === null || typeof v !== 'object') return out;
  const entries = Array.isArray(v) ? v.map((x, i) => [i, x]) : Object.entries(v);
  for (const [k, x] of entries.slice(0, 30)) paths(x, [...prefix, k], out, depth + 1);
  return out;
}

function getAt(v, path) {
  for (const k of path) v = v?.[k];
  return v;
}

function setAt(root, path, fn) {
  if (path.length === 0) return fn(root);
  const parent = getAt(root, path.slice(0, -1));
  const k = path[path.length - 1];
  if (parent === null || typeof parent !== 'object') return root;
  const nv = fn(parent[k]);
  if (nv === DELETE) {
    if (Array.isArray(parent)) parent.splice(k, 1);
    else delete parent[k];
  } else parent[k] = nv;
  return root;
}

const DELETE = Symbol('delete');

function mutateOne(rng, body) {
  const all = paths(body);
  const path = all.length > 1 && rng.chance(0.95) ? rng.pick(all.slice(1)) : rng.pick(all);
  return setAt(body, path, (old) => {
    switch (rng.int(15)) {
      case 14:
        if (Array.isArray(old)) return [...old, null];
        if (old && typeof old === 'object') { old[rng.pick(Object.keys(old).concat(['x']))] = null; return old; }
        return null;
      case 0: case 1: case 2: return wrongValue(rng);
      case 3: return DELETE;
      case 4:
        if (old && typeof old === 'object' && !Array.isArray(old)) { old[rng.pick(['Extra', 'S', 'N', 'L', 'M', 'NULL', '', 'TableName', 'Key', rng.pick(STRINGS)])] = wrongValue(rng); return old; }
        return wrongValue(rng);
      case 5: return Array.isArray(old) ? [] : typeof old === 'string' ? '' : old && typeof old === 'object' ? {} : old;
      case 6: return typeof old === 'string' ? mutateString(rng, old) : attributeValue(rng, 2);
      case 7: return Array.isArray(old) && old.length ? [...old, ...old] : [old];
      case 8: return typeof old === 'string' ? old + rng.pick(STRINGS) : rng.pick(NUMBER_STRINGS);
      case 9: return attributeValue(rng, 3);
      case 10: return typeof old === 'string' ? weirdExpression(rng) : { N: rng.pick(NUMBER_STRINGS) };
      case 11: return rng.chance(0.7) ? deepValue(rng, rng.pick([5, 40, 200])) : `__DEEP_${rng.pick(['M', 'L', 'A', 'O'])}_${rng.pick([600, 3000, 20000])}__`;
      case 12: return typeof old === 'number' ? rng.pick([-old, old * 1e20, 0.5, -1, 1e308, 2 ** 63]) : rng.pick(NUMBERS);
      default: return { [rng.pick(['S', 'N', 'B', 'SS', 'NS', 'BS', 'L', 'M', 'NULL', 'BOOL'])]: wrongValue(rng) };
    }
  });
}

// ---------------------------------------------------------------------------------------------
// Transport

function authHeaders() {
  const date = new Date().toISOString().replace(/[-:]|\.\d{3}/g, '');
  return {
    Authorization: `AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/${date.slice(0, 8)}/us-east-1/dynamodb/aws4_request, ` +
      'SignedHeaders=host;x-amz-date;x-amz-target, Signature=' + 'ab'.repeat(32),
    'X-Amz-Date': date,
  };
}

/**
 * JSON nested too deep for JSON.stringify to build: a mutation leaves "__DEEP_<kind>_<n>__" and the
 * body text gets n levels of M or L AttributeValues, JSON arrays or objects in its place.
 */
function expandDeep(text) {
  return text.replace(/"__DEEP_([MLAO])_(\d+)__"/g, (_, kind, n) => {
    const k = Number(n);
    switch (kind) {
      case 'M': return '{"M":{"a":'.repeat(k) + '{"S":"x"}' + '}}'.repeat(k);
      case 'L': return '{"L":['.repeat(k) + '{"N":"1"}' + ']}'.repeat(k);
      case 'A': return '['.repeat(k) + ']'.repeat(k);
      default: return '{"a":'.repeat(k) + '1' + '}'.repeat(k);
    }
  });
}

function send(agent, endpoint, target, body, extraHeaders = {}, timeoutMs = 15000) {
  const url = new URL('/', endpoint);
  const payload = typeof body === 'string' || Buffer.isBuffer(body) ? body : expandDeep(JSON.stringify(body) ?? "");
  const headers = {
    'Content-Type': 'application/x-amz-json-1.0',
    ...(target === null ? {} : { 'X-Amz-Target': target }),
    ...authHeaders(),
    ...extraHeaders,
  };
  const started = performance.now();
  return new Promise((resolve) => {
    const req = request(url, { method: 'POST', headers, agent }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks).toString('utf8'), ms: performance.now() - started }));
      res.on('error', (err) => resolve({ status: -1, error: String(err), body: '', ms: performance.now() - started }));
    });
    req.setTimeout(timeoutMs, () => req.destroy(new Error('timeout')));
    req.on('error', (err) => resolve({ status: -1, error: String(err), body: '', ms: performance.now() - started }));
    req.end(payload);
  });
}

function transportCases(rng) {
  const gz = Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 1, 2, 3]);
  return rng.pick([
    { target: 'DynamoDB_20120810.ListTables', body: '{' },
    { target: 'DynamoDB_20120810.ListTables', body: '[]' },
    { target: 'DynamoDB_20120810.GetItem', body: '[{"TableName":"fz_hash"}]' },
    { target: 'DynamoDB_20120810.ListTables', body: '1' },
    { target: 'DynamoDB_20120810.ListTables', body: '"x"' },
    { target: 'DynamoDB_20120810.ListTables', body: 'true' },
    { target: 'DynamoDB_20120810.ListTables', body: 'null' },
    { target: 'DynamoDB_20120810.PutItem', body: '' },
    { target: 'DynamoDB_20120810.PutItem', body: '{"TableName":"fz_hash","Item":{"pk":{"S":"a"}}}garbage' },
    { target: 'DynamoDB_20120810.PutItem', body: '{"TableName":"fz_hash","TableName":"fz_range","Item":{"pk":{"S":"a"}}}' },
    { target: 'DynamoDB_20120810.PutItem', body: '{"TableName":"fz_hash","Item":{"pk":{"S":"a","S":"b"}}}' },
    { target: 'DynamoDB_20120810.PutItem', body: '{"TableName":"fz_hash","Item":{"pk":{"S":"\\ud800"}}}' },
    { target: 'DynamoDB_20120810.PutItem', body: '{"TableName":"fz_hash","Item":{"pk":{"S":"a"},"n":{"N":1e999}}}' },
    { target: 'DynamoDB_20120810.PutItem', body: '{"__proto__":{"x":1},"TableName":"fz_hash","Item":{"pk":{"S":"a"}}}' },
    { target: 'DynamoDB_20120810.PutItem', body: '{"TableName":"fz_hash","Item":{"__proto__":{"S":"a"},"pk":{"S":"a"}}}' },
    { target: 'DynamoDB_20120810.PutItem', body: '{"TableName":"fz_hash","Item":{"constructor":{"S":"a"},"pk":{"S":"a"}}}' },
    { target: 'DynamoDB_20120810.GetItem', body: '{"TableName":"fz_hash","Key":{"pk":{"S":"a"}},"ExpressionAttributeNames":{"__proto__":"x"},"ProjectionExpression":"toString"}' },
    { target: 'DynamoDB_20120810.PutItem', body: Buffer.from([0xff, 0xfe, 0x7b, 0x7d]) },
    { target: 'DynamoDB_20120810.PutItem', body: '{"TableName":"fz_hash","Item":' + '{"M":{"a":'.repeat(3000) + '{"S":"x"}' + '}}'.repeat(3000) + '}' },
    { target: 'DynamoDB_20120810.ListTables', body: '[' .repeat(100000) + ']'.repeat(100000) },
    { target: 'DynamoDB_20120810.ListTables', body: '{}', headers: { 'Content-Type': 'text/plain' } },
    { target: 'DynamoDB_20120810.ListTables', body: '{}', headers: { 'Content-Type': 'application/json' } },
    { target: 'DynamoDB_20120810.ListTables', body: '{}', headers: { 'Content-Type': '' } },
    { target: 'DynamoDB_20120810.ListTables', body: gz, headers: { 'Content-Encoding': 'gzip' }, allow500: true },
    { target: 'DynamoDB_20120810.ListTables', body: 'garbage', headers: { 'Content-Encoding': 'gzip' }, allow500: true },
    { target: 'DynamoDB_20120810.ListTables', body: '{}', headers: { 'Content-Encoding': 'br' }, allow500: true },
    { target: 'DynamoDB_20120810.ListTables', body: '{}', headers: { 'Content-Encoding': 'identity' } },
    { target: 'DynamoDB_20120810.ListTables', body: '{}', headers: { Authorization: 'garbage' } },
    { target: 'DynamoDB_20120810.ListTables', body: '{}', headers: { Authorization: 'AWS4-HMAC-SHA256 Credential=\u00ff' } },
    { target: 'DynamoDB_20120810.ListTables', body: '{}', headers: { Authorization: '' } },
    { target: 'DynamoDB_20120810.ListTables', body: '{}', headers: { 'X-Amz-Date': 'x' } },
    { target: 'DynamoDB_20120810.', body: '{}' },
    { target: 'DynamoDB_20120810.__proto__', body: '{}' },
    { target: 'DynamoDB_20120810.constructor', body: '{}' },
    { target: 'DynamoDB_20120810.toString', body: '{}' },
    { target: 'DynamoDBStreams_20120810.hasOwnProperty', body: '{}' },
    { target: 'DynamoDBStreams_20120810.ListTables', body: '{}' },
    { target: 'DynamoDB_20120810.ListStreams', body: '{}' },
    { target: null, body: '{}' },
    { target: 'X'.repeat(10000), body: '{}' },
  ]);
}

// ---------------------------------------------------------------------------------------------
// Driver

const STREAMS_OPS = new Set(['DescribeStream', 'GetRecords', 'GetShardIterator', 'ListStreams']);

function targetFor(op) {
  return `${STREAMS_OPS.has(op) ? 'DynamoDBStreams_20120810' : 'DynamoDB_20120810'}.${op}`;
}

export function operations() {
  const { ddb, streams } = loadModels();
  return [...Object.keys(ddb.operations), ...Object.keys(streams.operations)];
}

/** One generated request: { op, target, body, headers?, allow500? }. */
export function generate(rng, ctx, models, ops) {
  if (rng.chance(0.02)) {
    const t = transportCases(rng);
    return { op: 'transport', target: t.target, body: t.body, headers: t.headers, allow500: t.allow500 };
  }
  const op = rng.pick(ops);
  const tmpl = TEMPLATES[op];
  let body;
  if (tmpl && rng.chance(0.85)) body = tmpl(rng, ctx);
  else {
    const model = STREAMS_OPS.has(op) ? models.streams : models.ddb;
    body = fromShape(rng, model, model.operations[op].input ?? { type: 'structure', members: {} }, 0);
  }
  // By default a fifth of the requests go unmutated (their templates are random enough); the rest
  // get one to three mutations.
  if (rng.chance(ctx.mutateRate ?? 0.8)) for (let i = 1 + rng.int(3); i > 0; i--) body = mutateOne(rng, body);
  else if (rng.chance(0.6)) tidy(rng, body);
  return { op, target: targetFor(op), body };
}

function classify(res, gen, slowMs) {
  const problems = [];
  if (res.status === -1) problems.push(`no reply (${res.error})`);
  // UpdateTable with only an empty OnDemandThroughput or WarmThroughput is a 500 InternalFailure on
  // DynamoDB too (src/dynamodb/tables/update-apply.ts).
  const recorded500 = gen.op === 'UpdateTable' && res.body.includes('com.amazon.coral.service#InternalFailure');
  if (res.status === 500 && !gen.allow500 && !recorded500) problems.push('500');
  if (res.status >= 501 && res.status !== 503) problems.push(`status ${res.status}`);
  if (res.ms > slowMs) problems.push(`slow ${Math.round(res.ms)} ms`);
  if (res.status > 0) {
    const xml = res.body === '<UnknownOperationException/>\n';
    const gzip = res.headers?.['content-encoding'];
    // TagResource and UntagResource answer 200 with an empty body, as DynamoDB does.
    const emptyOk = res.status === 200 && res.body === '' && (gen.op === 'TagResource' || gen.op === 'UntagResource');
    if (!xml && !gzip && !emptyOk) {
      let parsed;
      try {
        parsed = JSON.parse(res.body);
      } catch {
        problems.push('non-JSON reply');
      }
      if (parsed !== undefined) {
        if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) problems.push('reply is not a JSON object');
        else if (res.status >= 400 && typeof parsed.__type !== 'string') problems.push('error reply without __type');
      }
    }
  }
  return problems;
}

function preview(body) {
  const s = typeof body === 'string' ? body : Buffer.isBuffer(body) ? `<${body.length} bytes>` : JSON.stringify(body);
  return s.length > 600 ? `${s.slice(0, 600)}…(${s.length} chars)` : s;
}

/**
 * Creates the fixture tables and items, then sends `count` generated requests, `batch` at a time
 * (concurrently within a batch), checking after each batch that the server still answers.
 * Returns { sent, findings, statuses, byOp, aliveFailures }.
 */
export async function fuzz({ endpoint, seed = 1, count = 2000, batch = 8, pauseMs = 0, slowMs = 2000, only, mutateRate = 0.8, log = () => {}, onBatch, onReply } = {}) {
  const rng = makeRng(seed);
  const agent = new Agent({ keepAlive: true, maxSockets: batch });
  const models = loadModels();
  const ops = only ?? [...operations(), 'ExecuteStatement', 'ExecuteStatement', 'Query', 'UpdateItem', 'PutItem', 'Scan'];
  const findings = [];
  const statuses = {};
  const byOp = {};
  let aliveFailures = 0;
  const ctx = { mutateRate };

  for (const [op, body] of setupRequests()) {
    const r = await send(agent, endpoint, targetFor(op), body);
    if (r.status !== 200 && !/ResourceInUse/.test(r.body)) throw new Error(`setup ${op} failed: ${r.status} ${r.body}`);
  }
  // Wait for ACTIVE (in memory this is quick).
  for (let i = 0; i < 100; i++) {
    const r = await send(agent, endpoint, targetFor('DescribeTable'), { TableName: TABLES.indexed });
    if (/"TableStatus":"ACTIVE"/.test(r.body)) break;
    await new Promise((res) => setTimeout(res, 50));
  }
  const setupRng = makeRng(seed ^ 0x5eed);
  for (let i = 0; i < 40; i++) {
    for (const t of Object.values(TABLES)) {
      const it = {};
      for (const [name, type] of TABLE_KEYS[t]) it[name] = type === 'S' ? { S: `k${i % 12}` } : type === 'N' ? { N: String(i % 12) } : { B: 'QUJD' };
      if (t === TABLES.range) it.sk = { N: String(i) };
      if (t === TABLES.indexed) { it.sk = { S: `s${i}` }; it.g1 = { S: `g${i % 3}` }; it.g2 = { N: String(i % 5) }; it.l1 = { B: 'QUJD' }; }
      it.a = attributeValue(setupRng, 2);
      if (!JSON.stringify(it.a).match(/[LM]/)) it.list = { L: [{ N: '1' }, { S: 'x' }] };
      it.map = { M: { x: { M: { y: { N: '1' } } } } };
      await send(agent, endpoint, targetFor('PutItem'), { TableName: t, Item: it });
    }
  }
  // Stream context: ARN, a shard and an iterator.
  const d = await send(agent, endpoint, targetFor('DescribeTable'), { TableName: TABLES.stream });
  ctx.streamArn = JSON.parse(d.body).Table?.LatestStreamArn;
  if (ctx.streamArn) {
    const ds = JSON.parse((await send(agent, endpoint, targetFor('DescribeStream'), { StreamArn: ctx.streamArn })).body);
    ctx.shardId = ds.StreamDescription?.Shards?.[0]?.ShardId;
    if (ctx.shardId) {
      const gi = JSON.parse((await send(agent, endpoint, targetFor('GetShardIterator'), { StreamArn: ctx.streamArn, ShardId: ctx.shardId, ShardIteratorType: 'TRIM_HORIZON' })).body);
      ctx.iterator = gi.ShardIterator;
    }
  }

  let sent = 0;
  while (sent < count) {
    const n = Math.min(batch, count - sent);
    const gens = Array.from({ length: n }, () => generate(rng, ctx, models, ops));
    const replies = await Promise.all(gens.map((g) => send(agent, endpoint, g.target, g.body, g.headers)));
    replies.forEach((res, i) => {
      const g = gens[i];
      statuses[res.status] = (statuses[res.status] ?? 0) + 1;
      byOp[g.op] = (byOp[g.op] ?? 0) + 1;
      if (onReply) onReply(g, res);
      const problems = classify(res, g, slowMs);
      if (problems.length) {
        const f = { index: sent + i, op: g.op, target: g.target, problems, status: res.status, ms: Math.round(res.ms), reply: res.body?.slice(0, 400), request: preview(g.body), headers: g.headers };
        findings.push(f);
        log(f);
      }
    });
    sent += n;
    const alive = await send(agent, endpoint, targetFor('ListTables'), {}, {}, 5000);
    if (alive.status !== 200) {
      aliveFailures++;
      findings.push({ index: sent, op: 'liveness', problems: [`server not answering after batch (${alive.status} ${alive.error ?? ''})`] });
      log(findings[findings.length - 1]);
      if (aliveFailures > 3) break;
    }
    if (onBatch) await onBatch(sent);
    if (pauseMs) await new Promise((res) => setTimeout(res, pauseMs));
  }
  agent.destroy();
  return { sent, findings, statuses, byOp, aliveFailures };
}

// ---------------------------------------------------------------------------------------------
// CLI

async function main() {
  const args = process.argv.slice(2);
  const opt = (name, dflt) => {
    const i = args.indexOf(`--${name}`);
    return i >= 0 ? args[i + 1] : dflt;
  };
  const seed = Number(opt('seed', '1'));
  const count = Number(opt('count', '5000'));
  const batch = Number(opt('batch', '8'));
  const pauseMs = Number(opt('pause', '0'));
  const out = opt('out');
  const only = opt('only')?.split(',');
  const mutateRate = Number(opt('mutate', '0.8'));
  let endpoint = opt('endpoint');
  let child;
  let serverErrors = [];
  let exited = () => null;
  if (!endpoint) {
    ({ child, endpoint, serverErrors, exited } = await startFuzzServer());
  }
  console.log(`fuzzing ${endpoint} seed=${seed} count=${count}`);
  const started = Date.now();
  const res = await fuzz({
    endpoint, seed, count, batch, pauseMs, only, mutateRate,
    log: (f) => console.log(JSON.stringify(f)),
    onBatch: (sent) => { if (sent % 1000 < batch) console.log(`… ${sent} sent, ${Math.round((Date.now() - started) / 1000)} s`); },
  });
  console.log(`sent ${res.sent} in ${Math.round((Date.now() - started) / 1000)} s; statuses ${JSON.stringify(res.statuses)}`);
  console.log(`by operation ${JSON.stringify(res.byOp)}`);
  console.log(`findings: ${res.findings.length}; server error log lines: ${serverErrors.length}; exited: ${JSON.stringify(exited())}`);
  for (const l of serverErrors.slice(0, 50)) console.log(`server: ${l}`);
  if (out) writeFileSync(out, [...res.findings.map((f) => JSON.stringify(f)), ...serverErrors.map((l) => JSON.stringify({ server: l }))].join('\n') + '\n');
  if (child) child.kill('SIGTERM');
  process.exitCode = res.findings.length || serverErrors.length || exited() ? 1 : 0;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main().catch((err) => {
    console.error(err);
    process.exit(2);
  });
}
