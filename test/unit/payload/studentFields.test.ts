import * as assert from 'node:assert/strict';
import { createPayloadValidator } from '../../../src/core/payload';
import { assertKeyRange, assertValueRange, body, insertRecord, none, only, recordStart, updateRecord, where } from './helpers';

const validator = createPayloadValidator();
const check = (text: string) => validator.validateStudentText(text);

describe('payload: student POST fields (schema)', () => {
  it('accepts a full INSERT and an UPDATE, in the array and the single-object form', () => {
    none(check(body(insertRecord(), updateRecord())));
    none(check(JSON.stringify({ students: { student: insertRecord() } }, null, 2)));
  });

  it('requires client_uid and offers to add a unique one', () => {
    const record = insertRecord();
    delete record.client_uid;
    const text = body({ ...updateRecord(), client_uid: '1' }, record);
    const finding = only(check(text), 'required');
    assert.equal(finding.pointer, '/students/student/1');
    assert.match(finding.message, /client_uid is required/);
    const start = recordStart(text, 1);
    assert.deepEqual([finding.start, finding.end], [start, start + 1]);
    const edit = finding.fixes![0]!.edits[0]!;
    assert.equal(edit.newText, '"client_uid": "2",\n        ');
  });

  it('requires action and restricts it to INSERT/UPDATE, with an upper-case fix', () => {
    const text = body({ ...updateRecord(), action: 'update' });
    const finding = only(check(text), 'enum');
    assert.equal(finding.pointer, '/students/student/0/action');
    assertValueRange(text, finding, ['action'], '"update"');
    assert.equal(finding.fixes![0]!.edits[0]!.newText, '"UPDATE"');
    const missing = updateRecord();
    delete missing.action;
    assert.match(only(check(body(missing)), 'required').message, /action is required/);
  });

  it('requires id on UPDATE only, as an integer', () => {
    const record = updateRecord();
    delete record.id;
    const text = body(record);
    const finding = only(check(text), 'required');
    assert.match(finding.message, /id is required on UPDATE/);
    none(check(body({ ...updateRecord(), id: 442 })));
    const bad = body({ ...updateRecord(), id: '44x' });
    assertValueRange(bad, only(check(bad), 'type'), ['id'], '"44x"');
  });

  it('requires the names and enrollment fields on INSERT', () => {
    const record = insertRecord();
    delete record.name.last_name;
    delete record.school_enrollment.entry_date;
    const text = body(record);
    const findings = check(text).filter((finding) => finding.code === 'required');
    assert.deepEqual(findings.map((finding) => finding.pointer), ['/students/student/0/name', '/students/student/0/school_enrollment']);
    assert.match(findings[0]!.message, /name\.last_name is required when enrolling a new student/);
    assertKeyRange(text, findings[0]!, ['name']);
    assertKeyRange(text, findings[1]!, ['school_enrollment']);
  });

  it('checks local_id is an integer', () => {
    const text = body({ ...insertRecord(), local_id: 'A12' });
    const finding = only(check(text), 'type');
    assert.equal(finding.pointer, '/students/student/0/local_id');
    assertValueRange(text, finding, ['local_id'], '"A12"');
  });

  it('checks lengths of identity fields (state_province_id 32, student_username 20)', () => {
    const text = body({ ...insertRecord(), student_username: 'u'.repeat(21) });
    const finding = only(check(text), 'max-length');
    assert.match(finding.message, /student_username is 21 characters long; PowerSchool allows at most 20 \(Students\.Student_Web_ID\)/);
    assertValueRange(text, finding, ['student_username'], JSON.stringify('u'.repeat(21)));
    none(check(body({ ...insertRecord(), state_province_id: 's'.repeat(32) })));
    only(check(body({ ...insertRecord(), state_province_id: 's'.repeat(33) })), 'max-length');
  });

  it('checks name lengths (50/50/30) and flags unknown name fields with a suggestion', () => {
    const record = insertRecord();
    record.name.middle_name = 'm'.repeat(31);
    const text = body(record);
    assertValueRange(text, only(check(text), 'max-length'), ['name', 'middle_name'], JSON.stringify('m'.repeat(31)));
    const typo = insertRecord();
    typo.name.frist_name = 'Ada';
    const typoText = body(typo);
    const finding = only(check(typoText), 'unknown-field');
    assert.equal(finding.severity, 'warning');
    assert.match(finding.message, /unknown field 'frist_name' in name \(did you mean 'first_name'\?\)/);
    assertKeyRange(typoText, finding, ['name', 'frist_name']);
  });

  it('checks school_enrollment values: status letters, track, dates, codes', () => {
    const record = insertRecord();
    record.school_enrollment.track = 'Z';
    record.school_enrollment.entry_date = '08/20/2024';
    record.school_enrollment.entry_code = 'E'.repeat(11);
    const text = body(record);
    const findings = check(text);
    assertValueRange(text, only(findings, 'enum'), ['school_enrollment', 'track'], '"Z"');
    assertValueRange(text, only(findings, 'date-format'), ['school_enrollment', 'entry_date'], '"08/20/2024"');
    assertValueRange(text, only(findings, 'max-length'), ['school_enrollment', 'entry_code'], JSON.stringify('E'.repeat(11)));
    const status = insertRecord();
    status.school_enrollment.enroll_status = 'X';
    only(check(body(status)), 'enum');
  });

  it('checks address field lengths (state_province 2)', () => {
    const record = insertRecord();
    record.addresses.mailing.state_province = 'ILL';
    const text = body(record);
    assertValueRange(text, only(check(text), 'max-length'), ['mailing', 'state_province'], '"ILL"');
  });

  it('checks contact lengths and contact_info email', () => {
    const record = insertRecord();
    record.contact.doctor_phone = '5'.repeat(31);
    record.contact_info.email = 'not-an-email';
    const text = body(record);
    const findings = check(text);
    assertValueRange(text, only(findings, 'max-length'), ['contact', 'doctor_phone'], JSON.stringify('5'.repeat(31)));
    assertValueRange(text, only(findings, 'format'), ['contact_info', 'email'], '"not-an-email"');
  });

  it('checks demographics: gender M/F with an upper-case fix, birth_date format', () => {
    const record = insertRecord();
    record.demographics.gender = 'f';
    record.demographics.birth_date = '2014-2-28';
    const text = body(record);
    const findings = check(text);
    const gender = only(findings, 'enum');
    assertValueRange(text, gender, ['demographics', 'gender'], '"f"');
    assert.equal(gender.fixes![0]!.edits[0]!.newText, '"F"');
    assertValueRange(text, only(findings, 'date-format'), ['demographics', 'birth_date'], '"2014-2-28"');
  });

  it('checks initial_enrollment grade levels are integers', () => {
    const record = insertRecord();
    record.initial_enrollment.school_entry_grade_level = 'five';
    const text = body(record);
    assertValueRange(text, only(check(text), 'type'), ['initial_enrollment', 'school_entry_grade_level'], '"five"');
  });

  it('checks phones.main.number length 30', () => {
    const record = insertRecord();
    record.phones.main.number = '1'.repeat(31);
    const text = body(record);
    assertValueRange(text, only(check(text), 'max-length'), ['phones', 'main', 'number'], JSON.stringify('1'.repeat(31)));
  });

  it('checks schedule_setup numbers', () => {
    const record = insertRecord();
    record.schedule_setup.next_school = true;
    const text = body(record);
    const finding = only(check(text), 'type');
    assert.match(finding.message, /schedule_setup\.next_school must be an integer, not true/);
    assertValueRange(text, finding, ['schedule_setup', 'next_school'], 'true');
  });

  it('checks the shape of _extension_data (object or array of tables and fields)', () => {
    const good = { ...updateRecord(), _extension_data: { _table_extension: { recordFound: false, name: 'u_studentsuserfields', _field: { name: 'father_name', type: 'String', value: 'Z' } } } };
    none(check(body(good)));
    const bad = { ...updateRecord(), _extension_data: { _table_extension: [{ name: 'u_x', recordFound: 'no', _field: [{ name: 'a' }] }] } };
    const text = body(bad);
    const findings = check(text);
    assertValueRange(text, only(findings, 'type'), ['_extension_data', 'recordFound'], '"no"');
    const required = only(findings, 'required');
    assert.equal(required.pointer, '/students/student/0/_extension_data/_table_extension/0/_field/0');
    assert.match(required.message, /value is required/);
  });

  it('reports an empty student array and a missing students wrapper', () => {
    only(check(JSON.stringify({ students: { student: [] } })), 'empty');
    const text = '{"student": {"client_uid": "1"}}';
    const findings = check(text);
    assert.ok(findings.some((finding) => finding.code === 'required' && /students is required/.test(finding.message)));
    const unknown = only(findings, 'unknown-field');
    assert.deepEqual([unknown.start, unknown.end], [1, 10]);
  });

  it('never throws on odd values', () => {
    for (const value of [null, 1, 'x', [], { students: null }, { students: { student: [null, 1, 'x'] } }]) {
      assert.ok(Array.isArray(validator.validateStudentValue(value)));
    }
    assert.equal(where(body(insertRecord()), ['client_uid']).keyStart > 0, true);
  });
});
