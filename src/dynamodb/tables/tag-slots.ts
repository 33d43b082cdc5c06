import { DynamoError } from '../../protocol/errors.js';
import { resourceArnNotFound, type TagTarget } from './resource-arn.js';
import type { StreamDef, TableDef } from './table-types.js';

/**
 * Where the tagging APIs read and write tags. A table ARN names the table's tags. The ARN of the
 * table's live stream (its LatestStreamArn while the stream is enabled) names a slot of its own:
 * ListTagsOfResource answers it with an empty list at first, and TagResource on it does not tag the
 * table (live DynamoDB, October 2026: ack-api-quirks DDB-TABLE-373). Any other stream ARN is "not
 * found" (DDB-TABLE-071). The table's state gates both slots alike: CREATING is "not found"
 * (DDB-TABLE-101), DELETING refuses writes (DDB-TABLE-104); for a stream slot that part is unprobed.
 */
export function slotTags(def: TableDef, target: TagTarget, arn: string): Record<string, string> {
  if (def.status === 'CREATING') throw resourceArnNotFound(arn);
  if (target.stream === undefined) return def.tags;
  const live = def.stream;
  if (!live?.enabled || live.label !== target.stream) throw resourceArnNotFound(arn);
  return live.tags ?? {};
}

/** Checks that `def` takes a tag write, then returns its current tags in the slot `target` names. */
export function writableSlotTags(def: TableDef, target: TagTarget, arn: string): Record<string, string> {
  const tags = slotTags(def, target, arn);
  if (def.status === 'DELETING') {
    throw DynamoError.resourceInUse(`Attempt to change a resource which is still in use: Table is being deleted: ${def.name}`);
  }
  return tags;
}

/** Stores `tags` in the slot `target` names (checked by writableSlotTags first). */
export function setSlotTags(def: TableDef, target: TagTarget, tags: Record<string, string>): void {
  if (target.stream === undefined) {
    def.tags = tags;
    return;
  }
  if (!def.stream) return;
  const stream: StreamDef = { ...def.stream, tags };
  if (!Object.keys(tags).length) delete stream.tags;
  def.stream = stream;
}
