import type { SqlJsStatic } from 'sql.js';
import type { Catalog } from '../catalog/catalog';
import { generateDistrict, type GenerateOptions } from './generate';
import { prefaultedZeros } from './prefault';
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
 * What a generated district takes per student, indexes included (164.7 MB for 100,000 students,
 * 1,810 bytes each at 2,000), with room to spare: a file too small is grown by an eighth with a
 * full copy, while room never written is never touched and costs nothing.
 */
const bytesPerStudent = 1700;
const sparePages = 256;
/** Files from this size (about 20,000 students) have their pages faulted in by a helper thread; a small one is not worth a thread. */
const prefaultFromBytes = 32 * 1024 * 1024;

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
}

/**
 * Opens the sandbox's database: from saved bytes when given (a `--data` file), else the district
 * of these options, read from the cache when it holds it and generated otherwise (then saved to
 * it). Catalog tables missing from older saved files are created empty.
 */
export function openDistrict(sql: SqlJsStatic, catalog: Catalog, generate: GenerateOptions, saved?: Uint8Array, cacheOptions?: DistrictCacheOptions): OpenedDistrict {
  const room = generatedDatabaseBytes(catalog, generate.students);
  const cache = saved ? undefined : DistrictCache.for(cacheOptions, `${schemaSql(catalog)};\n${indexSql}`, generate);
  const cachedBytes = cache?.read(room);
  const origin: DistrictOrigin = saved ? 'saved' : cachedBytes ? 'cache' : 'generated';
  const image = saved ?? cachedBytes ?? roomyEmptyDatabase(sql, room);
  const store = new SqlStore(new sql.Database(image), sqliteAbiOf(sql));
  try {
    // sql.js keeps the database "file" in Emscripten's JS-side MEMFS, where every page journalled
    // is a JS write: no journal during the bulk load; 16 KiB pages (fewer, larger writes; 64 KiB
    // bloats the 1,000 empty tables of the large catalog).
    store.db.exec(`PRAGMA page_size=${pageSize}; PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; PRAGMA temp_store=MEMORY`);
    if (saved) {
      createSchema(store, catalog);
      createIndexes(store);
    } else if (origin === 'generated') {
      // One transaction, so the file keeps the room made for it until the single COMMIT (which
      // trims it to the pages used); the indexes whose keys arrive in no order after the bulk load.
      store.db.exec(`PRAGMA cache_size=-${generatingCacheKib}`);
      store.transaction(() => {
        createSchema(store, catalog);
        generateDistrict(store, generate);
        createIndexes(store);
      });
      // The file as MEMFS holds it, committed: no copy of it in memory on the way to the disk. Only
      // while MEMFS still holds those bytes (a file that outgrew them moved), which its size tells.
      if (cache && image instanceof HeaderThenZeros && image.file) cache.save(image.file, Number(store.scalar('PRAGMA page_count')) * pageSize);
    }
    // Requests read pages again and again: keep every page read in the cache from here on.
    store.db.exec(`PRAGMA cache_size=-${servingCacheKib}`);
    // From here on, writes come from requests: keep a journal (in memory) so ROLLBACK works.
    store.db.exec('PRAGMA journal_mode=MEMORY');
    return { store, origin, cached: cache?.settled() ?? Promise.resolve() };
  } catch (error) {
    store.close();
    throw error;
  }
}

/** `openDistrict`'s store, without a district cache. */
export function openStore(sql: SqlJsStatic, catalog: Catalog, generate: GenerateOptions, saved?: Uint8Array): SqlStore {
  return openDistrict(sql, catalog, generate, saved).store;
}

/**
 * An empty database in a file of about `bytes`. MEMFS grows a file by an eighth each time a write
 * passes its end, copying it whole: writing a 160 MB district page by page allocated and copied
 * 1.5 GB (49 times), and fresh memory is what costs most on a small VM. SQLite reads the database
 * size from page 1's header, so the zeros after it are free room, written over in place.
 */
function roomyEmptyDatabase(sql: SqlJsStatic, bytes: number): Uint8Array {
  const empty = new sql.Database();
  try {
    empty.exec(`PRAGMA page_size=${pageSize}; PRAGMA user_version=0`); // writes page 1 with this page size
    const header = empty.export();
    const image = new HeaderThenZeros(Math.max(bytes, header.length));
    image.set(header);
    image.headerLength = header.length;
    return image;
  } finally {
    empty.close();
  }
}

/**
 * A database image that is its header and then zeros. sql.js copies the bytes it opens into its
 * MEMFS file with `slice()`, which reads and writes all 160 MB (0.7 s of page faults at 100,000
 * students before SQLite writes a page); this copy only writes the header, and the rest stays
 * untouched memory until SQLite fills it.
 */
class HeaderThenZeros extends Uint8Array {
  static get [Symbol.species](): Uint8ArrayConstructor {
    return Uint8Array;
  }

  headerLength = 0;
  /** The bytes MEMFS took as the file (written over in place while they have room). */
  file: Uint8Array | undefined;

  override slice(start?: number, end?: number): Uint8Array<ArrayBuffer> {
    if ((start ?? 0) !== 0 || (end ?? this.length) !== this.length) return super.slice(start, end);
    // MEMFS only sets, subarrays and slices the file's view: shared memory behind it changes nothing for it.
    const copy = this.length >= prefaultFromBytes ? prefaultedZeros(this.length).bytes as Uint8Array<ArrayBuffer> : new Uint8Array(this.length);
    copy.set(this.subarray(0, this.headerLength));
    this.file = copy;
    return copy;
  }
}
