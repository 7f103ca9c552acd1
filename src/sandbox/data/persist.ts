import { closeSync, existsSync, fsyncSync, openSync, readFileSync, renameSync } from 'node:fs';
import { dirname } from 'node:path';
import { readJournal, writeAndSync, WriteJournal, WriteNotDurableError } from './journal';
import type { SqlStore, WrittenStatement } from './sqlite';

/** The saved database, or undefined when the file does not exist yet or is empty (a first start). */
export function readSavedDatabase(file: string): Uint8Array | undefined {
  if (!existsSync(file)) return undefined;
  const bytes = readFileSync(file);
  return bytes.length ? new Uint8Array(bytes) : undefined;
}

function writeDurably(file: string, bytes: Uint8Array): void {
  const fd = openSync(file, 'w');
  try {
    writeAndSync(fd, bytes);
  } finally {
    closeSync(fd);
  }
}

/** Makes a rename in `dir` survive a power loss; Windows cannot open a directory, and needs no such step. */
function syncDirectory(dir: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(dir, 'r');
    fsyncSync(fd);
  } catch {
    // Best effort: see above.
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** Writes the whole database atomically and durably (fsynced temp file + rename), so a crash never leaves half a file. */
export function saveDatabase(store: SqlStore, file: string): void {
  const temporary = `${file}.${process.pid}.tmp`;
  writeDurably(temporary, store.db.export());
  renameSync(temporary, file);
  syncDirectory(dirname(file));
}

/**
 * Runs `save` shortly after the first of a burst of changes, coalescing the burst: exporting a
 * 100,000-student district takes a few hundred ms, too much per request. `flush` saves any
 * pending change at once.
 */
export class DebouncedSaver {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private dirty = false;

  constructor(private readonly save: () => void, private readonly delayMs: number, private readonly onError: (error: unknown) => void) {}

  schedule(): void {
    this.dirty = true;
    this.timer ??= setTimeout(() => this.flush(), this.delayMs);
  }

  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (!this.dirty) return;
    this.dirty = false;
    try {
      this.save();
    } catch (error) {
      this.onError(error);
    }
  }
}

const journalSeqKey = 'journal_seq';

export interface DataFileOptions {
  /** How soon after a write the journal is folded into the snapshot. */
  readonly compactDelayMs: number;
  /** Problems the user must see: a snapshot that cannot be written, a journal that cannot be opened. */
  readonly warn: (line: string) => void;
}

/**
 * Keeps a `--data` file in step with the in-memory database. Every transaction is appended to
 * `<file>.journal` and fsynced before COMMIT, so an acknowledged write survives kill -9; shortly
 * after, the whole database is saved as the snapshot and the journal emptied. On start the journal
 * is replayed on the snapshot; entries carry a sequence number that the database also stores, so
 * entries a snapshot already holds (a crash between saving it and emptying the journal) are skipped.
 */
export class DurableDataFile {
  private journal: WriteJournal | undefined;
  private seq: number;
  private readonly compaction: DebouncedSaver;

  private constructor(private readonly store: SqlStore, private readonly file: string, private readonly options: DataFileOptions) {
    this.seq = Number(store.scalar('SELECT value FROM sandbox_meta WHERE key = ?', [journalSeqKey]) ?? 0);
    this.compaction = new DebouncedSaver(() => this.compact(), options.compactDelayMs, (error) => options.warn(`could not save ${file}: ${(error as Error).message}; writes stay in ${this.journalFile}`));
  }

  private get journalFile(): string {
    return `${this.file}.journal`;
  }

  /** Replays the journal onto `store`, saves a snapshot when the file is new or the journal held entries, then journals every write. */
  static open(store: SqlStore, file: string, fresh: boolean, options: DataFileOptions): DurableDataFile {
    const data = new DurableDataFile(store, file, options);
    const entries = readJournal(data.journalFile);
    for (const entry of entries.filter((candidate) => candidate.seq > data.seq)) {
      store.transaction(() => {
        for (const write of entry.writes) store.run(write.sql, write.params);
        data.storeSeq(entry.seq);
      });
    }
    data.openJournal();
    if (fresh || entries.length) {
      data.compaction.schedule();
      data.compaction.flush();
    }
    store.onCommit((writes) => data.record(writes));
    return data;
  }

  private openJournal(): void {
    try {
      this.journal = WriteJournal.open(this.journalFile);
    } catch (error) {
      this.options.warn(`cannot open ${this.journalFile}: ${(error as Error).message}; writes will be refused (500) until it can be written`);
    }
  }

  private storeSeq(seq: number): void {
    this.store.db.run('INSERT OR REPLACE INTO sandbox_meta (key, value) VALUES (?, ?)', [journalSeqKey, String(seq)]);
    this.seq = seq;
  }

  private record(writes: readonly WrittenStatement[]): void {
    if (!this.journal) this.openJournal();
    if (!this.journal) throw new WriteNotDurableError(`The write could not be saved: ${this.journalFile} cannot be opened`);
    const seq = this.seq + 1;
    this.journal.append({ seq, writes });
    this.storeSeq(seq);
    this.compaction.schedule();
  }

  private compact(): void {
    saveDatabase(this.store, this.file);
    this.journal?.clear();
  }

  /** Saves the snapshot if writes are pending and closes the journal. */
  close(): void {
    this.compaction.flush();
    this.journal?.close();
    this.journal = undefined;
  }
}
