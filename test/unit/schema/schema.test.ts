import * as assert from 'node:assert/strict';
import { ENROLL_STATUSES, STATUS_CODE_VALUES, extensionNamesOf, isReadOnlyColumn, readCount, statusForCode, statusForLetter, tablesFromMetadataJson } from '../../../src/core/schema';

describe('schema vocabulary', () => {
  it('derives read-only from the documented access values only', () => {
    assert.equal(isReadOnlyColumn({ access: 'ViewOnly' }), true);
    assert.equal(isReadOnlyColumn({ access: 'noaccess' }), true);
    assert.equal(isReadOnlyColumn({ access: 'BlackListNoAccess' }), true);
    assert.equal(isReadOnlyColumn({ access: 'FullAccess' }), false);
    assert.equal(isReadOnlyColumn({}), false);
  });

  it('reads metadata files through the one table parser: one table, or lists, skipping what has no columns', () => {
    const single = tablesFromMetadataJson({ name: 'U_X', parent: 'STUDENTS', columns: [{ name: 'ID', type: 'NUMBER', length: '10', access: 'ViewOnly' }, { type: 'nameless' }] });
    assert.equal(single.length, 1);
    assert.equal(single[0].parent, 'STUDENTS');
    assert.deepEqual(single[0].columns, [{ name: 'ID', type: 'NUMBER', length: 10, key: false, access: 'ViewOnly' }]);
    const listed = tablesFromMetadataJson({ tables: [{ name: 'A', columns: [] }, { name: 'nope' }], extension_tables: [{ name: 'U_B', extensionOf: 'STUDENTS', columns: [{ name: 'C' }] }] });
    assert.deepEqual(listed.map((table) => [table.name, table.parent, table.columns.map((column) => column.type)]), [['A', undefined, []], ['U_B', 'STUDENTS', ['UNKNOWN']]]);
    assert.deepEqual(tablesFromMetadataJson('text'), []);
  });

  it('reads counts in both documented shapes and refuses anything else', () => {
    assert.equal(readCount({ resource: { count: 12 } }), 12);
    assert.equal(readCount({ count: '7' }), 7);
    assert.equal(readCount({ count: -1 }), undefined);
    assert.equal(readCount([]), undefined);
  });

  it('reads @extensions from a v1 list or a schema table answer', () => {
    assert.deepEqual(extensionNamesOf({ students: { '@extensions': 'u_a, u_b,bad name' } }), ['u_a', 'u_b']);
    assert.deepEqual(extensionNamesOf({ '@extensions': 'u_c' }), ['u_c']);
    assert.equal(extensionNamesOf({ students: {} }), undefined);
  });

  it('has one enrollment status table: letters, codes, meanings and what an insert may use', () => {
    assert.equal(statusForLetter('g')?.allowedOnInsert, false);
    assert.equal(statusForCode(17).letter, 'I');
    assert.deepEqual(STATUS_CODE_VALUES.map((value) => value.value), ['0', '-1', '2', '3', '4']);
    assert.deepEqual(ENROLL_STATUSES.filter((status) => !status.allowedOnInsert).map((status) => status.letter), ['T', 'G']);
  });
});
