import { databaseBytes, headerPageSize, recordChange, reservedBytes, setUserVersion, userVersion } from './databaseHeader';
import { indexLeaf, tableLeaf, type PageSink } from './pageBuilder';
import type { SqlStore } from './sqlite';

/** The file has no room for another page (MEMFS holds it: only sql.js could grow it). */
export class FileRoomExhausted extends Error {
  override readonly name = 'FileRoomExhausted';
}

/**
 * The database file as MEMFS holds it, written page by page between SQLite's transactions: new
 * pages after the last one SQLite wrote, and the root pages of tables it created empty. `commit`
 * records the new size in the header and moves the file change counter, which makes SQLite drop
 * every page it holds and read the file again at its next statement (as it does when another
 * process wrote the file).
 */
export class DirectPages implements PageSink {
  private committed = false;

  private constructor(private readonly file: Uint8Array, readonly pageSize: number, private pageCount: number) {}

  /**
   * The pages of `file` when it is the file `store` reads (SQLite sees a change made to it) and
   * no transaction is open; undefined otherwise, and then nothing was changed.
   */
  static open(store: SqlStore, file: Uint8Array): DirectPages | undefined {
    if (store.inTransaction) return undefined;
    const pageSize = Number(store.scalar('PRAGMA page_size'));
    const pageCount = Number(store.scalar('PRAGMA page_count'));
    if (databaseBytes(file) !== pageSize * pageCount || headerPageSize(file) !== pageSize || reservedBytes(file) !== 0) return undefined;
    // The same header may be in a copy MEMFS has let go of: a change only the live file shows tells them apart.
    const version = userVersion(file);
    const probe = (version ^ 0x5a5a5a5a) >>> 0;
    setUserVersion(file, probe);
    recordChange(file);
    const seen = Number(store.scalar('PRAGMA user_version')) >>> 0;
    setUserVersion(file, version);
    recordChange(file);
    return seen === probe ? new DirectPages(file, pageSize, pageCount) : undefined;
  }

  /** Whether `page` is a table or index page with no cells: a root SQLite created and nothing wrote to. */
  isEmptyRoot(page: number): boolean {
    if (page < 2 || page > this.pageCount) return false;
    const at = (page - 1) * this.pageSize;
    const type = this.file[at];
    return (type === tableLeaf || type === indexLeaf) && this.file[at + 3] === 0 && this.file[at + 4] === 0;
  }

  allocate(): number {
    if (this.committed) throw new Error('pages allocated after commit');
    const page = this.pageCount + 1;
    if (page * this.pageSize > this.file.length) throw new FileRoomExhausted(`the database file has room for ${Math.floor(this.file.length / this.pageSize)} pages: page ${page} does not fit`);
    this.pageCount = page;
    return page;
  }

  write(page: number, bytes: Uint8Array): void {
    if (page < 2 || page > this.pageCount || bytes.length !== this.pageSize) throw new Error(`page ${page} is not a page of this file to write`);
    this.file.set(bytes, (page - 1) * this.pageSize);
  }

  /** Records the pages written in the header; SQLite reads them from its next statement on. */
  commit(): void {
    this.committed = true;
    recordChange(this.file, this.pageCount);
  }
}
