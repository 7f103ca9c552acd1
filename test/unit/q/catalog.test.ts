import * as assert from 'node:assert/strict';
import { ENDPOINTS, STUDENT_EXPANSIONS, matchEndpoint } from '../../../src/core/q/catalog/endpoints';
import { catalogFromPowerQueryColumns, catalogFromTableColumns, qTypeOfColumn } from '../../../src/core/q/catalog/fromColumns';
import { findField, typeOfIn } from '../../../src/core/q/catalog/types';
import { V1_CATALOGS } from '../../../src/core/q/catalog/v1Catalogs';
import { matchesQ } from '../../../src/core/q/evaluate';
import { parseQ } from '../../../src/core/q/parse';

describe('q catalogs', () => {
  it('lists the seven documented v1 search fields as documented', () => {
    assert.deepEqual(
      V1_CATALOGS.student.fields.filter((f) => f.documented).map((f) => f.name).sort(),
      ['local_id', 'name.last_name', 'school_enrollment.enroll_status', 'school_enrollment.enroll_status_code',
        'school_enrollment.entry_date', 'state_province_id', 'student_username'],
    );
    assert.equal(new Set(V1_CATALOGS.student.fields.map((f) => f.name)).size, V1_CATALOGS.student.fields.length);
  });

  it('finds v1 fields case-sensitively and table columns case-insensitively', () => {
    assert.equal(findField(V1_CATALOGS.student, 'Name.Last_Name'), undefined);
    const table = catalogFromTableColumns('students', [{ name: 'LAST_NAME', type: 'VARCHAR2', length: 50 }]);
    assert.equal(findField(table, 'Last_Name')?.column, 'STUDENTS.LAST_NAME');
    assert.equal(findField(table, 'last_name')?.length, 50);
  });

  it('maps Oracle column types to comparison types', () => {
    assert.deepEqual(['NUMBER', 'FLOAT', 'VARCHAR2', 'CLOB', 'DATE', 'TIMESTAMP(6)', undefined].map(qTypeOfColumn),
      ['number', 'number', 'string', 'string', 'date', 'date', 'string']);
  });

  it('adds the status code meanings to STUDENTS.ENROLL_STATUS from live metadata', () => {
    const table = catalogFromTableColumns('STUDENTS', [{ name: 'ENROLL_STATUS', type: 'NUMBER', length: 10, comment: 'status' }]);
    const field = findField(table, 'enroll_status');
    assert.equal(field?.openValues, true);
    assert.deepEqual(field?.allowedValues?.map((v) => v.value), ['0', '-1', '2', '3', '4']);
    assert.equal(field?.description, 'NUMBER(10) — status');
  });

  it('builds a PowerQuery catalog of table.column names with types from metadata', () => {
    const catalog = catalogFromPowerQueryColumns('q', ['students.dcid', 'Students.EntryDate'], (table, column) =>
      column.toLowerCase() === 'entrydate' ? { name: column, type: 'DATE' } : undefined);
    assert.deepEqual(catalog.fields.map((f) => [f.name, f.type]), [['students.dcid', 'string'], ['students.entrydate', 'date']]);
    assert.equal(catalog.caseInsensitive, true);
  });

  it('gives matchesQ declared types through typeOfIn', () => {
    const table = catalogFromTableColumns('STUDENTS', [{ name: 'GRADE_LEVEL', type: 'NUMBER' }]);
    const expression = parseQ('grade_level=gt=9', { dialect: 'schema' }).expression;
    assert.equal(matchesQ(expression, () => '10', { typeOf: typeOfIn(table) }), true);
  });
});

describe('endpoint catalog', () => {
  it('matches literal segments before placeholders', () => {
    assert.equal(matchEndpoint('GET', '/ws/schema/table/STUDENTS/count')?.path, '/ws/schema/table/{table}/count');
    assert.equal(matchEndpoint('GET', '/ws/schema/table/STUDENTS/123')?.path, '/ws/schema/table/{table}/{id}');
    assert.equal(matchEndpoint('get', '/ws/v1/district/student/')?.path, '/ws/v1/district/student');
    assert.equal(matchEndpoint('POST', '/ws/schema/query/com.pearson.core.student.student_dcid_id_map')?.q?.dialect, 'powerquery');
    assert.equal(matchEndpoint('GET', '/ws/v2/nothing'), undefined);
  });

  it('declares the parameters and q dialect of the list endpoints', () => {
    const students = matchEndpoint('GET', '/ws/v1/school/5/student');
    assert.deepEqual(students?.parameters.map((p) => p.name), ['q', 'page', 'pagesize', 'expansions', 'extensions']);
    assert.equal(students?.expansions, STUDENT_EXPANSIONS);
    const table = matchEndpoint('GET', '/ws/schema/table/cc');
    assert.deepEqual(table?.parameters.map((p) => p.name), ['q', 'projection', 'page', 'pagesize', 'sort', 'sortdescending']);
    assert.equal(table?.q?.dialect, 'schema');
  });

  it('has no duplicate method+path pairs and lists the twelve documented student expansions first', () => {
    const keys = ENDPOINTS.map((e) => `${e.method} ${e.path}`);
    assert.equal(new Set(keys).size, keys.length);
    assert.deepEqual(STUDENT_EXPANSIONS.slice(0, 12).map((e) => e.name), ['demographics', 'addresses', 'alerts', 'phones',
      'school_enrollment', 'ethnicity_race', 'contact', 'contact_info', 'initial_enrollment', 'schedule_setup', 'fees', 'lunch']);
  });
});
