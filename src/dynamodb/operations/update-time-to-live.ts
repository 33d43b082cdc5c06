import { DynamoError } from '../../protocol/errors.js';
import type { OperationHandler } from '../../server/context.js';
import { manager } from '../tables/manager.js';
import type { TableDef } from '../tables/table-types.js';

interface TtlSpecification {
  AttributeName: string;
  Enabled: boolean;
}

/** The TTL change, or DynamoDB's refusal (messages recorded from DynamoDB). */
function applyTtl(def: TableDef, spec: TtlSpecification, now: number, cooldownMs: number): void {
  const enabled = def.ttl?.status === 'ENABLED' || def.ttl?.status === 'ENABLING';
  if (enabled && def.ttl && def.ttl.attributeName !== spec.AttributeName) {
    throw DynamoError.validation(`TimeToLive is active on a different AttributeName: current AttributeName is ${def.ttl.attributeName}`);
  }
  if (spec.Enabled && enabled) throw DynamoError.validation('TimeToLive is already enabled');
  if (!spec.Enabled && !enabled) throw DynamoError.validation('TimeToLive is already disabled');
  if (cooldownMs > 0 && def.ttlModifiedAt !== undefined && now - def.ttlModifiedAt < cooldownMs) {
    throw DynamoError.validation('Time to live has been modified multiple times within a fixed interval');
  }
  def.ttl = { attributeName: spec.AttributeName, status: spec.Enabled ? 'ENABLED' : 'DISABLED' };
  def.ttlModifiedAt = now;
}

/** UpdateTimeToLive: enables or disables TTL on an attribute; takes effect at once. */
export const handler: OperationHandler = async (ctx, input) => {
  const tables = manager(ctx);
  const name = input.TableName as string;
  const spec = input.TimeToLiveSpecification as TtlSpecification;
  const cooldown = ctx.services.config.ttlModifyCooldownMs ?? 0;
  await tables.mutate(ctx, name, (def, now) => {
    // A CREATING table is unknown to UpdateTimeToLive (recorded from DynamoDB).
    if (def.status === 'CREATING') throw tables.notFound(name);
    if (def.status === 'DELETING') throw DynamoError.resourceInUse('Attempt to change a resource which is still in use');
    applyTtl(def, spec, now, cooldown);
    return def;
  });
  return { TimeToLiveSpecification: { AttributeName: spec.AttributeName, Enabled: spec.Enabled } };
};
