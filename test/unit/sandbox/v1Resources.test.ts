import * as assert from 'node:assert/strict';
import { V1_CATALOGS } from '../../../src/core/q';
import { startTestSandbox, type TestSandbox } from './harness';

// real-server-behaviour.md, /ws/v1: "Endpoints real clients use (R, C): `/ws/v1/staff/{id}` (`school_affiliations`),
// `/ws/v1/school/{id}/course`, `/ws/v1/school/{id}/section`, `/ws/v1/school/{id}/staff`, `/ws/v1/school/{id}/term`,
// `/ws/v1/section/{id}`, `/ws/v1/section_enrollment/{id}`". Each must agree with the generated district.

const asArray = <T>(value: T | T[] | ''): T[] => (value === '' ? [] : Array.isArray(value) ? value : [value]);

describe('sandbox /ws/v1 staff, course, term, section and section_enrollment resources', () => {
  let t: TestSandbox;
  let school: { id: number; school_number: number };
  before(async () => {
    t = await startTestSandbox();
    school = (await t.get('/ws/v1/district/school?pagesize=1')).body.schools.school;
  });
  after(() => t.sandbox.close());

  const ok = async (path: string) => {
    const answer = await t.get(path);
    assert.equal(answer.status, 200, `${path}: ${answer.text}`);
    return answer.body;
  };

  it('lists a school\'s sections whose course, staff and term ids resolve (fact: "`/ws/v1/school/{id}/section`", "`/ws/v1/section/{id}`")', async () => {
    const sections = asArray((await ok(`/ws/v1/school/${school.id}/section`)).sections.section) as any[];
    assert.ok(sections.length > 1);
    assert.equal(sections.length, Math.min((await ok(`/ws/v1/school/${school.id}/section/count`)).resource.count, 100));
    const section = sections[0];
    assert.deepEqual(Object.keys(section).sort(), ['course_id', 'expression', 'id', 'school_id', 'section_number', 'staff_id', 'term_id']);
    assert.equal(section.school_id, school.id);
    assert.deepEqual((await ok(`/ws/v1/section/${section.id}`)).section, section);
    const course = (await ok(`/ws/v1/course/${section.course_id}`)).course;
    const courses = asArray((await ok(`/ws/v1/school/${school.id}/course`)).courses.course) as any[];
    assert.ok(courses.some((candidate) => candidate.id === course.id), 'the section\'s course is one of the school\'s courses');
    assert.equal((await ok(`/ws/v1/school/${school.id}/course/count`)).resource.count, courses.length);
    const terms = asArray((await ok(`/ws/v1/school/${school.id}/term`)).terms.term) as any[];
    assert.equal((await ok(`/ws/v1/school/${school.id}/term/count`)).resource.count, terms.length);
    const term = terms.find((candidate) => candidate.id === section.term_id);
    assert.ok(term, 'the section\'s term is one of the school\'s terms');
    assert.equal(term.school_id, school.id);
    assert.deepEqual(Object.keys(term).sort(), ['abbreviation', 'end_date', 'id', 'name', 'portion', 'school_id', 'start_date', 'start_year']);
    assert.match(term.start_date, /^\d{4}-\d\d-\d\d$/);
    assert.deepEqual((await ok(`/ws/v1/term/${term.id}`)).term, term);
    const staff = (await ok(`/ws/v1/staff/${section.staff_id}?expansions=school_affiliations`)).staff;
    assert.ok(asArray(staff.school_affiliations.school_affiliation).some((affiliation: any) => affiliation.school_id === school.id));
  });

  it('serves a staff member with school_affiliations, and a school\'s staff paged with a count (fact: "`/ws/v1/staff/{id}` (`school_affiliations`)", "`/ws/v1/school/{id}/staff`")', async () => {
    const total = (await ok(`/ws/v1/school/${school.id}/staff/count`)).resource.count as number;
    assert.ok(total >= 3);
    const first = await ok(`/ws/v1/school/${school.id}/staff?pagesize=2&expansions=emails,school_affiliations`);
    assert.equal(first.staffs['@expansions'], 'addresses, emails, phones, school_affiliations');
    const page = asArray(first.staffs.staff) as any[];
    assert.equal(page.length, 2);
    const member = page[0];
    assert.equal(typeof member.id, 'number');
    assert.ok(member.name.last_name && member.admin_username && member.local_id);
    assert.match(member.emails.work_email, /@/);
    assert.deepEqual(member.school_affiliations.school_affiliation, { school_id: school.id, type: 1, status: 1 });
    const seen = new Set<number>();
    for (let number = 1; number <= Math.ceil(total / 2); number++) {
      for (const staff of asArray((await ok(`/ws/v1/school/${school.id}/staff?pagesize=2&page=${number}`)).staffs.staff) as any[]) seen.add(staff.id);
    }
    assert.equal(seen.size, total);
    const one = (await ok(`/ws/v1/staff/${member.id}?expansions=school_affiliations`)).staff;
    assert.equal(one.id, member.id);
    assert.ok(one['@expansions']);
    assert.equal(one.emails, undefined, 'no expansion unless asked');
    assert.equal((await t.get('/ws/v1/staff/999999')).status, 404);
  });

  it('serves section enrollments by CC.DCID and per section, with a count (fact: "`/ws/v1/section_enrollment/{id}`")', async () => {
    const sections = asArray((await ok(`/ws/v1/school/${school.id}/section`)).sections.section) as any[];
    const section = sections[0];
    const total = (await ok(`/ws/v1/section/${section.id}/section_enrollment/count`)).resource.count as number;
    assert.ok(total > 0);
    const enrollments = asArray((await ok(`/ws/v1/section/${section.id}/section_enrollment`)).section_enrollments.section_enrollment) as any[];
    assert.equal(enrollments.length, Math.min(total, 100));
    const sorted = [...enrollments].sort((a, b) => a.student_id - b.student_id);
    assert.deepEqual(enrollments.map((e) => e.student_id), sorted.map((e) => e.student_id), 'sorted by student_id');
    const enrollment = enrollments[0];
    assert.deepEqual(Object.keys(enrollment).sort(), ['dropped', 'entry_date', 'exit_date', 'id', 'section_id', 'student_id']);
    assert.equal(enrollment.section_id, section.id);
    assert.equal(enrollment.dropped, false);
    assert.deepEqual((await ok(`/ws/v1/section_enrollment/${enrollment.id}`)).section_enrollment, enrollment);
    const student = (await ok(`/ws/v1/student/${enrollment.student_id}?expansions=school_enrollment`)).student;
    assert.equal(student.school_enrollment.school_id, school.id, 'the enrolled student attends the section\'s school');
  });

  // Issue 12: the new resources take "q/paging/expansions as for students"; the fields are core/schema's
  // V1_RESOURCE_FIELDS, the editor's catalog for the same lists.
  it('filters a school\'s staff, courses, sections and terms by q, list and /count alike', async () => {
    const staff = asArray((await ok(`/ws/v1/school/${school.id}/staff`)).staffs.staff) as any[];
    const lastName = staff[1].name.last_name as string;
    const named = asArray((await ok(`/ws/v1/school/${school.id}/staff?q=${encodeURIComponent(`name.last_name==${lastName.slice(0, 2)}*`)}`)).staffs.staff) as any[];
    assert.ok(named.length >= 1 && named.length < staff.length, `${named.length} of ${staff.length}`);
    assert.ok(named.every((member) => member.name.last_name.startsWith(lastName.slice(0, 2))));
    assert.equal((await ok(`/ws/v1/school/${school.id}/staff/count?q=${encodeURIComponent(`name.last_name==${lastName.slice(0, 2)}*`)}`)).resource.count, named.length);
    assert.deepEqual((asArray((await ok(`/ws/v1/school/${school.id}/staff?q=local_id==${staff[0].local_id}`)).staffs.staff) as any[]).map((member) => member.id), [staff[0].id]);

    const sections = asArray((await ok(`/ws/v1/school/${school.id}/section`)).sections.section) as any[];
    const termId = sections[0].term_id as number;
    const inTerm = asArray((await ok(`/ws/v1/school/${school.id}/section?q=term_id==${termId}`)).sections.section) as any[];
    assert.ok(inTerm.length > 0 && inTerm.every((section) => section.term_id === termId));
    assert.equal((await ok(`/ws/v1/school/${school.id}/section/count?q=term_id==${termId}`)).resource.count,
      (await ok(`/ws/v1/school/${school.id}/section/count`)).resource.count - (await ok(`/ws/v1/school/${school.id}/section/count?q=term_id=lt=${termId}`)).resource.count
      - (await ok(`/ws/v1/school/${school.id}/section/count?q=term_id=gt=${termId}`)).resource.count);

    const courses = asArray((await ok(`/ws/v1/school/${school.id}/course`)).courses.course) as any[];
    const course = courses[courses.length - 1];
    assert.deepEqual(asArray((await ok(`/ws/v1/school/${school.id}/course?q=course_number==${encodeURIComponent(course.course_number)}`)).courses.course), [course]);

    const terms = asArray((await ok(`/ws/v1/school/${school.id}/term`)).terms.term) as any[];
    const fullYear = asArray((await ok(`/ws/v1/school/${school.id}/term?q=portion==1`)).terms.term) as any[];
    assert.ok(fullYear.length > 0 && fullYear.length < terms.length && fullYear.every((term) => term.portion === 1));
    const late = terms[terms.length - 1].start_date as string;
    assert.ok((asArray((await ok(`/ws/v1/school/${school.id}/term?q=start_date=ge=${late}`)).terms.term) as any[]).every((term) => term.start_date >= late));
    assert.equal((await ok(`/ws/v1/school/${school.id}/course?q=course_number==nosuchcourse`)).courses, '', 'an empty page, as for students');
  });

  it('filters a section\'s enrollments by q', async () => {
    const section = (asArray((await ok(`/ws/v1/school/${school.id}/section`)).sections.section) as any[])[0];
    const enrollments = asArray((await ok(`/ws/v1/section/${section.id}/section_enrollment`)).section_enrollments.section_enrollment) as any[];
    const student = enrollments[enrollments.length - 1].student_id;
    const own = asArray((await ok(`/ws/v1/section/${section.id}/section_enrollment?q=student_id==${student}`)).section_enrollments.section_enrollment) as any[];
    assert.ok(own.length >= 1 && own.every((enrollment) => enrollment.student_id === student));
    assert.equal((await ok(`/ws/v1/section/${section.id}/section_enrollment/count?q=student_id==${student}`)).resource.count, own.length);
  });

  it('accepts q on every field the editor offers for these lists (the shared field catalogs), and refuses others with 400', async () => {
    const section = (asArray((await ok(`/ws/v1/school/${school.id}/section`)).sections.section) as any[])[0];
    const lists = { staff: `/ws/v1/school/${school.id}/staff`, course: `/ws/v1/school/${school.id}/course`, section: `/ws/v1/school/${school.id}/section`,
      term: `/ws/v1/school/${school.id}/term`, section_enrollment: `/ws/v1/section/${section.id}/section_enrollment` } as const;
    for (const [resource, path] of Object.entries(lists)) {
      for (const field of V1_CATALOGS[resource as keyof typeof lists].fields) {
        const value = field.type === 'number' ? '1' : field.type === 'date' ? '2026-08-17' : 'A*';
        for (const url of [`${path}?q=${encodeURIComponent(`${field.name}==${value}`)}`, `${path}/count?q=${encodeURIComponent(`${field.name}==${value}`)}`]) {
          const answer = await t.get(url);
          assert.equal(answer.status, 200, `${url}: ${answer.text}`);
        }
      }
      const refused = await t.get(`${path}?q=nosuchfield==1`);
      assert.equal(refused.status, 400, path);
      assert.equal(refused.body.errors[0].field, 'q');
      assert.equal(refused.body.errors[0].resource, resource);
    }
  });

  it('answers 404 for unknown ids and an unknown school', async () => {
    for (const path of ['/ws/v1/section/999999', '/ws/v1/section_enrollment/99999999', '/ws/v1/term/999999', '/ws/v1/course/abc',
      '/ws/v1/school/999999/section', '/ws/v1/school/999999/staff/count', '/ws/v1/section/999999/section_enrollment']) {
      assert.equal((await t.get(path)).status, 404, path);
    }
  });
});
