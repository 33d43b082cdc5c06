export { openPostgresEngine, type PostgresEngineOptions } from './postgres-engine.js';
