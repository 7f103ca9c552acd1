import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestSandbox, type TestSandbox } from './harness';
import { readSavedDatabase } from '../../../src/sandbox/data/persist';
import { loadSqlJs, locateSqlWasm } from '../../../src/sandbox/data/sqlite';

const newStudent = (uid: string, extra: Record<string, unknown> = {}) => ({
  client_uid: uid,
  action: 'INSERT',
  name: { first_name: 'Aaronia', last_name: 'Stephaniia' },
  school_enrollment: { grade_level: 3, entry_date: '2026-08-17', exit_date: '2027-06-05', school_number: 100, enroll_status: 'a' },
  ...extra,
});
const errorsOf = (result: any) => [result.error_message.error].flat().map((error: any) => `${error.field} ${error.error_code}`);

describe('sandbox POST /ws/v1/student', () => {
  let t: TestSandbox;
  before(async () => (t = await startTestSandbox()));
  after(() => t.sandbox.close());

  it('inserts a student: results shape, numeric client_uid echoed as a number, visible to later GETs', async () => {
    // real-server-behaviour.md: extension fields are written "only when the URL names the table"
    const { status, body } = await t.send('POST', '/ws/v1/student?extensions=u_studentsuserfields', {
      students: { student: [newStudent('555807', { contact_info: { email: 'a@example.org' }, _extension_data: { _table_extension: { name: 'u_studentsuserfields', _field: [{ name: 'transcriptaddrcity', type: 'String', value: 'Leysin' }] } } })] },
    });
    assert.equal(status, 200);
    assert.equal(body.results.insert_count, 1);
    assert.equal(body.results.update_count, 0);
    assert.equal(body.results.delete_count, 0);
    const result = body.results.result;
    assert.equal(Array.isArray(result), false, 'one result → an object');
    assert.equal(result.client_uid, 555807);
    assert.equal(result.status, 'SUCCESS');
    assert.equal(result.action, 'INSERT');
    const id = result.success_message.id;
    assert.match(result.success_message.ref, new RegExp(`/ws/v1/student/${id}$`));
    const student = (await t.get(`/ws/v1/student/${id}?expansions=school_enrollment,contact_info&extensions=u_studentsuserfields`)).body.student;
    assert.equal(student.name.last_name, 'Stephaniia');
    assert.equal(student.school_enrollment.enroll_status, 'A');
    assert.equal(student.school_enrollment.school_number, 100);
    assert.equal(student.contact_info.email, 'a@example.org');
    assert.equal(student._extension_data._table_extension._field.value, 'Leysin');
    assert.equal((await t.get('/ws/v1/district/student/count')).body.resource.count, 201);
  });

  it('updates per client_uid and reports each record on its own (SUCCESS, ERROR) with HTTP 200', async () => {
    const { status, body } = await t.send('POST', '/ws/v1/student/', {
      students: { student: [
        { client_uid: '124', action: 'UPDATE', id: '5001', name: { first_name: 'Chauncey', last_name: 'McTavish' } },
        { client_uid: 'abc', action: 'UPDATE', id: '1', name: { first_name: 'X' } },
        { client_uid: 'x2', action: 'UPDATE', id: 5002, name: { last_name: '' } },
      ] },
    });
    assert.equal(status, 200);
    assert.equal(body.results.update_count, 1);
    const [ok, missing, blank] = body.results.result;
    assert.deepEqual([ok.client_uid, ok.status, ok.action, ok.success_message.id], [124, 'SUCCESS', 'UPDATE', 5001]);
    assert.deepEqual([missing.client_uid, missing.status], ['abc', 'ERROR']);
    assert.deepEqual(errorsOf(missing), ['student/id INVALID_ID']);
    assert.deepEqual(errorsOf(blank), ['student/name/last_name FIELD_VALIDATION_ERROR']);
    assert.equal((await t.get('/ws/v1/student/5001')).body.student.name.last_name, 'McTavish');
    assert.equal((await t.get('/ws/schema/table/students/5001?projection=lastfirst')).body.tables.students.lastfirst, 'McTavish, Chauncey');
  });

  it('enforces the data dictionary: required fields, lengths, integers, enroll_status rules, pairs, address blocks', async () => {
    const cases: [unknown, string[]][] = [
      [{ client_uid: '1', action: 'INSERT', name: { first_name: 'A' } }, ['student/name/last_name REQUIRED', 'student/school_enrollment REQUIRED']],
      [{ client_uid: '1b', action: 'INSERT', name: { first_name: 'A', last_name: 'B' }, school_enrollment: { grade_level: 3 } }, ['student/school_enrollment/entry_date REQUIRED', 'student/school_enrollment/exit_date REQUIRED', 'student/school_enrollment/school_number REQUIRED']],
      [newStudent('2', { name: { first_name: 'A', last_name: 'x'.repeat(51) } }), ['student/name/last_name FIELD_VALIDATION_ERROR']],
      [newStudent('3', { local_id: '12a' }), ['student/local_id INVALID_LOCAL_ID', 'student/local_id INVALID_LOCAL_ID']], // integer and number
      [newStudent('4', { local_id: 200001 }), ['student/local_id INVALID_LOCAL_ID']],
      [newStudent('5', { school_enrollment: { grade_level: 3, entry_date: '2026-08-17', exit_date: '2027-06-05', school_number: 100, enroll_status: 'G' } }), ['student/school_enrollment/enroll_status FIELD_VALIDATION_ERROR']],
      [newStudent('6', { school_enrollment: { grade_level: 3, entry_date: '2026-08-17', exit_date: '2027-06-05', school_number: 100, enroll_status_code: 2 } }), ['student/school_enrollment/enroll_status_code FIELD_VALIDATION_ERROR']],
      [newStudent('7', { school_enrollment: { grade_level: 3, entry_date: '2026-08-17', exit_date: '2027-06-05', school_number: 100, enroll_status: 'A', enroll_status_code: 0 } }), ['student/school_enrollment/enroll_status_code FIELD_VALIDATION_ERROR']], // the later of the two is named
      [newStudent('8', { contact: { doctor_name: 'Dr. Who' } }), ['student/contact/doctor_phone REQUIRED']],
      [newStudent('9', { addresses: { physical: { street: '1 Main St', city: 'Springfield' } } }), ['student/addresses/physical/state_province REQUIRED']], // one REQUIRED per incomplete block, naming its first missing part
      [newStudent('10', { school_enrollment: { grade_level: 3, entry_date: '2026-02-30', exit_date: '2027-06-05', school_number: 100 } }), ['students/school_enrollment/entry_date INVALID_DATE_VALUE']],
      [newStudent('12', { school_enrollment: { grade_level: 3, entry_date: '2026-08-17', exit_date: '2027-06-05', school_number: 4242 } }), ['student/school_enrollment/school_number FIELD_VALIDATION_ERROR']],
      [newStudent('13', { demographics: { gender: 'X' }, name: { first_name: 'A', last_name: 'y'.repeat(60) } }), ['student/demographics/gender FIELD_VALIDATION_ERROR', 'student/name/last_name FIELD_VALIDATION_ERROR']],
      [{ action: 'INSERT' }, ['student/client_uid REQUIRED']],
      [{ client_uid: '11', action: 'DELETE' }, ['student/action INVALID_ACTION']],
    ];
    const { body } = await t.send('POST', '/ws/v1/student', { students: { student: cases.map(([item]) => item) } });
    assert.equal(body.results.insert_count, 0);
    cases.forEach(([, expected], index) => {
      const result = body.results.result[index];
      assert.equal(result.status, 'ERROR', `case ${index}`);
      assert.deepEqual(errorsOf(result).sort(), [...expected].sort(), `case ${index}: ${JSON.stringify(errorsOf(result))}`);
    });
  });

  it('warns about insert-only fields on UPDATE and ignores them', async () => {
    const { body } = await t.send('POST', '/ws/v1/student', { students: { student: { client_uid: 'w', action: 'UPDATE', id: 5003, school_enrollment: { grade_level: 12 }, name: { middle_name: 'Q' } } } });
    const result = body.results.result;
    assert.equal(result.status, 'WARNING');
    // school_enrollment is an INSERT-only element as a whole, so PowerSchool names the element.
    assert.deepEqual([result.warning_message.warning.field, result.warning_message.warning.warning_code], ['student/school_enrollment', 'FIELD_IGNORED']);
    const student = (await t.get('/ws/v1/student/5003?expansions=school_enrollment')).body.student;
    assert.equal(student.name.middle_name, 'Q');
    assert.notEqual(student.school_enrollment.grade_level, 12);
  });

  it('ignores unknown elements with a FIELD_IGNORED warning and still inserts', async () => {
    const { body } = await t.send('POST', '/ws/v1/student', { students: { student: newStudent('u1', { favourite_colour: 'teal' }) } });
    const result = body.results.result;
    assert.equal(result.status, 'WARNING');
    assert.deepEqual([result.warning_message.warning.field, result.warning_message.warning.warning_code], ['student/favourite_colour', 'FIELD_IGNORED']);
    assert.equal((await t.get(`/ws/v1/student/${result.success_message.id}`)).body.student.name.last_name, 'Stephaniia');
  });

  const post = async (path: string, student: unknown) => (await t.send('POST', path, { students: { student } })).body.results.result;
  const studentRow = async (dcid: number, columns: string) => (await t.get(`/ws/schema/table/students/${dcid}?projection=${columns}`)).body.tables.students;
  const corefields = async (dcid: number) => (await t.get(`/ws/schema/table/studentcorefields/${dcid}?projection=primarylanguage`)).body.tables.studentcorefields.primarylanguage;
  const languageUpdate = (uid: string, dcid: number, language: string) => ({
    client_uid: uid, action: 'UPDATE', id: dcid,
    _extension_data: { _table_extension: { recordFound: true, name: 'studentcorefields', _field: [{ name: 'primarylanguage', type: 'String', value: language }] } },
  });

  // real-server-behaviour.md: "Extension fields are written **only when the URL names the table**:
  // `POST /ws/v1/student?extensions=studentcorefields`; without it the answer is SUCCESS and nothing changes (T)."
  it('writes extension fields only when the URL names the table in extensions=', async () => {
    const before = await corefields(5010);
    const silent = await post('/ws/v1/student', languageUpdate('x1', 5010, 'Klingon'));
    assert.deepEqual([silent.status, silent.warning_message, silent.error_message], ['SUCCESS', undefined, undefined]);
    assert.equal(await corefields(5010), before, 'nothing changes without extensions=');
    const otherTable = await post('/ws/v1/student?extensions=u_studentsuserfields', languageUpdate('x2', 5010, 'Klingon'));
    assert.equal(otherTable.status, 'SUCCESS');
    assert.equal(await corefields(5010), before, 'a different table named in the URL does not count');
    const named = await post('/ws/v1/student?extensions=studentcorefields', languageUpdate('x3', 5010, 'Klingon'));
    assert.equal(named.status, 'SUCCESS');
    assert.equal(await corefields(5010), 'Klingon');
  });

  // real-server-behaviour.md: "an invalid date → `INVALID_DATE_VALUE` on field `students/demographics/birth_date` (HTTP 200, status ERROR)"
  it('answers an invalid birth date with INVALID_DATE_VALUE on students/demographics/birth_date, HTTP 200, status ERROR', async () => {
    const { status, body } = await t.send('POST', '/ws/v1/student', { students: { student: { client_uid: 'd1', action: 'UPDATE', id: 5011, demographics: { birth_date: '2017-02-30' } } } });
    assert.equal(status, 200);
    const result = body.results.result;
    assert.equal(result.status, 'ERROR');
    assert.deepEqual([result.error_message.error.field, result.error_message.error.error_code], ['students/demographics/birth_date', 'INVALID_DATE_VALUE']);
    assert.equal(body.results.update_count, 0);
  });

  // real-server-behaviour.md: "an empty date **clears** the value (SUCCESS)"
  it('clears a date sent empty', async () => {
    assert.notEqual((await studentRow(5012, 'dob')).dob, undefined, 'the generated student has a birth date');
    const result = await post('/ws/v1/student', { client_uid: 'd2', action: 'UPDATE', id: 5012, demographics: { birth_date: '' } });
    assert.equal(result.status, 'SUCCESS');
    assert.equal((await studentRow(5012, 'dob')).dob, undefined);
    assert.equal((await t.get('/ws/v1/student/5012?expansions=demographics')).body.student.demographics.birth_date, undefined);
  });

  // real-server-behaviour.md: "an empty physical street in an otherwise filled address → `REQUIRED_PHYSICAL_STREET` ("Name of the street is required.")"
  it('answers an empty physical street in an otherwise filled address with REQUIRED_PHYSICAL_STREET', async () => {
    const result = await post('/ws/v1/student', { client_uid: 'a1', action: 'UPDATE', id: 5013, addresses: { physical: { street: '', city: 'Springfield', state_province: 'IL', postal_code: '62701' } } });
    assert.equal(result.status, 'ERROR');
    assert.deepEqual(result.error_message.error, { field: 'student/addresses/physical/street', error_code: 'REQUIRED_PHYSICAL_STREET', error_description: 'Name of the street is required.' });
  });

  // real-server-behaviour.md: "duplicate local id on INSERT → `INVALID_LOCAL_ID` ("Local ID already exists in the database and can not be used in an insert.")"
  it('answers a local_id already in use on INSERT with the recorded INVALID_LOCAL_ID text', async () => {
    const result = await post('/ws/v1/student', newStudent('l1', { local_id: 200001 }));
    assert.deepEqual(result.error_message.error, { field: 'student/local_id', error_code: 'INVALID_LOCAL_ID', error_description: 'Local ID already exists in the database and can not be used in an insert.' });
  });

  // real-server-behaviour.md: "missing required elements → `REQUIRED` ("No data submitted for required element") per field";
  // "Error field paths look like `student/school_enrollment/entry_date`."
  it('answers each missing required element with REQUIRED and the recorded text, at student/… field paths', async () => {
    const result = await post('/ws/v1/student', { client_uid: 'r1', action: 'INSERT', name: { first_name: 'A', last_name: 'B' }, school_enrollment: { grade_level: 3, school_number: 100 } });
    assert.deepEqual(result.error_message.error, [
      { field: 'student/school_enrollment/entry_date', error_code: 'REQUIRED', error_description: 'No data submitted for required element' },
      { field: 'student/school_enrollment/exit_date', error_code: 'REQUIRED', error_description: 'No data submitted for required element' },
    ]);
  });

  // real-server-behaviour.md: "one bad value can give several `FIELD_VALIDATION_ERROR`s ("Value must be an integer",
  // "Value must be a number", "Value may not contain more than 10 character(s).")"
  it('answers one bad value with several FIELD_VALIDATION_ERRORs', async () => {
    const result = await post('/ws/v1/student', { client_uid: 'v1', action: 'UPDATE', id: 5014, schedule_setup: { next_school: 'Springfield High' } });
    assert.equal(result.status, 'ERROR');
    assert.deepEqual(result.error_message.error.map((error: any) => `${error.field} ${error.error_code} ${error.error_description}`).sort(), [
      'student/schedule_setup/next_school FIELD_VALIDATION_ERROR Value may not contain more than 10 character(s).',
      'student/schedule_setup/next_school FIELD_VALIDATION_ERROR Value must be a number',
      'student/schedule_setup/next_school FIELD_VALIDATION_ERROR Value must be an integer',
    ]);
  });

  // real-server-behaviour.md: "A record can end in `WARNING` with both `success_message` and
  // `warning_message.warning {field, warning_code, warning_description}`"; "`client_uid` comes back as a number when it looks like one (R)."
  it('ends a record in WARNING with success_message and warning_message.warning {field, warning_code, warning_description}; numeric client_uid as a number', async () => {
    const result = await post('/ws/v1/student', { client_uid: '9001', action: 'UPDATE', id: 5015, student_username: 'renamed', name: { middle_name: 'W' } });
    assert.equal(result.status, 'WARNING');
    assert.equal(result.client_uid, 9001);
    assert.deepEqual(result.success_message.id, 5015);
    assert.deepEqual(Object.keys(result.warning_message.warning).sort(), ['field', 'warning_code', 'warning_description']);
    assert.equal(result.warning_message.warning.field, 'student/student_username');
    assert.equal((await t.get('/ws/v1/student/5015')).body.student.name.middle_name, 'W');
    const other = await post('/ws/v1/student', { client_uid: 'abc-1', action: 'UPDATE', id: 5015, name: { middle_name: 'X' } });
    assert.equal(other.client_uid, 'abc-1');
  });

  // PS_API_NOTES.md data dictionary: "student/student_username string 20 Students.Student_Web_ID" (no POST action): read-only.
  it('does not store student_username on INSERT or UPDATE', async () => {
    const before = (await studentRow(5016, 'student_web_id')).student_web_id;
    await post('/ws/v1/student', { client_uid: 'n1', action: 'UPDATE', id: 5016, student_username: 'changed' });
    assert.equal((await studentRow(5016, 'student_web_id')).student_web_id, before);
    const inserted = await post('/ws/v1/student', newStudent('n2', { student_username: 'newcomer' }));
    assert.equal(inserted.status, 'WARNING');
    assert.equal((await studentRow(inserted.success_message.id, 'student_web_id')).student_web_id, undefined);
  });

  // real-server-behaviour.md: "Not validated on UPDATE (T): grade_level 999; a US-style postal code in a Canadian address."
  it('does not validate grade_level 999 or a US postal code in a Canadian address on UPDATE', async () => {
    const grade = await post('/ws/v1/student', { client_uid: 'g1', action: 'UPDATE', id: 5017, school_enrollment: { grade_level: 999 } });
    assert.notEqual(grade.status, 'ERROR');
    assert.ok([grade.warning_message?.warning].flat().every((warning: any) => !warning || warning.warning_code !== 'FIELD_VALIDATION_ERROR'));
    const address = await post('/ws/v1/student', { client_uid: 'p1', action: 'UPDATE', id: 5017, addresses: { physical: { street: '1 Bay St', city: 'Toronto', state_province: 'ON', postal_code: '90210' } } });
    assert.equal(address.status, 'SUCCESS');
    assert.deepEqual(await studentRow(5017, 'state,zip'), { state: 'ON', zip: '90210' });
  });

  it('answers malformed bodies with 400', async () => {
    assert.equal((await t.send('POST', '/ws/v1/student', '{"students":')).status, 400);
    const unwrapped = await t.send('POST', '/ws/v1/student', { client_uid: '1', action: 'INSERT' });
    assert.equal(unwrapped.status, 400);
    assert.match(unwrapped.body.message, /wrapped/);
  });
});

describe('sandbox --data persistence', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'psdev-sandbox-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps writes across a restart', async () => {
    const dataFile = join(dir, 'district.sqlite');
    const first = await startTestSandbox({ dataFile });
    assert.ok(existsSync(dataFile), 'saved on first start');
    const { body } = await first.send('POST', '/ws/v1/student', { students: { student: newStudent('p1', { name: { first_name: 'Persis', last_name: 'Tent' } }) } });
    const id = body.results.result.success_message.id;
    await first.send('PUT', '/ws/schema/table/u_studentsuserfields/5001', { tables: { u_studentsuserfields: { father_name: 'Kept' } } });
    await first.sandbox.close();

    // Different generation options are ignored: the file's district wins.
    const second = await startTestSandbox({ dataFile, students: 10 });
    try {
      assert.equal((await second.get(`/ws/v1/student/${id}`)).body.student.name.last_name, 'Tent');
      assert.equal((await second.get('/ws/v1/district/student/count')).body.resource.count, 201);
      assert.equal((await second.get('/ws/schema/table/u_studentsuserfields/5001')).body.tables.u_studentsuserfields.father_name, 'Kept');
    } finally {
      await second.sandbox.close();
    }
  });

  it('saves shortly after a write even without a stop', async () => {
    const dataFile = join(dir, 'district.sqlite');
    const running = await startTestSandbox({ dataFile });
    try {
      await running.send('PUT', '/ws/schema/table/u_studentsuserfields/5001', { tables: { u_studentsuserfields: { father_name: 'Early' } } });
      await new Promise((wake) => setTimeout(wake, 500));
      const sql = await loadSqlJs(locateSqlWasm(__dirname));
      const copy = new sql.Database(readSavedDatabase(dataFile));
      try {
        assert.deepEqual(copy.exec('SELECT father_name FROM u_studentsuserfields WHERE studentsdcid = 5001')[0]!.values, [['Early']]);
      } finally {
        copy.close();
      }
    } finally {
      await running.sandbox.close();
    }
  });
});
