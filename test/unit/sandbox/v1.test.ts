import * as assert from 'node:assert/strict';
import { startTestSandbox, type TestSandbox } from './harness';
import { V1_CATALOGS } from '../../../src/core/q';

const allExpansions = 'demographics,addresses,alerts,phones,school_enrollment,ethnicity_race,contact,contact_info,initial_enrollment,schedule_setup,fees,lunch';
const asArray = <T>(value: T | T[] | ''): T[] => (value === '' ? [] : Array.isArray(value) ? value : [value]);

describe('sandbox /ws/v1', () => {
  let t: TestSandbox;
  before(async () => (t = await startTestSandbox()));
  after(() => t.sandbox.close());

  it('publishes metadata with the max page sizes', async () => {
    const { status, body } = await t.get('/ws/v1/metadata');
    assert.equal(status, 200);
    assert.equal(body.metadata.student_max_page_size, 100);
    assert.equal(body.metadata.schema_table_query_max_page_size, 100);
  });

  it('serves the district and its schools with a count shape {"resource":{"count":N}}', async () => {
    assert.equal((await t.get('/ws/v1/district')).body.district.name, 'Sandbox Unified School District');
    assert.deepEqual((await t.get('/ws/v1/district/school/count')).body, { resource: { count: 3 } });
    const schools = (await t.get('/ws/v1/district/school')).body.schools.school;
    assert.equal(schools.length, 3);
    assert.deepEqual(schools.map((school: { school_number: number }) => school.school_number), [100, 200, 300]);
  });

  it('returns ONE record as an object, not a one-element array (XML quirk)', async () => {
    const { body } = await t.get('/ws/v1/district/school?pagesize=1');
    assert.equal(Array.isArray(body.schools.school), false);
    assert.equal(body.schools.school.school_number, 100);
  });

  it('counts and lists students with @expansions/@extensions attributes', async () => {
    assert.deepEqual((await t.get('/ws/v1/district/student/count')).body, { resource: { count: 200 } });
    const { body } = await t.get('/ws/v1/district/student?pagesize=5');
    assert.match(body.students['@expansions'], /^demographics, addresses, alerts, phones, school_enrollment/);
    assert.match(body.students['@extensions'], /u_studentsuserfields/);
    assert.match(body.students['@extensions'], /studentcorefields/);
    assert.equal(body.students.student.length, 5);
    const first = body.students.student[0];
    assert.equal(typeof first.id, 'number');
    assert.equal(typeof first.local_id, 'number');
    assert.ok(first.name.last_name);
    assert.equal(first.demographics, undefined, 'no expansion unless asked');
  });

  it('pages: page sizes above the max are capped, and pages add up to the count', async () => {
    const capped = await t.get('/ws/v1/district/student?pagesize=500');
    assert.equal(capped.body.students.student.length, 100);
    const ids = new Set<number>();
    for (let page = 1; page <= 5; page++) {
      const { body } = await t.get(`/ws/v1/district/student?page=${page}&pagesize=60`);
      for (const student of asArray(body.students === '' ? '' : body.students.student)) ids.add((student as { id: number }).id);
    }
    assert.equal(ids.size, 200);
    assert.deepEqual((await t.get('/ws/v1/district/student?page=99')).body, { students: '' });
    assert.equal((await t.get('/ws/v1/district/student?page=0')).status, 400);
    assert.equal((await t.get('/ws/v1/district/student?pagesize=abc')).status, 400);
  });

  it('expands every documented expansion and turns numeric strings into numbers', async () => {
    const { body } = await t.get(`/ws/v1/district/student?pagesize=100&expansions=${allExpansions}`);
    const students = body.students.student as Record<string, any>[];
    const student = students[0]!;
    for (const name of ['demographics', 'addresses', 'phones', 'school_enrollment', 'ethnicity_race', 'contact', 'contact_info', 'initial_enrollment', 'schedule_setup', 'lunch']) {
      assert.ok(student[name] !== undefined, `${name} present`);
    }
    assert.match(student.school_enrollment.enroll_status, /^[APTGHI]$/);
    assert.equal(typeof student.school_enrollment.school_id, 'number');
    assert.equal(typeof student.state_province_id, 'number', '"1000000007" comes back as a number');
    // real-server-behaviour.md: "Value types (R): lunch balances are strings (`"0.00"`)".
    assert.equal(student.lunch.balance_2, '0.00', 'a lunch balance stays the string "0.00"');
    assert.ok(students.every((s) => typeof s.lunch.balance_1 === 'string' && /^\d+\.\d\d$/.test(s.lunch.balance_1)));
    // Empty expansions come back as "" — most students have no alerts and no fees.
    assert.ok(students.some((s) => s.alerts === ''));
    assert.ok(students.some((s) => s.fees === ''));
    assert.ok(students.some((s) => s.alerts !== '' && s.alerts.alert.description));
    // A single race is an object, not an array.
    assert.equal(typeof student.ethnicity_race.races.district_race_code, 'string');
    // real-server-behaviour.md: "races carry `district_race_code`, `district_race_code_description`, `federal_race_code_category`".
    for (const s of students) {
      const race = s.ethnicity_race.races;
      assert.equal(typeof race.district_race_code_description, 'string', JSON.stringify(race));
      assert.equal(typeof race.federal_race_code_category, 'string', JSON.stringify(race));
    }
  });

  it('ignores unknown expansions and extensions, and adds _extension_data for known ones', async () => {
    const { status, body } = await t.get('/ws/v1/district/student?pagesize=2&expansions=nonsense&extensions=u_studentsuserfields,c_unknown');
    assert.equal(status, 200);
    const student = body.students.student[0];
    assert.equal(student.nonsense, undefined);
    const extension = student._extension_data._table_extension;
    assert.equal(extension.name, 'u_studentsuserfields', 'one extension → an object');
    // real-server-behaviour.md: "`recordFound` is `true` when the extension row exists (T)".
    assert.equal(extension.recordFound, true);
    assert.ok(extension._field.some((field: { name: string; type: string }) => field.name === 'transcriptaddrcity' && field.type === 'String'));
  });

  it('serves one student by DCID with attributes, and 404 for an unknown one', async () => {
    const list = (await t.get('/ws/v1/district/student?pagesize=1')).body.students.student;
    const { status, body } = await t.get(`/ws/v1/student/${list.id}?expansions=school_enrollment&extensions=studentcorefields,s_stu_x`);
    assert.equal(status, 200);
    assert.equal(body.student.id, list.id);
    assert.ok(body.student['@expansions']);
    assert.equal(body.student._extension_data._table_extension.length, 2);
    const missing = await t.get('/ws/v1/student/1');
    assert.equal(missing.status, 404);
    assert.ok(missing.body.message);
  });

  it('lists the students of one school, consistent with the district list', async () => {
    const school = (await t.get('/ws/v1/district/school?pagesize=1')).body.schools.school;
    const count = (await t.get(`/ws/v1/school/${school.id}/student/count`)).body.resource.count;
    const filtered = (await t.get(`/ws/v1/district/student/count?q=school_enrollment.school_number==${school.school_number}`)).body.resource.count;
    assert.ok(count > 0 && count < 200);
    assert.equal(count, filtered);
    const page = (await t.get(`/ws/v1/school/${school.id}/student?expansions=school_enrollment`)).body.students.student;
    assert.ok(page.every((student: any) => student.school_enrollment.school_id === school.id));
    assert.equal((await t.get('/ws/v1/school/999999/student')).status, 404);
  });

  it('keeps _extension_data values as strings typed "String" (real-server-behaviour.md: "`_extension_data` field values are strings (`"1854"`) with `"type":"String"`")', async () => {
    const { body } = await t.get('/ws/v1/district/student?pagesize=20&extensions=studentcorefields,s_stu_x');
    const fields = body.students.student.flatMap((student: any) => student._extension_data._table_extension.flatMap((table: any) => [table._field].flat()));
    const graduation = fields.filter((field: any) => field.name === 'graduation_year');
    assert.ok(graduation.length > 0);
    for (const field of fields) {
      assert.equal(typeof field.value, 'string', JSON.stringify(field));
      assert.equal(field.type, 'String', JSON.stringify(field));
    }
    assert.match(graduation[0].value, /^\d{4}$/, 'a numeric-looking value such as "2031" stays a string');
  });

  it('answers recordFound false when the student has no extension row (real-server-behaviour.md: "`recordFound` is `true` when the extension row exists")', async () => {
    const student = (await t.get('/ws/v1/district/student?pagesize=1')).body.students.student;
    assert.equal((await t.send('DELETE', `/ws/schema/table/s_stu_x/${student.id}`, '')).status, 204);
    const { body } = await t.get(`/ws/v1/student/${student.id}?extensions=s_stu_x`);
    assert.equal(body.student._extension_data._table_extension.recordFound, false);
    assert.equal(body.student._extension_data._table_extension._field, '');
  });

  it('lists schools with @expansions, @extensions, principal and assistant_principal (real-server-behaviour.md: "`GET /ws/v1/district/school` carries `@expansions` (`school_boundary, full_time_equivalencies, school_fees_setup`) and `@extensions`"; "schools have `principal` and `assistant_principal` with `name` and `email`")', async () => {
    const { body } = await t.get('/ws/v1/district/school');
    assert.equal(body.schools['@expansions'], 'school_boundary, full_time_equivalencies, school_fees_setup');
    assert.equal(body.schools['@extensions'], '');
    for (const school of body.schools.school) {
      for (const role of ['principal', 'assistant_principal']) {
        assert.equal(typeof school[role].name.first_name, 'string', `${role} of ${school.name}`);
        assert.equal(typeof school[role].name.last_name, 'string', `${role} of ${school.name}`);
        assert.match(school[role].email, /@/);
      }
    }
    assert.deepEqual((await t.get(`/ws/v1/school/${body.schools.school[0].id}`)).body.school.assistant_principal, body.schools.school[0].assistant_principal);
  });

  it('serves a course', async () => {
    const { status, body } = await t.get('/ws/v1/course/1');
    assert.equal(status, 200);
    assert.equal(body.course.id, 1);
    assert.ok(body.course.course_name);
  });
});

describe('sandbox /ws/v1 q filtering', () => {
  let t: TestSandbox;
  before(async () => (t = await startTestSandbox()));
  after(() => t.sandbox.close());
  const count = async (q: string) => {
    const response = await t.get(`/ws/v1/district/student/count?q=${encodeURIComponent(q)}`);
    assert.equal(response.status, 200, response.text);
    return response.body.resource.count as number;
  };
  const students = async (q: string) => {
    const { body } = await t.get(`/ws/v1/district/student?pagesize=100&expansions=school_enrollment,demographics&q=${encodeURIComponent(q)}`);
    return body.students === '' ? [] : asArray(body.students.student) as any[];
  };

  it('translates enroll_status letters (any case) to codes, and in-lists are ORs', async () => {
    const active = await count('school_enrollment.enroll_status==A');
    assert.equal(active, await count('school_enrollment.enroll_status==a'));
    assert.equal(active, await count('school_enrollment.enroll_status_code==0'));
    const preOrActive = await count('school_enrollment.enroll_status==(A,P)');
    assert.equal(preOrActive, active + (await count('school_enrollment.enroll_status==P')));
    assert.ok(active > 150 && active < 200);
  });

  it('matches * wildcards case-insensitively and joins terms with ; (AND)', async () => {
    const list = await students('name.last_name==j*');
    assert.ok(list.length > 0);
    assert.ok(list.every((student) => /^J/i.test(student.name.last_name)));
    const both = await students('name.last_name==J*;school_enrollment.enroll_status==A');
    assert.ok(both.length <= list.length);
    assert.ok(both.every((student) => /^J/.test(student.name.last_name) && student.school_enrollment.enroll_status === 'A'));
  });

  it('compares dates YYYY-MM-DD with =gt= / =le=', async () => {
    const after = await students('demographics.birth_date=gt=2015-01-01');
    assert.ok(after.length > 0);
    assert.ok(after.every((student) => student.demographics.birth_date > '2015-01-01'));
    const total = await count('');
    assert.equal((await count('demographics.birth_date=gt=2015-01-01')) + (await count('demographics.birth_date=le=2015-01-01')), total);
  });

  it('accepts every field the editor offers for v1 student q (the shared field catalog)', async () => {
    for (const field of V1_CATALOGS.student.fields) {
      const value = field.allowedValues?.[0]?.value ?? (field.type === 'number' ? '1' : field.type === 'date' ? '2026-08-17' : 'A*');
      const response = await t.get(`/ws/v1/district/student/count?q=${encodeURIComponent(`${field.name}==${value}`)}`);
      assert.equal(response.status, 200, `${field.name}: ${response.text}`);
    }
  });

  it('answers a bad q with 400 and the documented error shape naming the position', async () => {
    for (const q of ['name.last_name=xx=Smith', 'nosuchfield==1', 'school_enrollment.entry_date==2026-13-45', 'local_id==abc']) {
      const { status, body } = await t.get(`/ws/v1/district/student?q=${encodeURIComponent(q)}`);
      assert.equal(status, 400, q);
      assert.match(body.message, /offset \d+/);
      assert.equal(body.errors[0].field, 'q');
    }
  });
});
