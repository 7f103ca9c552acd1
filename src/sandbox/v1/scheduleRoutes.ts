import type { ResourceField } from '../../core/schema';
import type { SandboxContext } from '../context';
import type { Row } from '../data/sqlite';
import { isPage, readPage } from '../http/paging';
import type { Router } from '../http/router';
import type { SandboxRequest, SandboxResponse } from '../http/types';
import { isFilter } from '../http/qFilter';
import { countOf, isRows, listFilter, type MatchingRows } from './listFilter';
import { isSchool, listResponse, notFound, pathDcid, schoolOfPath, v1 } from './v1Response';

// The scheduling resources of /ws/v1: courses, terms, sections and section enrollments, read
// from the generated COURSES, TERMS, SECTIONS and CC. Every id is the row's DCID, as
// PowerSchool's v1 reference states for sections (SECTIONS.DCID, school_id SCHOOLS.DCID,
// course_id COURSES.DCID, staff_id SCHOOLSTAFF.DCID, term_id TERMS.DCID) and section enrollments
// (CC.DCID, section_id, student_id STUDENTS.DCID, entry_date, exit_date, dropped) and terms
// (TERMS.DCID, school_id, start_year, portion, start_date, end_date, abbreviation, name). The
// course shape is not in the references: we chose PowerSchool's usual field names for it.
// Each select names its columns as the resource's fields, so that q (core/schema's
// V1_RESOURCE_FIELDS) filters the select wrapped as `r`: field `term_id` is `r.term_id`.

const courseSelect = 'SELECT dcid AS id, course_number, course_name, credit_hours, credittype AS credit_type, schoolid AS school_id FROM courses';

function courseJson(row: Row): Record<string, unknown> {
  return { ...row, school_id: row.school_id || undefined };
}

const termSelect = `SELECT t.dcid AS id, t.name, t.abbreviation, t.firstday AS start_date, t.lastday AS end_date,
  t.yearid + 1990 AS start_year, t.portion, sc.dcid AS school_id FROM terms t LEFT JOIN schools sc ON sc.school_number = t.schoolid`;

// Subqueries rather than joins: a course number or term id written twice through the table API
// must not duplicate the section.
const sectionSelect = `SELECT sec.dcid AS id,
  (SELECT sc.dcid FROM schools sc WHERE sc.school_number = sec.schoolid) AS school_id,
  (SELECT c.dcid FROM courses c WHERE c.course_number = sec.course_number ORDER BY c.dcid LIMIT 1) AS course_id,
  (SELECT ss.dcid FROM schoolstaff ss WHERE ss.id = sec.teacher) AS staff_id,
  (SELECT t.dcid FROM terms t WHERE t.id = sec.termid AND t.schoolid = sec.schoolid) AS term_id,
  sec.section_number, sec.expression FROM sections sec`;

// CC.SECTIONID is negative once the student dropped the class (PowerSchool's convention).
const enrollmentSelect = `SELECT cc.dcid AS id,
  (SELECT sec.dcid FROM sections sec WHERE sec.id = abs(cc.sectionid)) AS section_id,
  (SELECT s.dcid FROM students s WHERE s.id = cc.studentid) AS student_id,
  cc.dateenrolled AS entry_date, cc.dateleft AS exit_date, cc.sectionid < 0 AS dropped FROM cc`;

const enrollmentJson = (row: Row) => ({ ...row, dropped: row.dropped === 1 });

/** A field's column in the selects above, wrapped as `r`. */
const fieldOfSelect = (field: ResourceField) => `r.${field.path}`;

/** Registers courses, terms, sections and section enrollments, by id and per school/section. */
export function addScheduleRoutes(router: Router, context: SandboxContext): void {
  const { store } = context;
  const one = (resource: string, sql: string, render: (row: Row) => unknown = (row) => row) => (request: SandboxRequest): SandboxResponse => {
    const dcid = pathDcid(request.params.id);
    const row = dcid === undefined ? undefined : store.get(sql, [dcid]);
    return row ? v1(200, { [resource]: render(row) }) : notFound(resource, request.params.id);
  };
  /** `/ws/v1/school/{id}/<resource>` and its `/count`: `select … where` with the school number as `?`, paged in id order. */
  const perSchool = (resource: 'course' | 'term' | 'section', plural: string, select: string, where: string, render: (row: Row) => unknown = (row) => row) => {
    /** The school's rows matching q, as SQL after `SELECT …` with its parameters. */
    const matching = (request: SandboxRequest): MatchingRows | SandboxResponse => {
      const school = schoolOfPath(store, request.params.id);
      if (!isSchool(school)) return school;
      const filter = listFilter(request, resource, fieldOfSelect);
      if (!isFilter(filter)) return filter;
      return { from: `FROM (${select} WHERE ${where}) r WHERE ${filter.where}`, params: [school.number, ...filter.params] };
    };
    router.add('GET', `/ws/v1/school/{id}/${resource}/count`, (request) => countOf(store, matching(request)));
    router.add('GET', `/ws/v1/school/{id}/${resource}`, (request) => {
      const rows = matching(request);
      if (!isRows(rows)) return rows;
      const page = readPage(request.query, context.maxPageSize, resource);
      if (!isPage(page)) return page;
      return listResponse(plural, resource, store.all(`SELECT r.* ${rows.from} ORDER BY r.id LIMIT ? OFFSET ?`, [...rows.params, page.limit, page.offset]).map(render));
    });
  };

  router.add('GET', '/ws/v1/course/{id}', one('course', `${courseSelect} WHERE dcid = ?`, courseJson));
  // A school's courses are the ones it runs sections of (the generated catalog is district-wide).
  perSchool('course', 'courses', courseSelect, 'course_number IN (SELECT course_number FROM sections WHERE schoolid = ?)', courseJson);

  router.add('GET', '/ws/v1/term/{id}', one('term', `${termSelect} WHERE t.dcid = ?`));
  perSchool('term', 'terms', termSelect, 't.schoolid = ?');

  router.add('GET', '/ws/v1/section/{id}', one('section', `${sectionSelect} WHERE sec.dcid = ?`));
  perSchool('section', 'sections', sectionSelect, 'sec.schoolid = ?');

  router.add('GET', '/ws/v1/section_enrollment/{id}', one('section_enrollment', `${enrollmentSelect} WHERE cc.dcid = ?`, enrollmentJson));
  /** The section's enrollments matching q, as SQL after `SELECT …` with its parameters. */
  const sectionEnrollments = (request: SandboxRequest): MatchingRows | SandboxResponse => {
    const dcid = pathDcid(request.params.id);
    const section = dcid === undefined ? undefined : store.get('SELECT id FROM sections WHERE dcid = ?', [dcid]);
    if (!section) return notFound('section', request.params.id);
    const filter = listFilter(request, 'section_enrollment', fieldOfSelect);
    if (!isFilter(filter)) return filter;
    return { from: `FROM (${enrollmentSelect} WHERE cc.sectionid IN (?, ?)) r WHERE ${filter.where}`, params: [Number(section.id), -Number(section.id), ...filter.params] };
  };
  router.add('GET', '/ws/v1/section/{id}/section_enrollment/count', (request) => countOf(store, sectionEnrollments(request)));
  router.add('GET', '/ws/v1/section/{id}/section_enrollment', (request) => {
    const rows = sectionEnrollments(request);
    if (!isRows(rows)) return rows;
    const page = readPage(request.query, context.maxPageSize, 'section_enrollment');
    if (!isPage(page)) return page;
    // "sorted by student_id and entry_date" (PowerSchool's v1 reference).
    return listResponse('section_enrollments', 'section_enrollment',
      store.all(`SELECT r.* ${rows.from} ORDER BY r.student_id, r.entry_date LIMIT ? OFFSET ?`, [...rows.params, page.limit, page.offset]).map(enrollmentJson));
  });
}
