import { asList, isObject, optional, requireObject, SchemaShapeError, text } from '../schema';
import type { AreaInfo, MetadataEntry, TableSummary } from './types';

function area(value: unknown, endpoint: string): AreaInfo {
  const name = isObject(value) ? text(value.name) : text(value);
  if (!name) throw new SchemaShapeError(endpoint, 'an area without a name');
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
  if (!('areas' in root) && !('area' in root)) throw new SchemaShapeError(endpoint, 'no "areas"');
  return asList(root.areas ?? root.area).map((item) => area(item, endpoint));
}

function tableSummary(value: unknown, endpoint: string): TableSummary {
  const name = isObject(value) ? text(value.name) : text(value);
  if (!name) throw new SchemaShapeError(endpoint, 'a table without a name');
  const item = isObject(value) ? value : {};
  return { name, ...optional('comment', text(item.comment) || undefined), ...optional('primaryKey', text(item.primaryKey) || undefined) };
}

/** GET /ws/schema/table and /ws/schema/area/{a}/table → `{"tables":[{name, comment, primaryKey}]}`. */
export function parseTableList(body: unknown, endpoint = 'GET /ws/schema/table'): TableSummary[] {
  const root = requireObject(body, endpoint);
  if (!('tables' in root) && !('table' in root)) throw new SchemaShapeError(endpoint, 'no "tables"');
  return asList(root.tables ?? root.table).map((item) => tableSummary(item, endpoint));
}

/** GET /ws/v1/metadata → `{"metadata":{key: value}}` as rows, in the server's order. */
export function parseMetadata(body: unknown): MetadataEntry[] {
  const endpoint = 'GET /ws/v1/metadata';
  const root = requireObject(body, endpoint);
  const metadata = root.metadata;
  if (!isObject(metadata)) throw new SchemaShapeError(endpoint, 'no "metadata" object');
  return Object.entries(metadata).map(([key, value]) => ({ key, value: text(value) ?? JSON.stringify(value) ?? '' }));
}
