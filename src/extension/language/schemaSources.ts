import type { LivePowerQuery, LiveTable } from '../../core/assist';
import type { SchemaCatalog } from '../../core/catalog';
import type { ColumnInfo } from '../../core/schema';

/** Where one connection's schema comes from (the explorer's shared catalog, or one of our own). */
export interface SchemaSource {
  tables(): Promise<readonly LiveTable[] | undefined>;
  columns(table: string): Promise<readonly ColumnInfo[] | undefined>;
  powerQueries(): Promise<readonly LivePowerQuery[] | undefined>;
  maxPageSizes(): Promise<ReadonlyMap<string, number> | undefined>;
}

/** Reads the explorer's SchemaCatalog, so both share one fetch and its persisted snapshot. */
export function catalogSchemaSource(catalog: SchemaCatalog): SchemaSource {
  return {
    tables: async () => (await catalog.tables()).map((table) => ({ name: table.name, description: table.comment })),
    columns: async (table) => (await catalog.table(table)).columns,
    powerQueries: async () => (await catalog.powerQueries()).map((query) => ({
      name: query.name,
      description: query.description ?? query.summary,
      columns: query.columns,
      args: query.args.map((arg) => ({ name: arg.name, type: arg.type, required: arg.required, description: arg.description })),
    })),
    maxPageSizes: async () => {
      const sizes = new Map<string, number>();
      for (const entry of await catalog.metadata()) {
        const size = Number(entry.value);
        if (entry.key.endsWith('_max_page_size') && Number.isFinite(size) && size > 0) sizes.set(entry.key, size);
      }
      return sizes;
    },
  };
}
