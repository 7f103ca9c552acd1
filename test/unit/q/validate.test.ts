import * as assert from 'node:assert/strict';
import { V1_CATALOGS } from '../../../src/core/q/catalog/v1Catalogs';
import { catalogFromPowerQueryColumns, catalogFromTableColumns } from '../../../src/core/q/catalog/fromColumns';
import { parseQ } from '../../../src/core/q/parse';
import type { QDialect } from '../../../src/core/q/types';
import { validateQ } from '../../../src/core/q/validate';
import type { FieldCatalog } from '../../../src/core/q/catalog/types';

const STUDENTS_TABLE = catalogFromTableColumns('STUDENTS', [
  { name: 'DCID', type: 'NUMBER', length: 10 },
  { name: 'LAST_NAME', type: 'VARCHAR2', length: 50 },
  { name: 'ENROLL_STATUS', type: 'NUMBER', length: 10 },
  { name: 'ENTRYDATE', type: 'DATE' },
]);

const GUARDIAN_QUERY = catalogFromPowerQueryColumns('com.example.students', ['students.dcid', 'students.last_name', 'students.entrydate'], (table, column) =>
  table === 'students' && column === 'entrydate' ? { name: 'ENTRYDATE', type: 'DATE' } : column === 'dcid' ? { name: 'DCID', type: 'NUMBER' } : { name: column, type: 'VARCHAR2', length: 50 },
);

/** `code@covered text` for each diagnostic, and the fixes' new texts. */
function check(text: string, catalog: FieldCatalog = V1_CATALOGS.student, dialect: QDialect = 'v1') {
  return validateQ(text, catalog, dialect).map((d) => ({
    at: `${d.code}@${text.slice(d.start, d.end)}`,
    severity: d.severity,
    message: d.message,
    fixes: d.fixes?.map((f) => `${f.start}-${f.end}:${f.newText}`),
  }));
}

describe('validateQ', () => {
  it('accepts the documented examples without diagnostics', () => {
    assert.deepEqual(check('school_enrollment.enroll_status==A;name.last_name==JA*'), []);
    assert.deepEqual(check('school_enrollment.enroll_status==a;school_enrollment.entry_date=gt=2017-08-01'), []);
    assert.deepEqual(check('school_enrollment.enroll_status==(A,P);local_id==112036;student_username==ada*'), []);
    assert.deepEqual(check('school_enrollment.enroll_status_code==7'), []);
  });

  it('reports an unknown field on its exact range with the closest name as a fix', () => {
    const [d] = check('school_enrollment.enroll_status==A;name.lastname==JA*');
    assert.equal(d.at, 'unknown-field@name.lastname');
    assert.match(d.message, /did you mean 'name.last_name'/);
    assert.deepEqual(d.fixes, ['35-48:name.last_name']);
  });

  it('suggests the dotted field for a bare column name and lists fields when nothing is close', () => {
    assert.deepEqual(check('last_name==x')[0].fixes, ['0-9:name.last_name']);
    const [far] = check('zzzzzzzz==1');
    assert.equal(far.at, 'unknown-field@zzzzzzzz');
    assert.equal(far.fixes, undefined);
    assert.match(far.message, /known fields include id, local_id/);
  });

  it('includes syntax diagnostics such as =gx= with both fixes', () => {
    const [d] = check('school_enrollment.entry_date=gx=2017-08-01');
    assert.equal(d.at, 'unknown-operator@=gx=');
    assert.deepEqual(d.fixes, ['28-32:=gt=', '28-32:=ge=']);
  });

  it('reports malformed and impossible dates with certain fixes only', () => {
    const [slash] = check('school_enrollment.entry_date=gt=2017/08/01');
    assert.equal(slash.at, 'invalid-date@2017/08/01');
    assert.deepEqual(slash.fixes, ['32-42:2017-08-01']);
    const [us] = check('school_enrollment.entry_date==08/31/2017');
    assert.deepEqual(us.fixes, ['30-40:2017-08-31']);
    const [ambiguous] = check('school_enrollment.entry_date==08/01/2017');
    assert.equal(ambiguous.at, 'invalid-date@08/01/2017');
    assert.equal(ambiguous.fixes, undefined);
    const [impossible] = check('school_enrollment.entry_date=lt=2023-02-30');
    assert.equal(impossible.at, 'impossible-date@2023-02-30');
    assert.match(impossible.message, /2023-02 has days 01 to 28/);
    assert.equal(check('school_enrollment.entry_date=lt=2024-02-29').length, 0);
    assert.equal(check('school_enrollment.entry_date=lt=2023-13-01')[0].at, 'impossible-date@2023-13-01');
  });

  it('reports status letters that do not exist, and numbers where letters belong', () => {
    const [d] = check('school_enrollment.enroll_status==X');
    assert.equal(d.at, 'value-not-allowed@X');
    assert.match(d.message, /A = Active, P = Pre-Registered/);
    const [inList] = check('school_enrollment.enroll_status==(A,Q)');
    assert.equal(inList.at, 'value-not-allowed@Q');
    const [numeric] = check('school_enrollment.enroll_status==0');
    assert.match(numeric.message, /school_enrollment.enroll_status_code/);
  });

  it('fixes the letter case of a case-sensitive allowed value', () => {
    const catalog: FieldCatalog = { title: 'T', fields: [{ name: 'track', type: 'string', allowedValues: [{ value: 'A', meaning: 'Track A' }] }] };
    assert.deepEqual(check('track==a', catalog)[0].fixes, ['7-8:A']);
  });

  it('reports type mismatches, wildcards in the wrong place and too-long values', () => {
    assert.equal(check('local_id==abc')[0].at, 'type-mismatch@abc');
    assert.equal(check('local_id==12*')[0].at, 'wildcard-not-allowed@12*');
    assert.equal(check('name.last_name=gt=J*')[0].at, 'wildcard-not-allowed@J*');
    const [long] = check(`student_username==${'x'.repeat(21)}`);
    assert.deepEqual([long.at.split('@')[0], long.severity], ['value-too-long', 'warning']);
    assert.deepEqual(check(`student_username==${'x'.repeat(20)}*`), []);
  });

  it('reports an in-list with an ordering operator on the operator', () => {
    const [d] = check('local_id=gt=(1,2)');
    assert.equal(d.at, 'operator-not-allowed@=gt=');
    assert.deepEqual(d.fixes, ['8-12:==']);
  });

  it('warns about undocumented search fields and ordering of status letters', () => {
    const [first] = check('name.first_name==Ada');
    assert.deepEqual([first.at, first.severity], ['field-undocumented@name.first_name', 'warning']);
    const [order] = check('school_enrollment.enroll_status=gt=A');
    assert.deepEqual([order.at, order.severity], ['operator-meaningless@=gt=', 'warning']);
  });

  it('reports a malformed field name once, not also as unknown', () => {
    assert.deepEqual(check('na~me==1').map((d) => d.at), ['invalid-field@na~me']);
  });

  it('reports empty terms with their range', () => {
    assert.deepEqual(check('local_id==1;;local_id==2').map((d) => d.at), ['empty-term@;']);
  });

  it('checks schema-table columns case-insensitively with types from metadata', () => {
    assert.deepEqual(check('ENROLL_STATUS==0;last_name==smi*;entrydate=ge=2020-01-01', STUDENTS_TABLE, 'schema'), []);
    assert.equal(check('enroll_status==A', STUDENTS_TABLE, 'schema')[0].at, 'type-mismatch@A');
    assert.deepEqual(check('lastname==x', STUDENTS_TABLE, 'schema')[0].fixes, ['0-8:last_name']);
    // Status codes on the numeric column are an open set: other integers are Inactive.
    assert.deepEqual(check('enroll_status==7;enroll_status=gt=0', STUDENTS_TABLE, 'schema'), []);
  });

  it('enforces the $q rules: table.column names, no OR, no parentheses', () => {
    assert.deepEqual(check('students.last_name==A*;students.entrydate=ge=2020-01-01', GUARDIAN_QUERY, 'powerquery'), []);
    const [bare] = check('last_name==x', GUARDIAN_QUERY, 'powerquery');
    assert.equal(bare.at, 'powerquery-field-form@last_name');
    assert.deepEqual(bare.fixes, ['0-9:students.last_name']);
    assert.deepEqual(check('students.dcid==1,students.dcid==2', GUARDIAN_QUERY, 'powerquery').map((d) => d.at), ['or-not-supported@,']);
    assert.deepEqual(check('students.dcid==(1,2)', GUARDIAN_QUERY, 'powerquery').map((d) => d.at), ['parentheses-not-supported@(']);
    assert.deepEqual(check('students.last_name==\u0000', GUARDIAN_QUERY, 'powerquery'), []);
    assert.equal(check('students.entrydate=gt=\u0000', GUARDIAN_QUERY, 'powerquery')[0].at, 'operator-not-allowed@\u0000');
  });

  it('decodes URL escapes when asked, keeping raw ranges', () => {
    const text = 'school_enrollment.entry_date=gt=2017%2D08%2D01;name.last_name==Van+Der*';
    assert.deepEqual(validateQ(text, V1_CATALOGS.student, 'v1', { percentDecode: true }), []);
    const [d] = validateQ(text, V1_CATALOGS.student, 'v1');
    assert.deepEqual([d.code, text.slice(d.start, d.end)], ['invalid-date', '2017%2D08%2D01']);
  });

  it('accepts a parse result or a bare expression', () => {
    const parsed = parseQ('name.lastname=gx=1');
    assert.deepEqual(validateQ(parsed, V1_CATALOGS.student).map((d) => d.code), ['unknown-field', 'unknown-operator']);
    assert.deepEqual(validateQ(parsed.expression, V1_CATALOGS.student).map((d) => d.code), ['unknown-field']);
  });
});
