import type { Plugin, PluginFinding } from '../model';
import type { PluginCatalog } from './catalog';
import { catalogChecks } from './catalogChecks';
import { checkContext, type CheckContext, type SqlTools } from './context';
import { extensionChecks } from './extensionChecks';
import { grantChecks } from './grantChecks';
import { permissionChecks } from './permissionChecks';
import { bindChecks, columnCountChecks, queryNameChecks, sandboxSqlChecks } from './queryChecks';

/** The one list of plugin checks; `psdev plugin check` and the editor both run it. */
export const pluginChecks: readonly ((context: CheckContext) => PluginFinding[])[] = [
  queryNameChecks, bindChecks, columnCountChecks, sandboxSqlChecks, grantChecks, catalogChecks, permissionChecks, extensionChecks,
];

export interface PluginCheckOptions extends SqlTools {
  /** Tables and columns to compare names against (the connection's, or the built-in catalog offline); none: names are not checked. */
  readonly catalog?: PluginCatalog;
}

/** What reading found plus every check, ordered by file and position. */
export function checkPlugin(plugin: Plugin, options: PluginCheckOptions = {}): PluginFinding[] {
  const context = checkContext(plugin, options.catalog, options);
  const findings = [...plugin.findings, ...pluginChecks.flatMap((check) => check(context))];
  return findings.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.range.start.offset - b.range.start.offset));
}
