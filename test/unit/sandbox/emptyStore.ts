import { loadSqlJs, locateSqlWasm, SqlStore } from '../../../src/sandbox/data/sqlite';

/** Runs `use` on an empty in-memory database, closed afterwards. */
export async function withEmptyStore(use: (store: SqlStore) => void): Promise<void> {
  const sql = await loadSqlJs(locateSqlWasm(__dirname));
  const store = new SqlStore(new sql.Database());
  try {
    use(store);
  } finally {
    store.close();
  }
}
