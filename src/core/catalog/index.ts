// The schema catalog: areas, tables, table metadata, PowerQueries and server metadata; fetched
// through a small transport, cached per server (memory + a persistable snapshot), searchable.
// Never imports vscode.
export { SchemaCatalog, type SchemaCatalogOptions } from './schemaCatalog';
export { CatalogCache, snapshotVersion, type CacheEntry, type CatalogSnapshot } from './cache';
export { catalogKeys } from './keys';
export { parseAreas, parseMetadata, parseTableList } from './parse';
export { groupByNamespace, parsePowerQueries } from './swagger';
export { fuzzyMatch, searchCatalog, type SearchHit, type SearchItem, type SearchKind } from './search';
export { argumentText, columnTypeText, nullabilityText } from './format';
export { powerQueryRequestText, previewRequestText, tableRequestText, type TemplateOptions } from './requestTemplates';
export { countQueryRecords, countTableRecords } from './records';
export type { CatalogRequestOptions, CatalogTransport } from './transport';
export type * from './types';
