import { V1_CATALOGS, catalogFromPowerQueryColumns, catalogFromTableColumns, type FieldCatalog, type QDialect } from '../q/index';
import type { ColumnInfo, V1Resource } from '../schema';
import { literalPlaceholder, type RequestInfo } from './requestInfo';
import type { LiveCatalog, LivePowerQuery, LiveTable } from './types';

// Picks the field catalog a request's q (or body `$q`) is checked against: a built-in v1
// resource catalog, a table's live columns, or a PowerQuery's columns. Live data is gathered
// first (async) into a `Knowledge` for the request, so the checks themselves stay synchronous
// (and `psdev check` can run them with no server at all). Without live data for a table or
// PowerQuery there is no catalog, and only the grammar is checked.

export interface QTarget {
  dialect: QDialect;
  catalog?: FieldCatalog;
}

/** What is known about the tables and PowerQuery one request names. */
export interface Knowledge {
  columns(table: string): readonly ColumnInfo[] | undefined;
  powerQuery(name: string): LivePowerQuery | undefined;
  maxPageSize(key: string): number | undefined;
}

export const NO_KNOWLEDGE: Knowledge = { columns: () => undefined, powerQuery: () => undefined, maxPageSize: () => undefined };

/** A live call that fails counts as "not known": assistance must not break on a dropped connection. */
async function safely<T>(call: (() => Promise<T | undefined>) | undefined): Promise<T | undefined> {
  if (!call) return undefined;
  try {
    return await call();
  } catch {
    return undefined;
  }
}

export function liveTables(live: LiveCatalog | undefined): Promise<readonly LiveTable[] | undefined> {
  return safely(live && (() => live.tables()));
}

export function livePowerQueries(live: LiveCatalog | undefined): Promise<readonly LivePowerQuery[] | undefined> {
  return safely(live && (() => live.powerQueries()));
}

export function liveColumns(live: LiveCatalog | undefined, table: string): Promise<readonly ColumnInfo[] | undefined> {
  return safely(live && (() => live.columns(table)));
}

function tablesOf(query: LivePowerQuery): string[] {
  return [...new Set(query.columns.map((column) => column.split('.')[0]).filter((table) => table && !table.includes('{')))];
}

/** Fetches (through the host's caches) what checking and completing this request may need. */
export async function knowledgeFor(info: RequestInfo, live: LiveCatalog | undefined): Promise<Knowledge> {
  if (!live || !info.endpoint) return NO_KNOWLEDGE;
  const columns = new Map<string, readonly ColumnInfo[]>();
  const addColumns = async (table: string) => {
    const found = await liveColumns(live, table);
    if (found) columns.set(table.toLowerCase(), found);
  };
  const table = literalPlaceholder(info, 'table');
  const name = literalPlaceholder(info, 'name');
  const pageSizeKey = info.endpoint.parameters.find((parameter) => parameter.maxFromMetadata)?.maxFromMetadata;
  let query: LivePowerQuery | undefined;
  const maxPageSize = new Map<string, number>();
  await Promise.all([
    table ? addColumns(table) : undefined,
    name
      ? livePowerQueries(live).then(async (queries) => {
        query = queries?.find((candidate) => candidate.name.toLowerCase() === name.toLowerCase());
        if (query) await Promise.all(tablesOf(query).map(addColumns));
      })
      : undefined,
    pageSizeKey
      ? safely(live.maxPageSize && (() => live.maxPageSize!(pageSizeKey))).then((size) => {
        if (size !== undefined) maxPageSize.set(pageSizeKey, size);
      })
      : undefined,
  ]);
  return {
    columns: (wanted) => columns.get(wanted.toLowerCase()),
    powerQuery: (wanted) => (query && query.name.toLowerCase() === wanted.toLowerCase() ? query : undefined),
    maxPageSize: (key) => maxPageSize.get(key),
  };
}

/** Catalog of a PowerQuery's columns, typed from the metadata of the tables they come from. */
export function powerQueryCatalog(knowledge: Knowledge, query: LivePowerQuery): FieldCatalog {
  return catalogFromPowerQueryColumns(query.name, query.columns, (table, column) =>
    knowledge.columns(table)?.find((info) => info.name.toLowerCase() === column.toLowerCase()));
}

export function qTargetFor(info: RequestInfo, knowledge: Knowledge): QTarget | undefined {
  const q = info.endpoint?.q;
  if (!q) return undefined;
  if (q.fields.startsWith('v1-')) return { dialect: q.dialect, catalog: V1_CATALOGS[q.fields.slice('v1-'.length) as V1Resource] };
  if (q.fields === 'schema-table') {
    const table = literalPlaceholder(info, 'table');
    const columns = table ? knowledge.columns(table) : undefined;
    return { dialect: q.dialect, catalog: table && columns ? catalogFromTableColumns(table, columns) : undefined };
  }
  const name = literalPlaceholder(info, 'name');
  const query = name ? knowledge.powerQuery(name) : undefined;
  return { dialect: q.dialect, catalog: query ? powerQueryCatalog(knowledge, query) : undefined };
}

/** The columns a `projection`/`sort`/`order` list may name: a table's, or a PowerQuery's (only their names known). */
export interface ProjectableColumns {
  readonly title: string;
  readonly columns: readonly (Pick<ColumnInfo, 'name'> & Partial<ColumnInfo>)[];
}

/** The columns a `projection`/`sort` list may name, when known (a PowerQuery's only by name). */
export function projectableColumns(info: RequestInfo, knowledge: Knowledge): ProjectableColumns | undefined {
  const table = literalPlaceholder(info, 'table');
  if (table && info.endpoint?.path.startsWith('/ws/schema/table/')) {
    const columns = knowledge.columns(table);
    return columns ? { title: table.toUpperCase(), columns } : undefined;
  }
  const name = literalPlaceholder(info, 'name');
  if (name && info.endpoint?.q?.fields === 'powerquery') {
    const query = knowledge.powerQuery(name);
    return query ? { title: query.name, columns: query.columns.map((column) => ({ name: column })) } : undefined;
  }
  return undefined;
}
