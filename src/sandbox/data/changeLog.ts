import type { SqlValue } from 'sql.js';
import type { SqlStore } from './sqlite';

/**
 * The data-version change log behind /ws/dataversion: one row per write made through the API,
 * its `version` the log's own increasing key. Writers record inside the write's transaction, so
 * a change and its log row commit (and are journalled for a `--data` file) together; generating
 * the district writes no rows, so version 0 means "since the sandbox's data was made".
 */
export const changeLogTableSql = 'CREATE TABLE IF NOT EXISTS sandbox_changes (version INTEGER PRIMARY KEY AUTOINCREMENT, table_name TEXT NOT NULL, id)';

/** Notes that the row of `table` (lower-case name) with primary key `id` was inserted, updated or deleted. */
export function recordChange(store: SqlStore, table: string, id: SqlValue): void {
  store.run('INSERT INTO sandbox_changes (table_name, id) VALUES (?, ?)', [table, id]);
}

/** The version the next /ws/dataversion request should ask from: the last recorded change's. */
export function currentDataVersion(store: SqlStore): number {
  return Number(store.scalar('SELECT COALESCE(MAX(version), 0) FROM sandbox_changes'));
}

/** The primary keys changed after `version`, by table, each key once, in the order first changed. */
export function changesSince(store: SqlStore, version: number): Record<string, SqlValue[]> {
  const tables: Record<string, SqlValue[]> = {};
  const rows = store.all('SELECT table_name, id FROM sandbox_changes WHERE version > ? GROUP BY table_name, id ORDER BY MIN(version)', [version]);
  for (const row of rows) (tables[String(row.table_name)] ??= []).push(row.id ?? null);
  return tables;
}
