import type { LivePowerQuery, LiveTable } from '../../core/assist';
import type { ColumnInfo } from '../../core/q';

// Reads the server's schema answers defensively: a shape we do not recognise yields nothing
// rather than an error, and the built-in catalogs keep serving.

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const asArray = (value: unknown): unknown[] => (Array.isArray(value) ? value : value === undefined || value === null ? [] : [value]);
const text = (value: unknown): string | undefined => (typeof value === 'string' && value ? value : undefined);

/** `GET /ws/schema/table` → `{ tables: [{ name, comment }] }`. */
export function parseTables(body: unknown): LiveTable[] | undefined {
  if (!isObject(body)) return undefined;
  const tables = asArray(isObject(body.tables) ? body.tables.table : body.tables);
  return tables.filter(isObject).flatMap((table) => {
    const name = text(table.name);
    return name ? [{ name, description: text(table.comment) ?? text(table.description) }] : [];
  });
}

/** `GET /ws/schema/table/{t}/metadata` → `{ columns: [{ name, type, length, description }] }`. */
export function parseColumns(body: unknown): ColumnInfo[] | undefined {
  if (!isObject(body)) return undefined;
  const columns = asArray(body.columns);
  return columns.filter(isObject).flatMap((column) => {
    const name = text(column.name);
    if (!name) return [];
    const length = Number(column.length);
    return [{ name, type: text(column.type), length: Number.isFinite(length) && length > 0 ? length : undefined, description: text(column.description) ?? text(column.comment) }];
  });
}

/** `GET /ws/schema/query/api` (Swagger 2.0) → each PowerQuery's arguments and returned columns. */
export function parsePowerQueries(body: unknown): LivePowerQuery[] | undefined {
  if (!isObject(body) || !isObject(body.paths)) return undefined;
  const definitions = isObject(body.definitions) ? body.definitions : {};
  const resolve = (schema: unknown): Json | undefined => {
    if (!isObject(schema)) return undefined;
    const ref = text(schema.$ref);
    if (ref?.startsWith('#/definitions/')) {
      const found = definitions[ref.slice('#/definitions/'.length)];
      return isObject(found) ? found : undefined;
    }
    return schema;
  };
  const queries: LivePowerQuery[] = [];
  for (const [path, item] of Object.entries(body.paths)) {
    const match = /^\/ws\/schema\/query\/([^/]+)$/.exec(path);
    if (!match || !isObject(item) || !isObject(item.post)) continue;
    const post = item.post;
    const bodyParameter = asArray(post.parameters).filter(isObject).find((parameter) => parameter.in === 'body');
    const args = resolve(bodyParameter?.schema);
    const required = new Set(asArray(args?.required).map(String));
    const properties = isObject(args?.properties) ? args.properties : {};
    const responses = isObject(post.responses) ? post.responses : {};
    const ok = isObject(responses['200']) ? responses['200'] : undefined;
    const result = resolve(ok?.schema);
    const records = isObject(result?.properties) ? resolve((result.properties as Json).record) : undefined;
    const record = resolve(records?.items);
    const tables = isObject(record?.properties) ? resolve((record.properties as Json).tables) : undefined;
    const columns = isObject(tables?.properties) ? Object.keys(tables.properties) : [];
    queries.push({
      name: decodeURIComponent(match[1]),
      description: text(post.description) ?? text(post.summary),
      columns,
      args: Object.entries(properties)
        .filter(([name]) => name !== '$q' && name !== 'projection' && name !== '$dataversion')
        .map(([name, schema]) => ({
          name,
          type: isObject(schema) ? text(schema.type) : undefined,
          required: required.has(name),
          description: isObject(schema) ? text(schema.description) : undefined,
        })),
    });
  }
  return queries;
}

/** `GET /ws/v1/metadata` → the `*_max_page_size` values. */
export function parseMaxPageSizes(body: unknown): Map<string, number> | undefined {
  const metadata = isObject(body) && isObject(body.metadata) ? body.metadata : undefined;
  if (!metadata) return undefined;
  const sizes = new Map<string, number>();
  for (const [key, value] of Object.entries(metadata)) {
    const size = Number(value);
    if (key.endsWith('_max_page_size') && Number.isFinite(size) && size > 0) sizes.set(key, size);
  }
  return sizes;
}
