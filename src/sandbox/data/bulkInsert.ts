import type { SqlValue } from 'sql.js';
import { quoteIdentifier, type SqlStore } from './sqlite';

/** A prepared statement as the inserter uses it: sql.js's, or one bound through SQLite's C API. */
interface Runnable {
  run(values: SqlValue[]): unknown;
  free(): unknown;
}

/** A prepared INSERT for one table and a fixed column list; call `add` per row, `done` at the end. */
export interface BulkInserter {
  /** Writes a row; `values` are read during the call only, so a caller may fill the same array for every row. */
  add(values: readonly SqlValue[]): void;
  done(): void;
}

/**
 * Rows written per statement run: each run is a step, a reset and the VDBE's per-statement
 * set-up, crossing into WebAssembly a few times, so one run per row cost that 100,000 times over.
 */
const rowsPerStatement = 50;

/**
 * `fixed` columns take the same value in every row: written into the statement once instead of
 * bound per row (each bound text is a malloc, a UTF-8 copy and a free in sql.js). Columns left out
 * of both lists are NULL. Rows are written `rowsPerStatement` at a time (multi-row VALUES), in the
 * order added; `done` writes the rest.
 */
export function bulkInserter(store: SqlStore, table: string, columns: readonly string[], fixed: Readonly<Record<string, string | number>> = {}): BulkInserter {
  const fixedColumns = Object.keys(fixed);
  const head = `INSERT INTO ${quoteIdentifier(table)} (${[...columns, ...fixedColumns].map(quoteIdentifier).join(', ')}) VALUES `;
  const row = `(${[...columns.map(() => '?'), ...fixedColumns.map((column) => sqlLiteral(fixed[column]!))].join(', ')})`;
  const prepare = (rows: number): Runnable => {
    const sql = head + Array.from({ length: rows }, () => row).join(', ');
    return store.prepareRaw(sql) ?? store.db.prepare(sql);
  };
  const batch = new Array<SqlValue>(columns.length * rowsPerStatement);
  let statement: Runnable | undefined;
  let pending = 0;
  let finished = false;
  return {
    add(values) {
      if (finished) throw new Error(`${table}: a row added after done()`);
      if (values.length !== columns.length) throw new Error(`${table}: ${values.length} values for ${columns.length} columns`);
      for (let index = 0; index < values.length; index++) batch[pending * columns.length + index] = values[index]!;
      if (++pending < rowsPerStatement) return;
      statement ??= prepare(rowsPerStatement);
      statement.run(batch);
      pending = 0;
    },
    done() {
      if (finished) return;
      finished = true;
      statement?.free();
      statement = undefined;
      const rows = pending;
      pending = 0;
      if (rows === 0) return;
      const rest = prepare(rows);
      try {
        rest.run(batch.slice(0, rows * columns.length));
      } finally {
        rest.free();
      }
    },
  };
}

/** The literal SQLite reads as the value sql.js would bind: text, an int32 as INTEGER, a fraction as REAL. */
function sqlLiteral(value: string | number): string {
  if (typeof value === 'string') return `'${value.replace(/'/g, "''")}'`;
  if (value === (value | 0) || (Number.isFinite(value) && !Number.isInteger(value))) return String(value);
  throw new TypeError(`${value} is bound as a double by sql.js: not a fixed column value`);
}
