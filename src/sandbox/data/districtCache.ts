import { createHash, randomBytes } from 'node:crypto';
import { closeSync, openSync, readdirSync, readFileSync, readSync, rmSync, statfsSync, statSync, utimesSync } from 'node:fs';
import { mkdir, open, rename, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { changeCounter, databaseBytes } from './databaseHeader';
import type { GenerateOptions } from './generate';

/** Where generated districts are kept, and what decides their bytes besides the options and the schema. */
export interface DistrictCacheOptions {
  /** The folder (hosts use the user's cache folder: `productCacheDir('districts')`). */
  readonly dir: string;
  /**
   * A digest of the code that generates: any change to the generator gives other keys. Default: the
   * SHA-256 of the file this code was loaded from (the sandbox's bundle in the extension and psdev).
   */
  readonly codeIdentity?: string;
  /** Smaller districts are generated every time: they take well under a second (default 20,000). */
  readonly fromStudents?: number;
}

/**
 * Files kept: the newest always, older ones while there are at most this many and they fit in
 * `keptBytes` together (a 100,000-student district is a 165 MB file).
 */
const keptFiles = 3;
const keptBytes = 1024 ** 3;
/** A save never leaves the disk with less than this free. */
const spareDiskBytes = 512 * 1024 ** 2;
/** Bumped when what a file holds changes in a way no other part of the key shows. */
const formatVersion = 1;
const chunkBytes = 16 * 1024 * 1024;
const defaultFromStudents = 20_000;
const prefix = 'district-';
const suffix = '.sqlite';

/**
 * Generated districts saved by everything that decides their bytes: the generator's code, the
 * options, the schema SQL. Generating 100,000 students takes seconds of SQLite work; reading the
 * 165 MB file back takes a fraction of one. Nothing is keyed by anything that can change under it,
 * so a file is never stale, only unused (and then dropped, oldest first). A file is written whole,
 * fsynced and renamed into place; one whose size does not match its own SQLite header is removed,
 * not read.
 */
export class DistrictCache {
  private saving: Promise<void> = Promise.resolve();

  private constructor(private readonly dir: string, readonly file: string) {}

  /** The cache for a district of these options and this schema, or undefined when it is not worth one. */
  static for(options: DistrictCacheOptions | undefined, schemaSql: string, generate: GenerateOptions): DistrictCache | undefined {
    if (!options || generate.students < (options.fromStudents ?? defaultFromStudents)) return undefined;
    const code = options.codeIdentity ?? ownCodeIdentity();
    if (!code) return undefined;
    const key = createHash('sha256').update(JSON.stringify([formatVersion, code, generate.seed, generate.schools, generate.students, schemaSql])).digest('hex');
    return new DistrictCache(options.dir, join(options.dir, `${prefix}${key}${suffix}`));
  }

  /**
   * The saved district in a buffer of at least `room` bytes (zeros after the file: room SQLite
   * writes into in place), or undefined when there is none or it is damaged (then removed).
   */
  read(room: number): Uint8Array | undefined {
    let fd: number;
    try {
      fd = openSync(this.file, 'r');
    } catch {
      return undefined;
    }
    try {
      const size = statSync(this.file).size;
      const bytes = new OwnedBytes(Math.max(room, size));
      for (let offset = 0; offset < size;) {
        const read = readSync(fd, bytes, offset, Math.min(chunkBytes, size - offset), offset);
        if (read === 0) break;
        offset += read;
      }
      if (databaseBytes(bytes) !== size) throw new Error('not the database it names');
      const now = new Date();
      utimesSync(this.file, now, now); // the newest used is the last dropped
      return bytes;
    } catch {
      removeQuietly(this.file);
      return undefined;
    } finally {
      closeSync(fd);
    }
  }

  /**
   * Saves a generated district: `file` starts with the database file's `size` bytes (its header
   * must say so). The bytes are written in the background, then fsynced and renamed into place
   * (`settled`), while the sandbox already answers requests from the same memory. A write to the
   * district commits a new change counter into its header, so a save whose bytes show another
   * counter once written may hold part of that write and is dropped, not kept. Never throws: a
   * cache that cannot be written only means the next start generates again.
   */
  save(file: Uint8Array, size: number): void {
    if (databaseBytes(file) !== size) return;
    const generated = changeCounter(file);
    // Its own name per save: two sandboxes of one process may save the same district at once.
    const partial = `${this.file}.${process.pid}-${randomBytes(4).toString('hex')}.partial`;
    this.saving = (async () => {
      let handle: FileHandle | undefined;
      try {
        await mkdir(this.dir, { recursive: true });
        if (!hasRoomFor(this.dir, size)) return;
        handle = await open(partial, 'w');
        for (let offset = 0; offset < size;) offset += (await handle.write(file, offset, Math.min(chunkBytes, size - offset), offset)).bytesWritten;
        if (changeCounter(file) !== generated) throw new Error('the district was written to while it was saved');
        await handle.sync();
        const closing = handle;
        handle = undefined; // closed or not, the number is given back: never close it twice
        await closing.close();
        await rename(partial, this.file);
        dropOldFiles(this.dir, this.file);
      } catch {
        await handle?.close().catch(() => undefined);
        removeQuietly(partial);
      }
    })();
  }

  /** Settles when the last save is in place (or given up). */
  settled(): Promise<void> {
    return this.saving;
  }
}

/** A buffer MEMFS takes as the database file as it is: its `slice()` of the whole is itself, not a copy. */
class OwnedBytes extends Uint8Array {
  static get [Symbol.species](): Uint8ArrayConstructor {
    return Uint8Array;
  }

  override slice(start?: number, end?: number): Uint8Array<ArrayBuffer> {
    if ((start ?? 0) !== 0 || (end ?? this.length) !== this.length) return super.slice(start, end);
    return new Uint8Array(this.buffer, this.byteOffset, this.length) as Uint8Array<ArrayBuffer>;
  }
}

function removeQuietly(path: string): void {
  try {
    rmSync(path, { force: true });
  } catch {
    // not there, or not ours to remove: nothing depends on it
  }
}

function hasRoomFor(dir: string, size: number): boolean {
  try {
    const disk = statfsSync(dir);
    return disk.bavail * disk.bsize >= size + spareDiskBytes;
  } catch {
    return true; // no statfs here: try, and a full disk fails the write
  }
}

/** Keeps `kept` and the newest others within the limits; removes another process's partial file an hour old. */
function dropOldFiles(dir: string, kept: string): void {
  const files = readdirSync(dir).flatMap((name) => {
    if (!name.startsWith(prefix)) return [];
    const path = join(dir, name);
    try {
      const stat = statSync(path);
      if (name.endsWith('.partial')) {
        if (Date.now() - stat.mtimeMs > 3_600_000) removeQuietly(path);
        return [];
      }
      return name.endsWith(suffix) && path !== kept ? [{ path, size: stat.size, used: stat.mtimeMs }] : [];
    } catch {
      return [];
    }
  });
  let count = 1;
  let bytes = statSync(kept).size;
  for (const file of files.sort((a, b) => b.used - a.used)) {
    if (count < keptFiles && bytes + file.size <= keptBytes) {
      count++;
      bytes += file.size;
    } else {
      removeQuietly(file.path);
    }
  }
}

/** The SHA-256 of the file this code was loaded from: in a bundle (all of ours), the whole generator and schema. */
function ownCodeIdentity(): string | undefined {
  try {
    return createHash('sha256').update(readFileSync(__filename)).digest('hex');
  } catch {
    return undefined;
  }
}
