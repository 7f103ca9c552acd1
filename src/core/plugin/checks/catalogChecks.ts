import type { ColumnInfo } from '../../schema';
import { didYouMean } from '../../text';
import type { Plugin, PluginFinding } from '../model';
import { finding } from '../readPlugin';
import type { SourceRange } from '../source';
import { resolveSqlAlias } from '../sql';
import type { PluginCatalog } from './catalog';
import type { CheckContext } from './context';

/** Tables every Oracle query may name that no catalog lists. */
const oracleTables = new Set(['dual']);

/** The catalog with the plugin's own extension tables (user_schema_root) added: they exist once the plugin is installed. */
function withExtensions(catalog: PluginCatalog, plugin: Plugin): PluginCatalog {
  const own = new Map<string, readonly ColumnInfo[]>();
  for (const extension of plugin.extensions) {
    for (const table of extension.tables) {
      if (!table.name) continue;
      // PowerSchool adds the key columns itself: ID, the parent's DCID, and who/when audit columns.
      const implicit = ['ID', ...(table.coreTable ? [`${table.coreTable}DCID`] : []), 'WHOCREATED', 'WHENCREATED', 'WHOMODIFIED', 'WHENMODIFIED'];
      own.set(table.name.toLowerCase(), [...implicit.map((name) => ({ name, type: 'NUMBER' })), ...table.fields.map((field) => ({ name: field.name, type: field.type ?? '' }))]);
    }
  }
  return {
    label: catalog.label,
    tables: () => [...catalog.tables(), ...own.keys()],
    hasTable: (table) => own.has(table.toLowerCase()) || catalog.hasTable(table),
    columns: (table) => own.get(table.toLowerCase()) ?? catalog.columns(table),
  };
}

/**
 * Tables and columns the catalog does not know (warnings: the built-in catalog lists only some
 * of PowerSchool's tables, and a district's server has its own extensions): grants, declared
 * columns, tables after FROM/JOIN and `alias.column` references whose alias resolves.
 */
export function catalogChecks(context: CheckContext): PluginFinding[] {
  if (!context.catalog) return [];
  const catalog = withExtensions(context.catalog, context.plugin);
  const findings: PluginFinding[] = [];
  const reportedTables = new Set<string>();
  const table = (name: string, range: SourceRange): boolean => {
    const bare = name.slice(name.lastIndexOf('.') + 1);
    if (oracleTables.has(bare.toLowerCase()) || catalog.hasTable(bare)) return true;
    const key = `${range.file}:${bare.toLowerCase()}`;
    if (!reportedTables.has(key)) {
      reportedTables.add(key);
      findings.push(finding(range, 'warning', 'unknown-table', `table ${bare} is not in ${catalog.label}: check the spelling${didYouMean(bare, catalog.tables())} (a district's own extension tables are known only to its server)`));
    }
    return false;
  };
  const columnNames = new Map<string, ReadonlySet<string> | undefined>();
  const column = (tableName: string, name: string, range: SourceRange) => {
    const bare = tableName.slice(tableName.lastIndexOf('.') + 1).toLowerCase();
    if (!columnNames.has(bare)) {
      const known = catalog.columns(bare);
      columnNames.set(bare, known?.length ? new Set(known.map((each) => each.name.toLowerCase())) : undefined);
    }
    const names = columnNames.get(bare);
    if (!names || names.has(name.toLowerCase())) return;
    const columns = catalog.columns(bare)!;
    findings.push(finding(range, 'warning', 'unknown-column', `${tableName}.${name} is not a column of ${tableName} in ${catalog.label}: check the spelling${didYouMean(name, columns.map((each) => each.name))}`));
  };
  for (const grant of context.plugin.manifest?.fieldGrants ?? []) {
    if (table(grant.table, grant.source.attributes.table!.valueRange)) column(grant.table, grant.field, grant.source.attributes.field!.valueRange);
  }
  for (const query of context.plugin.queries) {
    for (const declared of query.columns) {
      if (declared.table && declared.field && table(declared.table, declared.mappingRange)) column(declared.table, declared.field, declared.mappingRange);
    }
    const analysis = context.analysis(query);
    if (!analysis) continue;
    for (const reference of analysis.tables) if (!reference.cte) table(reference.name, context.sqlRange(query, reference.start, reference.end));
    for (const reference of analysis.columns) {
      const resolved = resolveSqlAlias(analysis, reference.qualifier, reference.start);
      if (!resolved || resolved.cte || !catalog.hasTable(resolved.name.slice(resolved.name.lastIndexOf('.') + 1))) continue;
      column(resolved.name, reference.column, context.sqlRange(query, reference.columnStart, reference.end));
    }
  }
  return findings;
}

