import type { LiveCatalog } from '../../assist/types';
import type { ColumnInfo } from '../../schema';
import type { Plugin } from '../model';
import { analyzeSql } from '../sql';

/** A snapshot of the tables the checks compare names against, looked up case-insensitively. */
export interface PluginCatalog {
  /** For messages: `the built-in catalog`, `the connection's catalog`. */
  readonly label: string;
  /** Every table name, as the catalog spells it. */
  tables(): readonly string[];
  hasTable(table: string): boolean;
  /** The table's columns; undefined when the table or its columns are not known (then its columns are not checked). */
  columns(table: string): readonly ColumnInfo[] | undefined;
}

export interface CatalogTableColumns {
  readonly name: string;
  /** Undefined when only the table's name is known. */
  readonly columns?: readonly ColumnInfo[];
}

export function pluginCatalog(label: string, tables: Iterable<CatalogTableColumns>): PluginCatalog {
  const byName = new Map<string, readonly ColumnInfo[] | undefined>();
  const names: string[] = [];
  for (const table of tables) {
    byName.set(table.name.toLowerCase(), table.columns);
    names.push(table.name);
  }
  return { label, tables: () => names, hasTable: (table) => byName.has(table.toLowerCase()), columns: (table) => byName.get(table.toLowerCase()) };
}

/** Every table name a plugin writes: grants, column mappings, coreTable and the SQL's FROM/JOIN. */
export function tablesNamedBy(plugin: Plugin): Set<string> {
  const names = new Set<string>();
  const add = (name: string | undefined) => {
    if (name?.trim()) names.add(name.trim().toLowerCase());
  };
  for (const grant of plugin.manifest?.fieldGrants ?? []) add(grant.table);
  for (const query of plugin.queries) {
    add(query.coreTable);
    for (const column of query.columns) add(column.table);
    if (query.sql) for (const table of analyzeSql(query.sql.text).tables) if (!table.cte) add(table.name.slice(table.name.lastIndexOf('.') + 1));
  }
  return names;
}

/**
 * Asks a connection's catalog (through the host's caches) about every table the plugin names,
 * so the checks can run synchronously. Undefined when the connection cannot list its tables
 * (offline, refused): then names are not checked rather than all reported unknown.
 */
export async function fetchPluginCatalog(label: string, live: Pick<LiveCatalog, 'tables' | 'columns'>, plugin: Plugin): Promise<PluginCatalog | undefined> {
  const listed = await live.tables().catch(() => undefined);
  if (!listed) return undefined;
  const named = tablesNamedBy(plugin);
  const tables = await Promise.all(listed.map(async ({ name }) => {
    const columns = named.has(name.toLowerCase()) ? await live.columns(name).catch(() => undefined) : undefined;
    return { name, ...(columns ? { columns } : {}) };
  }));
  return pluginCatalog(label, tables);
}
