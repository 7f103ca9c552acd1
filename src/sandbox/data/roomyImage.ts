import type { SqlJsStatic } from 'sql.js';
import { prefaultedZeros } from './prefault';

/** Files from this size (about 20,000 students) have their pages faulted in by a helper thread; a small one is not worth a thread. */
const prefaultFromBytes = 32 * 1024 * 1024;

/**
 * The image of an empty database of `pageSize` pages, to be opened in a file of about `bytes`.
 * MEMFS grows a file by an eighth each time a write passes its end, copying it whole: writing a 160 MB district page by page allocated and copied
 * 1.5 GB (49 times), and fresh memory is what costs most on a small VM. SQLite reads the database
 * size from page 1's header, so the zeros after it are free room, written over in place.
 */
export function roomyImage(sql: SqlJsStatic, bytes: number, pageSize: number): RoomyImage {
  const empty = new sql.Database();
  try {
    empty.exec(`PRAGMA page_size=${pageSize}; PRAGMA user_version=0`); // writes page 1 with this page size
    const header = empty.export();
    const image = new RoomyImage(Math.max(bytes, header.length));
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
export class RoomyImage extends Uint8Array {
  static get [Symbol.species](): Uint8ArrayConstructor {
    return Uint8Array;
  }

  headerLength = 0;
  /** Once sql.js opened it: the bytes MEMFS took as the file (written over in place while they have room). */
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
