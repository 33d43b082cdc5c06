import { DynamoError } from '../../protocol/errors.js';
import type { RequestContext } from '../../server/context.js';
import { TableManager } from './catalog.js';

/** The server's TableManager (Services.tables is typed as the narrower TableCatalog contract). */
export function manager(ctx: RequestContext): TableManager {
  const tables = ctx.services.tables;
  if (!(tables instanceof TableManager)) throw DynamoError.internal('table catalog is not a TableManager');
  return tables;
}
