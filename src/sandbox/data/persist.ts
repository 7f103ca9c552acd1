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
