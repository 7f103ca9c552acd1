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
    const { status, body } = await t.send('POST', '/ws/v1/student', {
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
      [newStudent('3', { local_id: '12a' }), ['student/local_id INVALID_LOCAL_ID']],
      [newStudent('4', { local_id: 200001 }), ['student/local_id INVALID_LOCAL_ID']],
      [newStudent('5', { school_enrollment: { grade_level: 3, entry_date: '2026-08-17', exit_date: '2027-06-05', school_number: 100, enroll_status: 'G' } }), ['student/school_enrollment/enroll_status FIELD_VALIDATION_ERROR']],
      [newStudent('6', { school_enrollment: { grade_level: 3, entry_date: '2026-08-17', exit_date: '2027-06-05', school_number: 100, enroll_status_code: 2 } }), ['student/school_enrollment/enroll_status_code FIELD_VALIDATION_ERROR']],
      [newStudent('7', { school_enrollment: { grade_level: 3, entry_date: '2026-08-17', exit_date: '2027-06-05', school_number: 100, enroll_status: 'A', enroll_status_code: 0 } }), ['student/school_enrollment/enroll_status_code FIELD_VALIDATION_ERROR']], // the later of the two is named
      [newStudent('8', { contact: { doctor_name: 'Dr. Who' } }), ['student/contact/doctor_phone REQUIRED']],
      [newStudent('9', { addresses: { physical: { street: '1 Main St', city: 'Springfield' } } }), ['student/addresses/physical/state_province REQUIRED']], // one REQUIRED per incomplete block, naming its first missing part
      [newStudent('10', { school_enrollment: { grade_level: 3, entry_date: '2026-02-30', exit_date: '2027-06-05', school_number: 100 } }), ['student/school_enrollment/entry_date FIELD_VALIDATION_ERROR']],
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
