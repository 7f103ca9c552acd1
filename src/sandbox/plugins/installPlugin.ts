import { createHash } from 'node:crypto';
import { isArrayArg, oracleToSqlite, translationArgs, UnsupportedSql, type ExtensionTable, type NamedQuery, type Plugin } from '../../core/plugin';
import type { Catalog, CatalogColumn, CatalogTable, ColumnType } from '../catalog/catalog';
import { quoteIdentifier } from '../data/sqlite';
import type { ServedArg, ServedQuery } from '../powerquery/runQuery';

/** A plugin's query as the sandbox serves it: runnable, or refused with the construct its SQL needs. */
export interface InstalledQuery {
  readonly query: ServedQuery;
  /** The declared columns' table.field the calling plugin must be granted (tables the catalog has). */
  readonly needs: readonly { readonly table: string; readonly field: string }[];
  /** Why the sandbox cannot run the SQL (answered as a 400 naming the construct). */
  readonly unsupported?: string;
}

/** The OAuth client a plugin gets: stable across restarts, so a remembered secret keeps working. */
export function pluginCredentials(plugin: Plugin, taken: ReadonlySet<string>): { clientId: string; clientSecret: string } {
  const name = plugin.manifest?.name ?? 'plugin';
  const slug = name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'plugin';
  let clientId = `psdev-plugin-${slug}`;
  for (let suffix = 2; taken.has(clientId); suffix++) clientId = `psdev-plugin-${slug}-${suffix}`;
  const clientSecret = createHash('sha256').update(`psdev sandbox plugin ${clientId}`).digest('hex').slice(0, 32);
  return { clientId, clientSecret };
}

const fieldTypes: Readonly<Record<string, ColumnType>> = { string: 'VARCHAR2', integer: 'NUMBER', boolean: 'NUMBER', date: 'DATE', clob: 'CLOB', double: 'FLOAT', float: 'FLOAT' };

/**
 * A user_schema_root table as PowerSchool creates it: a one-to-one extension keyed by its parent's
 * DCID (`studentsdcid`), a child table with its own `id` and the parent's DCID, or a standalone
 * table with only `id`; then the declared fields.
 */
function extensionTable(table: ExtensionTable): CatalogTable {
  const parent = table.type?.toLowerCase() === 'standalone' ? undefined : table.coreTable?.toLowerCase();
  const parentKey = parent ? `${parent}dcid` : undefined;
  const keyed = !parent || table.childName !== undefined;
  const key = (name: string): CatalogColumn => ({ name, type: 'NUMBER', length: 10, nullable: false });
  const columns: CatalogColumn[] = [...(keyed ? [key('id')] : []), ...(parentKey ? [key(parentKey)] : [])];
  for (const field of table.fields) {
    const name = field.name.toLowerCase();
    if (columns.some((column) => column.name === name)) continue;
    const type = fieldTypes[field.type?.toLowerCase() ?? 'string'] ?? 'VARCHAR2';
    columns.push({ name, type, length: type === 'VARCHAR2' ? Number(field.length ?? 4000) || 4000 : null, nullable: true, ...(field.description ? { comment: field.description } : {}) });
  }
  return {
    name: table.name.toLowerCase(),
    comment: `Database extension of the installed plugin (${table.name})`,
    primaryKey: keyed ? 'id' : parentKey!,
    coreTable: false,
    extensionOf: parent ?? null,
    area: 'Extensions',
    columns,
  };
}

/** The plugins' user_schema_root tables the catalog does not already have. */
export function pluginExtensionTables(plugins: readonly Plugin[], catalog: Catalog): CatalogTable[] {
  const tables = new Map<string, CatalogTable>();
  for (const plugin of plugins) {
    for (const extension of plugin.extensions) {
      for (const table of extension.tables) {
        const served = extensionTable(table);
        if (!catalog.table(served.name) && !tables.has(served.name)) tables.set(served.name, served);
      }
    }
  }
  return [...tables.values()];
}

/** Each named query of a plugin, translated for SQLite once, at install. */
export function installQueries(plugin: Plugin, catalog: Catalog): InstalledQuery[] {
  return plugin.queries.filter((query) => query.sql).map((query) => installQuery(query, catalog));
}

function installQuery(named: NamedQuery, catalog: Catalog): InstalledQuery {
  const args: ServedArg[] = named.args.map((arg) => ({
    name: arg.name,
    type: isArrayArg(arg) ? 'array' : 'primitive',
    required: arg.required,
    description: arg.description ?? '',
    ...(arg.default !== undefined ? { default: arg.default } : {}),
  }));
  const columns = uniqueColumns(named);
  const needs = named.columns
    .filter((column) => column.table !== undefined && catalog.table(column.table))
    .map((column) => ({ table: column.table!.toLowerCase(), field: column.field.toLowerCase() }));
  const coreTable = named.coreTable ?? '';
  const idColumn = columns.find((column) => column.column === `${coreTable.toLowerCase()}.dcid`)?.column;
  const base = { name: named.name, coreTable, flattened: named.flattened ?? true, summary: named.summary?.value ?? named.description?.value ?? named.name, args, columns, ownOrder: true, ...(idColumn ? { idColumn } : {}) };
  try {
    const { sql } = oracleToSqlite(named.sql!.text, { args: translationArgs(named.args) });
    // The result's columns are named by position after the declared <column>s, whatever the SQL calls them.
    // LIMIT -1 keeps the SQL's own ORDER BY: SQLite may drop an ORDER BY from a subquery without a LIMIT.
    const wrapped = `WITH "psdev_query"(${columns.map((column) => quoteIdentifier(column.column)).join(', ')}) AS (${sql} LIMIT -1) SELECT * FROM "psdev_query"`;
    return { query: { ...base, sql: wrapped }, needs };
  } catch (error) {
    if (!(error instanceof UnsupportedSql)) throw error;
    return { query: { ...base, sql: named.sql!.text }, needs, unsupported: error.message };
  }
}

/** `table.field` (lower case) per declared column, made unique when two columns name the same source. */
function uniqueColumns(named: NamedQuery): { column: string; key: string }[] {
  const seen = new Set<string>();
  return named.columns.map((column) => {
    const source = (column.table ? `${column.table}.${column.field}` : column.field).toLowerCase();
    let name = source;
    for (let suffix = 2; seen.has(name); suffix++) name = `${source}#${suffix}`;
    seen.add(name);
    return { column: name, key: column.outputName };
  });
}
