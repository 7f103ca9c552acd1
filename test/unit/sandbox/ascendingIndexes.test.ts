import * as assert from 'node:assert/strict';
import { standardCatalog } from '../../../src/sandbox/catalog/catalog';
import { openStore } from '../../../src/sandbox/data/openStore';
import { ascendingIndexes, createSchema } from '../../../src/sandbox/data/schema';
import { loadSqlJs, locateSqlWasm, SqlStore } from '../../../src/sandbox/data/sqlite';

// An index kept during the load is cheap only while each row's key is above every earlier one
// (SQLite appends to the index's last page); a generator change that breaks the order would make
// the start slower without failing anything else.
describe('sandbox indexes kept during the load', () => {
  const keyed = ascendingIndexes.map((sql) => {
    const [, name, table, column] = /INDEX IF NOT EXISTS (\w+) ON (\w+) \((\w+)\)$/.exec(sql)!;
    return { name: name!, table: table!, column: column! };
  });

  it('exist as soon as the tables do', async () => {
    const sql = await loadSqlJs(locateSqlWasm(__dirname));
    const store = new SqlStore(new sql.Database());
    try {
      createSchema(store, standardCatalog());
      const names = store.all("SELECT name FROM sqlite_master WHERE type = 'index'").map((row) => row.name);
      for (const { name } of keyed) assert.ok(names.includes(name), name);
    } finally {
      store.close();
    }
  });

  it('receive their keys in ascending order from the generator', async () => {
    const sql = await loadSqlJs(locateSqlWasm(__dirname));
    const store = openStore(sql, standardCatalog(), { seed: 3, schools: 4, students: 400 });
    try {
      assert.equal(keyed.length, 9);
      for (const { table, column } of keyed) {
        assert.ok(Number(store.scalar(`SELECT count(*) FROM ${table}`)) > 0, `${table} has rows`);
        const descents = store.scalar(`SELECT count(*) FROM (SELECT ${column} AS k, lag(${column}) OVER (ORDER BY rowid) AS before FROM ${table}) WHERE k < before`);
        assert.equal(descents, 0, `${table}.${column} in rowid order`);
      }
    } finally {
      store.close();
    }
  });
});
