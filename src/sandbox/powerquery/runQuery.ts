import type { SqlValue } from 'sql.js';
import type { Catalog } from '../catalog/catalog';
import { checkDate, type QSqlColumn } from '../../core/q';
import type { SqlStore } from '../data/sqlite';
import { quoteIdentifier } from '../data/sqlite';
import { isPage, readPage } from '../http/paging';
import { isFilter, qFilter } from '../http/qFilter';
import { errorResponse, json, type SandboxResponse } from '../http/types';
import type { BuiltinQuery } from './builtins';

type Bindings = Record<string, SqlValue>;

const badArgument = (query: BuiltinQuery, field: string, message: string): SandboxResponse =>
  errorResponse(400, message, [{ resource: query.name, field, code: 'INVALID_ARGUMENT' }]);

/** Reads the POST body: arguments, `$q` and `projection`; any problem is a 400 naming the argument. */
function readBody(query: BuiltinQuery, text: string): { bindings: Bindings; q: string | null; projection: string | null } | SandboxResponse {
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
    if (key.startsWith('$')) continue; // $dataversion and friends: accepted, not used by the sandbox
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
    } else {
      if (typeof value !== 'string' && typeof value !== 'number') return badArgument(query, key, `Argument '${key}' must be a string`);
      bindings[`:${key}`] = String(value);
    }
  }
  for (const arg of query.args) {
    if (bindings[`:${arg.name}`] !== undefined) continue;
    if (arg.required) return badArgument(query, arg.name, `Missing required argument '${arg.name}'`);
    bindings[`:${arg.name}`] = null;
  }
  return { bindings, q, projection };
}

function columnType(catalog: Catalog, alias: string): QSqlColumn['type'] {
  const [table, column] = alias.split('.');
  const type = catalog.table(table ?? '')?.columns.find((candidate) => candidate.name === column)?.type;
  return type === 'NUMBER' || type === 'FLOAT' ? 'number' : type === 'DATE' ? 'date' : 'string';
}

/** Runs a built-in PowerQuery for POST /ws/schema/query/{name} (and /count). */
export function runQuery(store: SqlStore, catalog: Catalog, query: BuiltinQuery, bodyText: string, params: URLSearchParams, maxPageSize: number, countOnly: boolean): SandboxResponse {
  const body = readBody(query, bodyText);
  if (!('bindings' in body)) return body;
  const aliases = new Map(query.columns.map((alias) => [alias.toLowerCase(), alias]));
  const columnFor = (field: string): QSqlColumn | undefined => {
    const alias = aliases.get(field.toLowerCase());
    return alias ? { sql: quoteIdentifier(alias), type: columnType(catalog, alias) } : undefined;
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

  const projection = (body.projection ?? params.get('projection') ?? '*').trim();
  const selected = projection === '' || projection === '*' ? [...query.columns] : projection.split(',').map((name) => name.trim()).filter(Boolean).map((name) => aliases.get(name.toLowerCase()) ?? name);
  const unknown = selected.find((name) => !query.columns.includes(name));
  if (unknown) return errorResponse(400, `Unknown column '${unknown}' in projection (columns: ${query.columns.join(', ')})`, [{ resource: query.name, field: 'projection', code: 'INVALID_PROJECTION' }]);
  const orderTerms: string[] = [];
  for (const part of (params.get('order') ?? '').split(';').map((item) => item.trim()).filter(Boolean)) {
    const [name, direction = 'asc'] = part.split(',').map((item) => item.trim());
    const alias = aliases.get((name ?? '').toLowerCase());
    if (!alias || !/^(asc|desc)$/i.test(direction)) return errorResponse(400, `Bad order '${part}': write column[,asc|desc] separated by ';'`, [{ resource: query.name, field: 'order', code: 'INVALID_ORDER' }]);
    orderTerms.push(`${quoteIdentifier(alias)} ${direction.toUpperCase()}`);
  }
  orderTerms.push(quoteIdentifier(query.idColumn));
  const page = readPage(params, maxPageSize, query.name, true);
  if (!isPage(page)) return page;
  const rows = run(`SELECT * ${from} ORDER BY ${orderTerms.join(', ')} LIMIT ${page.limit} OFFSET ${page.offset}`);
  const records = rows.map((row) => {
    const tables: Record<string, Record<string, string>> = {};
    for (const alias of selected) {
      const value = row[alias];
      if (value === null || value === undefined) continue;
      const [table, column] = alias.split('.') as [string, string];
      (tables[table] ??= {})[column] = String(value);
    }
    return { id: row[query.idColumn], name: query.coreTable, tables };
  });
  const response: Record<string, unknown> = { name: query.name, record: records, '@extensions': '' };
  // count=true: we add the total number of matching records (undocumented placement).
  if (/^true$/i.test(params.get('count') ?? '')) response.count = total();
  return json(200, response);
}
