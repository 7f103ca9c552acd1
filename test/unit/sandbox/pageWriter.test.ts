import * as assert from 'node:assert/strict';
import type { SqlJsStatic, SqlValue } from 'sql.js';
import { DirectPages } from '../../../src/sandbox/data/directPages';
import { pageInserter, tablePages, type TablePages } from '../../../src/sandbox/data/pageInserter';
import { createRandom, type Random } from '../../../src/sandbox/data/random';
import { RecordEncoder, type Affinity } from '../../../src/sandbox/data/recordEncoder';
import { roomyImage } from '../../../src/sandbox/data/roomyImage';
import { loadSqlJs, locateSqlWasm, SqlStore } from '../../../src/sandbox/data/sqlite';

const texts = ['', 'plain', "it's", 'a\0b', 'Zoë', '名前', '😀 surrogate pair', 'x'.repeat(300), 'y'.repeat(3000), 'tab\tand\nnewline', '\u0080', '\uffff'];
const numbers = [0, -0, 1, -1, 127, 128, -129, 32767, -32769, 8388608, 2 ** 31 - 1, -(2 ** 31), 2 ** 31, 2 ** 47 - 1, -(2 ** 47), 2 ** 47, 2 ** 53, -(2 ** 53), 2 ** 60,
  2 ** 63, -(2 ** 63), 0.5, -1e-300, 1e300, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 42.0, 5e9];

/** A value a column of this type may be given, as a generator would give it (texts only to TEXT columns, as the writer requires; none longer than `longest` bytes). */
function randomValue(random: Random, type: 'INTEGER' | 'REAL' | 'TEXT', longest: number): SqlValue {
  const roll = random.next();
  if (roll < 0.15) return null;
  if (type === 'TEXT') return roll < 0.85 ? random.pick(texts.filter((text) => Buffer.byteLength(text) + 3 <= longest)) + (random.chance(0.5) ? String(random.int(0, 999)) : '') : random.int(-5000, 5000);
  return roll < 0.6 ? random.pick(numbers) : random.int(-70000, 70000);
}

const columnTypes = ['INTEGER', 'TEXT', 'REAL', 'INTEGER', 'TEXT', 'INTEGER'] as const;
const columnNames = ['id', 'name', 'amount', 'school', 'code', 'rank'];
const tableSql = (name: string) => `CREATE TABLE ${name} (id INTEGER PRIMARY KEY, name TEXT, amount REAL, school INTEGER, code TEXT, rank INTEGER, unused TEXT, spare REAL);
  CREATE INDEX ${name}_school ON ${name} (school); CREATE INDEX ${name}_code ON ${name} (code); CREATE INDEX ${name}_id ON ${name} (id); CREATE INDEX ${name}_rank ON ${name} (rank)`;

describe('sandbox b-tree pages written directly', () => {
  let sql: SqlJsStatic;
  before(async () => {
    sql = await loadSqlJs(locateSqlWasm(__dirname));
  });

  /** A store on a roomy file of `pageSize` pages, and that file's bytes. */
  function openRoomy(pageSize: number, bytes = 8 * 1024 * 1024): { store: SqlStore; file: Uint8Array } {
    const image = roomyImage(sql, bytes, pageSize);
    const store = new SqlStore(new sql.Database(image));
    store.db.exec('PRAGMA journal_mode=OFF');
    assert.ok(image.file, 'sql.js took the roomy file as MEMFS holds it');
    return { store, file: image.file };
  }

  const contents = (store: SqlStore, table: string) => store.all(`SELECT ${[...columnNames, 'unused', 'spare'].map((name) => `quote(${name})`).join(" || ',' || ")} AS line FROM ${table} ORDER BY rowid`).map((row) => row.line);
  const indexed = (store: SqlStore, table: string, column: string) => store.all(`SELECT quote(${column}) AS key, rowid FROM ${table} INDEXED BY ${table}_${column} ORDER BY ${column}, rowid`);

  /** Writes `rows` into `direct` by pages and into `inserted` by INSERTs, then compares every value, type and index. */
  function compareWithInserts(pageSize: number, rows: SqlValue[][], fixed: Readonly<Record<string, string | number>> = {}): void {
    const { store, file } = openRoomy(pageSize);
    try {
      store.db.exec(`${tableSql('direct')}; ${tableSql('inserted')}`);
      const pages = DirectPages.open(store, file);
      assert.ok(pages);
      const plan = tablePages(store, pages, 'direct');
      assert.equal(typeof plan, 'object', String(plan));
      const inserter = pageInserter(pages, plan as TablePages, columnNames, fixed);
      for (const row of rows) inserter.add(row);
      inserter.done();
      pages.commit();
      const fixedNames = Object.keys(fixed);
      const insert = store.db.prepare(`INSERT INTO inserted (${[...columnNames, ...fixedNames].join(', ')}) VALUES (${[...columnNames, ...fixedNames].map(() => '?').join(', ')})`);
      for (const row of rows) insert.run([...row, ...fixedNames.map((name) => fixed[name]!)]);
      insert.free();
      assert.deepEqual(store.all('PRAGMA integrity_check').map((row) => row.integrity_check), ['ok']);
      assert.deepEqual(contents(store, 'direct'), contents(store, 'inserted'));
      for (const column of ['school', 'code', 'id', 'rank']) assert.deepEqual(indexed(store, 'direct', column), indexed(store, 'inserted', column), column);
      // SQLite goes on writing after the pages: a row inserted now lands after them, and the file stays whole.
      store.run('INSERT INTO direct (name, school) VALUES (?, ?)', ['after', 7]);
      assert.equal(store.scalar("SELECT school FROM direct WHERE name = 'after'"), 7);
      assert.deepEqual(store.all('PRAGMA integrity_check').map((row) => row.integrity_check), ['ok']);
    } finally {
      store.close();
    }
  }

  /** Rows whose texts fit a page of `pageSize` (no overflow pages): CODE, which is indexed, short; NAME up to a quarter page. */
  function randomRows(random: Random, count: number, pageSize: number): SqlValue[][] {
    let id = random.int(0, 3);
    return Array.from({ length: count }, () => {
      id += random.int(1, 1000);
      return [id, ...columnTypes.slice(1).map((type, index) => randomValue(random, type, columnNames[index + 1] === 'code' ? 40 : pageSize / 4))];
    });
  }

  for (const [pageSize, count] of [[512, 3000], [1024, 1500], [4096, 800], [16384, 200]] as const) {
    it(`stores what INSERTs store: ${count} random rows on ${pageSize}-byte pages (every value, type and index key)`, () => {
      compareWithInserts(pageSize, randomRows(createRandom(pageSize), count, pageSize));
    });
  }

  it('stores fixed columns as an INSERT of their literal does, and an empty table and a one-row table as SQLite would', () => {
    const random = createRandom(9);
    compareWithInserts(1024, randomRows(random, 400, 1024), { unused: 'same', spare: 0 });
    compareWithInserts(1024, []);
    compareWithInserts(1024, randomRows(random, 1, 1024));
  });

  it('encodes a record into a page only between the offset and the limit it is given (the rest of the page holds cells)', () => {
    const random = createRandom(11);
    const affinities = columnTypes.map((type) => type.toLowerCase() as Affinity);
    const encoder = new RecordEncoder([...affinities, 'text', 'real'], [null, ...columnNames.slice(1).map((_, index) => ({ given: index + 1 })), { fixed: 'same' }, null]);
    for (const row of randomRows(random, 3000, 1024)) {
      const page = new Uint8Array(1024).fill(0xa5);
      const at = random.int(0, 600);
      const limit = random.int(at, 1024);
      const length = encoder.encodeInto(row, page, at, limit);
      page.forEach((byte, offset) => {
        if (offset < (length < 0 ? limit : encoder.start) && offset < at) assert.equal(byte, 0xa5, `byte ${offset} before ${at} written`);
        if (offset >= limit) assert.equal(byte, 0xa5, `byte ${offset} at or past ${limit} written`);
      });
      if (length >= 0) assert.ok(encoder.start >= at && encoder.start + length <= limit);
    }
  });

  it('writes a table without an INTEGER PRIMARY KEY with rowids numbered from 1, as SQLite numbers them', () => {
    const { store, file } = openRoomy(1024);
    try {
      store.db.exec('CREATE TABLE plain (label TEXT, value INTEGER); CREATE INDEX plain_value ON plain (value)');
      const pages = DirectPages.open(store, file)!;
      const inserter = pageInserter(pages, tablePages(store, pages, 'plain') as TablePages, ['value', 'label']);
      const random = createRandom(4);
      const rows = Array.from({ length: 2000 }, (_, index) => [random.int(0, 50), `row ${index}`]);
      for (const row of rows) inserter.add(row);
      inserter.done();
      pages.commit();
      assert.deepEqual(store.all('PRAGMA integrity_check').map((row) => row.integrity_check), ['ok']);
      assert.deepEqual(store.all('SELECT rowid, value, label FROM plain ORDER BY rowid').map((row) => [row.rowid, row.value, row.label]), rows.map(([value, label], index) => [index + 1, value, label]));
      assert.equal(store.scalar('SELECT count(*) FROM plain INDEXED BY plain_value WHERE value = 7'), rows.filter(([value]) => value === 7).length);
    } finally {
      store.close();
    }
  });

  it('refuses what it could not store as SQLite would: rows out of rowid order, texts in numeric columns, reals in TEXT ones, records that need overflow pages', () => {
    const { store, file } = openRoomy(1024);
    try {
      store.db.exec(tableSql('direct'));
      const pages = DirectPages.open(store, file)!;
      const plan = tablePages(store, pages, 'direct') as TablePages;
      const row = (id: number, name: SqlValue = 'a', amount: SqlValue = 1, school: SqlValue = 1, code: SqlValue = 'c') => [id, name, amount, school, code, 1];
      assert.throws(() => {
        const inserter = pageInserter(pages, plan, columnNames);
        inserter.add(row(5));
        inserter.add(row(5));
      }, /rowid 5 after 5: rows must be added in ascending rowid order/);
      assert.throws(() => pageInserter(pages, plan, columnNames).add(row(1, 'a', 'not a number')), /'not a number' in a REAL column would be converted by SQLite/);
      assert.throws(() => pageInserter(pages, plan, columnNames).add(row(1, 0.5)), /0.5 in a TEXT column would be formatted by SQLite/);
      assert.throws(() => pageInserter(pages, plan, columnNames).add(row(1, 'z'.repeat(2000))), /would need overflow pages/);
      assert.throws(() => pageInserter(pages, plan, [...columnNames, 'nope']), /direct has no column nope/);
    } finally {
      store.close();
    }
  });

  it('writes only tables it can fill as SQLite would, and only an empty one', () => {
    const { store, file } = openRoomy(4096);
    try {
      store.db.exec(`CREATE TABLE filled (id INTEGER PRIMARY KEY, a TEXT); INSERT INTO filled VALUES (1, 'x');
        CREATE TABLE defaulted (id INTEGER PRIMARY KEY, a TEXT DEFAULT 'x');
        CREATE TABLE required (id INTEGER PRIMARY KEY, a TEXT NOT NULL);
        CREATE TABLE uniquely (id INTEGER PRIMARY KEY, a TEXT); CREATE UNIQUE INDEX uniquely_a ON uniquely (a);
        CREATE TABLE paired (id INTEGER PRIMARY KEY, a TEXT, b TEXT); CREATE INDEX paired_ab ON paired (a, b);
        CREATE TABLE descending (id INTEGER PRIMARY KEY, a TEXT); CREATE INDEX descending_a ON descending (a DESC);
        CREATE TABLE nocase (id INTEGER PRIMARY KEY, a TEXT); CREATE INDEX nocase_a ON nocase (a COLLATE NOCASE);
        CREATE TABLE triggered (id INTEGER PRIMARY KEY, a TEXT); CREATE TRIGGER triggered_insert AFTER INSERT ON triggered BEGIN SELECT 1; END;
        CREATE TABLE textkey (code TEXT PRIMARY KEY, a TEXT);
        CREATE TABLE untyped (id INTEGER PRIMARY KEY, a BLOB)`);
      const pages = DirectPages.open(store, file)!;
      const reasons = ['filled', 'defaulted', 'required', 'uniquely', 'paired', 'descending', 'nocase', 'triggered', 'textkey', 'untyped'].map((table) => tablePages(store, pages, table));
      assert.deepEqual(reasons, ['filled: not an empty table', 'defaulted.a: TEXT with a default', 'required.a: TEXT NOT NULL', 'uniquely: index uniquely_a is not on one column, ascending',
        'paired: index paired_ab is not on one column, ascending', 'descending: index descending_a is not on one column, ascending', 'nocase: index nocase_a is not on one column, ascending',
        'triggered: has a trigger', 'textkey: its primary key is not its rowid', 'untyped.a: BLOB']);
    } finally {
      store.close();
    }
  });

  it('opens a file only while it is the one SQLite reads and no transaction is open, and keeps to its room', () => {
    const { store, file } = openRoomy(4096, 64 * 1024);
    try {
      store.db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, a TEXT); PRAGMA user_version = 7');
      // A copy holds the same header, but SQLite does not see what is written to it.
      assert.equal(DirectPages.open(store, file.slice()), undefined);
      assert.equal(store.transaction(() => DirectPages.open(store, file)), undefined);
      const pages = DirectPages.open(store, file);
      assert.ok(pages);
      assert.equal(store.scalar('PRAGMA user_version'), 7, 'the check leaves the header as it was');
      const room = Math.floor(file.length / 4096) - Number(store.scalar('PRAGMA page_count'));
      for (let page = 0; page < room; page++) pages.allocate();
      assert.throws(() => pages.allocate(), /the database file has room for 16 pages: page 17 does not fit/);
    } finally {
      store.close();
    }
  });
});
