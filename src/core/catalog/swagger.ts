import { isObject, SchemaShapeError, text } from '../schema';
import type { PowerQueryArg, PowerQueryInfo, PowerQueryNamespace } from './types';

type Json = Record<string, unknown>;

const queryPathPrefix = '/ws/schema/query/';
// Request options every PowerQuery takes; they are not the query's own arguments.
const commonBodyFields = new Set(['$q', 'projection', '$dataversion']);

function resolve(schema: unknown, definitions: Json, depth = 0): Json | undefined {
  if (!isObject(schema)) return undefined;
  const ref = text(schema.$ref);
  if (ref && depth < 8) {
    const name = decodeURIComponent(ref.replace(/^#\/definitions\//, '')).replace(/~1/g, '/').replace(/~0/g, '~');
    return resolve(definitions[name], definitions, depth + 1);
  }
  return schema;
}

function argType(schema: Json | undefined): string {
  if (!schema) return 'string';
  const type = text(schema.type) ?? 'string';
  return type === 'string' && text(schema.format) === 'date' ? 'date' : type === 'integer' ? 'number' : type;
}

function argumentsOf(post: Json, definitions: Json): PowerQueryArg[] {
  const parameters = Array.isArray(post.parameters) ? post.parameters.filter(isObject) : [];
  const body = resolve(parameters.find((parameter) => parameter.in === 'body')?.schema, definitions);
  const properties = isObject(body?.properties) ? body.properties : {};
  const required = new Set(Array.isArray(body?.required) ? body.required.map(text) : []);
  return Object.entries(properties)
    .filter(([name]) => !commonBodyFields.has(name))
    .map(([name, schema]) => {
      const resolved = resolve(schema, definitions);
      const description = text(resolved?.description);
      return { name, type: argType(resolved), required: required.has(name), ...(description ? { description } : {}) };
    });
}

// Keys of a record that are not columns: the unflattened envelope and the flattened `_name`/`_id`.
const recordEnvelopeKeys = new Set(['id', 'name', 'tables', '_name', '_id']);

/**
 * A query's columns as `table.column`. Unflattened records nest `tables.<table>.<column>` (or list
 * `table.column` keys under `tables`); flattened ones list output keys at the top, each naming its
 * source column in `x-column` where the server says it.
 */
function columnsOf(post: Json, definitions: Json): string[] {
  const responses = isObject(post.responses) ? post.responses : {};
  const ok = isObject(responses['200']) ? responses['200'] : undefined;
  const result = resolve(ok?.schema, definitions);
  const record = resolve(isObject(result?.properties) ? result.properties.record : undefined, definitions);
  const item = resolve(record?.items, definitions) ?? record;
  const properties = isObject(item?.properties) ? item.properties : {};
  const tables = resolve(properties.tables, definitions);
  if (isObject(tables?.properties)) {
    return Object.entries(tables.properties).flatMap(([table, schema]) => {
      const columns = resolve(schema, definitions)?.properties;
      return isObject(columns) ? Object.keys(columns).map((column) => `${table}.${column}`) : [table];
    });
  }
  return Object.entries(properties)
    .filter(([name]) => !recordEnvelopeKeys.has(name))
    .map(([name, schema]) => text(resolve(schema, definitions)?.['x-column']) ?? name);
}

function namespaceOf(name: string, tags: unknown): string {
  const tag = Array.isArray(tags) ? text(tags[0]) : undefined;
  if (tag) return tag;
  const cut = name.lastIndexOf('.');
  return cut > 0 ? name.slice(0, cut) : '(no namespace)';
}

/** GET /ws/schema/query/api (Swagger 2.0) → every PowerQuery with its arguments and columns. */
export function parsePowerQueries(body: unknown): PowerQueryInfo[] {
  const endpoint = 'GET /ws/schema/query/api';
  if (!isObject(body)) throw new SchemaShapeError(endpoint, 'expected a Swagger document');
  if (!isObject(body.paths)) throw new SchemaShapeError(endpoint, 'no "paths"');
  const definitions = isObject(body.definitions) ? body.definitions : {};
  const queries: PowerQueryInfo[] = [];
  for (const [path, operations] of Object.entries(body.paths)) {
    if (!path.startsWith(queryPathPrefix) || !isObject(operations) || !isObject(operations.post)) continue;
    const name = path.slice(queryPathPrefix.length).replace(/\/+$/, '');
    if (!name || name.includes('/')) continue;
    const post = operations.post;
    const summary = text(post.summary);
    const description = text(post.description);
    const coreTable = text(post['x-core-table']);
    queries.push({
      name,
      namespace: namespaceOf(name, post.tags),
      ...(summary ? { summary } : {}),
      ...(description && description !== summary ? { description } : {}),
      ...(coreTable ? { coreTable } : {}),
      args: argumentsOf(post, definitions),
      columns: columnsOf(post, definitions),
    });
  }
  return queries.sort((a, b) => a.name.localeCompare(b.name));
}

/** Queries grouped by namespace, namespaces and queries alphabetical. */
export function groupByNamespace(queries: readonly PowerQueryInfo[]): PowerQueryNamespace[] {
  const groups = new Map<string, PowerQueryInfo[]>();
  for (const query of queries) {
    const group = groups.get(query.namespace) ?? [];
    group.push(query);
    groups.set(query.namespace, group);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, members]) => ({ name, queries: [...members].sort((a, b) => a.name.localeCompare(b.name)) }));
}
