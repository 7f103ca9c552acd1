import type { SqlJsStatic } from 'sql.js';
import type { Catalog } from '../catalog/catalog';
import { generateDistrict, type GenerateOptions } from './generate';
import { createIndexes, createSchema } from './schema';
import { SqlStore } from './sqlite';

/**
 * Opens the sandbox's database: from saved bytes when given (a `--data` file), else a freshly
 * generated district. Catalog tables missing from older saved files are created empty.
 */
const cacheKib = 1024 * 1024; // an upper bound, not an allocation: SQLite grows its cache on demand

export function openStore(sql: SqlJsStatic, catalog: Catalog, generate: GenerateOptions, saved?: Uint8Array): SqlStore {
  const store = new SqlStore(new sql.Database(saved));
  try {
    // sql.js keeps the database "file" in Emscripten's JS-side MEMFS; every page spilled or
    // journalled there is a slow JS write. No journal, a cache big enough to hold the district,
    // and large pages make generating 100,000 students several times faster.
    store.db.exec(`PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; PRAGMA temp_store=MEMORY; PRAGMA cache_size=-${cacheKib}`);
    createSchema(store, catalog);
    if (!saved) generateDistrict(store, generate);
    createIndexes(store);
    return store;
  } catch (error) {
    store.close();
    throw error;
  }
}
