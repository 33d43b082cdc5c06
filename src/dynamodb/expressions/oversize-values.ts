/**
 * UpdateItem's ExpressionAttributeValues in a request body over 400 KB, which may hold a value
 * that makes the statement charge (update-charge.ts) refuse the update. Validating such a value
 * builds a normalized copy (a map of 600k entries, a set of a million members: sorted), and the
 * charge then walks it again to size it: seconds for a request that is refused.
 *
 * Here each value is measured instead (values/measure.ts: the same checks, order and first error,
 * and its size). A map, list or set of more than STAND_IN_FROM bytes that the ConditionExpression
 * does not name is stood in for by an empty value of its type: until the charge, an
 * UpdateExpression's values are only looked at for their type (resolve-update.ts,
 * update-table-checks.ts), so every error before it is the same. If the charge is over the limit
 * whatever the stored item holds (minimumStatementCharge, the stand-ins at their measured sizes),
 * the request is refused there; otherwise the caller prepares the expressions again from the
 * request (the ordinary path), so the stand-ins never reach a condition, an update or an item.
 */
import { measureAttributeValue } from '../values/measure.js';
import { MAX_ITEM_SIZE_BYTES } from '../values/size.js';
import type { AttributeValue } from '../values/types.js';
import { validateAttributeValue } from '../values/validate.js';
import type { CompiledUpdate } from './compiled.js';
import type { ValueBuilder } from './placeholders.js';
import { minimumStatementCharge } from './update-charge.js';
import { attributeValueSize } from '../values/size.js';

/** Values this small are built as usual (cheap, and never what makes a request oversize alone). */
const STAND_IN_FROM = 1024;

const CONTAINERS = ['M', 'L', 'SS', 'NS', 'BS'] as const;

function emptyOf(type: (typeof CONTAINERS)[number]): AttributeValue {
  switch (type) {
    case 'M':
      return { M: {} };
    case 'L':
      return { L: [] };
    case 'SS':
      return { SS: [] };
    case 'NS':
      return { NS: [] };
    case 'BS':
      return { BS: [] };
  }
}

/** The container or set type of a measured (so valid) value, if it is one. */
function containerType(raw: unknown): (typeof CONTAINERS)[number] | undefined {
  const v = raw as Record<string, unknown>;
  for (const t of CONTAINERS) if (Object.hasOwn(v, t) && v[t] !== null && v[t] !== undefined) return t;
  return undefined;
}

export class OversizeValues {
  /** Each stand-in's measured size (attributeValueSize of the value it stands in for). */
  private readonly sizes = new Map<AttributeValue, number>();

  constructor(private readonly condition: unknown) {}

  /** True if a value was stood in for (the expressions must be prepared again unless refused). */
  get stoodIn(): boolean {
    return this.sizes.size > 0;
  }

  readonly build: ValueBuilder = (raw, key, level) => {
    const size = measureAttributeValue(raw, level ?? 1);
    const type = size > STAND_IN_FROM ? containerType(raw) : undefined;
    // A value the condition may name is built: conditions look at values (BETWEEN, attribute_type).
    if (type === undefined || (typeof this.condition === 'string' && this.condition.includes(key))) {
      return validateAttributeValue(raw, level === undefined ? undefined : { level });
    }
    const standIn = emptyOf(type);
    this.sizes.set(standIn, size);
    return standIn;
  };

  /** True if the statement charge of `update` (prepared with the stand-ins) is surely over the limit. */
  surelyOverCharge(update: CompiledUpdate | undefined): boolean {
    if (update === undefined || update.legacy === true || !this.stoodIn) return false;
    return minimumStatementCharge(update, (v) => this.sizes.get(v) ?? attributeValueSize(v)) > MAX_ITEM_SIZE_BYTES;
  }
}
