import { createHash } from 'node:crypto';
import { quoteIdentifier, type SqlStore } from '../../../src/sandbox/data/sqlite';

/** A digest of every table, row, value and value type of a sandbox's database (quote() keeps 1 and 1.0 apart). */
export function districtDigest(store: SqlStore): string {
  const digest = createHash('sha256');
  const tables = store.all("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").map((row) => String(row.name));
  for (const table of tables) {
    const columns = store.all(`PRAGMA table_info(${quoteIdentifier(table)})`).map((row) => `quote(${quoteIdentifier(String(row.name))})`);
    digest.update(`${table}\n`);
    for (const row of store.all(`SELECT ${columns.join(" || ',' || ")} AS line FROM ${quoteIdentifier(table)} ORDER BY rowid`)) digest.update(`${String(row.line)}\n`);
  }
  return digest.digest('hex');
}
