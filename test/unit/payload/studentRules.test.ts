import * as assert from 'node:assert/strict';
import { createPayloadValidator } from '../../../src/core/payload';
import { applyEdits, assertKeyRange, assertValueRange, body, insertRecord, none, only, updateRecord, where } from './helpers';

const validator = createPayloadValidator();
const check = (text: string) => validator.validateStudentText(text);

describe('payload: PowerSchool student rules', () => {
  describe('enroll_status and enroll_status_code together', () => {
    it('accepts either one alone', () => {
      none(check(body(insertRecord())));
      const record = insertRecord();
      delete record.school_enrollment.enroll_status;
      record.school_enrollment.enroll_status_code = 0;
      none(check(body(record)));
    });

    it('flags the later one and removes it with the fix', () => {
      const record = insertRecord();
      record.school_enrollment.enroll_status_code = -1;
      const text = body(record);
      const finding = only(check(text), 'both-enroll-status');
      assert.equal(finding.pointer, '/students/student/0/school_enrollment/enroll_status_code');
      assertKeyRange(text, finding, ['school_enrollment', 'enroll_status_code']);
      const fixed = applyEdits(text, finding.fixes![0]!.edits);
      assert.equal(JSON.parse(fixed).students.student[0].school_enrollment.enroll_status_code, undefined);
      assert.equal(JSON.parse(fixed).students.student[0].school_enrollment.enroll_status, 'A');
      none(check(fixed));
    });

    it('removes a first member with its comma and a last member with the comma before it', () => {
      const first = '{"students":{"student":{"client_uid":"1","action":"INSERT","name":{"first_name":"A","last_name":"B"},"school_enrollment":{"enroll_status_code":0,"enroll_status":"A","grade_level":1,"entry_date":"2024-08-01","exit_date":"2025-06-01","school_number":1}}}}';
      const finding = only(check(first), 'both-enroll-status');
      const fixed = applyEdits(first, finding.fixes![0]!.edits);
      assert.ok(fixed.includes('{"enroll_status_code":0,"grade_level":1'));
      const last = first.replace('"enroll_status_code":0,"enroll_status":"A","grade_level":1,"entry_date":"2024-08-01","exit_date":"2025-06-01","school_number":1', '"grade_level":1,"entry_date":"2024-08-01","exit_date":"2025-06-01","school_number":1,"enroll_status":"A","enroll_status_code":0');
      const lastFixed = applyEdits(last, only(check(last), 'both-enroll-status').fixes![0]!.edits);
      assert.ok(lastFixed.includes('"school_number":1,"enroll_status":"A"}'));
      none(check(lastFixed));
    });
  });

  describe('INSERT-only and read-only fields', () => {
    it('accepts UPDATE with updatable fields only', () => {
      none(check(body({ ...updateRecord(), demographics: { gender: 'M' }, schedule_setup: { home_room: '7' } })));
    });

    it('warns about school_enrollment and local_id on UPDATE, at the key', () => {
      const text = body({ ...updateRecord(), local_id: 5, school_enrollment: { grade_level: 3 } });
      const findings = check(text).filter((finding) => finding.code === 'insert-only-on-update');
      assert.deepEqual(findings.map((finding) => [finding.pointer, finding.severity]), [
        ['/students/student/0/local_id', 'warning'],
        ['/students/student/0/school_enrollment', 'warning'],
      ]);
      assertKeyRange(text, findings[1]!, ['school_enrollment']);
      assert.match(findings[0]!.message, /local_id can only be set on INSERT \(Students\.Student_Number\)/);
    });

    it('warns about read-only fields and id on INSERT', () => {
      const record = insertRecord();
      record.id = 5;
      record.school_enrollment.enroll_status_description = 'Active';
      const text = body(record);
      const findings = check(text);
      assertKeyRange(text, only(findings, 'read-only-field'), ['school_enrollment', 'enroll_status_description']);
      assertKeyRange(text, only(findings, 'id-on-insert'), ['id']);
    });
  });

  describe('status values on INSERT', () => {
    it('accepts A, I, P, H and codes 0, -1, 4 on INSERT, and G on UPDATE is only insert-only', () => {
      for (const letter of ['A', 'I', 'P', 'H']) {
        const record = insertRecord();
        record.school_enrollment.enroll_status = letter;
        none(check(body(record)));
      }
      for (const code of [0, -1, 4, 7]) {
        const record = insertRecord();
        delete record.school_enrollment.enroll_status;
        record.school_enrollment.enroll_status_code = code;
        none(check(body(record)));
      }
      none(check(body({ ...updateRecord(), school_enrollment: { enroll_status: 'G' } })), 'status-on-insert');
    });

    it('rejects G and T letters and codes 2 and 3 on INSERT', () => {
      for (const letter of ['G', 't']) {
        const record = insertRecord();
        record.school_enrollment.enroll_status = letter;
        const text = body(record);
        const finding = only(check(text), 'status-on-insert');
        assertValueRange(text, finding, ['school_enrollment', 'enroll_status'], JSON.stringify(letter));
      }
      for (const code of [2, '3']) {
        const record = insertRecord();
        delete record.school_enrollment.enroll_status;
        record.school_enrollment.enroll_status_code = code;
        const text = body(record);
        const finding = only(check(text), 'status-on-insert');
        assert.match(finding.message, /enroll_status_code (2|3) .* not allowed on INSERT/);
        assertValueRange(text, finding, ['school_enrollment', 'enroll_status_code'], JSON.stringify(code));
      }
    });

    it('offers to upper-case a lower-case status letter', () => {
      const record = insertRecord();
      record.school_enrollment.enroll_status = 'a';
      const text = body(record);
      const finding = only(check(text), 'status-letter-case');
      assert.equal(finding.severity, 'info');
      const fixed = applyEdits(text, finding.fixes![0]!.edits);
      assert.equal(JSON.parse(fixed).students.student[0].school_enrollment.enroll_status, 'A');
    });
  });

  describe('fields that come in pairs', () => {
    it('accepts both or neither of each pair', () => {
      none(check(body({ ...updateRecord(), contact: { mother: 'M' } })));
      none(check(body({ ...updateRecord(), contact: { doctor_name: 'D', doctor_phone: '1' } })));
    });

    for (const [given, missing] of [
      ['emergency_contact_name1', 'emergency_phone1'], ['emergency_phone1', 'emergency_contact_name1'],
      ['emergency_contact_name2', 'emergency_phone2'], ['emergency_phone2', 'emergency_contact_name2'],
      ['doctor_name', 'doctor_phone'], ['doctor_phone', 'doctor_name'],
    ] as const) {
      it(`flags contact.${given} without contact.${missing}`, () => {
        const text = body({ ...updateRecord(), contact: { [given]: 'x', [missing]: '' } });
        const finding = only(check(text), 'pair-missing');
        assert.equal(finding.pointer, `/students/student/0/contact/${given}`);
        assert.match(finding.message, new RegExp(`contact\\.${given} is given without contact\\.${missing}`));
        assertKeyRange(text, finding, ['contact', given]);
      });
    }
  });

  describe('address blocks', () => {
    it('accepts a complete block without grid_location', () => {
      none(check(body({ ...updateRecord(), addresses: { mailing: { street: 's', city: 'c', state_province: 'IL', postal_code: '1' } } })));
    });

    it('flags a partial physical or mailing block at its key, naming what is missing', () => {
      for (const kind of ['physical', 'mailing']) {
        const text = body({ ...updateRecord(), addresses: { [kind]: { street: '1 Main', city: 'X' } } });
        const finding = only(check(text), 'address-incomplete');
        assert.equal(finding.pointer, `/students/student/0/addresses/${kind}`);
        assert.match(finding.message, new RegExp(`addresses\\.${kind} lacks state_province, postal_code`));
        assertKeyRange(text, finding, ['addresses', kind]);
      }
    });

    it('treats grid_location alone as a started block', () => {
      only(check(body({ ...updateRecord(), addresses: { physical: { grid_location: '1,2' } } })), 'address-incomplete');
    });
  });

  describe('dates', () => {
    it('accepts a leap day', () => {
      const record = insertRecord();
      record.demographics.birth_date = '2016-02-29';
      none(check(body(record)));
    });

    it('rejects days that do not exist', () => {
      for (const [group, field, value] of [['demographics', 'birth_date', '2023-02-29'], ['school_enrollment', 'entry_date', '2023-02-30'], ['initial_enrollment', 'school_entry_date', '2024-04-31'], ['demographics', 'district_entry_date', '2024-13-01']] as const) {
        const record = insertRecord();
        record[group][field] = value;
        const text = body(record);
        const finding = only(check(text), 'impossible-date');
        assert.match(finding.message, new RegExp(`${group}\\.${field} "${value}" is not a real date`));
        assertValueRange(text, finding, [group, field], JSON.stringify(value));
      }
    });

    it('rejects an exit_date on or before the entry_date', () => {
      const record = insertRecord();
      record.school_enrollment.exit_date = '2024-08-20';
      const text = body(record);
      assertValueRange(text, only(check(text), 'exit-before-entry'), ['school_enrollment', 'exit_date'], '"2024-08-20"');
    });
  });

  describe('blank names', () => {
    it('accepts a changed name on UPDATE and no name at all', () => {
      none(check(body(updateRecord())));
      const record = updateRecord();
      delete record.name;
      none(check(body(record)));
    });

    it('rejects names updated to blank', () => {
      const text = body({ ...updateRecord(), name: { first_name: '  ', last_name: 'X' } });
      const finding = only(check(text), 'blank-name');
      assert.match(finding.message, /name\.first_name may not be updated to blank/);
      assertValueRange(text, finding, ['name', 'first_name'], '"  "');
    });

    it('rejects blank names on INSERT as missing', () => {
      const record = insertRecord();
      record.name.last_name = '';
      assert.match(only(check(body(record)), 'blank-name').message, /required when enrolling/);
    });
  });

  describe('duplicate client_uid', () => {
    it('accepts distinct client_uids', () => {
      none(check(body(insertRecord(), updateRecord())));
    });

    it('flags the second use, counting "7" and 7 as the same', () => {
      const text = body({ ...updateRecord(), client_uid: '7' }, { ...updateRecord(), client_uid: 7 });
      const finding = only(check(text), 'duplicate-client-uid');
      assert.equal(finding.pointer, '/students/student/1/client_uid');
      const second = where(text, ['client_uid'], where(text, ['client_uid']).keyEnd);
      assert.deepEqual([finding.start, finding.end], [second.valueStart, second.valueStart + 1]);
      assert.match(finding.message, /already used by student 0/);
    });

    it('flags two INSERTs with the same local_id', () => {
      const text = body(insertRecord(), { ...insertRecord(), client_uid: 'c2' });
      assert.equal(only(check(text), 'duplicate-local-id').pointer, '/students/student/1/local_id');
    });

    it('compares ids as PowerSchool reads them: " 12 " and 12 are one, "1e1" and 10 or "012" and 12 are not', () => {
      const uids = (first: unknown, second: unknown) => check(body({ ...updateRecord(), client_uid: first }, { ...updateRecord(), client_uid: second })).filter((finding) => finding.code === 'duplicate-client-uid');
      assert.equal(uids(' 12 ', 12).length, 1);
      assert.equal(uids(12, '12').length, 1);
      assert.equal(uids('c1 ', ' c1').length, 1);
      assert.equal(uids('1e1', 10).length, 0);
      assert.equal(uids('012', 12).length, 0);
      assert.equal(uids('-0', 0).length, 0);
      assert.equal(uids('0', -0).length, 1);
      assert.equal(uids(true, 'true').length, 0, 'only strings and numbers are ids');
      const localIds = check(body({ ...insertRecord(), local_id: '500 ' }, { ...insertRecord(), client_uid: 'c2', local_id: 500 }));
      assert.equal(only(localIds, 'duplicate-local-id').pointer, '/students/student/1/local_id');
    });

    it('offers a client_uid that no record of the body uses, later records included', () => {
      const { client_uid: _none, ...withoutUid } = updateRecord();
      const text = body(withoutUid, { ...updateRecord(), client_uid: '1' }, { ...updateRecord(), client_uid: 2 });
      const finding = check(text).find((found) => found.code === 'required' && found.pointer === '/students/student/0');
      assert.ok(finding, 'the missing client_uid is reported');
      assert.equal(finding.fixes?.[0]?.title, 'Add "client_uid": "3"');
      const fixed = applyEdits(text, finding.fixes![0]!.edits);
      none(check(fixed));
    });
  });

  describe('grade levels and the graduated school', () => {
    it('accepts preschool, kindergarten, 12 and 99 with school 999999', () => {
      for (const grade of [-2, 0, 12]) {
        const record = insertRecord();
        record.school_enrollment.grade_level = grade;
        none(check(body(record)));
      }
      none(check(body({ ...updateRecord(), schedule_setup: { next_school: 999999, sched_next_year_grade: 99 } })));
    });

    it('warns about a grade that does not exist', () => {
      const record = insertRecord();
      record.school_enrollment.grade_level = 14;
      const text = body(record);
      const finding = only(check(text), 'grade-level');
      assert.equal(finding.severity, 'warning');
      assertValueRange(text, finding, ['school_enrollment', 'grade_level'], '14');
    });

    it('requires grade 99 with next_school 999999 and fixes it', () => {
      const text = body({ ...updateRecord(), schedule_setup: { next_school: '999999', sched_next_year_grade: '12' } });
      const finding = only(check(text), 'graduated-school');
      assertValueRange(text, finding, ['schedule_setup', 'sched_next_year_grade'], '"12"');
      const fixed = applyEdits(text, finding.fixes![0]!.edits);
      assert.equal(JSON.parse(fixed).students.student[0].schedule_setup.sched_next_year_grade, '99');
      none(check(fixed));
    });

    it('requires school 999999 with grade 99', () => {
      const record = insertRecord();
      record.school_enrollment.grade_level = 99;
      const text = body(record);
      const finding = only(check(text), 'graduated-school');
      assertValueRange(text, finding, ['school_enrollment', 'school_number'], '100');
    });
  });
});
