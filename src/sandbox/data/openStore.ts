import type { SqlJsStatic } from 'sql.js';
import type { Catalog } from '../catalog/catalog';
import { generateDistrict, type GenerateOptions, type BulkTablesWrittenBy } from './generate';
import { DirectPages, FileRoomExhausted } from './directPages';
import { roomyImage } from './roomyImage';
import { DistrictCache, type DistrictCacheOptions } from './districtCache';
import { createIndexes, createSchema, indexSql, schemaSql } from './schema';
import { SqlStore } from './sqlite';
import { sqliteAbiOf } from './sqliteAbi';

const servingCacheKib = 1024 * 1024; // an upper bound, not an allocation: SQLite grows its cache on demand
/**
 * While a district is generated into its roomy file: pages SQLite lets go of are copied into room
 * that is there anyway, whereas a cache holding the whole district is a second 160 MB of fresh
 * WebAssembly memory at 100,000 students (and the COMMIT then copies all of it into the file).
 */
const generatingCacheKib = 16 * 1024;
const pageSize = 16384;
/**
 * What a generated district takes per student, indexes included (162.2 MB for 100,000 students,
 * 1,810 bytes each at 2,000), with room to spare: a file too small is grown by an eighth with a
 * full copy, while room never written is never touched and costs nothing.
 */
const bytesPerStudent = 1700;
const sparePages = 256;

/** The bytes of the file a district of `students` is generated into (`test/unit/sandbox/databaseRoom.test.ts` checks it suffices). */
export function generatedDatabaseBytes(catalog: Catalog, students: number): number {
  return (catalog.tables.length + sparePages) * pageSize + students * bytesPerStudent;
}

/** Where a sandbox's district came from: a `--data` file or handed-over bytes, the district cache, or the generator. */
export type DistrictOrigin = 'saved' | 'cache' | 'generated';

export interface OpenedDistrict {
  readonly store: SqlStore;
  readonly origin: DistrictOrigin;
  /** Settles once a district generated now is in the cache (at once when none is kept). */
  readonly cached: Promise<void>;
  /** For a district generated now: whether its bulk (staff, sections, students) was written as pages or by INSERTs. */
  readonly bulkTables?: BulkTablesWrittenBy;
}

/**
 * Opens the sandbox's database: from saved bytes when given (a `--data` file), else the district
 * of these options, read from the cache when it holds it and generated otherwise (then saved to
 * it) into a file of `room` bytes (grown if the district needs more). Catalog tables missing from
 * older saved files are created empty.
 */
export function openDistrict(sql: SqlJsStatic, catalog: Catalog, generate: GenerateOptions, saved?: Uint8Array, cacheOptions?: DistrictCacheOptions,
  room = generatedDatabaseBytes(catalog, generate.students)): OpenedDistrict {
  const cache = saved ? undefined : DistrictCache.for(cacheOptions, `${schemaSql(catalog)};\n${indexSql}`, generate);
  const cachedBytes = cache?.read(room);
  const origin: DistrictOrigin = saved ? 'saved' : cachedBytes ? 'cache' : 'generated';
  const roomy = saved || cachedBytes ? undefined : roomyImage(sql, room, pageSize);
  const image = saved ?? cachedBytes ?? roomy!;
  const store = new SqlStore(new sql.Database(image), sqliteAbiOf(sql));
  let bulkTables: BulkTablesWrittenBy | undefined;
  try {
    // sql.js keeps the database "file" in Emscripten's JS-side MEMFS, where every page journalled
    // is a JS write: no journal during the bulk load; 16 KiB pages (fewer, larger writes; 64 KiB
    // bloats the 1,000 empty tables of the large catalog).
    store.db.exec(`PRAGMA page_size=${pageSize}; PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; PRAGMA temp_store=MEMORY`);
    if (saved) {
      createSchema(store, catalog);
      createIndexes(store);
    } else if (origin === 'generated') {
      // The bulk of the district is written into the file as pages after a first transaction, its
      // indexes with it (see generateDistrict). Should that not be possible, they are INSERTed, and the
      // indexes whose keys arrive in no order are built after the load.
      store.db.exec(`PRAGMA cache_size=-${generatingCacheKib}`);
      const file = roomy?.file;
      store.transaction(() => {
        createSchema(store, catalog);
        if (file) createIndexes(store);
      });
      bulkTables = generateDistrict(store, generate, file && (() => DirectPages.open(store, file)));
      if (bulkTables === 'inserts') store.transaction(() => createIndexes(store));
      // The file as MEMFS holds it, committed: no copy of it in memory on the way to the disk. Only
      // while MEMFS still holds those bytes (a file that outgrew them moved), which its size tells.
      if (cache && roomy?.file) cache.save(roomy.file, Number(store.scalar('PRAGMA page_count')) * pageSize);
    }
    // Requests read pages again and again: keep every page read in the cache from here on.
    store.db.exec(`PRAGMA cache_size=-${servingCacheKib}`);
    // From here on, writes come from requests: keep a journal (in memory) so ROLLBACK works.
    store.db.exec('PRAGMA journal_mode=MEMORY');
    return { store, origin, cached: cache?.settled() ?? Promise.resolve(), bulkTables };
  } catch (error) {
    store.close();
    // Pages written directly cannot grow the file: a district larger than its room is generated again in twice the room.
    if (error instanceof FileRoomExhausted) return openDistrict(sql, catalog, generate, saved, cacheOptions, room * 2);
    throw error;
  }
}

/** `openDistrict`'s store, without a district cache. */
export function openStore(sql: SqlJsStatic, catalog: Catalog, generate: GenerateOptions, saved?: Uint8Array): SqlStore {
  return openDistrict(sql, catalog, generate, saved).store;
}
