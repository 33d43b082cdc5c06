import type { OperationHandler } from '../../server/context.js';

/** DescribeLimits: DynamoDB's default provisioned-capacity quotas of an account and region. */
export const ACCOUNT_MAX_CAPACITY_UNITS = 80000;
export const TABLE_MAX_CAPACITY_UNITS = 40000;

export const handler: OperationHandler = async () => ({
  AccountMaxReadCapacityUnits: ACCOUNT_MAX_CAPACITY_UNITS,
  AccountMaxWriteCapacityUnits: ACCOUNT_MAX_CAPACITY_UNITS,
  TableMaxReadCapacityUnits: TABLE_MAX_CAPACITY_UNITS,
  TableMaxWriteCapacityUnits: TABLE_MAX_CAPACITY_UNITS,
});
