import { closeSync, fstatSync, fsyncSync, ftruncateSync, openSync, readFileSync, statSync, writeSync } from 'node:fs';
import type { WrittenStatement } from './sqlite';

/** One acknowledged transaction: its sequence number (also stored in the database) and its writes. */
export interface JournalEntry {
  readonly seq: number;
  readonly writes: readonly WrittenStatement[];
}

/** A write the sandbox could not make durable; the server answers 500 with this message. */
export class WriteNotDurableError extends Error {}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/**
 * The complete entries of a journal file. Every entry ends with a newline and is fsynced before
 * its write is acknowledged, so text after the last newline is an append torn by a crash: it was
 * never acknowledged and is dropped.
 */
export function readJournal(file: string): JournalEntry[] {
  // Not a file (absent, a directory in the way, a folder that cannot exist): nothing to replay; opening it for writes reports the problem.
  if (!isFile(file)) return [];
  const lines = readFileSync(file, 'utf8').split('\n');
  lines.pop();
  return lines.map((line, index) => {
    try {
      return JSON.parse(line) as JournalEntry;
    } catch {
      throw new Error(`${file} line ${index + 1} is not a journal entry; move the file away to start from the last snapshot`);
    }
  });
}

/**
 * The append-only journal next to a `--data` snapshot: one JSON line per transaction, fsynced
 * before the write is answered. A failed append is cut off again so no half line stays in front
 * of later entries.
 */
export class WriteJournal {
  private size: number;

  private constructor(private readonly fd: number, readonly file: string) {
    this.size = fstatSync(fd).size;
  }

  static open(file: string): WriteJournal {
    return new WriteJournal(openSync(file, 'a'), file);
  }

  append(entry: JournalEntry): void {
    const bytes = Buffer.from(`${JSON.stringify(entry)}\n`);
    try {
      writeAndSync(this.fd, bytes);
      this.size += bytes.length;
    } catch (error) {
      try {
        ftruncateSync(this.fd, this.size);
      } catch {
        // The failed append stays; it has no newline only if the write itself was cut short.
      }
      throw new WriteNotDurableError(`The write could not be saved to ${this.file}: ${(error as Error).message}`);
    }
  }

  /** Empties the journal once a snapshot holds every entry. */
  clear(): void {
    ftruncateSync(this.fd, 0);
    fsyncSync(this.fd);
    this.size = 0;
  }

  close(): void {
    closeSync(this.fd);
  }
}

/** Writes every byte (writeSync may write fewer than asked) and flushes them to the disk. */
export function writeAndSync(fd: number, bytes: Uint8Array): void {
  for (let written = 0; written < bytes.length;) written += writeSync(fd, bytes, written);
  fsyncSync(fd);
}
