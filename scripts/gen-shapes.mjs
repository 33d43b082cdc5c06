#!/usr/bin/env node
/**
 * Generates src/protocol/generated/{dynamodb,streams}.json from the API models shipped in the
 * aws-sdk v2 package (operation inputs: structure, member types, required members) plus
 * scripts/shape-constraints.mjs (lengths, ranges, patterns, enums, which the minified models omit).
 * Java class names used in some SerializationException messages come from the SDK v3 schemas.
 *
 *   node scripts/gen-shapes.mjs          # write
 *   node scripts/gen-shapes.mjs --check  # exit 1 if the committed files are stale
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MEMBER_CONSTRAINTS, MEMBER_ORDER, SHAPE_MEMBER_ORDER } from './shape-constraints.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'package.json'));
const check = process.argv.includes('--check');

const MODELS = [
  { out: 'dynamodb', file: 'dynamodb-2012-08-10.min.json', v3: '@aws-sdk/client-dynamodb' },
  { out: 'streams', file: 'streams.dynamodb-2012-08-10.min.json', v3: '@aws-sdk/client-dynamodb-streams' },
];

let stale = false;
for (const m of MODELS) {
  const model = JSON.parse(readFileSync(require.resolve(`aws-sdk/apis/${m.file}`), 'utf8'));
  const v3 = require(m.v3);
  const text = JSON.stringify(generate(model, v3)) + '\n';
  const path = join(root, 'src/protocol/generated', `${m.out}.json`);
  if (check) {
    let current = '';
    try { current = readFileSync(path, 'utf8'); } catch { /* missing */ }
    if (current !== text) { console.error(`stale: ${path} (run npm run gen:shapes)`); stale = true; }
  } else {
    writeFileSync(path, text);
    console.log(`wrote ${path} (${text.length} bytes)`);
  }
}
if (stale) process.exit(1);

/**
 * Output: { target, operations: { Op: nodeIndex }, nodes: Node[] } where Node is
 *   ['structure', javaName, [[member, nodeIndex, required(0|1), constraints|0], ...]]
 *   ['list', [nodeIndex, constraints|0]]   ['map', [valueNodeIndex, constraints|0], javaValueType]
 *   ['string'|'boolean'|'integer'|'long'|'double'|'blob'|'timestamp']
 * Named shapes of the model share one node (AttributeValue is recursive).
 */
function generate(model, v3) {
  const nodes = [];
  const named = new Map();
  const operations = {};
  for (const [op, def] of Object.entries(model.operations)) {
    const v3Input = v3[`${op}Input$`] ?? v3[`${op}Request$`];
    operations[op] = node(def.input ?? { type: 'structure', members: {} }, v3Input, op);
    const first = MEMBER_ORDER[op];
    const root = nodes[operations[op]];
    if (first && root[0] === 'structure') root[2] = ranked(root[2], first);
  }
  return { target: model.metadata.targetPrefix, operations, nodes };

  function ranked(members, first) {
    const rank = (m) => (first.includes(m[0]) ? first.indexOf(m[0]) : first.length);
    return [...members].sort((a, b) => rank(a) - rank(b));
  }

  function node(ref, v3s, op) {
    if (ref.shape) {
      const key = ref.shape;
      if (named.has(key)) return named.get(key);
      const idx = nodes.length;
      nodes.push(null);
      named.set(key, idx);
      nodes[idx] = build(model.shapes[key], v3s, op);
      return idx;
    }
    const idx = nodes.length;
    nodes.push(null);
    nodes[idx] = build(ref, v3s, op);
    return idx;
  }

  function build(shape, v3s, op) {
    const type = shape.type ?? 'string';
    const s = resolveV3(v3s);
    if (type === 'structure') {
      const required = new Set(shape.required ?? []);
      const names = Array.isArray(s) && Array.isArray(s[4]) ? s[4] : [];
      const schemas = Array.isArray(s) && Array.isArray(s[5]) ? s[5] : [];
      const javaName = Array.isArray(s) && typeof s[2] === 'string' ? s[2] : '';
      const members = Object.entries(shape.members ?? {}).map(([name, ref]) => {
        const i = names.indexOf(name);
        const child = node(ref, i >= 0 ? schemas[i] : undefined, op);
        const c = constraintsFor(op, javaName, name);
        return [name, child, required.has(name) && !(c && c.optional) ? 1 : 0, c];
      });
      const first = SHAPE_MEMBER_ORDER[javaName];
      return ['structure', javaName, first ? ranked(members, first) : members];
    }
    if (type === 'list') {
      const inner = Array.isArray(s) ? s[4] : undefined;
      return ['list', [node(shape.member, inner, op), 0]];
    }
    if (type === 'map') {
      const inner = Array.isArray(s) ? s[5] : undefined;
      return ['map', [node(shape.value, inner, op), 0], javaType(shape.value, inner)];
    }
    return [type];
  }

  function constraintsFor(op, parent, name) {
    return MEMBER_CONSTRAINTS[`${op}.${name}`] ?? MEMBER_CONSTRAINTS[`${parent}.${name}`] ?? MEMBER_CONSTRAINTS[name] ?? 0;
  }

  function javaType(ref, v3s) {
    const s = resolveV3(v3s);
    const shape = ref.shape ? model.shapes[ref.shape] : ref;
    const type = shape.type ?? 'string';
    if (type === 'string') return 'java.lang.String';
    if (type === 'list') return `java.util.List<${javaType(shape.member, Array.isArray(s) ? s[4] : undefined)}>`;
    if (type === 'map') return `java.util.Map<java.lang.String, ${javaType(shape.value, Array.isArray(s) ? s[5] : undefined)}>`;
    if (type === 'structure' && Array.isArray(s)) return `com.amazonaws.dynamodb.v20120810.${s[2]}`;
    return `java.lang.${type[0].toUpperCase()}${type.slice(1)}`;
  }
}

function resolveV3(s) {
  return typeof s === 'function' ? s() : s;
}
