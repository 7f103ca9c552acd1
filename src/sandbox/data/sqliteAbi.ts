import type { SqlJsStatic } from 'sql.js';

/**
 * SQLite's C functions as sql.js's module exports them, and the WebAssembly memory they work in:
 * enough to bind and step a prepared statement without sql.js's per-value JavaScript wrappers.
 * Pointers and handles are byte offsets into `memory`.
 */
export interface SqliteAbi {
  readonly memory: { readonly buffer: ArrayBuffer };
  _malloc(bytes: number): number;
  _free(pointer: number): void;
  _sqlite3_prepare_v2(db: number, sql: number, bytes: number, statementOut: number, tailOut: number): number;
  _sqlite3_bind_text(statement: number, index: number, text: number, bytes: number, destructor: number): number;
  _sqlite3_bind_int(statement: number, index: number, value: number): number;
  _sqlite3_bind_double(statement: number, index: number, value: number): number;
  _sqlite3_bind_blob(statement: number, index: number, blob: number, bytes: number, destructor: number): number;
  _sqlite3_step(statement: number): number;
  _sqlite3_reset(statement: number): number;
  _sqlite3_finalize(statement: number): number;
  _sqlite3_errmsg(db: number): number;
}

const abiFunctions = ['_malloc', '_free', '_sqlite3_prepare_v2', '_sqlite3_bind_text', '_sqlite3_bind_int', '_sqlite3_bind_double', '_sqlite3_bind_blob',
  '_sqlite3_step', '_sqlite3_reset', '_sqlite3_finalize', '_sqlite3_errmsg'] as const;

/** Where `loadSqlJs` leaves the module's memory on the module it loaded (sql.js does not export it). */
export const sqlJsMemory = Symbol('sql.js WebAssembly memory');

/** The module's C API, or undefined when this sql.js does not offer all of it (then sql.js's own binding is used). */
export function sqliteAbiOf(sql: SqlJsStatic): SqliteAbi | undefined {
  const module = sql as unknown as Record<string | symbol, unknown>;
  const memory = module[sqlJsMemory] as SqliteAbi['memory'] | undefined;
  if (!memory || !abiFunctions.every((name) => typeof module[name] === 'function')) return undefined;
  return Object.assign(Object.fromEntries(abiFunctions.map((name) => [name, module[name]])), { memory }) as unknown as SqliteAbi;
}
