import { DynamoError, NS_CORAL_SERVICE } from '../../protocol/errors.js';
import { everyone, type PolicyDocument } from './policy-document.js';

/**
 * PutResourcePolicy refuses a document that would deny the caller further PutResourcePolicy calls
 * unless ConfirmRemoveSelfResourceAccess is true (live DynamoDB, October 2026: ack-api-quirks
 * DDB-TABLE-210; a Deny of DeleteResourcePolicy alone is accepted). DynamoDB simulates the caller
 * against the new document; Eddy has no IAM principals yet, so it catches only the case that holds
 * for every caller: an unconditioned Deny to Principal `*` whose Action and Resource cover
 * dynamodb:PutResourcePolicy on this resource.
 */
export function checkSelfLockout(doc: PolicyDocument, arn: string, confirmed: boolean): void {
  if (confirmed) return;
  for (const st of doc.statements) {
    if (st.Effect !== 'Deny' || st.Condition !== undefined || !everyone(st.Principal)) continue;
    if (!covers(st.Action, 'dynamodb:PutResourcePolicy') || !covers(st.Resource, arn)) continue;
    throw new DynamoError({
      name: 'AccessDeniedException',
      namespace: NS_CORAL_SERVICE,
      message: 'The new resource policy will not allow you to update the resource policy in the future.',
    });
  }
}

/** Whether an Action/Resource element (string or list of IAM wildcard patterns) matches `value`. */
function covers(element: unknown, value: string): boolean {
  const patterns = typeof element === 'string' ? [element] : Array.isArray(element) ? element : [];
  return patterns.some((p) => typeof p === 'string' && wildcardMatch(p.toLowerCase(), value.toLowerCase()));
}

/**
 * IAM wildcards: `*` any run, `?` one character; action names compare case-insensitively. Matched
 * without a backtracking regex, in time linear in the pattern times the value: a document may hold
 * a pattern of thousands of `*` (a regex of as many `.*` took seconds per star added; found by a
 * fuzzer, it stopped the server).
 */
function wildcardMatch(pattern: string, value: string): boolean {
  let p = 0;
  let v = 0;
  let star = -1; // position in pattern after the last `*` seen
  let mark = 0; // position in value that `*` has consumed up to
  while (v < value.length) {
    if (p < pattern.length && (pattern[p] === '?' || pattern[p] === value[v])) {
      p++;
      v++;
    } else if (p < pattern.length && pattern[p] === '*') {
      star = ++p;
      mark = v;
    } else if (star >= 0) {
      p = star;
      v = ++mark;
    } else {
      return false;
    }
  }
  while (p < pattern.length && pattern[p] === '*') p++;
  return p === pattern.length;
}
