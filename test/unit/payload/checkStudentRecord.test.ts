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
      { code: 'REQUIRED', field: 'school_enrollment/school_number', message: 'No data submitted for required element', severity: 'error' },
      { code: 'INVALID_LOCAL_ID', field: 'local_id', message: 'Value must be an integer', severity: 'error' },
      { code: 'FIELD_VALIDATION_ERROR', field: 'name/first_name', message: 'Value may not contain more than 50 character(s).', severity: 'error' },
    ]);
  });

  it('applies the given action and the cross-field rules', () => {
    const record = updateRecord();
    delete record.action;
    delete record.id;
    assert.deepEqual(validator.checkStudentRecord(record, 'UPDATE').map((error) => [error.code, error.field]), [['REQUIRED', 'id']]);
    const pair = { ...updateRecord(), contact: { doctor_phone: '1' }, school_enrollment: { grade_level: 3 } };
    assert.deepEqual(validator.checkStudentRecord(pair, 'UPDATE'), [
      { code: 'FIELD_IGNORED', field: 'school_enrollment', message: 'Field may only be set on INSERT and was ignored', severity: 'warning' },
      { code: 'REQUIRED', field: 'contact/doctor_name', message: 'No data submitted for required element', severity: 'error' },
    ]);
  });

  it('rejects what is not an object', () => {
    assert.equal(validator.checkStudentRecord(null, 'INSERT')[0]!.code, 'FIELD_VALIDATION_ERROR');
  });
});
