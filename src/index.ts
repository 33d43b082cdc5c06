/**
 * Eddy's public embedding API.
 *
 * ```ts
 * const eddy = await startEddy({ port: 0, inMemory: true });
 * // point the AWS SDK at eddy.endpoint
 * await eddy.stop();
 * ```
 */
export { startEddy, DEFAULT_PORT, DEFAULT_HOST, DEFAULT_DATA_DIR } from './server/start.js';
export type { Eddy, StartOptions } from './server/start.js';
export type { EddyConfig, Logger, LogLevel, OperationHandler, RequestContext, Services } from './server/context.js';
export { SystemClock, ManualClock } from './shared/clock.js';
export type { Clock, TimerHandle } from './shared/clock.js';
export { DynamoError } from './protocol/errors.js';
export type { StorageEngine } from './storage/engine.js';
