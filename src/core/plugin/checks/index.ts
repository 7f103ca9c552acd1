// The checks of a plugin's files, one list for `psdev plugin check` and the editor. Never imports vscode.
export { checkPlugin, pluginChecks, type PluginCheckOptions } from './checkPlugin';
export { fetchPluginCatalog, pluginCatalog, tablesNamedBy, type CatalogTableColumns, type PluginCatalog } from './catalog';
export { grantFix, missingGrants, type MissingGrant } from './grantChecks';
export type { CheckContext } from './context';
