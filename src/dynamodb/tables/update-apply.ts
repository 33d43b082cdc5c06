import { DynamoError } from '../../protocol/errors.js';
import { newStream, sseDef } from './build.js';
import { INVALID, validateOnDemand, type OnDemandInput, type ThroughputInput, type WarmInput } from './create-validate.js';
import { applyDeletionProtection } from './deletion-protection.js';
import { DEFAULT_WARM_READ, DEFAULT_WARM_WRITE, shownStatus } from './describe.js';
import { applyGsiCreateDelete, checkGsiCreateDeleteAdmission } from './gsi-updates.js';
import type { TableDef } from './table-types.js';
import { checkDecreaseBudget } from './transitions.js';
import { refuseWhileBusy } from './update-admission.js';
import { onlyMember, warmGiven, type GsiUpdateInput, type UpdateTableInput } from './update-validate.js';

/**
 * UpdateTable's effect on a table's metadata: pure, run inside the catalog transaction. Returns
 * the status the response shows (UPDATING for accepted no-op re-sends, as DynamoDB).
 */
const MAX_TABLE_CLASS_CHANGES = 2;
const TABLE_CLASS_WINDOW_MS = 30 * 24 * 3600 * 1000;

function unchanged(what: string, current: { read: number; write: number }, requested: ThroughputInput): DynamoError {
  return DynamoError.validation(
    `The provisioned throughput for ${what} will not change. The requested value equals the current value. Current ReadCapacityUnits provisioned for ${what}: ${current.read}. Requested ReadCapacityUnits: ${requested.ReadCapacityUnits}. Current WriteCapacityUnits provisioned for ${what}: ${current.write}. Requested WriteCapacityUnits: ${requested.WriteCapacityUnits}. Refer to the Amazon DynamoDB Developer Guide for current limits and how to request higher limits.`,
  );
}

function gsiThroughputUpdates(def: TableDef, updates: GsiUpdateInput[], ppr: boolean): Map<string, ThroughputInput> {
  const out = new Map<string, ThroughputInput>();
  for (const u of updates) {
    if (!u.Update) continue;
    const name = u.Update.IndexName;
    const gsi = def.gsis.find((g) => g.name === name);
    if (!gsi) {
      if (def.lsis.some((l) => l.name === name)) {
        throw DynamoError.validation(`Cannot update an index that is not a GlobalSecondaryIndex: ${name}`);
      }
      // Recorded from DynamoDB (2026 probe): "Requested resource not found: Index ghost for table T".
      throw DynamoError.resourceNotFound(`Requested resource not found: Index ${name} for table ${def.name}`);
    }
    const pt = u.Update.ProvisionedThroughput;
    if (ppr && pt) {
      throw DynamoError.validation(
        `${INVALID}Neither ReadCapacityUnits nor WriteCapacityUnits can be specified for index: ${name} when BillingMode is PAY_PER_REQUEST`,
      );
    }
    if (pt) out.set(name, pt);
    const od = u.Update.OnDemandThroughput;
    const odGiven = od !== undefined && (od.MaxReadRequestUnits !== undefined || od.MaxWriteRequestUnits !== undefined);
    const warm = u.Update.WarmThroughput;
    // Recorded on live DynamoDB, October 2026 (ack-api-quirks DDB-TABLE-457): an Update naming only
    // the index, or an empty OnDemandThroughput, changes nothing an on-demand index can change.
    if (ppr && !pt && !odGiven && !warmGiven(warm)) {
      throw DynamoError.validation(
        `${INVALID}The only Updates for index: ${name} when TableThroughputMode is PAY_PER_REQUEST can be to OnDemandThroughput, WarmThroughput`,
      );
    }
    if (od && odGiven) {
      validateOnDemand(od, ppr, `index : ${name}`, true);
      setOnDemand(gsi, mergedOnDemand(gsi.onDemand, od));
    }
    if (warmGiven(warm)) gsi.warm = raisedIndexWarm(gsi.warm, warm, name);
  }
  return out;
}

type OnDemandDef = NonNullable<TableDef['onDemand']>;

/**
 * OnDemandThroughput merges member by member; -1 removes a limit, and with both removed the
 * structure is gone (live DynamoDB, October 2026: ack-api-quirks DDB-TABLE-178, DDB-TABLE-182).
 */
function mergedOnDemand(current: OnDemandDef | undefined, od: OnDemandInput): OnDemandDef | undefined {
  const pick = (requested: number | undefined, kept: number | undefined) => (requested === -1 ? undefined : (requested ?? kept));
  const maxRead = pick(od.MaxReadRequestUnits, current?.maxRead);
  const maxWrite = pick(od.MaxWriteRequestUnits, current?.maxWrite);
  if (maxRead === undefined && maxWrite === undefined) return undefined;
  const out: OnDemandDef = {};
  if (maxRead !== undefined) out.maxRead = maxRead;
  if (maxWrite !== undefined) out.maxWrite = maxWrite;
  return out;
}

function setOnDemand(holder: { onDemand?: OnDemandDef }, od: OnDemandDef | undefined): void {
  if (od) holder.onDemand = od;
  else delete holder.onDemand;
}

/** An index's WarmThroughput only grows, as the table's (DDB-TABLE-457: "... for index gsi1 is lower ..."). */
function raisedIndexWarm(current: { read?: number; write?: number } | undefined, w: WarmInput, name: string): { read: number; write: number } {
  const read = w.ReadUnitsPerSecond ?? current?.read ?? DEFAULT_WARM_READ;
  const write = w.WriteUnitsPerSecond ?? current?.write ?? DEFAULT_WARM_WRITE;
  for (const [unit, requested, now] of [
    ['ReadUnitsPerSecond', read, current?.read ?? DEFAULT_WARM_READ],
    ['WriteUnitsPerSecond', write, current?.write ?? DEFAULT_WARM_WRITE],
  ] as const) {
    if (requested < now) {
      throw DynamoError.validation(
        `${INVALID}Requested ${unit} for WarmThroughput for index ${name} is lower than current WarmThroughput, decreasing WarmThroughput is not supported`,
      );
    }
  }
  return { read, write };
}

function startUpdating(def: TableDef, now: number, delayMs: number, updating: NonNullable<TableDef['updating']>): void {
  def.status = 'UPDATING';
  def.pendingUntil = now + delayMs;
  def.updating = updating;
}

/** Billing mode, table and GSI throughput, OnDemandThroughput. Returns true when something was requested. */
function applyCapacity(def: TableDef, input: UpdateTableInput, now: number, delayMs: number): boolean {
  const target = input.BillingMode ?? def.billingMode;
  const switching = target !== def.billingMode;
  const gsiPts = gsiThroughputUpdates(def, input.GlobalSecondaryIndexUpdates ?? [], target === 'PAY_PER_REQUEST');
  if (target === 'PAY_PER_REQUEST') {
    if (input.ProvisionedThroughput) {
      // A provisioned table switching with a ProvisionedThroughput gets its own text (live DynamoDB,
      // October 2026: ack-api-quirks DDB-TABLE-056).
      throw DynamoError.validation(
        switching
          ? `${INVALID}ProvisionedThroughput cannot be specified when BillingMode is PAY_PER_REQUEST`
          : `${INVALID}Neither ReadCapacityUnits nor WriteCapacityUnits can be specified when BillingMode is PAY_PER_REQUEST`,
      );
    }
    validateOnDemand(input.OnDemandThroughput, true, 'table', true);
    const od = input.OnDemandThroughput;
    // An empty OnDemandThroughput on its own is an HTTP 500 InternalFailure on live DynamoDB,
    // deterministically (ack-api-quirks DDB-TABLE-051, DDB-TABLE-457); beside BillingMode it passes.
    if (od && od.MaxReadRequestUnits === undefined && od.MaxWriteRequestUnits === undefined && input.BillingMode === undefined) {
      throw DynamoError.coral('InternalFailure', undefined, 500);
    }
    if (od) setOnDemand(def, mergedOnDemand(def.onDemand, od));
    if (switching) {
      def.billingMode = 'PAY_PER_REQUEST';
      def.lastUpdateToPayPerRequest = now;
      startUpdating(def, now, delayMs, { kind: 'billing' });
    } else {
      // An index's OnDemandThroughput change holds that index (not the table) UPDATING for a
      // moment (live DynamoDB, October 2026: ack-api-quirks DDB-TABLE-135).
      const changed = (input.GlobalSecondaryIndexUpdates ?? []).flatMap((u) => {
        const od = u.Update?.OnDemandThroughput;
        return od && (od.MaxReadRequestUnits !== undefined || od.MaxWriteRequestUnits !== undefined) ? [u.Update?.IndexName] : [];
      });
      if (changed.length > 0) {
        startUpdating(def, now, delayMs, { kind: 'throughput', gsiProvisioned: {} });
        for (const gsi of def.gsis) if (changed.includes(gsi.name) && gsi.status === 'ACTIVE') gsi.status = 'UPDATING';
      }
    }
    // A table-level OnDemandThroughput change is synchronous: the answer says ACTIVE (DDB-TABLE-051).
    return input.BillingMode !== undefined || gsiPts.size > 0;
  }
  validateOnDemand(input.OnDemandThroughput, false, 'table', true);
  const pt = input.ProvisionedThroughput;
  if (switching) {
    if (!pt) throw DynamoError.validation(`${INVALID}ProvisionedThroughput must be specified when BillingMode is PROVISIONED`);
    for (const gsi of def.gsis) {
      const gpt = gsiPts.get(gsi.name);
      if (!gpt) throw DynamoError.validation(`${INVALID}ProvisionedThroughput must be specified for index: ${gsi.name}`);
      gsi.provisioned = { read: gpt.ReadCapacityUnits ?? 0, write: gpt.WriteCapacityUnits ?? 0, decreasesToday: 0 };
      // The indexes' on-demand maxima go with the table's (DDB-TABLE-153).
      delete gsi.onDemand;
    }
    def.billingMode = 'PROVISIONED';
    def.provisioned = { read: pt.ReadCapacityUnits ?? 0, write: pt.WriteCapacityUnits ?? 0, decreasesToday: 0 };
    delete def.onDemand;
    startUpdating(def, now, delayMs, { kind: 'billing' });
    return true;
  }
  const updating: NonNullable<TableDef['updating']> = { kind: 'throughput' };
  if (pt) {
    if (pt.ReadCapacityUnits === def.provisioned.read && pt.WriteCapacityUnits === def.provisioned.write) {
      throw unchanged('the table', def.provisioned, pt);
    }
    updating.provisioned = { read: pt.ReadCapacityUnits ?? def.provisioned.read, write: pt.WriteCapacityUnits ?? def.provisioned.write };
    checkDecreaseBudget(def.provisioned, updating.provisioned, now);
  }
  for (const [name, gpt] of gsiPts) {
    const current = def.gsis.find((g) => g.name === name)?.provisioned ?? { read: 0, write: 0, decreasesToday: 0 };
    if (gpt.ReadCapacityUnits === current.read && gpt.WriteCapacityUnits === current.write) {
      throw unchanged(`the index ${name}`, current, gpt);
    }
    (updating.gsiProvisioned ??= {})[name] = { read: gpt.ReadCapacityUnits ?? current.read, write: gpt.WriteCapacityUnits ?? current.write };
    // Each index has a decrease budget of its own (DDB-TABLE-157).
    checkDecreaseBudget(current, updating.gsiProvisioned[name], now);
  }
  if (updating.provisioned || updating.gsiProvisioned) {
    startUpdating(def, now, delayMs, updating);
    // Indexes whose throughput alone changes are UPDATING themselves (DDB-TABLE-165).
    if (!updating.provisioned) {
      for (const gsi of def.gsis) if (updating.gsiProvisioned?.[gsi.name] && gsi.status === 'ACTIVE') gsi.status = 'UPDATING';
    }
    return true;
  }
  return input.BillingMode !== undefined;
}

function applyStream(def: TableDef, input: UpdateTableInput, now: number, delayMs: number): void {
  const spec = input.StreamSpecification;
  if (!spec) return;
  if (spec.StreamEnabled) {
    if (def.stream?.enabled) throw DynamoError.validation(`Table already has an enabled stream: TableName: ${def.name}`);
    def.stream = newStream(def, spec.StreamViewType ?? 'NEW_AND_OLD_IMAGES', now);
    startUpdating(def, now, delayMs, { kind: 'stream', streamOperation: 'ENABLE' });
    return;
  }
  if (!def.stream?.enabled) throw DynamoError.validation(`Table has no stream to disable: TableName: ${def.name}`);
  def.previousStreams = [...(def.previousStreams ?? []), { ...def.stream, enabled: false }];
  delete def.stream;
  startUpdating(def, now, delayMs, { kind: 'stream', streamOperation: 'DISABLE' });
}

const SSE_WINDOW_MS = 24 * 3600 * 1000;
const SSE_FREE_CHANGES = 4;
const SSE_INTERVAL_S = 21600;

/**
 * Encryption changes are limited per table: 4 in a 24 h window opened by the first one, then one
 * per 21600 s; the quota is checked before the key (live DynamoDB, October 2026: ack-api-quirks
 * DDB-TABLE-081, DDB-TABLE-142). What follows "Last change at" in DynamoDB's text was not recorded
 * in full; Eddy ends it with the time.
 */
function countSseChange(def: TableDef, now: number): void {
  const opened = def.sseChanges?.[0];
  // A window ends 24 h after the change that opened it; the next change opens a new one.
  const changes = opened !== undefined && now < opened + SSE_WINDOW_MS ? (def.sseChanges ?? []) : [];
  const last = changes[changes.length - 1];
  if (opened !== undefined && last !== undefined && changes.length >= SSE_FREE_CHANGES && now - last < SSE_INTERVAL_S * 1000) {
    throw DynamoError.limitExceeded(
      `Subscriber limit exceeded: Encryption mode changes are limited in the 24h window ending at ${new Date(opened + SSE_WINDOW_MS).toISOString()}. ` +
        `After the first ${SSE_FREE_CHANGES} change, each subsequent change in the same window can be performed at most once every ${SSE_INTERVAL_S} seconds. ` +
        `Number of updates today: ${changes.length}. Last change at ${new Date(last).toISOString()}`,
    );
  }
  def.sseChanges = [...changes, now];
}

function applySse(def: TableDef, input: UpdateTableInput, now: number): void {
  const spec = input.SSESpecification;
  if (!spec) return;
  countSseChange(def, now);
  const next = sseDef(def, spec);
  if (!next) {
    if (!def.sse?.enabled) throw DynamoError.validation(`${INVALID}Table is already encrypted by default`);
    delete def.sse;
    return;
  }
  // Only the key's exact ARN is refused as a no-op; its alias or key id re-encrypts (live DynamoDB,
  // October 2026: ack-api-quirks DDB-TABLE-078, DDB-TABLE-082).
  if (def.sse?.enabled && spec.KMSMasterKeyId !== undefined && def.sse.kmsKeyArn === spec.KMSMasterKeyId) {
    throw DynamoError.validation(
      `${INVALID}Table is already encrypted with given KMSMasterKeyId. Use KMSMasterKeyId parameter if you want to change Master Key`,
    );
  }
  def.sse = next;
}

function applyWarm(def: TableDef, input: UpdateTableInput): void {
  const w = input.WarmThroughput;
  if (!w) return;
  const read = w.ReadUnitsPerSecond ?? def.warm?.read ?? DEFAULT_WARM_READ;
  const write = w.WriteUnitsPerSecond ?? def.warm?.write ?? DEFAULT_WARM_WRITE;
  for (const [unit, requested, current] of [
    ['ReadUnitsPerSecond', read, def.warm?.read ?? DEFAULT_WARM_READ],
    ['WriteUnitsPerSecond', write, def.warm?.write ?? DEFAULT_WARM_WRITE],
  ] as const) {
    if (requested < current) {
      throw DynamoError.validation(
        `${INVALID}Requested ${unit} for WarmThroughput for table is lower than current WarmThroughput, decreasing WarmThroughput is not supported`,
      );
    }
  }
  def.warm = { read, write, status: 'ACTIVE' };
}

/** Applies a validated UpdateTable to `def` (a mutable copy); returns the status to show. */
export function applyUpdate(def: TableDef, input: UpdateTableInput, now: number, delayMs: number): string {
  if (refuseWhileBusy(def, input) === 'dropped') return 'UPDATING';
  if (input.DeletionProtectionEnabled !== undefined) {
    // Synchronous in DynamoDB: the table stays ACTIVE; 15 s between changes.
    applyDeletionProtection(def, input.DeletionProtectionEnabled, now);
    return def.status;
  }
  if (input.SSESpecification) {
    applySse(def, input, now);
    return def.status;
  }
  if (input.TableClass !== undefined) {
    const recent = (def.tableClassChanges ?? []).filter((t) => now - t < TABLE_CLASS_WINDOW_MS);
    // Two class changes per table in 30 days; once spent, even a no-op re-send is refused (live
    // DynamoDB, October 2026: ack-api-quirks DDB-TABLE-283).
    if (recent.length >= MAX_TABLE_CLASS_CHANGES) {
      throw DynamoError.limitExceeded(`Subscriber limit exceeded: Updates to TableClass are limited to ${MAX_TABLE_CLASS_CHANGES} times in 30 day(s).`);
    }
    // A re-send of the current class (explicit or not) is a no-op whose answer says UPDATING while
    // DescribeTable stays ACTIVE (DDB-TABLE-177); it does not count.
    if (input.TableClass === def.tableClass) return def.status === 'ACTIVE' ? 'UPDATING' : def.status;
    def.tableClassChanges = [...recent, now];
    startUpdating(def, now, delayMs, { kind: 'tableClass', tableClass: input.TableClass as TableDef['tableClass'] });
    return def.status;
  }
  if (warmGiven(input.WarmThroughput)) {
    applyWarm(def, input);
    return def.status;
  }
  // An empty WarmThroughput on its own is an HTTP 500 InternalFailure on live DynamoDB,
  // deterministically; beside another member it is ignored (ack-api-quirks DDB-TABLE-456).
  if (input.WarmThroughput !== undefined && onlyMember(input, 'WarmThroughput')) throw DynamoError.coral('InternalFailure', undefined, 500);
  const wasUpdating = def.status === 'UPDATING';
  checkGsiCreateDeleteAdmission(def, input);
  const requested = applyCapacity(def, input, now, delayMs);
  applyStream(def, input, now, delayMs);
  applyGsiCreateDelete(def, input, now, delayMs);
  if (requested && !wasUpdating && def.status === 'ACTIVE') return 'UPDATING';
  return shownStatus(def);
}
