import * as assert from 'node:assert/strict';
import { rowFactoryFor } from '../../../src/sandbox/data/sqlite';
import { withEmptyStore } from './emptyStore';

describe('sandbox SqlStore rows', () => {
  it('builds rows with exactly the statement\'s column names as own keys, in order, whatever text a name holds', () => withEmptyStore((store) => {
    const names = ['plain', 'with space', 'quote"d', "apo'strophe", 'back\\slash', 'new\nline', '__proto__', 'constructor', '1numeric', '', '}); throw 1; ({', '\u2028sep'];
    const select = `SELECT ${names.map((name, index) => `${index} AS "${name.replace(/"/g, '""')}"`).join(', ')}`;
    const [row] = store.all(select);
    assert.deepEqual(Object.keys(row!), names);
    for (const [index, name] of names.entries()) assert.equal(Object.getOwnPropertyDescriptor(row, name)?.value, index, `column ${JSON.stringify(name)}`);
    assert.equal(Object.getPrototypeOf(row), Object.prototype, '__proto__ is an own key, not the prototype');
  }));

  it('keeps the last value of a name given twice and builds the same rows again from the kept statement', () => withEmptyStore((store) => {
    store.db.exec("CREATE TABLE t (id INTEGER, name TEXT); INSERT INTO t VALUES (1, 'a'), (2, NULL), (3, 'c')");
    const query = 'SELECT t.id, t.name, t.id * 10 AS id FROM t WHERE id >= ? ORDER BY t.id';
    const expected = [{ id: 20, name: null }, { id: 30, name: 'c' }];
    assert.deepEqual(store.all(query, [2]), expected);
    assert.deepEqual(store.all(query, [2]), expected);
    assert.deepEqual(store.all('SELECT * FROM t WHERE id = ?', [1]), [{ id: 1, name: 'a' }]);
  }));

  it('makes an object literal builder that equals assigning each value in turn', () => {
    const names = ['a', 'b', 'a', 'c d'];
    const values = [1, 'x', null, 2.5];
    const assigned: Record<string, unknown> = {};
    names.forEach((name, index) => { assigned[name] = values[index]; });
    assert.deepEqual(rowFactoryFor(names)(values), assigned);
  });
});
