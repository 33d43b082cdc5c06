import { DynamoError } from '../../protocol/errors.js';
import { INVALID_PREFIX } from '../values/messages.js';
import type { CreateTableInput } from './create-validate.js';
import { DEFAULT_WARM_READ, DEFAULT_WARM_WRITE } from './describe.js';

/** Checks of TableClass and of a new table's WarmThroughput, each with DynamoDB's own message. */

const TABLE_CLASSES = ['STANDARD', 'STANDARD_INFREQUENT_ACCESS'];

/**
 * DynamoDB does not list TableClass among the generic enum checks ("Member must satisfy enum value
 * set"); CreateTable and UpdateTable answer an unknown (or lower-case) class with this message.
 */
export function validateTableClass(tableClass: string | undefined): void {
  if (tableClass === undefined || TABLE_CLASSES.includes(tableClass)) return;
  throw DynamoError.validation(
    `Invalid table-class parameter provided. Please try again with a valid table-class value: [${TABLE_CLASSES.join(', ')}].`,
  );
}

const ON_DEMAND_INITIAL_URL =
  'https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/on-demand-capacity-mode.html#on-demand-capacity-mode-initial';

/**
 * A table's WarmThroughput starts at what it can already serve: 12000/4000 units for on-demand, its
 * provisioned capacity otherwise; CreateTable refuses to configure less (recorded from DynamoDB).
 */
export function validateWarmOnCreate(input: CreateTableInput): void {
  const ppr = input.BillingMode === 'PAY_PER_REQUEST';
  // An on-demand GSI has the same floor (live DynamoDB, October 2026: ack-api-quirks DDB-TABLE-128).
  for (const gsi of ppr ? (input.GlobalSecondaryIndexes ?? []) : []) {
    for (const [unit, value, floor] of [
      ['ReadUnitsPerSecond', gsi.WarmThroughput?.ReadUnitsPerSecond, DEFAULT_WARM_READ],
      ['WriteUnitsPerSecond', gsi.WarmThroughput?.WriteUnitsPerSecond, DEFAULT_WARM_WRITE],
    ] as const) {
      if (value === undefined || value >= floor) continue;
      throw DynamoError.validation(
        `${INVALID_PREFIX}Requested ${unit} for WarmThroughput for index ${gsi.IndexName} is lower than initial throughput for OnDemand. See: ${ON_DEMAND_INITIAL_URL}`,
      );
    }
  }
  const w = input.WarmThroughput;
  if (!w) return;
  const pt = input.ProvisionedThroughput;
  for (const [unit, value, floor, capacity] of [
    ['ReadUnitsPerSecond', w.ReadUnitsPerSecond, ppr ? DEFAULT_WARM_READ : (pt?.ReadCapacityUnits ?? 0), 'ReadCapacityUnits'],
    ['WriteUnitsPerSecond', w.WriteUnitsPerSecond, ppr ? DEFAULT_WARM_WRITE : (pt?.WriteCapacityUnits ?? 0), 'WriteCapacityUnits'],
  ] as const) {
    if (value === undefined || value >= floor) continue;
    const why = ppr ? `initial throughput for OnDemand. See: ${ON_DEMAND_INITIAL_URL}` : `${capacity} of ProvisionedThroughput`;
    throw DynamoError.validation(`${INVALID_PREFIX}Requested ${unit} for WarmThroughput for table is lower than ${why}`);
  }
}
