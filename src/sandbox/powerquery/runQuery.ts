import type { SqlValue } from 'sql.js';
import type { Catalog } from '../catalog/catalog';
import { checkDate, type QSqlColumn } from '../../core/q';
import type { SqlStore } from '../data/sqlite';
import { quoteIdentifier } from '../data/sqlite';
import { isPage, readPage } from '../http/paging';
import { isFilter, qFilter } from '../http/qFilter';
import { errorResponse, json, type SandboxResponse } from '../http/types';
import type { PowerQueryArg, PowerQueryColumn, PowerQueryDefinition } from '../../core/schema';

export interface ServedArg extends PowerQueryArg {
  /** Bound when the request leaves the argument out (a plugin's `default`). */
  readonly default?: string;
}

/**
 * A PowerQuery the sandbox serves: a built-in (core's definition plus its SQL), or one of an
 * installed plugin's named queries, which may have arg defaults and no id column.
 */
export interface ServedQuery extends Omit<PowerQueryDefinition, 'args' | 'idColumn'> {
  readonly args: readonly ServedArg[];
  /** The column whose value becomes each record's `id` (`_id` when flattened), if any. */
  readonly idColumn?: string;
  /** Pages follow the SQL's own ORDER BY (a plugin's query) rather than the id column. */
  readonly ownOrder?: boolean;
  readonly sql: string;
}

type Bindings = Record<string, SqlValue>;

/**
 * A plugin's primitive argument as Oracle compares it: numeric text meets NUMBER values as a
 * number (`ABS(cc.termid) = :termid`), so a canonical number binds as one; anything else
 * (and `007`, whose zeros a number would lose) binds as text.
 */
function primitiveValue(value: string | number): SqlValue {
  return typeof value === 'string' && /^-?(0|[1-9]\d{0,14})(\.\d+)?$/.test(value.trim()) ? Number(value) : value;
}

const badArgument = (query: ServedQuery, field: string, message: string): SandboxResponse =>
  errorResponse(400, message, [{ resource: query.name, field, code: 'INVALID_ARGUMENT' }]);

/** Reads the POST body: arguments, `$q` and `projection`; any problem is a 400 naming the argument. */
function readBody(query: ServedQuery, text: string): { bindings: Bindings; q: string | null; projection: string | null; dataVersion: unknown } | SandboxResponse {
  let body: unknown = {};
  if (text.trim() !== '') {
    try {
      body = JSON.parse(text);
    } catch (error) {
      return errorResponse(400, `Malformed JSON body: ${(error as Error).message}`, [{ resource: query.name, field: '', code: 'INVALID_JSON' }]);
    }
  }
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return badArgument(query, '', 'The body must be a JSON object of arguments ({} when there are none)');
  const bindings: Bindings = {};
  let q: string | null = null;
  let projection: string | null = null;
  let dataVersion: unknown;
  for (const [key, value] of Object.entries(body as Record<string, unknown>)) {
    if (key === '$q') {
      if (typeof value !== 'string') return badArgument(query, key, '$q must be a string');
      q = value;
      continue;
    }
    if (key === 'projection') {
      if (typeof value !== 'string') return badArgument(query, key, 'projection must be a string');
      projection = value;
      continue;
    }
    if (key === '$dataversion') {
      dataVersion = value;
      continue;
    }
    if (key.startsWith('$')) continue; // $dataversion_applicationname and friends: accepted, not used by the sandbox
    const arg = query.args.find((candidate) => candidate.name === key);
    if (!arg) return badArgument(query, key, `Unknown argument '${key}' for ${query.name}${query.args.length ? ` (arguments: ${query.args.map((a) => a.name).join(', ')})` : ' (it takes no arguments)'}`);
    if (arg.type === 'array') {
      if (!Array.isArray(value) || value.some((item) => typeof item !== 'number' && typeof item !== 'string')) return badArgument(query, key, `Argument '${key}' must be an array of values`);
      bindings[`:${key}`] = JSON.stringify(value.map((item) => (typeof item === 'string' && /^-?\d+(\.\d+)?$/.test(item.trim()) ? Number(item) : item)));
    } else if (arg.type === 'number') {
      const number = typeof value === 'number' ? value : typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value.trim()) ? Number(value) : undefined;
      if (number === undefined) return badArgument(query, key, `Argument '${key}' must be a number`);
      bindings[`:${key}`] = number;
    } else if (arg.type === 'date') {
      if (typeof value !== 'string' || checkDate(value).kind !== 'ok') return badArgument(query, key, `Argument '${key}' must be a date YYYY-MM-DD`);
      bindings[`:${key}`] = value;
    } else if (arg.type === 'primitive') {
      if (typeof value !== 'string' && typeof value !== 'number') return badArgument(query, key, `Argument '${key}' must be a string or a number`);
      bindings[`:${key}`] = primitiveValue(value);
    } else {
      if (typeof value !== 'string' && typeof value !== 'number') return badArgument(query, key, `Argument '${key}' must be a string`);
      bindings[`:${key}`] = String(value);
    }
  }
  for (const arg of query.args) {
    if (bindings[`:${arg.name}`] !== undefined) continue;
    if (arg.default !== undefined) {
      bindings[`:${arg.name}`] = arg.type === 'array' ? JSON.stringify([primitiveValue(arg.default)]) : primitiveValue(arg.default);
      continue;
    }
    if (arg.required) return badArgument(query, arg.name, `Missing required argument '${arg.name}'`);
    bindings[`:${arg.name}`] = null;
  }
  return { bindings, q, projection, dataVersion };
}

function columnType(catalog: Catalog, alias: string): QSqlColumn['type'] {
  const [table, column] = alias.split('.');
  const type = catalog.table(table ?? '')?.columns.find((candidate) => candidate.name === column)?.type;
  return type === 'NUMBER' || type === 'FLOAT' ? 'number' : type === 'DATE' ? 'date' : 'string';
}

/** Finds a query column by its source `table.column` or, for a flattened query, its output key. */
function columnLookup(query: ServedQuery): (name: string) => PowerQueryColumn | undefined {
  const byName = new Map<string, PowerQueryColumn>();
  for (const column of query.columns) {
    if (query.flattened) byName.set(column.key.toLowerCase(), column);
    byName.set(column.column.toLowerCase(), column);
  }
  return (name) => byName.get(name.trim().toLowerCase());
}

/** `projection=a;b`, `*` or `table.*` (documented); the columns in query order, or the first unknown name. */
function projectedColumns(query: ServedQuery, find: (name: string) => PowerQueryColumn | undefined, projection: string): PowerQueryColumn[] | { unknown: string } {
  const wanted = new Set<PowerQueryColumn>();
  for (const item of projection.split(';').map((part) => part.trim()).filter(Boolean)) {
    const table = /^([\w$]+)\.\*$/.exec(item)?.[1]?.toLowerCase();
    const matches = item === '*' ? query.columns : table ? query.columns.filter((column) => column.column.startsWith(`${table}.`)) : [find(item)].filter((column) => column !== undefined);
    if (matches.length === 0) return { unknown: item };
    for (const column of matches) wanted.add(column);
  }
  return wanted.size === 0 ? [...query.columns] : query.columns.filter((column) => wanted.has(column));
}

/** `order=a,b;desc` (documented): terms separated by `,`, each with an optional `;asc`/`;desc`. */
function orderTerms(find: (name: string) => PowerQueryColumn | undefined, order: string): string[] | { bad: string } {
  const terms: string[] = [];
  for (const term of order.split(',').map((part) => part.trim()).filter(Boolean)) {
    const [name = '', direction = 'asc', ...rest] = term.split(';').map((part) => part.trim());
    const column = find(name);
    if (!column || rest.length || !/^(asc|desc)$/i.test(direction)) return { bad: term };
    terms.push(`${quoteIdentifier(column.column)} ${direction.toUpperCase()}`);
  }
  return terms;
}

/** A flattened record: string values under the output keys, plus `_name` and `_id` (real-server-behaviour.md). */
function flatRecord(query: ServedQuery, row: Record<string, SqlValue>, selected: readonly PowerQueryColumn[]): Record<string, unknown> {
  const record: Record<string, unknown> = {};
  for (const column of selected) {
    const value = row[column.column];
    if (value !== null && value !== undefined) record[column.key] = String(value);
  }
  return { ...record, _name: query.coreTable, ...(query.idColumn ? { _id: row[query.idColumn] } : {}) };
}

/** An unflattened record keeps `tables.<table>.<column>`, values as strings. */
function tableRecord(query: ServedQuery, row: Record<string, SqlValue>, selected: readonly PowerQueryColumn[]): Record<string, unknown> {
  const tables: Record<string, Record<string, string>> = {};
  for (const { column: alias } of selected) {
    const value = row[alias];
    if (value === null || value === undefined) continue;
    const [table, column] = alias.split('.') as [string, string];
    (tables[table] ??= {})[column] = String(value);
  }
  return { ...(query.idColumn ? { id: row[query.idColumn] } : {}), name: query.coreTable, tables };
}

/** Runs a built-in PowerQuery for POST /ws/schema/query/{name} (and /count). */
export function runQuery(store: SqlStore, catalog: Catalog, query: ServedQuery, bodyText: string, params: URLSearchParams, maxPageSize: number, countOnly: boolean): SandboxResponse {
  const body = readBody(query, bodyText);
  if (!('bindings' in body)) return body;
  const find = columnLookup(query);
  const columnFor = (field: string): QSqlColumn | undefined => {
    const column = find(field);
    return column ? { sql: quoteIdentifier(column.column), type: columnType(catalog, column.column) } : undefined;
  };
  const filter = qFilter(body.q, 'powerquery', columnFor, query.name);
  if (!isFilter(filter)) return filter;
  const bindings: Bindings = { ...body.bindings };
  let index = 0;
  // qToSql emits positional `?`; the query's own arguments are named, so rename ours to match.
  const where = filter.where.replace(/\?/g, () => `:__q${index++}`);
  filter.params.forEach((value, position) => (bindings[`:__q${position}`] = value));
  const from = `FROM (${query.sql}) WHERE ${where}`;
  const run = (sql: string) => {
    const statement = store.db.prepare(sql);
    try {
      // sql.js skips named bindings the statement does not use (the count query shares them).
      statement.bind(bindings);
      const rows: Record<string, SqlValue>[] = [];
      while (statement.step()) rows.push(statement.getAsObject());
      return rows;
    } finally {
      statement.free();
    }
  };
  const total = () => Number(Object.values(run(`SELECT COUNT(*) AS n ${from}`)[0] ?? { n: 0 })[0]);
  if (countOnly) return json(200, { count: total() });

  const selected = projectedColumns(query, find, body.projection ?? params.get('projection') ?? '*');
  if (!Array.isArray(selected)) {
    return errorResponse(400, `Unknown column '${selected.unknown}' in projection: write table.column, table.* or * separated by ';' (columns: ${query.columns.map((column) => column.column).join(', ')})`, [{ resource: query.name, field: 'projection', code: 'INVALID_PROJECTION' }]);
  }
  const order = orderTerms(find, params.get('order') ?? '');
  if (!Array.isArray(order)) return errorResponse(400, `Bad order '${order.bad}': write table.column[;asc|desc] separated by ','`, [{ resource: query.name, field: 'order', code: 'INVALID_ORDER' }]);
  if (query.idColumn && !query.ownOrder) order.push(quoteIdentifier(query.idColumn));
  const page = readPage(params, maxPageSize, query.name, true);
  if (!isPage(page)) return page;
  const rows = run(`SELECT * ${from}${order.length ? ` ORDER BY ${order.join(', ')}` : ''} LIMIT ${page.limit} OFFSET ${page.offset}`);
  const response: Record<string, unknown> = {};
  // An empty result is only `{"@extensions": ""}`: no name, no record (recorded from real servers).
  if (rows.length) {
    response.name = query.coreTable;
    response.record = rows.map((row) => (query.flattened ? flatRecord : tableRecord)(query, row, selected));
  }
  response['@extensions'] = '';
  if (/^true$/i.test(params.get('count') ?? '')) response.count = total();
  if (body.dataVersion !== undefined) response.$dataversion = body.dataVersion;
  return json(200, response);
}
