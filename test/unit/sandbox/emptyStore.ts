import { sqliteAbiOf } from '../../../src/sandbox/data/sqliteAbi';
import { loadSqlJs, locateSqlWasm, SqlStore } from '../../../src/sandbox/data/sqlite';

/** Runs `use` on an empty in-memory database, closed afterwards; `raw`: the store binds bulk writes through SQLite's C API, as a generating one does. */
export async function withEmptyStore(use: (store: SqlStore) => void, raw = false): Promise<void> {
  const sql = await loadSqlJs(locateSqlWasm(__dirname));
  const store = new SqlStore(new sql.Database(), raw ? sqliteAbiOf(sql) : undefined);
  try {
    use(store);
  } finally {
    store.close();
  }
}
