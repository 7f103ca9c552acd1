import type { LivePowerQuery, LiveTable } from '../../core/assist';
import type { MetadataEntry, PowerQueryInfo, TableSummary } from '../../core/catalog';

// No `vscode` here: the catalog's parts as the .psreq assistant reads them.

export function liveTables(tables: readonly TableSummary[]): LiveTable[] {
  return tables.map((table) => ({ name: table.name, description: table.comment }));
}

export function livePowerQueries(queries: readonly PowerQueryInfo[]): LivePowerQuery[] {
  return queries.map((query) => ({
    name: query.name,
    description: query.description ?? query.summary,
    columns: query.columns,
    args: query.args.map((arg) => ({ name: arg.name, type: arg.type, required: arg.required, description: arg.description })),
  }));
}

/** `/ws/v1/metadata` entries such as `student_max_page_size` → their positive sizes. */
export function maxPageSizes(entries: readonly MetadataEntry[]): Map<string, number> {
  const sizes = new Map<string, number>();
  for (const entry of entries) {
    const size = Number(entry.value);
    if (entry.key.endsWith('_max_page_size') && Number.isFinite(size) && size > 0) sizes.set(entry.key, size);
  }
  return sizes;
}
