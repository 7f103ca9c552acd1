import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readJournal, WriteJournal } from '../../../src/sandbox/data/journal';
import { loadSqlJs, locateSqlWasm, SqlStore, type WrittenStatement } from '../../../src/sandbox/data/sqlite';

describe('sandbox write journal', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'psdev-journal-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('appends one line per entry and reads back only complete lines (a torn tail is dropped)', () => {
    const file = join(dir, 'j');
    const journal = WriteJournal.open(file);
    journal.append({ seq: 1, writes: [{ sql: 'UPDATE t SET a = ?', params: ['x', 1, null] }] });
    journal.append({ seq: 2, writes: [] });
    journal.close();
    writeFileSync(file, `${readFileSync(file, 'utf8')}{"seq":3,"writes":[{"sql":"UPD`);
    assert.deepEqual(readJournal(file).map((entry) => entry.seq), [1, 2]);
    assert.deepEqual(readJournal(file)[0]!.writes[0]!.params, ['x', 1, null]);
  });

  it('refuses a journal whose complete line is not an entry, naming the file and line', () => {
    const file = join(dir, 'j');
    writeFileSync(file, '{"seq":1,"writes":[]}\nnot json\n');
    assert.throws(() => readJournal(file), /j line 2 is not a journal entry/);
  });

  it('clears to empty once a snapshot holds everything', () => {
    const file = join(dir, 'j');
    const journal = WriteJournal.open(file);
    journal.append({ seq: 1, writes: [] });
    journal.clear();
    journal.append({ seq: 2, writes: [] });
    journal.close();
    assert.deepEqual(readJournal(file).map((entry) => entry.seq), [2]);
  });

  it('SqlStore hands each transaction its writes before COMMIT and rolls back when the hook throws', async () => {
    const sql = await loadSqlJs(locateSqlWasm(__dirname));
    const store = new SqlStore(new sql.Database());
    try {
      store.run('CREATE TABLE t (a INTEGER)');
      const seen: WrittenStatement[][] = [];
      let refuse = false;
      store.onCommit((writes) => {
        if (refuse) throw new Error('disk full');
        seen.push([...writes]);
      });
      store.run('INSERT INTO t VALUES (?)', [1]);
      store.transaction(() => {
        store.run('INSERT INTO t VALUES (?)', [2]);
        store.run('INSERT INTO t VALUES (?)', [3]);
      });
      assert.deepEqual(seen.map((writes) => writes.map((write) => write.params[0])), [[1], [2, 3]]);
      refuse = true;
      assert.throws(() => store.run('INSERT INTO t VALUES (?)', [4]), /disk full/);
      assert.deepEqual(store.all('SELECT a FROM t ORDER BY a').map((row) => row.a), [1, 2, 3]);
    } finally {
      store.close();
    }
  });
});
