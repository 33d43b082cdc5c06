import { DynamoError, NS_DYNAMODB } from '../../protocol/errors.js';
import type { ResourcePolicyDef, TableDef } from '../tables/table-types.js';
import type { PolicyDocument } from './policy-document.js';
import type { PolicyTarget } from './policy-target.js';

/**
 * What Put/DeleteResourcePolicy do to one policy slot (a table's or a stream's), as pure functions
 * of the slot and the server clock. Recorded on live DynamoDB, October 2026 (ack-api-quirks
 * DDB-TABLE-205..-209, -236, -246, -347; messages of mismatches: moto's AWS-verified
 * test_resource_policy.py):
 * - the RevisionId is the epoch ms of the change; an equivalent re-Put is a no-op with the same id;
 * - ExpectedRevisionId is checked first (PolicyNotFoundException), NO_POLICY means "none attached";
 * - a change opens a per-slot window: ResourceInUseException while it applies (~1-2 s there), then
 *   ThrottlingException until 15 s after the change ("blocked for 15 seconds": rbac-considerations);
 * - Delete without a policy is an idempotent 200; after a real delete the slot keeps the deletion's
 *   revision (a tombstone) that a no-op Delete echoes and that opens the same window.
 * Reads are strongly consistent here (DynamoDB's lag ~1-2 s; serving the new state at once is one
 * of its possible answers).
 */
/** How long a change "applies" (ResourceInUseException); DynamoDB: about 0.6-2.4 s. */
export const POLICY_APPLY_MS = 1_000;
/** Further writes are refused until this long after a change (the recorded and documented 15 s). */
export const POLICY_COOLDOWN_MS = 15_000;
export const NO_POLICY = 'NO_POLICY';

const PREFIX = 'Resource-based policy not found for the provided ResourceArn: ';

export function policyNotFound(message: string): DynamoError {
  return DynamoError.service('PolicyNotFoundException', `${PREFIX}${message}`);
}

/** `table <name>` or `stream <label>` as the messages name the slot (stream wording unverified but for the throttle). */
function subject(target: PolicyTarget): string {
  return target.stream === undefined ? `table ${target.table}` : `stream ${target.stream}`;
}

function current(slot: ResourcePolicyDef | undefined): ResourcePolicyDef | undefined {
  return slot?.document === undefined ? undefined : slot;
}

/** The revision of a deletion still inside its window (it then counts as the slot's revision). */
function tombstone(slot: ResourcePolicyDef | undefined, now: number): string | undefined {
  if (!slot || slot.document !== undefined || slot.changedAt === undefined) return undefined;
  return now - slot.changedAt < POLICY_COOLDOWN_MS ? slot.revisionId : undefined;
}

function checkExpected(slot: ResourcePolicyDef | undefined, expected: string, target: PolicyTarget, now: number, put: boolean): void {
  const live = current(slot);
  if (put && expected === NO_POLICY) {
    if (live) {
      throw policyNotFound(
        `Requested policy update expecting none to be present for ${subject(target)}, but a policy exists with revision id ${live.revisionId}.`,
      );
    }
    return;
  }
  const revision = live?.revisionId ?? tombstone(slot, now);
  if (revision === expected && live) return;
  if (revision !== undefined && revision !== expected) {
    throw policyNotFound(
      `Requested update for policy with revision id ${expected}, but the policy associated to target ${subject(target)} has revision id ${revision}.`,
    );
  }
  // The recording is cut after "has no associated"; the last word is our reading (unverified).
  throw policyNotFound(`Requested update for policy with revision id ${expected}, but ${subject(target)} has no associated policy.`);
}

function checkWindow(slot: ResourcePolicyDef | undefined, target: PolicyTarget, now: number): void {
  if (slot?.changedAt === undefined) return;
  const since = now - slot.changedAt;
  if (since < POLICY_APPLY_MS) {
    const what = target.stream === undefined ? `Table is pending previous resource-based policy update: ${target.table}` : `Stream is pending previous resource-based policy update: ${target.stream}`;
    throw DynamoError.resourceInUse(`Attempt to change a resource which is still in use: ${what}`);
  }
  if (since < POLICY_COOLDOWN_MS) {
    const after = new Date(slot.changedAt + POLICY_COOLDOWN_MS).toISOString();
    throw new DynamoError({
      name: 'ThrottlingException',
      namespace: NS_DYNAMODB,
      message: `Resource-based policy for ${subject(target)} modified within the previous ${POLICY_COOLDOWN_MS} milliseconds. Please try again after ${after}.`,
    });
  }
}

/** Strictly increasing per slot, even for two changes within one millisecond. */
function nextRevision(slot: ResourcePolicyDef | undefined, now: number): string {
  return String(Math.max(now, Number(slot?.revisionId ?? 0) + 1));
}

function beingDeleted(def: TableDef): DynamoError {
  return DynamoError.resourceInUse(`Attempt to change a resource which is still in use: Table is being deleted: ${def.name}`);
}

export interface PutRequest {
  doc: PolicyDocument;
  expected?: string | undefined;
}

/** PutResourcePolicy on a slot: the new slot (the same object for a no-op). */
export function putPolicy(def: TableDef, target: PolicyTarget, slot: ResourcePolicyDef | undefined, req: PutRequest, now: number): ResourcePolicyDef {
  if (req.expected !== undefined) checkExpected(slot, req.expected, target, now, true);
  const live = current(slot);
  // Equivalence is decided on the canonical form, Version taken literally (DDB-TABLE-207, -354); it
  // is a 200 even inside the window and while the table is DELETING (DDB-TABLE-122).
  if (live && live.document === req.doc.text && (live.versionless === true) === req.doc.versionless) return live;
  if (def.status === 'DELETING') throw beingDeleted(def);
  checkWindow(slot, target, now);
  const next: ResourcePolicyDef = { document: req.doc.text, revisionId: nextRevision(slot, now), changedAt: now };
  if (req.doc.versionless) next.versionless = true;
  return next;
}

export interface DeleteOutcome {
  slot: ResourcePolicyDef | undefined;
  /** DeleteResourcePolicy's response. */
  response: { RevisionId?: string };
}

/** DeleteResourcePolicy on a slot. */
export function deletePolicy(def: TableDef, target: PolicyTarget, slot: ResourcePolicyDef | undefined, expected: string | undefined, now: number): DeleteOutcome {
  if (expected !== undefined) checkExpected(slot, expected, target, now, false);
  const live = current(slot);
  if (!live) {
    const tomb = tombstone(slot, now);
    return { slot, response: tomb === undefined ? {} : { RevisionId: tomb } };
  }
  if (def.status === 'DELETING') throw beingDeleted(def);
  checkWindow(slot, target, now);
  return { slot: { revisionId: nextRevision(slot, now), changedAt: now }, response: { RevisionId: live.revisionId } };
}

/** CreateTable's ResourcePolicy: revision = the creation instant (DDB-TABLE-233); no write window (unverified). */
export function createTimePolicy(doc: PolicyDocument, now: number): ResourcePolicyDef {
  const slot: ResourcePolicyDef = { document: doc.text, revisionId: String(now) };
  if (doc.versionless) slot.versionless = true;
  return slot;
}

/** GetResourcePolicy's answer for a slot. */
export function readPolicy(slot: ResourcePolicyDef | undefined, arn: string): { Policy: string; RevisionId: string } {
  const live = current(slot);
  if (!live?.document) throw policyNotFound(arn);
  return { Policy: live.document, RevisionId: live.revisionId };
}

/**
 * DeleteTable while a policy change of the table still applies is refused although the table is
 * ACTIVE (live DynamoDB, October 2026: ack-api-quirks DDB-TABLE-348); undefined when the delete may
 * proceed.
 */
export function pendingPolicyUpdate(def: TableDef, now: number): DynamoError | undefined {
  const changedAt = def.resourcePolicy?.changedAt;
  if (changedAt === undefined || now - changedAt >= POLICY_APPLY_MS) return undefined;
  return DynamoError.resourceInUse(`Attempt to change a resource which is still in use: Table: ${def.name} has a pending resource-based policy update.`);
}
