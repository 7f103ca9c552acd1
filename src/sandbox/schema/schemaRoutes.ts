import type { SqlValue } from 'sql.js';
import { columnAccessLabel, readableColumns, refuseColumns, type NamedColumn, type PluginAccess } from '../access/pluginAccess';
import { isWritableTable, tableDisplayName, type CatalogTable } from '../catalog/catalog';
import type { SandboxContext } from '../context';
import { recordChange } from '../data/changeLog';
import { quoteIdentifier, type Row } from '../data/sqlite';
import { isPage, readPage } from '../http/paging';
import { isFilter } from '../http/qFilter';
import type { Router } from '../http/router';
import { errorResponse, json, type ErrorDetail, type SandboxRequest, type SandboxResponse } from '../http/types';
import { convertColumnValue } from './columnValues';
import { tableFilter } from './tableFilter';

// /ws/schema answers in plain JSON (no XML quirks). Record values come back as strings, as
// PowerSchool's table endpoints return them; null columns are left out. Table names are
// upper-case in "name" and lower-case as keys of "tables" (documented shape). Read errors carry
// only a `message`, in the texts real servers answer (real-server-behaviour.md, /ws/schema/table).

const tableMetadataExpansions = ['actions', 'attrs', 'access', 'userVisible'];

function stringify(row: Row, columns: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const column of columns) {
    const value = row[column];
    if (value !== null && value !== undefined) out[column] = String(value);
  }
  return out;
}

/**
 * The columns a projection names, each granted to the plugin. `*` (or no projection) expands to
 * the granted columns only: the documented 403 is for columns asked for by name, and a plugin
 * granted part of a table reads that part (our choice; no server answer to `*` is recorded).
 */
function projectionColumns(table: CatalogTable, projection: string | null, access: PluginAccess): string[] | SandboxResponse {
  const text = (projection ?? '*').trim();
  if (text === '' || text === '*') return readableColumns(access, table);
  const known = new Set(table.columns.map((column) => column.name));
  const wanted = text.split(',').map((name) => name.trim()).filter(Boolean);
  const unknown = wanted.find((name) => !known.has(name.toLowerCase()));
  if (unknown) return errorResponse(400, `Invalid field specified: ${unknown} is not valid column for table: ${tableDisplayName(table)}`);
  const refused = refuseColumns(access, table, wanted.map((name) => ({ column: name.toLowerCase(), written: name })), 'read');
  return refused ?? [...new Set(wanted.map((name) => name.toLowerCase()))];
}

/** Registers /ws/schema area, table list, table metadata, records, count and extension-table writes. */
export function addSchemaRoutes(router: Router, context: SandboxContext): void {
  const { store, catalog, access } = context;
  const tableOr404 = (name: string | undefined): CatalogTable | SandboxResponse => catalog.table(name ?? '') ?? errorResponse(404, 'Resource not found');
  const isTable = (value: CatalogTable | SandboxResponse): value is CatalogTable => 'columns' in value;
  /** A table whose records can be read: not a view (TEACHERS answers 405 on a real server). */
  const readableOr405 = (name: string | undefined): CatalogTable | SandboxResponse => {
    const table = tableOr404(name);
    return isTable(table) && table.view ? errorResponse(405, `${table.name.toUpperCase()} is a view; its records cannot be read through /ws/schema/table`) : table;
  };
  const tableSummary = (table: CatalogTable) => ({ name: table.name.toUpperCase(), comment: table.comment, primaryKey: table.primaryKey, userVisible: true });

  router.add('GET', '/ws/schema/area', () => json(200, {
    areas: catalog.areas.map((area) => ({ name: area, userVisible: true, display: area, comment: `${area} tables`, subareas: [] })),
  }));
  router.add('GET', '/ws/schema/area/{area}/table', (request) => {
    const area = catalog.areas.find((name) => name.toLowerCase() === request.params.area!.toLowerCase());
    if (!area) return errorResponse(404, `Area ${request.params.area} not found`, [{ resource: 'area', field: 'name', code: 'NOT_FOUND' }]);
    return json(200, { area, tables: catalog.tables.filter((table) => table.area === area).map(tableSummary) });
  });
  router.add('GET', '/ws/schema/table', () => json(200, { tables: catalog.tables.map(tableSummary) }));

  router.add('GET', '/ws/schema/table/{table}/metadata', (request) => {
    const table = tableOr404(request.params.table);
    if (!isTable(table)) return table;
    const wanted = new Set((request.query.get('expansions') ?? '').split(',').map((name) => name.trim().toLowerCase()));
    const writable = isWritableTable(table);
    return json(200, {
      '@expansions': tableMetadataExpansions.join(','),
      name: table.name.toUpperCase(),
      comment: table.comment,
      primaryKey: table.primaryKey,
      queries: catalog.powerQueries.filter((query) => query.coreTable === table.name).map((query) => query.name),
      schemaType: writable ? 'EXTENSION' : 'CORE',
      coreTable: table.coreTable,
      collection: false,
      extensionOf: table.extensionOf ?? undefined,
      actions: wanted.has('actions') ? (writable ? ['GET', 'POST', 'PUT', 'DELETE'] : ['GET']) : undefined,
      userVisible: wanted.has('uservisible') ? true : undefined,
      access: wanted.has('access') ? (writable ? 'FullAccess' : 'ViewOnly') : undefined,
      columns: table.columns.map((column) => ({
        name: column.name,
        type: column.type,
        length: column.length ?? undefined,
        key: column.name === table.primaryKey,
        nullable: column.nullable,
        description: column.comment,
        access: wanted.has('access') ? columnAccessLabel(access, table, column.name, writable) : undefined,
        attrs: wanted.has('attrs') ? { readOnly: !writable || column.name === table.primaryKey } : undefined,
      })),
    });
  });

  router.add('GET', '/ws/schema/table/{table}/count', (request) => {
    const table = readableOr405(request.params.table);
    if (!isTable(table)) return table;
    // An unfiltered count answers 200 whatever the grants (real-server-behaviour.md, /ws/schema/table).
    const filter = tableFilter(request.query.get('q'), table, access);
    if (!isFilter(filter)) return filter;
    return json(200, { count: Number(store.scalar(`SELECT COUNT(*) FROM ${quoteIdentifier(table.name)} WHERE ${filter.where}`, filter.params)) });
  });

  router.add('GET', '/ws/schema/table/{table}', (request) => {
    const table = readableOr405(request.params.table);
    if (!isTable(table)) return table;
    const filter = tableFilter(request.query.get('q'), table, access);
    if (!isFilter(filter)) return filter;
    const columns = projectionColumns(table, request.query.get('projection'), access);
    if (!Array.isArray(columns)) return columns;
    const page = readPage(request.query, context.maxPageSize, table.name);
    if (!isPage(page)) return page;
    const known = new Set(table.columns.map((column) => column.name));
    const sortWritten = (request.query.get('sort') ?? '').split(',').map((name) => name.trim()).filter(Boolean);
    const sortNames = sortWritten.map((name) => name.toLowerCase());
    const badSort = sortNames.find((name) => !known.has(name));
    if (badSort) return errorResponse(400, `Invalid field specified: ${badSort} is not valid column for table: ${tableDisplayName(table)} (in sort)`);
    const sortRefused = refuseColumns(access, table, sortWritten.map((name) => ({ column: name.toLowerCase(), written: name })), 'read');
    if (sortRefused) return sortRefused;
    const descending = /^(true|1|yes)$/i.test(request.query.get('sortdescending') ?? '');
    const order = [...sortNames, table.primaryKey].map((name) => `${quoteIdentifier(name)}${descending ? ' DESC' : ''}`).join(', ');
    const selected = [...new Set([table.primaryKey, ...columns])].map(quoteIdentifier).join(', ');
    const rows = store.all(`SELECT ${selected} FROM ${quoteIdentifier(table.name)} WHERE ${filter.where} ORDER BY ${order} LIMIT ? OFFSET ?`, [...filter.params, page.limit, page.offset]);
    return json(200, {
      name: table.name.toUpperCase(),
      record: rows.map((row) => ({ id: row[table.primaryKey], tables: { [table.name]: stringify(row, columns) } })),
      '@extensions': catalog.tables.filter((candidate) => candidate.extensionOf === table.name).map((candidate) => candidate.name).join(','),
    });
  });

  router.add('GET', '/ws/schema/table/{table}/{id}', (request) => {
    const table = readableOr405(request.params.table);
    if (!isTable(table)) return table;
    const columns = projectionColumns(table, request.query.get('projection'), access);
    if (!Array.isArray(columns)) return columns;
    const row = store.get(`SELECT * FROM ${quoteIdentifier(table.name)} WHERE ${quoteIdentifier(table.primaryKey)} = ?`, [keyValue(table, request.params.id!)]);
    if (!row) return recordNotFound(table, request.params.id!);
    return json(200, { tables: { [table.name]: stringify(row, columns) } });
  });

  const writableOr403 = (request: SandboxRequest): CatalogTable | SandboxResponse => {
    const table = tableOr404(request.params.table);
    if (!isTable(table)) return table;
    if (!isWritableTable(table)) return errorResponse(403, `Table ${table.name.toUpperCase()} is not an extension table; only database extension tables can be written through /ws/schema/table`, [{ resource: table.name, field: '', code: 'FORBIDDEN' }]);
    return table;
  };

  router.add('POST', '/ws/schema/table/{table}', (request) => {
    const table = writableOr403(request);
    if (!isTable(table)) return table;
    const fields = recordBody(request, table);
    if (!('values' in fields)) return fields;
    const refused = refuseColumns(access, table, fields.written, 'write');
    if (refused) return refused;
    const values = { ...fields.values };
    const key = table.primaryKey;
    const parent = table.extensionOf ? catalog.table(table.extensionOf) : undefined;
    if (parent && key === `${parent.name}dcid`) {
      // One-to-one extension: the key names the parent row, which must exist and have no extension row yet.
      if (values[key] === undefined || values[key] === null) return validationFailed(table, key, 'REQUIRED', `${key} is required: it names the ${parent.name.toUpperCase()} row this record extends`);
      if (!store.get(`SELECT 1 FROM ${quoteIdentifier(parent.name)} WHERE ${quoteIdentifier(parent.primaryKey)} = ?`, [values[key]!])) return validationFailed(table, key, 'INVALID_REFERENCE', `No ${parent.name.toUpperCase()} row with ${parent.primaryKey} ${values[key]}`);
      if (store.get(`SELECT 1 FROM ${quoteIdentifier(table.name)} WHERE ${quoteIdentifier(key)} = ?`, [values[key]!])) return validationFailed(table, key, 'DUPLICATE', `${table.name.toUpperCase()} already has a record for ${key} ${values[key]}; use PUT`);
    } else if (values[key] === undefined || values[key] === null) {
      values[key] = Number(store.scalar(`SELECT COALESCE(MAX(${quoteIdentifier(key)}), 0) + 1 FROM ${quoteIdentifier(table.name)}`));
    } else if (store.get(`SELECT 1 FROM ${quoteIdentifier(table.name)} WHERE ${quoteIdentifier(key)} = ?`, [values[key]!])) {
      return validationFailed(table, key, 'DUPLICATE', `${table.name.toUpperCase()} already has a record with ${key} ${values[key]}`);
    }
    const names = Object.keys(values);
    store.transaction(() => {
      store.run(`INSERT INTO ${quoteIdentifier(table.name)} (${names.map(quoteIdentifier).join(', ')}) VALUES (${names.map(() => '?').join(', ')})`, names.map((name) => values[name]!));
      recordChange(store, table.name, values[key]!);
    });
    return json(200, writeResult('INSERT', request, table, values[key]!));
  });

  router.add('PUT', '/ws/schema/table/{table}/{id}', (request) => {
    const table = writableOr403(request);
    if (!isTable(table)) return table;
    const id = keyValue(table, request.params.id!);
    if (!store.get(`SELECT 1 FROM ${quoteIdentifier(table.name)} WHERE ${quoteIdentifier(table.primaryKey)} = ?`, [id])) {
      return recordNotFound(table, request.params.id!);
    }
    const fields = recordBody(request, table);
    if (!('values' in fields)) return fields;
    const refused = refuseColumns(access, table, fields.written, 'write');
    if (refused) return refused;
    const names = Object.keys(fields.values).filter((name) => name !== table.primaryKey);
    if (names.length) {
      store.transaction(() => {
        store.run(`UPDATE ${quoteIdentifier(table.name)} SET ${names.map((name) => `${quoteIdentifier(name)} = ?`).join(', ')} WHERE ${quoteIdentifier(table.primaryKey)} = ?`, [...names.map((name) => fields.values[name]!), id]);
        recordChange(store, table.name, id);
      });
    }
    return json(200, writeResult('UPDATE', request, table, id));
  });

  router.add('DELETE', '/ws/schema/table/{table}/{id}', (request) => {
    const table = writableOr403(request);
    if (!isTable(table)) return table;
    const refused = refuseColumns(access, table, [{ column: table.primaryKey, written: table.primaryKey }], 'write');
    if (refused) return refused;
    const id = keyValue(table, request.params.id!);
    const removed = store.transaction(() => {
      const count = store.run(`DELETE FROM ${quoteIdentifier(table.name)} WHERE ${quoteIdentifier(table.primaryKey)} = ?`, [id]);
      if (count > 0) recordChange(store, table.name, id);
      return count;
    });
    if (removed === 0) return recordNotFound(table, request.params.id!);
    return { status: 204, text: '' };
  });
}

function recordNotFound(table: CatalogTable, id: string): SandboxResponse {
  return errorResponse(404, `No ${table.name} record with ${table.primaryKey} ${id}`);
}

function keyValue(table: CatalogTable, id: string): SqlValue {
  const key = table.columns.find((column) => column.name === table.primaryKey);
  return key?.type === 'NUMBER' && /^-?\d+$/.test(id) ? Number(id) : id;
}

function validationFailed(table: CatalogTable, field: string, code: string, message: string): SandboxResponse {
  return errorResponse(400, `Validation Failed: ${message}`, [{ resource: table.name, field, code }]);
}

/** Reads `{"tables":{"<table>":{column: value}}}` and checks every column; 400 on any problem. */
function recordBody(request: SandboxRequest, table: CatalogTable): { values: Record<string, SqlValue>; written: NamedColumn[] } | SandboxResponse {
  let body: unknown;
  try {
    body = JSON.parse(request.body);
  } catch (error) {
    return errorResponse(400, `Malformed JSON body: ${(error as Error).message}`, [{ resource: table.name, field: '', code: 'INVALID_JSON' }]);
  }
  const tables = (body as { tables?: Record<string, unknown> } | null)?.tables;
  const entry = tables && typeof tables === 'object' ? Object.entries(tables).find(([name]) => name.toLowerCase() === table.name) : undefined;
  if (!entry || entry[1] === null || typeof entry[1] !== 'object' || Array.isArray(entry[1])) {
    return errorResponse(400, `Body must be {"tables":{"${table.name}":{...}}}`, [{ resource: table.name, field: 'tables', code: 'INVALID_BODY' }]);
  }
  const byName = new Map(table.columns.map((column) => [column.name, column]));
  const values: Record<string, SqlValue> = {};
  const written: NamedColumn[] = [];
  const errors: ErrorDetail[] = [];
  const messages: string[] = [];
  for (const [name, raw] of Object.entries(entry[1] as Record<string, unknown>)) {
    const column = byName.get(name.toLowerCase());
    if (!column) {
      errors.push({ resource: table.name, field: name, code: 'INVALID_FIELD' });
      messages.push(`unknown column ${name}`);
      continue;
    }
    const converted = convertColumnValue(column, raw);
    if ('error' in converted) {
      errors.push({ resource: table.name, field: column.name, code: converted.code });
      messages.push(converted.error);
      continue;
    }
    values[column.name] = converted.value;
    written.push({ column: column.name, written: name });
  }
  if (errors.length) return errorResponse(400, `Validation Failed: ${messages.join('; ')}`, errors);
  return { values, written };
}

function writeResult(action: 'INSERT' | 'UPDATE', request: SandboxRequest, table: CatalogTable, id: SqlValue) {
  const host = request.headers.host ?? '127.0.0.1';
  return {
    insert_count: action === 'INSERT' ? 1 : 0,
    update_count: action === 'UPDATE' ? 1 : 0,
    delete_count: 0,
    result: [{ status: 'SUCCESS', action, success_message: { id, ref: `http://${host}/ws/schema/table/${table.name}/${id}` } }],
  };
}
