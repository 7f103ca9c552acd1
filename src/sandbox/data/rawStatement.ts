import type { SqlValue } from 'sql.js';
import type { SqliteAbi } from './sqliteAbi';

const sqliteOk = 0;
const sqliteRow = 100;
const sqliteDone = 101;
/** SQLITE_STATIC: the text stays where it is until the statement is bound again or finalized. */
const staticText = 0;
const nonAscii = /[^\x00-\x7f]/;

/**
 * A prepared statement bound and stepped through SQLite's C API directly. sql.js binds each text
 * value with a malloc, a UTF-8 encoding and a free, through JavaScript wrappers: two thirds of the
 * time of writing a generated district's 100,000 students. Here a run's texts are written into
 * WebAssembly memory with one call and bound where they lie; numbers and NULLs go straight to
 * SQLite. Values bind as sql.js binds them: a number that is an int32 as INTEGER, any other as REAL,
 * null as NULL.
 */
export class RawStatement {
  private textAt = 0;
  private textRoom = 0;
  private heap: Buffer;

  private constructor(private readonly abi: SqliteAbi, private readonly db: number, private handle: number) {
    this.heap = Buffer.from(abi.memory.buffer);
  }

  /** Prepares `sql` (one statement) on the database whose sqlite3 pointer is `db`. */
  static prepare(abi: SqliteAbi, db: number, sql: string): RawStatement {
    const bytes = Buffer.byteLength(sql);
    const text = abi._malloc(bytes + 1);
    const out = abi._malloc(4);
    try {
      const heap = Buffer.from(abi.memory.buffer);
      heap.write(sql, text, 'utf8');
      heap[text + bytes] = 0;
      const code = abi._sqlite3_prepare_v2(db, text, bytes, out, 0);
      if (code !== sqliteOk) throw new Error(errorMessage(abi, db));
      return new RawStatement(abi, db, Buffer.from(abi.memory.buffer).readInt32LE(out));
    } finally {
      abi._free(text);
      abi._free(out);
    }
  }

  /** Binds `values` to parameters 1..n, steps the statement to its end and resets it; throws SQLite's message on an error. */
  run(values: readonly SqlValue[]): void {
    if (this.handle === 0) throw new Error('the statement was freed');
    let text = '';
    for (let index = 0; index < values.length; index++) {
      const value = values[index];
      if (typeof value === 'string') text += value;
    }
    const ascii = !nonAscii.test(text);
    // A text of n characters is at most 3n bytes of UTF-8 (a surrogate pair: two characters, four bytes).
    this.reserve(ascii ? text.length : text.length * 3);
    const heap = this.freshHeap();
    const abi = this.abi;
    const handle = this.handle;
    if (ascii) heap.write(text, this.textAt, 'latin1'); // ASCII: one byte a character, as in UTF-8
    let at = this.textAt;
    for (let index = 0; index < values.length; index++) {
      const value = values[index];
      const parameter = index + 1;
      let code: number;
      if (typeof value === 'string') {
        const bytes = ascii ? value.length : heap.write(value, at, 'utf8');
        code = abi._sqlite3_bind_text(handle, parameter, at, bytes, staticText);
        at += bytes;
      } else if (typeof value === 'number') {
        code = value === (value | 0) ? abi._sqlite3_bind_int(handle, parameter, value) : abi._sqlite3_bind_double(handle, parameter, value);
      } else if (value === null || value === undefined) {
        code = abi._sqlite3_bind_blob(handle, parameter, 0, 0, staticText); // a NULL pointer binds NULL
      } else {
        throw new TypeError(`parameter ${parameter}: only text, numbers and null are bound here`);
      }
      if (code !== sqliteOk) throw new Error(errorMessage(abi, this.db));
    }
    let stepped: number;
    do stepped = abi._sqlite3_step(handle); while (stepped === sqliteRow);
    const reset = abi._sqlite3_reset(handle);
    if (stepped !== sqliteDone) throw new Error(errorMessage(abi, this.db));
    if (reset !== sqliteOk) throw new Error(errorMessage(abi, this.db));
  }

  free(): void {
    if (this.handle === 0) return;
    this.abi._sqlite3_finalize(this.handle);
    this.handle = 0;
    if (this.textAt) this.abi._free(this.textAt);
    this.textAt = 0;
    this.textRoom = 0;
  }

  private reserve(bytes: number): void {
    if (bytes <= this.textRoom && this.textAt) return;
    if (this.textAt) this.abi._free(this.textAt);
    this.textRoom = Math.max(bytes, 2 * this.textRoom, 4096);
    this.textAt = this.abi._malloc(this.textRoom);
    if (!this.textAt) throw new Error(`out of memory for ${this.textRoom} bytes of bound text`);
  }

  /** A view of the memory as it is now: a malloc or a step can grow it, which replaces its buffer. */
  private freshHeap(): Buffer {
    if (this.heap.buffer !== this.abi.memory.buffer) this.heap = Buffer.from(this.abi.memory.buffer);
    return this.heap;
  }
}

function errorMessage(abi: SqliteAbi, db: number): string {
  const at = abi._sqlite3_errmsg(db);
  const heap = Buffer.from(abi.memory.buffer);
  const end = heap.indexOf(0, at);
  return heap.toString('utf8', at, end < 0 ? at : end);
}
