import type { SqlValue, Statement } from 'sql.js';
import { quoteIdentifier, type SqlStore } from './sqlite';

/** A prepared INSERT for one table and a fixed column list; call `add` per row, `done` at the end. */
export interface BulkInserter {
  add(values: readonly SqlValue[]): void;
  done(): void;
}

/**
 * `fixed` columns take the same value in every row: written into the statement once instead of
 * bound per row (each bound text is a malloc, a UTF-8 copy and a free in sql.js). Columns left out
 * of both lists are NULL.
 */
export function bulkInserter(store: SqlStore, table: string, columns: readonly string[], fixed: Readonly<Record<string, string | number>> = {}): BulkInserter {
  const fixedColumns = Object.keys(fixed);
  const sql = `INSERT INTO ${quoteIdentifier(table)} (${[...columns, ...fixedColumns].map(quoteIdentifier).join(', ')}) `
    + `VALUES (${[...columns.map(() => '?'), ...fixedColumns.map((column) => sqlLiteral(fixed[column]!))].join(', ')})`;
  const statement: Statement = store.db.prepare(sql);
  return {
    add(values) {
      if (values.length !== columns.length) throw new Error(`${table}: ${values.length} values for ${columns.length} columns`);
      statement.run(values as SqlValue[]);
    },
    done() {
      statement.free();
    },
  };
}

/** The literal SQLite reads as the value sql.js would bind: text, an int32 as INTEGER, a fraction as REAL. */
function sqlLiteral(value: string | number): string {
  if (typeof value === 'string') return `'${value.replace(/'/g, "''")}'`;
  if (value === (value | 0) || (Number.isFinite(value) && !Number.isInteger(value))) return String(value);
  throw new TypeError(`${value} is bound as a double by sql.js: not a fixed column value`);
}
