import { V1_STUDENT_CATALOG, catalogFromPowerQueryColumns, catalogFromTableColumns, type ColumnInfo, type FieldCatalog, type QDialect } from '../q/index';
import { literalPlaceholder, type RequestInfo } from './requestInfo';
import type { LiveCatalog, LivePowerQuery } from './types';

// Picks the field catalog a request's q (or body `$q`) is checked against: the built-in v1
// student catalog, a table's live columns, or a PowerQuery's columns. Without live data for a
// table or PowerQuery there is no catalog, and only the grammar is checked.

export interface QTarget {
  dialect: QDialect;
  catalog?: FieldCatalog;
}

/** A live call that fails counts as "not known": assistance must not break on a dropped connection. */
async function safely<T>(call: (() => Promise<T | undefined>) | undefined): Promise<T | undefined> {
  if (!call) return undefined;
  try {
    return await call();
  } catch {
    return undefined;
  }
}

export function liveTables(live: LiveCatalog | undefined) {
  return safely(live && (() => live.tables()));
}

export function liveColumns(live: LiveCatalog | undefined, table: string): Promise<readonly ColumnInfo[] | undefined> {
  return safely(live && (() => live.columns(table)));
}

export async function livePowerQuery(live: LiveCatalog | undefined, name: string): Promise<LivePowerQuery | undefined> {
  const queries = await safely(live && (() => live.powerQueries()));
  const lower = name.toLowerCase();
  return queries?.find((query) => query.name.toLowerCase() === lower);
}

export function livePowerQueries(live: LiveCatalog | undefined) {
  return safely(live && (() => live.powerQueries()));
}

export function liveMaxPageSize(live: LiveCatalog | undefined, key: string): Promise<number | undefined> {
  return safely(live?.maxPageSize && (() => live.maxPageSize!(key)));
}

/** Catalog of a PowerQuery's columns, typed from the live metadata of the tables they come from. */
export async function powerQueryCatalog(live: LiveCatalog | undefined, query: LivePowerQuery): Promise<FieldCatalog> {
  const tables = [...new Set(query.columns.map((column) => column.split('.')[0]).filter((table) => table && !table.includes('{')))];
  const byTable = new Map<string, readonly ColumnInfo[]>();
  await Promise.all(tables.map(async (table) => {
    const columns = await liveColumns(live, table);
    if (columns) byTable.set(table.toLowerCase(), columns);
  }));
  return catalogFromPowerQueryColumns(query.name, query.columns, (table, column) =>
    byTable.get(table.toLowerCase())?.find((info) => info.name.toLowerCase() === column.toLowerCase()));
}

export async function qTargetFor(info: RequestInfo, live: LiveCatalog | undefined): Promise<QTarget | undefined> {
  const q = info.endpoint?.q;
  if (!q) return undefined;
  if (q.fields === 'v1-student') return { dialect: q.dialect, catalog: V1_STUDENT_CATALOG };
  if (q.fields === 'schema-table') {
    const table = literalPlaceholder(info, 'table');
    const columns = table ? await liveColumns(live, table) : undefined;
    return { dialect: q.dialect, catalog: table && columns ? catalogFromTableColumns(table, columns) : undefined };
  }
  const name = literalPlaceholder(info, 'name');
  const query = name ? await livePowerQuery(live, name) : undefined;
  return { dialect: q.dialect, catalog: query ? await powerQueryCatalog(live, query) : undefined };
}

/** The columns a `projection`/`sort` list may name, when known. */
export async function projectableColumns(info: RequestInfo, live: LiveCatalog | undefined): Promise<{ title: string; columns: readonly ColumnInfo[] } | undefined> {
  const table = literalPlaceholder(info, 'table');
  if (table && info.endpoint?.path.startsWith('/ws/schema/table/')) {
    const columns = await liveColumns(live, table);
    return columns ? { title: table.toUpperCase(), columns } : undefined;
  }
  const name = literalPlaceholder(info, 'name');
  if (name && info.endpoint?.q?.fields === 'powerquery') {
    const query = await livePowerQuery(live, name);
    return query ? { title: query.name, columns: query.columns.map((column) => ({ name: column })) } : undefined;
  }
  return undefined;
}
