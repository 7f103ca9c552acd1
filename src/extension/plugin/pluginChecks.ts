import { catalogKeys, type TableSummary } from '../../core/catalog';
import type { PluginCatalog, PluginCheckOptions, PluginSchemaSource } from '../../core/plugin';
import type { TableMetadata } from '../../core/schema';
import type { Services } from '../services';
import { pluginCore } from './pluginCore';
import type { PluginChecker } from './pluginDiagnostics';

/**
 * core's checks over what the active connection's catalog already holds (fetched by the tree or
 * completion, or persisted), or the built-in catalog while it holds no table list. Checking never
 * starts a fetch: it runs for every plugin on screen, and a fetch it started would be shared with
 * (and aborted under) the views that asked for the same part.
 */
export function pluginChecker(services: Pick<Services, 'schema' | 'sandbox' | 'active'>): PluginChecker {
  // An edit re-analyses (and translates for the sandbox) only the query whose SQL changed. Made on
  // the first check: activation loads no plugin code.
  let sqlTools: Omit<PluginCheckOptions, 'catalog'> | undefined;
  const known: PluginSchemaSource = {
    tables: async () => services.schema.catalogs.peek<TableSummary[]>(services.active.name, catalogKeys.tables),
    columns: async (table) => services.schema.catalogs.peek<TableMetadata>(services.active.name, catalogKeys.table(table))?.columns,
  };
  return async ({ plugin }) => {
    const { checkPlugin, fetchPluginCatalog, memoizedSandboxRefusal, memoizedSqlAnalysis } = pluginCore();
    sqlTools ??= { analyzeSql: memoizedSqlAnalysis(), sandboxRefusal: memoizedSandboxRefusal() };
    const catalog = (await fetchPluginCatalog(`the catalog of '${services.active.name}'`, known, plugin)) ?? services.sandbox.builtInCatalog();
    return checkPlugin(plugin, { catalog, ...sqlTools });
  };
}

/** What plugin completion and hover read: the connection's tables and columns, the built-in catalog while it has none. */
export function pluginSchemaSource(live: PluginSchemaSource, builtIn: () => PluginCatalog): PluginSchemaSource {
  return {
    tables: async () => (await live.tables().catch(() => undefined)) ?? builtIn().tables().map((name) => ({ name })),
    columns: async (table) => (await live.columns(table).catch(() => undefined)) ?? builtIn().columns(table),
  };
}
