/**
 * DynamoDB checks attribute values in one of two layers, and the operation decides which one words
 * a bad number or a duplicate set member (live DynamoDB, four regions, 2026-10-09; conformance
 * suite tier3 error-messages/valueLayers):
 *
 *   older    BatchWriteItem, the transactions, Scan, PartiQL: what the value checks throw by
 *            default here (the wording dynalite recorded), expression values inside
 *            "ExpressionAttributeValues contains invalid value: … for key :x".
 *   current  PutItem, UpdateItem, DeleteItem, GetItem, BatchGetItem, Query: an empty number keeps
 *            its ": ", an exponent that wraps a 32-bit int is an overflow, duplicate set members
 *            are quoted and ordered, expression values carry no wrapper. Those operations pass
 *            their errors through currentLayerError.
 *
 * The value checks record what went wrong beside the error they throw (a WeakMap, so DynamoError
 * stays as it is), and currentLayerError rewords from that record.
 */
import { DynamoError } from '../../protocol/errors.js';
import { INVALID_PREFIX } from './messages.js';
import { NUMBER_MESSAGES } from './number.js';

type ValueProblem =
  | { kind: 'notNumeric'; text: string }
  | { kind: 'numberWrap' }
  | { kind: 'duplicateStrings' | 'duplicateBinaries'; members: readonly string[] }
  | { kind: 'duplicateNumbers' }
  | { kind: 'wrapped'; inner: DynamoError };

const problems = new WeakMap<DynamoError, ValueProblem>();

/** A ValidationException in the older layer's words, remembering the problem behind it. */
export function valueError(message: string, problem: ValueProblem): DynamoError {
  const err = DynamoError.validation(message);
  problems.set(err, problem);
  return err;
}

/** Notes that `wrapper` (e.g. "ExpressionAttributeValues contains invalid value: …") wraps `inner`. */
export function noteWrapped(wrapper: DynamoError, inner: DynamoError): DynamoError {
  problems.set(wrapper, { kind: 'wrapped', inner });
  return wrapper;
}

/** The error as a current-layer operation reports it (anything else is returned unchanged). */
export function currentLayerError(err: unknown): unknown {
  if (!(err instanceof DynamoError)) return err;
  let problem = problems.get(err);
  let source = err;
  if (problem?.kind === 'wrapped') {
    source = problem.inner;
    problem = problems.get(source);
    if (problem === undefined) return DynamoError.validation(source.message);
  }
  if (problem === undefined || problem.kind === 'wrapped') return source === err ? err : DynamoError.validation(source.message);
  return DynamoError.validation(currentMessage(problem));
}

function currentMessage(p: Exclude<ValueProblem, { kind: 'wrapped' }>): string {
  switch (p.kind) {
    case 'notNumeric':
      return `${NUMBER_MESSAGES.notNumeric}: ${p.text}`;
    case 'numberWrap':
      return NUMBER_MESSAGES.overflow;
    case 'duplicateNumbers':
      return `${INVALID_PREFIX}Input collection contains duplicates.`;
    case 'duplicateStrings':
      return `${INVALID_PREFIX}Input collection [${duplicateOrder(p.members, Buffer.from).map((m) => JSON.stringify(m)).join(', ')}] contains duplicates.`;
    case 'duplicateBinaries':
      return `${INVALID_PREFIX}Input collection [${duplicateOrder(p.members, (m) => Buffer.from(m, 'base64')).map((m) => JSON.stringify(m)).join(',')}]of type BS contains duplicates.`;
  }
}

/**
 * The members as the current layer lists them: those before the first repeat in byte order, then
 * the repeat, then the rest as sent (a sorted set filled in request order until an insert fails).
 */
function duplicateOrder(members: readonly string[], bytes: (m: string) => Buffer): string[] {
  // Members are looked up by their bytes spelled as latin1 (one character per byte, so equal bytes
  // and only equal bytes give equal keys): comparing each member with every earlier one took 11 s
  // for 20k strings with the repeat last (test/superlinear-requests.test.ts).
  const seen: { text: string; key: Buffer }[] = [];
  const seenKeys = new Set<string>();
  for (let i = 0; i < members.length; i++) {
    const text = members[i] as string;
    const key = bytes(text);
    const spelled = key.toString('latin1');
    if (seenKeys.has(spelled)) {
      seen.sort((a, b) => Buffer.compare(a.key, b.key));
      return [...seen.map((s) => s.text), text, ...members.slice(i + 1)];
    }
    seenKeys.add(spelled);
    seen.push({ text, key });
  }
  return members.slice();
}
