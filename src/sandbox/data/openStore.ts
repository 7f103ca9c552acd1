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
    // journalled there is a slow JS write. No journal during the bulk load, a cache big enough
    // to hold the district and 16 KiB pages (fewer, larger writes; 64 KiB bloats the 1,000
    // empty tables of the large catalog) make generating 100,000 students much faster.
    store.db.exec(`PRAGMA page_size=16384; PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; PRAGMA temp_store=MEMORY; PRAGMA cache_size=-${cacheKib}`);
    createSchema(store, catalog);
    if (!saved) generateDistrict(store, generate);
    createIndexes(store);
    // From here on, writes come from requests: keep a journal (in memory) so ROLLBACK works.
    store.db.exec('PRAGMA journal_mode=MEMORY');
    return store;
  } catch (error) {
    store.close();
    throw error;
  }
}
