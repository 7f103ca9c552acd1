import type { SqlValue } from 'sql.js';
import type { SandboxContext } from '../context';
import { tooDeepPointer } from '../../core/payload';
import { isPage, readPage } from '../http/paging';
import { isFilter, qFilter, type SqlFilter } from '../http/qFilter';
import type { Router } from '../http/router';
import { errorResponse, json, type SandboxRequest, type SandboxResponse } from '../http/types';
import { studentQColumn } from './studentFields';
import { expansionsAttribute, parseExpansions, parseExtensions, renderStudents, studentElements, studentExtensionTables, studentRowsToRender } from './studentResource';
import { applyStudent } from './studentPost';
import type { Row } from '../data/sqlite';
import { addScheduleRoutes } from './scheduleRoutes';
import { addStaffRoutes } from './staffRoutes';
import { count, isSchool, listOfElements, listResponse, notFound, pathDcid, schoolOfPath, v1 } from './v1Response';

const maxStudentBodyDepth = 64;

/** Recorded on `GET /ws/v1/district/school` (real-server-behaviour.md). */
const schoolExpansionsAttribute = 'school_boundary, full_time_equivalencies, school_fees_setup';

/** SCHOOLS keeps a person as one "First Last" text and an email; v1 splits the name. */
function person(name: SqlValue | undefined, email: SqlValue | undefined): Record<string, unknown> | undefined {
  if (!name) return undefined;
  const [first, ...rest] = String(name).split(' ');
  return { name: { first_name: first, last_name: rest.join(' ') || undefined }, email: email || undefined };
}

function schoolJson(row: Row): Record<string, unknown> {
  return {
    id: row.dcid,
    name: row.name,
    school_number: row.school_number,
    state_province_id: row.sif_stateprid ?? undefined,
    low_grade: row.low_grade,
    high_grade: row.high_grade,
    alternate_school_number: row.alternate_school_number,
    addresses: { physical: { street: row.schooladdress, city: row.schoolcity, state_province: row.schoolstate, postal_code: row.schoolzip } },
    phones: { main: { number: row.schoolphone } },
    principal: person(row.principal, row.principalemail),
    assistant_principal: person(row.asstprincipal, row.asstprincipalemail),
  };
}

/**
 * The DCIDs of one page of students (`where` over alias `s`, then LIMIT and OFFSET). Without a q, SQLite walks the
 * small `students_dcid` index to the offset, not the 152-column table (pinned by studentPagePlan.test.ts).
 */
export function studentPageSql(where: string): string {
  return `SELECT s.dcid FROM students s WHERE ${where} ORDER BY s.dcid LIMIT ? OFFSET ?`;
}

/** Registers /ws/v1: time, metadata, district, schools, students, student, and the schedule and staff resources. */
export function addV1Routes(router: Router, context: SandboxContext): void {
  const { store } = context;
  const studentExtensions = studentExtensionTables(context.catalog);
  const extensionsAttribute = studentExtensions.map((table) => table.name).join(',');

  router.add('GET', '/ws/v1/time', () => {
    const now = context.now();
    return json(200, { resource: { time: new Date(now).toISOString(), timestamp: Math.floor(now / 1000) } });
  });

  router.add('GET', '/ws/v1/metadata', () => v1(200, {
    metadata: {
      // Values a real server reports vary; these are plausible and stable.
      powerschool_version: '25.7.0.0.252160',
      plugin_id: 1,
      state: context.district.state,
      district_timezone: context.district.timezone,
      student_max_page_size: context.maxPageSize,
      school_max_page_size: context.maxPageSize,
      course_max_page_size: context.maxPageSize,
      section_max_page_size: context.maxPageSize,
      staff_max_page_size: context.maxPageSize,
      term_max_page_size: context.maxPageSize,
      section_enrollment_max_page_size: context.maxPageSize,
      schema_table_query_max_page_size: context.maxPageSize,
    },
  }));

  router.add('GET', '/ws/v1/district', () => {
    const { district } = context;
    return v1(200, {
      district: {
        name: district.name,
        district_number: district.districtNumber,
        addresses: { physical: { city: district.city, state_province: district.state } },
        timezone: district.timezone,
      },
    });
  });

  router.add('GET', '/ws/v1/district/school/count', () => count(Number(store.scalar('SELECT COUNT(*) FROM schools'))));
  router.add('GET', '/ws/v1/district/school', (request) => {
    const page = readPage(request.query, context.maxPageSize, 'school');
    if (!isPage(page)) return page;
    const rows = store.all('SELECT * FROM schools ORDER BY dcid LIMIT ? OFFSET ?', [page.limit, page.offset]);
    // The sandbox's catalog has no one-to-one SCHOOLS extension, so `@extensions` is empty.
    return listResponse('schools', 'school', rows.map(schoolJson), { '@expansions': schoolExpansionsAttribute, '@extensions': '' });
  });
  router.add('GET', '/ws/v1/school/{id}', (request) => {
    const row = store.get('SELECT * FROM schools WHERE dcid = ?', [Number(request.params.id)]);
    return row ? v1(200, { school: schoolJson(row) }) : errorResponse(404, `School ${request.params.id} not found`);
  });

  const studentFilter = (request: SandboxRequest, extra?: SqlFilter): SqlFilter | SandboxResponse => {
    const filter = qFilter(request.query.get('q'), 'v1', studentQColumn, 'student');
    if (!isFilter(filter) || !extra) return filter;
    return { where: `(${filter.where}) AND ${extra.where}`, params: [...filter.params, ...extra.params] };
  };

  const studentList = (request: SandboxRequest, extra?: SqlFilter): SandboxResponse => {
    const filter = studentFilter(request, extra);
    if (!isFilter(filter)) return filter;
    const page = readPage(request.query, context.maxPageSize, 'student');
    if (!isPage(page)) return page;
    const dcids = store.all(studentPageSql(filter.where), [...filter.params, page.limit, page.offset]).map((row) => Number(row.dcid));
    // Undocumented: an empty result page comes back as {"students":""} (an empty XML element).
    if (dcids.length === 0) return v1(200, { students: '' });
    const students = studentElements(store, context.studentElements, dcids, parseExpansions(request.query.get('expansions')), parseExtensions(request.query.get('extensions'), studentExtensions));
    return listOfElements('students', 'student', students, { '@expansions': expansionsAttribute, '@extensions': extensionsAttribute });
  };
  const studentCount = (request: SandboxRequest, extra?: SqlFilter): SandboxResponse => {
    const filter = studentFilter(request, extra);
    if (!isFilter(filter)) return filter;
    return count(Number(store.scalar(`SELECT COUNT(*) FROM students s WHERE ${filter.where}`, filter.params)));
  };
  const schoolScope = (request: SandboxRequest): SqlFilter | SandboxResponse => {
    const school = schoolOfPath(store, request.params.id);
    return isSchool(school) ? { where: 's.schoolid = ?', params: [school.number] } : school;
  };

  router.add('GET', '/ws/v1/district/student/count', (request) => studentCount(request));
  router.add('GET', '/ws/v1/district/student', (request) => studentList(request));
  router.add('GET', '/ws/v1/school/{id}/student/count', (request) => {
    const scope = schoolScope(request);
    return isFilter(scope) ? studentCount(request, scope) : scope;
  });
  router.add('GET', '/ws/v1/school/{id}/student', (request) => {
    const scope = schoolScope(request);
    return isFilter(scope) ? studentList(request, scope) : scope;
  });
  router.add('GET', '/ws/v1/student/{id}', (request) => {
    const dcid = pathDcid(request.params.id);
    const [row] = dcid === undefined ? [] : studentRowsToRender(store, 'dcid = ?', [dcid]);
    if (!row) return notFound('student', request.params.id);
    const [student] = renderStudents(store, [row], parseExpansions(request.query.get('expansions')), parseExtensions(request.query.get('extensions'), studentExtensions));
    return v1(200, { student: { '@expansions': expansionsAttribute, '@extensions': extensionsAttribute, ...student } });
  });

  router.add('POST', '/ws/v1/student', (request) => {
    let body: unknown;
    try {
      body = JSON.parse(request.body);
    } catch (error) {
      return errorResponse(400, `Malformed JSON body: ${(error as Error).message}`, [{ resource: 'student', field: '', code: 'INVALID_JSON' }]);
    }
    // A student body is a few levels deep; far deeper input is refused before the record rules walk it.
    if (tooDeepPointer(body, maxStudentBodyDepth) !== undefined) {
      return errorResponse(400, `Body nested deeper than ${maxStudentBodyDepth} levels; a students body needs far fewer`, [{ resource: 'student', field: '', code: 'INVALID_BODY' }]);
    }
    const wrapper = (body as { students?: { student?: unknown } } | null)?.students?.student;
    if (wrapper === undefined || wrapper === null) {
      return errorResponse(400, 'Body must be {"students":{"student":[...]}} — every student wrapped in a student entity', [{ resource: 'student', field: 'students', code: 'INVALID_BODY' }]);
    }
    const items = Array.isArray(wrapper) ? wrapper : [wrapper];
    const baseUrl = `http://${request.headers.host ?? '127.0.0.1'}`;
    const namedExtensions = parseExtensions(request.query.get('extensions'), studentExtensions);
    const results = items.map((item) => applyStudent(context, item, namedExtensions, baseUrl));
    const succeeded = results.filter((result) => result.status !== 'ERROR');
    return v1(200, {
      results: {
        insert_count: succeeded.filter((result) => result.action === 'INSERT').length,
        update_count: succeeded.filter((result) => result.action === 'UPDATE').length,
        delete_count: 0,
        result: results,
      },
    });
  });

  addScheduleRoutes(router, context);
  addStaffRoutes(router, context);
}
