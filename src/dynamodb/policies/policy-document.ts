import { DynamoError } from '../../protocol/errors.js';
import { INVALID } from '../tables/create-validate.js';

/**
 * The checks PutResourcePolicy (and CreateTable's ResourcePolicy) run on a policy document, and the
 * canonical form GetResourcePolicy returns. Eddy does not evaluate policies (no IAM yet); it keeps
 * the document as DynamoDB shows it.
 *
 * Recorded on live DynamoDB, October 2026 (ack-api-quirks catalogue of the AWS Controllers for
 * Kubernetes DynamoDB controller): size limit and texts (DDB-TABLE-211), invalid JSON, empty
 * Statement, missing Resource, duplicate Sids, unbounded Allow (DDB-TABLE-211, -352, -356); the
 * canonical form: minified, keys Version/Statement and Sid/Effect/Principal/Action/Resource/Condition,
 * a Statement object wrapped in a list, Effect title-cased, one-element lists as strings (Action,
 * Resource, Condition values; not sorted, not de-duplicated), AWS principals given as account ids
 * as root ARNs and de-duplicated, a missing Version shown as 2008-10-17 (DDB-TABLE-208, -351..-355).
 */
export const MAX_POLICY_BYTES = 20_480;
/** IAM's default when a policy has no Version (DDB-TABLE-354). */
const DEFAULT_VERSION = '2008-10-17';
const VERSIONS = new Set(['2008-10-17', '2012-10-17']);

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

export interface PolicyDocument {
  /** The document as GetResourcePolicy returns it. */
  text: string;
  /** Sent without Version (a different document from the same one with Version 2008-10-17). */
  versionless: boolean;
  /** Canonical statements (for the self-lockout check). */
  statements: JsonObject[];
}

const DOC = `${INVALID}Invalid policy document: `;

function invalidDocument(detail: string): DynamoError {
  return DynamoError.validation(`${DOC}${detail}`);
}

/** Unverified wording (IAM's generic text) for element types the recordings do not cover. */
function syntaxErrors(): DynamoError {
  return invalidDocument('Syntax errors in policy.');
}

/**
 * Deepest nesting of arrays and objects a document may have. A document under the size limit can
 * nest ten thousand deep, past what JSON.stringify can write back (a RangeError, once a 500; found
 * by a fuzzer). Refused as invalid JSON, as a JSON parser with Jackson's default nesting limit
 * (1000) would; DynamoDB's answer is unrecorded.
 */
const MAX_JSON_DEPTH = 1000;

/** Whether arrays and objects nest past `limit` levels in `root` (walked without recursion). */
function nestedDeeperThan(root: unknown, limit: number): boolean {
  const stack: [unknown, number][] = [[root, 1]];
  for (let top = stack.pop(); top !== undefined; top = stack.pop()) {
    const [value, depth] = top;
    if (typeof value !== 'object' || value === null) continue;
    if (depth > limit) return true;
    for (const child of Object.values(value)) stack.push([child, depth + 1]);
  }
  return false;
}

/** A plain map without a prototype, so a `__proto__` key in a document is just a key. */
function bag(): JsonObject {
  return Object.create(null) as JsonObject;
}

function isObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Validates a policy document and returns its canonical form; ValidationException as DynamoDB. */
export function parsePolicy(text: string): PolicyDocument {
  // DynamoDB counts the document as sent, whitespace included (API reference; DDB-TABLE-211).
  if (Buffer.byteLength(text, 'utf8') > MAX_POLICY_BYTES) {
    throw DynamoError.validation(`${INVALID}Maximum policy size of ${MAX_POLICY_BYTES} bytes exceeded`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw invalidDocument('This policy contains invalid Json');
  }
  if (!isObject(parsed) || nestedDeeperThan(parsed, MAX_JSON_DEPTH)) throw invalidDocument('This policy contains invalid Json');
  const version = parsed.Version;
  if (version !== undefined && (typeof version !== 'string' || !VERSIONS.has(version))) {
    throw invalidDocument('The policy must contain a valid version string');
  }
  const raw = parsed.Statement;
  if (raw === undefined) throw invalidDocument('Missing required field Statement');
  const list = Array.isArray(raw) ? raw : [raw];
  if (list.length === 0) throw invalidDocument('Could not parse the policy: Statement is empty!');
  const sids = new Set<string>();
  const statements = list.map((s) => {
    const st = canonicalStatement(s, text);
    if (typeof st.Sid === 'string') {
      if (sids.has(st.Sid)) throw invalidDocument('The Statement Ids in the policy are not unique');
      sids.add(st.Sid);
    }
    return st;
  });
  const top = bag();
  top.Version = version ?? DEFAULT_VERSION;
  if (parsed.Id !== undefined) top.Id = parsed.Id;
  top.Statement = statements;
  for (const [k, v] of Object.entries(parsed)) if (!Object.hasOwn(top, k)) top[k] = v;
  return { text: JSON.stringify(top), versionless: version === undefined, statements };
}

const STATEMENT_ORDER = ['Sid', 'Effect', 'Principal', 'NotPrincipal', 'Action', 'NotAction', 'Resource', 'NotResource', 'Condition'];

function canonicalStatement(s: Json, text: string): JsonObject {
  if (!isObject(s)) throw syntaxErrors();
  const effect = s.Effect;
  if (effect === undefined) throw invalidDocument('Missing required field Effect');
  const effectName = typeof effect === 'string' ? effect.toLowerCase() : '';
  // A lowercase Effect is accepted and title-cased (DDB-TABLE-355); anything else is refused (text unverified).
  if (effectName !== 'allow' && effectName !== 'deny') throw invalidDocument(`Invalid effect: ${String(effect)}`);
  if (s.Principal === undefined && s.NotPrincipal === undefined) throw invalidDocument('Missing required field Principal');
  if (s.Action === undefined && s.NotAction === undefined) throw invalidDocument('Missing required field Action');
  if (s.Resource === undefined && s.NotResource === undefined) throw invalidDocument('Missing required field Resource');
  const out = bag();
  for (const key of STATEMENT_ORDER) {
    const v = s[key];
    if (v === undefined) continue;
    if (key === 'Sid') {
      if (typeof v !== 'string') throw syntaxErrors();
      out.Sid = v;
    } else if (key === 'Effect') out.Effect = effectName === 'allow' ? 'Allow' : 'Deny';
    else if (key === 'Principal' || key === 'NotPrincipal') out[key] = principal(v, text);
    else if (key === 'Condition') out.Condition = condition(v);
    else out[key] = collapse(strings(v));
  }
  for (const [k, v] of Object.entries(s)) if (!STATEMENT_ORDER.includes(k)) out[k] = v;
  // An Allow to everyone is refused by a DynamoDB guardrail (DDB-TABLE-352, -356); a Condition may
  // narrow it, so conditioned statements are let through (unverified).
  if (out.Effect === 'Allow' && s.Condition === undefined && everyone(out.Principal)) {
    throw DynamoError.validation(
      'Resource-based policy grants unbounded access in one or more elements. Please revise the policy to ensure least-privilege form of access',
    );
  }
  return out;
}

function strings(v: Json): string[] {
  const list = typeof v === 'string' ? [v] : v;
  if (!Array.isArray(list) || list.length === 0 || !list.every((x) => typeof x === 'string')) throw syntaxErrors();
  return list as string[];
}

/** A one-element list reads back as its element; longer lists verbatim (DDB-TABLE-353). */
function collapse(list: string[]): Json {
  return list.length === 1 ? (list[0] as string) : list;
}

function principal(v: Json, text: string): Json {
  if (v === '*') return v;
  // A bare account id is a syntax error, reported by its position (DDB-TABLE-352).
  if (typeof v === 'string') throw invalidDocument(`Syntax error at position ${bareStringPosition(text, v)}`);
  if (!isObject(v)) throw syntaxErrors();
  const out = bag();
  for (const [type, value] of Object.entries(v)) {
    let ids = strings(value);
    if (type === 'AWS') {
      const arns = ids.map((id) => (/^\d{12}$/.test(id) ? `arn:aws:iam::${id}:root` : id));
      ids = [...new Set(arns)];
    }
    out[type] = collapse(ids);
  }
  return out;
}

/** `(line,column)` of a bare-string principal in the text as sent (the column DynamoDB counts is unverified). */
function bareStringPosition(text: string, value: string): string {
  const m = new RegExp(`"(?:Not)?Principal"\\s*:\\s*(?=${JSON.stringify(value).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')})`).exec(text);
  const at = m ? m.index + m[0].length : 0;
  const before = text.slice(0, at);
  const line = before.split('\n').length;
  const column = at - before.lastIndexOf('\n');
  return `(${line},${column})`;
}

function condition(v: Json): Json {
  if (!isObject(v)) throw syntaxErrors();
  const out = bag();
  for (const [op, keys] of Object.entries(v)) {
    if (!isObject(keys)) throw syntaxErrors();
    const inner = bag();
    for (const [k, value] of Object.entries(keys)) inner[k] = Array.isArray(value) && value.length === 1 ? (value[0] as Json) : value;
    out[op] = inner;
  }
  return out;
}

/** Principal `*` or `{"AWS": "*"}` (alone or in a list). */
export function everyone(p: Json | undefined): boolean {
  if (p === '*') return true;
  if (!isObject(p)) return false;
  const aws = p.AWS;
  return aws === '*' || (Array.isArray(aws) && aws.includes('*'));
}
