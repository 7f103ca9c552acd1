import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, copyFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { largeCatalog, standardCatalog, isWritableTable } from '../../../src/sandbox/catalog/catalog';
import { generateDistrict } from '../../../src/sandbox/data/generate';
import { openDistrict, openStore } from '../../../src/sandbox/data/openStore';
import { createIndexes, createSchema } from '../../../src/sandbox/data/schema';
import { loadSqlJs, locateSqlWasm, SqlStore } from '../../../src/sandbox/data/sqlite';
import { districtDigest } from './districtDigest';
import { startTestSandbox } from './harness';

describe('sandbox catalog', () => {
  it('holds the reference tables, extension tables and PowerQueries', () => {
    const catalog = standardCatalog();
    assert.equal(catalog.tables.length, 101);
    assert.equal(catalog.table('STUDENTS')?.columns.length, 152);
    assert.equal(catalog.powerQueries.length, 17);
    assert.equal(isWritableTable(catalog.table('u_studentsuserfields')!), true);
    assert.equal(isWritableTable(catalog.table('s_stu_x')!), true);
    assert.equal(isWritableTable(catalog.table('students')!), false);
    for (const table of catalog.tables) assert.ok(catalog.areas.includes(table.area), `${table.name} in a known area`);
  });

  it('has a large variant of about 1,000 tables with a 400-column table', () => {
    const large = largeCatalog();
    assert.ok(large.tables.length >= 990 && large.tables.length <= 1010, String(large.tables.length));
    assert.ok(large.tables.some((table) => table.columns.length === 400));
    assert.equal(new Set(large.tables.map((table) => table.name)).size, large.tables.length, 'unique names');
    assert.deepEqual(largeCatalog().tables.map((table) => table.name), large.tables.map((table) => table.name), 'deterministic');
  });
});

describe('sandbox district generator', () => {
  it('generates the same district for the same seed and a different one for another seed', async () => {
    const sql = await loadSqlJs(locateSqlWasm(__dirname));
    const snapshot = (seed: number) => {
      const store = openStore(sql, standardCatalog(), { seed, schools: 3, students: 60 });
      try {
        return JSON.stringify(['students', 'cc', 'guardian', 'storedgrades', 'u_studentsuserfields'].map((table) => store.all(`SELECT * FROM ${table} ORDER BY 1`)));
      } finally {
        store.close();
      }
    };
    const first = snapshot(3);
    assert.equal(snapshot(3), first);
    assert.notEqual(snapshot(4), first);
  });

  it('generates exactly the district it generated before the bulk load was rewritten (every table, value and type)', async () => {
    const sql = await loadSqlJs(locateSqlWasm(__dirname));
    const store = openStore(sql, standardCatalog(), { seed: 7, schools: 5, students: 2000 });
    try {
      assert.equal(districtDigest(store), '911538e8e403c261a1e22c9f784b5c2ab01e5785433ecf9550ead03e4ff1738e');
    } finally {
      store.close();
    }
  });

  it('writes staff, sections and students as b-tree pages, or by INSERTs where it cannot: the same district, schema and indexes either way', async () => {
    const sql = await loadSqlJs(locateSqlWasm(__dirname));
    const catalog = standardCatalog();
    const generate = { seed: 7, schools: 5, students: 2000 };
    const pinned = '911538e8e403c261a1e22c9f784b5c2ab01e5785433ecf9550ead03e4ff1738e';
    const opened = openDistrict(sql, catalog, generate);
    const inserted = new SqlStore(new sql.Database());
    try {
      assert.equal(opened.bulkTables, 'pages');
      inserted.db.exec('PRAGMA page_size=16384; PRAGMA journal_mode=OFF');
      inserted.transaction(() => createSchema(inserted, catalog));
      assert.equal(generateDistrict(inserted, generate), 'inserts');
      inserted.transaction(() => createIndexes(inserted));
      for (const store of [opened.store, inserted]) {
        assert.deepEqual(store.all('PRAGMA integrity_check').map((row) => row.integrity_check), ['ok']);
        assert.equal(districtDigest(store), pinned);
      }
      const schema = (store: SqlStore) => store.all('SELECT type, name, tbl_name, sql FROM sqlite_schema ORDER BY name');
      assert.deepEqual(schema(opened.store), schema(inserted));
    } finally {
      opened.store.close();
      inserted.close();
    }
  });

  it('generates a district larger than the file made for it again in a larger one, the same district', async () => {
    const sql = await loadSqlJs(locateSqlWasm(__dirname));
    const opened = openDistrict(sql, standardCatalog(), { seed: 7, schools: 5, students: 2000 }, undefined, undefined, 3 * 1024 * 1024);
    try {
      assert.equal(opened.bulkTables, 'pages');
      assert.ok(Number(opened.store.scalar('PRAGMA page_count')) * 16384 > 3 * 1024 * 1024, 'the district is larger than the first room');
      assert.equal(districtDigest(opened.store), '911538e8e403c261a1e22c9f784b5c2ab01e5785433ecf9550ead03e4ff1738e');
      assert.deepEqual(opened.store.all('PRAGMA integrity_check').map((row) => row.integrity_check), ['ok']);
    } finally {
      opened.store.close();
    }
  });

  it('generates districts of no student, one student and many schools whole (staff and sections without students)', async () => {
    const sql = await loadSqlJs(locateSqlWasm(__dirname));
    for (const generate of [{ seed: 1, schools: 1, students: 0 }, { seed: 2, schools: 3, students: 1 }, { seed: 3, schools: 40, students: 200 }]) {
      const opened = openDistrict(sql, standardCatalog(), generate);
      try {
        assert.equal(opened.bulkTables, 'pages');
        assert.deepEqual(opened.store.all('PRAGMA integrity_check').map((row) => row.integrity_check), ['ok'], JSON.stringify(generate));
        assert.equal(opened.store.scalar('SELECT count(*) FROM students'), generate.students);
        assert.ok(Number(opened.store.scalar('SELECT count(*) FROM users')) >= 3 * generate.schools);
      } finally {
        opened.store.close();
      }
    }
  });

  it('keeps ids consistent across tables (same DCIDs everywhere)', async () => {
    const sql = await loadSqlJs(locateSqlWasm(__dirname));
    const store = openStore(sql, standardCatalog(), { seed: 5, schools: 4, students: 150 });
    try {
      const orphan = (sqlText: string) => Number(store.scalar(sqlText));
      assert.equal(orphan('SELECT COUNT(*) FROM students s WHERE NOT EXISTS (SELECT 1 FROM schools sc WHERE sc.school_number = s.schoolid)'), 0);
      assert.equal(orphan('SELECT COUNT(*) FROM cc WHERE NOT EXISTS (SELECT 1 FROM students s WHERE s.id = cc.studentid)'), 0);
      assert.equal(orphan('SELECT COUNT(*) FROM cc WHERE NOT EXISTS (SELECT 1 FROM sections x WHERE x.id = cc.sectionid AND x.schoolid = cc.schoolid)'), 0);
      assert.equal(orphan('SELECT COUNT(*) FROM sections x WHERE NOT EXISTS (SELECT 1 FROM schoolstaff t WHERE t.id = x.teacher)'), 0);
      assert.equal(orphan('SELECT COUNT(*) FROM cc JOIN sections x ON x.id = cc.sectionid WHERE cc.teacherid <> x.teacher OR cc.course_number <> x.course_number'), 0);
      assert.ok(orphan('SELECT COUNT(*) FROM cc') > 0);
      assert.equal(orphan('SELECT COUNT(*) FROM u_studentsuserfields u WHERE NOT EXISTS (SELECT 1 FROM students s WHERE s.dcid = u.studentsdcid)'), 0);
      assert.equal(orphan('SELECT COUNT(*) FROM guardianstudent g WHERE NOT EXISTS (SELECT 1 FROM students s WHERE s.dcid = g.studentsdcid)'), 0);
      assert.equal(orphan('SELECT COUNT(*) FROM storedgrades g WHERE NOT EXISTS (SELECT 1 FROM students s WHERE s.id = g.studentid)'), 0);
      assert.equal(orphan('SELECT COUNT(*) FROM attendance a WHERE NOT EXISTS (SELECT 1 FROM attendance_code c WHERE c.id = a.attendance_codeid AND c.schoolid = a.schoolid)'), 0);
      assert.equal(orphan("SELECT COUNT(*) FROM students WHERE grade_level NOT BETWEEN (SELECT low_grade FROM schools WHERE school_number = students.schoolid) AND (SELECT high_grade FROM schools WHERE school_number = students.schoolid)"), 0);
      assert.equal(orphan('SELECT COUNT(*) FROM students WHERE dcid = id'), 0, 'DCID and ID differ so clients mixing them are caught');
    } finally {
      store.close();
    }
  });

  it('serves the large catalog over /ws/schema', async () => {
    const t = await startTestSandbox({ students: 10, catalog: 'large' });
    try {
      const tables = (await t.get('/ws/schema/table')).body.tables;
      assert.ok(tables.length >= 990);
      const wide = tables.find((table: { name: string }) => table.name === 'S_AL_STU_X');
      assert.ok(wide);
      assert.equal((await t.get('/ws/schema/table/s_al_stu_x/metadata')).body.columns.length, 400);
      assert.equal((await t.get('/ws/schema/table/s_al_stu_x/count')).body.count, 0);
    } finally {
      await t.sandbox.close();
    }
  });
});

describe('sandbox sql-wasm location', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'psdev-wasm-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('uses an explicit path, else walks up to sql-wasm.wasm, dist/ or node_modules/sql.js/dist', () => {
    const wasm = locateSqlWasm(__dirname);
    mkdirSync(join(dir, 'dist'));
    mkdirSync(join(dir, 'a', 'b'), { recursive: true });
    copyFileSync(wasm, join(dir, 'dist', 'sql-wasm.wasm'));
    assert.equal(locateSqlWasm(join(dir, 'a', 'b')), join(dir, 'dist', 'sql-wasm.wasm'));
    assert.equal(locateSqlWasm('/nowhere', wasm), wasm);
    assert.throws(() => locateSqlWasm(dir, join(dir, 'missing.wasm')), /not found/);
  });
});

describe('sandbox store transactions', () => {
  it('rolls back a failed transaction after the bulk load', async () => {
    const sql = await loadSqlJs(locateSqlWasm(__dirname));
    const store = openStore(sql, standardCatalog(), { seed: 1, schools: 1, students: 5 });
    try {
      assert.throws(() => store.transaction(() => {
        store.run("UPDATE students SET last_name = 'Changed' WHERE dcid = 5001");
        throw new Error('boom');
      }), /boom/);
      assert.notEqual(store.scalar('SELECT last_name FROM students WHERE dcid = 5001'), 'Changed');
    } finally {
      store.close();
    }
  });
});
