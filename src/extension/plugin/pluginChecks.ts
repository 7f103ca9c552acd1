import { checkPlugin, fetchPluginCatalog, memoizedSqlAnalysis, type PluginCatalog } from '../../core/plugin';
import type { PluginSchemaSource } from '../../core/plugin/assist/complete';
import type { Services } from '../services';
import type { PluginChecker } from './pluginDiagnostics';

/**
 * core's checks over the active connection's catalog (the schema service: one fetch and retry
 * policy, never starting the Local sandbox), or the built-in catalog while the connection cannot
 * list its tables.
 */
export function pluginChecker(services: Pick<Services, 'schema' | 'sandbox' | 'active'>): PluginChecker {
  // An edit re-analyses only the query whose SQL changed.
  const analyze = memoizedSqlAnalysis();
  return async ({ plugin }) => {
    const catalog = (await fetchPluginCatalog(`the catalog of '${services.active.name}'`, services.schema, plugin)) ?? services.sandbox.builtInCatalog();
    return checkPlugin(plugin, { catalog, analyzeSql: analyze });
  };
}

/** What plugin completion and hover read: the connection's tables and columns, the built-in catalog while it has none. */
export function pluginSchemaSource(live: PluginSchemaSource, builtIn: () => PluginCatalog): PluginSchemaSource {
  return {
    tables: async () => (await live.tables().catch(() => undefined)) ?? builtIn().tables().map((name) => ({ name })),
    columns: async (table) => (await live.columns(table).catch(() => undefined)) ?? builtIn().columns(table),
  };
}
