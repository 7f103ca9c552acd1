import type { SqlValue, Statement } from 'sql.js';
import { quoteIdentifier, type SqlStore } from './sqlite';

/** A prepared INSERT for one table and a fixed column list; call `add` per row, `done` at the end. */
export interface BulkInserter {
  add(values: readonly SqlValue[]): void;
  done(): void;
}

export function bulkInserter(store: SqlStore, table: string, columns: readonly string[]): BulkInserter {
  const sql = `INSERT INTO ${quoteIdentifier(table)} (${columns.map(quoteIdentifier).join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`;
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
