import type { AreaInfo, ColumnInfo, MetadataEntry, TableMetadata, TableSummary } from './types';

/** A response that does not have the documented shape; the message says which endpoint and what was missing. */
export class CatalogShapeError extends Error {
  constructor(readonly endpoint: string, detail: string) {
    super(`${endpoint}: unexpected response (${detail})`);
    this.name = 'CatalogShapeError';
  }
}

type Json = Record<string, unknown>;

export function isObject(value: unknown): value is Json {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** PowerSchool's XML-to-JSON quirk: one item comes as an object, none as "" or absent. */
export function asList(value: unknown): unknown[] {
  if (value === undefined || value === null || value === '') return [];
  return Array.isArray(value) ? value : [value];
}

export function text(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

function flag(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (value === 'true' || value === 1 || value === '1') return true;
  if (value === 'false' || value === 0 || value === '0') return false;
  return undefined;
}

function whole(value: unknown): number | undefined {
  const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  return typeof number === 'number' && Number.isFinite(number) ? number : undefined;
}

function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}

function requireObject(body: unknown, endpoint: string): Json {
  if (!isObject(body)) throw new CatalogShapeError(endpoint, `expected a JSON object, got ${body === undefined ? 'nothing' : Array.isArray(body) ? 'an array' : typeof body}`);
  return body;
}

function area(value: unknown, endpoint: string): AreaInfo {
  const name = isObject(value) ? text(value.name) : text(value);
  if (!name) throw new CatalogShapeError(endpoint, 'an area without a name');
  const item = isObject(value) ? value : {};
  return {
    name,
    display: text(item.display) || name,
    ...optional('comment', text(item.comment) || undefined),
    subareas: asList(item.subareas ?? item.subarea).map((sub) => area(sub, endpoint)),
  };
}

/** GET /ws/schema/area → `{"areas":[{name, display, comment, subareas}]}`. */
export function parseAreas(body: unknown): AreaInfo[] {
  const endpoint = 'GET /ws/schema/area';
  const root = requireObject(body, endpoint);
  if (!('areas' in root) && !('area' in root)) throw new CatalogShapeError(endpoint, 'no "areas"');
  return asList(root.areas ?? root.area).map((item) => area(item, endpoint));
}

function tableSummary(value: unknown, endpoint: string): TableSummary {
  const name = isObject(value) ? text(value.name) : text(value);
  if (!name) throw new CatalogShapeError(endpoint, 'a table without a name');
  const item = isObject(value) ? value : {};
  return { name, ...optional('comment', text(item.comment) || undefined), ...optional('primaryKey', text(item.primaryKey) || undefined) };
}

/** GET /ws/schema/table and /ws/schema/area/{a}/table → `{"tables":[{name, comment, primaryKey}]}`. */
export function parseTableList(body: unknown, endpoint = 'GET /ws/schema/table'): TableSummary[] {
  const root = requireObject(body, endpoint);
  if (!('tables' in root) && !('table' in root)) throw new CatalogShapeError(endpoint, 'no "tables"');
  return asList(root.tables ?? root.table).map((item) => tableSummary(item, endpoint));
}

function column(value: unknown, primaryKey: string | undefined, endpoint: string): ColumnInfo {
  if (!isObject(value) || !text(value.name)) throw new CatalogShapeError(endpoint, 'a column without a name');
  const name = text(value.name)!;
  const length = whole(value.length);
  return {
    name,
    type: text(value.type) ?? 'UNKNOWN',
    ...optional('length', length !== undefined && length > 0 ? length : undefined),
    key: flag(value.key) ?? (primaryKey !== undefined && name.toLowerCase() === primaryKey.toLowerCase()),
    ...optional('nullable', flag(value.nullable)),
    ...optional('access', text(value.access)),
    ...optional('comment', text(value.description ?? value.comment) || undefined),
  };
}

/** GET /ws/schema/table/{t}/metadata → `{name, comment, primaryKey, queries, schemaType, coreTable, columns[]}`. */
export function parseTableMetadata(body: unknown, table: string): TableMetadata {
  const endpoint = `GET /ws/schema/table/${table}/metadata`;
  const root = requireObject(body, endpoint);
  if (!('columns' in root) && !('column' in root)) throw new CatalogShapeError(endpoint, 'no "columns"');
  const primaryKey = text(root.primaryKey) || undefined;
  return {
    name: text(root.name) || table,
    ...optional('comment', text(root.comment) || undefined),
    ...optional('primaryKey', primaryKey),
    ...optional('schemaType', text(root.schemaType)),
    ...optional('coreTable', flag(root.coreTable)),
    ...optional('access', text(root.access)),
    actions: asList(root.actions).map(text).filter((action): action is string => action !== undefined),
    queries: asList(root.queries).map(text).filter((query): query is string => query !== undefined),
    columns: asList(root.columns ?? root.column).map((item) => column(item, primaryKey, endpoint)),
    raw: body,
  };
}

/** GET /ws/v1/metadata → `{"metadata":{key: value}}` as rows, in the server's order. */
export function parseMetadata(body: unknown): MetadataEntry[] {
  const endpoint = 'GET /ws/v1/metadata';
  const root = requireObject(body, endpoint);
  const metadata = root.metadata;
  if (!isObject(metadata)) throw new CatalogShapeError(endpoint, 'no "metadata" object');
  return Object.entries(metadata).map(([key, value]) => ({ key, value: text(value) ?? JSON.stringify(value) ?? '' }));
}
