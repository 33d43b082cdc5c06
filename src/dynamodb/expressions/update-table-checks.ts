/**
 * The checks DynamoDB makes on an update against the table's key and index schemas before it
 * reads the item (so they win over a failing condition), in dynalite's recorded order:
 * key attributes, index key types known from the expression, nested paths into index keys.
 */
import { DynamoError } from '../../protocol/errors.js';
import { indexesByName } from '../tables/index-order.js';
import { keySchemaAttributes } from '../tables/key-schema.js';
import type { TableDef } from '../tables/table-types.js';
import { emptyIndexKeyUpdateMessage, indexKeyTypeMismatchMessage } from '../values/messages.js';
import { typeOf } from '../values/types.js';
import type { CompiledUpdate, Operand } from './compiled.js';
import { checkUpdateKeys } from './update.js';

/** Index key attribute name → its declared type, for the run-time "unsupported type" check. */
export type IndexKeyTypes = ReadonlyMap<string, string>;

/** The type an update operand will have whatever the item holds, if it is known statically. */
function staticType(op: Operand): string | undefined {
  switch (op.k) {
    case 'value':
      return typeOf(op.v);
    case 'ifNotExists':
      return staticType(op.fallback);
    case 'listAppend':
      return 'L';
    case 'arith':
      return 'N';
    default:
      return undefined;
  }
}

function collectNestedHeads(op: Operand, out: Set<string>): void {
  switch (op.k) {
    case 'path':
      if (op.path.length > 1) out.add(op.path[0] as string);
      return;
    case 'ifNotExists':
      if (op.path.length > 1) out.add(op.path[0] as string);
      collectNestedHeads(op.fallback, out);
      return;
    case 'listAppend':
    case 'arith':
      collectNestedHeads(op.a, out);
      collectNestedHeads(op.b, out);
      return;
    case 'size':
      collectNestedHeads(op.of, out);
      return;
    default:
      return;
  }
}

/**
 * Throws the error DynamoDB gives for an update that cannot fit the table's schemas whatever the
 * item holds. Returns the index key types (undefined for a table without indexes).
 */
export function checkUpdateForTable(u: CompiledUpdate, table: TableDef): IndexKeyTypes | undefined {
  checkUpdateKeys(u, table.key);
  if (table.lsis.length === 0 && table.gsis.length === 0) return undefined;
  const indexes = indexesByName(table);
  const types = new Map<string, string>();
  for (const index of indexes) {
    const k = index.key;
    // No array per index for ordinary keys (UpdateItem's hot path); multi-attribute keys list all.
    const attrs = k.moreHash || k.moreRange ? keySchemaAttributes(k) : k.range ? [k.hash, k.range] : [k.hash];
    for (const attr of attrs) {
      types.set(attr.name, attr.type);
      for (const a of u.actions) {
        if (a.path.length !== 1 || a.path[0] !== attr.name) continue;
        const actual = a.k === 'SET' ? staticType(a.value) : a.k === 'REMOVE' ? undefined : typeOf(a.value);
        if (actual !== undefined && actual !== attr.type) {
          throw DynamoError.validation(indexKeyTypeMismatchMessage(attr.name, attr.type, actual, index.name));
        }
      }
    }
  }
  if (u.legacy) return types;
  const nested = new Set<string>();
  for (const a of u.actions) {
    if (a.path.length > 1) nested.add(a.path[0] as string);
    if (a.k === 'SET') collectNestedHeads(a.value, nested);
  }
  for (const name of types.keys()) {
    if (nested.has(name)) {
      throw DynamoError.validation(
        `Key attributes must be scalars; list random access '[]' and map lookup '.' are not allowed: IndexKey: ${name}`,
      );
    }
  }
  return types;
}

/**
 * A transactional Update that SETs a secondary-index key attribute to an empty string or binary
 * literal is refused up front with a ValidationException (not a cancellation reason), in the
 * update-expression wording (conformance suite, recorded on DynamoDB).
 */
export function checkEmptyIndexKeyValues(u: CompiledUpdate, table: TableDef): void {
  if (table.lsis.length === 0 && table.gsis.length === 0) return;
  for (const a of u.actions) {
    if (a.k !== 'SET' || a.path.length !== 1 || a.value.k !== 'value') continue;
    const v = a.value.v;
    const empty = 'S' in v && v.S === '' ? 'S' : 'B' in v && v.B === '' ? 'B' : undefined;
    if (empty === undefined) continue;
    const name = a.path[0];
    const keysIndex = indexesByName(table).some((index) => index.key.hash.name === name || index.key.range?.name === name);
    if (keysIndex) throw DynamoError.validation(emptyIndexKeyUpdateMessage(empty));
  }
}
