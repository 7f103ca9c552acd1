import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RecordTable, csvLine, exportRecords, jsonPath, recordSetOf, valueAt } from '../../../src/core/records';

const students = {
  students: {
    '@expansions': 'demographics',
    student: [
      { id: 12, local_id: 3, name: { first_name: 'Ann', last_name: 'Zeta' }, demographics: { gender: 'F' } },
      { id: 3, local_id: 1, name: { first_name: 'Bob', last_name: 'alpha' }, demographics: { gender: 'M' } },
      { id: 101, local_id: 2, name: { first_name: 'Cy, "the" 3rd', last_name: 'Mu' }, demographics: { gender: 'X' } },
    ],
  },
};

describe('record tables', () => {
  it('finds the records of v1 lists, schema tables, PowerQueries and any array of objects, with their JSON path', () => {
    assert.deepEqual(recordSetOf(students)?.path, ['students', 'student']);
    const table = { name: 'students', record: [{ id: 1, tables: { students: { dcid: '1', lastfirst: 'Zeta, Ann' } } }] };
    assert.deepEqual(recordSetOf(table)?.path, ['record']);
    assert.deepEqual(recordSetOf([{ a: 1 }])?.path, []);
    assert.deepEqual(recordSetOf({ meta: { count: 2 }, items: { list: [{ a: 1 }, { a: 2 }] } })?.path, ['items', 'list']);
    // One record comes back as an object: its path has no index.
    const single = recordSetOf({ students: { student: { id: 1, name: { last_name: 'A' } } } })!;
    assert.equal(single.records.length, 1);
    assert.equal(jsonPath(single.pathOf(0)), '$.students.student');
    assert.equal(jsonPath(recordSetOf(students)!.pathOf(2)), '$.students.student[2]');
    assert.equal(recordSetOf({ district: { name: 'x' } }), undefined);
    assert.equal(recordSetOf({ record: [1, 2] }), undefined);
    assert.equal(recordSetOf({ '@extensions': '' }), undefined);
  });

  it('gives each record its id and name, and columns for its leaf values', () => {
    const table = new RecordTable(recordSetOf(students)!);
    assert.deepEqual(table.columns.map((column) => column.label), ['id', 'local_id', 'name.first_name', 'name.last_name', 'demographics.gender']);
    const { rows, matched, total } = table.query({ offset: 0, limit: 10 });
    assert.equal(total, 3);
    assert.equal(matched, 3);
    assert.deepEqual(rows.map((row) => [row.index, row.id, row.name]), [[0, '12', 'Zeta, Ann'], [1, '3', 'alpha, Bob'], [2, '101', 'Mu, Cy, "the" 3rd']]);
    const schema = new RecordTable(recordSetOf({ record: [{ id: 7, tables: { schools: { dcid: '4', name: 'Lincoln', school_number: '100' } } }] })!);
    assert.deepEqual(schema.columns.map((column) => column.label), ['id', 'schools.dcid', 'schools.name', 'schools.school_number']);
    assert.deepEqual(schema.query({ offset: 0, limit: 1 }).rows[0], { index: 0, id: '7', name: 'Lincoln', cells: ['7', '4', 'Lincoln', '100'] });
    const query = new RecordTable(recordSetOf({ record: [{ 'students.dcid': 9, 'students.lastfirst': 'Lee, Jo' }] })!);
    assert.deepEqual(query.query({ offset: 0, limit: 1 }).rows[0], { index: 0, id: '9', name: 'Lee, Jo', cells: ['9', 'Lee, Jo'] });
  });

  it('keeps every column of a wide table (STUDENTS has 152), so an export loses none', () => {
    const record = Object.fromEntries(Array.from({ length: 152 }, (_, i) => [`column_${i}`, i]));
    const table = new RecordTable(recordSetOf({ record: [{ id: 1, tables: { students: record } }] })!);
    assert.equal(table.columns.length, 153);
    assert.equal(table.cellsOf(0).at(-1), '151');
  });

  it('sorts numbers as numbers and text without case, both ways, and filters on any cell', () => {
    const table = new RecordTable(recordSetOf(students)!);
    const ids = (rows: readonly { id: string }[]) => rows.map((row) => row.id);
    assert.deepEqual(ids(table.query({ sort: { column: 0, descending: false }, offset: 0, limit: 10 }).rows), ['3', '12', '101']);
    assert.deepEqual(ids(table.query({ sort: { column: 0, descending: true }, offset: 0, limit: 10 }).rows), ['101', '12', '3']);
    assert.deepEqual(ids(table.query({ sort: { column: 3, descending: false }, offset: 0, limit: 10 }).rows), ['3', '101', '12']);
    const filtered = table.query({ filter: 'zet', offset: 0, limit: 10 });
    assert.deepEqual([ids(filtered.rows), filtered.matched, filtered.total], [['12'], 1, 3]);
    assert.deepEqual(ids(table.query({ filter: 'M', sort: { column: 0, descending: true }, offset: 1, limit: 1 }).rows), ['3']);
  });

  it('reads a value at a JSON path and writes JSON paths a reader can paste', () => {
    assert.equal(valueAt(students, ['students', 'student', 1, 'name', 'first_name']), 'Bob');
    assert.equal(valueAt(students, ['students', 'nope', 1]), undefined);
    assert.equal(jsonPath(['students', 'student', 1, '@expansions', 'first name']), `$.students.student[1]['@expansions']['first name']`);
  });

  it('writes CSV by RFC 4180 and keeps spreadsheet formulas inert', () => {
    assert.equal(csvLine(['a', 'b,c', 'say "hi"', 'two\nlines', '']), 'a,"b,c","say ""hi""","two\nlines",\r\n');
    assert.equal(csvLine(['=SUM(A1)', '+1', '-2', '@x', '3']), `'=SUM(A1),'+1,-2,'@x,3\r\n`);
  });

  it('exports every record to CSV and NDJSON files, a slice at a time', async () => {
    const records = Array.from({ length: 2500 }, (_, i) => ({ id: i, name: { first_name: `F${i}`, last_name: `L${i}` } }));
    const table = new RecordTable(recordSetOf({ students: { student: records } })!);
    const folder = mkdtempSync(join(tmpdir(), 'psdev-export-'));
    const slices: number[] = [];
    const csv = await exportRecords(table, 'csv', join(folder, 'out.csv'), { onProgress: (written) => slices.push(written) });
    assert.equal(csv, 2500);
    const lines = readFileSync(join(folder, 'out.csv'), 'utf8').split('\r\n');
    assert.equal(lines[0], 'id,name.first_name,name.last_name');
    assert.equal(lines[2500], '2499,F2499,L2499');
    assert.equal(lines.length, 2502);
    assert.ok(slices.length > 1, 'written in slices');
    await exportRecords(table, 'ndjson', join(folder, 'out.ndjson'));
    const ndjson = readFileSync(join(folder, 'out.ndjson'), 'utf8').trimEnd().split('\n');
    assert.equal(ndjson.length, 2500);
    assert.deepEqual(JSON.parse(ndjson[7]), records[7]);
  });
});
