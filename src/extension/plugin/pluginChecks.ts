import { analyzeSql, checkPlugin, fetchPluginCatalog, type PluginCatalog, type SqlAnalysis } from '../../core/plugin';
import type { PluginSchemaSource } from '../../core/plugin/assist/complete';
import type { Services } from '../services';
import type { PluginChecker } from './pluginDiagnostics';

/** SQL analyses kept between checks: an edit re-analyses only the query whose SQL changed. */
function memoisedAnalyzeSql(limit = 2_000): (sql: string) => SqlAnalysis {
  const analyses = new Map<string, SqlAnalysis>();
  return (sql) => {
    let analysis = analyses.get(sql);
    if (!analysis) {
      if (analyses.size >= limit) analyses.clear();
      analysis = analyzeSql(sql);
      analyses.set(sql, analysis);
    }
    return analysis;
  };
}

/**
 * core's checks over the active connection's catalog (the schema service: one fetch and retry
 * policy, never starting the Local sandbox), or the built-in catalog while the connection cannot
 * list its tables.
 */
export function pluginChecker(services: Pick<Services, 'schema' | 'sandbox' | 'active'>): PluginChecker {
  const analyze = memoisedAnalyzeSql();
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
