import { asList, flag, isObject, numberOf, optional, requireObject, SchemaShapeError, text } from './json';
import type { ColumnInfo, TableMetadata } from './table';

function column(value: unknown, primaryKey: string | undefined, endpoint: string): ColumnInfo {
  if (!isObject(value) || !text(value.name)) throw new SchemaShapeError(endpoint, 'a column without a name');
  const name = text(value.name)!;
  const length = numberOf(value.length);
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

/**
 * GET /ws/schema/table/{t}/metadata → `{name, comment, primaryKey, queries, schemaType, coreTable,
 * columns[]}` (with `?expansions=access` the table and each column say their access), or the
 * same shape in a metadata file.
 */
export function parseTableMetadata(body: unknown, table: string): TableMetadata {
  const endpoint = `GET /ws/schema/table/${table}/metadata`;
  const root = requireObject(body, endpoint);
  if (!('columns' in root) && !('column' in root)) throw new SchemaShapeError(endpoint, 'no "columns"');
  const primaryKey = text(root.primaryKey) || undefined;
  return {
    name: text(root.name) || table,
    ...optional('comment', text(root.comment) || undefined),
    ...optional('primaryKey', primaryKey),
    ...optional('schemaType', text(root.schemaType)),
    ...optional('coreTable', flag(root.coreTable)),
    ...optional('access', text(root.access)),
    ...optional('parent', text(root.parent ?? root.extensionOf) || undefined),
    actions: asList(root.actions).map(text).filter((action): action is string => action !== undefined),
    queries: asList(root.queries).map(text).filter((query): query is string => query !== undefined),
    columns: asList(root.columns ?? root.column).map((item) => column(item, primaryKey, endpoint)),
    raw: body,
  };
}

/**
 * Tables from a metadata file: one table's metadata (as GET /ws/schema/table/{t}/metadata
 * answers), or lists under `tables` / `extension_tables` (as in ps-tables.json and the sandbox
 * catalog). Entries without a name or columns are skipped.
 */
export function tablesFromMetadataJson(value: unknown): TableMetadata[] {
  const lenient = (entry: unknown): TableMetadata[] => {
    if (!isObject(entry) || typeof entry.name !== 'string' || !Array.isArray(entry.columns)) return [];
    try {
      return [parseTableMetadata({ ...entry, columns: entry.columns.filter((item) => isObject(item) && typeof item.name === 'string') }, entry.name)];
    } catch (error) {
      if (error instanceof SchemaShapeError) return [];
      throw error;
    }
  };
  const single = lenient(value);
  if (single.length > 0 || !isObject(value)) return single;
  return [value.tables, value.extension_tables].filter(Array.isArray).flatMap((list: unknown[]) => list.flatMap(lenient));
}
