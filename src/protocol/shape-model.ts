/**
 * The compiled form of the API models (src/protocol/generated/*.json, made by scripts/gen-shapes.mjs)
 * that shape-validate.ts walks: nodes, members and their constraint checks.
 */

interface Constraints {
  pattern?: string;
  allowsArn?: boolean;
  /** Length errors are listed before the pattern error (a new GSI's IndexName). */
  lengthFirst?: boolean;
  min?: number;
  max?: number;
  minLen?: number;
  maxLen?: number;
  minValue?: number;
  maxValue?: number;
  enum?: string[];
  pre?: boolean;
  preTop?: boolean;
  /** Length errors are listed before the pattern error (a new GSI's IndexName). */
  /** Map members: rules every key must satisfy ("Map keys must satisfy constraint: [...]"). */
  mapKeys?: LengthRule & { pattern?: string; allowsArn?: boolean };
  /** Map members: the length range of every value, a list or a string ("Map value must satisfy constraint"). */
  mapValueLen?: LengthRule;
  /** List members: the length range of every string element ("Member must satisfy constraint"). */
  elementLen?: LengthRule;
  /** Length errors in the newer wording: "Value at '<Member.Path>' …", no echo of the value. */
  generic?: boolean;
  /** How the value is echoed: as JSON, or as BatchWriteItem's WriteRequest(...) objects. */
  echo?: Echo;
  /** Map-key errors are reported only when no other constraint fails. */
  mapKeysAlone?: boolean;
  /** Which part of the member holds attribute names, each at most 65535 UTF-8 bytes. */
  attributeNames?: AttributeNamesIn;
}
/** A map's keys, a map's values, or a list's elements. */
export type AttributeNamesIn = 'keys' | 'values' | 'elements';
export type Echo = 'json' | 'writeRequests';
/** A length range of the API model; `min` is absent where the model has only a maximum. */
interface LengthRule {
  min?: number;
  max: number;
}
type RawMember = [string, number, number, Constraints | 0];
type RawNode =
  | ['structure', string, RawMember[]]
  | ['list', [number, Constraints | 0]]
  | ['map', [number, Constraints | 0], string]
  | [string];
export interface RawModel {
  target: string;
  operations: Record<string, number>;
  nodes: unknown[];
}


export interface Check {
  notNull: boolean;
  regex?: RegExp;
  pattern?: string;
  allowsArn?: boolean;
  lengthFirst?: boolean;
  min?: number;
  max?: number;
  minValue?: number;
  maxValue?: number;
  enumSet?: Set<string>;
  enumText?: string;
  mapKeys?: { regex?: RegExp; min: number; max: number; message: string; allowsArn: boolean };
  mapValueLen?: { min: number; max: number; message: string };
  elementLen?: { min: number; max: number; message: string };
  generic?: boolean;
  echo?: Echo;
  mapKeysAlone?: boolean;
  attributeNames?: AttributeNamesIn;
  /** A data-plane TableName (see DATA_PLANE_TABLE_OPS): listed with the other constraint failures. */
  dataPlaneName?: boolean;
  /** DescribeTable's TableName (see LISTED_NAME_OPS): 3..255 and the pattern, listed, length first. */
  listedName?: boolean;
  /** Echo no value ("Value at 'Limit' ..."), as Query does for its Limit. */
  hideValue?: boolean;
}
export interface Member {
  name: string;
  path: string;
  node: CompiledNode;
  check: Check | undefined;
}
export interface CompiledNode {
  kind: string;
  javaName: string;
  members: Member[];
  element?: CompiledNode;
  elementCheck?: Check | undefined;
  mapValueType?: string;
  /** The AttributeValue structure (see plainAttributeValue). */
  attributeValue?: boolean;
}


/**
 * One failed constraint: its text, or (rarely) one finished when the request is done: the newer
 * wording names the member path as the model spells it, and some errors only count alone.
 */
export type ConstraintError = string | { path: string; msg: string; text: string; generic: boolean; alone: boolean };

export function compileNode(raw: RawModel, idx: number, cache: Map<number, CompiledNode>): CompiledNode {
  const hit = cache.get(idx);
  if (hit) return hit;
  const r = raw.nodes[idx] as RawNode;
  const node: CompiledNode = { kind: r[0], javaName: '', members: [] };
  cache.set(idx, node);
  if (r[0] === 'structure') {
    const [, javaName, members] = r as ['structure', string, RawMember[]];
    node.javaName = javaName;
    if (javaName === 'AttributeValue') node.attributeValue = true;
    for (const [name, child, required, c] of members) {
      node.members.push({
        name,
        path: name.charAt(0).toLowerCase() + name.slice(1),
        node: compileNode(raw, child, cache),
        check: compileCheck(c, required === 1),
      });
    }
  } else if (r[0] === 'list' || r[0] === 'map') {
    const [child, c] = r[1] as [number, Constraints | 0];
    node.element = compileNode(raw, child, cache);
    node.elementCheck = compileCheck(c, false);
    if (r[0] === 'map') node.mapValueType = (r as ['map', unknown, string])[2];
  }
  return node;
}

function compileCheck(c: Constraints | 0, notNull: boolean): Check | undefined {
  if (!c && !notNull) return undefined;
  const check: Check = { notNull };
  if (c) {
    // `pre` members (TableName) are length-checked on their own, before the listing.
    if (c.pattern) {
      check.regex = new RegExp(`^(?:${c.pattern})$`);
      check.pattern = c.pattern;
      check.allowsArn = c.allowsArn === true;
      if (c.lengthFirst) check.lengthFirst = true;
    }
    const min = c.min ?? c.minLen;
    const max = c.max ?? c.maxLen;
    if (min !== undefined) check.min = min;
    if (max !== undefined) check.max = max;
    if (c.minValue !== undefined) check.minValue = c.minValue;
    if (c.maxValue !== undefined) check.maxValue = c.maxValue;
    if (c.enum) {
      check.enumSet = new Set(c.enum);
      check.enumText = c.enum.join(', ');
    }
    if (c.mapKeys) {
      const k = c.mapKeys;
      check.mapKeys = { min: k.min ?? 0, max: k.max, message: `Map keys must satisfy constraint: ${ruleText(k, k.pattern)}`, allowsArn: k.allowsArn === true };
      if (k.pattern !== undefined) check.mapKeys.regex = new RegExp(`^(?:${k.pattern})$`);
    }
    if (c.mapValueLen) {
      const v = c.mapValueLen;
      check.mapValueLen = { min: v.min ?? 0, max: v.max, message: `Map value must satisfy constraint: ${ruleText(v)}` };
    }
    if (c.generic) check.generic = true;
    if (c.echo) check.echo = c.echo;
    if (c.mapKeysAlone) check.mapKeysAlone = true;
    if (c.attributeNames) check.attributeNames = c.attributeNames;
    if (c.elementLen) {
      const e = c.elementLen;
      check.elementLen = { min: e.min ?? 0, max: e.max, message: `Member must satisfy constraint: ${ruleText(e)}` };
    }
  }
  return check;
}

/** Coral's bracketed list of a nested rule: maximum, then minimum, then pattern. */
function ruleText(r: LengthRule, pattern?: string): string {
  const parts = [`Member must have length less than or equal to ${r.max}`];
  if (r.min !== undefined) parts.push(`Member must have length greater than or equal to ${r.min}`);
  if (pattern !== undefined) parts.push(`Member must satisfy regular expression pattern: ${pattern}`);
  return `[${parts.join(', ')}]`;
}
