import type { OperationHandler } from '../../server/context.js';

/** DescribeEndpoints: the regional endpoint, cached for a day (as DynamoDB answers). */
export const handler: OperationHandler = async (ctx) => ({
  Endpoints: [{ Address: `dynamodb.${ctx.region}.amazonaws.com`, CachePeriodInMinutes: 1440 }],
});
