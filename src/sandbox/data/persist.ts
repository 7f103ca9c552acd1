import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import type { SqlStore } from './sqlite';

/** The saved database, or undefined when the file does not exist yet (a first start). */
export function readSavedDatabase(file: string): Uint8Array | undefined {
  return existsSync(file) ? new Uint8Array(readFileSync(file)) : undefined;
}

/** Writes the whole database atomically (temp file + rename), so a crash never leaves half a file. */
export function saveDatabase(store: SqlStore, file: string): void {
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, store.db.export());
  renameSync(temporary, file);
}

/**
 * Saves the database shortly after writes, coalescing bursts: exporting a 100,000-student
 * district takes a few hundred ms, too much per request. `flush` (called by close) writes any
 * pending change at once, so a normal stop loses nothing; a hard kill can lose the last
 * `delayMs` of writes.
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
