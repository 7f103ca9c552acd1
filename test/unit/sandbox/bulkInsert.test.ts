import * as assert from 'node:assert/strict';
import { bulkInserter } from '../../../src/sandbox/data/bulkInsert';
import { withEmptyStore } from './emptyStore';

describe('sandbox bulk inserter', () => {
  it('stores a fixed column exactly as the same value bound per row (type and all), and leaves unnamed columns NULL', () => withEmptyStore((store) => {
    store.db.exec('CREATE TABLE t (n INTEGER, text TEXT, whole, fraction, quoted TEXT, number_as_text TEXT, other)');
    const values = ['x', 1, 0.5, "it's", 7];
    const bound = bulkInserter(store, 't', ['n', 'text', 'whole', 'fraction', 'quoted', 'number_as_text']);
    bound.add([1, ...values]);
    bound.done();
    const fixed = bulkInserter(store, 't', ['n'], { text: 'x', whole: 1, fraction: 0.5, quoted: "it's", number_as_text: 7 });
    fixed.add([2]);
    fixed.done();
    const row = (n: number) => store.get(`SELECT quote(text) || quote(whole) || quote(fraction) || quote(quoted) || quote(number_as_text) || quote(other) AS line FROM t WHERE n = ${n}`)?.line;
    assert.equal(row(2), row(1));
    assert.equal(row(1), "'x'10.5'it''s''7'NULL");
  }));

  it('writes 50 rows a statement run, in the order added, and the rest at done', () => withEmptyStore((store) => {
    store.db.exec('CREATE TABLE t (n INTEGER, text TEXT, kind TEXT)');
    const runs: number[] = [];
    const prepare = store.db.prepare.bind(store.db);
    store.db.prepare = (text: string) => {
      const statement = prepare(text);
      const run = statement.run.bind(statement);
      statement.run = (values) => {
        runs.push((text.match(/\(\?/g) ?? []).length);
        return run(values);
      };
      return statement;
    };
    const insert = bulkInserter(store, 't', ['n', 'text'], { kind: 'k' });
    for (let n = 1; n <= 120; n++) insert.add([n, `row ${n}`]);
    insert.done();
    insert.done();
    assert.deepEqual(runs, [50, 50, 20], 'a second done() writes nothing again');
    assert.throws(() => insert.add([121, 'late']), /t: a row added after done\(\)/);
    const rows = store.all('SELECT rowid, n, text, kind FROM t ORDER BY rowid');
    assert.deepEqual(rows, Array.from({ length: 120 }, (_, index) => ({ rowid: index + 1, n: index + 1, text: `row ${index + 1}`, kind: 'k' })));
  }));

  it('writes the same rows through SQLite\'s C API as through sql.js, in batches and the rest at done', async () => {
    const write = (raw: boolean) => {
      let lines: unknown[] = [];
      return withEmptyStore((store) => {
        store.db.exec('CREATE TABLE t (n INTEGER, text TEXT, amount, kind TEXT)');
        const insert = bulkInserter(store, 't', ['n', 'text', 'amount'], { kind: 'k' });
        for (let n = 1; n <= 123; n++) insert.add([n, n % 7 === 0 ? null : `row ${n} ${'é'.repeat(n % 3)}`, n % 2 ? n / 4 : -n]);
        insert.done();
        lines = store.all("SELECT quote(n) || quote(text) || quote(amount) || quote(kind) AS line FROM t ORDER BY rowid").map((row) => row.line);
      }, raw).then(() => lines);
    };
    const [bound, raw] = [await write(false), await write(true)];
    assert.equal(bound.length, 123);
    assert.deepEqual(raw, bound);
  });

  it('refuses a fixed integer sql.js would bind as a double', () => withEmptyStore((store) => {
    store.db.exec('CREATE TABLE t (n INTEGER, big TEXT)');
    assert.throws(() => bulkInserter(store, 't', ['n'], { big: 5_000_000_000 }), /bound as a double/);
  }));
});
