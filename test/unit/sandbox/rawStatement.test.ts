import * as assert from 'node:assert/strict';
import type { SqlJsStatic, SqlValue } from 'sql.js';
import { RawStatement } from '../../../src/sandbox/data/rawStatement';
import { sqliteAbiOf, type SqliteAbi } from '../../../src/sandbox/data/sqliteAbi';
import { loadSqlJs, locateSqlWasm, SqlStore } from '../../../src/sandbox/data/sqlite';
import { createRandom, type Random } from '../../../src/sandbox/data/random';
import { withEmptyStore } from './emptyStore';

const columns = 6;
const texts = ['', 'plain', "it's", 'a\0b', 'Zoë', '名前', '😀 surrogate pair', 'x'.repeat(5000), 'tab\tand\nnewline', '\u0080', '\uffff'];
const numbers = [0, -0, 1, -1, 2 ** 31 - 1, -(2 ** 31), 2 ** 31, -(2 ** 31) - 1, 2 ** 53, 0.5, -1e-300, 1e300, Number.NaN, Number.POSITIVE_INFINITY, 42.0];

function randomValue(random: Random): SqlValue {
  const roll = random.next();
  if (roll < 0.15) return null;
  if (roll < 0.55) return random.pick(texts) + (random.chance(0.5) ? String(random.int(0, 999)) : '');
  if (roll < 0.8) return random.pick(numbers);
  return random.int(-5000, 5000);
}

describe('sandbox raw statements (SQLite\'s C API through sql.js\'s exports)', () => {
  let sql: SqlJsStatic;
  let abi: SqliteAbi;

  before(async () => {
    sql = await loadSqlJs(locateSqlWasm(__dirname));
    const found = sqliteAbiOf(sql);
    assert.ok(found, 'loadSqlJs keeps the memory the C API works in');
    abi = found;
  });

  // A store as a generating one is opened: bulk writes bound through the C API.
  const withStore = (use: (store: SqlStore) => void) => withEmptyStore(use, true);
  const table = (name: string) => `CREATE TABLE ${name} (${Array.from({ length: columns }, (_, index) => `c${index}`).join(', ')})`;
  const insert = (name: string) => `INSERT INTO ${name} VALUES (${Array.from({ length: columns }, () => '?').join(', ')})`;
  const lines = (store: SqlStore, name: string) => store.all(`SELECT ${Array.from({ length: columns }, (_, index) => `quote(c${index})`).join(" || ',' || ")} AS line FROM ${name} ORDER BY rowid`).map((row) => row.line);

  it('stores every value exactly as sql.js binds it (text of any script, integers, reals, NULL) over 2,000 random rows', () => withStore((store) => {
    store.db.exec(`${table('raw')}; ${table('bound')}`);
    const raw = store.prepareRaw(insert('raw'));
    assert.ok(raw);
    const bound = store.db.prepare(insert('bound'));
    const random = createRandom(11);
    try {
      for (let row = 0; row < 2000; row++) {
        const values = Array.from({ length: columns }, () => randomValue(random));
        raw.run(values);
        bound.run(values);
      }
    } finally {
      raw.free();
      bound.free();
    }
    const expected = lines(store, 'bound');
    assert.equal(expected.length, 2000);
    assert.deepEqual(lines(store, 'raw'), expected);
  }));

  it('keeps binding correctly after its text room and the WebAssembly memory both grow', () => withStore((store) => {
    store.db.exec('CREATE TABLE t (a, b)');
    const statement = RawStatement.prepare(abi, (store.db as unknown as { db: number }).db, 'INSERT INTO t VALUES (?, ?)');
    const before = abi.memory.buffer.byteLength;
    try {
      statement.run(['small', 1]);
      // 24 MB of text in one run: more room for text, and SQLite's own copies of it grow the memory.
      const big = 'y'.repeat(24 * 1024 * 1024);
      statement.run([big, 2]);
      statement.run(['after', 'growth']);
    } finally {
      statement.free();
    }
    assert.ok(abi.memory.buffer.byteLength > before, 'the memory grew during the runs');
    assert.deepEqual(store.all('SELECT a = \'small\' AS a1, length(a) AS length, b FROM t ORDER BY rowid').map((row) => [row.length, row.b]), [[5, 1], [24 * 1024 * 1024, 2], [5, 'growth']]);
  }));

  it('throws SQLite\'s own message for a bad statement or a failed run, and stays usable after a failed run', () => withStore((store) => {
    store.db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT NOT NULL)');
    assert.throws(() => store.prepareRaw('INSERT INTO missing VALUES (?)'), /no such table: missing/);
    const statement = store.prepareRaw('INSERT INTO t VALUES (?, ?)')!;
    try {
      statement.run([1, 'one']);
      assert.throws(() => statement.run([1, 'again']), /UNIQUE constraint failed: t\.id/);
      assert.throws(() => statement.run([2, null]), /NOT NULL constraint failed: t\.name/);
      assert.throws(() => statement.run([3, true as unknown as SqlValue]), /parameter 2: only text, numbers and null/);
      statement.run([4, 'four']);
    } finally {
      statement.free();
    }
    assert.throws(() => statement.run([5, 'five']), /freed/);
    statement.free(); // a second free does nothing
    assert.deepEqual(store.all('SELECT id, name FROM t ORDER BY id'), [{ id: 1, name: 'one' }, { id: 4, name: 'four' }]);
  }));

  it('is not offered by a store without the C API, nor by a module whose memory is unknown', () => {
    const store = new SqlStore(new sql.Database());
    try {
      assert.equal(store.prepareRaw('SELECT 1'), undefined);
    } finally {
      store.close();
    }
    assert.equal(sqliteAbiOf({ ...sql } as SqlJsStatic), undefined, 'a copy of the module without the memory');
  });
});
