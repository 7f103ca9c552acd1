import * as assert from 'node:assert/strict';
import { largeCatalog, standardCatalog, type Catalog } from '../../../src/sandbox/catalog/catalog';
import { generatedDatabaseBytes, openStore } from '../../../src/sandbox/data/openStore';
import { loadSqlJs, locateSqlWasm } from '../../../src/sandbox/data/sqlite';

describe('sandbox generated database file', () => {
  const generate = async (catalog: Catalog, students: number) => {
    const sql = await loadSqlJs(locateSqlWasm(__dirname));
    return openStore(sql, catalog, { seed: 7, schools: 5, students });
  };

  // sql.js grows a file that is too small by an eighth, copying all of it into fresh memory.
  for (const [name, catalog, students] of [['standard', standardCatalog(), 2000], ['large', largeCatalog(), 100]] as const) {
    it(`is generated into a file with room for it (${name} catalog, ${students} students)`, async () => {
      const store = await generate(catalog, students);
      try {
        const bytes = Number(store.scalar('PRAGMA page_count')) * Number(store.scalar('PRAGMA page_size'));
        assert.ok(bytes <= generatedDatabaseBytes(catalog, students), `${bytes} bytes generated, room for ${generatedDatabaseBytes(catalog, students)}`);
      } finally {
        store.close();
      }
    });
  }

  it('keeps every page requests read in the cache once generated (the load itself runs with a small one)', async () => {
    const store = await generate(standardCatalog(), 50);
    try {
      assert.equal(store.scalar('PRAGMA cache_size'), -1024 * 1024);
    } finally {
      store.close();
    }
  });
});
