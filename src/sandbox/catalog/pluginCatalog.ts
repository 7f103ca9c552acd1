import { pluginCatalog, type PluginCatalog } from '../../core/plugin';
import { standardCatalog } from './catalog';

/** The reference tables the sandbox serves, as the plugin checks' catalog when no server is connected. */
export function builtInPluginCatalog(): PluginCatalog {
  const tables = standardCatalog().tables.map((table) => ({
    name: table.name,
    columns: table.columns.map((column) => ({ name: column.name, type: column.type, ...(column.length !== null ? { length: column.length } : {}), nullable: column.nullable, ...(column.comment ? { comment: column.comment } : {}) })),
  }));
  return pluginCatalog(`the built-in catalog (${tables.length} PowerSchool tables)`, tables);
}
