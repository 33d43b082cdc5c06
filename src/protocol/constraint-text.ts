import type { CompiledNode, ConstraintError, Echo, Member } from './shape-model.js';

/** How DynamoDB words and echoes a failed constraint (the values, the member paths). */

/**
 * The listed messages. An error that only counts alone is dropped when another member failed too
 * (BatchWriteItem reports an unknown ReturnConsumedCapacity without its bad table name, but a bad
 * table name together with an empty request list, as dynalite recorded).
 */
export function errorTexts(root: CompiledNode, errors: ConstraintError[]): string[] {
  const out: string[] = [];
  for (const e of errors) {
    if (typeof e === 'string') out.push(e);
    else if (e.alone && errors.some((o) => o !== e && !textOf(o).includes(` at '${e.path}' failed`))) continue;
    else out.push(e.generic ? `Value at '${modelPath(root, e.path)}' failed to satisfy constraint: ${e.msg}` : e.text);
  }
  return out;
}

function textOf(e: ConstraintError): string {
  return typeof e === 'string' ? e : e.text;
}

/**
 * A member path with the members spelled as in the model ("requestItems.t.member.keys" →
 * "RequestItems.t.member.Keys"): map keys and list positions are kept as they are.
 */
function modelPath(root: CompiledNode, path: string): string {
  const parts = path.split('.');
  const out: string[] = [];
  let node: CompiledNode | undefined = root;
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i] as string;
    if (node?.kind === 'structure') {
      const m: Member | undefined = node.members.find((x) => x.path === part);
      out.push(m ? m.name : part);
      node = m?.node;
    } else if (node?.kind === 'map' || node?.kind === 'list') {
      // A map key may hold dots: it runs up to the next ".member".
      let j = i;
      while (j < parts.length && parts[j] !== 'member') j++;
      out.push(parts.slice(i, j).join('.'));
      if (j < parts.length) out.push('member');
      i = j;
      node = node.element;
    } else {
      out.push(part);
    }
  }
  return out.join('.');
}

/**
 * Deepest nesting an echoed value is written out to; deeper parts are written as `...`. Values may
 * reach the echo nested thousands deep (they are refused for their nesting only later), and writing
 * them out whole would overflow the stack. DynamoDB's echo of such values is not recorded.
 */
const MAX_ECHO_DEPTH = 100;
const ELIDED = '...';

export function renderEcho(echo: Echo, value: unknown): string {
  if (echo === 'json') return boundedJson(value, 0);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return render(value);
  const tables = Object.entries(value).map(([name, list]) => `${name}=${Array.isArray(list) ? `[${list.map((r) => renderWriteRequest(r)).join(', ')}]` : render(list)}`);
  return `{${tables.join(', ')}}`;
}

/** JSON.stringify(value), with values nested past MAX_ECHO_DEPTH written as "...". */
function boundedJson(value: unknown, depth: number): string {
  if (typeof value !== 'object' || value === null) return JSON.stringify(value) ?? 'null';
  if (depth >= MAX_ECHO_DEPTH) return JSON.stringify(ELIDED);
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : boundedJson(v, depth + 1))).join(',')}]`;
  const fields: string[] = [];
  for (const [k, v] of Object.entries(value)) if (v !== undefined) fields.push(`${JSON.stringify(k)}:${boundedJson(v, depth + 1)}`);
  return `{${fields.join(',')}}`;
}

/**
 * BatchWriteItem echoes its requests as the service's WriteRequest objects, items as maps of
 * AttributeValue objects with every field spelled out (eu-west-2 captures, 2026-06 to 2026-08:
 * `PutRequest(item={pk=AttributeValue(s=bw-0, n=null, ...)}, workloadProfileName=null)`; some
 * captures print `AttributeValue@<hash>` instead). DeleteRequest's fields are not recorded.
 */
function renderWriteRequest(r: unknown): string {
  const o = (typeof r === 'object' && r !== null ? r : {}) as Record<string, unknown>;
  const put = o.PutRequest as Record<string, unknown> | undefined;
  const del = o.DeleteRequest as Record<string, unknown> | undefined;
  const putText = put ? `PutRequest(item=${renderItem(put.Item)}, workloadProfileName=null)` : 'null';
  const delText = del ? `DeleteRequest(key=${renderItem(del.Key)})` : 'null';
  return `WriteRequest(putRequest=${putText}, deleteRequest=${delText})`;
}

/** The AttributeValue fields in the service's order, with the wire type each one holds. */
const ATTRIBUTE_VALUE_FIELDS: readonly [string, string | undefined][] = [
  ['s', 'S'], ['n', 'N'], ['b', 'B'], ['iNT', undefined], ['dECIMAL', undefined], ['dOUBLE', undefined],
  ['sS', 'SS'], ['nS', 'NS'], ['bS', 'BS'], ['iNTSET', undefined], ['dECIMALSET', undefined], ['dOUBLESET', undefined],
  ['m', 'M'], ['l', 'L'], ['nULL', 'NULL'], ['bOOL', 'BOOL'],
];

function renderItem(item: unknown, depth = 0): string {
  if (typeof item !== 'object' || item === null || Array.isArray(item)) return render(item ?? null, undefined, depth);
  if (depth >= MAX_ECHO_DEPTH) return ELIDED;
  return `{${Object.entries(item).map(([k, v]) => `${k}=${renderAttributeValue(v, depth + 1)}`).join(', ')}}`;
}

function renderAttributeValue(v: unknown, depth: number): string {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return render(v, undefined, depth);
  const av = v as Record<string, unknown>;
  const field = (type: string | undefined): string => {
    const x = type === undefined ? undefined : av[type];
    if (x === undefined || x === null) return 'null';
    if (type === 'M') return renderItem(x, depth + 1);
    if (type === 'L' && Array.isArray(x)) return depth >= MAX_ECHO_DEPTH ? ELIDED : `[${x.map((e) => renderAttributeValue(e, depth + 1)).join(', ')}]`;
    return render(x, undefined, depth + 1);
  };
  return `AttributeValue(${ATTRIBUTE_VALUE_FIELDS.map(([name, type]) => `${name}=${field(type)}`).join(', ')})`;
}

/**
 * Structures DynamoDB echoes in Lombok's toString form, `KeySchemaElement(attributeName=pk,
 * keyType=HASH)` (a 2026 conformance suite, tier3 error-messages/createTable).
 */
const LOMBOK_RENDERED = new Set(['KeySchemaElement']);

/** Java-ish toString of a request value, as DynamoDB echoes it. */
export function render(value: unknown, node?: CompiledNode, depth = 0): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'object' && value !== null && depth >= MAX_ECHO_DEPTH) return ELIDED;
  if (Array.isArray(value)) return `[${value.map((v) => render(v, node?.element, depth + 1)).join(', ')}]`;
  if (node?.kind === 'structure' && LOMBOK_RENDERED.has(node.javaName) && typeof value === 'object' && value !== null) {
    const obj = value as Record<string, unknown>;
    const fields = node.members.map((m) => `${m.path}=${obj[m.name] === undefined ? 'null' : render(obj[m.name], m.node, depth + 1)}`);
    return `${node.javaName}(${fields.join(', ')})`;
  }
  if (typeof value === 'object' && value !== null) {
    return `{${Object.entries(value).map(([k, v]) => `${k}=${render(v, undefined, depth + 1)}`).join(', ')}}`;
  }
  return String(value);
}
