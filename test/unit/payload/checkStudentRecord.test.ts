import * as assert from 'node:assert/strict';
import { createPayloadValidator } from '../../../src/core/payload';
import { insertRecord, updateRecord } from './helpers';

const validator = createPayloadValidator();

describe('payload: checkStudentRecord (the sandbox\'s per-record check)', () => {
  it('returns nothing for valid records', () => {
    assert.deepEqual(validator.checkStudentRecord(insertRecord(), 'INSERT'), []);
    assert.deepEqual(validator.checkStudentRecord(updateRecord(), 'UPDATE'), []);
  });

  it('answers in PowerSchool\'s codes and messages', () => {
    const record = insertRecord();
    record.local_id = 'abc';
    record.name.first_name = 'x'.repeat(51);
    delete record.school_enrollment.school_number;
    const errors = validator.checkStudentRecord(record, 'INSERT');
    assert.deepEqual(errors, [
      { code: 'REQUIRED', field: 'student/school_enrollment/school_number', message: 'No data submitted for required element', severity: 'error' },
      { code: 'INVALID_LOCAL_ID', field: 'student/local_id', message: 'Value must be an integer', severity: 'error' },
      { code: 'INVALID_LOCAL_ID', field: 'student/local_id', message: 'Value must be a number', severity: 'error' },
      { code: 'FIELD_VALIDATION_ERROR', field: 'student/name/first_name', message: 'Value may not contain more than 50 character(s).', severity: 'error' },
    ]);
  });

  it('applies the given action and the cross-field rules', () => {
    const record = updateRecord();
    delete record.action;
    delete record.id;
    assert.deepEqual(validator.checkStudentRecord(record, 'UPDATE').map((error) => [error.code, error.field]), [['REQUIRED', 'student/id']]);
    const pair = { ...updateRecord(), contact: { doctor_phone: '1' }, school_enrollment: { grade_level: 3 } };
    assert.deepEqual(validator.checkStudentRecord(pair, 'UPDATE'), [
      { code: 'FIELD_IGNORED', field: 'student/school_enrollment', message: 'Field may only be set on INSERT and was ignored', severity: 'warning' },
      { code: 'REQUIRED', field: 'student/contact/doctor_name', message: 'No data submitted for required element', severity: 'error' },
    ]);
  });

  it('rejects what is not an object', () => {
    assert.equal(validator.checkStudentRecord(null, 'INSERT')[0]!.code, 'FIELD_VALIDATION_ERROR');
  });

  // real-server-behaviour.md, Student POST: "an invalid date → `INVALID_DATE_VALUE` on field `students/demographics/birth_date`"
  it('answers an invalid date with INVALID_DATE_VALUE on students/demographics/birth_date (wrong shape and no such day)', () => {
    for (const birth_date of ['04/12/2017', '2017-06-31']) {
      const errors = validator.checkStudentRecord({ ...updateRecord(), demographics: { birth_date } }, 'UPDATE');
      assert.deepEqual(errors.map((error) => [error.code, error.field, error.severity]), [['INVALID_DATE_VALUE', 'students/demographics/birth_date', 'error']], birth_date);
    }
  });

  // real-server-behaviour.md: "an empty date **clears** the value (SUCCESS)"
  it('accepts an empty date (PowerSchool clears the value)', () => {
    assert.deepEqual(validator.checkStudentRecord({ ...updateRecord(), demographics: { birth_date: '' } }, 'UPDATE'), []);
  });

  // real-server-behaviour.md: "an empty physical street in an otherwise filled address → `REQUIRED_PHYSICAL_STREET` ("Name of the street is required.")"
  it('answers an empty physical street in an otherwise filled address with REQUIRED_PHYSICAL_STREET', () => {
    const addresses = { physical: { street: '', city: 'Springfield', state_province: 'IL', postal_code: '62701' } };
    assert.deepEqual(validator.checkStudentRecord({ ...updateRecord(), addresses }, 'UPDATE'), [
      { code: 'REQUIRED_PHYSICAL_STREET', field: 'student/addresses/physical/street', message: 'Name of the street is required.', severity: 'error' },
    ]);
  });

  // real-server-behaviour.md: "one bad value can give several `FIELD_VALIDATION_ERROR`s ("Value must be an integer",
  // "Value must be a number", "Value may not contain more than 10 character(s).")"
  it('answers one bad value with several FIELD_VALIDATION_ERRORs, as PowerSchool does', () => {
    const record = { ...updateRecord(), initial_enrollment: { district_entry_grade_level: 'kindergarten' } };
    assert.deepEqual(validator.checkStudentRecord(record, 'UPDATE').map((error) => `${error.code} ${error.field} ${error.message}`).sort(), [
      'FIELD_VALIDATION_ERROR student/initial_enrollment/district_entry_grade_level Value may not contain more than 10 character(s).',
      'FIELD_VALIDATION_ERROR student/initial_enrollment/district_entry_grade_level Value must be a number',
      'FIELD_VALIDATION_ERROR student/initial_enrollment/district_entry_grade_level Value must be an integer',
    ]);
    // A number that is not whole is still a number.
    assert.deepEqual(validator.checkStudentRecord({ ...updateRecord(), initial_enrollment: { district_entry_grade_level: '1.5' } }, 'UPDATE').map((error) => error.message), ['Value must be an integer']);
  });

  // real-server-behaviour.md: "Not validated on UPDATE (T): grade_level 999; a US-style postal code in a Canadian address."
  it('does not range-check grades on UPDATE, nor postal codes', () => {
    const record = { ...updateRecord(), schedule_setup: { sched_next_year_grade: 999 }, addresses: { physical: { street: '1 Bay St', city: 'Toronto', state_province: 'ON', postal_code: '90210' } } };
    assert.deepEqual(validator.checkStudentRecord(record, 'UPDATE'), []);
    assert.deepEqual(validator.checkStudentRecord({ ...updateRecord(), school_enrollment: { grade_level: 999 } }, 'UPDATE').map((error) => error.code), ['FIELD_IGNORED']);
    assert.deepEqual(validator.checkStudentRecord({ ...insertRecord(), school_enrollment: { ...insertRecord().school_enrollment, grade_level: 999 } }, 'INSERT').map((error) => error.field), ['student/school_enrollment/grade_level']);
  });

  // PS_API_NOTES.md data dictionary: "student/student_username string 20 Students.Student_Web_ID" lists no POST action.
  it('treats student_username as read-only', () => {
    assert.deepEqual(validator.checkStudentRecord({ ...updateRecord(), student_username: 'ada001' }, 'UPDATE'), [
      { code: 'FIELD_IGNORED', field: 'student/student_username', message: 'Field is read-only and was ignored', severity: 'warning' },
    ]);
  });
});
